"""JSON and JSONL records -> Article. Only ``id, text, published, publisher, title, url``
are read; any other field (gold annotations, say) is ignored.

Record texts are taken exactly as they are, line ends included: offsets in annotations made
on them must keep pointing at the same characters.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from typing import Any

from ..errors import InputError, ParleyError
from ..model import Article
from .dates import parse_published

FIELDS = ("id", "text", "published", "publisher", "title", "url")


def content_id(text: str) -> str:
    """A stable id for an article that has none: the start of its text's SHA-1."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def article_from_dict(data: Any, source: str, fallback_id: str | None = None) -> Article:
    if not isinstance(data, dict):
        raise InputError(source, f"expected a JSON object, found {type(data).__name__}")
    text = data.get("text")
    if not isinstance(text, str):
        raise InputError(source, 'the record has no "text" string')
    if not text.strip():
        raise InputError(source, "the record's text is empty")
    raw_id = data.get("id")
    article_id = str(raw_id) if raw_id not in (None, "") else (fallback_id or content_id(text))
    try:
        published = parse_published(data.get("published"), f"{source} (id {article_id})")
    except ParleyError as exc:
        raise InputError(source, str(exc).split(": ", 1)[-1]) from None

    def opt(key: str) -> str | None:
        value = data.get(key)
        return str(value) if value not in (None, "") else None

    return Article(
        id=article_id,
        text=text,
        published=published,
        publisher=opt("publisher"),
        title=opt("title"),
        url=opt("url"),
    )


def iter_json(text: str, source: str) -> Iterator[Article | InputError]:
    """A .json file: one record, or a list of records. Errors are yielded, not raised, so
    one bad record does not stop the others."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield InputError(source, f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})")
        return
    items = data if isinstance(data, list) else [data]
    for index, item in enumerate(items):
        where = source if not isinstance(data, list) else f"{source}[{index}]"
        try:
            yield article_from_dict(item, where)
        except InputError as exc:
            yield exc


def iter_jsonl(text: str, source: str) -> Iterator[Article | InputError]:
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{source}:{lineno}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(where, f"not valid JSON ({exc.msg}, column {exc.colno})")
            continue
        try:
            yield article_from_dict(item, where)
        except InputError as exc:
            yield exc
