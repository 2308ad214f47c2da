"""The time stage: find time expressions and normalise them against the publication date.

Two parts, as in spaCy's ``SpanRuler``: a pure resolver, :func:`resolve_expression`
(``resolution.py``), that turns the words of one expression into the record's value
(``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or ``YYYY-Www``) and modifier (START / MID / END), and
a finder, :func:`find_dates` (``finder.py``), that locates expressions in a parsed Doc with
the grammar (``grammar.py``), reads the tense of the clause around those that need it
(``tense.py``), and resolves each. :func:`parley.base.dating.date_governing` then tells later
stages which date a verb is attached to.

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

from .finder import find_dates
from .grammar import DateGrammar, grammar_for
from .resolution import NO_ANCHOR, OUT_OF_RANGE, Resolution, Tense, resolve_expression
from .tense import clause_tense

__all__ = ["NO_ANCHOR", "OUT_OF_RANGE", "DateGrammar", "Resolution", "Tense", "clause_tense", "find_dates", "grammar_for", "resolve_expression"]
