"""Text made safe for spaCy, and long articles cut into windows, with every offset intact.

spaCy's tokenizer peels prefixes and suffixes off a whitespace-delimited chunk one at a time,
and each peel slices the chunk, hashes it and runs the suffix pattern over what is left
(``Tokenizer._split_affixes``): a chunk of n punctuation marks costs O(n²) — 100,000 ``[``
before a sentence took 40 minutes. Stages that look at the whole parse of a sentence are also
slower on one unending sentence. So what reaches spaCy is :func:`mask`'s copy of the text:

* the same length, so every token's offset indexes the original text, and a record keeps
  the original ``text`` (span texts are sliced from it again afterwards: :func:`restore`);
* old-Mac and Windows line ends (``\\r``, ``\\r\\n``) and Unicode line separators read as
  line breaks, as they are in a decoded file;
* a run of punctuation or symbols longer than ``max_symbol_run`` keeps its first characters;
  the rest are blanked (spaces);
* a chunk with no whitespace longer than ``max_token_chars`` (a kilobyte URL, base64, a
  megabyte without a space) is split: every ``max_token_chars + 1``-th character is blanked;
* a stretch with no sentence end (``.``, ``!``, ``?`` before whitespace, or a line break)
  longer than ``max_sentence_chars`` is cut at a space, made a line break, which starts a
  sentence for the parser (see ``parley.nlp.paragraph_breaks``).

Each rule is one regular-expression pass whose matches start only where a run or chunk
starts, so masking is linear in the length of the text. Ordinary text — every shared gold
article — is returned unchanged (the very same string).

Articles longer than ``window_chars`` are analysed in windows cut at paragraph breaks
(:func:`windows`; length is weighed in characters of ordinary prose, since spaCy's cost goes
with tokens and "“a “a “a" has three times the tokens of prose), a few windows' Docs at a
time (:func:`batches`), and the windows' records are joined
(:func:`join`) with their offsets shifted back: memory is bounded by the window, not the
article, and time is linear in the length. What a stage learns from earlier text (who "he"
is, the date "the day before" counts from) does not cross a window boundary, which is why
windows are large: ordinary articles are one window, and their records do not change.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pydantic import BaseModel

from ..model import Article, ArticleRecord, Span
from ..settings import InputOptions


@dataclass(frozen=True)
class Limits:
    """The limits of ``[input]`` in the settings (see settings.toml)."""

    max_symbol_run: int = 32
    max_token_chars: int = 200
    max_sentence_chars: int = 3000
    window_chars: int = 40_000


def limits_of(options: InputOptions) -> Limits:
    return Limits(options.max_symbol_run, options.max_token_chars, options.max_sentence_chars, options.window_chars)


# Vertical whitespace other than "\n": a line break to the stages, which split paragraphs on "\n".
_LINE_BREAKS = str.maketrans({"\r": "\n", "\x0b": "\n", "\x0c": "\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n"})
# Where a sentence surely ends: a line break, or a full stop (and closing marks) before whitespace.
_SENTENCE_END = re.compile(r"\n|[.!?…。！？][\"'”’»)\]]*(?=\s)")


@lru_cache(maxsize=8)
def _symbol_run(longer_than: int) -> re.Pattern[str]:
    # starts only where a run starts (the look-behind), so each run is scanned once
    return re.compile(rf"(?<![^\w\s])[^\w\s]{{{longer_than + 1},}}")


@lru_cache(maxsize=8)
def _long_chunk(longer_than: int) -> re.Pattern[str]:
    return re.compile(rf"(?<!\S)\S{{{longer_than + 1},}}")


def _blanked(text: str, cuts: Iterable[tuple[int, int, str]]) -> str:
    """``text`` with each (start, end, fill) stretch replaced by ``fill`` repeated to its length."""
    pieces: list[str] = []
    pos = 0
    for start, end, fill in cuts:
        pieces += [text[pos:start], fill * (end - start)]
        pos = end
    if not pieces:
        return text
    pieces.append(text[pos:])
    return "".join(pieces)


def _symbol_cuts(text: str, keep: int) -> Iterator[tuple[int, int, str]]:
    for m in _symbol_run(keep).finditer(text):
        yield m.start() + keep, m.end(), " "


def _chunk_cuts(text: str, longest: int) -> Iterator[tuple[int, int, str]]:
    for m in _long_chunk(longest).finditer(text):
        for pos in range(m.start() + longest, m.end(), longest + 1):
            yield pos, pos + 1, " "


def _sentence_cuts(text: str, longest: int) -> Iterator[tuple[int, int, str]]:
    """Line breaks put into stretches of more than ``longest`` characters without a sentence end."""
    last = 0
    for pos in [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text)]:
        while pos - last > longest:
            limit = last + longest
            space = text.rfind(" ", last + longest // 2, limit)
            cut = space if space >= 0 else limit
            yield cut, cut + 1, "\n"
            last = cut + 1
        last = max(last, pos)


def mask(text: str, limits: Limits) -> str:
    """The copy of ``text`` spaCy reads: the same length, the rules of the module docstring.
    Returns ``text`` itself when no rule applies."""
    masked = text.replace("\r\n", " \n") if "\r\n" in text else text  # one line break, not a blank line
    masked = masked.translate(_LINE_BREAKS)
    masked = _blanked(masked, _symbol_cuts(masked, limits.max_symbol_run))
    masked = _blanked(masked, _chunk_cuts(masked, limits.max_token_chars))
    masked = _blanked(masked, _sentence_cuts(masked, limits.max_sentence_chars))
    return text if masked == text else masked


# spaCy's memory and time go with tokens, not characters: a text is weighed as the prose it
# equals, at ~5 characters a token (English news), or its length if that is more.
CHARS_PER_TOKEN = 5
_TOKEN = re.compile(r"\w+|[^\w\s]")


def token_starts(text: str) -> list[int]:
    """Where the tokens of ``text`` start, about as spaCy splits them (words, single marks)."""
    return [m.start() for m in _TOKEN.finditer(text)]


def weight(starts: list[int], start: int, end: int) -> int:
    """The weight of ``text[start:end]`` in characters of prose (``starts``: token_starts(text))."""
    return max(end - start, CHARS_PER_TOKEN * (bisect_left(starts, end) - bisect_left(starts, start)))


def windows(text: str, size: int, starts: list[int] | None = None) -> list[tuple[int, int]]:
    """(start, end) of consecutive pieces covering ``text``, each weighing at most ``size``
    (:func:`weight`), cut after a blank line if there is one in the second half of the piece,
    else after a line break, a sentence end, a space, or (no whitespace at all) anywhere."""
    starts = token_starts(text) if starts is None else starts
    out: list[tuple[int, int]] = []
    start = 0
    while weight(starts, start, len(text)) > size:
        beyond = bisect_left(starts, start) + size // CHARS_PER_TOKEN  # the first token over the budget
        hi = min(start + size, starts[beyond] if beyond < len(starts) else len(text))
        lo = start + (hi - start) // 2
        for sep in ("\n\n", "\n", ". ", " "):
            found = text.rfind(sep, lo, hi)
            if found >= 0:
                cut = found + len(sep)
                break
        else:
            cut = hi
        out.append((start, cut))
        start = cut
    out.append((start, len(text)))
    return out


@dataclass
class Piece:
    """A window of an article as spaCy reads it: ``text`` is the masked copy of
    ``article.text[start:end]``; ``last`` says whether the article ends with it."""

    article: Article
    start: int
    end: int
    text: str
    last: bool
    weight: int  # in characters of prose (:func:`weight`)

    @property
    def whole(self) -> bool:
        """The article in one piece, read unmasked: its record needs no mending."""
        return self.start == 0 and self.end == len(self.article.text) and self.text is self.article.text

    def window_article(self) -> Article:
        """The article the stages see for this piece (its own text, its article's metadata)."""
        if self.start == 0 and self.end == len(self.article.text):
            return self.article
        return self.article.model_copy(update={"text": self.article.text[self.start : self.end]})


def pieces(article: Article, limits: Limits) -> list[Piece]:
    """The windows of ``article``, masked (one piece for every ordinary article)."""
    text = article.text
    masked = mask(text, limits)
    starts = token_starts(masked)
    cuts = windows(masked, limits.window_chars, starts)
    return [
        Piece(article, s, e, masked[s:e] if len(cuts) > 1 else masked, i == len(cuts) - 1, weight(starts, s, e))
        for i, (s, e) in enumerate(cuts)
    ]


def batches(items: Iterable[Piece], size: int, max_weight: int) -> Iterator[list[Piece]]:
    """Pieces grouped for ``nlp.pipe``: at most ``size`` pieces and (unless one piece alone is
    heavier) ``max_weight`` characters of prose a batch, since spaCy's memory grows with the
    tokens of a batch (~17 KB each)."""
    batch: list[Piece] = []
    total = 0
    for piece in items:
        if batch and (len(batch) >= size or total + piece.weight > max_weight):
            yield batch
            batch, total = [], 0
        batch.append(piece)
        total += piece.weight
    if batch:
        yield batch


def restore(record: ArticleRecord, text: str, offset: int = 0) -> ArticleRecord:
    """Shift every span of ``record`` by ``offset`` and take its text from ``text`` (the
    original article), whatever model field or extra holds it; returns ``record``."""
    seen: set[int] = set()
    for span in _spans(record):
        if id(span) in seen:
            continue  # one Span object held in two places is shifted once
        seen.add(id(span))
        span.start += offset
        span.end += offset
        span.text = text[span.start : span.end]
    return record


def _spans(value: Any) -> Iterator[Span]:
    if isinstance(value, Span):
        yield value
    if isinstance(value, BaseModel):
        for item in value.__dict__.values():
            yield from _spans(item)
        for item in (value.__pydantic_extra__ or {}).values():
            yield from _spans(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _spans(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _spans(item)


def join(article: Article, parts: list[tuple[Piece, ArticleRecord]]) -> ArticleRecord:
    """One record for ``article`` from the records of its pieces: spans shifted back to the
    article's offsets and sliced from its text, lists concatenated in text order."""
    if len(parts) == 1 and parts[0][0].whole:
        return parts[0][1]
    record = ArticleRecord.for_article(article)
    for piece, part in parts:
        restore(part, article.text, piece.start)
        for name, value in part:
            current = getattr(record, name, None)
            if isinstance(value, list):
                if isinstance(current, list):
                    current.extend(value)
                else:
                    setattr(record, name, list(value))
            elif current is None and value is not None:
                setattr(record, name, value)  # anything else a stage sets: the first window's
    return record
