"""The corpus store: articles and their facts in one embedded DuckDB file.

>>> from parley.store import Store
>>> with Store.open("news.duckdb", read_only=True) as store:
...     record = store.record("a1")

Schema and migrations: :mod:`parley.store.migrations`; record <-> rows:
:mod:`parley.store.tables`; syndication (story ids): :mod:`parley.store.syndication`;
the questions users ask: :mod:`parley.store.queries`.
"""

from __future__ import annotations

from ..errors import StoreError
from .migrations import SCHEMA_VERSION, Migrations
from .store import LoadResult, Store
from .syndication import MinHashParams

__all__ = ["SCHEMA_VERSION", "LoadResult", "Migrations", "MinHashParams", "Store", "StoreError"]
