"""The questions asked of a corpus store: one layer for the command line (whole tables, as
pandas DataFrames) and the REST service (pages, with cursors), over the same filters.

- :mod:`.filters`: the filters (:class:`Filters`) as SQL conditions, the periods counted by;
- :mod:`.paging`: keyset pagination (cursors);
- :mod:`.facts`: articles, quotes, events, stances, issues, places;
- :mod:`.actors`: actors ranked, over time, one actor's profile;
- :mod:`.export`: the corpus as files.

Every function takes an open :class:`~parley.store.Store` and a :class:`Filters`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from ..store import Store
from .actors import actor, actor_table, actors, timeline
from .export import EXPORT_FORMATS, EXPORT_TABLES, export
from .facts import articles, events, issues, places, positions, quote_table, quotes, stances
from .filters import PERIODS, UNDATED, Count, Filters, Period, check_period
from .paging import Page, decode_cursor, encode_cursor

Listing = Literal["articles", "quotes", "actors", "events", "positions", "places", "issues"]
LISTINGS: dict[Listing, Callable[[Store, Filters, str | None, int], Page]] = {
    "articles": articles,
    "quotes": quotes,
    "actors": actors,
    "events": events,
    "positions": positions,
    "places": places,
    "issues": issues,
}

__all__ = [
    "EXPORT_FORMATS",
    "EXPORT_TABLES",
    "LISTINGS",
    "PERIODS",
    "UNDATED",
    "Count",
    "Filters",
    "Listing",
    "Page",
    "Period",
    "actor",
    "actor_table",
    "check_period",
    "decode_cursor",
    "encode_cursor",
    "export",
    "quote_table",
    "stances",
    "timeline",
]
