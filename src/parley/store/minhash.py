"""The MinHash parameters a store is made with: recorded in ``parley_meta`` when the store is
created and never changed, so that every signature in it is comparable with every other.
What the signatures are for (syndication: one story id for the copies of a wire story) is
:mod:`parley.corpus.syndication`."""

from __future__ import annotations

from dataclasses import dataclass

# The hash family and seed of every signature (datasketch's ``affine32`` scheme).
SCHEME = "affine32"
SEED = 1


@dataclass(frozen=True)
class MinHashParams:
    """The signature parameters a store is made with (recorded in it, never changed)."""

    num_perm: int = 128
    shingle_words: int = 5

    def as_meta(self) -> str:
        return f"{SCHEME}:seed={SEED}:num_perm={self.num_perm}:shingle_words={self.shingle_words}"

    @classmethod
    def from_meta(cls, value: str) -> MinHashParams:
        fields = dict(part.split("=", 1) for part in value.split(":")[1:])
        return cls(num_perm=int(fields["num_perm"]), shingle_words=int(fields["shingle_words"]))
