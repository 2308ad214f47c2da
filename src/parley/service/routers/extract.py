"""``POST /extract``: analyse one article, store nothing."""

# No `from __future__ import annotations` here: FastAPI reads the routes' annotations at run time.
from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool

from ...errors import InputError, ParleyError
from ...model import ArticleRecord
from ...settings import Options
from ..body import ARTICLE_SCHEMA, body_doc, check_size, read_body
from ..params import BODY_ERRORS
from ..state import service_of


def router(options: Options) -> APIRouter:
    routes = APIRouter(tags=["extract"])

    @routes.post("/extract", response_model=ArticleRecord, responses=BODY_ERRORS, openapi_extra=body_doc(ARTICLE_SCHEMA))
    async def extract(request: Request) -> ArticleRecord:
        """Analyse one article and return its record (nothing is stored). `published` and
        `publisher` may also be query parameters."""
        service = service_of(request)
        articles, errors = await read_body(request, many=False)
        if errors:
            raise errors[0]
        if len(articles) != 1:
            raise InputError("request body", f"holds {len(articles)} articles; POST /extract takes one (POST /articles stores many)")
        check_size(articles, service.config.options)

        outcome = await run_in_threadpool(service.pool.analyse, articles)  # a worker process, never the event loop
        if outcome.failures:
            raise ParleyError(outcome.failures[0][1])
        return outcome.records[0]

    return routes
