"""Articles and the facts in them — quotes, events, stances, places, issues — as the command
line's tables and as the REST service's pages, from the same queries and filters.

Facts come back as the record's own models (:class:`~parley.model.Quote`,
:class:`~parley.model.Event`, :class:`~parley.model.Stance`), each with the article it is
from; listings are in a total order (see :mod:`.paging`): articles newest first, facts oldest
article first and in text order within an article (as ``parley quotes``), places by mentions,
issues by stances.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

import pandas as pd

from ..store import Store
from ..tables import FACT_TABLES, fact_of
from .filters import ARTICLES, EVENTS, QUOTES, STANCES, Count, Filters, and_, count_column
from .paging import Key, Page, page

ARTICLE_COLUMNS = "a.id AS article_id, a.title, a.publisher, a.published, a.url, a.story_id, a.seq"
PUBLISHED_ASC = "coalesce(strftime(a.published, '%Y-%m-%d'), '9999-99-99')"  # undated last
_PUBLISHED_DESC = "coalesce(strftime(a.published, '%Y-%m-%d'), '')"  # undated last, newest first
# Facts: oldest article first (undated last), then ingestion order, then text order.
FACT_KEYS: list[Key] = [("k_pub", False, str), ("seq", False, int), ("idx", False, int)]


def article_ref(row: dict[str, Any]) -> dict[str, Any]:
    """The article a fact is from, as listings show it."""
    return {k: row[k] for k in ("title", "publisher", "published", "url", "story_id")} | {"id": row["article_id"]}


def fact_item(table: str, name: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """A row of ``table`` joined to its article -> ``{"article", "idx", name: the model}``."""

    def item(row: dict[str, Any]) -> dict[str, Any]:
        return {"article": article_ref(row), "idx": row["idx"], name: fact_of(table, row)}

    return item


def _facts(table: str, alias: str, conds: list[str]) -> str:
    """The rows of ``table`` matching ``conds``, with their article and its sort key."""
    return (
        f"SELECT {alias}.*, {ARTICLE_COLUMNS}, {PUBLISHED_ASC} AS k_pub FROM {table} {alias} JOIN articles a ON a.id = {alias}.article_id WHERE {and_(conds)}"
    )


def articles(store: Store, f: Filters, after: str | None = None, limit: int = 50) -> Page:
    """Articles, newest first (undated last), with how many facts each holds."""
    conds, params = f.where(ARTICLES)
    counts = ", ".join(f"(SELECT count(*) FROM {t} x WHERE x.article_id = a.id) AS {t}" for t in FACT_TABLES)
    base = f"SELECT {ARTICLE_COLUMNS}, {_PUBLISHED_DESC} AS k_pub, {counts} FROM articles a WHERE {and_(conds)}"
    keys: list[Key] = [("k_pub", True, str), ("seq", True, int)]

    def item(row: dict[str, Any]) -> dict[str, Any]:
        return article_ref(row) | {k: row[k] for k in FACT_TABLES}

    return page(store, base, params, keys, after, limit, item)


def quotes(store: Store, f: Filters, after: str | None = None, limit: int = 50, *, speaker_is: str | None = None) -> Page:
    """Statements, oldest article first, in text order within an article (as ``parley
    quotes``); ``speaker_is``: of exactly this canonical speaker."""
    conds, params = f.where(QUOTES)
    if speaker_is is not None:
        conds.append("q.speaker = ?")
        params.append(speaker_is)
    return page(store, _facts("quotes", "q", conds), params, FACT_KEYS, after, limit, fact_item("quotes", "quote"))


def quote_table(store: Store, f: Filters, *, count: Count | None = None, limit: int | None = None) -> pd.DataFrame:
    """``parley quotes``: the quotes matching ``f`` (newest last), or with ``count``, the
    number of stories or articles quoting each speaker."""
    conds, params = f.where(QUOTES)
    base = f"FROM quotes q JOIN articles a ON a.id = q.article_id WHERE {and_(conds)}"
    if count is not None:
        col = count_column(count)
        sql = (
            f"SELECT q.speaker AS speaker, count(DISTINCT a.{'story_id' if col == 'stories' else 'id'}) AS {col}, count(*) AS quotes "
            f"{base} GROUP BY q.speaker ORDER BY {col} DESC, quotes DESC, speaker NULLS LAST"
        )
    else:
        sql = (
            "SELECT a.published, a.publisher, q.speaker, q.type, q.content, q.cue, q.said_on, q.article_id, a.story_id, "
            f"a.title, a.url, q.content_start, q.content_end {base} ORDER BY a.published NULLS LAST, a.seq, q.idx"
        )
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return store.df(sql, params)


def events(store: Store, f: Filters, after: str | None = None, limit: int = 50) -> Page:
    """Events, oldest article first; ``actor`` is the source or the target, ``about`` words
    of the article's text (an event has no content of its own), ``type`` its type."""
    conds, params = f.where(EVENTS)
    return page(store, _facts("events", "e", conds), params, FACT_KEYS, after, limit, fact_item("events", "event"))


