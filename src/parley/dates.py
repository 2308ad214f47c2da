"""The time stage: find time expressions and normalise them against the publication date.

Two parts, as in spaCy's ``SpanRuler``: a pure resolver, :func:`resolve_expression`, that turns
the words of one expression into the record's value (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or
``YYYY-Www``) and modifier (START / MID / END), and a finder, :func:`find_dates`, that locates
expressions in a parsed Doc, reads the tense of the clause around those that need it, and
resolves each. :func:`date_governing` then tells later stages which date a verb is attached to.

Why a grammar of our own rather than dateparser: dateparser answers with a datetime, so it gives
every expression a day ("in August" -> 2025-08-25, "2014" -> 2014-12-25 with today's month and
day), loses the modifier ("late November" -> a day in November), has no ISO weeks, and places a
bare month or weekday by one global preference, not by the tense of the clause ("will meet in
August" is the next August). Granularity, modifiers and direction are what the record needs, so
they come from the grammar here; dateparser is kept only as a fallback for day dates in odd
formats that the grammar does not read ("21 Jul. '17"), and only when it finds a day, a month
and a year in the text.

The grammar is a handful of regular expressions built once from ``data/dates.yaml`` (month and
weekday names, modifier, hedge, shift and deictic words, units, number words), run over the
whole text in C rather than token by token; spaCy's DATE entities add what it does not know.
Its limits: English only; seasons are northern-hemisphere; dates told relative to another event
("two days later", "the year before") and durations, sets, quarters and decades are kept as
mentions without a value, because the format cannot hold them or the text does not fix them.
Nothing finer than the text gives is ever produced: "in August" is a month, never a day.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from spacy.tokens import Doc, Span, Token

from .data.loaders import load_date_rules
from .data.schemas import DateRulesFile
from .model import DateRef, Modifier
from .nlp import covering_span

Tense = Literal["past", "present", "future"]

# Notes given instead of (or beside) a value.
NO_ANCHOR = "relative, no publication date"
OUT_OF_RANGE = "out of range"


@dataclass(frozen=True)
class Resolution:
    """What one expression means: its value (None when the text does not fix one), its
    modifier, a ``note`` saying why there is no value or what the value stands for ("season",
    "approximate"), and the grammar ``rule`` that read it (None when none did)."""

    value: str | None
    modifier: Modifier | None = None
    note: str | None = None
    rule: str | None = None


class _OutOfRange(ValueError):
    """A value before year 1 or after 9999: the format cannot write it."""


# ---------------------------------------------------------------------------------------------
# The grammar


_WS = r"[ \t\u00a0]+"  # a date never runs across a line break ("twelve years\nThursday, May 7")
_WSO = r"[ \t\u00a0]*"
_END = r"(?!\w)"
_START = r"(?<![\w])"


def _variants(word: str) -> set[str]:
    """The spellings of a word the grammar accepts: lower case, capitalised, title case and
    upper case ("last year", "Last year", "Last Year", "LAST YEAR")."""
    w = word.lower()
    return {w, w[:1].upper() + w[1:], " ".join(p[:1].upper() + p[1:] for p in w.split()), w.upper()}


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` in each of their spellings, longest first, spaces matching
    any horizontal space. Spellings are spelt out instead of compiling with IGNORECASE: Python's
    ``re`` skips a branch on its first literal character only when the case is exact, which makes
    the grammar about twice as fast. Refuses an empty list: an empty group would match everywhere
    (trafilatura's ``_alt``)."""
    items = sorted({v for w in words if w.strip() for v in _variants(w)}, key=len, reverse=True)
    if not items:
        raise ValueError("a word group of the date grammar is empty")
    return "(?:" + "|".join(_WS.join(re.escape(part) for part in w.split()) for w in items) + ")"


def _w(*words: str) -> str:
    """Inline words of a rule ("the", "of", "ago"), in their spellings."""
    return _alt(words)


def _norm(words: str) -> str:
    return " ".join(words.lower().split())


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    rule: str
    priority: int
    match: re.Match[str]


