"""The REST routes, one router per OpenAPI tag. Each route parses its request and calls
:mod:`parley.api`, as the command line does: ``GET /quotes?speaker=Putin&about=Donbas`` is
``parley quotes --speaker Putin --about Donbas``, a page at a time."""

from __future__ import annotations

from fastapi import APIRouter

from ...settings import Options
from . import actors, articles, events, extract, info, places, positions, quotes

# The routers, in the order the OpenAPI document lists them.
ROUTERS = (info, extract, articles, quotes, actors, events, positions, places)


def routers(options: Options) -> list[APIRouter]:
    """Every router, built for ``options`` (page sizes)."""
    return [module.router(options) for module in ROUTERS]
