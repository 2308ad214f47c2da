"""Positions over time, across a corpus: who stands where on an issue, who moved, and who is
reported saying opposite things at once.

The three questions work on stance rows (:class:`StanceRow`), read either from a corpus
store (:func:`rows_from_store`) or from records in memory (:func:`rows_from_records`), so they
can be tested without a store and used on any iterable of :class:`~parley.model.ArticleRecord`:

* :func:`position_table`: actors x periods on one issue, each cell with the position taken
  most often in the period (the latest one on a tie), every position seen, and its evidence;
  :func:`position_matrix` is the same grid over a store's stances, each cell with every piece
  of evidence (``GET /positions/matrix``);
* :func:`find_shifts`: actors whose position on an issue changed from one period to the next
  they spoke in, with the two pieces of evidence side by side (``reversal`` when they crossed
  from for to against or back, by the polarity of ``data/stances.yaml``'s scale);
* :func:`find_conflicts`: the same actor's incompatible positions (opposite polarities) on
  the same issue, reported by different sources within ``days`` of each other.

A stance's date is its own (the statement's ``said_on``, kept in its ``date``), else the
article's publication date. Its source is who relays it (the statement's ``source``), else the
article's publisher, else the article.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from itertools import pairwise
from typing import Any

from ..data.loaders import load_stance_lexicon
from ..model import ArticleRecord, Stance
from ..store import Store
from ..store.query import UNDATED, Filters, Period, stances


@dataclass(frozen=True)
class StanceRow:
    """One stance with what the corpus questions need of its article."""

    article_id: str
    holder: str
    issue: str
    position: str
    evidence: str
    date: str | None  # YYYY, YYYY-MM or YYYY-MM-DD
    source: str
    label: str | None = None
    holder_person: str | None = None
    reported_by: str | None = None
    publisher: str | None = None
    title: str | None = None


def stance_row(stance: Stance, article_id: str, published: dt.date | None, publisher: str | None, title: str | None) -> StanceRow:
    """A stance of the article ``article_id`` as a row (its fields read alike whether the
    model declares them or holds them as extras)."""
    return StanceRow(
        article_id=article_id,
        holder=stance.holder,
        issue=stance.issue,
        position=stance.position,
        evidence=stance.evidence.text,
        date=getattr(stance, "date", None) or (published.isoformat() if published else None),
        source=str(getattr(stance, "source", None) or publisher or article_id),
        label=getattr(stance, "label", None),
        holder_person=getattr(stance, "holder_person", None),
        reported_by=getattr(stance, "reported_by", None),
        publisher=publisher,
        title=title,
    )


def rows_from_records(records: Iterable[ArticleRecord]) -> list[StanceRow]:
    """The stance rows of records in memory."""
    return [stance_row(s, r.id, r.published, r.publisher, r.title) for r in records for s in r.stances]


def _row_of_item(item: dict[str, Any]) -> StanceRow:
    article = item["article"]
    return stance_row(item["stance"], article["id"], article["published"], article["publisher"], article["title"])


def rows_from_store(store: Store, issue: str | None = None) -> list[StanceRow]:
    """The stance rows of a corpus store, on ``issue`` (its name, any case) or on all, in
    ingestion order."""
    return [_row_of_item(item) for item in stances(store, Filters(), issue_is=issue, order="ingested")]


def issue_names(rows: Iterable[StanceRow]) -> list[str]:
    return sorted({r.issue for r in rows})


def as_date(value: str | None) -> dt.date | None:
    """A record date value as a day (a month or a year as its first day)."""
    if not value:
        return None
    parts = value.split("-")
    try:
        if len(parts) == 3:
            return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
        if len(parts) == 2 and not parts[1].startswith("W"):
            return dt.date(int(parts[0]), int(parts[1]), 1)
        if len(parts) == 2:
            return dt.date.fromisocalendar(int(parts[0]), int(parts[1][1:]), 1)
        return dt.date(int(parts[0]), 1, 1)
    except ValueError:
        return None


def period_of(value: str | None, by: Period) -> str:
    """The period a date falls in ("2025-12-19" by month: "2025-12"); a date coarser than the
    period stays as it is ("2025" by month: "2025"); no date: "undated"."""
    if not value:
        return UNDATED
    parts = value.split("-")
    if by == "year" or len(parts) == 1:
        return parts[0]
    if by == "month" or len(parts) == 2:
        return "-".join(parts[:2])
    day = as_date(value)
    if day is None:
        return value
    if by == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    return day.isoformat()


def _polarity() -> dict[str, int]:
    """Position -> polarity (for > 0 > against), from the stance scale of ``data/stances.yaml``."""
    return {name: entry.polarity for name, entry in load_stance_lexicon().scale.items()}


def _sign(position: str, polarity: dict[str, int]) -> int:
    p = polarity.get(position, 0)
    return (p > 0) - (p < 0)


@dataclass
class Cell:
    """One actor in one period on one issue."""

    holder: str
    period: str
    position: str
    positions: list[str]
    label: str | None
    stances: int
    evidence: str
    article_id: str
    date: str | None
    source: str


def position_table(rows: Sequence[StanceRow], issue: str | None = None, *, by: Period = "month") -> list[Cell]:
    """Actors x periods on ``issue`` (any case; None: every issue), holder then period order."""
    chosen = [r for r in rows if issue is None or r.issue.casefold() == issue.strip().casefold()]
    groups: dict[tuple[str, str], list[StanceRow]] = defaultdict(list)
    for r in chosen:
        groups[(r.holder, period_of(r.date, by))].append(r)
    cells = []
    for (holder, period), items in sorted(groups.items()):
        items = sorted(items, key=lambda r: r.date or "")
        counts = Counter(r.position for r in items)
        top = max(counts.values())
        dominant = next(r.position for r in reversed(items) if counts[r.position] == top)
        shown = next(r for r in reversed(items) if r.position == dominant)
        cells.append(
            Cell(
                holder=holder,
                period=period,
                position=dominant,
                positions=sorted(counts),
                label=shown.label,
                stances=len(items),
                evidence=shown.evidence,
                article_id=shown.article_id,
                date=shown.date,
                source=shown.source,
            )
        )
    return cells


@dataclass
class Shift:
    """An actor's position on an issue, changed from one period to the next."""

    holder: str
    issue: str
    before_period: str
    before: str
    after_period: str
    after: str
    reversal: bool
    before_evidence: str
    after_evidence: str
    before_article: str
    after_article: str


