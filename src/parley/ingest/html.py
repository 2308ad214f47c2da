"""HTML pages -> Article, through trafilatura: main text, title, date and site name.

Boilerplate (menus, comments, footers) is dropped by trafilatura's extractor; the record's
``text`` is the extracted text, and every span indexes it.
"""

from __future__ import annotations

from typing import Any

import trafilatura

from ..errors import InputError
from ..model import Article
from .dates import parse_published
from .decode import normalise_newlines


def read_html(html: str, source: str, article_id: str) -> Article:
    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False, favor_precision=False)
    except Exception as exc:  # trafilatura raises assorted lxml errors on broken markup
        raise InputError(source, f"malformed HTML that could not be parsed ({type(exc).__name__})") from None
    data: dict[str, Any] = doc.as_dict() if doc is not None and hasattr(doc, "as_dict") else dict(doc or {})
    text = normalise_newlines(data.get("text") or "").strip()
    if not text:
        raise InputError(source, "no article text found in the HTML")
    try:
        published = parse_published(data.get("date"), source)
    except Exception:
        published = None  # a page's own date metadata is a hint, not an input the user gave
    return Article(
        id=article_id,
        text=text,
        title=data.get("title") or None,
        publisher=data.get("sitename") or data.get("hostname") or None,
        published=published,
        url=data.get("url") or None,
    )


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:1000].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in head)
