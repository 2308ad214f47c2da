"""Demands said as obligations: "The Bush administration declared that China must drop
barriers", "the Red Cross said US and British forces must ensure security", "Chirac issued a
stern reminder to Iraq that it must cooperate" are PLOVER REQUESTs of the speaker to the one
who must act, though no verb of demanding is used.

A statement head (``events.yaml`` ``modality.statement_heads``: verbs of saying and deciding,
nouns such as "reminder" or "resolution") whose clause carries a modal of obligation
(``modality.obligation_auxiliaries``: must, should...) makes a request. Its recipient is whom
the statement is addressed to ("reminded Iraq", "a reminder to Iraq") or else the subject of
the obliged clause; the source is the speaker. What the clause says must happen is the content
of the demand, not an event of its own (the event stage nests it under the request).

Limits: the modal must sit in the clause itself ("China has to" and "needs to" are not read),
and an obligation no one is said to state ("Russia must withdraw" in the reporter's voice) is
no request.
"""

from __future__ import annotations

from collections.abc import Callable, Set
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ..base.parse import conjuncts

_CLAUSE_DEPS = frozenset({"ccomp", "acl", "relcl", "advcl"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


@dataclass
class Obligation:
    """A statement that someone must act: its head, the obliged clause and the role tokens."""

    head: Token
    clause: Token
    sources: list[Token] = field(default_factory=list)
    targets: list[Token] = field(default_factory=list)
    governor: Token | None = None  # a noun head's verb ("issued a reminder")


def _obliged_clause(head: Token, obligation: Set[str]) -> Token | None:
    for child in head.children:
        if child.dep_ not in _CLAUSE_DEPS or child.pos_ not in {"VERB", "AUX"}:
            continue
        if child.dep_ in {"acl", "relcl", "advcl"} and not any(m.dep_ == "mark" and m.lower_ == "that" for m in child.children):
            continue  # only a that-clause says what the statement says
        if any(a.dep_ == "aux" and a.lower_ in obligation for a in child.children) and any(s.dep_ in _SUBJECT_DEPS for s in child.children):
            return child
    return None


def _addressees(head: Token) -> list[Token]:
    """Whom a statement is addressed to: "reminded Iraq", "told Kyiv", "a reminder to Iraq"."""
    out: list[Token] = []
    for child in head.children:
        if child.dep_ in {"dobj", "dative"} and child.pos_ in {"NOUN", "PROPN", "PRON"}:
            out += conjuncts(child)
        elif child.dep_ in {"prep", "dative"} and child.lower_ == "to":
            out += [t for o in child.children if o.dep_ == "pobj" for t in conjuncts(o)]
    return out


def _actor_like(token: Token, people: Set[str]) -> bool:
    """A subject that can be obliged: a name, a pronoun, or people ("Sudan's warring parties",
    "US and British forces"); not a thing ("Pence's performance should boost his numbers" is a
    forecast, not a demand)."""
    return token.pos_ in {"PROPN", "PRON"} or token.ent_type_ in {"GPE", "NORP", "ORG", "PERSON"} or token.lemma_.lower() in people


def find_obligations(doc: Doc, heads: Set[str], obligation: Set[str], subjects: Callable[[Token], list[Token]], people: Set[str]) -> list[Obligation]:
    """Every statement in ``doc`` that someone must act, with its speaker and addressee
    tokens; ``subjects`` gives a verb's subjects (the event stage's reading of the parse),
    ``people`` the nouns of people and bodies that can be obliged."""
    out: list[Obligation] = []
    for token in doc:
        if token.lemma_.lower() not in heads or token.pos_ not in {"VERB", "NOUN"}:
            continue
        clause = _obliged_clause(token, obligation)
        if clause is None or not any(_actor_like(s, people) for s in clause.children if s.dep_ in _SUBJECT_DEPS):
            continue
        found = Obligation(token, clause)
        found.targets = _addressees(token) or [t for s in clause.children if s.dep_ in _SUBJECT_DEPS for t in conjuncts(s)]
        if token.pos_ == "VERB":
            found.sources = subjects(token)
        elif token.dep_ == "dobj" and token.head.pos_ in {"VERB", "AUX"}:
            found.governor = token.head
            found.sources = subjects(token.head)
            found.targets = _addressees(token) or _addressees(token.head) or found.targets
        else:
            continue
        out.append(found)
    return out
