"""Who acts, as PLOVER codes it: the state or organisation behind a mention.

PLOVER (and CAMEO before it) codes the source and target of an event, and the holder of a
stance, as the state or organisation that acts: "Russian President Vladimir Putin met ..." is
Russia acting, "the UN Secretary-General said ..." is the United Nations. The actor stage has
already named each mention's canonical actor (``record.mentions``: "the Russian leader" ->
Vladimir Putin, "Moscow" acting -> Russia); this module lifts that actor to the acting body:

* a person -> the country (or organisation) of an office they held on the date, else the
  country the dictionary gives them; a person with neither stays themself;
* an organisation -> up its ``part_of`` chain to the top ("Kremlin" -> Russia, "UN Security
  Council" -> United Nations); an organisation that belongs to nothing is itself (a company, a
  business union);
* a state is itself; a collective adjective that names a bloc ("European allies") goes through
  ``events.yaml`` ``groups``; a place stands for its country only where the caller says so
  (the target of an attack on a city).

:func:`actor_of` finds the mention behind a token of the parse (through
:class:`parley.base.index.MentionIndex`): the token's own mention,
else a name or demonym in front of it ("Ukrainian officials", "US representatives", "American
proposals"), else the body it is "of" or "from" ("members of the Russian Union of
Industrialists", "officials from Kyiv"). Pure functions over one Doc and its record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from spacy.tokens import Token

from ..base.index import MentionIndex
from ..base.parse import conjuncts
from ..base.registry import resource
from ..data.loaders import load_event_triggers
from ..settings import ActorOptions
from .dictionary import ActorDictionary, fold, get_dictionary

# First-person pronouns inside a statement stand for its speaker (singular) or the speaker's
# side (plural: "we agreed to the compromises" in Putin's words is Russia).
FIRST_SINGULAR = frozenset({"i", "me", "my", "mine", "myself"})
FIRST_PLURAL = frozenset({"we", "us", "our", "ours", "ourselves"})


@dataclass(frozen=True)
class Acting:
    """The acting state or organisation (``actor``) and, when a person acts, the person."""

    actor: str
    person: str | None = None
    text: str | None = None  # the words it was read from


class Affiliations:
    """Canonical actors -> acting states and organisations, through the actor dictionary."""

    def __init__(self, book: ActorDictionary, groups: Mapping[str, str]) -> None:
        self.book = book
        self.groups = {fold(k): v for k, v in groups.items()}

    def top_body(self, name: str) -> str:
        """An organisation's top ``part_of`` (itself when it belongs to nothing)."""
        seen = {name}
        entry = self.book.actors.get(name)
        while entry is not None and entry.part_of and entry.part_of not in seen:
            seen.add(entry.part_of)
            name = entry.part_of
            entry = self.book.actors.get(name)
        return name

    def of_person(self, person: str, on: dt.date | None) -> str | None:
        """The state or organisation of an office ``person`` held on ``on``, else the country
        the dictionary gives them."""
        for office in self.book.offices_of(person, on):
            if office.org:
                return self.top_body(office.org)
            if office.country and office.country.upper() in self.book.states_by_code:
                return self.book.states_by_code[office.country.upper()]
        entry = self.book.actors.get(person)
        if entry is not None and entry.country and entry.country.upper() in self.book.states_by_code:
            return self.book.states_by_code[entry.country.upper()]
        return None

    def acting(self, actor: str, kind: str | None, on: dt.date | None, text: str | None = None) -> Acting | None:
        """The acting body for a canonical ``actor`` of ``kind`` (a mention's fields)."""
        if kind == "person":
            body = self.of_person(actor, on)
            return Acting(body or actor, actor, text)
        if kind == "org":
            return Acting(self.top_body(actor), None, text)
        if kind == "state":
            return Acting(actor, None, text)
        if kind == "group":
            bloc = self.groups.get(fold(actor)) or (self.groups.get(fold(text)) if text else None)
            return Acting(bloc, None, text) if bloc else None
        entry = self.book.actors.get(actor)
        if entry is not None and entry.kind in {"person", "org", "state"}:
            return self.acting(actor, entry.kind, on, text)
        bloc = self.groups.get(fold(actor))  # "the West" tagged as a place
        return Acting(bloc, None, text) if bloc else None

    def country_state(self, code: str | None) -> str | None:
        return self.book.states_by_code.get(code.upper()) if code else None