def find_shifts(rows: Sequence[StanceRow], issue: str | None = None, *, by: Period = "month") -> list[Shift]:
    """Every change of an actor's prevailing position on an issue between consecutive
    periods in which they took one (undated stances are left out)."""
    polarity = _polarity()
    out: list[Shift] = []
    for name in issue_names(rows):
        if issue is not None and name.casefold() != issue.strip().casefold():
            continue
        cells = [c for c in position_table(rows, name, by=by) if c.period != UNDATED]
        by_holder: dict[str, list[Cell]] = defaultdict(list)
        for c in cells:
            by_holder[c.holder].append(c)
        for holder, seq in sorted(by_holder.items()):
            seq.sort(key=lambda c: c.period)
            for a, b in pairwise(seq):
                if a.position == b.position:
                    continue
                out.append(
                    Shift(
                        holder=holder,
                        issue=name,
                        before_period=a.period,
                        before=a.position,
                        after_period=b.period,
                        after=b.position,
                        reversal=_sign(a.position, polarity) * _sign(b.position, polarity) < 0,
                        before_evidence=a.evidence,
                        after_evidence=b.evidence,
                        before_article=a.article_id,
                        after_article=b.article_id,
                    )
                )
    return out


@dataclass
class Conflict:
    """The same actor, the same issue, opposite positions, reported by different sources at
    about the same time."""

    holder: str
    issue: str
    position_a: str
    source_a: str
    date_a: str | None
    evidence_a: str
    article_a: str
    position_b: str
    source_b: str
    date_b: str | None
    evidence_b: str
    article_b: str
    days_apart: int