class DateGrammar:
    """The compiled grammar for one rules file: one regex per rule, in priority order (an
    earlier rule wins a tie between two readings of the same stretch of text)."""

    # Rules whose value depends on where the clause points in time.
    TENSED = frozenset({"md", "dm", "month", "rel_weekday", "season"})
    # Rules that read common words, which a capital inside a name makes a title: "USA Today",
    # "LA Weekly", "Now This".
    COMMON_WORDS = frozenset({"deictic", "set", "present", "rel_unit", "duration"})

    def __init__(self, rules: DateRulesFile) -> None:
        self.rules = rules
        self.month_of: dict[str, int] = {}
        for number, unit in rules.months.items():
            for name in [*unit.names, *unit.abbreviations]:
                self.month_of[name.lower()] = number
        self.weekday_of: dict[str, int] = {}
        for number, unit in rules.weekdays.items():
            for name in [*unit.names, *unit.abbreviations]:
                self.weekday_of[name.lower()] = number
        self.season_months = {k.lower(): v for k, v in rules.seasons.items()}
        self.modifier_of: dict[str, Modifier] = {_norm(k): v for k, v in rules.modifiers.items()}
        self.shift_of = {_norm(k): v for k, v in rules.shifts.items()}
        self.deictic_of = {_norm(k): v for k, v in rules.deictic_days.items()}
        self.unit_of = {k.lower(): v for k, v in rules.units.items()}
        self.number_of = {k.lower(): v for k, v in rules.numbers.items()}
        self.context_words = frozenset(w.lower() for w in rules.context_words)
        self.shift_blockers = frozenset(w.lower() for w in rules.shift_blockers)
        self.future_auxiliaries = frozenset(w.lower() for w in rules.future_auxiliaries)
        self.future_heads = frozenset(w.lower() for w in rules.future_heads)
        self.past_prepositions = frozenset(w.lower() for w in rules.past_prepositions)
        names = [*self.month_of, *self.weekday_of, *self.season_months, *self.unit_of, *rules.temporal_nouns]
        self.temporal_word = re.compile(rf"(?<!\w){_alt(names)}(?!\w)", re.IGNORECASE)
        self.patterns = self._compile(rules)
        months = [n for u in rules.months.values() for n in [*u.names, *u.abbreviations]]
        days = [n for u in rules.weekdays.values() for n in [*u.names, *u.abbreviations]]
        self.anchors = {
            "month": re.compile(rf"{_START}{_alt(months)}"),
            "weekday": re.compile(rf"{_START}{_alt(days)}"),
            "digit": re.compile(r"\d+"),
        }
        # Rules that cannot match without one of the anchors above (see :meth:`scan`).
        self.anchor_of = {
            **dict.fromkeys(("mdy", "dmy", "md_rel", "dm_rel", "md", "dm", "my", "my_rel", "rel_month", "month"), "month"),
            "rel_weekday": "weekday",
            **dict.fromkeys(("iso", "iso_week", "numeric", "year", "decade"), "digit"),
        }
        self.leading = re.compile(rf"^{_alt(rules.leading_prepositions)}{_WS}")
        self.age = re.compile(self._age_pattern(rules))
        self.bare_number = re.compile(rf"^(?:\d{{1,3}}|{_alt(rules.numbers)})$", re.IGNORECASE)

    # -- building -------------------------------------------------------------------------

    def _compile(self, r: DateRulesFile) -> list[tuple[str, re.Pattern[str]]]:
        full_months = [n for u in r.months.values() for n in u.names]
        abbr_months = [n for u in r.months.values() for n in u.abbreviations]
        full_days = [n for u in r.weekdays.values() for n in u.names]
        abbr_days = [n for u in r.weekdays.values() for n in u.abbreviations]
        the, of, sep = _w("the"), _w("of"), rf"(?:{_WSO}[-–]{_WSO}|{_WS})"
        mon = rf"(?P<mon>{_alt(full_months)}{_END}|{_alt(abbr_months)}(?:\.|{_END}))"
        # A month standing alone: an abbreviation needs its full stop ("Dec.", not "Mar").
        mon_alone = rf"(?P<mon>{_alt(full_months)}{_END}|{_alt(abbr_months)}\.)"
        wd = rf"(?P<wd>{_alt(full_days)}{_END}|{_alt(abbr_days)}\.)"
        day = rf"(?P<day>3[01]|[12]\d|0?[1-9]){_w('st', 'nd', 'rd', 'th')}?(?!\w)"
        year = r"(?P<year>[12]\d{3})(?![\d\w])"
        # A year standing alone: not part of a number, an amount, a time or a ratio.
        bare_year = (
            r"(?<![\d.,$£€¥:/#])(?:(?<=\d{4}[-–])|(?<!\d[-–]))"
            r"(?P<year>1\d{3}|20\d{2})(?![\d\w])(?![.,:/]\d)(?![ \t]?%)"
        )
        mod = rf"(?:(?P<mod>{_alt(r.modifiers)}){sep}(?:{_w('in')}{_WS})?)"
        hedge = rf"(?:(?P<hedge>{_alt(r.hedges)}){_WS})"
        shift = rf"(?P<shift>{_alt(r.shifts)})"
        tens = [w for w, n in r.numbers.items() if n >= 20 and n % 10 == 0]
        ones = [w for w, n in r.numbers.items() if 1 <= n <= 9 and w not in ("a", "an")]
        num = rf"(?P<num>\d{{1,3}}|{_alt(tens)}[- \t\u00a0]{_alt(ones)}|{_alt(r.numbers)})"
        vague = rf"(?P<vague>{_w('a few', 'a couple of', 'several', 'many', 'some', 'a number of', 'a little')})"
        units = rf"(?P<unit>{_alt(r.units)})"
        seasons = rf"(?P<season>{_alt(r.seasons)})"
        parts_of_day = _w("morning", "night", "evening", "weekend")
        weekday_lead = rf"(?:{wd},?{_WS})?"
        rules: list[tuple[str, str]] = [
            ("iso", r"(?P<year>[12]\d{3})(?P<sep>[-/.])(?P<mo>0?[1-9]|1[0-2])(?P=sep)(?P<day>3[01]|[12]\d|0?[1-9])(?![\d\w])"),
            ("iso_week", r"(?P<year>[12]\d{3})-?W(?P<week>0[1-9]|[1-4]\d|5[0-3])(?![\d\w])"),
            ("numeric", r"(?P<a>\d{1,2})(?P<sep>[-/.])(?P<b>\d{1,2})(?P=sep)(?P<year>[12]\d{3})(?![\d\w])"),
            ("mdy", rf"{weekday_lead}{mod}?{mon}{_WSO}{day}(?:,{_WSO}|{_WS}){year}"),
            ("dmy", rf"{weekday_lead}(?:{the}{_WS})?{day}(?:{_WS}{of})?{_WS}{mon},?{_WS}{year}"),
            ("md_rel", rf"{weekday_lead}{mon}{_WSO}{day},?{_WS}(?:{of}{_WS})?{shift}{_WS}{_w('year')}{_END}"),
            ("dm_rel", rf"{weekday_lead}(?:{the}{_WS})?{day}(?:{_WS}{of})?{_WS}{mon},?{_WS}(?:{of}{_WS})?{shift}{_WS}{_w('year')}{_END}"),
            ("md", rf"{weekday_lead}{mod}?{mon}{_WSO}{day}"),
            ("dm", rf"{weekday_lead}(?:{the}{_WS})?{day}(?:{_WS}{of})?{_WS}{mon}"),
            ("my", rf"{mod}?{mon}(?:,?{_WS}|{_WS}{of}{_WS}){year}"),
            ("my_rel", rf"{mod}?{mon_alone},?{_WS}(?:{of}{_WS})?{shift}{_WS}{_w('year')}{_END}"),
            ("deictic", rf"(?:{mod}|{hedge})?(?P<deictic>{_alt(r.deictic_days)}){_END}"),
            (
                "rel_unit",
                rf"(?:{mod}|{hedge})?{shift}{_WS}(?P<unit>{_w('weekend', 'week', 'month', 'year', 'decade', 'century')})(?P<plural>[sS])?{_END}",
            ),
            ("mod_unit", rf"{mod}(?:{the}{_WS})?(?P<unit>{_w('week', 'month', 'year')}){_END}"),
            ("unit_end", rf"(?P<unit>{_w('year', 'month')}){sep}{_w('end')}{_END}"),
            ("rel_weekday", rf"{mod}?(?:(?:{the}{_WS})?{shift}{_WS})?{wd}"),
            ("rel_month", rf"{mod}?{shift}{_WS}{mon_alone}"),
            (
                "ago",
                rf"{hedge}?(?:\[?{num}\]?{_WS}|{vague}{_WS})?{units}(?:{_WS}{_w('and a')}{_WS}(?P<half>{_w('half')}))?{_WS}{_w('ago')}{_END}",
            ),
            (
                "anchored",
                rf"(?:{the}{_WS})?{_w('next', 'following', 'previous', 'preceding', 'same', 'subsequent')}{_WS}"
                rf"{_w('day', 'week', 'weekend', 'month', 'year', 'morning', 'night', 'evening')}{_END}"
                rf"|{the}{_WS}{_w('day', 'week', 'month', 'year', 'night')}{_WS}{_w('before', 'after', 'earlier', 'later')}{_END}"
                rf"|(?:\[?{num}\]?|{vague}){_WS}{units}{_WS}"
                rf"{_w('later', 'earlier', 'before', 'after', 'afterwards', 'afterward', 'prior', 'previously')}{_END}"
                rf"|{_w('that')}{_WS}{_w('day', 'week', 'month', 'year', 'night', 'morning', 'evening')}{_END}",
            ),
            (
                "quarter",
                rf"(?:{the}{_WS})?{_alt(r.ordinals)}{sep}(?P<part>{_w('quarter', 'half')})"
                rf"(?:{_WS}{of}{_WS}(?:{the}{_WS}{_w('year')}|{year}|{_w('this', 'last', 'next')}{_WS}{_w('year')}))?{_END}"
                rf"|[Qq](?P<q>[1-4])(?:{_WS}(?P<qyear>[12]\d{{3}}))?{_END}",
            ),
            (
                "set",
                rf"{_alt(r.set_words)}{_WS}(?:{_w('other')}{_WS})?(?:{num}{_WS})?"
                rf"(?:{units}{_END}|{wd}|{mon}|(?P<season>{_alt(r.seasons)}){_END}|{parts_of_day}{_END})"
                rf"|{_alt(r.set_adverbs)}{_END}"
                rf"|(?P<wdpl>{_alt(full_days)})[sS]{_END}",
            ),
            (
                "decade",
                rf"{mod}?(?:{the}{_WS})?(?:(?P<dmod>{_w('early', 'mid', 'late')}){sep})?"
                rf"(?:(?P<decade>[12]\d{{2}}0)|['’](?P<short>\d0))['’]?[sS]{_END}",
            ),
            (
                "century",
                rf"(?:{the}{_WS})?{mod}?(?:\d{{1,2}}{_w('st', 'nd', 'rd', 'th')}|[A-Za-z]+(?:-[A-Za-z]+)?{_w('st', 'nd', 'rd', 'th')}"
                rf"|{_w('this', 'last', 'next', 'previous')}){sep}{_w('century')}{_END}",
            ),
            ("season", rf"{mod}?(?:{shift}{_WS})?(?:{the}{_WS})?{seasons}(?:{_WS}(?:{of}{_WS})?{year})?{_END}"),
            ("year", rf"{mod}?{bare_year}"),
            ("month", rf"{mod}?{mon_alone}"),
            (
                "duration",
                rf"(?:(?:{the}{_WS})?{_w('past', 'last', 'next', 'coming', 'first', 'final', 'previous', 'following')}{_WS})?"
                rf"{hedge}?(?:\[?{num}\]?|{vague}){sep}{units}{_END}"
                rf"|{the}{_WS}{_w('past', 'last', 'next', 'coming')}{_WS}{_alt(r.units)}{_END}",
            ),
            ("present", rf"{_alt(r.present_words)}{_END}"),
        ]
        return [(name, re.compile(f"{_START}(?:{pattern})")) for name, pattern in rules]

    @staticmethod
    def _age_pattern(r: DateRulesFile) -> str:
        num = rf"(?:\d{{1,3}}|{_alt(r.numbers)}(?:-{_alt(r.numbers)})?)"
        unit = rf"{_w('year', 'month', 'week', 'day')}[sS]?"
        sep = rf"(?:{_WSO}[-–]{_WSO}|{_WS})"
        return (
            rf"{_START}(?:\d{{4}}|{num}){sep}{unit}{sep}{_w('old')}{_END}"
            rf"|{_START}{_w('aged', 'age', 'ages')}{_WS}(?:{_w('of')}{_WS})?{num}{_END}"
            rf"|{_START}(?:{_w('the')}{_WS})?{_w('age')}{_WS}{_w('of')}{_WS}{num}(?:{_WS}{unit})?{_END}"
        )

    # -- reading ----------------------------------------------------------------------------

    def parse(self, text: str) -> tuple[str, re.Match[str]] | None:
        """The first rule that reads all of ``text`` (already stripped), with its match."""
        for name, pattern in self.patterns:
            m = pattern.fullmatch(text)
            if m is not None:
                return name, m
        return None

    def scan(self, text: str) -> list[_Candidate]:
        """Every match of every rule in running text, after the checks that need only the
        text: month and weekday names capitalised ("in May", not the modal "may").

        A rule that cannot match without a month name, a weekday name or a digit runs only
        over the stretches around one (found by one quick scan each), not over the whole
        text: the same matches, for about half the work."""
        out: list[_Candidate] = []
        windows = {key: _windows(text, anchor) for key, anchor in self.anchors.items()}
        for priority, (name, pattern) in enumerate(self.patterns):
            key = self.anchor_of.get(name)
            for lo, hi in windows[key] if key else ((0, len(text)),):
                for m in pattern.finditer(text, lo, hi):
                    if m.end() > m.start() and self._cased(m):
                        out.append(_Candidate(m.start(), m.end(), name, priority, m))
        return out

    def _cased(self, m: re.Match[str]) -> bool:
        groups = m.groupdict()
        for key in ("mon", "wd", "wdpl"):
            name = groups.get(key)
            if name and not name[0].isupper():
                return False  # "may", "march", "sun": words, not names
        return True

    def preceding_word(self, text: str, start: int) -> str:
        m = _PRECEDING.search(text, max(0, start - 40), start)
        return m.group(1).lower() if m else ""

    def ages(self, text: str) -> list[tuple[int, int]]:
        return [(m.start(), m.end()) for m in self.age.finditer(text)]


