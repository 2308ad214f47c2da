"""What one time expression means: the record's value (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``
or ``YYYY-Www``) and modifier (START / MID / END), against the publication date and the tense
of its clause; calendar arithmetic, through which every value passes so the format is checked
in one place; and dateparser as a fallback for day dates in odd formats.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Literal

from ..model import Modifier
from .grammar import DateGrammar, _norm, grammar_for

# "future-in-past": a future seen from a past moment ("economists had expected prices to rise
# in June", "the vote was to be held in May"): the time lies after that moment, which may be
# before or after the publication date.
Tense = Literal["past", "present", "future", "future-in-past"]
TENSES: tuple[Tense, ...] = ("past", "present", "future", "future-in-past")


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
    publication day in a future tense (a future seen from the past too: "he was to arrive on
    Friday" was said within the week), else the one on or before it (news reports what has
    happened, and a present tense there is mostly the headline's: "Trump says at Monday's
    debate")."""
    back = (published.weekday() - weekday) % 7
    ahead = (weekday - published.weekday()) % 7
    if shift is not None and shift < 0:
        return _add_days(published, -(back or 7))
    if shift is not None and shift > 0:
        return _add_days(published, ahead or 7)
    if tense in ("future", "future-in-past"):
        return _add_days(published, ahead)
    return _add_days(published, -back)


def _place_year(published: dt.date, month: int, day: int | None, tense: Tense | None) -> int:
    """The year of a month (and day) the text gives without one: the latest on or before the
    publication date in a past tense, the first on or after it in a future one; in the present
    tense the nearer of the two (a schedule: "the festival runs through March 11"), and so too
    for a future seen from the past (in July, "economists had expected prices to rise in June"
    is the June just gone, "the vote was to be held in September" the one to come) and for a
    day when the tense is unknown ("#Coming September 30th"), but the latest for a month
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
    nearest = tense in ("present", "future-in-past") or (tense is None and day is not None)
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
    # Long on purpose: one branch per rule of the grammar's table, in the table's order, so
    # that what each rule's match means is read next to the others (a dispatch table of small
    # functions would scatter the shared handling of the modifier and the missing anchor).
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
    if (shift is not None and shift > 0) or tense in ("future", "future-in-past"):  # "next spring" / "will ... in the spring"
        strict = shift is not None
        ahead = now < first if strict else now <= last
        return Resolution(_year(year if ahead else year + 1), None, "season", "season")
    return Resolution(_year(year if now >= first else year - 1), None, "season", "season")


# ---------------------------------------------------------------------------------------------
# The resolver


_EDGE = " \t\n\r\"'“”‘’()[]{},;:!?"


def resolve_expression(text: str, published: dt.date | None, *, tense: Tense | str | None = None, rules_path: str | None = None) -> Resolution:
    """The record's value and modifier for the time expression ``text``, against ``published``.

    ``tense`` ("past", "present", "future", "future-in-past" or None) places what the text
    gives without its year or week ("in August", "on Tuesday", "on December 19"): the latest
    one on or before the publication date when past or unknown, the next when future, the
    nearer when present or a future seen from the past (a weekday or season: the next).
    Never raises; text that is not a time expression, or whose value the text does not fix,
    gets ``value=None`` and a ``note`` saying why ("duration", "set", "quarter", "decade",
    "relative, no publication date", "age", "unrecognised"...).

    >>> resolve_expression("in late November", dt.date(2025, 12, 25))
    Resolution(value='2025-11', modifier='END', note=None, rule='month')
    """
    when: Tense | None = next((t for t in TENSES if t == tense), None)
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
