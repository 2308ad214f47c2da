"""``GET /events``: who did what to whom (PLOVER)."""

# No `from __future__ import annotations` here: FastAPI reads the routes' annotations at run time.
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from ...settings import Options
from ..models import EventItem, Page
from ..params import ERRORS, About, After, Place, Publisher, Since, Speaker, Until, limit_query, listing
from ..state import service_of


def router(options: Options) -> APIRouter:
    routes = APIRouter(tags=["events"])
    Limit = Annotated[int | None, limit_query(options)]

    @routes.get("/events", response_model=Page[EventItem], responses=ERRORS)
    def events(
        request: Request, actor: Annotated[str | None, Query(description="The source or the target (words of the name, or an alias).")] = None,
        type: Annotated[str | None, Query(description="A PLOVER event type: AGREE, CONSULT, REQUEST, ...")] = None,
        speaker: Speaker = None, about: About = None, place: Place = None, since: Since = None, until: Until = None,
        publisher: Publisher = None, after: After = None, limit: Limit = None,
    ) -> dict[str, Any]:  # fmt: skip
        """Who did what to whom (PLOVER), oldest first; `about`: words of the article's text."""
        return listing(service_of(request), "events", limit, actor=actor, type=type, speaker=speaker, about=about, place=place,
                       since=since, until=until, publisher=publisher, after=after)  # fmt: skip

    return routes