# How far a match reaches before and after the anchor it needs, at most, in characters:
# "Wednesday, the beginning of " before a month, " 21st, of this coming year" after it.
_REACH = 60


def _windows(text: str, anchor: re.Pattern[str]) -> list[tuple[int, int]]:
    """Stretches of ``text`` around each match of ``anchor``, widened to whitespace so that no
    word is cut (a rule's ``(?!\\w)`` at a window's end must see what the whole text has
    there), and merged."""
    out: list[tuple[int, int]] = []
    n = len(text)
    for m in anchor.finditer(text):
        lo, hi = max(0, m.start() - _REACH), min(n, m.end() + _REACH)
        while lo > 0 and not text[lo - 1].isspace():
            lo -= 1
        while hi < n and not text[hi].isspace():
            hi += 1
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


_PRECEDING = re.compile(r"([\w’']+)[ \t\u00a0,]*$")


def _inside_name(text: str, start: int) -> bool:
    """A capitalised word right after another capitalised word, mid-sentence: part of a name."""
    if not text[start : start + 1].isupper():
        return False
    before = text[max(0, start - 40) : start]
    stripped = before.rstrip(" \t\u00a0")
    if len(stripped) == len(before) or not stripped or stripped[-1] in ".!?\"'“”‘’:;—–-([\n":
        return False
    words = stripped.split()
    return bool(words) and words[-1][:1].isupper()


