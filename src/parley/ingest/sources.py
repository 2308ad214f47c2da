"""What ``parley ingest`` reads: folders (recursively), glob patterns and files, expanded to
a sorted list of readable files, and a cheap count of the articles in them for the progress
bar's total."""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable
from pathlib import Path

from ..errors import InputError
from .feeds import FEED_SUFFIXES

# Suffixes a folder walk picks up (a file named on the command line is read whatever it is).
INGEST_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm", ".xhtml", ".json", ".jsonl", ".ndjson"} | FEED_SUFFIXES
_GLOB_CHARS = set("*?[")


def _walk(folder: Path) -> list[str]:
    """Readable files under ``folder``, sorted; hidden files and folders are left out."""
    found: list[str] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in INGEST_SUFFIXES:
                found.append(str(Path(root) / name))
    return found


def expand_inputs(inputs: Iterable[str]) -> tuple[list[str], list[InputError]]:
    """Files to read, in a stable order (each once), and an error for each pattern that
    matches nothing. ``-`` (standard input) passes through; a missing file too, so that its
    reader reports it."""
    paths: list[str] = []
    errors: list[InputError] = []
    seen: set[str] = set()

    def add(path: str) -> None:
        key = path if path == "-" else os.path.normpath(path)
        if key not in seen:
            seen.add(key)
            paths.append(path)

    for item in inputs:
        if item == "-":
            add(item)
            continue
        path = Path(item).expanduser()
        if path.is_dir():
            for found in _walk(path):
                add(found)
        elif not path.exists() and _GLOB_CHARS & set(item):
            matches = sorted(glob.glob(str(path), recursive=True))
            if not matches:
                errors.append(InputError(item, "no file matches this pattern"))
            for match in matches:
                if Path(match).is_dir():
                    for found in _walk(Path(match)):
                        add(found)
                elif Path(match).suffix.lower() in INGEST_SUFFIXES:
                    add(match)
        else:
            add(str(path))
    return paths, errors


def count_articles(path: str) -> int:
    """About how many articles ``path`` holds (lines of a JSONL file, items of a feed,
    records of a JSON list, else one): the progress bar's total, never used for anything
    else."""
    if path == "-":
        return 0
    file = Path(path)
    suffix = file.suffix.lower()
    try:
        if suffix in {".jsonl", ".ndjson"}:
            with file.open("rb") as fh:
                return sum(1 for line in fh if line.strip())
        if suffix in FEED_SUFFIXES:
            data = file.read_bytes()
            return max(1, data.count(b"<item") + data.count(b"<entry"))
        if suffix == ".json":
            data = file.read_bytes()
            if data.lstrip()[:1] == b"[":
                return max(1, data.count(b'"text"'))
    except OSError:
        return 1
    return 1
