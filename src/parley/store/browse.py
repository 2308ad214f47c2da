"""Paging through a corpus: the lists the REST service and the web page show.

Where :mod:`parley.store.queries` answers the command line's questions with whole tables,
this module hands them out a page at a time, with the same :class:`~parley.store.queries.Filters`
(so ``speaker="Putin"`` means the same thing everywhere) and a *cursor*: an opaque string
naming the last row of a page, from which the next page starts. It is keyset pagination, not
an offset: each listing has a total order ending in a unique key (ingestion number and list
position), and the next page is "the rows after this key", so a page stays right while
articles are being added and costs the same on page 1 and page 1,000.

Listings (:data:`LISTINGS`): ``articles`` (newest first), ``quotes``, ``events`` and
``positions`` (stances; oldest first, like ``parley quotes``), ``actors`` (most articles
first), ``places`` (most mentions first) and ``issues`` (most stances first). Facts come back as the record's own models
(:class:`~parley.model.Quote`, :class:`~parley.model.Event`, :class:`~parley.model.Stance`),
with the article they are from.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from ..errors import OptionError
from ..model import ArticleRecord
from .queries import Filters, name_condition, word_pattern
from .store import Store
from .tables import _fact

Listing = Literal["articles", "quotes", "actors", "events", "positions", "places", "issues"]
LISTINGS: tuple[Listing, ...] = ("articles", "quotes", "actors", "events", "positions", "places", "issues")
Period = Literal["day", "week", "month", "year"]
_PERIOD_FORMAT = {"day": "%Y-%m-%d", "week": "%G-W%V", "month": "%Y-%m", "year": "%Y"}
# The period of an article without a publication date.
UNDATED = "undated"
# Sort keys: (column of the listing's query, descending?, Python type of its values).
Key = tuple[str, bool, type]


@dataclass
class Browse:
    """What to list: the shared filters plus those only some listings have."""

    filters: Filters = field(default_factory=Filters)
    issue: str | None = None  # words of a stance's issue
    kind: str | None = None  # an actor's kind (person, org, state, group, place)
    type: str | None = None  # an event type (PLOVER: AGREE, CONSULT, ...)
    speaker_is: str | None = None  # statements of exactly this canonical speaker


@dataclass
class Page:
    """One page of a listing; ``next`` is the cursor of the following page (None: the last)."""

    items: list[dict[str, Any]]
    next: str | None = None


# ---- cursors -------------------------------------------------------------------------------


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


def _rows(store: Store, sql: str, params: Sequence[Any] | dict[str, Any]) -> list[dict[str, Any]]:
    cursor = store.con.execute(sql, params if isinstance(params, dict) else list(params))
    names = [d[0] for d in cursor.description or ()]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _page(
    store: Store,
    base: str,
    params: Sequence[Any],
    keys: Sequence[Key],
    after: str | None,
    limit: int,
    item: Callable[[dict[str, Any]], dict[str, Any]],
) -> Page:
    if limit < 1:
        raise OptionError(f"limit={limit}: must be at least 1")
    where, more = "TRUE", list[Any]()
    if after:
        where, more = _after(keys, decode_cursor(after, keys))
    order = ", ".join(f"{col} {'DESC' if desc else 'ASC'}" for col, desc, _ in keys)
    sql = f"SELECT * FROM ({base}) AS page WHERE {where} ORDER BY {order} LIMIT {int(limit) + 1}"
    rows = _rows(store, sql, [*params, *more])
    following = None
    if len(rows) > limit:
        rows = rows[:limit]
        following = encode_cursor([rows[-1][col] for col, _, _ in keys])
    return Page([item(r) for r in rows], following)


# ---- filters -------------------------------------------------------------------------------


def _and(conds: Sequence[str]) -> str:
    return " AND ".join(conds) if conds else "TRUE"


def _article_conds(f: Filters, *, speaker: bool = True, about: bool = True) -> tuple[list[str], list[Any]]:
    """Conditions on the article ``a``: date range, publisher, place (``Filters.where``), and
    for listings other than quotes, "has a quote by ``speaker``" / "mentions ``actor``" /
    "its text has the ``about`` words"."""
    conds, params = f.where("a")
    if f.actor:
        sql, more = name_condition("m.actor", f.actor, f.actor_names)
        conds.append(f"EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = a.id AND {sql})")
        params += more
    if speaker and f.speaker:
        sql, more = name_condition("q.speaker", f.speaker, f.speaker_names)
        conds.append(f"EXISTS (SELECT 1 FROM quotes q WHERE q.article_id = a.id AND {sql})")
        params += more
    if about:
        for term in f.about:
            conds.append("regexp_matches(a.text, ?)")
            params.append(word_pattern(term, prefix=True))
    return conds, params


_ARTICLE_COLS = "a.id AS article_id, a.title, a.publisher, a.published, a.url, a.story_id, a.seq"
_PUBLISHED_ASC = "coalesce(strftime(a.published, '%Y-%m-%d'), '9999-99-99')"  # undated last
_PUBLISHED_DESC = "coalesce(strftime(a.published, '%Y-%m-%d'), '')"  # undated last, newest first


def article_ref(row: dict[str, Any]) -> dict[str, Any]:
    """The article a fact is from, as listings show it."""
    return {k: row[k] for k in ("title", "publisher", "published", "url", "story_id")} | {"id": row["article_id"]}


def _fact_item(table: str, name: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    def item(row: dict[str, Any]) -> dict[str, Any]:
        return {"article": article_ref(row), "idx": row["idx"], name: _fact(table, row)}

    return item


# ---- listings ------------------------------------------------------------------------------


def articles(store: Store, b: Browse, after: str | None = None, limit: int = 50) -> Page:
    """Articles, newest first (undated last), with how many facts each holds."""
    conds, params = _article_conds(b.filters)
    counts = ", ".join(f"(SELECT count(*) FROM {t} x WHERE x.article_id = a.id) AS {t}" for t in ("mentions", "quotes", "dates", "places", "events", "stances"))
    base = f"SELECT {_ARTICLE_COLS}, {_PUBLISHED_DESC} AS k_pub, {counts} FROM articles a WHERE {_and(conds)}"
    keys: list[Key] = [("k_pub", True, str), ("seq", True, int)]

    def item(row: dict[str, Any]) -> dict[str, Any]:
        return article_ref(row) | {k: row[k] for k in ("mentions", "quotes", "dates", "places", "events", "stances")}

    return _page(store, base, params, keys, after, limit, item)


def quotes(store: Store, b: Browse, after: str | None = None, limit: int = 50) -> Page:
    """Statements, oldest article first, in text order within an article (as ``parley quotes``)."""
    conds, params = b.filters.where("a", "q")
    more, extra = _article_conds(Filters(actor=b.filters.actor, actor_names=b.filters.actor_names))
    if b.speaker_is is not None:
        more.append("q.speaker = ?")
        extra.append(b.speaker_is)
    base = f"SELECT q.*, {_ARTICLE_COLS}, {_PUBLISHED_ASC} AS k_pub FROM quotes q JOIN articles a ON a.id = q.article_id WHERE {_and(conds + more)}"
    keys: list[Key] = [("k_pub", False, str), ("seq", False, int), ("idx", False, int)]
    return _page(store, base, params + extra, keys, after, limit, _fact_item("quotes", "quote"))


def events(store: Store, b: Browse, after: str | None = None, limit: int = 50) -> Page:
    """Events, oldest article first; ``actor`` is the source or the target, ``about`` words
    of the trigger's sentence are not searched (an event has no content): words of the
    article's text are."""
    f = b.filters
    conds, params = _article_conds(replace(f, actor=None, speaker=None))
    if f.actor:
        src, p1 = name_condition("e.source", f.actor, f.actor_names)
        tgt, p2 = name_condition("e.target", f.actor, f.actor_names)
        conds.append(f"({src} OR {tgt})")
        params += p1 + p2
    if f.speaker:
        sql, more = name_condition("q.speaker", f.speaker, f.speaker_names)
        conds.append(f"EXISTS (SELECT 1 FROM quotes q WHERE q.article_id = a.id AND {sql})")
        params += more
    if b.type:
        conds.append("upper(e.type) = upper(?)")
        params.append(b.type)
    base = f"SELECT e.*, {_ARTICLE_COLS}, {_PUBLISHED_ASC} AS k_pub FROM events e JOIN articles a ON a.id = e.article_id WHERE {_and(conds)}"
    keys: list[Key] = [("k_pub", False, str), ("seq", False, int), ("idx", False, int)]
    return _page(store, base, params, keys, after, limit, _fact_item("events", "event"))


