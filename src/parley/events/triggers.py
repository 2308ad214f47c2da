"""Finding triggers: the words of a Doc the dictionary lists as reporting an event (a verb with
its object filter, a verb and its particle, a noun or a modifier + noun), with the parse
relations they are read through.
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ..base.parse import conjuncts
from ..data.schemas import TriggerEntry
from .lexicon import EventLexicon

_CONTENT_PREPS = frozenset({"to", "on", "of", "for", "from", "upon", "into", "over", "against", "with"})


# Prepositions between an amount and what it is of: "500 million euros in aid", "a package of arms".
_AMOUNT_PREPS = frozenset({"in", "of", "worth"})


@dataclass
class Trigger:
    """A word that reports an event, before its participants are coded."""

    token: Token
    entry: TriggerEntry
    kind: str  # verb | noun
    first: int  # first token of the trigger's words (a modifier of a two-word noun)
    last: int  # last token (a particle right after the verb: "ruled out")
    particle: Token | None = None  # the phrase's particle or preposition
    governor: Token | None = None  # nouns: the verb they hang off
    sources: list[Token] = field(default_factory=list)
    targets: list[Token] = field(default_factory=list)
    outer_sources: list[Token] = field(default_factory=list)  # nouns: the governing verb's subjects
    nested_in: Trigger | None = None
    yielded: bool = False  # an offer or proposal of a conflictual act: the act is coded instead


def _object_of(token: Token) -> Token | None:
    passive = any(c.dep_ == "auxpass" for c in token.children)
    for child in token.children:
        if child.dep_ == "dobj" or (passive and child.dep_ == "nsubjpass"):
            return child
    return None


def _prep_objects(token: Token, preps: Set[str]) -> list[Token]:
    out: list[Token] = []
    for child in token.children:
        if child.dep_ in {"prep", "agent", "dative"} and child.lower_ in preps:  # "offered concessions to Kyiv": a dative "to"
            for obj in child.children:
                if obj.dep_ == "pobj":
                    out += conjuncts(obj)
    return out


def _objects_ok(token: Token, entry: TriggerEntry) -> bool:
    if not entry.objects and not entry.not_objects:
        return True
    obj = _object_of(token)
    things = conjuncts(obj) if obj is not None else []
    # "provided Ukraine with missiles": what is given may come with "with"
    things += [o for c in token.children if c.dep_ == "prep" and c.lower_ == "with" for o in c.children if o.dep_ == "pobj"]
    for _ in range(2):  # "sent billions of dollars' worth of arms": the amount is of what is given
        things += [o for t in things for o in _prep_objects(t, _AMOUNT_PREPS) if o not in things]
    if obj is not None and (obj.ent_type_ in ("MONEY", "CARDINAL") or any(c.dep_ == "nummod" for c in obj.children)):
        things += _prep_objects(token, {"in"})  # "sent billions of dollars in weapons" (the parser hangs "in" on the verb)
    lemmas = {t.lemma_.lower() for t in things} | {t.lower_ for t in things}
    if entry.not_objects and lemmas & set(entry.not_objects):
        return False
    if entry.objects:
        person = obj is not None and "PERSON" in entry.objects and any(t.ent_type_ == "PERSON" for t in conjuncts(obj))
        person = person or (obj is not None and "PERSON" in entry.objects and obj.lemma_.lower() in entry.objects)
        return person or bool(lemmas & set(entry.objects))
    return True


def _has_infinitive(token: Token) -> bool:
    return any(c.dep_ in {"xcomp", "ccomp"} and any(a.tag_ == "TO" for a in c.children) for c in token.children)


def _governor(token: Token, lex: EventLexicon) -> tuple[Token | None, str | None]:
    """The verb a noun trigger hangs off, and how ("object", "circumstance", "topic",
    "historical"); (None, None) when it hangs off no verb."""
    if token.dep_ == "dobj" and token.head.pos_ in {"VERB", "AUX"}:
        return token.head, "object"
    if token.dep_ == "pobj" and token.head.dep_ == "prep":
        prep = token.head
        word = prep.lower_
        if word in lex.topic_preps:
            return prep.head, "topic"
        if word in lex.historical_preps:
            return prep.head, "historical"
        if word in lex.circumstance_preps and prep.head.pos_ in {"VERB", "AUX"}:
            return prep.head, "circumstance"
        if word in _CONTENT_PREPS and prep.head.pos_ in {"VERB", "AUX"}:
            return prep.head, "content"
    if token.dep_ == "conj" and token.head.pos_ == "NOUN":
        return _governor(token.head, lex)
    return None, None


def find_triggers(doc: Doc, lex: EventLexicon) -> list[Trigger]:
    """Every word of ``doc`` the dictionary lists as an event trigger, in text order."""
    out: list[Trigger] = []
    for token in doc:
        pos = token.pos_
        lemma = token.lemma_.lower()
        if pos == "VERB":
            found = None
            if any(c.dep_ == "oprd" for c in token.children):
                continue  # "called him a liar": naming, not an event
            for child in token.children:
                if child.dep_ == "prep" and any(o.ent_type_ in {"DATE", "TIME"} for o in child.children if o.dep_ == "pobj"):
                    continue  # "called ... on Friday" is no "call on"
                if child.dep_ in {"prt", "prep", "dobj", "advmod"}:
                    entry = lex.phrases.get((lemma, child.lower_))
                    if entry is not None:
                        found = Trigger(token, entry, "verb", token.i, child.i if child.dep_ == "prt" and child.i == token.i + 1 else token.i, particle=child)
                        break
            if found is None and lemma in lex.verbs and _objects_ok(token, lex.verbs[lemma]):
                entry = lex.verbs[lemma]
                if entry.needs_infinitive and not _has_infinitive(token):
                    continue
                if entry.object_type is not None and _object_of(token) is not None:
                    entry = entry.model_copy(update={"type": entry.object_type})
                found = Trigger(token, entry, "verb", token.i, token.i)
            if found is not None:
                out.append(found)
        elif pos in {"NOUN", "PROPN"} and token.dep_ != "compound":
            entry = None
            first = token.i
            for child in token.children:
                if child.dep_ in {"compound", "amod", "nmod"} and child.i < token.i:
                    pair = lex.noun_pairs.get((child.lower_, lemma)) or lex.noun_pairs.get((child.lemma_.lower(), lemma))
                    if pair is not None:
                        entry, first = pair, child.i
                        break
            if entry is None:
                entry = lex.nouns.get(lemma) or lex.nouns.get(token.lower_)
            if entry is None:
                continue
            gov, how = _governor(token, lex)
            if how in {"topic", "historical"}:
                continue  # "spoke about negotiations", "since the invasion": not reported as events
            if entry.verbs and (gov is None or gov.lemma_.lower() not in entry.verbs):
                continue
            out.append(Trigger(token, entry, "noun", first, token.i, governor=gov))
    return out


def complement_head(node: Token) -> Token | None:
    """The word whose complement ``node`` is: the verb or adjective of an infinitive ("ready
    to meet"), the noun of an infinitive or an of/for phrase ("readiness to cease",
    "possibility of talks"), the verb of an object ("offered talks"); None otherwise."""
    dep, head = node.dep_, node.head
    if head.i == node.i:
        return None
    if dep in {"xcomp", "dobj"}:
        return head
    if dep == "acl" and any(c.dep_ == "aux" and c.tag_ == "TO" for c in node.children):
        return head
    if dep in {"pobj", "pcomp"} and head.dep_ == "prep" and head.lower_ in {"of", "for", "to"} and head.head.i != head.i:
        return head.head
    return None
