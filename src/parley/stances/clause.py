"""The clause that states a stance: its verb, negation, hedge and condition, what the cue is
about, and the stretch of text kept as evidence."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from ..base.modality import hedged, negated
from .lexicon import CueHit, StanceLexicon

# Children of the clause's verb that are not part of a stance's evidence.
_DROP_DEPS = frozenset({"advcl", "punct", "cc", "conj", "mark", "parataxis", "npadvmod", "dep", "intj", "meta", "appos", "relcl"})


# Prepositions of circumstance trimmed from the evidence ("during a call-in show").
_CIRCUMSTANCE = frozenset({"during", "after", "before", "amid", "following", "according", "at", "throughout", "since", "while", "on", "in", "when"})




def clause_verb(token: Token) -> Token:
    """The verb (or predicate adjective) of the clause a cue sits in."""
    if token.pos_ in {"VERB", "AUX"}:
        return token
    if token.pos_ == "ADJ":
        if any(c.dep_ in {"nsubj", "nsubjpass"} for c in token.children):
            return token
        return token.head if token.dep_ in {"acomp", "xcomp", "attr"} else token
    node = token
    for _ in range(5):
        if node.head.i == node.i:
            return node
        node = node.head
        if node.pos_ in {"VERB", "AUX"} and node.dep_ not in {"prep", "acl", "amod"}:
            return node  # not "including" or "based" (participles used as prepositions)
    return token


def _negated(hit: CueHit, verb: Token, lex: StanceLexicon) -> bool:
    inside = range(hit.start, hit.end + 1) if hit.start is not None and hit.end is not None else range(0)
    # "not up for discussion" says its own negation
    if negated(hit.token, lex.modality, skip=inside) or (verb.i != hit.token.i and negated(verb, lex.modality, skip=inside)):
        return True
    if hit.start is not None and not any(hit.token.doc[i].dep_ == "neg" for i in inside):
        doc = hit.token.doc  # a phrase: "not" right before it ("is not on the table")
        if any(t.dep_ == "neg" for t in doc[max(0, hit.start - 2) : hit.start]):
            return True
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in lex.modality.refusal_heads  # "refuses to discuss"


def _hedged(verb: Token, lex: StanceLexicon) -> bool:
    return hedged(verb, lex.modality.position_hedges, lex.modality.position_hedges)


def _conditional(verb: Token, lex: StanceLexicon) -> bool:
    for child in verb.children:
        if child.dep_ == "advcl":
            words = " ".join(t.lower_ for t in child.subtree)
            if any(words.startswith(c + " ") for c in lex.conditions) or any(m.dep_ == "mark" and m.lower_ in lex.conditions for m in child.children):
                return True
        if child.dep_ == "prep" and " ".join(t.lower_ for t in list(child.subtree)[:3]).startswith(("in exchange for", "in return for")):
            return True
    return False


def _object_tokens(hit: CueHit) -> list[Token]:
    """What the cue is about: the object of its preposition, its direct object or its
    infinitive ("interest in X", "renounce X", "willingness to pursue X")."""
    token, child = hit.token, hit.child
    if child is not None and child.dep_ == "prep":
        return [o for o in child.children if o.dep_ in {"pobj", "pcomp"}]
    if child is not None and child.dep_ == "dobj" and hit.cue is not None:
        # "make concessions", "express interest in X": the child itself is the cue's noun
        inner = [o for c in child.children if c.dep_ == "prep" for o in c.children if o.dep_ in {"pobj", "pcomp"}]
        return inner or [child]
    if hit.end is not None:
        nxt = [c for c in token.children if c.dep_ == "prep" and c.i > hit.end]
        return [o for c in nxt for o in c.children if o.dep_ == "pobj"]
    out = [c for c in token.children if c.dep_ in {"dobj", "xcomp", "ccomp", "acl"}]
    out += [o for c in token.children if c.dep_ == "prep" and c.lower_ in {"to", "for", "in", "on", "of"} for o in c.children if o.dep_ in {"pobj", "pcomp"}]
    return out


def object_label(tokens: Iterable[Token], lex: StanceLexicon) -> str:
    """A short name for what a cue is about: the head noun with its compounds and adjectives
    ("potential joint management of the facility" -> "joint management"); for an infinitive,
    the verb and its object ("pursue compromises")."""
    for tok in tokens:
        if tok.pos_ in {"VERB", "AUX"}:
            obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
            words = [tok.lemma_] + ([w.text for w in _noun_words(obj, lex)] if obj is not None else [])
            return " ".join(words)
        words = [w.text for w in _noun_words(tok, lex)]
        if words:
            return " ".join(words)
    return ""


_GENERIC_HEADS = frozenset({"idea", "possibility", "prospect", "plan", "proposal", "question", "issue", "notion", "option", "concept", "prospects"})


def _noun_words(noun: Token, lex: StanceLexicon) -> list[Token]:
    if noun.lemma_.lower() in _GENERIC_HEADS:  # "the idea of a territorial exchange" -> "territorial exchange"
        of = next((o for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children if o.dep_ == "pobj"), None)
        if of is not None:
            return _noun_words(of, lex)
    mods = [c for c in noun.children if c.dep_ in {"compound", "amod", "nmod"} and c.i < noun.i and c.lower_ not in lex.label_skip]
    return sorted([*mods, noun], key=lambda t: t.i)


def evidence_chars(hit: CueHit, verb: Token, subject: Token | None) -> tuple[int, int]:
    """The clause that states the stance: subject, auxiliaries, cue and what it is about,
    without fronted adverbials, attributions and trailing circumstances."""
    doc = verb.doc
    keep: set[int] = {verb.i, hit.token.i}
    first_allowed = subject.left_edge.i if subject is not None and subject.i < verb.i else verb.i
    for child in verb.children:
        if child.dep_ in _DROP_DEPS:
            continue
        if child.dep_ == "prep" and child.lower_ in _CIRCUMSTANCE and child is not hit.child:
            continue
        if child.dep_ == "prep" and child.pos_ == "VERB" and child.lower_ != "including":
            continue  # "based on agreements discussed ...": a participle's afterthought
        if child.i < first_allowed and child.dep_ not in {"nsubj", "nsubjpass", "aux", "auxpass", "neg"}:
            continue
        keep |= _pruned_subtree(child, hit)
    if hit.end is not None:
        keep |= set(range(hit.token.left_edge.i, hit.end + 1))
    lo, hi = min(keep), max(keep)
    while lo < hi and (doc[lo].is_punct or doc[lo].is_space or (doc[lo].dep_ == "mark" and doc[lo].lower_ == "that")):
        lo += 1
    while hi > lo and (doc[hi].is_punct or doc[hi].is_space):
        hi -= 1
    return doc[lo].idx, doc[hi].idx + len(doc[hi])


def _pruned_subtree(token: Token, hit: CueHit) -> set[int]:
    out: set[int] = set()
    stack = [token]
    while stack:
        tok = stack.pop()
        out.add(tok.i)
        for child in tok.children:
            if child.dep_ in {"advcl", "relcl", "appos", "parataxis"} and child.i > hit.token.i:
                continue
            if child.dep_ == "prep" and child.lower_ in _CIRCUMSTANCE - {"on", "in", "at"} and child is not hit.child:
                continue
            if child.dep_ == "punct" and child.i > hit.token.i:
                continue
            stack.append(child)
    return out
