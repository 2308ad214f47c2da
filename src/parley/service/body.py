"""Request bodies of ``POST /extract`` and ``POST /articles`` -> articles.

A body is JSON (``{"text": ...}`` or ``{"html": ...}`` with ``published``, ``publisher``,
``id``, ``title``, ``url``; for ``/articles`` also ``{"articles": [...]}``), a raw
``text/plain`` or ``text/html`` body, or an uploaded file (``multipart/form-data``, field
``file``; any input ``parley extract`` reads: .txt, .html, .json, .jsonl, RSS/Atom, told apart
by the readers' suffix map), with ``published`` / ``publisher`` as form fields or query
parameters.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePath
from typing import Any

from fastapi import HTTPException, Request
from pydantic import ValidationError
from starlette.datastructures import UploadFile

from .. import api
from ..errors import InputError, ParleyError
from ..ingest import content_id, read_named, read_text
from ..ingest.decode import charset_of, decode
from ..ingest.html import read_html
from ..ingest.records import article_from_dict
from ..model import Article
from ..settings import Options
from .models import ArticleIn, ArticlesIn

ARTICLE_SCHEMA = ArticleIn.model_json_schema()
ARTICLE_SCHEMA.pop("title", None)
_FILE_FORM = {
    "type": "object",
    "properties": {
        "file": {"type": "string", "format": "binary", "description": "A .txt, .html, .json, .jsonl or feed file."},
        "published": {"type": "string", "description": "Publication date, YYYY-MM-DD."},
        "publisher": {"type": "string"},
    },
    "required": ["file"],
}


def body_doc(json_schema: dict[str, Any]) -> dict[str, Any]:
    """The OpenAPI ``requestBody`` of a route reading articles, with ``json_schema`` for JSON."""
    return {
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": json_schema},
                "text/plain": {"schema": {"type": "string"}},
                "text/html": {"schema": {"type": "string"}},
                "multipart/form-data": {"schema": _FILE_FORM},
            },
        }
    }


def _validation_error(exc: ValidationError, where: str) -> InputError:
    first = exc.errors()[0]
    loc = " -> ".join(str(x) for x in first.get("loc", ()))
    return InputError(where, f"{loc + ': ' if loc else ''}{first.get('msg', 'invalid')}")


def article_of(item: ArticleIn, source: str) -> Article:
    """A JSON article -> Article (its HTML's main text extracted)."""
    fields = {"id": item.id, "published": item.published, "publisher": item.publisher, "title": item.title, "url": item.url}
    if item.text is not None:
        return article_from_dict({**fields, "text": item.text}, source)
    assert item.html is not None
    page = read_html(item.html, source, item.id or content_id(item.html))
    given = {k: v for k, v in fields.items() if v not in (None, "")}
    return api.to_article(page.model_copy(update={k: v for k, v in given.items() if k != "published"}), published=given.get("published"), source=source)


def _json_articles(raw: bytes, many: bool) -> list[Article | InputError]:
    try:
        if many and raw.lstrip().startswith(b"{") and b'"articles"' in raw:
            items = ArticlesIn.model_validate_json(raw).articles
        else:
            items = [ArticleIn.model_validate_json(raw)]
    except ValidationError as exc:
        raise _validation_error(exc, "request body") from None
    found: list[Article | InputError] = []
    for index, item in enumerate(items):
        where = "request body" if len(items) == 1 else f"articles[{index}]"
        try:
            found.append(article_of(item, where))
        except InputError as exc:
            found.append(exc)
        except ParleyError as exc:
            found.append(InputError(where, str(exc)))
    return found


async def read_body(request: Request, *, many: bool) -> tuple[list[Article], list[InputError]]:
    """The articles of a request body (see the module docstring), and the inputs in it that
    could not be read."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    published = request.query_params.get("published")
    publisher = request.query_params.get("publisher")
    found: list[Article | InputError] = []
    if media == "application/json":
        found = _json_articles(await request.body(), many)
    elif media in ("text/plain", "text/html"):
        raw = await request.body()
        if not raw.strip():
            raise InputError("request body", "the body is empty")
        decoded = decode(raw, "request body", charset_of(request.headers.get("content-type")))
        found += read_text(decoded.text, "request body", content_id(decoded.text), "html" if media == "text/html" else "txt", decoded.encoding)
    elif media == "multipart/form-data":
        form = await request.form()
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            raise InputError("request body", "a multipart body needs a `file` field holding the article")
        name = upload.filename or "upload"
        data = await upload.read()
        if not data.strip():
            raise InputError(name, "the file is empty")
        decoded = decode(data, name, charset_of(upload.content_type))
        found += read_named(decoded.text, name, PurePath(name).stem or content_id(decoded.text), encoding=decoded.encoding)
        published = _form_str(form.get("published")) or published
        publisher = _form_str(form.get("publisher")) or publisher
    else:
        raise HTTPException(415, f"unsupported media type {media or '(none)'!r}: send application/json, text/plain, text/html or multipart/form-data")
    articles: list[Article] = []
    errors: list[InputError] = []
    for entry in found:
        if isinstance(entry, InputError):
            errors.append(entry)
            continue
        try:
            articles.append(api.to_article(entry, published=published, publisher=publisher, source=entry.id))
        except ParleyError as exc:
            errors.append(InputError(entry.id, str(exc)))
    return articles, errors


def _form_str(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def check_size(articles: Sequence[Article], options: Options) -> None:
    for a in articles:
        if len(a.text) > options.input.max_chars:
            raise InputError(a.id, f"the text has {len(a.text):,} characters, over the limit of {options.input.max_chars:,} (input.max_chars)")
