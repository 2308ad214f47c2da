"""Paragraphs, found one way: in the texts parley reads, a line break ends a paragraph.

Feeds, wire copy and extracted HTML mark paragraphs by line breaks (one or more); a rule that
must not run across a paragraph (a speaker across a break, a place name over two lines, a
date anchored in another paragraph) asks here instead of looking for ``"\\n"`` itself.
"""

from __future__ import annotations

import bisect
import re
from functools import cached_property

BREAK = "\n"
# A paragraph starts after a line break and the blank space that follows it.
_STARTS = re.compile(r"\n\s*")


def has_break(text: str) -> bool:
    """Whether ``text`` (a token's text, its whitespace or a stretch of the article) holds a
    paragraph break."""
    return BREAK in text


def has_blank_line(text: str) -> bool:
    """Whether ``text`` holds an empty line: a break between blocks of paragraphs, which a
    date counted from another ("the following day") does not reach across."""
    return BREAK + BREAK in text


def line_start(text: str, pos: int) -> int:
    """Where the line holding ``pos`` starts."""
    return text.rfind(BREAK, 0, pos) + 1


def line_end(text: str, pos: int) -> int:
    """Where the line holding ``pos`` ends (the break itself, or the end of the text)."""
    end = text.find(BREAK, pos)
    return len(text) if end < 0 else end


class Paragraphs:
    """The paragraphs of one text: which paragraph an offset is in, and the non-blank lines."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in _STARTS.finditer(text)]

    def index(self, pos: int) -> int:
        """The number of the paragraph holding the character offset ``pos``."""
        return bisect.bisect_right(self.starts, pos) - 1

    def start_of(self, pos: int) -> int:
        """Where the paragraph holding ``pos`` starts (after the break and its blank space)."""
        return self.starts[self.index(pos)]

    @cached_property
    def lines(self) -> list[tuple[int, int]]:
        """(start, end) of each non-blank line, its own leading and trailing blanks included."""
        out: list[tuple[int, int]] = []
        pos = 0
        for line in self.text.split(BREAK):
            end = pos + len(line)
            if line.strip():
                out.append((pos, end))
            pos = end + 1
        return out
