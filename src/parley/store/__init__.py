"""The corpus store: articles and their facts in one embedded DuckDB file.

>>> from parley.store import Store
>>> with Store.open("news.duckdb", read_only=True) as store:
...     record = store.record("a1")

Schema and migrations: :mod:`parley.store.migrations`; record <-> rows:
:mod:`parley.store.tables`; the questions asked of it, by the command line and the REST
service alike: :mod:`parley.store.query`. Filling a store (analysis, story ids) is
:mod:`parley.corpus`'s.
"""

from __future__ import annotations

from ..errors import StoreError
from .migrations import SCHEMA_VERSION, Migrations
from .minhash import MinHashParams
from .store import LoadResult, Store, StoryAssigner

__all__ = ["SCHEMA_VERSION", "LoadResult", "Migrations", "MinHashParams", "Store", "StoreError", "StoryAssigner"]
