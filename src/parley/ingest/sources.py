"""What ``parley ingest`` reads: folders (recursively), glob patterns and files, expanded to
a sorted list of readable files; a cheap count of the articles in them for the progress bar's
total; and the articles themselves, through :func:`parley.ingest.read_source` except for JSON
Lines, which are streamed a line at a time so that a file of any size can be ingested
(``input.max_bytes`` then applies to each line)."""

from __future__ import annotations

import glob
import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import InputError
from ..model import Article
from ..settings import InputOptions
from . import read_source
from .kinds import kind_of, suffixes
from .records import article_from_dict

# Suffixes a folder walk picks up (a file named on the command line is read whatever it is).
INGEST_SUFFIXES = suffixes("txt", "html", "json", "jsonl", "feed")
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
    kind = kind_of(path)
    try:
        if kind == "jsonl":
            with file.open("rb") as fh:
                return sum(1 for line in fh if line.strip())
        if kind == "feed":
            data = file.read_bytes()
            return max(1, data.count(b"<item") + data.count(b"<entry"))
        if kind == "json":
            data = file.read_bytes()
            if data.lstrip()[:1] == b"[":
                return max(1, data.count(b'"text"'))
    except OSError:
        return 1
    return 1


def stream_jsonl(path: str, options: InputOptions) -> Iterator[Article | InputError]:
    """The records of a JSON Lines file (UTF-8, as the format requires), read a line at a time."""
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed below; a generator cannot use `with` around an early return
    except OSError as exc:
        yield InputError(path, "no such file" if isinstance(exc, FileNotFoundError) else f"cannot be read ({exc.strerror})")
        return
    with fh:
        for lineno, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            where = f"{path}:{lineno}"
            if len(raw) > options.max_bytes:
                yield InputError(where, f"the line is {len(raw):,} bytes, over the limit of {options.max_bytes:,} (input.max_bytes)")
                continue
            try:
                line = raw.decode("utf-8").lstrip("\ufeff")
                item = json.loads(line)
            except UnicodeDecodeError:
                yield InputError(where, "not UTF-8 text (JSON Lines must be UTF-8)")
                continue
            except json.JSONDecodeError as exc:
                yield InputError(where, f"not valid JSON ({exc.msg}, column {exc.colno})")
                continue
            try:
                article = article_from_dict(item, where)
            except InputError as exc:
                yield exc
                continue
            if len(article.text) > options.max_chars:
                yield InputError(where, f"article {article.id} has {len(article.text):,} characters, over the limit of {options.max_chars:,} (input.max_chars)")
            else:
                yield article


def read_input(path: str, options: InputOptions) -> Iterator[Article | InputError]:
    """Articles from one input of ``parley ingest``."""
    if path != "-" and kind_of(path) == "jsonl" and not Path(path).is_dir():
        yield from stream_jsonl(path, options)
    else:
        yield from read_source(path, options)
