"""The time stage: the resolver on expressions, each data-file rule on its own, the finder and
``date_governing`` on parsed sentences, and a property test of the resolver."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from parley.base.dating import date_governing
from parley.data.loaders import data_path, load_date_rules
from parley.dates import Resolution, clause_tense, find_dates, grammar_for, resolve_expression
from parley.errors import DataFileError
from parley.model import DATE_VALUE, ArticleRecord
from parley.output import date_label, render_text

PUB = dt.date(2025, 12, 25)  # a Thursday, in ISO week 52
RULES = load_date_rules()


def value(text: str, published: dt.date | None = PUB, tense: str | None = None) -> tuple[str | None, str | None]:
    r = resolve_expression(text, published, tense=tense)
    return r.value, r.modifier


# --- the rules, one test each ------------------------------------------------------


def test_month_and_day_is_that_day():
    assert value("on December 19") == ("2025-12-19", None)


def test_month_alone_is_the_latest_before_publication():
    assert value("in August") == ("2025-08", None)
    assert value("in December") == ("2025-12", None)  # the publication month itself


def test_month_alone_in_a_future_clause_is_the_next():
    assert value("in August", tense="future") == ("2026-08", None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("in late November", ("2025-11", "END")),
        ("early 2014", ("2014", "START")),
        ("mid-2020", ("2020", "MID")),
        ("mid 2020", ("2020", "MID")),
        ("the end of 2014", ("2014", "END")),
        ("the beginning of March", ("2025-03", "START")),
        ("early in 2016", ("2016", "START")),
        ("late last year", ("2024", "END")),
        ("early next month", ("2026-01", "START")),
        ("late Tuesday", ("2025-12-23", "END")),
    ],
)
def test_modifiers_keep_the_granularity_of_what_they_modify(text, expected):
    assert value(text) == expected


def test_last_week_is_an_iso_week():
    assert value("last week") == ("2025-W51", None)
    assert value("this week") == ("2025-W52", None)
    assert value("next week") == ("2026-W01", None)


def test_weekday_is_placed_by_tense():
    assert value("on Tuesday", tense="past") == ("2025-12-23", None)
    assert value("on Tuesday") == ("2025-12-23", None)  # unknown tense: news reports the past
    assert value("on Tuesday", tense="future") == ("2025-12-30", None)
    assert value("on Thursday", tense="past") == ("2025-12-25", None)  # the publication day itself


def test_last_and_next_weekday_skip_the_publication_day():
    assert value("last Thursday") == ("2025-12-18", None)
    assert value("next Thursday") == ("2026-01-01", None)
    assert value("the next Tuesday") == ("2025-12-30", None)
    assert value("this past Monday") == ("2025-12-22", None)


def test_year():
    assert value("in 2014") == ("2014", None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yesterday", "2025-12-24"),
        ("today", "2025-12-25"),
        ("Tomorrow", "2025-12-26"),
        ("last night", "2025-12-24"),
        ("earlier today", "2025-12-25"),
        ("two days ago", "2025-12-23"),
        ("three weeks ago", "2025-W49"),
        ("six months ago", "2025-06"),
        ("Seventeen years ago", "2008"),
        ("[Ten] years ago", "2015"),
        ("twenty-five years ago", "2000"),
        ("a year ago", "2024"),
        ("next month", "2026-01"),
        ("last month", "2025-11"),
        ("last year", "2024"),
        ("Last Year", "2024"),
        ("next year", "2026"),
        ("this year", "2025"),
        ("this year's", "2025"),
    ],
)
def test_relative_expressions(text, expected):
    assert value(text)[0] == expected


def test_ago_takes_its_granularity_from_the_unit_and_flags_hedges():
    r = resolve_expression("nearly two decades ago", PUB)
    assert (r.value, r.note) == ("2005", "approximate")
    assert resolve_expression("a few years ago", PUB).value is None  # no number, no year


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("this spring", PUB, "2025"),
        ("last spring", PUB, "2025"),  # December: the spring of this year is over
        ("last spring", dt.date(2025, 3, 20), "2024"),  # in spring, "last spring" is the one before
        ("next spring", PUB, "2026"),
        ("the summer of 2014", PUB, "2014"),
        ("winter 2014", PUB, "2014"),
    ],
)
def test_seasons_give_only_their_year(text, published, expected):
    r = resolve_expression(text, published)
    assert (r.value, r.modifier, r.note) == (expected, None, "season")


def test_a_winter_without_a_year_gets_no_value():
    """December to February straddles two years: which one "this winter" means is not told."""
    for text in ("this winter", "in the winter", "last winter"):
        r = resolve_expression(text, PUB)
        assert r.value is None and r.note == "season spans two years"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Friday, July 21, 2017", "2017-07-21"),
        ("Friday July 21 2017", "2017-07-21"),
        ("21 July 2017", "2017-07-21"),
        ("the 21st of July, 2017", "2017-07-21"),
        ("July 21st, 2017", "2017-07-21"),
        ("July 2017", "2017-07"),
        ("July of 2017", "2017-07"),
        ("Sept. 2017", "2017-09"),
        ("2017-07-21", "2017-07-21"),
        ("2017-W29", "2017-W29"),
        ("21/07/2017", "2017-07-21"),
        ("07/21/2017", "2017-07-21"),
        ("21 Jul. '17", "2017-07-21"),  # through dateparser: day, month and year all given
    ],
)
def test_absolute_dates(text, expected):
    assert value(text)[0] == expected


def test_an_ambiguous_numeric_date_gets_no_value():
    r = resolve_expression("03/04/2017", PUB)
    assert r.value is None and r.note == "ambiguous numeric date"


def test_a_weekday_picks_the_year_of_a_date_without_one():
    """2015-01-05 is a Monday, 2016-01-05 a Tuesday: the weekday settles it, not nearness."""
    assert value("Monday, January 5", dt.date(2015, 12, 20))[0] == "2015-01-05"


def test_a_day_with_a_relative_year():
    assert value("June 16th of last year") == ("2024-06-16", None)
    assert value("in March this year") == ("2025-03", None)
    assert value("16 June last year") == ("2024-06-16", None)


@pytest.mark.parametrize("text", ["the end of the year", "year end", "by year-end"])
def test_end_of_the_year_is_the_year_with_end(text):
    assert value(text) == ("2025", "END")


def test_the_end_of_the_month():
    assert value("the end of the month") == ("2025-12", "END")


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("the 1990s", "decade"),
        ("the mid-1990s", "decade"),
        ("the '90s", "decade"),
        ("three years", "duration"),
        ("for the past 30 days", "duration"),
        ("the past week", "duration"),
        ("now", "present reference"),
        ("currently", "present reference"),
        ("the third quarter of 2014", "quarter"),
        ("Q3 2014", "quarter"),
        ("the first half of the year", "half"),
        ("every Monday", "set"),
        ("each year", "set"),
        ("annually", "set"),
        ("Mondays", "set"),
        ("the year before", "relative to another time"),
        ("two days later", "relative to another time"),
        ("the next day", "relative to another time"),
        ("the 20th century", "century"),
        ("62-year-old", "age"),
        ("aged 14", "age"),
    ],
)
def test_expressions_kept_without_a_value(text, note):
    r = resolve_expression(text, PUB)
    assert r.value is None and r.note == note


@pytest.mark.parametrize("text", ["yesterday", "last week", "in August", "on Tuesday", "two days ago", "this spring", "on December 19"])
def test_without_publication_date_relative_expressions_stay_unresolved(text):
    r = resolve_expression(text, None)
    assert r.value is None and r.note == "relative, no publication date"


@pytest.mark.parametrize(("text", "expected"), [("Friday, July 21, 2017", "2017-07-21"), ("in 2014", "2014"), ("March 2020", "2020-03")])
def test_without_publication_date_absolute_expressions_resolve(text, expected):
    assert value(text, None)[0] == expected


def test_values_beyond_the_format_are_not_invented():
    assert resolve_expression("next year", dt.date(9999, 6, 1)).note == "out of range"
    assert resolve_expression("yesterday", dt.date(1, 1, 1)).note == "out of range"
    assert resolve_expression("in August", dt.date(1, 1, 1)).value is None
    assert value("February 30, 2020")[0] is None


@pytest.mark.parametrize("text", ["", "banana", "the", "42", "Putin", "in the meantime"])
def test_non_expressions(text):
    assert resolve_expression(text, PUB).value is None


def test_dateparser_alone_would_invent_a_day():
    """Why the grammar exists (README, "Time expressions"): dateparser answers "in August"
    with a whole datetime, so a day the text never gave."""
    import dateparser

    parsed = dateparser.parse("in August", settings={"RELATIVE_BASE": dt.datetime(2025, 12, 25), "PREFER_DATES_FROM": "past"})
    assert parsed is not None and parsed.day  # a day nobody wrote
    assert value("in August") == ("2025-08", None)


def test_resolution_is_a_plain_value():
    assert resolve_expression("in late November", PUB) == Resolution("2025-11", "END", None, "month")


# --- every entry of data/dates.yaml, on its own ---------------------------------------------


@pytest.mark.parametrize(("number", "name"), [(n, w) for n, u in RULES.months.items() for w in [*u.names, *u.abbreviations]])
def test_every_month_name(number, name):
    assert value(f"{name.capitalize()}. 2017" if name in RULES.months[number].abbreviations else f"{name.capitalize()} 2017")[0] == f"2017-{number:02d}"


@pytest.mark.parametrize(("number", "name"), [(n, w) for n, u in RULES.weekdays.items() for w in u.names])
def test_every_weekday_name(number, name):
    resolved = dt.date.fromisoformat(value(f"on {name.capitalize()}")[0] or "")
    assert resolved.weekday() == number and PUB - dt.timedelta(days=6) <= resolved <= PUB


@pytest.mark.parametrize(("number", "abbr"), [(n, w) for n, u in RULES.weekdays.items() for w in u.abbreviations])
def test_every_weekday_abbreviation(number, abbr):
    assert dt.date.fromisoformat(value(f"{abbr.capitalize()}., Dec. 23, 2025")[0] or "").isoformat() == "2025-12-23"


@pytest.mark.parametrize(("word", "modifier"), sorted(RULES.modifiers.items()))
def test_every_modifier(word, modifier):
    assert value(f"{word} 2014") == ("2014", modifier)
    assert value(f"{word} March 2014") == ("2014-03", modifier)


@pytest.mark.parametrize("word", RULES.hedges)
def test_every_hedge_leaves_no_modifier(word):
    r = resolve_expression(f"{word} two years ago", PUB)
    assert (r.value, r.modifier, r.note) == ("2023", None, "approximate")


@pytest.mark.parametrize(("word", "days"), sorted(RULES.deictic_days.items()))
def test_every_deictic_day(word, days):
    assert value(word)[0] == (PUB + dt.timedelta(days=days)).isoformat()


@pytest.mark.parametrize(("word", "shift"), sorted(RULES.shifts.items()))
def test_every_shift(word, shift):
    assert value(f"{word} year")[0] == str(PUB.year + shift)
    assert value(f"{word} month")[0] == f"{2025 + (12 + shift - 1) // 12}-{(12 + shift - 1) % 12 + 1:02d}"


@pytest.mark.parametrize(("word", "unit"), sorted(RULES.units.items()))
def test_every_unit(word, unit):
    r = resolve_expression(f"2 {word} ago", PUB)
    expected = {"day": "2025-12-23", "week": "2025-W50", "month": "2025-10", "year": "2023", "decade": "2005"}[unit]
    assert r.value == expected


@pytest.mark.parametrize(("word", "n"), sorted(RULES.numbers.items()))
def test_every_number_word(word, n):
    phrase = f"{word} year ago" if n == 1 else f"{word} years ago"
    assert value(phrase)[0] == str(2025 - n)


@pytest.mark.parametrize(("season", "months"), sorted(RULES.seasons.items()))
def test_every_season(season, months):
    r = resolve_expression(f"the {season} of 2014", PUB)
    assert (r.value, r.note) == ("2014", "season")


@pytest.mark.parametrize("word", [*RULES.set_words])
def test_every_set_word(word):
    assert resolve_expression(f"{word} Monday", PUB).note == "set"


@pytest.mark.parametrize("word", RULES.set_adverbs)
def test_every_set_adverb(word):
    assert resolve_expression(word, PUB).note == "set"


@pytest.mark.parametrize("word", RULES.present_words)
def test_every_present_word(word):
    assert resolve_expression(word, PUB).note == "present reference"


@pytest.mark.parametrize("word", RULES.ordinals)
def test_every_ordinal_quarter(word):
    assert resolve_expression(f"the {word} quarter", PUB).note == "quarter"


@pytest.mark.parametrize("word", RULES.leading_prepositions)
def test_every_leading_preposition_is_dropped(word):
    assert value(f"{word} 2014")[0] == "2014"


def _broken_rules(tmp_path, name: str, change) -> str:
    data = yaml.safe_load(data_path("dates.yaml").read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return str(path)


def test_a_bad_rules_file_names_the_file_and_key(tmp_path):
    bad = _broken_rules(tmp_path, "bad-dates.yaml", lambda d: d["modifiers"].update(early="BEGINNING"))
    with pytest.raises(DataFileError, match=r"\[bad-dates.yaml -> modifiers -> early\]"):
        load_date_rules(bad)


def test_a_rules_file_without_twelve_months_is_refused(tmp_path):
    bad = _broken_rules(tmp_path, "eleven.yaml", lambda d: d["months"].pop(12))
    with pytest.raises(DataFileError, match="1-12"):
        load_date_rules(bad)


# --- property: the resolver never raises and writes only the format's values ----------------


PHRASES = [
    "yesterday", "last week", "next year", "in August", "on Tuesday", "late November", "mid-2020", "two days ago",
    "the end of the year", "this spring", "next month", "9999", "0001", "1000", "February 29", "December 31",
    "January 1", "Friday, July 21, 2017", "[Ten] years ago", "ninety years ago", "999 years ago", "every Monday",
    "the 1990s", "2017-W53", "9999-12-31", "31/12/9999", "Q4 9999", "next week", "last Sunday", "tomorrow",
]  # fmt: skip
DATES = st.one_of(
    st.none(),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
    st.sampled_from([dt.date(1, 1, 1), dt.date(1, 1, 7), dt.date(9999, 12, 31), dt.date(9999, 12, 25), dt.date(2024, 2, 29)]),
)
TEXTS = st.one_of(
    st.text(max_size=40),
    st.lists(st.sampled_from(PHRASES), min_size=1, max_size=3).map(" ".join),
    st.sampled_from(PHRASES),
    st.from_regex(r"(on |in |early |late )?[A-Z][a-z]{2,8}\.? ?[0-9]{1,4},? ?[0-9]{0,5}", fullmatch=True),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS, published=DATES, tense=st.sampled_from([None, "past", "present", "future", "future-in-past", "bogus"]))
def test_resolver_never_raises_and_emits_only_format_values(text, published, tense):
    r = resolve_expression(text, published, tense=tense)
    assert r.value is None or DATE_VALUE.match(r.value), r
    assert r.modifier in (None, "START", "MID", "END")
    if r.value is not None and len(r.value) == 10:
        dt.date.fromisoformat(r.value)  # a real calendar day


FILLER = ["the", "said", "Putin", "met", "in", "on", ",", ".", "\n", "of", "2,000", "$1999", "May", "may", "early", "Sun"]


@settings(max_examples=200, deadline=None)
@given(words=st.lists(st.sampled_from(PHRASES + FILLER), max_size=25))
def test_windowed_scan_finds_what_a_full_scan_finds(words):
    """Rules that need a month, weekday or digit run only near one; nothing may be lost."""
    g = grammar_for()
    text = " ".join(words)
    full = {(m.start(), m.end(), name) for name, p in g.patterns for m in p.finditer(text) if m.end() > m.start() and g._cased(m)}
    assert {(c.start, c.end, c.rule) for c in g.scan(text)} == full


# --- the finder on parsed sentences --------------------------------------------------------


def found(nlp, text: str, published: dt.date | None = PUB) -> list[tuple[str, str | None, str | None]]:
    doc = nlp(text)
    refs = find_dates(doc, published)
    assert all(r.valid_in(text) for r in refs)
    return [(r.text, r.value, r.modifier) for r in refs]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Putin met Trump in August.", [("August", "2025-08", None)]),
        ("Putin will meet Trump in August.", [("August", "2026-08", None)]),
        ("The first referendum is to be held on May 16.", [("May 16", "2026-05-16", None)]),
        ("The competition ended on Tuesday.", [("Tuesday", "2025-12-23", None)]),
        ("The leaders will meet on Tuesday.", [("Tuesday", "2025-12-30", None)]),
        ("They plan to meet on Tuesday.", [("Tuesday", "2025-12-30", None)]),
        ("The leaders are meeting on Tuesday.", [("Tuesday", "2025-12-30", None)]),
        (
            "He also recalled that in late November, Trump publicly stated that Russia had made concessions.",
            [("late November", "2025-11", "END")],
        ),
        ("Earlier, on December 19, Putin reiterated his willingness.", [("December 19", "2025-12-19", None)]),
        ("There have been thousands of shootings since January 1.", [("January 1", "2025-01-01", None)]),
        ("Theresa May said on Monday that Britain would leave.", [("Monday", "2025-12-22", None)]),
        ("The voting runs from November 20 to December 11.", [("November 20", "2025-11-20", None), ("December 11", "2025-12-11", None)]),
        ("Schools were surveyed between July 2003 and December 2004.", [("July 2003", "2003-07", None), ("December 2004", "2004-12", None)]),
        ("Taxes were owed from 2004 to 2009.", [("2004", "2004", None), ("2009", "2009", None)]),
        ("The ozone forecast covers 2000-2050.", [("2000", "2000", None), ("2050", "2050", None)]),
        ("He sang at the 2014 protests.", [("2014", "2014", None)]),
        ("Talks resume early next year, officials said this week.", [("early next year", "2026", "START"), ("this week", "2025-W52", None)]),
        ("Last Year over 4 million visitors attended.", [("Last Year", "2024", None)]),
        ("It was signed on June 16th of last year.", [("June 16th of last year", "2024-06-16", None)]),
    ],
)
def test_finder_resolves_in_context(nlp, text, expected):
    assert [x for x in found(nlp, text) if x[1] is not None] == expected


# A July 2019 report on June's figures: a month without its year in past-tense reporting is the
# June just gone, not the next; a future seen from the past is the nearer one.
JULY_2019 = dt.date(2019, 7, 20)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Consumer prices rose 1.6% in June from a year earlier, the Labor Department said.", ("June", "2019-06")),
        ("Prices fell 2% in June.", ("June", "2019-06")),
        ("Data published in June showed that inflation had slowed.", ("June", "2019-06")),
        ("Economists had expected prices to rise 0.3% in June.", ("June", "2019-06")),
        ("Prices were expected to climb in June, but they fell.", ("June", "2019-06")),
        ("Economists polled by Reuters had forecast the CPI would rise 0.1% in June.", ("June", "2019-06")),
        ("He said he would travel to Kyiv in August.", ("August", "2019-08")),  # said, not expected: the next
        ("Inflation is likely to have peaked in June, economists say.", ("June", "2019-06")),
        ("Figures published on January 15 showed prices falling.", ("January 15", "2019-01-15")),
        ("The ad will air beginning Friday on television.", ("Friday", "2019-07-26")),  # a Saturday's paper
        ("She will be charged over the incident reported on Sunday.", ("Sunday", "2019-07-14")),
        ("The Fed was expected to cut rates in September.", ("September", "2019-09")),  # still to come
        ("The Fed will meet in June to decide on rates.", ("June", "2020-06")),
        ("The central bank is expected to cut rates in June.", ("June", "2020-06")),
    ],
)
def test_month_without_year_follows_the_reporting_tense(nlp, text, expected):
    assert [(t, v) for t, v, _ in found(nlp, text, JULY_2019) if v is not None] == [expected]


def test_future_in_the_past_resolver():
    assert value("in June", dt.date(2019, 7, 20), tense="future-in-past") == ("2019-06", None)
    assert value("in September", dt.date(2019, 7, 20), tense="future-in-past") == ("2019-09", None)
    assert value("on Friday", dt.date(2019, 7, 20), tense="future-in-past") == ("2019-07-26", None)


def test_a_dateline_is_one_date_not_a_weekday_and_a_date(nlp):
    text = "Afghan girls win silver medal\nFriday, July 21, 2017\nA group of Afghan teenage girls won on Tuesday."
    assert found(nlp, text, dt.date(2017, 7, 21)) == [("Friday, July 21, 2017", "2017-07-21", None), ("Tuesday", "2017-07-18", None)]


@pytest.mark.parametrize(
    "text",
    [
        "Ahmed, a 14-year-old student, built a clock.",
        "Thomas Sam, 42, and his wife were charged.",
        "A cross-sectional survey of 1709 schoolchildren was made.",
        "USA Today reported the story.",
        "He watches Russia Today every night.",
        "The fall of the Berlin Wall changed Europe.",
        "Theresa May spoke to reporters.",
        "It continues a 2000 year old tradition.",
        "The company paid $2015 in fees and 1999.5 in dues.",
        "Whoever may march in front is unknown.",
        "Over the last years the town grew.",
        "It was his last year in office.",
    ],
)
def test_finder_traps_give_no_value(nlp, text):
    assert [x for x in found(nlp, text) if x[1] is not None] == []


def test_durations_sets_and_quarters_are_mentions_without_values(nlp):
    refs = find_dates(nlp("He has lived there for three years and visits every Monday; profits fell in the third quarter."), PUB)
    assert [(r.text, r.value, getattr(r, "note", None)) for r in refs] == [
        ("three years", None, "duration"),
        ("every Monday", None, "set"),
        ("the third quarter", None, "quarter"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The bill passed on March 3. Two days later, the president signed it.", [("March 3", "2025-03-03"), ("Two days later", "2025-03-05")]),
        ("The agency reported the figures on Tuesday; the following day it revised them.", [("Tuesday", "2025-12-23"), ("the following day", "2025-12-24")]),
        ("He was arrested on 5 May 2023. The same day police searched his home.", [("5 May 2023", "2023-05-05"), ("The same day", "2023-05-05")]),
        ("He landed on 5 May 2023. Three days earlier he had left Kyiv.", [("5 May 2023", "2023-05-05"), ("Three days earlier", "2023-05-02")]),
        # no day to count from in the paragraph, or only a month: left unresolved
        ("The vote was on Friday.\n\nThe next day was quiet.", [("Friday", "2025-12-19"), ("The next day", None)]),
        ("The talks began in March. A day later they stalled.", [("March", "2025-03"), ("A day later", None)]),
        ("It began on 5 May 2023. 10000000 days later nothing was left.", [("5 May 2023", "2023-05-05"), ("10000000 days later", None)]),
        # weeks may be a date or a duration: left as they are
        ("The vote was on 12 March 2024 and results came a week later.", [("12 March 2024", "2024-03-12"), ("a week later", None)]),
    ],
)
def test_days_counted_from_a_day_just_given(nlp, text, expected):
    assert [(t, v) for t, v, _ in found(nlp, text)] == expected


def test_without_publication_date_the_finder_says_why(nlp):
    refs = find_dates(nlp("Putin met Trump on December 19, 2024 and again last week."), None)
    assert [(r.text, r.value, getattr(r, "note", None)) for r in refs] == [
        ("December 19, 2024", "2024-12-19", None),
        ("last week", None, "relative, no publication date"),
    ]


def test_stage_fills_the_record(analyse):
    record = analyse("Putin said on Tuesday that he met Trump in August.", "2025-12-25")
    assert [(d.text, d.value) for d in record.dates] == [("Tuesday", "2025-12-23"), ("August", "2025-08")]


# --- tense and attachment ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "word", "tense"),
    [
        ("Putin will meet Trump in August.", "August", "future"),
        ("Putin met Trump in August.", "August", "past"),
        ("Putin has met Trump in August.", "August", "past"),
        ("The referendum is to be held in August.", "August", "future"),
        ("They plan to meet in August.", "August", "future"),
        ("They went to Alaska to meet in August.", "August", "past"),
        ("The festival runs in August.", "August", "present"),
        ("He said he would travel to Kyiv in August.", "August", "future"),
        ("He would have met Trump in August.", "August", "past"),
        ("A new meeting could take place in December.", "December", "future"),
        ("They could have met in December.", "December", "past"),
        ("She would take office in January, run in a special election in August, and retire.", "August", "future"),
        ("Summit in August", "August", None),
        ("Economists had expected prices to rise 0.3% in June.", "June", "future-in-past"),
        ("The summit was due to take place in June.", "June", "future-in-past"),
        ("The central bank is expected to cut rates in June.", "June", "future"),
        ("Economists polled by Reuters had forecast the CPI would rise 0.1% in June.", "June", "future-in-past"),
        ("Analysts expected the index would edge up in June.", "June", "future-in-past"),
        ("Inflation is likely to have peaked in June, economists say.", "June", "past"),
        ("Data published in June showed that inflation had slowed.", "June", "past"),
        ("Winning the state will give him momentum heading into the convention in July.", "July", "future"),
        ("Pollsters are taking heat for not anticipating his victory in Monday's caucus.", "Monday", "present"),
        ("Protesters campaigning for a vote on June 23 posted an advert.", "June", None),
        ("She will be charged over the incident reported on Sunday.", "Sunday", None),
    ],
)
def test_clause_tense(nlp, text, word, tense):
    doc = nlp(text)
    token = next(t for t in doc if t.text == word)
    assert clause_tense(token) == tense


def _verb(doc, word):
    return next(t for t in doc if t.text == word)


@pytest.mark.parametrize(
    ("text", "verb", "expected"),
    [
        ("Earlier, on December 19, Putin reiterated his willingness to compromise.", "reiterated", "December 19"),
        ("Putin said on Tuesday that he met Trump in August.", "said", "Tuesday"),
        ("Putin said on Tuesday that he met Trump in August.", "met", "August"),
        ("He said in an interview on Tuesday that talks would go on.", "said", "Tuesday"),
        ("He also recalled that in late November, Trump publicly stated that Russia had made concessions.", "stated", "late November"),
        ("He also recalled that in late November, Trump publicly stated that Russia had made concessions.", "recalled", None),
        ("Putin said that talks would continue.", "said", None),
        ("Putin said talks would last three years.", "said", None),  # a duration has no value
    ],
)
def test_date_governing(nlp, text, verb, expected):
    doc = nlp(text)
    dates = find_dates(doc, PUB)
    ref = date_governing(_verb(doc, verb), dates, doc)
    assert (ref.text if ref else None) == expected


def test_date_governing_takes_a_span(nlp):
    doc = nlp("On Wednesday, the minister told reporters the plan was dead.")
    told = _verb(doc, "told")
    ref = date_governing(doc[told.i : told.i + 1], find_dates(doc, PUB), doc)
    assert ref is not None and ref.value == "2025-12-24"


# --- text output ---------------------------------------------------------------------------


def test_date_label():
    assert date_label("2025-11", "END") == "2025-11 (end)"
    assert date_label("2025-12-19", None) == "2025-12-19"
    assert date_label(None, None, "duration") == "— duration"


def test_text_format_prints_dates(nlp):
    text = "Putin met Trump in late November and will meet him again next month."
    record = ArticleRecord(id="t", text=text, published=PUB, dates=find_dates(nlp(text), PUB))
    console = Console(record=True, width=100)
    render_text(record, console)
    out = console.export_text()
    assert "Dates (2 resolved)" in out
    assert "“late November”" in out and "2025-11 (end)" in out and "2026-01" in out
