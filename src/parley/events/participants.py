"""Who takes part in an event, as PLOVER codes it, beyond the acting states and organisations
of :mod:`parley.actors.affiliation`.

PLOVER's gold-standard records name three more kinds of participant, and news names them often:

* people who do not act for their state are coded by description: "Rwandan rebels", "168
  Liberians" (a counted demonym is people, not the state), "Ethnic Albanians in south Serbia",
  "Jewish settlers in the West Bank city of Hebron". The description keeps the names, demonyms
  and qualifying words ("ethnic", "civilian", "opposition") and a phrase saying where they are
  or whom they follow; it drops determiners, numbers ("up to 1,000", "thousands of") and
  adjectives of manner ("angry", "young"). An organisation in front of or after them still
  acts ("Hezbollah guerrillas", "activists from the Fatah Party" -> Fatah), and state sectors
  ("Israeli soldiers", "Iranian authorities") stay their state;
* a person the dictionary knows no office of is coded as the state or organisation their title
  names ("British Defence Secretary Tom King" -> United Kingdom, "Kenzo Oshima, the United
  Nations Emergency Relief Coordinator" -> United Nations); the person is kept;
* the doer of a nominalised act is its ``by`` phrase ("violations by the Israeli military").

The word lists are ``events.yaml`` ``descriptive``. Bare group nouns ("rebels", "people") name
no one: an event with only them on one side is left to the place rules of the event stage.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Token

from ..actors import Acting, Affiliations, actors_of
from ..actors.dictionary import fold
from ..base.index import MentionIndex
from ..base.parse import conjuncts
from ..data.schemas import DescriptiveActors

# Prepositions whose object says where people are or whom they belong to or follow.
_PLACE_OR_OWNER_PREPS = frozenset({"of", "in", "from"})
_PLURAL_TAGS = frozenset({"NNS", "NNPS"})
# Parts of a noun phrase that never go into a description.
_DROPPED_DEPS = frozenset({"det", "predet", "nummod", "quantmod", "advmod", "punct", "cc", "prep", "poss", "case"})
# Clauses after a noun that describe, rather than name, the people ("some of whom ...").
_CLAUSE_DEPS = frozenset({"relcl", "acl", "appos", "punct", "cc", "conj"})


@dataclass(frozen=True)
class Described(Acting):
    """People named by description ("Rwandan rebels"): the words are the actor."""


@dataclass(frozen=True)
class GroupWords:
    """``events.yaml`` ``descriptive``, as sets."""

    people: frozenset[str]
    collectives: frozenset[str]
    affiliates: frozenset[str]
    modifiers: frozenset[str]
    state_sectors: frozenset[str]
    state_bodies: frozenset[str]
    quantities: frozenset[str]
    located_things: frozenset[str]

    @classmethod
    def of(cls, data: DescriptiveActors) -> GroupWords:
        return cls(
            frozenset(data.people),
            frozenset(data.collectives),
            frozenset(data.affiliates),
            frozenset(data.modifiers),
            frozenset(data.state_sectors),
            frozenset(data.state_bodies),
            frozenset(data.quantities),
            frozenset(data.located_things),
        )


def through_quantity(token: Token, words: GroupWords) -> Token:
    """The noun a quantity counts: "thousands of Nigerians" -> Nigerians, "a group of Chechen
    refugees" -> refugees, "a series of bombs" -> bombs; else ``token``."""
    for _ in range(2):
        if token.lemma_.lower() not in words.quantities and token.lower_ not in words.quantities:
            return token
        inner = next((o for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children if o.dep_ == "pobj"), None)
        if inner is None:
            return token
        token = inner
    return token


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _is_demonym_plural(token: Token, aff: Affiliations) -> bool:
    return token.tag_ in _PLURAL_TAGS and fold(token.text) in aff.book.demonyms


def _counted(token: Token) -> bool:
    return any(c.dep_ in {"nummod", "quantmod"} for c in token.children)


def _bloc(aff: Affiliations, text: str) -> bool:
    return fold(text) in aff.groups