def positions(store: Store, f: Filters, after: str | None = None, limit: int = 50) -> Page:
    """Stances (an actor's position on an issue, with its evidence), oldest article first;
    ``actor`` is the holder, ``issue`` words of the issue, ``about`` words of the issue or
    the evidence."""
    conds, params = f.where(STANCES)
    return page(store, _facts("stances", "s", conds), params, FACT_KEYS, after, limit, fact_item("stances", "stance"))


def stances(store: Store, f: Filters, *, issue_is: str | None = None, order: Literal["published", "ingested"] = "published") -> list[dict[str, Any]]:
    """Every stance matching ``f`` (and with ``issue_is``, on exactly that issue, any case)
    as ``{"article", "idx", "stance"}``, oldest article first or in ingestion order."""
    conds, params = f.where(STANCES)
    if issue_is is not None:
        conds.append("lower(s.issue) = lower(?)")
        params.append(issue_is.strip())
    ordering = "k_pub, seq, idx" if order == "published" else "seq, idx"
    return [fact_item("stances", "stance")(r) for r in store.rows(f"{_facts('stances', 's', conds)} ORDER BY {ordering}", params)]


def issues(store: Store, f: Filters, after: str | None = None, limit: int = 50) -> Page:
    """The issues actors take positions on, by the number of stances."""
    conds, params = f.where(STANCES)
    base = f"""SELECT s.issue, count(*) AS positions, count(DISTINCT s.holder) AS holders, count(DISTINCT a.id) AS articles,
                min(a.published) AS first_seen, max(a.published) AS last_seen
            FROM stances s JOIN articles a ON a.id = s.article_id WHERE {and_(conds)} GROUP BY s.issue"""
    keys: list[Key] = [("positions", True, int), ("issue", False, str)]
    return page(store, base, params, keys, after, limit, dict)


def places(store: Store, f: Filters, after: str | None = None, limit: int = 50) -> Page:
    """Places the articles name, one row per place (name, kind, country and point), by the
    number of mentions."""
    conds, params = f.where(ARTICLES)
    base = f"""SELECT p.name, p.kind, p.country, p.lat, p.lon, max(p.geonameid) AS geonameid,
                count(*) AS mentions, count(DISTINCT a.id) AS articles,
                concat_ws('|', p.name, p.kind, coalesce(p.country, ''), coalesce(CAST(p.lat AS VARCHAR), ''), coalesce(CAST(p.lon AS VARCHAR), '')) AS k_place
            FROM places p JOIN articles a ON a.id = p.article_id
            WHERE {and_(conds)} GROUP BY p.name, p.kind, p.country, p.lat, p.lon"""
    keys: list[Key] = [("mentions", True, int), ("k_place", False, str)]

    def item(row: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in row.items() if k != "k_place"}

    return page(store, base, params, keys, after, limit, item)
