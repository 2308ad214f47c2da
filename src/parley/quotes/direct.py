"""Pairing quotation marks: where the direct quotations of a text begin and end.

Works on the characters, not the tokens, because a tokenizer glues marks to words in ways that
vary by model ("”—", "''"), and one pass over the text is cheap. Marks recognised: straight
``"``, curly ``“ ”``, low ``„``, guillemets ``« »`` and the typewriter pair ``''`` (two
apostrophes, common in wire copy). Single quotes (``‘ ’``, ``'``) are left alone: they mark
quotations inside quotations, and an apostrophe cannot be told from a closing single quote
without a parse.

A mark's direction comes from what stands beside it — an opening mark follows a space or the
start of a paragraph and precedes a word; a closing mark does the reverse — and only where that
says nothing from the mark's own shape, or, for straight marks, from whether a quotation is
open. So a curly mark typed the wrong way round (``”Mr. Trump ...``) still opens.

Paragraphs and unbalanced marks, the rules and their reasons:

* A quotation that is still open at the end of a paragraph continues into the next paragraph
  when that paragraph opens with a quotation mark: the English convention for a quotation
  running over several paragraphs leaves the closing mark off all but the last.
* One that runs on so and never closes ends with its first paragraph (flagged
  ``closed=False``), and the paragraphs after it are read afresh: a quotation over several
  paragraphs closes in its last, so marks that never close cannot join paragraphs into one
  statement. None runs on over more than ``[quotes] max_quote_paragraphs`` paragraphs.
* Otherwise it is closed at the end of its paragraph and flagged ``closed=False``. A lost
  closing mark is a typo far more often than a quotation that runs on unmarked into the next
  paragraph, and a paragraph break is where the journalist's own voice resumes; the attribution
  step only accepts such a region when a cue attributes it (never by inheritance).
* A quotation continues only with a mark of its own style (straight, typewriter, curly,
  guillemets): a straight mark left open before a paragraph that opens with a curly one is a
  stray.
* A mark at the very start of a paragraph opens, whatever its shape.
* A closing mark with no quotation open is a stray and is ignored.
* A straight mark right after a digit is an inch or seconds mark (``6'2"``), not a quotation.

Textacy's ``direct_quotations`` bails out on an odd number of marks because guessing is risky;
here the guess is bounded by the paragraph, so one stray mark costs one paragraph, not the
article.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..base.paragraphs import Paragraphs

# Marks whose shape says "open" or "close"; straight marks say neither.
OPENING = frozenset("“„«")
CLOSING = frozenset("”»")
STRAIGHT = '"'
TYPEWRITER = "''"
ALL_MARKS = frozenset('"“”„«»')

# What may stand before an opening mark / after a closing one besides a space.
_BEFORE_OPEN = frozenset("([{—–-/:")
_AFTER_CLOSE = frozenset(".,;:!?)]}—–-'’…")


@dataclass(frozen=True)
class QuoteRegion:
    """A quotation: ``start``/``end`` include the marks, ``inner_start``/``inner_end`` do not."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    closed: bool = True
    paragraphs: int = 1  # how many paragraphs it runs over

    def contains(self, start: int, end: int) -> bool:
        return self.inner_start <= start and end <= self.inner_end

    def typewriter(self, text: str) -> bool:
        """Whether the quotation opens with the typewriter pair ``''``."""
        return text.startswith(TYPEWRITER, self.start)


@dataclass(frozen=True)
class _Mark:
    pos: int
    width: int
    direction: str  # "open" | "close" | "either"


def _direction(text: str, pos: int, width: int, shape: str, start: int, end: int) -> str:
    before = text[pos - 1] if pos > start else ""
    after = text[pos + width] if pos + width < end else ""
    space_before = before == "" or before.isspace() or before in _BEFORE_OPEN or before in ALL_MARKS
    space_after = after == "" or after.isspace() or after in _AFTER_CLOSE or after in ALL_MARKS
    if before == "" and after != "":
        return "open"  # nothing is open at the start of a paragraph: '” … what I learned ...,” he said'
    if space_before and not space_after:
        return "open"
    if space_after and not space_before:
        return "close"
    return shape


