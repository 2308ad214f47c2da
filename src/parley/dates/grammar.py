"""The grammar of time expressions: a handful of regular expressions built once from
``data/dates.yaml`` (month and weekday names, modifier, hedge, shift and deictic words, units,
number words), run over the whole text in C rather than token by token.

:class:`DateGrammar` holds one compiled pattern per rule, in priority order, and the word
tables the resolver reads; :meth:`DateGrammar.scan` finds every match in running text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..base.registry import resource
from ..data.loaders import load_date_rules
from ..data.schemas import DateRulesFile
from ..model import Modifier

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
        self.expectation_heads = frozenset(w.lower() for w in rules.expectation_heads)
        self.past_modals = frozenset(w.lower() for w in rules.past_modals)
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
        # Long on purpose: the rule table, one entry per rule in priority order, reads best
        # whole (the order decides ties), with the word groups it shares built just above it.
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


def grammar_for(path: str | None = None) -> DateGrammar:
    """The grammar built from ``data/dates.yaml`` (or ``path``), compiled once per process."""
    return resource("dates.grammar", path, lambda: DateGrammar(load_date_rules(path)))
