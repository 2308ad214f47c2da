"""Finding time expressions in a parsed Doc: the grammar's matches checked against the words
and the parse around them, spaCy's DATE entities the grammar does not cover, and days counted
from another day of the same paragraph.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from spacy.tokens import Doc

from ..base.paragraphs import has_blank_line
from ..base.spans import covering_span
from ..model import DateRef
from .grammar import DateGrammar, _Candidate, _inside_name, _norm, grammar_for
from .resolution import _EDGE, Resolution, Tense, _add_days, _day, _number, _OutOfRange, _resolve_match, _resolve_text
from .tense import _tense_at


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
                    and not has_blank_line(text[a.end : ref.start])
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
    """The record's entry: the words, with the resolution's value, modifier and note."""
    span = DateRef.of(text, start, end)
    return DateRef(start=span.start, end=span.end, text=span.text, value=res.value, modifier=res.modifier, note=res.note or None)


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