def _named_kind(token: Token, index: MentionIndex, aff: Affiliations) -> str | None:
    """The kind of the actor a modifier or phrase object names: state, org, person, group
    (an ethnic or religious group, not a bloc), place; None when it names none."""
    mention = index.mention(token)
    if mention is not None and mention.actor:
        if mention.kind == "group" and _bloc(aff, mention.actor):
            return "state"  # "European", "Western": a bloc acts as one
        return mention.kind
    if fold(token.text) in aff.book.demonyms:
        return "state"
    if index.place_by_token.get(token.i) is not None:
        return "place"
    return None


def _phrase_names(prep: Token, index: MentionIndex, aff: Affiliations) -> set[str]:
    """The kinds of actor named inside a prepositional phrase (not in its clauses)."""
    kinds: set[str] = set()
    for obj in prep.children:
        if obj.dep_ != "pobj":
            continue
        for tok in _phrase_tokens(obj):
            kind = _named_kind(tok, index, aff)
            if kind is not None:
                kinds.add(kind)
            elif tok.pos_ == "PROPN":
                kinds.add("name")
    return kinds


def _phrase_tokens(head: Token) -> Iterator[Token]:
    """A noun phrase's tokens without its clauses: "the West Bank city of Hebron", not the
    ", some of whom ..." after it."""
    yield head
    for child in head.children:
        if child.dep_ in _CLAUSE_DEPS:
            continue
        yield from _phrase_tokens(child)


def _kept_modifier(child: Token, index: MentionIndex, aff: Affiliations, words: GroupWords) -> bool:
    if child.dep_ in _DROPPED_DEPS or child.i > child.head.i:
        return False
    if child.pos_ in {"PROPN", "NOUN"} or _named_kind(child, index, aff) is not None or child.ent_type_ == "NORP":
        return True
    if child.pos_ == "ADJ" and child.text[:1].isupper() and not child.is_sent_start:
        return True  # a proper adjective: "Protestant", "Jewish"
    return _lemma(child) in words.modifiers or child.lower_ in words.modifiers


def describe(head: Token, index: MentionIndex, aff: Affiliations, words: GroupWords) -> str | None:
    """The words that name a group of people: kept modifiers, the head, and a phrase of place
    or allegiance that names something ("in south Serbia", "of Ahmed Ben Bella"); None when
    nothing but the bare head would remain."""
    doc = head.doc
    kept = [c for c in head.children if c.i < head.i and _kept_modifier(c, index, aff, words)]
    start = min((c.left_edge.i for c in kept), default=head.i)
    # a modifier's own dropped words ("up to" in "up to 16") never open the description
    while start < head.i and (doc[start].dep_ in _DROPPED_DEPS or doc[start].like_num):
        start += 1
    end = head.i + 1
    for child in head.children:
        if child.dep_ == "prep" and child.i > head.i and child.lower_ in _PLACE_OR_OWNER_PREPS and _phrase_names(child, index, aff):
            end = max(t.i for t in _phrase_tokens(child)) + 1
            break
    if start == head.i and end == head.i + 1 and not (_is_demonym_plural(head, aff) or _counted(head)):
        return None  # bare "rebels" name no one; "12 protesters" are those people
    text = doc[start:end].text
    return text[4:] if text.lower().startswith("the ") else text


