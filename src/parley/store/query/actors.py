"""Actors across a corpus: ranked by the articles naming them (``parley actors``, ``GET
/actors``), over time (``parley timeline``), and one actor's profile (``GET /actors/{name}``),
from the same queries and filters."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pandas as pd

from ..store import Store
from .facts import ARTICLE_COLUMNS, PUBLISHED_ASC, fact_item, quotes
from .filters import ARTICLES, MENTIONS, UNDATED, Count, Filters, Period, and_, check_period, count_column, name_condition, period_sql
from .paging import Key, Page, page


def _ranked(f: Filters) -> tuple[str, list[Any]]:
    """Actors named in the articles matching ``f``, one row each with its counts."""
    conds, params = f.where(MENTIONS)
    conds.insert(0, "m.actor IS NOT NULL")
    sql = f"""SELECT m.actor AS actor, max(ac.kind) AS kind, count(DISTINCT a.id) AS articles,
                count(DISTINCT a.story_id) AS stories, count(*) AS mentions,
                min(a.published) AS first_seen, max(a.published) AS last_seen,
                (SELECT count(*) FROM quotes q WHERE q.speaker = m.actor) AS quotes
            FROM mentions m JOIN articles a ON a.id = m.article_id LEFT JOIN actors ac ON ac.name = m.actor
            WHERE {and_(conds)} GROUP BY m.actor"""
    return sql, params


def actors(store: Store, f: Filters, after: str | None = None, limit: int = 50) -> Page:
    """Actors by the number of articles mentioning them (then mentions, then name)."""
    base, params = _ranked(f)
    keys: list[Key] = [("articles", True, int), ("mentions", True, int), ("actor", False, str)]
    return page(store, base, params, keys, after, limit, dict)


def actor_table(store: Store, f: Filters, *, top: int | None = 20, count: Count | None = None) -> pd.DataFrame:
    """``parley actors``: actors ranked by the number of articles (or stories) that mention them."""
    col = count_column(count)
    base, params = _ranked(f)
    sql = f"""SELECT actor, kind, articles, stories, mentions, first_seen, last_seen FROM ({base}) AS ranked
              ORDER BY {col} DESC, mentions DESC, actor"""
    if top is not None:
        sql += f" LIMIT {int(top)}"
    return store.df(sql, params)


def _per_period(f: Filters, by: Period, mentioned: str, speaking: str) -> tuple[str, list[Any]]:
    """Per publication period: mentions matching ``mentioned`` (on ``m``) with the articles
    and stories they are in, and quotes matching ``speaking`` (on ``q``); undated last."""
    period = period_sql(by)
    conds, params = f.where(ARTICLES)
    where = and_(conds)
    sql = f"""
        WITH m AS (
            SELECT {period} AS period, count(*) AS mentions, count(DISTINCT a.id) AS articles, count(DISTINCT a.story_id) AS stories
            FROM mentions m JOIN articles a ON a.id = m.article_id WHERE {mentioned} AND {where} GROUP BY 1),
        q AS (
            SELECT {period} AS period, count(*) AS quotes FROM quotes q JOIN articles a ON a.id = q.article_id
            WHERE {speaking} AND {where} GROUP BY 1)
        SELECT * FROM (
            SELECT coalesce(m.period, q.period) AS period, coalesce(m.mentions, 0) AS mentions, coalesce(m.articles, 0) AS articles,
                   coalesce(m.stories, 0) AS stories, coalesce(q.quotes, 0) AS quotes
            FROM m FULL OUTER JOIN q ON m.period = q.period) AS t
        ORDER BY t.period = '{UNDATED}', t.period"""
    return sql, params


def timeline(store: Store, actor: str, f: Filters, *, by: Period = "month", count: Count | None = None) -> pd.DataFrame:
    """``parley timeline``: per period, mentions of ``actor`` (words of the name, or an alias
    of ``f.actor_names``), the articles and stories mentioning them, and the quotes they are the
    speaker of. Articles without a publication date are left out."""
    check_period(by, "--by ")
    match_m, names_m = name_condition("m.actor", actor, f.actor_names)
    match_q, names_q = name_condition("q.speaker", actor, f.actor_names)
    dated = replace(f, actor=None, speaker=None, about=())
    sql, params = _per_period(dated, by, f"{match_m} AND a.published IS NOT NULL", f"{match_q} AND a.published IS NOT NULL")
    frame = store.df(sql, [*names_m, *params, *names_q, *params])
    if count is not None:
        frame = frame[["period", count_column(count)]]
    return frame


def _numbered(sql: str, count: int) -> str:
    """``sql`` with its ``count`` ``?`` placeholders named ``$p0``, ``$p1``... (to mix with
    named parameters; the conditions built here hold no literal question marks)."""
    parts = sql.split("?")
    if len(parts) != count + 1:
        raise ValueError(f"expected {count} placeholders in {sql!r}")
    return "".join(part + (f"$p{i}" if i < count else "") for i, part in enumerate(parts))


def _head(store: Store, name: str, f: Filters) -> dict[str, Any] | None:
    """An actor's counts, or None when the articles matching ``f`` neither name nor quote them."""
    conds, params = f.where(ARTICLES)
    where = and_(conds)
    head = store.rows(
        f"""SELECT m.actor AS name, max(ac.kind) AS kind, max(ac.type) AS type, count(DISTINCT a.id) AS articles,
                count(DISTINCT a.story_id) AS stories, count(*) AS mentions,
                min(a.published) AS first_seen, max(a.published) AS last_seen
            FROM mentions m JOIN articles a ON a.id = m.article_id LEFT JOIN actors ac ON ac.name = m.actor
            WHERE m.actor = ? AND {where} GROUP BY m.actor""",
        [name, *params],
    )
    said = store.rows(f"SELECT count(*) AS n FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.speaker = ? AND {where}", [name, *params])
    if not head and not said[0]["n"]:
        return None
    profile: dict[str, Any] = head[0] if head else {
        "name": name, "kind": None, "type": None, "articles": 0, "stories": 0, "mentions": 0, "first_seen": None, "last_seen": None,
    }  # fmt: skip
    profile["quotes"] = said[0]["n"]
    return profile


