"""``GET /positions``, ``/positions/matrix``, ``/issues``: stances with their evidence, actors
x periods on an issue, and the issues."""

# No `from __future__ import annotations` here: FastAPI reads the routes' annotations at run time.
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from ... import api
from ...settings import Options
from ..models import IssueItem, Page, PositionItem, PositionMatrix
from ..params import ERRORS, About, After, By, Holder, Issue, Place, Publisher, Since, Until, limit_query, listing
from ..state import service_of


def router(options: Options) -> APIRouter:
    routes = APIRouter(tags=["positions"])
    Limit = Annotated[int | None, limit_query(options)]

    @routes.get("/positions", response_model=Page[PositionItem], responses=ERRORS)
    def positions(
        request: Request, actor: Holder = None, issue: Issue = None,
        about: About = None, place: Place = None, since: Since = None, until: Until = None, publisher: Publisher = None,
        after: After = None, limit: Limit = None,
    ) -> dict[str, Any]:  # fmt: skip
        """Stances: an actor's position on an issue, with its evidence; `about`: words of the
        issue or the evidence."""
        return listing(service_of(request), "positions", limit, actor=actor, issue=issue, about=about, place=place,
                       since=since, until=until, publisher=publisher, after=after)  # fmt: skip

    @routes.get("/positions/matrix", response_model=PositionMatrix, responses=ERRORS)
    def position_matrix(
        request: Request, issue: Issue = None, by: By = "month", actor: Holder = None,
        about: About = None, place: Place = None, since: Since = None, until: Until = None, publisher: Publisher = None,
    ) -> dict[str, Any]:  # fmt: skip
        """Actors x periods of the positions on an issue; each cell with its evidence."""
        with service_of(request).reader() as store:
            return api.position_matrix(store, issue, by=by, actor=actor, about=about, place=place, since=since, until=until, publisher=publisher)

    @routes.get("/issues", response_model=Page[IssueItem], responses=ERRORS)
    def issues(
        request: Request, issue: Issue = None, actor: Annotated[str | None, Query(description="Who holds a position on it.")] = None,
        about: About = None, place: Place = None, since: Since = None, until: Until = None, publisher: Publisher = None,
        after: After = None, limit: Limit = None,
    ) -> dict[str, Any]:  # fmt: skip
        """The issues positions are taken on, by the number of positions."""
        return listing(service_of(request), "issues", limit, issue=issue, actor=actor, about=about, place=place,
                       since=since, until=until, publisher=publisher, after=after)  # fmt: skip

    return routes
