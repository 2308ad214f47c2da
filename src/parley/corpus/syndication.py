"""Syndication: the same wire story on many sites, lightly edited, linked to one story id.

An article's text becomes a set of word shingles (``shingle_words`` consecutive lower-cased
words), summarised by a MinHash signature (datasketch, ``affine32`` scheme); a MinHash LSH
index finds earlier articles whose estimated Jaccard similarity may reach
``dedup_threshold``, and each candidate is checked against that threshold before the new
article joins its story. A story's id is the id of its first article; an article like no
earlier one starts its own story. Exact copies (equal SHA-1) join directly.

Why shingles of five words at 0.5 (``[corpus]`` in settings.toml): a wire story re-headlined,
re-bylined or with a word changed keeps over 80% of its 5-word shingles, and one with a
sentence in six dropped as well about 65% (``tests/test_syndication.py``), while two stories
on the same event written separately share few of theirs (under 20% there) — quotes
included, as a quote of fifteen words gives only eleven shingles. Limits: a heavily rewritten version, or a
short excerpt of a long story, is a story of its own; chains join (A~B and B~C put C with A).
Assignment is made in ingestion order, in one process, so it is the same whether the facts
were computed serially, by local workers or on a Dask cluster.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
from datasketch import MinHash, MinHashLSH

from ..store.minhash import SCHEME, SEED, MinHashParams

_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, k: int) -> set[bytes]:
    """The set of ``k``-word shingles of ``text`` (lower-cased words; punctuation ignored).
    A text of fewer than ``k`` words is one shingle; a text without words, its own string."""
    words = _WORD.findall(text.lower())
    if not words:
        return {text.encode("utf-8", "surrogatepass")}
    if len(words) <= k:
        return {" ".join(words).encode("utf-8")}
    return {" ".join(words[i : i + k]).encode("utf-8") for i in range(len(words) - k + 1)}


def signature(text: str, params: MinHashParams) -> bytes:
    """The MinHash signature of ``text``, as bytes to store."""
    m = MinHash(num_perm=params.num_perm, seed=SEED, scheme=SCHEME)
    m.update_batch(list(shingles(text, params.shingle_words)))
    return np.asarray(m.hashvalues, dtype="<u4").tobytes()


def _minhash(sig: bytes, params: MinHashParams) -> MinHash:
    return MinHash(num_perm=params.num_perm, seed=SEED, hashvalues=np.frombuffer(sig, dtype="<u4").astype(np.uint32), scheme=SCHEME)


class StoryIndex:
    """Articles seen so far, by signature and by text hash; :meth:`assign` gives a new
    article its story and adds it."""

    def __init__(self, params: MinHashParams, threshold: float) -> None:
        self.params = params
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=params.num_perm)
        self._story: dict[str, str] = {}
        self._seq: dict[str, int] = {}
        self._by_hash: dict[str, str] = {}
        self._sketch: dict[str, MinHash] = {}

    def __len__(self) -> int:
        return len(self._story)

    def add(self, article_id: str, seq: int, text_hash: str, story_id: str, sig: bytes) -> None:
        """Record an article whose story is already known (loading a store)."""
        m = _minhash(sig, self.params)
        self._lsh.insert(article_id, m)
        self._sketch[article_id] = m
        self._story[article_id] = story_id
        self._seq[article_id] = seq
        self._by_hash.setdefault(text_hash, story_id)

    def load(self, rows: Iterable[tuple[str, int, str, str, bytes]]) -> None:
        for article_id, seq, text_hash, story_id, sig in rows:
            self.add(article_id, seq, text_hash, story_id, sig)

    def match(self, text_hash: str, sig: bytes) -> str | None:
        """The story an article with this text hash and signature belongs to, if any: the
        story of the most similar earlier article at or above the threshold (ties: the
        earliest)."""
        if text_hash in self._by_hash:
            return self._by_hash[text_hash]
        m = _minhash(sig, self.params)
        best: tuple[float, int, str] | None = None
        for key in self._lsh.query(m):
            score = m.jaccard(self._sketch[key])
            if score < self.threshold:
                continue  # an LSH candidate, not a near-duplicate
            cand = (-score, self._seq[key], key)
            if best is None or cand < best:
                best = cand
        return self._story[best[2]] if best else None

    def assign(self, article_id: str, seq: int, text_hash: str, sig: bytes) -> str:
        story = self.match(text_hash, sig) or article_id
        self.add(article_id, seq, text_hash, story, sig)
        return story