def _stance_conds(b: Browse) -> tuple[list[str], list[Any]]:
    f = b.filters
    conds, params = _article_conds(replace(f, actor=None, about=()))
    if f.actor:
        sql, more = name_condition("s.holder", f.actor, f.actor_names)
        conds.append(sql)
        params += more
    for term in f.about:
        conds.append("(regexp_matches(s.evidence, ?) OR regexp_matches(s.issue, ?))")
        params += [word_pattern(term, prefix=True)] * 2
    if b.issue is not None:
        conds.append("regexp_matches(s.issue, ?)")
        params.append(word_pattern(b.issue, prefix=True))
    return conds, params


def positions(store: Store, b: Browse, after: str | None = None, limit: int = 50) -> Page:
    """Stances (an actor's position on an issue, with its evidence), oldest article first;
    ``actor`` is the holder, ``issue`` words of the issue, ``about`` words of the issue or
    the evidence."""
    conds, params = _stance_conds(b)
    base = f"SELECT s.*, {_ARTICLE_COLS}, {_PUBLISHED_ASC} AS k_pub FROM stances s JOIN articles a ON a.id = s.article_id WHERE {_and(conds)}"
    keys: list[Key] = [("k_pub", False, str), ("seq", False, int), ("idx", False, int)]
    return _page(store, base, params, keys, after, limit, _fact_item("stances", "stance"))


