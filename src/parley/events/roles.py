"""Roles: the source and target tokens of each trigger, and which triggers sit in the
complement of another ("threatened to attack", "rejected talks with").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Token

from ..base.parse import conjuncts, subjects_of, unique_by
from .lexicon import EventLexicon
from .obligations import find_obligations
from .triggers import _AMOUNT_PREPS, _CONTENT_PREPS, Trigger, _clause_subject, _object_of, _prep_objects, complement_head

_COMPLEMENT_PREPS = {"to", "against", "on", "from", "with"}


def _verb_targets(trig: Trigger) -> list[Token]:
    token, entry = trig.token, trig.entry
    passive = any(c.dep_ == "auxpass" for c in token.children)
    preps = {r for r in entry.target if r not in {"object", "dative", "clause", "complement", "condition"}}
    out: list[Token] = []
    for role in entry.target:
        if role == "object":
            obj = _object_of(token)
            if obj is not None:
                out += conjuncts(obj)
        elif role == "dative":
            for c in token.children:
                if c.dep_ in {"dative", "iobj"}:
                    objs = [o for o in c.children if o.dep_ == "pobj"] if c.pos_ == "ADP" else [c]
                    out += [t for o in objs for t in conjuncts(o)]
        elif role == "clause":
            for c in token.children:
                if c.dep_ in {"ccomp", "xcomp"}:
                    subj = next((s for s in c.children if s.dep_ in {"nsubj", "nsubjpass"}), None)
                    if subj is not None:
                        out += conjuncts(subj)
        elif role == "complement":
            # "threatened to cut gas supplies to Moldova", "vowed to retaliate against Israel":
            # the recipient sits in the to-infinitive; only a verb with no target of its own
            # reads it (a trigger inside, "threatened to attack X", lends its own)
            for c in token.children:
                if c.dep_ in {"xcomp", "advcl"} and any(a.tag_ == "TO" for a in c.children):
                    obj = _object_of(c) or _clause_subject(c)  # "refused to allow United Nations planes to land"
                    if obj is not None and obj.pos_ == "NOUN" and any(p.dep_ == "poss" and p.pos_ == "PRON" for p in obj.children):
                        obj = None  # "refuses to release his tax records": his own things, no recipient
                    out += conjuncts(obj) if obj is not None else []
                    out += _prep_objects(c, _COMPLEMENT_PREPS)
                    if obj is not None:
                        out += _prep_objects(obj, _COMPLEMENT_PREPS)
        elif role == "condition":
            # "threatened to launch an offensive unless Baghdad accepted": whom the condition asks
            for clause in conditions_of(token):
                subject = next((s for s in clause.children if s.dep_ in {"nsubj", "nsubjpass", "csubj"}), None)
                out += conjuncts(subject) if subject is not None else []
        elif role in preps:
            out += _prep_objects(token, {role})
            obj = _object_of(token)
            if obj is not None and not passive:
                out += _prep_objects(obj, {role})  # "signed a deal with X", "imposed sanctions on X"
                for inner in _prep_objects(obj, _AMOUNT_PREPS):  # "pledged 500 million euros in aid to X"
                    out += _prep_objects(inner, {role})
            if trig.particle is not None and trig.particle.lower_ == role and trig.particle.dep_ == "prep":
                out += [t for o in trig.particle.children if o.dep_ == "pobj" for t in conjuncts(o)]
            if trig.particle is not None and trig.particle.dep_ in {"prt", "advmod", "prep"}:
                out += _prep_objects(trig.particle, {role})  # "pulled out of northern Iraq": "of" hangs on "out"
    return _unique(out)


def _noun_participants(trig: Trigger) -> tuple[list[Token], list[Token]]:
    """(sources, targets) read inside a noun trigger's phrase."""
    token, entry = trig.token, trig.entry
    sources: list[Token] = []
    for child in token.children:
        if child.dep_ == "poss" or (child.dep_ in {"compound", "amod", "nmod"} and child.i < trig.first):
            sources.append(child)
            sources += [c for c in child.children if c.dep_ in {"compound", "amod"} and c.i < child.i]  # "Russia-US"
    sources += _prep_objects(token, {"by"})
    targets = _prep_objects(token, set(entry.target))
    if trig.governor is not None:
        targets += _prep_objects(trig.governor, set(entry.target) - {"of"})  # "held talks with X"
    return _unique(sorted(sources, key=lambda t: t.i)), _unique(targets)


def _unique(tokens: Iterable[Token]) -> list[Token]:
    """Each token once, the first time it is met."""
    return unique_by(tokens, lambda t: t.i)


