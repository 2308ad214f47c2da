"""The resources the stages load once per process: compiled lexicons, matchers, the gazetteer,
the actor resolver, the spaCy pipeline itself.

One registry instead of a cache per module: a resource is named (``"quotes.lexicon"``) and
keyed by what it is built from (the options, the data file, the spaCy vocabulary when it
holds a matcher), built on first use and returned from then on. Keys hold the vocabulary
object itself, not its ``id()``, so a vocabulary that is gone cannot lend its key to a new one.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Any, TypeVar, cast

T = TypeVar("T")


class Registry:
    """Named resources, each built once per key."""

    def __init__(self) -> None:
        self._items: dict[tuple[str, Hashable], Any] = {}
        # one build at a time: two threads asking for the gazetteer must not build it twice
        self._lock = threading.RLock()

    def get(self, name: str, key: Hashable, build: Callable[[], T]) -> T:
        """The resource ``name`` for ``key``, built by ``build()`` the first time."""
        item = self._items.get((name, key), _MISSING)
        if item is _MISSING:
            with self._lock:
                item = self._items.get((name, key), _MISSING)
                if item is _MISSING:
                    item = self._items[(name, key)] = build()
        return cast(T, item)

    def loaded(self) -> list[tuple[str, Hashable]]:
        """What has been built so far, in order (for ``parley info`` and tests)."""
        return list(self._items)

    def clear(self) -> None:
        """Forget every resource (tests that change a data file on disk)."""
        with self._lock:
            self._items.clear()


_MISSING = object()

# The process's registry.
REGISTRY = Registry()


def resource(name: str, key: Hashable, build: Callable[[], T]) -> T:
    """``REGISTRY.get(name, key, build)``: the one way a stage holds on to what it loaded."""
    return REGISTRY.get(name, key, build)
