"""Readers: raw input -> :class:`~parley.model.Article`.

``.txt``, ``.html``/``.htm``, ``.json`` (one record or a list), ``.jsonl``, RSS/Atom feeds
(``.xml``, ``.rss``, ``.atom``: one article per item) and ``-`` for
standard input (its kind sniffed from the content); a file's kind is its suffix's
(:mod:`.kinds`, the one map). Every reader yields articles or the :class:`InputError` of an
input it could not read, so that one bad input never stops a batch. Readers only read: storing
what they read is :mod:`parley.corpus`'s.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import InputError
from ..model import Article
from ..settings import InputOptions
from .decode import check_size, decode
from .feeds import looks_like_feed, read_feed
from .html import looks_like_html, read_html
from .kinds import Kind, kind_of
from .records import article_from_dict, content_id, iter_json, iter_jsonl

__all__ = ["article_from_dict", "content_id", "kind_of", "read_named", "read_source", "read_text"]


def read_text(text: str, source: str, article_id: str, kind: str | None = None, encoding: str | None = None) -> Iterator[Article | InputError]:
    """Text already decoded; ``kind`` is one of txt/html/json/jsonl/feed, or None to sniff it.
    A text or a page records ``encoding``, the one its bytes were decoded from; JSON records
    do not (JSON text is Unicode by definition, RFC 8259: its records say nothing of bytes)."""
    kind = kind or _sniffed(text)
    for item in _read_text(text, source, article_id, kind):
        yield item.model_copy(update={"encoding": encoding}) if isinstance(item, Article) and encoding and kind in ("txt", "html") else item


def _sniffed(text: str) -> str:
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")):
        first_line = stripped.split("\n", 1)[0].strip()
        return "jsonl" if first_line.startswith("{") and first_line.endswith("}") and "\n" in stripped.strip() else "json"
    if looks_like_feed(text):
        return "feed"
    if looks_like_html(text):
        return "html"
    return "txt"


def _read_text(text: str, source: str, article_id: str, kind: str) -> Iterator[Article | InputError]:
    if kind == "json":
        yield from iter_json(text, source)
    elif kind == "jsonl":
        yield from iter_jsonl(text, source)
    elif kind == "feed":
        yield from read_feed(text, source)
    elif kind == "html":
        try:
            yield read_html(text, source, article_id)
        except InputError as exc:
            yield exc
    else:
        body = text.strip("\ufeff")
        if not body.strip():
            yield InputError(source, "the input is empty")
        else:
            yield Article(id=article_id, text=body)


def read_named(text: str, name: str, article_id: str, kind: Kind | None = None, encoding: str | None = None) -> Iterator[Article | InputError]:
    """Text decoded (from ``encoding``) from a file called ``name``, read by the kind of its
    suffix (``kind`` when already known); a text file that holds an HTML page is read as one."""
    kind = kind or kind_of(name)
    if kind == "txt" and looks_like_html(text):
        kind = "html"
    yield from read_text(text, name, article_id, kind, encoding)


def _limited(items: Iterable[Article | InputError], source: str, options: InputOptions) -> Iterator[Article | InputError]:
    for item in items:
        if isinstance(item, Article) and len(item.text) > options.max_chars:
            yield InputError(source, f"article {item.id} has {len(item.text):,} characters, over the limit of {options.max_chars:,} (input.max_chars)")
        else:
            yield item


def read_source(path: str, options: InputOptions | None = None) -> Iterator[Article | InputError]:
    """Articles from a file path, or from standard input when ``path`` is ``-``."""
    options = options or InputOptions()
    if path == "-":
        data = sys.stdin.buffer.read()
        source, kind = "<stdin>", None
    else:
        file = Path(path)
        source = path
        if not file.exists():
            yield InputError(source, "no such file")
            return
        if file.is_dir():
            yield InputError(source, "is a directory (give files, or use `parley ingest` for folders)")
            return
        try:
            size = file.stat().st_size
            if size > options.max_bytes:
                yield InputError(source, f"the input is {size:,} bytes, over the limit of {options.max_bytes:,} (input.max_bytes)")
                return
            data = file.read_bytes()
        except OSError as exc:
            yield InputError(source, f"cannot be read ({exc.strerror})")
            return
        kind = kind_of(path)
    if kind == "feed":
        # RSS/Atom: feedparser reads the bytes itself, honouring the XML declaration's encoding
        yield from _limited(read_feed(data, source), source, options)
        return
    try:
        check_size(data, source, options.max_bytes)
        decoded = decode(data, source, options.encoding)
    except InputError as exc:
        yield exc
        return
    if path == "-":
        yield from _limited(read_text(decoded.text, source, "stdin", None, decoded.encoding), source, options)
    else:
        yield from _limited(read_named(decoded.text, source, Path(path).stem, kind, decoded.encoding), source, options)
