"""Stretches of a parsed Doc: characters to tokens, and the Doc's text read once."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from spacy.tokens import Doc, Span


def covering_span(doc: Doc, start: int, end: int) -> Span | None:
    """The tokens of ``doc`` that overlap the characters ``start:end``, or None if none do.

    Like ``doc.char_span(start, end, alignment_mode="expand")`` but total: spaCy's raises
    (E035) when the stretch starts in the whitespace after a token and ends before the next.
    """
    first = bisect_right(doc, start, key=lambda t: t.idx + len(t.text))  # first token ending after start
    stop = bisect_left(doc, end, key=lambda t: t.idx)  # tokens starting before end
    return doc[first:stop] if first < stop else None


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc: spaCy joins the tokens anew on every access, which
    costs more than the whole quote stage when done per statement."""
    key = "parley.text"
    text = doc.user_data.get(key)
    if text is None:
        text = doc.user_data[key] = doc.text
    return str(text)


def token_chars(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Character offsets of tokens ``start``..``end`` (exclusive)."""
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
