"""The filters every question of a corpus takes, as SQL conditions, and the periods it counts by.

Filters, all optional and combined with AND:

- ``speaker`` / ``actor``: a canonical name, or words of it, matched as whole words without
  regard to case ("Putin" finds "Vladimir Putin", not "Putinism"), or an alias the actor
  dictionary knows ("Zelensky" finds "Volodymyr Zelenskyy");
- ``about``: keywords, each of which must occur as the start of a word ("Donbas" also finds
  "Donbass");
- ``place``: the article names that place (its canonical name or the words written, or an
  ISO country code such as ``UA``);
- ``since`` / ``until``: the article's publication date, inclusive;
- ``publisher``: words of the publisher's name, without regard to case;
- ``issue`` (stances), ``kind`` (actors), ``type`` (events): words of a stance's issue, an
  actor's kind, an event type.

What ``speaker``, ``actor`` and ``about`` look at depends on what is listed (its
:class:`Subject`): for quotes, the speaker and the quote's words; for events, the source or
the target and the article's words; for stances, the holder and the words of the evidence
or the issue. Where a listing has no such column, the filter is on the article: it quotes the
speaker, it mentions the actor, its text has the words. Text search is a regular-expression
scan (RE2, inside DuckDB): fine for millions of rows; DuckDB's full-text index is an
extension that would have to be downloaded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

from ...errors import OptionError

Count = Literal["stories", "articles"]
Period = Literal["day", "week", "month", "year"]
PERIODS: tuple[Period, ...] = get_args(Period)
# strftime formats of the periods (ISO weeks: 2025-W32)
PERIOD_FORMAT: dict[str, str] = {"day": "%Y-%m-%d", "week": "%G-W%V", "month": "%Y-%m", "year": "%Y"}
# The period of an article without a publication date.
UNDATED = "undated"
_RE2_SPECIAL = set("\\.^$|?*+()[]{}")


def check_period(by: str, option: str = "by=") -> Period:
    """``by`` as a :data:`Period`; anything else is refused naming ``option``."""
    if by not in PERIOD_FORMAT:
        raise OptionError(f"{option}{by}: expected one of {', '.join(PERIODS)}")
    return by  # type: ignore[return-value]  # checked just above


def period_sql(by: Period, *, undated: bool = True) -> str:
    """SQL for the period an article ``a`` was published in; without a date, ``undated``
    (or NULL when ``undated`` is False)."""
    sql = f"strftime(a.published, '{PERIOD_FORMAT[check_period(by)]}')"
    return f"coalesce({sql}, '{UNDATED}')" if undated else sql


def count_column(count: Count | None) -> str:
    """What a count counts: ``stories`` (syndicated copies once) or ``articles``."""
    if count not in (None, "stories", "articles"):
        raise OptionError(f"--count {count}: expected stories or articles")
    return count or "articles"


def _escape(term: str) -> str:
    """``term`` as a literal inside an RE2 pattern."""
    return "".join("\\" + c if c in _RE2_SPECIAL else c for c in term)


def word_pattern(term: str, *, prefix: bool = False) -> str:
    """A case-insensitive RE2 pattern for ``term`` as whole words (or word starts)."""
    words = term.split()
    if not words:
        raise OptionError("an empty name or keyword")
    body = r"\s+".join(_escape(w) for w in words)
    return rf"(?i)(^|\W){body}" + ("" if prefix else r"($|\W)")


def name_condition(column: str, term: str, names: Sequence[str] = ()) -> tuple[str, list[Any]]:
    """SQL matching ``column`` against ``term`` as whole words, or equal to one of ``names``
    (the canonical names ``term`` is an alias of: "Zelensky" -> "Volodymyr Zelenskyy")."""
    sql = f"(regexp_matches(coalesce({column}, ''), ?) OR {column} IN (SELECT unnest(?::VARCHAR[])))"
    return sql, [word_pattern(term), list(names)]


def and_(conds: Sequence[str]) -> str:
    return " AND ".join(conds) if conds else "TRUE"


@dataclass(frozen=True)
class Subject:
    """What a listing lists, as the filters see it: its table's alias and the columns the
    ``actor``, ``speaker``, ``about``, ``issue``, ``kind`` and ``type`` filters look at.
    ``actor=()`` / ``speaker=None``: the article mentions / quotes them instead."""

    alias: str
    actor: tuple[str, ...] = ()
    speaker: str | None = None
    about: tuple[str, ...] = ("a.text",)
    issue: str | None = None
    kind: str | None = None
    type: str | None = None


ARTICLES = Subject("a")
QUOTES = Subject("q", speaker="q.speaker", about=("q.content",))
MENTIONS = Subject("m", actor=("m.actor",), kind="lower(coalesce(ac.kind, '')) = lower(?)")
EVENTS = Subject("e", actor=("e.source", "e.target"), type="upper(e.type) = upper(?)")
STANCES = Subject("s", actor=("s.holder",), about=("s.evidence", "s.issue"), issue="regexp_matches(s.issue, ?)")


@dataclass
class Filters:
    """The filters of a question (see the module docstring)."""

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
    issue: str | None = None
    kind: str | None = None
    type: str | None = None

    def on_article(self) -> tuple[list[str], list[Any]]:
        """Conditions on the article ``a`` itself: dates, publisher, place."""
        conds: list[str] = []
        params: list[Any] = []
        if self.since is not None:
            conds.append("a.published >= ?")
            params.append(self.since)
        if self.until is not None:
            conds.append("a.published <= ?")
            params.append(self.until)
        if self.publisher:
            conds.append("regexp_matches(coalesce(a.publisher, ''), ?)")
            params.append(word_pattern(self.publisher, prefix=True))
        if self.place:
            place = self.place.strip()
            code = place.upper() if len(place) == 2 and place.isalpha() else None
            conds.append(
                "EXISTS (SELECT 1 FROM places p WHERE p.article_id = a.id AND (lower(p.name) = lower(?) OR lower(p.text) = lower(?) OR p.country = ?))"
            )
            params += [place, place, code]
        return conds, params

    def where(self, subject: Subject) -> tuple[list[str], list[Any]]:
        """Every condition for rows of ``subject`` joined to their article ``a``, with the
        parameters they take."""
        conds, params = self.on_article()
        if self.actor:
            if subject.actor:
                parts = [name_condition(col, self.actor, self.actor_names) for col in subject.actor]
                conds.append("(" + " OR ".join(sql for sql, _ in parts) + ")")
                params += [p for _, more in parts for p in more]
            else:
                sql, more = name_condition("m.actor", self.actor, self.actor_names)
                conds.append(f"EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = a.id AND {sql})")
                params += more
        if self.speaker:
            sql, more = name_condition(subject.speaker or "q.speaker", self.speaker, self.speaker_names)
            conds.append(sql if subject.speaker else f"EXISTS (SELECT 1 FROM quotes q WHERE q.article_id = a.id AND {sql})")
            params += more
        for term in self.about:
            conds.append("(" + " OR ".join(f"regexp_matches({col}, ?)" for col in subject.about) + ")")
            params += [word_pattern(term, prefix=True)] * len(subject.about)
        if self.issue is not None and subject.issue:
            conds.append(subject.issue)
            params.append(word_pattern(self.issue, prefix=True))
        for value, condition in ((self.kind, subject.kind), (self.type, subject.type)):
            if value and condition:
                conds.append(condition)
                params.append(value)
        return conds, params
