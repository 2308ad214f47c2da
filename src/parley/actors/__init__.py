"""The actor stage: mentions of people, organisations, states and places, each resolved to a
canonical actor (``shared/eval/FORMAT.md`` ``mentions``)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from spacy.tokens import Doc
from spacy.vocab import Vocab

from ..data.loaders import load_actor_files, load_reference
from ..model import Mention
from ..settings import ActorOptions
from .dictionary import ActorDictionary, fold
from .mentions import Candidate, MentionFinder, prefer_longest_then_dictionary
from .resolve import ActorResolver

__all__ = ["ActorDictionary", "ActorResolver", "Candidate", "MentionFinder", "find_actors", "fold", "get_resolver", "prefer_longest_then_dictionary"]


@lru_cache(maxsize=4)
def _dictionary(main: str | None, extra: tuple[str, ...]) -> ActorDictionary:
    return ActorDictionary.build(load_actor_files(main, extra))


def get_resolver(vocab: Vocab, options: ActorOptions | None = None) -> ActorResolver:
    """A resolver for one pipeline's vocabulary; built once per vocab and options."""
    options = options or ActorOptions()
    key = options.model_dump_json()
    cache = _RESOLVERS.setdefault(id(vocab), {})
    if key not in cache:
        book = _dictionary(options.dictionary, tuple(options.extra_dictionaries))
        ref = load_reference()
        cache[key] = ActorResolver(book, ref, MentionFinder(vocab, book, ref), options)
    return cache[key]


_RESOLVERS: dict[int, dict[str, ActorResolver]] = {}


def find_actors(doc: Doc, published: dt.date | None, options: ActorOptions | None = None) -> list[Mention]:
    """Every actor mention in ``doc`` with its canonical actor, resolved as of ``published``."""
    return get_resolver(doc.vocab, options).resolve(doc, published)