def actors(store: Store, b: Browse, after: str | None = None, limit: int = 50) -> Page:
    """Actors by the number of articles mentioning them (then mentions, then name)."""
    f = b.filters
    conds, params = _article_conds(replace(f, actor=None))
    conds.insert(0, "m.actor IS NOT NULL")
    if f.actor:
        sql, more = name_condition("m.actor", f.actor, f.actor_names)
        conds.append(sql)
        params += more
    if b.kind:
        conds.append("lower(coalesce(ac.kind, '')) = lower(?)")
        params.append(b.kind)
    base = f"""SELECT m.actor AS actor, max(ac.kind) AS kind, count(DISTINCT a.id) AS articles,
                count(DISTINCT a.story_id) AS stories, count(*) AS mentions,
                min(a.published) AS first_seen, max(a.published) AS last_seen,
                (SELECT count(*) FROM quotes q WHERE q.speaker = m.actor) AS quotes
            FROM mentions m JOIN articles a ON a.id = m.article_id LEFT JOIN actors ac ON ac.name = m.actor
            WHERE {_and(conds)} GROUP BY m.actor"""
    keys: list[Key] = [("articles", True, int), ("mentions", True, int), ("actor", False, str)]
    return _page(store, base, params, keys, after, limit, dict)


def places(store: Store, b: Browse, after: str | None = None, limit: int = 50) -> Page:
    """Places the articles name, one row per place (name, kind, country and point), by the
    number of mentions."""
    conds, params = _article_conds(b.filters)
    base = f"""SELECT p.name, p.kind, p.country, p.lat, p.lon, max(p.geonameid) AS geonameid,
                count(*) AS mentions, count(DISTINCT a.id) AS articles,
                concat_ws('|', p.name, p.kind, coalesce(p.country, ''), coalesce(CAST(p.lat AS VARCHAR), ''), coalesce(CAST(p.lon AS VARCHAR), '')) AS k_place
            FROM places p JOIN articles a ON a.id = p.article_id
            WHERE {_and(conds)} GROUP BY p.name, p.kind, p.country, p.lat, p.lon"""
    keys: list[Key] = [("mentions", True, int), ("k_place", False, str)]

    def item(row: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in row.items() if k != "k_place"}

    return _page(store, base, params, keys, after, limit, item)


# ---- one actor, one issue ------------------------------------------------------------------


def record(store: Store, article_id: str) -> ArticleRecord | None:
    return store.record(article_id)