@lru_cache(maxsize=4)
def grammar_for(path: str | None = None) -> DateGrammar:
    """The grammar built from ``data/dates.yaml`` (or ``path``), compiled once per process."""
    return DateGrammar(load_date_rules(path))


# ---------------------------------------------------------------------------------------------
# Calendar arithmetic; every value passes through these, so the format is checked in one place


def _check_year(year: int) -> int:
    if not 1 <= year <= 9999:
        raise _OutOfRange(f"year {year}")
    return year


def _day(d: dt.date) -> str:
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


def _month(year: int, month: int) -> str:
    return f"{_check_year(year):04d}-{month:02d}"


def _year(year: int) -> str:
    return f"{_check_year(year):04d}"


def _week(d: dt.date) -> str:
    year, week, _ = d.isocalendar()
    return f"{_check_year(year):04d}-W{week:02d}"


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + by
    return index // 12, index % 12 + 1


def _add_days(d: dt.date, days: int) -> dt.date:
    try:
        return d + dt.timedelta(days=days)
    except OverflowError:
        raise _OutOfRange(f"{d} + {days} days") from None


def _weekday(published: dt.date, weekday: int, shift: int | None, tense: Tense | None) -> dt.date:
    """The date of ``weekday`` near ``published``: "last Tuesday" the one strictly before,
    "next Tuesday" the one strictly after; a bare or "this" Tuesday the one on or after the
    publication day in a future tense, else the one on or before it (news reports what has
    happened, and a present tense there is mostly the headline's: "Trump says at Monday's
    debate")."""
    back = (published.weekday() - weekday) % 7
    ahead = (weekday - published.weekday()) % 7
    if shift is not None and shift < 0:
        return _add_days(published, -(back or 7))
    if shift is not None and shift > 0:
        return _add_days(published, ahead or 7)
    if tense == "future":
        return _add_days(published, ahead)
    return _add_days(published, -back)


def _place_year(published: dt.date, month: int, day: int | None, tense: Tense | None) -> int:
    """The year of a month (and day) the text gives without one: the latest on or before the
    publication date in a past tense, the first on or after it in a future one; in the present
    tense the nearer of the two (a schedule: "the festival runs through March 11"), and so too
    for a day when the tense is unknown ("#Coming September 30th"), but the latest for a month
    alone ("in August" with no verb reads as the last August)."""
    candidates: list[tuple[int, dt.date]] = []
    for year in range(published.year - 4, published.year + 5):
        if not 1 <= year <= 9999:
            continue
        try:
            candidates.append((year, dt.date(year, month, day or 1)))
        except ValueError:
            continue  # February 29 in a common year
    if day is None:  # compare months, not days: "in December" published on December 25 is this one
        anchor = dt.date(published.year, published.month, 1)
    else:
        anchor = published
    before = [c for c in candidates if c[1] <= anchor]
    after = [c for c in candidates if c[1] >= anchor]
    if tense == "future":
        if not after:
            raise _OutOfRange(f"no {month}/{day} after {published}")
        return after[0][0]
    nearest = tense == "present" or (tense is None and day is not None)
    if nearest and before and after:
        b, a = before[-1], after[0]
        return a[0] if (a[1] - anchor) < (anchor - b[1]) else b[0]
    if not before:
        if nearest and after:
            return after[0][0]
        raise _OutOfRange(f"no {month}/{day} before {published}")
    return before[-1][0]


def _number(text: str, grammar: DateGrammar) -> int | None:
    t = text.strip("[] \t").lower()
    if t.isdigit():
        return int(t)
    parts = re.split(r"[-\s]+", t)
    if all(p in grammar.number_of for p in parts):
        return sum(grammar.number_of[p] for p in parts)
    return None


# ---------------------------------------------------------------------------------------------
# Resolving one match


def _group(m: re.Match[str], name: str) -> str | None:
    return m.groupdict().get(name)


def _modifier(m: re.Match[str], grammar: DateGrammar) -> Modifier | None:
    word = _group(m, "mod")
    return grammar.modifier_of.get(_norm(word)) if word else None


def _month_number(m: re.Match[str], grammar: DateGrammar) -> int:
    return grammar.month_of[(_group(m, "mon") or "").lower().rstrip(".")]


