"""Readers: raw input -> :class:`~parley.model.Article`.

``.txt``, ``.html``/``.htm``, ``.json`` (one record or a list), ``.jsonl``, RSS/Atom feeds
(``.xml``, ``.rss``, ``.atom``: one article per item) and ``-`` for
standard input (its kind sniffed from the content). Every reader yields articles or the
:class:`InputError` of an input it could not read, so that one bad input never stops a batch.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from ..model import Article
from ..settings import InputOptions
from .decode import check_size, decode
from .feeds import FEED_SUFFIXES, looks_like_feed, read_feed
from .html import looks_like_html, read_html
from .records import article_from_dict, content_id, iter_json, iter_jsonl

__all__ = ["article_from_dict", "content_id", "read_source", "read_text"]

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}


def read_text(text: str, source: str, article_id: str, kind: str | None = None, encoding: str | None = None) -> Iterator[Article | InputError]:
    """Text already decoded; ``kind`` is one of txt/html/json/jsonl/feed, or None to sniff it.
    A text or a page records ``encoding``, the one its bytes were decoded from; JSON records
    do not (JSON text is Unicode by definition, RFC 8259: its records say nothing of bytes)."""
    kind = kind or _kind_of(text)
    for item in _read_text(text, source, article_id, kind):
        yield item.model_copy(update={"encoding": encoding}) if isinstance(item, Article) and encoding and kind in ("txt", "html") else item


def _kind_of(text: str) -> str:
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


def read_source(path: str, options: InputOptions | None = None) -> Iterator[Article | InputError]:
    """Articles from a file path, or from standard input when ``path`` is ``-``."""
    options = options or InputOptions()
    if path == "-":
        data = sys.stdin.buffer.read()
        source, suffix = "<stdin>", None
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
        suffix = file.suffix.lower()
    if suffix in FEED_SUFFIXES:
        # RSS/Atom: feedparser reads the bytes itself, honouring the XML declaration's encoding
        items = read_feed(data, source)
        for item in items:
            if isinstance(item, Article) and len(item.text) > options.max_chars:
                yield InputError(source, f"article {item.id} has {len(item.text):,} characters, over the limit of {options.max_chars:,} (input.max_chars)")
            else:
                yield item
        return
    try:
        check_size(data, source, options.max_bytes)
        decoded = decode(data, source, options.encoding)
    except InputError as exc:
        yield exc
        return
    text = decoded.text
    kind = {".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl"}.get(suffix or "")
    if suffix in HTML_SUFFIXES:
        kind = "html"
    elif suffix in TEXT_SUFFIXES and suffix is not None:
        kind = "html" if looks_like_html(text) else "txt"
    article_id = "stdin" if path == "-" else Path(path).stem
    for item in read_text(text, source, article_id, kind, decoded.encoding):
        if isinstance(item, Article) and len(item.text) > options.max_chars:
            yield InputError(source, f"article {item.id} has {len(item.text):,} characters, over the limit of {options.max_chars:,} (input.max_chars)")
        else:
            yield item
