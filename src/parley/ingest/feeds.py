"""RSS and Atom feeds -> one :class:`~parley.model.Article` per item, through feedparser.

feedparser reads every RSS (0.9x, 1.0, 2.0) and Atom flavour, their dates and encodings, and
sanitises the HTML inside items. An item's text is its full content (``content:encoded``,
Atom ``content``) when the feed carries it, else its summary (``description``); its title,
link and date (published, else updated) go to the article, and the feed's title is the
publisher. An item's id is a hash of its guid (else its link, else its title and text), so
the same item read again from a later copy of the feed is the same article and
``parley ingest`` skips it.

Items' HTML is turned into text here, by hand, with lxml: trafilatura's extractor is made for
whole pages and returns nothing for the short fragments feeds hold (it needs enough text to
tell an article from boilerplate). Block elements become line breaks, so paragraphs stay
paragraphs. A file that is no feed at all (no RSS or Atom root, no items) is an InputError;
an item without any text is reported, and the other items are still read.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator
from typing import Any

import feedparser
import lxml.html

from ..errors import InputError
from ..model import Article
from .decode import normalise_newlines
from .records import content_id

_BLOCKS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "tr"}
_BLOCKS |= {"section", "article", "figure", "figcaption", "header", "footer"}
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")


def html_to_text(fragment: str) -> str:
    """The text of an HTML fragment, one paragraph per line (plain text passes unchanged,
    bar whitespace)."""
    if "<" not in fragment:
        lines = normalise_newlines(fragment).split("\n")
    else:
        try:
            root = lxml.html.fragment_fromstring(fragment, create_parent="div")
        except (ValueError, lxml.etree.ParserError):
            return ""
        for bad in root.xpath(".//script|.//style"):
            bad.drop_tree()
        for el in root.iter():
            if isinstance(el.tag, str) and el.tag.lower() in _BLOCKS:
                el.tail = "\n" + (el.tail or "")
                if el.tag.lower() != "br":
                    el.text = "\n" + (el.text or "")
        lines = root.text_content().split("\n")
    cleaned = (_SPACES.sub(" ", line).strip() for line in lines)
    return "\n".join(line for line in cleaned if line)


def _date(entry: Any) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
            except (ValueError, AttributeError):
                continue
    return None


def _body(entry: Any) -> str:
    contents = [c.get("value", "") for c in entry.get("content", []) or []]
    best = max(contents, key=len, default="")
    return html_to_text(best) or html_to_text(entry.get("summary", "") or "")


def read_feed(data: bytes | str, source: str) -> Iterator[Article | InputError]:
    """The items of an RSS or Atom feed as articles; a bad item or file yields its error."""
    headers = {}
    if isinstance(data, str):
        data = data.encode("utf-8")
        headers = {"content-type": "application/xml; charset=utf-8"}  # already decoded: ignore the XML declaration's encoding
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers, resolve_relative_uris=False, sanitize_html=True)
    if not parsed.get("version") and not parsed.entries:
        problem = parsed.get("bozo_exception")
        detail = f" ({str(problem).splitlines()[0]})" if problem else ""
        yield InputError(source, f"not an RSS or Atom feed{detail}")
        return
    if not parsed.entries:
        yield InputError(source, "the feed has no items")
        return
    publisher = (parsed.feed.get("title") or "").strip() or None
    for number, entry in enumerate(parsed.entries, start=1):
        where = f"{source} item {number}"
        text = _body(entry)
        title = html_to_text(entry.get("title", "") or "") or None
        if not text:
            yield InputError(where, "the item has no content or summary")
            continue
        link = entry.get("link") or None
        key = entry.get("id") or link or f"{title}\n{text}"
        yield Article(id=content_id(key), text=text, title=title, url=link, published=_date(entry), publisher=publisher)


def looks_like_feed(text: str) -> bool:
    """An XML document whose root is an RSS, RDF or Atom feed."""
    head = text.lstrip("\ufeff \t\r\n")[:2000]
    if head.startswith("<?xml"):
        head = head[head.find("?>") + 2 :]
    head = re.sub(r"<!--.*?-->|<!DOCTYPE[^>]*>", "", head, flags=re.S).lstrip()
    return bool(re.match(r"<(rss|rdf:RDF|feed)\b", head))
