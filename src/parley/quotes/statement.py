"""The working form of a statement while the quote stage runs: token and character offsets
into one Doc, before the speaker is resolved to an actor and spans become record ``Span``\\ s."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ..base.spans import doc_text, token_chars
from .direct import QuoteRegion

# Punctuation and spaces trimmed from the edges of a content span.
EDGE = set(" \t\n\r,;:-—–―(")
_CLITICS = frozenset({"n't", "'s", "'re", "'ve", "'ll", "'d", "'m"})


@dataclass(eq=False)
class Statement:
    """One statement found in a Doc. Token spans are ``(start, end)`` token indices."""

    type: str  # direct | indirect | mixed
    content: tuple[int, int]  # character offsets
    frame: str  # how it was found: clause, object, infinitive, parenthetical, noun, according,
    # adverb, quote, dash, colon, inherited
    cue: tuple[int, int] | None = None
    found_by: str | None = None  # what the record says found it, when not the frame ("model:dobj")
    cue_text: str | None = None  # for cues that are not words ("―", ":")
    cue_chars: tuple[int, int] | None = None
    cue_pos: int | None = None  # character offset of the cue, set once all statements are found
    kind: str | None = None
    anchor: int | None = None  # the cue's head token
    speaker: tuple[int, int] | None = None
    speaker_head: int | None = None
    source: tuple[int, int] | None = None
    source_head: int | None = None
    negated: bool = False
    hedged: bool = False
    region: QuoteRegion | None = None
    inherited: Statement | None = None
    reported_by: Statement | None = None
    said_on: str | None = None
    speaker_name: str | None = None  # the canonical speaker, once named
    source_name: str | None = None
    confidence: float = 1.0
    regions: list[QuoteRegion] = field(default_factory=list)  # quotations inside a mixed one, or later parts
    parts: list[tuple[int, int]] = field(default_factory=list)  # a split quotation's parts, when joined

    @property
    def start(self) -> int:
        return self.content[0]

    @property
    def end(self) -> int:
        return self.content[1]


def trim_chars(text: str, start: int, end: int) -> tuple[int, int]:
    """``start``/``end`` without spaces and clause punctuation at the edges (a final period or
    a quotation mark stays: it belongs to the words)."""
    while start < end and text[start] in EDGE:
        start += 1
    while end > start and (text[end - 1] in EDGE or text[end - 1] == "."):
        if text[end - 1] == "." and end - start > 3 and text[end - 3 : end - 1].isupper():
            break  # "U.S." keeps its period
        end -= 1
    return start, end


def subtree_tokens(token: Token, exclude: set[int] | None = None) -> list[Token]:
    return [t for t in token.subtree if exclude is None or t.i not in exclude]


def clause_chars(doc: Doc, tokens: list[Token]) -> tuple[int, int] | None:
    """The character span of ``tokens`` (first to last), without a leading "that" and without
    edge punctuation; None when no word is left."""
    if not tokens:
        return None
    tokens = sorted(tokens, key=lambda t: t.i)
    while tokens and (tokens[0].is_punct or tokens[0].is_space or (tokens[0].lower_ == "that" and (tokens[0].dep_ == "mark" or tokens[0].pos_ == "SCONJ"))):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_space or tokens[-1].dep_ == "cc" or (tokens[-1].is_punct and tokens[-1].text not in {'"', "”", "''", "»", "?", "!"})):
        tokens = tokens[:-1]  # and a dangling "and" / "but" ('... should be released but said ...')
    if not any(t.is_alpha or t.like_num for t in tokens):
        return None
    last = tokens[-1].i
    while last + 1 < len(doc) and not doc[last].whitespace_ and doc[last + 1].lower_.replace("’", "'") in _CLITICS:
        last += 1  # "those who do|n’t": the parser may hang a clitic elsewhere; it ends the word
    start, end = token_chars(doc, tokens[0].i, last + 1)
    return trim_chars(doc_text(doc), start, end)
