"""The actor stage: mentions of people, organisations, states and places, each resolved to a
canonical actor (``shared/eval/FORMAT.md`` ``mentions``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from spacy.tokens import Doc
from spacy.vocab import Vocab

from ..base.registry import resource
from ..data.loaders import load_reference
from ..model import Mention, Place
from ..settings import ActorOptions
from .affiliation import Acting, Affiliations, actor_of, actors_of, get_affiliations
from .dictionary import ActorDictionary, actor_countries, fold, get_dictionary
from .mentions import Candidate, MentionFinder, prefer_longest_then_dictionary
from .resolve import ActorResolver

__all__ = [
    "Acting",
    "ActorDictionary",
    "ActorResolver",
    "Affiliations",
    "Candidate",
    "MentionFinder",
    "actor_countries",
    "actor_of",
    "actors_of",
    "find_actors",
    "fold",
    "get_affiliations",
    "get_dictionary",
    "get_resolver",
    "prefer_longest_then_dictionary",
    "relabel_misread_persons",
]


def get_resolver(vocab: Vocab, options: ActorOptions | None = None) -> ActorResolver:
    """A resolver for one pipeline's vocabulary; built once per vocab and options."""
    options = options or ActorOptions()
    return resource("actors.resolver", (vocab, options.model_dump_json()), lambda: _resolver(vocab, options))


def _resolver(vocab: Vocab, options: ActorOptions) -> ActorResolver:
    book = get_dictionary(options)
    ref = load_reference()
    return ActorResolver(book, ref, MentionFinder(vocab, book, ref), options)


def find_actors(doc: Doc, published: dt.date | None, options: ActorOptions | None = None) -> list[Mention]:
    """Every actor mention in ``doc`` with its canonical actor, resolved as of ``published``."""
    return get_resolver(doc.vocab, options).resolve(doc, published)


def relabel_misread_persons(mentions: Sequence[Mention], places: Sequence[Place]) -> list[Mention]:
    """The mentions, with the places found where spaCy saw a person ("shelled Kherson") given
    their place type, so that no one is counted as an actor called Kherson. Only a name the
    actor dictionary did not resolve is changed (a known person keeps its mention)."""
    located = {(p.start, p.end) for p in places if p.lat is not None}
    out = list(mentions)
    relabelled: set[str] = set()
    for k, m in enumerate(out):
        if m.type == "PERSON" and m.via == "name" and m.actor == m.text and (m.start, m.end) in located:
            out[k] = m.model_copy(update={"type": "GPE", "kind": "place"})
            relabelled.add(m.text)
    for k, m in enumerate(out):  # "A Sioux Falls man ... The man said": the man is not Sioux Falls
        if m.actor in relabelled and m.via in ("nominal", "pronoun") and m.type == "PERSON":
            out[k] = m.model_copy(update={"actor": None})
    return out