def descriptive_actor(token: Token, index: MentionIndex, aff: Affiliations, words: GroupWords) -> Acting | None:
    """``token``'s phrase as a descriptive actor, when it names people who do not act for a
    state or organisation; None otherwise."""
    counted = token is not through_quantity(token, words)
    head = through_quantity(token, words)
    if head.pos_ not in {"NOUN", "PROPN"}:
        return None
    own = index.mention(head)
    lemma = _lemma(head)
    modifiers = [c for c in head.children if c.i < head.i and c.dep_ in {"amod", "compound", "nmod"}]
    owners = [_named_kind(c, index, aff) for c in modifiers]
    phrases: set[str] = set()
    for child in head.children:
        if child.dep_ == "prep" and child.i > head.i and child.lower_ in _PLACE_OR_OWNER_PREPS:
            phrases |= _phrase_names(child, index, aff)
    if "org" in owners or "org" in phrases:
        return None  # "Hezbollah guerrillas", "activists from the Fatah Party": the organisation acts
    if own is not None and own.actor:
        if own.kind == "group" and not _bloc(aff, own.actor):
            group = describe(head, index, aff, words) or head.text  # "Iraqi Kurds", "Kurds"
            return Described(group, None, group)
        if not _is_demonym_plural(head, aff):
            return None  # a name: the dictionary's actor
        qualified = any(_lemma(c) in words.modifiers or (c.pos_ == "ADJ" and _named_kind(c, index, aff) is None) for c in modifiers)
        if not (counted or _counted(head) or qualified or phrases & {"state", "place", "name"}):
            return None  # "Palestinians blamed Israel": the people as a polity
    elif lemma in words.state_sectors:
        if "group" not in owners:
            return None  # "Israeli soldiers" are Israel; "Moslem forces" are described
    elif lemma in words.collectives:
        if not (set(owners) - {None} or phrases or any(_lemma(c) in words.modifiers for c in modifiers)):
            return None  # "mosquito populations" are no one; "the Albanian population" are
    elif lemma not in words.people:
        non_state = any(_lemma(c) in words.modifiers or c.lower_ in words.modifiers for c in modifiers)
        if not (non_state and lemma in words.affiliates):
            return None  # "civilian buildings" are no one; "opposition candidates" are
    described = describe(head, index, aff, words)
    return Described(described, None, described) if described else None


def titled(acting: Acting, head: Token, index: MentionIndex, aff: Affiliations, on: dt.date | None, words: GroupWords) -> Acting:
    """A person the dictionary gives no office or country, as the state or organisation their
    title or apposition names ("British Defence Secretary Tom King", "Kenzo Oshima, the United
    Nations Emergency Relief Coordinator"); the acting unchanged otherwise, and for people
    whose title says they are not the state's ("Iranian activist Narges Mohammadi")."""
    if acting.person is None or acting.actor != acting.person:
        return acting
    token = _person_token(head, acting.person, index)
    mention = index.mention(token)
    start = mention.start if mention is not None else token.idx
    title = [t for t in token.subtree if t.idx < start][::-1]  # nearest first
    if any(_lemma(t) in words.people for t in title if t.pos_ == "NOUN"):
        return acting
    apposition = [t for c in token.children if c.dep_ == "appos" for t in c.subtree]
    for tok in title + apposition:
        found = index.mention(tok)
        if found is None or not found.actor or found.actor == acting.person or found.kind not in {"state", "org", "person"}:
            continue
        body = aff.acting(found.actor, found.kind, on, found.text)
        if body is not None and body.actor != body.person:
            return Acting(body.actor, acting.person, acting.text)
    return acting


def _person_token(head: Token, person: str, index: MentionIndex) -> Token:
    """The root word of a person's mention inside a phrase ("Mohammadi" in "the release of
    Iranian activist Narges Mohammadi"); the phrase's head when none is found."""
    for tok in head.subtree:
        mention = index.mention(tok)
        if mention is not None and mention.actor == person and (tok.head.i == tok.i or index.mention(tok.head) is not mention):
            return tok
    return head


def by_agent(token: Token) -> list[Token]:
    """The ``by`` phrase of a nominalised act: "violations by the Israeli military"."""
    return [t for c in token.children if c.dep_ == "prep" and c.lower_ == "by" for o in c.children if o.dep_ == "pobj" for t in conjuncts(o)]


