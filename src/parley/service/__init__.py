"""The REST service and web page: ``parley serve --db news.duckdb``.

>>> from parley.service import ServiceConfig, create_app
>>> app = create_app(ServiceConfig(db=Path("news.duckdb")))   # an ASGI app for uvicorn

:mod:`.app` builds the app (errors, body limit, the web page); :mod:`.routers` holds one
router per OpenAPI tag; :mod:`.state` what a running app holds; :mod:`.body` reads request
bodies; :mod:`.models` the envelopes around the record's own models.
"""

from __future__ import annotations

from .app import create_app
from .state import TOKEN_ENV, ServiceConfig

__all__ = ["TOKEN_ENV", "ServiceConfig", "create_app"]
