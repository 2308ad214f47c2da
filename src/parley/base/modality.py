"""Negation and hedging, read one way: whether the word a clause hangs on is negated ("did not
say", "no talks", "never agreed") or hedged ("may have said", "could accept", "perhaps"),
with the words of ``data/modality.yaml``.

The statement stage flags its statements with these, the stance stage turns a negated cue
into its negated reading and softens a hedged position of support, the event stage leaves
negated events out. What each stage adds on top (a refusal that governs a stance, a failure
that governs an event, a condition) is its own.
"""

from __future__ import annotations

from collections.abc import Callable, Container
from dataclasses import dataclass

from spacy.tokens import Token

from ..data.loaders import load_modality
from .registry import resource

# The dependency labels under which a negator word negates its head: spaCy's own `neg`, a
# determiner ("no talks"), an adverb ("never agreed"), a correlative before a coordination.
_NEGATING_DEPS = frozenset({"neg", "det", "advmod", "preconj"})


@dataclass(frozen=True)
class ModalityWords:
    """``modality.yaml`` as sets."""

    negators: frozenset[str]
    statement_hedges: frozenset[str]
    position_hedges: frozenset[str]
    raising_verbs: frozenset[str]
    refusal_heads: frozenset[str]
    failure_heads: frozenset[str]


def modality_words(path: str | None = None) -> ModalityWords:
    """The words of ``data/modality.yaml`` (or ``path``), read once per process."""

    def build() -> ModalityWords:
        data = load_modality(path)
        return ModalityWords(
            frozenset(data.negators),
            frozenset(data.statement_hedges),
            frozenset(data.position_hedges),
            frozenset(data.raising_verbs),
            frozenset(data.refusal_heads),
            frozenset(data.failure_heads),
        )

    return resource("base.modality", path, build)


def negates(child: Token, words: ModalityWords) -> bool:
    """Whether ``child`` negates the word it hangs on."""
    return child.dep_ == "neg" or (child.lower_ in words.negators and child.dep_ in _NEGATING_DEPS)


def negated(head: Token, words: ModalityWords, *, skip: Container[int] = ()) -> bool:
    """Whether a child of ``head`` negates it (children at the token indices ``skip`` aside:
    the words of a cue that says its own negation, "not up for discussion")."""
    return any(negates(child, words) for child in head.children if child.i not in skip)


def hedged(head: Token, modals: Container[str], adverbs: Callable[[Token], bool] | Container[str], raising: Container[str] = ()) -> bool:
    """Whether ``head`` is hedged: one of ``modals`` among its auxiliaries, an adverb among
    ``adverbs`` (or one that ``adverbs`` accepts: a reporting adverb, "reportedly"), or one of
    the ``raising`` verbs it is the complement of ("appeared to suggest"). The word lists are
    ``data/modality.yaml``'s: a statement's hedges and a position's are not the same words."""
    for child in head.children:
        if child.dep_ == "aux" and child.lower_ in modals:
            return True
        if child.dep_ == "advmod" and (adverbs(child) if callable(adverbs) else child.lower_ in adverbs):
            return True
    return head.dep_ == "xcomp" and head.head.lemma_ in raising