def _numbered(sql: str, count: int) -> str:
    """``sql`` with its ``count`` ``?`` placeholders named ``$p0``, ``$p1``... (to mix with
    named parameters; the conditions built here hold no literal question marks)."""
    parts = sql.split("?")
    if len(parts) != count + 1:
        raise ValueError(f"expected {count} placeholders in {sql!r}")
    return "".join(part + (f"$p{i}" if i < count else "") for i, part in enumerate(parts))


def _period_sql(by: Period) -> str:
    """The SQL for an article's publication period (``undated`` without a date)."""
    if by not in _PERIOD_FORMAT:
        raise OptionError(f"by={by}: expected one of {', '.join(_PERIOD_FORMAT)}")
    return f"coalesce(strftime(a.published, '{_PERIOD_FORMAT[by]}'), '{UNDATED}')"


def actor(store: Store, name: str, b: Browse, *, by: Period = "month", sample: int = 20) -> dict[str, Any] | None:
    """One actor: counts, statements and mentions per period, the issues they hold positions
    on, and the events they take part in, with whom. ``name`` is the canonical name exactly
    (``/actors`` lists them); None when the corpus never names them."""
    conds, params = _article_conds(b.filters)
    where = _and(conds)
    head = _rows(
        store,
        f"""SELECT m.actor AS name, max(ac.kind) AS kind, max(ac.type) AS type, count(DISTINCT a.id) AS articles,
                count(DISTINCT a.story_id) AS stories, count(*) AS mentions,
                min(a.published) AS first_seen, max(a.published) AS last_seen
            FROM mentions m JOIN articles a ON a.id = m.article_id LEFT JOIN actors ac ON ac.name = m.actor
            WHERE m.actor = ? AND {where} GROUP BY m.actor""",
        [name, *params],
    )
    said = _rows(store, f"SELECT count(*) AS n FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.speaker = ? AND {where}", [name, *params])
    if not head and not said[0]["n"]:
        return None
    profile: dict[str, Any] = head[0] if head else {
        "name": name, "kind": None, "type": None, "articles": 0, "stories": 0, "mentions": 0, "first_seen": None, "last_seen": None,
    }  # fmt: skip
    profile["quotes"] = said[0]["n"]
    period = _period_sql(by)
    profile["by"] = by
    profile["timeline"] = _rows(
        store,
        f"""WITH m AS (SELECT {period} AS period, count(*) AS mentions FROM mentions m JOIN articles a ON a.id = m.article_id
                       WHERE m.actor = ? AND {where} GROUP BY 1),
                 q AS (SELECT {period} AS period, count(*) AS quotes FROM quotes q JOIN articles a ON a.id = q.article_id
                       WHERE q.speaker = ? AND {where} GROUP BY 1)
            SELECT * FROM (
                SELECT coalesce(m.period, q.period) AS period, coalesce(m.mentions, 0) AS mentions, coalesce(q.quotes, 0) AS quotes
                FROM m FULL OUTER JOIN q ON m.period = q.period) AS t
            ORDER BY t.period = '{UNDATED}', t.period""",
        [name, *params, name, *params],
    )
    profile["statements"] = quotes(store, Browse(filters=replace(b.filters, speaker=None, actor=None), speaker_is=name), None, sample).items
    # a stance's holder is the state; the person who stated it is kept as holder_person, and
    # PLOVER codes an event's source the same way (source_person, target_person): a stance or
    # an event belongs to the actor either way.
    named = {"name": name} | {f"p{i}": v for i, v in enumerate(params)}
    where_named = _numbered(where, len(params))
    profile["issues"] = _rows(
        store,
        f"""SELECT s.issue, s.position, count(*) AS count, min(a.published) AS first_seen, max(a.published) AS last_seen
            FROM stances s JOIN articles a ON a.id = s.article_id
            WHERE (s.holder = $name OR json_extract_string(s.extra, '$.holder_person') = $name) AND {where_named}
            GROUP BY s.issue, s.position ORDER BY count DESC, s.issue, s.position""",
        named,
    )
    side = """CASE WHEN e.source = $name OR json_extract_string(e.extra, '$.source_person') = $name THEN 'source'
                     WHEN e.target = $name OR json_extract_string(e.extra, '$.target_person') = $name THEN 'target' END"""
    other = f"CASE {side} WHEN 'source' THEN e.target ELSE e.source END"
    profile["partners"] = _rows(
        store,
        f"""SELECT {other} AS actor, e.type, count(*) AS count FROM events e JOIN articles a ON a.id = e.article_id
            WHERE {side} IS NOT NULL AND {other} IS NOT NULL AND {other} <> $name AND {where_named}
            GROUP BY 1, 2 ORDER BY count DESC, actor, e.type""",
        named,
    )
    base = f"""SELECT e.*, {_ARTICLE_COLS} FROM events e JOIN articles a ON a.id = e.article_id
               WHERE {side} IS NOT NULL AND {where_named} ORDER BY {_PUBLISHED_ASC}, a.seq, e.idx LIMIT {int(sample)}"""
    profile["events"] = [_fact_item("events", "event")(r) for r in _rows(store, base, named)]
    return profile


