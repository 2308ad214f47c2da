"""The REST service and web page: ``parley serve --db news.duckdb``.

>>> from parley.service import ServiceConfig, create_app
>>> app = create_app(ServiceConfig(db=Path("news.duckdb")))   # an ASGI app for uvicorn
"""

from __future__ import annotations

from .app import TOKEN_ENV, ServiceConfig, create_app

__all__ = ["TOKEN_ENV", "ServiceConfig", "create_app"]
