"""Where the clause around a time expression points: past, present or future, read off the
verb that governs it, so that "will meet in August" is the next August and "met in August"
the last.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..base.spans import covering_span
from .grammar import DateGrammar, grammar_for
from .resolution import Tense


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
    "plans to meet", "are meeting"; "future-in-past" for a future seen from a past moment ("had
    expected prices to rise", "was to be held", "had forecast prices would rise"); "past" for
    "met", "has met", "was held", "is likely to have eased"; "present" for "launches", "runs";
    a participle without auxiliaries takes the tense of the clause it hangs on ("data
    published in June showed"); None when there is no verb (a headline, a dateline)."""
    g = grammar or grammar_for()
    verb = _governing_verb(token)
    return None if verb is None else _verb_tense(verb, g, 0)


def _verb_tense(verb: Token, g: DateGrammar, depth: int) -> Tense | None:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ == "MD" for a in auxes) and any(a.lemma_ == "have" for a in auxes):
        return "past"  # "would have met in August": what did not happen, before now
    if any(a.lower_ in g.future_auxiliaries for a in auxes):
        head = verb.head
        expected = verb.dep_ == "ccomp" and head.lemma_.lower() in g.expectation_heads and _in_past_form(head)
        if expected and any(a.lower_ in g.past_modals for a in auxes):
            return "future-in-past"  # "economists had forecast the CPI would rise in June"
        return "future"
    if any(a.tag_ == "TO" for a in auxes):  # an infinitive: as its head, or ahead of it
        if any(a.lemma_ == "have" for a in auxes):
            return "past"  # a perfect infinitive looks back: "inflation is likely to have eased in June"
        head = verb.head
        if head.i == verb.i:
            return None
        if head.lemma_.lower() in g.future_heads or head.lower_ in g.future_heads:
            return "future-in-past" if _in_past_form(head) else "future"
        if head.pos_ in ("VERB", "AUX") and depth < 3:
            return _verb_tense(head, g, depth + 1)
        return None
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" or a.lemma_ == "have" for a in auxes):
        return "past"  # "met", "was held", "has met", "has been targeting"
    if verb.tag_ == "VBG" and any(a.lemma_ == "be" and a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "future"  # "the leaders are meeting on Tuesday": an arrangement
    if verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "present"
    if auxes or verb.head.i == verb.i or depth >= 3:
        return None
    if verb.dep_ in ("conj", "advcl"):
        return _verb_tense(verb.head, g, depth + 1)  # "would assume office in January, run in November"
    if verb.tag_ in ("VBN", "VBG"):  # a participle has no tense of its own: it leans on its clause's
        governor = verb.head if verb.head.pos_ in ("VERB", "AUX") else _governing_verb(verb.head)
        if governor is None:
            return None
        tense = _verb_tense(governor, g, depth + 1)
        if verb.tag_ == "VBN":  # done: in the past of a past clause ("data published in June showed"), but
            return tense if tense == "past" else None  # not ahead of a future one ("charged over the incident Sunday")
        if tense == "past":  # going on or to come: with a present or future clause ("heading into the convention
            return None  # in July"); a past one does not date its aim ("campaigning for a vote on June 23")
        if tense == "future" and _progressive(governor):
            return "present"  # "pollsters are taking heat for not anticipating Monday's result": no arrangement
        return tense
    return None


def _progressive(verb: Token) -> bool:
    """Whether ``verb`` is a present progressive ("are meeting"), which reads as an arrangement
    only for a date of its own."""
    return verb.tag_ == "VBG" and any(a.dep_ in ("aux", "auxpass") and a.lemma_ == "be" and a.tag_ in ("VBZ", "VBP") for a in verb.children)


def _in_past_form(verb: Token) -> bool:
    """Whether ``verb`` is in a past form itself or through its auxiliary or copula: "expected",
    "had expected", "were expected", "was due" (not "has planned": a plan still standing)."""
    if verb.tag_ == "VBD" or (verb.dep_ == "acomp" and verb.head.tag_ == "VBD"):  # "was due to"
        return True
    return any(c.dep_ in ("aux", "auxpass", "cop") and c.tag_ == "VBD" for c in verb.children)