def find_conflicts(rows: Sequence[StanceRow], issue: str | None = None, *, days: int = 7) -> list[Conflict]:
    """Pairs of incompatible positions (one for, one against) of one actor on one issue, from
    different sources, at most ``days`` apart; the closest pairs first."""
    polarity = _polarity()
    groups: dict[tuple[str, str], list[StanceRow]] = defaultdict(list)
    for r in rows:
        if issue is None or r.issue.casefold() == issue.strip().casefold():
            groups[(r.holder, r.issue)].append(r)
    out: list[Conflict] = []
    for (holder, name), items in sorted(groups.items()):
        dated = [(as_date(r.date), r) for r in items]
        seen: set[tuple[str, str, str, str]] = set()
        for i, (da, a) in enumerate(dated):
            for db, b in dated[i + 1 :]:
                if da is None or db is None or a.source == b.source:
                    continue
                if _sign(a.position, polarity) * _sign(b.position, polarity) >= 0:
                    continue
                gap = abs((db - da).days)
                if gap > days:
                    continue
                first, second = (a, b) if (a.date or "") <= (b.date or "") else (b, a)
                key = (first.article_id, second.article_id, first.position, second.position)
                if key in seen:
                    continue
                seen.add(key)
                out.append(
                    Conflict(
                        holder=holder,
                        issue=name,
                        position_a=first.position,
                        source_a=first.source,
                        date_a=first.date,
                        evidence_a=first.evidence,
                        article_a=first.article_id,
                        position_b=second.position,
                        source_b=second.source,
                        date_b=second.date,
                        evidence_b=second.evidence,
                        article_b=second.article_id,
                        days_apart=gap,
                    )
                )
    return sorted(out, key=lambda c: (c.days_apart, c.holder, c.issue))


def position_matrix(store: Store, filters: Filters, *, by: Period = "month") -> dict[str, Any]:
    """Actors x periods for the stances matching ``filters`` (an ``issue``, say), as ``parley
    positions`` builds them (:func:`position_table`), with every stance of each cell as
    evidence, spans included."""
    items = stances(store, filters, order="published")
    rows = [_row_of_item(item) for item in items]
    cells: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for item, row in zip(items, rows, strict=True):
        cells.setdefault((row.holder, period_of(row.date, by)), []).append(item)
    table = {(c.holder, c.period): c for c in position_table(rows, None, by=by)}
    periods = sorted({p for _, p in cells}, key=lambda p: (p == UNDATED, p))
    holders: dict[str, int] = {}
    for (holder, _), evidence in cells.items():
        holders[holder] = holders.get(holder, 0) + len(evidence)
    return {
        "issue": filters.issue,
        "by": by,
        "periods": periods,
        "holders": sorted(holders, key=lambda h: (-holders[h], h)),
        "issues": sorted({r.issue for r in rows}),
        "cells": [
            {"holder": h, "period": p, "position": table[(h, p)].position, "positions": table[(h, p)].positions, "evidence": evidence}
            for (h, p), evidence in sorted(cells.items())
        ],
    }


def as_dicts(items: Iterable[Cell | Shift | Conflict]) -> list[dict[str, Any]]:
    return [asdict(x) for x in items]


__all__ = [
    "Cell",
    "Conflict",
    "Shift",
    "StanceRow",
    "as_date",
    "as_dicts",
    "find_conflicts",
    "find_shifts",
    "issue_names",
    "period_of",
    "position_matrix",
    "position_table",
    "rows_from_records",
    "rows_from_store",
]
