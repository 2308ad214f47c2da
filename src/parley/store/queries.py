"""The questions asked of a corpus: quotes, actors, timelines, and export.

Every function takes an open :class:`~parley.store.Store` and keyword filters, and returns a
pandas DataFrame (the CLI prints it as a table, JSON or CSV). Filters, all optional and
combined with AND:

- ``speaker`` / ``actor``: a canonical name, or words of it, matched as whole words without
  regard to case ("Putin" finds "Vladimir Putin", not "Putinism"), or an alias the actor
  dictionary knows ("Zelensky" finds "Volodymyr Zelenskyy");
- ``about``: issue keywords searched in the quote's words (each must occur, as the start of a
  word: "Donbas" also finds "Donbass");
- ``place``: the article names that place (its canonical name or the words written, or an
  ISO country code such as ``UA``);
- ``since`` / ``until``: the article's publication date, inclusive;
- ``publisher``: words of the publisher's name, without regard to case.

``count="stories"`` counts syndicated copies of one story once; ``count="articles"`` counts
each copy. Text search is a regular-expression scan (RE2, inside DuckDB): fine for millions of
quotes; DuckDB's full-text index is an extension that would have to be downloaded.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from ..errors import OptionError
from .store import Store

Count = Literal["stories", "articles"]
Period = Literal["day", "week", "month", "year"]
EXPORT_FORMATS = ("parquet", "csv", "jsonl")
EXPORT_TABLES = ("articles", "stories", "mentions", "actors", "quotes", "dates", "places", "events", "stances")
_PERIOD_FORMAT = {"day": "%Y-%m-%d", "week": "%G-W%V", "month": "%Y-%m", "year": "%Y"}
_RE2_SPECIAL = set("\\.^$|?*+()[]{}")


def _escape(term: str) -> str:
    """``term`` as a literal inside an RE2 pattern."""
    return "".join("\\" + c if c in _RE2_SPECIAL else c for c in term)


def name_condition(column: str, term: str, names: Sequence[str] = ()) -> tuple[str, list[Any]]:
    """SQL matching ``column`` against ``term`` as whole words, or equal to one of ``names``
    (the canonical names ``term`` is an alias of: "Zelensky" -> "Volodymyr Zelenskyy")."""
    sql = f"(regexp_matches(coalesce({column}, ''), ?) OR {column} IN (SELECT unnest(?::VARCHAR[])))"
    return sql, [word_pattern(term), list(names)]


def word_pattern(term: str, *, prefix: bool = False) -> str:
    """A case-insensitive RE2 pattern for ``term`` as whole words (or word starts)."""
    words = term.split()
    if not words:
        raise OptionError("an empty name or keyword")
    body = r"\s+".join(_escape(w) for w in words)
    return rf"(?i)(^|\W){body}" + ("" if prefix else r"($|\W)")


@dataclass
class Filters:
    """Filters shared by the queries (see the module docstring)."""

    speaker: str | None = None
    actor: str | None = None
    # canonical names the speaker / actor term is an alias of, from the actor dictionary
    speaker_names: Sequence[str] = field(default_factory=tuple)
    actor_names: Sequence[str] = field(default_factory=tuple)
    about: Sequence[str] = field(default_factory=tuple)
    place: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    publisher: str | None = None

    def where(self, article: str = "a", quote: str | None = None) -> tuple[list[str], list[Any]]:
        """SQL conditions on the article alias (and the quote alias), with their parameters."""
        conds: list[str] = []
        params: list[Any] = []
        if self.since is not None:
            conds.append(f"{article}.published >= ?")
            params.append(self.since)
        if self.until is not None:
            conds.append(f"{article}.published <= ?")
            params.append(self.until)
        if self.publisher:
            conds.append(f"regexp_matches(coalesce({article}.publisher, ''), ?)")
            params.append(word_pattern(self.publisher, prefix=True))
        if self.place:
            place = self.place.strip()
            code = place.upper() if len(place) == 2 and place.isalpha() else None
            conds.append(
                f"EXISTS (SELECT 1 FROM places p WHERE p.article_id = {article}.id AND (lower(p.name) = lower(?) OR lower(p.text) = lower(?) OR p.country = ?))"
            )
            params += [place, place, code]
        if quote is not None:
            if self.speaker:
                sql, more = name_condition(f"{quote}.speaker", self.speaker, self.speaker_names)
                conds.append(sql)
                params += more
            for term in self.about:
                conds.append(f"regexp_matches({quote}.content, ?)")
                params.append(word_pattern(term, prefix=True))
        return conds, params


def _and(conds: list[str]) -> str:
    return " AND ".join(conds) if conds else "TRUE"


def _count_column(count: Count | None) -> str:
    if count not in (None, "stories", "articles"):
        raise OptionError(f"--count {count}: expected stories or articles")
    return count or "articles"


def quotes(store: Store, filters: Filters, *, count: Count | None = None, limit: int | None = None) -> pd.DataFrame:
    """Quotes matching ``filters`` (newest last), or with ``count``, the number of stories or
    articles quoting each speaker."""
    conds, params = filters.where("a", "q")
    base = f"FROM quotes q JOIN articles a ON a.id = q.article_id WHERE {_and(conds)}"
    if count is not None:
        col = _count_column(count)
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


def actors(store: Store, filters: Filters, *, top: int | None = 20, count: Count | None = None, kind: str | None = None) -> pd.DataFrame:
    """Actors ranked by the number of articles (or stories) that mention them."""
    col = _count_column(count)
    conds, params = filters.where("a")
    conds.insert(0, "m.actor IS NOT NULL")
    if filters.actor:
        sql, more = name_condition("m.actor", filters.actor, filters.actor_names)
        conds.append(sql)
        params += more
    if kind:
        conds.append("lower(ac.kind) = lower(?)")
        params.append(kind)
    sql = f"""SELECT m.actor AS actor, max(ac.kind) AS kind, count(DISTINCT a.id) AS articles,
                count(DISTINCT a.story_id) AS stories, count(*) AS mentions,
                min(a.published) AS first_seen, max(a.published) AS last_seen
            FROM mentions m JOIN articles a ON a.id = m.article_id LEFT JOIN actors ac ON ac.name = m.actor
            WHERE {_and(conds)}
            GROUP BY m.actor ORDER BY {col} DESC, mentions DESC, actor"""
    if top is not None:
        sql += f" LIMIT {int(top)}"
    return store.df(sql, params)


def timeline(store: Store, actor: str, filters: Filters, *, by: Period = "month", count: Count | None = None) -> pd.DataFrame:
    """Per period: mentions of ``actor``, the articles and stories mentioning them, and the
    quotes they are the speaker of. Articles without a publication date are left out."""
    if by not in _PERIOD_FORMAT:
        raise OptionError(f"--by {by}: expected one of {', '.join(_PERIOD_FORMAT)}")
    fmt = _PERIOD_FORMAT[by]
    match_m, names_m = name_condition("m.actor", actor, filters.actor_names)
    match_q, names_q = name_condition("q.speaker", actor, filters.actor_names)
    conds, params = filters.where("a")
    where = _and(["a.published IS NOT NULL", *conds])
    sql = f"""
        WITH m AS (
            SELECT strftime(a.published, '{fmt}') AS period, count(*) AS mentions,
                   count(DISTINCT a.id) AS articles, count(DISTINCT a.story_id) AS stories
            FROM mentions m JOIN articles a ON a.id = m.article_id
            WHERE {match_m} AND {where} GROUP BY 1),
        q AS (
            SELECT strftime(a.published, '{fmt}') AS period, count(*) AS quotes
            FROM quotes q JOIN articles a ON a.id = q.article_id
            WHERE {match_q} AND {where} GROUP BY 1)
        SELECT coalesce(m.period, q.period) AS period, coalesce(m.mentions, 0) AS mentions,
               coalesce(m.articles, 0) AS articles, coalesce(m.stories, 0) AS stories, coalesce(q.quotes, 0) AS quotes
        FROM m FULL OUTER JOIN q ON m.period = q.period ORDER BY period"""
    frame = store.df(sql, [*names_m, *params, *names_q, *params])
    if count is not None:
        col = _count_column(count)
        frame = frame[["period", col]]
    return frame


def export(store: Store, to: str, out: str | Path) -> list[Path]:
    """Write the corpus to the folder ``out``: one Parquet or CSV file per table (and the
    ``stories`` view), or ``records.jsonl`` with one record per article (the record format,
    plus its ``story_id``)."""
    if to not in EXPORT_FORMATS:
        raise OptionError(f"--to {to}: expected one of {', '.join(EXPORT_FORMATS)}")
    folder = Path(out)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OptionError(f"{folder}: cannot create the export folder ({exc.strerror})") from None
    written: list[Path] = []
    if to == "jsonl":
        path = folder / "records.jsonl"
        stories = dict(store.con.execute("SELECT id, story_id FROM articles").fetchall())
        with path.open("w", encoding="utf-8") as fh:
            for record in store.records():
                data = record.to_dict()
                data["story_id"] = stories.get(record.id)
                fh.write(json.dumps(data, ensure_ascii=False) + "\n")
        return [path]
    for table in EXPORT_TABLES:
        path = folder / f"{table}.{to}"
        store.export_table(table, path, to)
        written.append(path)
    return written
