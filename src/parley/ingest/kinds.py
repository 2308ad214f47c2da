"""What kind of input a file is, by its suffix: the one map every reader, ``parley ingest``'s
folder walk and the service's file uploads go by. A suffix not listed here leaves the kind to
be told from the content (:func:`parley.ingest.read_text`)."""

from __future__ import annotations

from pathlib import PurePath
from typing import Literal

Kind = Literal["txt", "html", "json", "jsonl", "feed"]

SUFFIX_KINDS: dict[str, Kind] = {
    "": "txt",  # a file without a suffix is text
    ".txt": "txt",
    ".text": "txt",
    ".md": "txt",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
}


def suffixes(*kinds: Kind) -> frozenset[str]:
    """The suffixes of files of these kinds."""
    return frozenset(s for s, k in SUFFIX_KINDS.items() if k in kinds and s)


def kind_of(name: str) -> Kind | None:
    """The kind of the file called ``name`` by its suffix (any case), or None."""
    return SUFFIX_KINDS.get(PurePath(name).suffix.lower())
