"""What every front end calls: the CLI, the REST service and Python users alike."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from .errors import InputError
from .ingest import article_from_dict, content_id, read_source
from .ingest.dates import parse_published
from .model import Article, ArticleRecord
from .pipeline import Failure, run
from .settings import Options, load_options

ArticleLike = str | dict[str, Any] | Article


def to_article(item: ArticleLike, *, published: Any = None, publisher: str | None = None, source: str = "<input>") -> Article:
    """A text, a record dict or an Article -> Article, with ``published``/``publisher``
    overriding what the item says."""
    if isinstance(item, Article):
        article = item
    elif isinstance(item, str):
        if not item.strip():
            raise InputError(source, "the text is empty")
        article = Article(id=content_id(item), text=item)
    elif isinstance(item, dict):
        article = article_from_dict(item, source)
    else:
        raise InputError(source, f"expected a text, a dict or an Article, got {type(item).__name__}")
    updates: dict[str, Any] = {}
    if published is not None:
        updates["published"] = parse_published(published, "--published")
    if publisher is not None:
        updates["publisher"] = publisher
    return article.model_copy(update=updates) if updates else article


def extract(
    text: ArticleLike,
    *,
    published: str | dt.date | None = None,
    publisher: str | None = None,
    options: Options | None = None,
) -> ArticleRecord:
    """Analyse one article: ``parley.extract("Putin said ...", published="2025-12-25")``."""
    article = to_article(text, published=published, publisher=publisher)
    return next(run([article], options or load_options()))


def extract_many(
    items: Iterable[ArticleLike],
    *,
    published: str | dt.date | None = None,
    publisher: str | None = None,
    options: Options | None = None,
    on_error: Callable[[Failure], None] | None = None,
) -> Iterator[ArticleRecord]:
    """Analyse many articles in ``nlp.pipe`` batches; records come back in input order.

    Items that cannot be read, or whose analysis fails, go to ``on_error`` when given
    (and are raised otherwise)."""
    opts = options or load_options()

    def articles() -> Iterator[Article]:
        for index, item in enumerate(items):
            try:
                yield to_article(item, published=published, publisher=publisher, source=f"item {index}")
            except InputError as exc:
                if on_error is None:
                    raise
                on_error(Failure(f"item {index}", exc))

    yield from run(articles(), opts, on_error=on_error)


def read_articles(
    paths: Iterable[str], *, options: Options | None = None, on_error: Callable[[Failure], None] | None = None
) -> Iterator[Article]:
    """Articles from files (``-`` for standard input); unreadable inputs go to ``on_error``."""
    opts = options or load_options()
    for path in paths:
        for item in read_source(path, opts.input):
            if isinstance(item, InputError):
                if on_error is None:
                    raise item
                on_error(Failure(item.source, item))
            else:
                yield item
