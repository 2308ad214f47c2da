"""Party-state labels after a lawmaker's name: "Sen. John Thune, R-S.D.", "Rep. Nancy Pelosi
(D-Calif.)", "Sen. Ted Cruz (R-Texas)".

Such a label tells the person's party and state; it mentions neither a place nor an actor of
its own, so the actors layer makes no mention of the words inside it and the places stage no
toponym (the record has no field for a person's party or state). The party letters come from
``data/reference.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..data.loaders import load_reference
from .registry import resource

# The state as such labels write it: two full words ("New York", before the label's end), a
# dotted abbreviation ("S.D.", "W.Va.", "Calif."), or one word or postal code ("Texas", "CA").
_STATE = r"(?:[A-Z][a-z]+\s[A-Z][a-z]+(?=\s?[,)])|(?:[A-Z][a-z]{0,5}\.){1,2}|[A-Z][A-Za-z]+(?![\w.-]))"


def _pattern() -> re.Pattern[str]:
    def build() -> re.Pattern[str]:
        letters = "|".join(sorted((re.escape(p) for p in load_reference().party_letters), key=len, reverse=True))
        # after a name and ", " or " (": "Thune, R-S.D.", "Pelosi (D-Calif.)"
        return re.compile(rf"(?:(?<=[\w.]),\s{{1,3}}|(?<=\w)\s\()(?P<label>(?:{letters})\s?[-–]\s?{_STATE})")

    return resource("base.party_labels", None, build)


def party_labels(text: str) -> list[tuple[int, int]]:
    """The character spans of the party-state labels in ``text``: "R-S.D." of "Sen. John Thune,
    R-S.D., said", "D-Calif." of "Rep. Nancy Pelosi (D-Calif.)". Only after a name and a comma
    or an opening bracket, so that "T-Mobile" and "a D-Day landing" are none."""
    return [(m.start("label"), m.end("label")) for m in _pattern().finditer(text)]


def inside_label(start: int, end: int, labels: Sequence[tuple[int, int]]) -> bool:
    """Whether the characters ``start:end`` overlap one of the ``labels``."""
    return any(start < b and a < end for a, b in labels)
