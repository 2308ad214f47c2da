"""``GET /places``: the places the articles name, with their points."""

# No `from __future__ import annotations` here: FastAPI reads the routes' annotations at run time.
from typing import Annotated, Any

from fastapi import APIRouter, Request

from ...settings import Options
from ..models import Page, PlaceItem
from ..params import ERRORS, About, Actor, After, Place, Publisher, Since, Speaker, Until, limit_query, listing
from ..state import service_of


def router(options: Options) -> APIRouter:
    routes = APIRouter(tags=["places"])
    Limit = Annotated[int | None, limit_query(options)]

    @routes.get("/places", response_model=Page[PlaceItem], responses=ERRORS)
    def places(
        request: Request, actor: Actor = None, speaker: Speaker = None, about: About = None, place: Place = None,
        since: Since = None, until: Until = None, publisher: Publisher = None, after: After = None, limit: Limit = None,
    ) -> dict[str, Any]:  # fmt: skip
        """The places the articles name, by mentions, with their points (the map draws these)."""
        return listing(service_of(request), "places", limit, actor=actor, speaker=speaker, about=about, place=place,
                       since=since, until=until, publisher=publisher, after=after)  # fmt: skip

    return routes
