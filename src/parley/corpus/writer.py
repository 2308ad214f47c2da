"""Putting analysed articles into a store: the stored-article id rule, and a writer that gives
each new article its story.

The id rule (``parley ingest`` and ``POST /articles`` both follow it): an article already
stored — same id and same text (SHA-1) — is not stored again; an article whose id is taken by
a *different* text (``index.html`` in two folders) is stored as ``<id>~<first 8 hex digits of
its SHA-1>``, which is just as stable across runs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ..errors import InputError
from ..model import Article, ArticleRecord
from ..store import LoadResult, Store
from ..store.store import TableSource
from ..store.tables import content_hash, record_tables
from .syndication import StoryIndex, signature


@dataclass
class Planned:
    """An article under the id it is stored by; ``new`` is False when the store (or an
    article planned before it) already holds the same text under that id."""

    article: Article
    new: bool


@dataclass
class StoredIds:
    """The id rule over the ids ``known`` to a store (id -> SHA-1 of the text), and the
    articles planned so far in this run."""

    known: Mapping[str, str]
    planned: dict[str, str] = field(default_factory=dict)

    def plan(self, article: Article) -> Planned:
        """The article under its stored id; :class:`InputError` when the id and its hashed
        variant are both taken by other texts."""
        text_hash = content_hash(article.text)
        for candidate in (article.id, f"{article.id}~{text_hash[:8]}"):
            stored = self.known.get(candidate) or self.planned.get(candidate)
            chosen = article if candidate == article.id else article.model_copy(update={"id": candidate})
            if stored is None:
                self.planned[candidate] = text_hash
                return Planned(chosen, new=True)
            if stored == text_hash:
                return Planned(chosen, new=False)
        raise InputError(article.id, "the id and its hashed variant are both taken by other texts")


class Writer:
    """Stores batches in ``store``, each new article joining its story; the story index is
    loaded from the store once and kept while the writer is."""

    def __init__(self, store: Store, threshold: float = 0.5) -> None:
        self.store = store
        self.threshold = threshold
        self._index: StoryIndex | None = None

    def stories(self) -> StoryIndex:
        if self._index is None:
            index = StoryIndex(self.store.minhash_params, self.threshold)
            index.load(self.store.story_rows())
            self._index = index
        return self._index

    def load(self, tables: Mapping[str, TableSource]) -> LoadResult:
        """Store one batch of tables (:meth:`parley.store.Store.load_batch`)."""
        try:
            return self.store.load_batch(tables, self.stories())
        except BaseException:
            self._index = None  # the index took articles that were not stored: load it again
            raise

    def write_records(self, records: Iterable[ArticleRecord], *, source: str | None = None) -> LoadResult:
        """Store records made elsewhere (``parley.extract_many``, say), in one transaction."""
        items = list(records)
        params = self.store.minhash_params
        return self.load(record_tables(items, [source] * len(items), [signature(r.text, params) for r in items]))


def write_records(store: Store, records: Iterable[ArticleRecord], *, source: str | None = None, threshold: float = 0.5) -> LoadResult:
    """Store ``records`` in ``store`` in one transaction (a writer used once)."""
    return Writer(store, threshold).write_records(records, source=source)