def assign_roles(triggers: Sequence[Trigger]) -> None:
    """Fill each trigger's source and target tokens (before actors are resolved)."""
    for trig in triggers:
        if trig.kind == "verb":
            trig.sources = subjects_of(trig.token)
            trig.targets = _verb_targets(trig)
        else:
            trig.sources, trig.targets = _noun_participants(trig)
            if trig.governor is not None:
                # "Putin spoke during a meeting with ...": the speaker took part (used when the
                # noun's own phrase names fewer than two actors)
                trig.outer_sources = [t for t in subjects_of(trig.governor) if t.i not in {s.i for s in trig.sources}]
        if trig.entry.mode == "host":  # PLOVER: the visitor is the source, the host the recipient
            trig.sources, trig.targets = trig.targets, trig.sources


def link_nesting(triggers: Sequence[Trigger]) -> None:
    """Mark triggers that sit in the complement of another: "threatened to attack",
    "threatened to impose tariffs", "rejected talks with", "accused X of attacking", "warned
    that it would strike". The climb goes through complements only (objects, infinitives,
    that-clauses, of/to/for phrases), never through a circumstance ("after consultations")."""
    by_token = {t.token.i: t for t in triggers}
    for trig in triggers:
        node = trig.governor if trig.governor is not None and trig.kind == "noun" else trig.token
        if trig.kind == "noun" and trig.governor is not None:
            outer = by_token.get(node.i)
            if outer is not None and _noun_is_complement(trig):
                trig.nested_in = outer
                continue
            if not _noun_is_complement(trig):
                continue  # "retreated after consultations": the noun is no complement of the verb
        for _ in range(3):
            head = complement_head(node) or (node.head if node.dep_ == "ccomp" and node.head.i != node.i else None)
            if head is None:
                break
            outer = by_token.get(head.i)
            if outer is not None and outer is not trig:
                trig.nested_in = outer
                break
            node = head


_CONDITION_MARKS = frozenset({"unless", "if"})


def conditions_of(verb: Token) -> list[Token]:
    """The if/unless clauses of a verb or of its to-infinitive ("threatened to launch an
    offensive unless Baghdad accepted")."""
    heads = [verb, *(c for c in verb.children if c.dep_ == "xcomp")]
    return [c for h in heads for c in h.children if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in _CONDITION_MARKS for m in c.children)]


def nest_conditions(triggers: Sequence[Trigger]) -> None:
    """What a threat asks for is its condition, not an event: "threatened to attack unless
    Baghdad accepted its conditions" codes no acceptance."""
    by_token = {t.token.i: t for t in triggers}
    for trig in triggers:
        if trig.entry.type != "THREATEN" or trig.kind != "verb":
            continue
        for clause in conditions_of(trig.token):
            for tok in clause.subtree:
                inner = by_token.get(tok.i)
                if inner is not None and inner is not trig:
                    inner.nested_in = trig


def add_obligations(doc: Doc, triggers: list[Trigger], lex: EventLexicon) -> None:
    """Statements that someone must act are the speaker's requests
    (:mod:`parley.events.obligations`); what they say must happen is nested under them."""
    taken = {t.token.i for t in triggers}
    words = lex.group_words
    people = words.people | words.affiliates | words.state_sectors | lex.local_groups
    for found in find_obligations(doc, lex.statement_heads, lex.obligation_aux, subjects_of, people):
        if found.head.i in taken:
            continue
        kind = "verb" if found.governor is None else "noun"
        request = Trigger(found.head, lex.request, kind, found.head.i, found.head.i, governor=found.governor, sources=found.sources, targets=found.targets)
        inside = {t.i for t in found.clause.subtree}
        for other in triggers:
            if other.token.i in inside and (other.nested_in is None or other.nested_in.token.i not in inside):
                other.nested_in = request
        triggers.append(request)
    triggers.sort(key=lambda t: t.token.i)


def yield_conflictual(triggers: Sequence[Trigger], cooperative: frozenset[str]) -> None:
    """An AGREE verb (offer, propose, pledge) whose complement is no cooperation ("proposed new
    sanctions against Russia", "vowed to attack") expresses no intent to cooperate: the inner
    act is coded (hypothetical, through its intention word) and the AGREE is not."""
    for trig in triggers:
        outer = trig.nested_in
        if outer is not None and outer.entry.type == "AGREE" and trig.entry.type not in cooperative and trig.entry.type != "AGREE":
            trig.nested_in = None
            outer.yielded = True


def _noun_is_complement(trig: Trigger) -> bool:
    tok = trig.token
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ == "dobj" or (tok.dep_ == "pobj" and tok.head.lower_ in _CONTENT_PREPS)