def _weekday_number(m: re.Match[str], grammar: DateGrammar) -> int | None:
    name = _group(m, "wd")
    return grammar.weekday_of[name.lower().rstrip(".")] if name else None


def _resolve_match(rule: str, m: re.Match[str], published: dt.date | None, tense: Tense | None, grammar: DateGrammar) -> Resolution:
    try:
        return _resolve_rule(rule, m, published, tense, grammar)
    except (_OutOfRange, OverflowError):
        return Resolution(None, None, OUT_OF_RANGE, rule)
    except ValueError:  # "February 30": the text names no real day
        return Resolution(None, None, "not a calendar date", rule)


def _resolve_rule(rule: str, m: re.Match[str], published: dt.date | None, tense: Tense | None, grammar: DateGrammar) -> Resolution:
    mod = _modifier(m, grammar)
    relative = Resolution(None, None, NO_ANCHOR, rule)

    if rule in ("iso", "mdy", "dmy"):
        month = int(m["mo"]) if rule == "iso" else _month_number(m, grammar)
        return Resolution(_day(dt.date(_check_year(int(m["year"])), month, int(m["day"]))), None, None, rule)
    if rule == "iso_week":
        year, week = _check_year(int(m["year"])), int(m["week"])
        dt.date.fromisocalendar(year, week, 1)  # raises for a week 53 the year does not have
        return Resolution(f"{year:04d}-W{week:02d}", None, None, rule)
    if rule == "numeric":
        a, b, year = int(m["a"]), int(m["b"]), _check_year(int(m["year"]))
        if a > 12 >= b:
            day, month = a, b
        elif b > 12 >= a or a == b:
            month, day = a, b
        else:  # 03/04/2017: March 4 in the US, 3 April elsewhere; the text does not say which
            return Resolution(None, None, "ambiguous numeric date", rule)
        return Resolution(_day(dt.date(year, month, day)), None, None, rule)
    if rule in ("md", "dm"):
        month, day = _month_number(m, grammar), int(m["day"])
        weekday = _weekday_number(m, grammar)
        if published is None:
            return relative
        if weekday is not None:  # "Tuesday, March 8": the year in which March 8 is a Tuesday
            fits = [y for y in range(published.year - 1, published.year + 2) if 1 <= y <= 9999 and _is_weekday(y, month, day, weekday)]
            if len(fits) == 1:
                return Resolution(_day(dt.date(fits[0], month, day)), None, None, rule)
        year = _place_year(published, month, day, tense)
        return Resolution(_day(dt.date(year, month, day)), None, None, rule)
    if rule == "my":
        return Resolution(_month(int(m["year"]), _month_number(m, grammar)), mod, None, rule)
    if rule in ("md_rel", "dm_rel", "my_rel"):  # "June 16th of last year", "in March this year"
        if published is None:
            return Resolution(None, mod, NO_ANCHOR, rule)
        year = _check_year(published.year + grammar.shift_of[_norm(m["shift"])])
        month = _month_number(m, grammar)
        if rule == "my_rel":
            return Resolution(_month(year, month), mod, None, rule)
        return Resolution(_day(dt.date(year, month, int(m["day"]))), None, None, rule)
    if rule == "month":
        if published is None:
            return Resolution(None, mod, NO_ANCHOR, rule)
        month = _month_number(m, grammar)
        return Resolution(_month(_place_year(published, month, None, tense), month), mod, None, rule)
    if rule == "year":
        return Resolution(_year(int(m["year"])), mod, None, rule)
    if rule == "deictic":
        if published is None:
            return Resolution(None, mod, NO_ANCHOR, rule)
        days = grammar.deictic_of[_norm(m["deictic"])]
        return Resolution(_day(_add_days(published, days)), mod, None, rule)
    if rule in ("rel_unit", "mod_unit", "unit_end"):
        unit = m["unit"].lower()
        shift = grammar.shift_of[_norm(m["shift"])] if _group(m, "shift") else 0
        if rule == "unit_end":
            mod = "END"
        if _group(m, "plural") and shift != 0:
            return Resolution(None, None, "duration", rule)  # "in last years"; "this years" is a slip for "this year's"
        if unit in ("decade", "century"):
            return Resolution(None, mod, unit, rule)
        if published is None:
            return Resolution(None, mod, NO_ANCHOR, rule)
        if unit == "year":
            return Resolution(_year(published.year + shift), mod, None, rule)
        if unit == "month":
            return Resolution(_month(*_shift_month(published.year, published.month, shift)), mod, None, rule)
        if unit == "week":
            return Resolution(_week(_add_days(published, 7 * shift)), mod, None, rule)
        # a weekend lies inside one ISO week (Saturday and Sunday end it)
        saturday = _weekday(published, 5, shift or None, tense)
        return Resolution(_week(saturday), mod, "weekend", rule)
    if rule == "rel_weekday":
        if published is None:
            return Resolution(None, mod, NO_ANCHOR, rule)
        weekday = _weekday_number(m, grammar)
        assert weekday is not None
        step = grammar.shift_of[_norm(m["shift"])] if _group(m, "shift") else None
        return Resolution(_day(_weekday(published, weekday, step or None, tense)), mod, None, rule)
    if rule == "rel_month":
        if published is None:
            return Resolution(None, mod, NO_ANCHOR, rule)
        month, shift = _month_number(m, grammar), grammar.shift_of[_norm(m["shift"])]
        if shift < 0:  # "last August": the latest August before this month
            year = published.year if month < published.month else published.year - 1
        elif shift > 0:
            year = published.year if month > published.month else published.year + 1
        else:
            year = published.year
        return Resolution(_month(year, month), mod, None, rule)
    if rule == "ago":
        return _resolve_ago(m, published, grammar)
    if rule == "season":
        return _resolve_season(m, published, tense, grammar)
    if rule == "quarter":
        return Resolution(None, None, (_group(m, "part") or "quarter").lower(), rule)
    notes = {
        "anchored": "relative to another time",
        "set": "set",
        "decade": "decade",
        "century": "century",
        "duration": "duration",
        "present": "present reference",
    }
    return Resolution(None, None, notes.get(rule, rule), rule)


