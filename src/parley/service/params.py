"""What the routers share: the filters as query parameters (the command line's, a page at a
time), the error answers each route documents, and the call that lists a page.

Routers are built by functions taking the :class:`~parley.settings.Options`, because the page
sizes (``[service] page_size``, ``max_page_size``) are settings: :func:`limit_query` makes the
``limit`` parameter for them.
"""

# No `from __future__ import annotations` here: FastAPI reads the routes' annotations at run time.
import datetime as dt
from typing import Annotated, Any

from fastapi import Query
from fastapi.params import Query as QueryInfo

from .. import api
from ..settings import Options
from .models import ErrorBody
from .state import Service

ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorBody, "description": "Not found, or the server has no corpus store."},
    422: {"model": ErrorBody, "description": "Invalid parameters or input; `error` says which and why."},
    503: {"model": ErrorBody, "description": "The corpus store cannot be used."},
}
BODY_ERRORS: dict[int | str, dict[str, Any]] = {
    **ERRORS,
    400: {"model": ErrorBody, "description": "A malformed request (a Content-Length that is not a number)."},
    413: {"model": ErrorBody, "description": "The body is over the server's size limit."},
    415: {"model": ErrorBody, "description": "A body of a media type not listed here."},
}
AUTH_ERRORS: dict[int | str, dict[str, Any]] = {
    **BODY_ERRORS,
    401: {"model": ErrorBody, "description": "No API token (Authorization: Bearer TOKEN)."},
    403: {"model": ErrorBody, "description": "Ingestion is off on this server, or the token is wrong."},
}

Speaker = Annotated[str | None, Query(description="Who said it: a canonical name, words of it (Putin) or an alias the actor dictionary knows.")]
Actor = Annotated[str | None, Query(description="An actor the article names (words of the canonical name, or an alias).")]
Holder = Annotated[str | None, Query(description="Who holds the position.")]
About = Annotated[list[str] | None, Query(description="Issue keywords (repeatable; each must occur, as the start of a word).")]
Issue = Annotated[str | None, Query(description="Words of the issue's name (Donbas).")]
Place = Annotated[str | None, Query(description="Articles naming this place: its name, or an ISO country code such as UA.")]
Since = Annotated[dt.date | None, Query(description="Articles published on or after this day.")]
Until = Annotated[dt.date | None, Query(description="Articles published on or before this day.")]
Publisher = Annotated[str | None, Query(description="Words of the publisher's name.")]
After = Annotated[str | None, Query(description="The cursor of the page to start after: the `next` of the previous page.")]
By = Annotated[str, Query(pattern="^(day|week|month|year)$", description="The period: day, week, month or year.")]


def shown(value: str, limit: int = 80) -> str:
    """``value`` quoted for a message, cut to ``limit`` characters: 'aaaa…' (10,000 characters),
    so that a 404 does not echo kilobytes of the request back."""
    if len(value) <= limit:
        return repr(value)
    return f"{value[:limit]!r}… ({len(value):,} characters)"


def limit_query(options: Options) -> QueryInfo:
    """The ``limit`` parameter of a listing: at least 1, at most ``[service] max_page_size``."""
    query: QueryInfo = Query(ge=1, le=options.service.max_page_size, description=f"Rows per page (default {options.service.page_size}).")
    return query


def sample_query(options: Options) -> QueryInfo:
    """How many statements and events an actor's profile includes."""
    query: QueryInfo = Query(ge=0, le=options.service.max_page_size, description="How many statements and events to include.")
    return query


def listing(service: Service, what: "api.Listing", limit: int | None, **filters: Any) -> dict[str, Any]:
    """One page of a listing, ``limit`` rows (default ``[service] page_size``)."""
    with service.reader() as store:
        page = api.browse(store, what, limit=limit or service.config.options.service.page_size, **filters)
    return {"items": page.items, "next": page.next}