def actor_of(
    token: Token,
    index: MentionIndex,
    aff: Affiliations,
    on: dt.date | None,
    *,
    place_as_country: bool = False,
    depth: int = 0,
) -> Acting | None:
    """The acting body a noun phrase (given by its head ``token``) refers to, or None.

    First-person pronouns inside a statement are its speaker's; a place is its country only
    with ``place_as_country`` (an attack on a city hits the state that holds it)."""
    mention = index.mention(token)
    if mention is not None and mention.actor:
        acting = aff.acting(mention.actor, mention.kind, on, mention.text)
        if acting is not None:
            return acting
    low = token.lower_
    if token.pos_ == "PRON" and (low in FIRST_PLURAL or low in FIRST_SINGULAR):
        quote = index.quote_at(token.idx)
        if quote is not None and quote.speaker:
            speaker = aff.acting(quote.speaker, _kind(aff, quote.speaker), on, token.text)
            if speaker is not None and (low in FIRST_SINGULAR or speaker.actor != speaker.person):
                return speaker  # "I" is the speaker; "we" their state or organisation, when known
        return None
    if token.pos_ == "PRON" and low in {"it", "they"} and token.dep_ in {"nsubj", "nsubjpass"}:
        # "The Israeli military said it struck ...": the subject opening a reported statement
        # of an organisation or a state is the speaker
        quote = index.quote_at(token.idx)
        if quote is not None and quote.speaker and quote.content.start <= token.idx:
            lead = index.doc.text[quote.content.start : token.idx].split()
            kind = _kind(aff, quote.speaker)
            if len(lead) <= 1 and kind in {"state", "org", "group"}:
                return aff.acting(quote.speaker, kind, on, token.text)
    if mention is None and token.pos_ == "PROPN" and fold(token.text) in aff.groups:
        return Acting(aff.groups[fold(token.text)], None, token.text)  # "the West"
    if place_as_country:
        place = index.place_by_token.get(token.i)
        if place is not None:
            state = aff.country_state(place.country)
            if state:
                return Acting(state, None, place.text)
    if depth >= 2 or token.pos_ not in {"NOUN", "PROPN"}:
        return None
    for owner in index.owner_tokens(token):
        found = actor_of(owner, index, aff, on, place_as_country=place_as_country, depth=depth + 1)
        if found is not None:
            return found
    return None


def actors_of(token: Token, index: MentionIndex, aff: Affiliations, on: dt.date | None, *, place_as_country: bool = False) -> list[Acting]:
    """Every acting body a noun phrase refers to: one, or several when its owner is a
    coordination ("the foreign ministers of Russia and China", "Chinese and Russian warships")."""
    first = actor_of(token, index, aff, on, place_as_country=place_as_country)
    if first is None:
        return []
    out = [first]
    own = index.mention(token)
    for owner in index.owner_tokens(token):
        # a mention of its own ("Azerbaijani forces" in "Armenian and Azerbaijani forces")
        # named one owner; the coordinated ones outside it are the others
        others = owner.conjuncts if own is None else [t for t in conjuncts(owner) if not own.start <= t.idx < own.end]
        for other in others:
            found = actor_of(other, index, aff, on, place_as_country=place_as_country, depth=1)
            if found is not None and found.actor not in {a.actor for a in out}:
                out.append(found)
    return out


def _kind(aff: Affiliations, name: str) -> str | None:
    entry = aff.book.actors.get(name)
    return entry.kind if entry is not None else "person"


def get_affiliations(actors: ActorOptions | None = None, triggers: str | None = None) -> Affiliations:
    """The acting-body lookups for one actor dictionary and one trigger file's ``groups``
    (``data/events.yaml``); built once per process."""
    actors = actors or ActorOptions()
    key = (actors.dictionary, tuple(actors.extra_dictionaries), triggers)
    return resource("actors.affiliations", key, lambda: Affiliations(get_dictionary(actors), load_event_triggers(triggers).groups))