def _is_weekday(year: int, month: int, day: int, weekday: int) -> bool:
    try:
        return dt.date(year, month, day).weekday() == weekday
    except ValueError:
        return False


def _resolve_ago(m: re.Match[str], published: dt.date | None, grammar: DateGrammar) -> Resolution:
    """ "two days ago" -> a day, "three weeks ago" -> an ISO week, "Seventeen years ago" -> a
    year: the unit sets the granularity. "a few years ago" names no number: no value."""
    count = _number(m["num"], grammar) if _group(m, "num") else None
    if count is None or _group(m, "half"):
        return Resolution(None, None, "vague", "ago")
    if published is None:
        return Resolution(None, None, NO_ANCHOR, "ago")
    note = "approximate" if _group(m, "hedge") else None
    unit = grammar.unit_of[m["unit"].lower()]
    if unit == "day":
        return Resolution(_day(_add_days(published, -count)), None, note, "ago")
    if unit == "week":
        return Resolution(_week(_add_days(published, -7 * count)), None, note, "ago")
    if unit == "month":
        return Resolution(_month(*_shift_month(published.year, published.month, -count)), None, note, "ago")
    if unit == "decade":
        return Resolution(_year(published.year - 10 * count), None, "approximate", "ago")
    return Resolution(_year(published.year - count), None, note, "ago")


def _resolve_season(m: re.Match[str], published: dt.date | None, tense: Tense | None, grammar: DateGrammar) -> Resolution:
    """A season gives its year only (the format has no seasons), and only when that year is
    certain: a winter without a year in the text straddles two years, so it gets none."""
    name = m["season"].lower()
    months = grammar.season_months[name]
    if _group(m, "year"):
        return Resolution(_year(int(m["year"])), None, "season", "season")
    if months != sorted(months):
        return Resolution(None, None, "season spans two years", "season")
    if published is None:
        return Resolution(None, None, NO_ANCHOR, "season")
    shift = grammar.shift_of[_norm(m["shift"])] if _group(m, "shift") else None
    first, last, now, year = months[0], months[-1], published.month, published.year
    if shift == 0:
        return Resolution(_year(year), None, "season", "season")
    if shift is not None and shift < 0:  # "last spring": the latest one over before this one
        return Resolution(_year(year if now > last else year - 1), None, "season", "season")
    if (shift is not None and shift > 0) or tense == "future":  # "next spring" / "will ... in the spring"
        strict = shift is not None
        ahead = now < first if strict else now <= last
        return Resolution(_year(year if ahead else year + 1), None, "season", "season")
    return Resolution(_year(year if now >= first else year - 1), None, "season", "season")


# ---------------------------------------------------------------------------------------------
# The resolver


_EDGE = " \t\n\r\"'“”‘’()[]{},;:!?"


def resolve_expression(text: str, published: dt.date | None, *, tense: Tense | str | None = None, rules_path: str | None = None) -> Resolution:
    """The record's value and modifier for the time expression ``text``, against ``published``.

    ``tense`` ("past", "present", "future" or None) places what the text gives without its year
    or week ("in August", "on Tuesday", "on December 19"): the latest one on or before the
    publication date when past or unknown, the next when future, the nearer when present.
    Never raises; text that is not a time expression, or whose value the text does not fix,
    gets ``value=None`` and a ``note`` saying why ("duration", "set", "quarter", "decade",
    "relative, no publication date", "age", "unrecognised"...).

    >>> resolve_expression("in late November", dt.date(2025, 12, 25))
    Resolution(value='2025-11', modifier='END', note=None, rule='month')
    """
    when: Tense | None = tense if tense in ("past", "present", "future") else None
    return _resolve_text(text, published, when, grammar_for(rules_path))


def _resolve_text(text: str, published: dt.date | None, tense: Tense | None, grammar: DateGrammar) -> Resolution:
    t = " ".join(text.split()).strip(_EDGE)
    t = re.sub(r"['’]s$", "", t).strip(_EDGE)
    if not t:
        return Resolution(None, None, "unrecognised")
    stripped = grammar.leading.sub("", t, count=1)  # "on Tuesday" reads as "Tuesday"
    for candidate in dict.fromkeys((t, stripped, t.rstrip("."), stripped.rstrip("."))):
        parsed = grammar.parse(candidate) if candidate else None
        if parsed is not None:  # "at least two years ago" as a whole before "least two years ago"
            return _resolve_match(parsed[0], parsed[1], published, tense, grammar)
    t = stripped
    if grammar.age.fullmatch(t):
        return Resolution(None, None, "age")
    if grammar.bare_number.match(t):
        return Resolution(None, None, "number")
    if any(c.isdigit() for c in t):
        value = _dateparser_day(t, published)
        if value is not None:
            return Resolution(value, None, None, "dateparser")
    return Resolution(None, None, "unrecognised")


_AMBIGUOUS_NUMERIC = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.]\d{2}")


def _dateparser_day(text: str, published: dt.date | None) -> str | None:
    """A day date in a format the grammar does not read, through dateparser, only when the text
    gives a day, a month and a year (``REQUIRE_PARTS``, strict parsing, no relative parser), and
    never for a numeric date whose day and month could be swapped."""
    m = _AMBIGUOUS_NUMERIC.fullmatch(text)
    if m and int(m[1]) <= 12 and int(m[2]) <= 12 and m[1] != m[2]:
        return None
    if len(text) > 60:
        return None
    try:
        import dateparser  # slow to import and rarely needed

        settings: dict[str, Any] = {
            "STRICT_PARSING": True,
            "REQUIRE_PARTS": ["day", "month", "year"],
            "PARSERS": ["custom-formats", "absolute-time"],
            "RETURN_AS_TIMEZONE_AWARE": False,
        }
        if published is not None:
            settings["RELATIVE_BASE"] = dt.datetime(published.year, published.month, published.day)
        found = dateparser.parse(text, languages=["en"], settings=settings)
    except Exception:  # dateparser raises on odd input (overflow near year 9999): no value
        return None
    if found is None or not 1 <= found.year <= 9999:
        return None
    return _day(found.date())


