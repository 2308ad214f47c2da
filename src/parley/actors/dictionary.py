"""The actor dictionary as lookup tables: aliases, seats of government, demonyms, offices
and who held each office on a given date."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from ..base.registry import resource
from ..data.loaders import load_actor_files
from ..data.schemas import ActorEntry, ActorsFile, OfficeEntry
from ..settings import ActorOptions


def fold(text: str) -> str:
    """Case, accents, dots and a leading "the" folded away: the key aliases are looked up by
    ("the U.S." -> "us", "Erdoğan" -> "erdogan")."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").replace("‘", "'").lower().strip()
    if text.endswith("'s"):
        text = text[:-2]
    if text.startswith("the "):
        text = text[4:]
    return " ".join(text.replace(".", "").replace("-", " ").split())


@dataclass
class ActorDictionary:
    actors: dict[str, ActorEntry]
    offices: dict[str, OfficeEntry]
    aliases: dict[str, str] = field(default_factory=dict)  # folded alias -> canonical name
    exact: dict[str, str] = field(default_factory=dict)  # alias as written -> canonical name
    seats: dict[str, str] = field(default_factory=dict)  # folded seat -> state
    demonyms: dict[str, str] = field(default_factory=dict)  # folded demonym -> state
    states_by_code: dict[str, str] = field(default_factory=dict)
    roles: dict[str, list[OfficeEntry]] = field(default_factory=lambda: defaultdict(list))
    phrases: dict[str, list[OfficeEntry]] = field(default_factory=lambda: defaultdict(list))
    terms: dict[str, list[tuple[dt.date, dt.date | None, str]]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def build(cls, data: ActorsFile) -> ActorDictionary:
        book = cls(actors={a.name: a for a in data.actors}, offices={o.id: o for o in data.offices})
        # Names first, then aliases, so that an actor's own name always wins over another's alias.
        for actor in data.actors:
            book.aliases.setdefault(fold(actor.name), actor.name)
            book.exact.setdefault(actor.name, actor.name)
            if actor.kind == "state" and actor.country:
                book.states_by_code[actor.country.upper()] = actor.name
        for actor in data.actors:
            for alias in actor.aliases:
                book.aliases.setdefault(fold(alias), actor.name)
                book.exact.setdefault(alias, actor.name)
            for demonym in actor.demonyms:
                book.demonyms.setdefault(fold(demonym), actor.name)
            for seat in actor.seats:
                book.seats.setdefault(fold(seat), actor.name)
            for term in actor.terms:
                book.terms[term.office].append((term.start, term.end, actor.name))
        for office in data.offices:
            for role in office.roles:
                book.roles[role.lower()].append(office)
            for phrase in office.phrases:
                book.phrases[phrase.lower()].append(office)
        return book

    def lookup(self, text: str) -> ActorEntry | None:
        name = self.exact.get(text) or self.aliases.get(fold(text))
        return self.actors.get(name) if name else None

    def state_of(self, text: str) -> str | None:
        """The state a country name, demonym, ISO code or seat stands for."""
        key = fold(text)
        actor = self.lookup(text)
        if actor is not None and actor.kind == "state":
            return actor.name
        return self.demonyms.get(key) or self.seats.get(key)

    def country_code(self, state: str) -> str | None:
        actor = self.actors.get(state)
        return actor.country if actor else None

    def holder(self, office_id: str, on: dt.date | None) -> str | None:
        """Who held the office on the date (today's holder when the date is unknown)."""
        terms = self.terms.get(office_id, [])
        if on is None:
            current = [t for t in terms if t[1] is None]
            return current[-1][2] if current else None
        for start, end, person in terms:
            if start <= on and (end is None or on < end):
                return person
        return None

    def offices_of(self, person: str, on: dt.date | None) -> list[OfficeEntry]:
        actor = self.actors.get(person)
        if actor is None:
            return []
        return [
            self.offices[t.office]
            for t in actor.terms
            if (on is None and t.end is None) or (on is not None and t.start <= on and (t.end is None or on < t.end))
        ]


def get_dictionary(options: ActorOptions | None = None) -> ActorDictionary:
    """The actor dictionary in use (``[actors] dictionary`` with its extra files on top),
    built once per process."""
    options = options or ActorOptions()
    main, extra = options.dictionary, tuple(options.extra_dictionaries)
    return resource("actors.dictionary", (main, extra), lambda: ActorDictionary.build(load_actor_files(main, extra)))


def actor_countries(options: ActorOptions | None = None) -> dict[str, str]:
    """Canonical actor name -> ISO code, from the actor dictionary in use."""
    options = options or ActorOptions()
    key = (options.dictionary, tuple(options.extra_dictionaries))
    return resource("actors.countries", key, lambda: {a.name: a.country for a in get_dictionary(options).actors.values() if a.country})