def event_actors(
    token: Token,
    index: MentionIndex,
    aff: Affiliations,
    on: dt.date | None,
    words: GroupWords,
    *,
    place_as_country: bool = False,
) -> list[Acting]:
    """Every participant a noun phrase names: descriptive actors first, then the acting
    states and organisations of :func:`parley.actors.affiliation.actors_of` (people by their title
    when the dictionary knows no office of theirs)."""
    found = descriptive_actor(token, index, aff, words)
    if found is not None:
        others = [descriptive_actor(c, index, aff, words) for c in token.conjuncts]
        return [found, *(o for o in others if o is not None)]
    head = through_quantity(token, words)
    if head is not token and head.conjuncts:  # "a group of Republicans and Democrats"
        return [a for t in conjuncts(head) for a in event_actors(t, index, aff, on, words, place_as_country=place_as_country)]
    if head.pos_ == "NOUN" and index.mention(head) is None:
        # a thing of people: "the welfare of 2,000 Libyans", "a Karen guerrilla stronghold"
        for inner in _owned_by(head):
            described = descriptive_actor(inner, index, aff, words)
            if described is not None:
                return [described]
    actings = actors_of(head, index, aff, on, place_as_country=place_as_country)
    if not actings and head.pos_ == "NOUN":
        for agent in by_agent(head):  # "violations by the Israeli military", "crimes by Croatian extremists"
            described = descriptive_actor(agent, index, aff, words)
            actings += [described] if described is not None else actors_of(agent, index, aff, on)
    if not actings and head.pos_ == "NOUN":  # "the peace agreement between Colombia and the ELN rebels"
        sides = [t for c in head.children if c.dep_ == "prep" and c.lower_ == "between" for o in c.children if o.dep_ == "pobj" for t in conjuncts(o)]
        actings = [a for t in sides for a in event_actors(t, index, aff, on, words)]
    if not actings and place_as_country and head.pos_ == "NOUN" and head.lemma_.lower() in words.located_things:
        actings = _located_state(head, index, aff)  # "evacuate all 21 settlements in the Gaza Strip"
    if not actings and head.pos_ == "NOUN":
        actings = _named_owner_states(head, aff)
    place = index.place_by_token.get(head.i) if place_as_country else None
    state = aff.country_state(place.country) if place is not None else None
    if state:  # "an attack on Kharkiv" where the parser took the city for an organisation
        actings = [Acting(state, None, a.text) if a.person is None and a.actor not in aff.book.actors else a for a in actings]
    return [titled(state_body(a, index, aff, words), head, index, aff, on, words) for a in actings]


def _named_owner_states(head: Token, aff: Affiliations) -> list[Acting]:
    """A state a name or demonym in front of a noun names when the actor stage left it no
    mention ("Kenya's president" where the dictionary knows no Kenyan office)."""
    for child in head.children:
        if child.dep_ in {"poss", "amod", "compound"} and child.i < head.i and child.ent_type_ in {"GPE", "NORP"}:
            span = next((e for e in head.doc.ents if e.start <= child.i < e.end), None)
            state = aff.book.state_of(span.text if span is not None else child.text)
            if state:
                return [Acting(state, None, child.text)]
    return []


def _located_state(head: Token, index: MentionIndex, aff: Affiliations) -> list[Acting]:
    """The state of the place a thing is in ("settlements in the Gaza Strip", "positions near
    Kharkiv"): what is done to it is done to that state."""
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in {"in", "near", "at", "inside"}:
            for obj in child.children:
                place = index.place_by_token.get(obj.i) if obj.dep_ == "pobj" else None
                state = aff.country_state(place.country) if place is not None else None
                if state:
                    return [Acting(state, None, place.text if place is not None else None)]
    return []


def _owned_by(head: Token) -> list[Token]:
    """Nouns that say whose a thing is: its compounds and its "of" objects."""
    out = [c for c in head.children if c.dep_ == "compound" and c.pos_ == "NOUN"]
    return out + [o for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children if o.dep_ == "pobj"]


def state_body(acting: Acting, index: MentionIndex, aff: Affiliations, words: GroupWords) -> Acting:
    """An organisation the dictionary does not know, named as a state's body ("Latvian
    Constitutional Court", "Montenegro Assembly", "Bush administration"), is that state."""
    if acting.person is not None or acting.actor in aff.book.actors or not acting.text:
        return acting
    parts = acting.text.split()
    if len(parts) < 2 or parts[-1].lower() not in words.state_bodies:
        return acting
    for size in range(len(parts) - 1, 0, -1):
        state = aff.book.state_of(" ".join(parts[:size]))
        if state:
            return Acting(state, None, acting.text)
        entry = aff.book.lookup(" ".join(parts[:size]))
        if entry is not None and entry.kind == "person":
            body = aff.of_person(entry.name, None)
            if body:
                return Acting(body, None, acting.text)  # "the Bush administration"
    return acting