# ---------------------------------------------------------------------------------------------
# The finder


def find_dates(doc: Doc, published: dt.date | None, *, rules_path: str | None = None) -> list[DateRef]:
    """The time expressions of ``doc``, in text order, each resolved against ``published``.

    The grammar finds expressions in the text; the parse decides the cases the words alone do
    not: a month or season alone counts after a preposition or modifier or when spaCy tags it
    DATE ("in May", not "Theresa May"); a four-digit number counting a plural noun is not a
    year ("1709 schoolchildren"); "62-year-old" is an age and no date. Where two readings
    overlap the longer wins ("Friday, July 21, 2017" over "Friday"). spaCy's DATE entities that
    the grammar does not cover are added, resolved as far as the resolver can. The tense of
    the clause places the expressions that need it ("will meet in August").
    """
    grammar = grammar_for(rules_path)
    text = doc.text
    blocked = grammar.ages(text)
    ents = [e for e in doc.ents if e.label_ in ("DATE", "TIME", "EVENT")]
    date_chars = [(e.start_char, e.end_char) for e in ents]
    kept: list[_Candidate] = []
    for c in grammar.scan(text):
        if c.rule in grammar.COMMON_WORDS and _inside_name(text, c.start):
            blocked.append((c.start, c.end))  # "Russia Today", "LA Weekly": spaCy's DATE there too
            continue
        if _overlaps_any(c.start, c.end, blocked):
            continue
        if not _fits_context(c, text, grammar, date_chars):
            blocked.append((c.start, c.end))  # "his last year in office": spaCy's DATE there too
            continue
        if c.rule == "year" and _counts_things(doc, c):
            blocked.append((c.start, c.end))
            continue
        kept.append(c)
    chosen = _longest_first(kept)
    refs: list[DateRef] = []
    for c in chosen:
        tense: Tense | None = None
        if c.rule in grammar.TENSED:
            since = grammar.preceding_word(text, c.start) in grammar.past_prepositions
            tense = "past" if since else _tense_at(doc, c.start, c.end, grammar)  # "shootings since January 1st"
        res = _resolve_match(c.rule, c.match, published, tense, grammar)
        refs.append(_ref(text, c.start, c.end, res))
    taken = [(c.start, c.end) for c in chosen] + blocked
    for ent in ents:
        if ent.label_ != "DATE":
            continue
        start, end = _trim(text, ent.start_char, ent.end_char)
        if start >= end or _overlaps_any(start, end, taken):
            continue
        tense = _tense_at(doc, start, end, grammar)
        res = _resolve_text(text[start:end], published, tense, grammar)
        if res.note in ("age", "number"):
            continue  # "Thomas Sam, 42," is an age, "19" a number: not dates
        if res.note == "unrecognised" and not grammar.temporal_word.search(text, start, end):
            continue  # spaCy's DATE on "PTSD" or "under 30": nothing here names a time
        refs.append(_ref(text, start, end, res))
        taken.append((start, end))
    refs.sort(key=lambda r: (r.start, r.end))
    return _anchor_days(refs, text, grammar)


# "the following day", "a day later", "two days earlier", "the same day": a day counted from a
# day the text gave just before (the shift in days; None for a count to read)
_ANCHORED_DAY = re.compile(
    r"^(?:the\s+)?(?:"
    r"(?P<next>next|following|subsequent)\s+day|(?P<prev>previous|preceding)\s+day|day\s+(?P<rel>after|before)"
    r"|(?P<same>same|that)\s+day"
    r"|(?P<count>\S+)\s+days?\s+(?P<dir>later|after|afterwards?|earlier|before|prior|previously))$",
    re.IGNORECASE,
)
_ANCHOR_REACH = 400  # characters back, within the paragraph, where the day it counts from may stand


def _anchor_days(refs: list[DateRef], text: str, grammar: DateGrammar) -> list[DateRef]:
    """Resolve expressions that count days from another time ("on Tuesday ..., the following
    day") against the nearest earlier day in the same paragraph, as TimeML anchors them. Only
    days: "a week later" may be a date or a duration, and is left as it is."""
    out: list[DateRef] = []
    for ref in refs:
        m = _ANCHORED_DAY.match(ref.text.strip()) if ref.value is None else None
        anchor = None
        if m is not None:
            anchor = next(
                (
                    a for a in reversed(out)
                    if a.value and len(a.value) == 10 and a.end <= ref.start and ref.start - a.end <= _ANCHOR_REACH
                    and "\n\n" not in text[a.end : ref.start]
                ),
                None,
            )  # fmt: skip
        shift = _day_shift(m, grammar) if m is not None and anchor is not None else None
        if anchor is None or anchor.value is None or shift is None:
            out.append(ref)
            continue
        try:
            day = _add_days(dt.date.fromisoformat(anchor.value), shift)
        except _OutOfRange:
            out.append(ref)  # "the next day" after 9999-12-31
            continue
        out.append(ref.model_copy(update={"value": _day(day), "note": f"counted from {anchor.text!r}"}))
    return out


def _day_shift(m: re.Match[str], grammar: DateGrammar) -> int | None:
    if m.group("next") or m.group("rel") == "after":
        return 1
    if m.group("prev") or m.group("rel") == "before":
        return -1
    if m.group("same"):
        return 0
    count = _number(m.group("count"), grammar) if m.group("count").lower() not in {"a", "one"} else 1
    if count is None:
        return None
    return count if m.group("dir").lower().startswith(("later", "after")) else -count


