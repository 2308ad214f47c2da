"""Modality: whether a trigger's clause is negated, hypothetical, an intention or in the future."""

from __future__ import annotations

from dataclasses import dataclass

from ..base.modality import negates
from .lexicon import EventLexicon
from .triggers import Trigger, complement_head


@dataclass
class Modality:
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    intention: bool = False


def modality_of(trig: Trigger, lex: EventLexicon) -> Modality:
    """Negation, hypothesis, intention and future of a trigger's clause."""
    mod = Modality()
    heads = [trig.token] + ([trig.governor] if trig.governor is not None else [])
    for head in heads:
        for child in head.children:
            low = child.lower_
            if negates(child, lex.modality):
                mod.negated = True
            if child.dep_ in {"aux", "auxpass"}:
                if low in lex.hypothetical_aux:
                    mod.hypothetical = True
                if low in lex.future_aux:
                    mod.future = True
            if child.dep_ == "amod" and low in lex.hypothetical_mods and head is trig.token:
                mod.hypothetical = True
            if child.dep_ == "dobj" and head is trig.token and any(d.dep_ == "det" and d.lower_ in lex.modality.negators for d in child.children):
                mod.negated = True  # "attacked no civilian targets"
            if child.dep_ == "mark" and low in lex.conditional:
                mod.hypothetical = True
    gov = trig.governor
    if gov is not None and trig.token.dep_ == "dobj" and (gov.lemma_.lower() in lex.intention or gov.lower_ in lex.intention):
        mod.intention = mod.hypothetical = True  # "proposed new sanctions", "offered talks"
    # up the chain of complements: conditions, intentions and failures that govern the trigger
    node = heads[-1]
    for _ in range(3):
        if any(c.dep_ == "mark" and c.lower_ in lex.conditional for c in node.children):
            mod.hypothetical = True
        up = complement_head(node)
        if up is None:
            break
        lemma = up.lemma_.lower()
        if lemma in lex.intention or up.lower_ in lex.intention:
            mod.intention = mod.hypothetical = True
        if lemma in lex.modality.failure_heads:
            mod.negated = True
        node = up
    return mod
