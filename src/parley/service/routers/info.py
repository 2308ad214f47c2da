"""``GET /info``: what this server is."""

# No `from __future__ import annotations` here: FastAPI reads the routes' annotations at run time.
from typing import Any

from fastapi import APIRouter, Request

from ... import __version__, api
from ...settings import Options
from ..models import ServiceInfo, StoreInfo
from ..state import service_of


def router(options: Options) -> APIRouter:
    routes = APIRouter(tags=["info"])

    @routes.get("/info", response_model=ServiceInfo)
    def info(request: Request) -> dict[str, Any]:
        """What this server is: version, store, limits, whether ingestion is open."""
        service = service_of(request)
        store = None
        if service.store is not None:
            with service.reader() as reader:
                counts = api.store_counts(reader)
            store = StoreInfo(path=service.store.path.name, **{k: counts[k] for k in ("articles", "stories", "quotes", "events", "stances", "places")})
        return {
            "version": __version__,
            "store": store,
            "ingest": service.config.allow_ingest,
            "max_request_bytes": service.config.body_limit,
            "page_size": options.service.page_size,
            "max_page_size": options.service.max_page_size,
        }

    return routes
