"""What the exports read of a store, in one place: the statements, the actors named in them,
the events, and the articles a selection keeps. Plain SQL over the store's tables
(:mod:`parley.store.migrations`), returning plain dicts, so the export modules never touch
DuckDB themselves.

A :class:`Selection` is the exports' filter: dates, a speaker, and ``issue``, words of an issue
a statement or event is linked to (its ``issues`` field, :mod:`parley.issues`); names and
words are matched as the store's queries match them (:mod:`parley.store.query.filters`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import StoreError
from ..model import ArticleRecord
from ..store import Store
from ..store.query.filters import Filters, name_condition, word_pattern

# Mentions of these kinds name a place, not an actor that can be spoken about as a party.
NOT_ACTORS = ("place",)


@dataclass
class Selection:
    """Which statements, events and articles an export keeps (all conditions combined with AND):
    articles published ``since`` / ``until`` (inclusive); statements of ``speaker`` (a
    canonical name or words of it, or an alias whose canonical names are ``speaker_names``)
    and the events that actor takes part in, as a state or as a person; statements and events
    linked to ``issue`` (words of its name)."""

    since: dt.date | None = None
    until: dt.date | None = None
    speaker: str | None = None
    speaker_names: Sequence[str] = field(default_factory=tuple)
    issue: str | None = None

    def article_where(self) -> tuple[list[str], list[Any]]:
        """The date conditions on the article ``a``, as the store's queries write them."""
        return Filters(since=self.since, until=self.until).on_article()

    def statement_where(self) -> tuple[str, list[Any]]:
        conds, params = self.article_where()
        if self.speaker:
            sql, more = name_condition("q.speaker", self.speaker, self.speaker_names)
            conds.append(sql)
            params += more
        if self.issue:
            conds.append(_issue_condition("q"))
            params.append(word_pattern(self.issue, prefix=True))
        return (" AND ".join(conds) or "TRUE"), params

    def event_where(self, person_columns: Sequence[str]) -> tuple[str, list[Any]]:
        conds, params = self.article_where()
        if self.speaker:
            parts = []
            for column in ("e.source", "e.target", *person_columns):
                sql, more = name_condition(column, self.speaker, self.speaker_names)
                parts.append(sql)
                params += more
            conds.append("(" + " OR ".join(parts) + ")")
        if self.issue:
            conds.append(_issue_condition("e"))
            params.append(word_pattern(self.issue, prefix=True))
        return (" AND ".join(conds) or "TRUE"), params


def _issue_condition(alias: str) -> str:
    # the issues field is a JSON list of names; the word pattern cannot run across two names
    return f"regexp_matches(coalesce(CAST(json_extract({alias}.extra, '$.issues') AS VARCHAR), ''), ?)"


def _rows(store: Store, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cursor = store.con.execute(sql, params)
    names = [d[0] for d in cursor.description or ()]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _issues(extra: str | None) -> list[str]:
    if not extra:
        return []
    value = json.loads(extra).get("issues")
    return [str(i) for i in value] if isinstance(value, list) else []


def check_not_empty(store: Store) -> None:
    """An empty store has nothing to export: say so rather than write empty files."""
    row = store.con.execute("SELECT count(*) FROM articles").fetchone()
    if not row or not row[0]:
        raise StoreError(f"{store.path}: the store holds no articles (add some with: parley ingest FILES --db {store.path})")


def statements(store: Store, selection: Selection) -> list[dict[str, Any]]:
    """Attributed and unattributed statements with their article, oldest article first:
    ``article_id, idx, type, speaker, speaker_kind, content, content_start, content_end,
    said_on, issues, published, publisher, title, url``."""
    where, params = selection.statement_where()
    rows = _rows(
        store,
        f"""SELECT q.article_id, q.idx, q.type, q.speaker, ac.kind AS speaker_kind, q.content, q.content_start, q.content_end,
                   q.said_on, q.extra, a.published, a.publisher, a.title, a.url
            FROM quotes q JOIN articles a ON a.id = q.article_id LEFT JOIN actors ac ON ac.name = q.speaker
            WHERE {where} ORDER BY a.published NULLS LAST, a.seq, q.idx""",
        params,
    )
    for row in rows:
        row["issues"] = _issues(row.pop("extra"))
    return rows


def named_in_statements(store: Store, selection: Selection) -> list[dict[str, Any]]:
    """The actors named inside each selected statement's content (``article_id, idx, actor,
    kind``), once per statement; places are left out."""
    where, params = selection.statement_where()
    return _rows(
        store,
        f"""SELECT DISTINCT q.article_id, q.idx, m.actor, m.kind
            FROM quotes q JOIN articles a ON a.id = q.article_id
            JOIN mentions m ON m.article_id = q.article_id AND m.start >= q.content_start AND m."end" <= q.content_end
            WHERE m.actor IS NOT NULL AND coalesce(m.kind, '') NOT IN (SELECT unnest(?::VARCHAR[])) AND {where}
            ORDER BY q.article_id, q.idx, m.actor""",
        [list(NOT_ACTORS), *params],
    )


def events(store: Store, selection: Selection) -> list[dict[str, Any]]:
    """Selected events with their article: ``article_id, idx, type, source, target, issues,
    published``, oldest article first."""
    where, params = selection.event_where(_person_columns(store))
    rows = _rows(
        store,
        f"""SELECT e.article_id, e.idx, e.type, e.source, e.target, e.extra, a.published
            FROM events e JOIN articles a ON a.id = e.article_id
            WHERE {where} ORDER BY a.published NULLS LAST, a.seq, e.idx""",
        params,
    )
    for row in rows:
        row["issues"] = _issues(row.pop("extra"))
    return rows


def _person_columns(store: Store) -> list[str]:
    """SQL for the person acting for an event's source and target: columns of their own in
    newer stores, fields of ``extra`` in older ones."""
    names = {r[0] for r in store.con.execute("SELECT column_name FROM information_schema.columns WHERE table_name = 'events'").fetchall()}
    return [f"e.{c}" if c in names else f"json_extract_string(e.extra, '$.{c}')" for c in ("source_person", "target_person")]


def actor_kinds(store: Store) -> dict[str, str | None]:
    """Each canonical actor the store has seen, with its kind."""
    return {name: kind for name, kind in store.con.execute("SELECT name, kind FROM actors").fetchall()}


def article_records(store: Store, selection: Selection, *, limit: int | None = None) -> list[ArticleRecord]:
    """Whole records of the articles the selection keeps, in ingestion order: every article
    (by date) without --speaker/--issue, else those with a statement that answers them."""
    conds, params = selection.article_where()
    if selection.speaker or selection.issue:
        where, more = selection.statement_where()
        conds.append(f"EXISTS (SELECT 1 FROM quotes q WHERE q.article_id = a.id AND {where})")
        params += more
    sql = f"SELECT a.id FROM articles a WHERE {' AND '.join(conds) or 'TRUE'} ORDER BY a.seq"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    ids = [r[0] for r in store.con.execute(sql, params).fetchall()]
    return list(store.records(ids)) if ids else []
