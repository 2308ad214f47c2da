"""The record's mentions, places and statements by token of one Doc.

Built once per document (:class:`parley.base.context.DocContext`) once the actor, place and
statement stages have run, and read by the stages that code who acts: the mention behind a
token, the place a token names, the statement a word stands in.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Token

from ..model import Mention, Place, Quote
from .spans import covering_span

# Dependency labels through which a modifier names who a noun belongs to or comes from.
_OWNER_DEPS = frozenset({"poss", "compound", "amod", "nmod", "npadvmod"})
_FROM_PREPS = frozenset({"of", "from"})


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