def issues(store: Store, b: Browse, after: str | None = None, limit: int = 50) -> Page:
    """The issues actors take positions on, by the number of stances."""
    conds, params = _stance_conds(b)
    base = f"""SELECT s.issue, count(*) AS positions, count(DISTINCT s.holder) AS holders, count(DISTINCT a.id) AS articles,
                min(a.published) AS first_seen, max(a.published) AS last_seen
            FROM stances s JOIN articles a ON a.id = s.article_id WHERE {_and(conds)} GROUP BY s.issue"""
    keys: list[Key] = [("positions", True, int), ("issue", False, str)]
    return _page(store, base, params, keys, after, limit, dict)


def position_matrix(store: Store, b: Browse, *, by: Period = "month") -> dict[str, Any]:
    """Actors x periods for the stances matching ``b`` (an ``issue``, say), as ``parley
    positions`` builds them (:func:`parley.positions.position_table`: a stance's period is that
    of its own date, else its article's; the prevailing ``position`` is the one taken most
    often, the latest on a tie), with every stance of each cell as evidence, spans included."""
    from ..positions import StanceRow, period_of, position_table

    conds, params = _stance_conds(b)
    rows = _rows(
        store,
        f"""SELECT s.*, {_ARTICLE_COLS} FROM stances s JOIN articles a ON a.id = s.article_id
            WHERE {_and(conds)} ORDER BY {_PUBLISHED_ASC}, a.seq, s.idx""",
        params,
    )
    stance_rows: list[StanceRow] = []
    cells: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for r in rows:
        item = _fact_item("stances", "stance")(r)
        stance = item["stance"]
        extra = stance.model_dump()
        published = r["published"].isoformat() if r["published"] else None
        date = str(extra.get("date") or published or "") or None
        stance_rows.append(
            StanceRow(article_id=r["article_id"], holder=stance.holder, issue=stance.issue, position=stance.position,
                      evidence=stance.evidence.text, date=date, source=str(extra.get("source") or r["publisher"] or r["article_id"]),
                      label=extra.get("label"), publisher=r["publisher"], title=r["title"])
        )  # fmt: skip
        cells.setdefault((stance.holder, period_of(date, by)), []).append(item)
    table = {(c.holder, c.period): c for c in position_table(stance_rows, None, by=by)}
    periods = sorted({p for _, p in cells}, key=lambda p: (p == UNDATED, p))
    holders: dict[str, int] = {}
    for (holder, _), items in cells.items():
        holders[holder] = holders.get(holder, 0) + len(items)
    return {
        "issue": b.issue,
        "by": by,
        "periods": periods,
        "holders": sorted(holders, key=lambda h: (-holders[h], h)),
        "issues": sorted({r["issue"] for r in rows}),
        "cells": [
            {"holder": h, "period": p, "position": table[(h, p)].position, "positions": table[(h, p)].positions, "evidence": items}
            for (h, p), items in sorted(cells.items())
        ],
    }


LISTING_FUNCTIONS: dict[Listing, Callable[[Store, Browse, str | None, int], Page]] = {
    "articles": articles,
    "quotes": quotes,
    "actors": actors,
    "events": events,
    "positions": positions,
    "places": places,
    "issues": issues,
}