def _marks(text: str, start: int, end: int) -> list[_Mark]:
    marks: list[_Mark] = []
    i = start
    while i < end:
        ch = text[i]
        if ch == "'" and text.startswith(TYPEWRITER, i) and not text.startswith("'''", i):
            marks.append(_Mark(i, 2, _direction(text, i, 2, "either", start, end)))
            i += 2
            continue
        if ch in ALL_MARKS:
            if ch == STRAIGHT and i > start and text[i - 1].isdigit():
                i += 1  # 6'2": an inch mark
                continue
            shape = "open" if ch in OPENING else "close" if ch in CLOSING else "either"
            marks.append(_Mark(i, 1, _direction(text, i, 1, shape, start, end)))
        i += 1
    return marks


def _family(mark: str) -> str:
    """The style a mark belongs to: a quotation runs on into the next paragraph only with a
    mark of its own style ('"A stray mark ... ¶ “Curly,” she said': the straight mark is a
    stray, not a quotation the curly one continues)."""
    if mark in (STRAIGHT, TYPEWRITER):
        return mark
    return "guillemet" if mark in "«»" else "curly"


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def pair_quotation_marks(text: str, paragraphs: Paragraphs | None = None, max_paragraphs: int = 12) -> list[QuoteRegion]:
    """The quotations in ``text``, in order, never overlapping (see the module docstring);
    ``paragraphs`` are the text's, when already found.

    A quotation that runs on over paragraphs (each opening with a mark) and never closes is
    read as a closing mark lost in its first paragraph: it ends there, and the next paragraph
    is read afresh (a quotation over several paragraphs closes in its last). One runs on over at
    most ``max_paragraphs`` paragraphs, so that marks that never close cannot make a statement
    of a whole article (and reading afresh costs at most that many paragraphs again)."""
    lines = (paragraphs or Paragraphs(text)).lines
    regions: list[QuoteRegion] = []
    open_mark: _Mark | None = None
    spanned = 1
    opened_in = 0  # the paragraph the open quotation started in
    index = 0
    while index < len(lines):
        p_start, p_end = lines[index]
        marks = _marks(text, p_start, p_end)
        if open_mark is not None and marks and marks[0].direction != "close" and not text[p_start : marks[0].pos].strip():
            marks = marks[1:]  # the mark that continues the quotation from the paragraph before
        elif open_mark is not None:
            open_mark = None  # cannot happen: an open quotation only carries over with a mark
        for mark in marks:
            if open_mark is None:
                if mark.direction != "close":
                    open_mark, spanned, opened_in = mark, 1, index
                continue  # a stray closing mark
            if mark.direction == "open" and text[mark.pos] in OPENING and text[open_mark.pos] not in CLOSING:
                # a curly opener before any closer: the quotation open so far (curly, or a
                # straight mark, which says less) was a stray; start over
                open_mark, spanned, opened_in = mark, 1, index
                continue
            inner = _trimmed(text, open_mark.pos + open_mark.width, mark.pos)
            regions.append(QuoteRegion(open_mark.pos, mark.pos + mark.width, inner[0], inner[1], True, spanned))
            open_mark = None
        if open_mark is None:
            index += 1
            continue
        nxt = lines[index + 1] if index + 1 < len(lines) else None
        if nxt is not None and spanned < max_paragraphs:
            lead = text[nxt[0] : nxt[1]].lstrip()
            first = lead[:2] if lead.startswith(TYPEWRITER) else lead[:1]
            same = bool(first) and _family(first) == _family(text[open_mark.pos : open_mark.pos + open_mark.width])
            if same and (first in ALL_MARKS or first == TYPEWRITER) and first not in CLOSING:
                spanned, index = spanned + 1, index + 1
                continue  # runs on into the next paragraph
            if same and first in CLOSING and len(lead) > 1 and not lead[1].isspace():
                spanned, index = spanned + 1, index + 1
                continue  # a closing mark typed for an opening one, as in ”Mr. Trump ...
        if spanned > 1:
            index = opened_in  # never closed: it ends with its first paragraph; read on from the next
        inner = _trimmed(text, open_mark.pos + open_mark.width, lines[index][1])
        if inner[1] > inner[0]:
            regions.append(QuoteRegion(open_mark.pos, inner[1], inner[0], inner[1], False, 1))
        open_mark = None
        index += 1
    return regions
