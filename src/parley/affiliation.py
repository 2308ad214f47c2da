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

:class:`MentionIndex` finds the mention behind a token of the parse: the token's own mention,
else a name or demonym in front of it ("Ukrainian officials", "US representatives", "American
proposals"), else the body it is "of" or "from" ("members of the Russian Union of
Industrialists", "officials from Kyiv"). Pure functions over one Doc and its record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .actors.dictionary import ActorDictionary, fold
from .base.spans import covering_span
from .model import Mention, Place, Quote

# First-person pronouns inside a statement stand for its speaker (singular) or the speaker's
# side (plural: "we agreed to the compromises" in Putin's words is Russia).
FIRST_SINGULAR = frozenset({"i", "me", "my", "mine", "myself"})
FIRST_PLURAL = frozenset({"we", "us", "our", "ours", "ourselves"})
# Dependency labels through which a modifier names who a noun belongs to or comes from.
_OWNER_DEPS = frozenset({"poss", "compound", "amod", "nmod", "npadvmod"})
_FROM_PREPS = frozenset({"of", "from"})


@dataclass(frozen=True)
class Acting:
    """The acting state or organisation (``actor``) and, when a person acts, the person."""

    actor: str
    person: str | None = None
    text: str | None = None  # the words it was read from


def day_of(value: str | None, fallback: dt.date | None) -> dt.date | None:
    """A date for looking up who held an office: a record date value ("2025-08" -> the 1st of
    August), else ``fallback`` (the publication date)."""
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


class MentionIndex:
    """The record's mentions and places by token of one Doc, and the statements by offset."""

    def __init__(self, doc: Doc, mentions: Sequence[Mention], places: Sequence[Place] = (), quotes: Sequence[Quote] = ()) -> None:
        self.doc = doc
        self.by_token: dict[int, Mention] = {}
        for m in mentions:
            if m.actor is None:
                continue
            span = covering_span(doc, m.start, m.end)
            if span is None:
                continue
            for tok in span:
                held = self.by_token.get(tok.i)
                if held is None or (held.end - held.start) < (m.end - m.start):
                    self.by_token[tok.i] = m
        self.place_by_token: dict[int, Place] = {}
        for p in places:
            span = covering_span(doc, p.start, p.end)
            if span is None:
                continue
            for tok in span:
                self.place_by_token.setdefault(tok.i, p)
        self.quotes = sorted(quotes, key=lambda q: q.content.end - q.content.start)

    def quote_at(self, char: int) -> Quote | None:
        """The innermost statement whose content holds the character offset ``char``."""
        for q in self.quotes:
            if q.content.start <= char < q.content.end:
                return q
        return None

    def mention(self, token: Token) -> Mention | None:
        return self.by_token.get(token.i)

    def owner_tokens(self, token: Token) -> Iterable[Token]:
        """Tokens that may name who ``token`` (a noun) belongs to, nearest first: names and
        demonyms in front of it, then what it is "of" or "from"."""
        before = [c for c in token.children if c.dep_ in _OWNER_DEPS and c.i < token.i]
        # a name or demonym before a possessive pronoun: "his Turkish counterpart" is Turkey's
        yield from sorted(before, key=lambda c: (c.dep_ == "poss" and c.pos_ == "PRON", -c.i))
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in _FROM_PREPS:
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        yield obj


def conjuncts(token: Token) -> list[Token]:
    """``token`` and the words coordinated with it ("Moscow and Washington")."""
    out = [token]
    for c in token.conjuncts:
        if c.i not in {t.i for t in out}:
            out.append(c)
    return sorted(out, key=lambda t: t.i)


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
