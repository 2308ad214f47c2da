"""``GET /quotes``: statements with their article."""

# No `from __future__ import annotations` here: FastAPI reads the routes' annotations at run time.
from typing import Annotated, Any

from fastapi import APIRouter, Request

from ...settings import Options
from ..models import Page, QuoteItem
from ..params import ERRORS, About, Actor, After, Place, Publisher, Since, Speaker, Until, limit_query, listing
from ..state import service_of


def router(options: Options) -> APIRouter:
    routes = APIRouter(tags=["quotes"])
    Limit = Annotated[int | None, limit_query(options)]

    @routes.get("/quotes", response_model=Page[QuoteItem], responses=ERRORS)
    def quotes(
        request: Request, speaker: Speaker = None, actor: Actor = None, about: About = None, place: Place = None,
        since: Since = None, until: Until = None, publisher: Publisher = None, after: After = None, limit: Limit = None,
    ) -> dict[str, Any]:  # fmt: skip
        """Statements, oldest first (as `parley quotes`); `about`: words of what was said;
        `actor`: the article names them."""
        return listing(service_of(request), "quotes", limit, speaker=speaker, actor=actor, about=about, place=place,
                       since=since, until=until, publisher=publisher, after=after)  # fmt: skip

    return routes