def _ref(text: str, start: int, end: int, res: Resolution) -> DateRef:
    """The record's entry; ``note`` is an extra field, present only when there is one."""
    ref = DateRef.of(text, start, end)
    update: dict[str, Any] = {"value": res.value, "modifier": res.modifier}
    if res.note:
        update["note"] = res.note
    return DateRef.model_validate(ref.model_dump() | update)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """An entity's offsets without edge punctuation and whitespace ("Tuesday, June 19, 2018\\n")."""
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def _overlaps_any(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def _fits_context(c: _Candidate, text: str, grammar: DateGrammar, date_chars: list[tuple[int, int]]) -> bool:
    """Checks on the words around a match, for the rules that read common words."""
    groups = c.match.groupdict()
    if c.rule in ("month", "season") and not groups.get("mod") and not groups.get("shift") and not groups.get("year"):
        word = grammar.preceding_word(text, c.start)
        if c.rule == "season":
            if (groups.get("season") or "").lower() == "fall":
                return False  # "the fall of the Berlin Wall"
            return (word in grammar.context_words and word != "the") or _overlaps_any(c.start, c.end, date_chars)
        return word in grammar.context_words or _overlaps_any(c.start, c.end, date_chars)
    shift = groups.get("shift")
    if shift and c.rule in ("rel_unit", "rel_month") and _norm(shift) in ("last", "next", "coming", "previous"):
        return grammar.preceding_word(text, c.start) not in grammar.shift_blockers and not _after_possessive(text, c.start)
    return True


def _after_possessive(text: str, start: int) -> bool:
    before = text[max(0, start - 3) : start].rstrip()
    return before.endswith(("'s", "’s"))


def _counts_things(doc: Doc, c: _Candidate) -> bool:
    """A four-digit number counting the plural noun it modifies, with no determiner before it:
    "a survey of 1709 schoolchildren" (a count), unlike "the 2014 protests" (a year)."""
    span = covering_span(doc, c.match.start("year"), c.match.end("year"))
    if span is None or len(span) != 1:
        return False
    tok = span[0]
    head = tok.head
    if tok.dep_ != "nummod" or head.tag_ not in ("NNS", "NNPS") or head.i < tok.i:
        return False
    return not any(ch.dep_ in ("det", "poss") and ch.i < tok.i for ch in head.children)


def _longest_first(cands: list[_Candidate]) -> list[_Candidate]:
    """Non-overlapping candidates: the longest first, then the earlier rule (a tie-break policy
    of its own, as spaCy's ``filter_spans`` prefers the longest span)."""
    chosen: list[_Candidate] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.priority, c.start)):
        if not any(c.start < o.end and o.start < c.end for o in chosen):
            chosen.append(c)
    chosen.sort(key=lambda c: c.start)
    return chosen


# ---------------------------------------------------------------------------------------------
# Tense and attachment through the parse


_CLAUSAL = frozenset({"ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "parataxis", "csubj", "csubjpass"})


def _tense_at(doc: Doc, start: int, end: int, grammar: DateGrammar) -> Tense | None:
    span = covering_span(doc, start, end)
    if span is None or not len(span):
        return None
    return clause_tense(span.root, grammar)


def _governing_verb(token: Token) -> Token | None:
    t = token
    for _ in range(12):
        if t.pos_ in ("VERB", "AUX") and t.i != token.i:
            return t
        if t.head.i == t.i:
            return t if t.pos_ in ("VERB", "AUX") else None
        t = t.head
    return None


def clause_tense(token: Token, grammar: DateGrammar | None = None) -> Tense | None:
    """Where the clause around ``token`` points: "future" for "will meet", "is to be held",
    "plans to meet", "are meeting"; "past" for "met", "has met", "was held"; "present" for
    "launches", "runs"; None when there is no verb (a headline, a dateline)."""
    g = grammar or grammar_for()
    verb = _governing_verb(token)
    return None if verb is None else _verb_tense(verb, g, 0)


def _verb_tense(verb: Token, g: DateGrammar, depth: int) -> Tense | None:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ == "MD" for a in auxes) and any(a.lemma_ == "have" for a in auxes):
        return "past"  # "would have met in August": what did not happen, before now
    if any(a.lower_ in g.future_auxiliaries for a in auxes):
        return "future"
    if any(a.tag_ == "TO" for a in auxes):  # an infinitive: as its head, or ahead of it
        head = verb.head
        if head.i == verb.i:
            return None
        if head.lemma_.lower() in g.future_heads or head.lower_ in g.future_heads:
            return "future"
        if head.pos_ in ("VERB", "AUX") and depth < 3:
            return _verb_tense(head, g, depth + 1)
        return None
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" or a.lemma_ == "have" for a in auxes):
        return "past"  # "met", "was held", "has met", "has been targeting"
    if verb.tag_ == "VBG" and any(a.lemma_ == "be" and a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "future"  # "the leaders are meeting on Tuesday": an arrangement
    if verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "present"
    if not auxes and verb.dep_ in ("conj", "advcl") and verb.head.i != verb.i and depth < 3:
        return _verb_tense(verb.head, g, depth + 1)  # "would assume office in January, run in November"
    return None


def date_governing(token_or_span: Token | Span, dates: list[DateRef], doc: Doc) -> DateRef | None:
    """The resolved date attached to a verb through the parse, or None.

    A date belongs to the verb when the path up the parse from the date's head word reaches
    the verb without passing another verb or a clause boundary: "on December 19" in "Earlier,
    on December 19, Putin said", "on Tuesday" in "said in an interview on Tuesday", but not
    "in August" in "said that he met Trump in August" (that one belongs to "met"). The nearest
    such date wins. For ``statements.said_on`` and ``events.when``.
    """
    verb = token_or_span.root if isinstance(token_or_span, Span) else token_or_span
    sentence = verb.sent
    best: tuple[int, int, DateRef] | None = None
    for ref in dates:
        if ref.value is None or ref.end <= sentence.start_char or ref.start >= sentence.end_char:
            continue  # (outside the verb's sentence: skipped before the costlier look-up below)
        span = covering_span(doc, ref.start, ref.end)
        if span is None or not len(span) or span.sent.start != sentence.start:
            continue
        steps = _steps_to(span.root, verb)
        if steps is None:
            continue
        key = (steps, abs(span.root.i - verb.i), ref)
        if best is None or key[:2] < best[:2]:
            best = key
    return best[2] if best else None


def _steps_to(token: Token, verb: Token) -> int | None:
    t, steps = token, 0
    while t.i != verb.i:
        if t.head.i == t.i or t.dep_ in _CLAUSAL or steps > 10:
            return None
        if t.i != token.i and t.pos_ in ("VERB", "AUX"):
            return None  # attached to another verb first
        t, steps = t.head, steps + 1
    return steps