def actor(store: Store, name: str, f: Filters, *, by: Period = "month", sample: int = 20) -> dict[str, Any] | None:
    """One actor: counts, statements and mentions per period, the issues they hold positions
    on, and the events they take part in, with whom. ``name`` is the canonical name exactly
    (``/actors`` lists them); None when the corpus never names them."""
    check_period(by)
    profile = _head(store, name, f)
    if profile is None:
        return None
    profile["by"] = by
    sql, params = _per_period(f, by, "m.actor = ?", "q.speaker = ?")
    profile["timeline"] = [{k: r[k] for k in ("period", "mentions", "quotes")} for r in store.rows(sql, [name, *params, name, *params])]
    profile["statements"] = quotes(store, replace(f, speaker=None, actor=None), None, sample, speaker_is=name).items
    # a stance's holder is the state; the person who stated it is kept as holder_person, and
    # PLOVER codes an event's source the same way (source_person, target_person): a stance or
    # an event belongs to the actor either way.
    conds, params = f.where(ARTICLES)
    named = {"name": name} | {f"p{i}": v for i, v in enumerate(params)}
    where = _numbered(and_(conds), len(params))
    profile["issues"] = store.rows(
        f"""SELECT s.issue, s.position, count(*) AS count, min(a.published) AS first_seen, max(a.published) AS last_seen
            FROM stances s JOIN articles a ON a.id = s.article_id
            WHERE (s.holder = $name OR s.holder_person = $name) AND {where}
            GROUP BY s.issue, s.position ORDER BY count DESC, s.issue, s.position""",
        named,
    )
    side = """CASE WHEN e.source = $name OR e.source_person = $name THEN 'source'
                     WHEN e.target = $name OR e.target_person = $name THEN 'target' END"""
    other = f"CASE {side} WHEN 'source' THEN e.target ELSE e.source END"
    profile["partners"] = store.rows(
        f"""SELECT {other} AS actor, e.type, count(*) AS count FROM events e JOIN articles a ON a.id = e.article_id
            WHERE {side} IS NOT NULL AND {other} IS NOT NULL AND {other} <> $name AND {where}
            GROUP BY 1, 2 ORDER BY count DESC, actor, e.type""",
        named,
    )
    base = f"""SELECT e.*, {ARTICLE_COLUMNS} FROM events e JOIN articles a ON a.id = e.article_id
               WHERE {side} IS NOT NULL AND {where} ORDER BY {PUBLISHED_ASC}, a.seq, e.idx LIMIT {int(sample)}"""
    profile["events"] = [fact_item("events", "event")(r) for r in store.rows(base, named)]
    return profile
