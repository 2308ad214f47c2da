"""``GET /actors``, ``/actors/{name}``: actors ranked, and one actor's profile."""

# No `from __future__ import annotations` here: FastAPI reads the routes' annotations at run time.
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request

from ... import api
from ...settings import Options
from ..models import ActorItem, ActorProfile, Page
from ..params import ERRORS, About, Actor, After, By, Place, Publisher, Since, Speaker, Until, limit_query, listing, sample_query, shown
from ..state import service_of


def router(options: Options) -> APIRouter:
    routes = APIRouter(tags=["actors"])
    Limit = Annotated[int | None, limit_query(options)]
    Sample = Annotated[int, sample_query(options)]

    @routes.get("/actors", response_model=Page[ActorItem], responses=ERRORS)
    def actors(
        request: Request, actor: Actor = None,
        kind: Annotated[str | None, Query(description="person, org, state, group or place.")] = None,
        speaker: Speaker = None, about: About = None, place: Place = None, since: Since = None, until: Until = None,
        publisher: Publisher = None, after: After = None, limit: Limit = None,
    ) -> dict[str, Any]:  # fmt: skip
        """Actors by the number of articles naming them (as `parley actors`); `actor`: words
        of their name; `speaker`, `about`: in articles quoting them / with these words."""
        return listing(service_of(request), "actors", limit, actor=actor, kind=kind, speaker=speaker, about=about, place=place,
                       since=since, until=until, publisher=publisher, after=after)  # fmt: skip

    @routes.get("/actors/{name:path}", response_model=ActorProfile, responses=ERRORS)
    def actor_profile(
        request: Request, name: str, by: By = "month", place: Place = None, since: Since = None, until: Until = None,
        publisher: Publisher = None, sample: Sample = 20,
    ) -> dict[str, Any]:  # fmt: skip
        """One actor by canonical name: their statements and mentions over time, the issues
        they take positions on, their events with others."""
        with service_of(request).reader() as store:
            profile = api.actor_profile(store, name, by=by, place=place, since=since, until=until, publisher=publisher, sample=sample)
        if profile is None:
            raise HTTPException(404, f"no actor {shown(name)} in the store (GET /actors lists them)")
        return profile

    return routes
