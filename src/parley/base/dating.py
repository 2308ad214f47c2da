"""Which of the record's dates a clause is attached to, and the day to look an office up by.

The time stage writes ``record.dates``; the statement, event and stance stages read them
through :func:`date_governing` (``said_on``, ``when``, a stance's ``date``), and the actors
layer looks up who held an office on :func:`day_of` an event.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from ..model import DateRef
from .spans import covering_span

# Dependencies that open a clause of its own: a date below one belongs to that clause.
_CLAUSAL = frozenset({"ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "parataxis", "csubj", "csubjpass"})
# How far up the parse a date may hang below its verb.
_MAX_STEPS = 10


def date_governing(token_or_span: Token | Span, dates: Sequence[DateRef], doc: Doc) -> DateRef | None:
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
            continue  # outside the verb's sentence: skipped before the costlier look-up below
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
        if t.head.i == t.i or t.dep_ in _CLAUSAL or steps > _MAX_STEPS:
            return None
        if t.i != token.i and t.pos_ in ("VERB", "AUX"):
            return None  # attached to another verb first
        t, steps = t.head, steps + 1
    return steps


def day_of(value: str | None, fallback: dt.date | None) -> dt.date | None:
    """A date for looking up who held an office: a record date value ("2025-08" -> the 1st of
    August, "2025" -> the 1st of July), else ``fallback`` (the publication date)."""
    if value:
        parts = value.split("-")
        try:
            if len(parts) >= 3 and not parts[1].startswith("W"):
                return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
            if len(parts) == 2 and not parts[1].startswith("W"):
                return dt.date(int(parts[0]), int(parts[1]), 1)
            if len(parts) == 1:
                return dt.date(int(parts[0]), 7, 1)
        except ValueError:
            return fallback
    return fallback
