"""Keyset pagination: a listing handed out a page at a time, with a *cursor*: an opaque string
naming the last row of a page, from which the next page starts. Not an offset: each listing
has a total order ending in a unique key (ingestion number and list position, say), and the
next page is "the rows after this key", so a page stays right while articles are being added
and costs the same on page 1 and page 1,000."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ...errors import OptionError
from ..store import Store

# Sort keys: (column of the listing's query, descending?, Python type of its values).
Key = tuple[str, bool, type]


@dataclass
class Page:
    """One page of a listing; ``next`` is the cursor of the following page (None: the last)."""

    items: list[dict[str, Any]]
    next: str | None = None


def encode_cursor(values: Sequence[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(values), separators=(",", ":")).encode()).decode().rstrip("=")


def decode_cursor(cursor: str, keys: Sequence[Key]) -> list[Any]:
    """The key values a cursor holds, checked against the listing's keys; a cursor this
    listing did not hand out is refused with :class:`OptionError`."""
    problem = f"after={cursor[:40]!r}: not a cursor of this listing (use the `next` value of a page)"
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise OptionError(problem) from None
    if not isinstance(values, list) or len(values) != len(keys):
        raise OptionError(problem)
    for value, (_, _, kind) in zip(values, keys, strict=True):
        if kind is int and (not isinstance(value, int) or isinstance(value, bool) or abs(value) > 2**62):
            raise OptionError(problem)
        if kind is str and not isinstance(value, str):
            raise OptionError(problem)
    return values


def _after(keys: Sequence[Key], values: Sequence[Any]) -> tuple[str, list[Any]]:
    """SQL for "rows after ``values`` in the order of ``keys``" (row-value comparison spelt out,
    since the order mixes ascending and descending keys)."""
    ors: list[str] = []
    params: list[Any] = []
    for i, (col, desc, _) in enumerate(keys):
        ands = [f"{c} = ?" for c, _, _ in keys[:i]] + [f"{col} {'<' if desc else '>'} ?"]
        ors.append("(" + " AND ".join(ands) + ")")
        params += [*values[:i], values[i]]
    return "(" + " OR ".join(ors) + ")", params


def page(
    store: Store,
    base: str,
    params: Sequence[Any],
    keys: Sequence[Key],
    after: str | None,
    limit: int,
    item: Callable[[dict[str, Any]], dict[str, Any]],
) -> Page:
    """The ``limit`` rows of the query ``base`` that follow the cursor ``after`` in the order
    of ``keys``, each made an item by ``item``."""
    if limit < 1:
        raise OptionError(f"limit={limit}: must be at least 1")
    where, more = "TRUE", list[Any]()
    if after:
        where, more = _after(keys, decode_cursor(after, keys))
    order = ", ".join(f"{col} {'DESC' if desc else 'ASC'}" for col, desc, _ in keys)
    sql = f"SELECT * FROM ({base}) AS page WHERE {where} ORDER BY {order} LIMIT {int(limit) + 1}"
    rows = store.rows(sql, [*params, *more])
    following = None
    if len(rows) > limit:
        rows = rows[:limit]
        following = encode_cursor([rows[-1][col] for col, _, _ in keys])
    return Page([item(r) for r in rows], following)
