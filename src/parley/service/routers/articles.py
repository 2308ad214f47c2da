"""``/articles``: store articles (``POST``, with the API token), list them, one article's record."""

# No `from __future__ import annotations` here: FastAPI reads the routes' annotations at run time.
import hmac
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request, Security
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from ... import api
from ...model import ArticleRecord
from ...settings import Options
from ..body import ARTICLE_SCHEMA, body_doc, check_size, read_body
from ..models import ArticleItem, IngestFailure, IngestResult, Page
from ..params import AUTH_ERRORS, ERRORS, About, Actor, After, Place, Publisher, Since, Speaker, Until, limit_query, listing, shown
from ..pool import Outcome
from ..state import service_of

bearer = HTTPBearer(auto_error=False, description="The API token `parley serve` was started with (--token or $PARLEY_API_TOKEN).")


def require_ingest(request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Security(bearer)]) -> None:
    """Ingestion needs ``allow_ingest`` and the API token."""
    config = service_of(request).config
    if not config.allow_ingest:
        raise HTTPException(403, "this server is read-only: start it with --allow-ingest and an API token to store articles")
    if credentials is None or credentials.scheme.lower() != "bearer" or not credentials.credentials:
        raise HTTPException(401, "an API token is needed: send Authorization: Bearer TOKEN", headers={"WWW-Authenticate": "Bearer"})
    assert config.token is not None
    if not hmac.compare_digest(credentials.credentials.encode(), config.token.encode()):
        raise HTTPException(403, "the API token is wrong")


def router(options: Options) -> APIRouter:
    routes = APIRouter(tags=["articles"])
    Limit = Annotated[int | None, limit_query(options)]

    @routes.post(
        "/articles",
        response_model=IngestResult,
        responses=AUTH_ERRORS,
        dependencies=[Depends(require_ingest)],
        openapi_extra=body_doc({"oneOf": [{"$ref": "#/components/schemas/ArticlesIn"}, ARTICLE_SCHEMA]}),
    )
    async def ingest(request: Request) -> IngestResult:
        """Analyse articles and store them (only with --allow-ingest and the API token).
        An article already stored with the same id and text is skipped; a different text
        under a stored id is stored as `<id>~<8 hex digits of its SHA-1>`."""
        service = service_of(request)
        store, writer = service.store, service.writer
        assert store is not None and writer is not None
        articles, errors = await read_body(request, many=True)
        check_size(articles, service.config.options)

        def run() -> IngestResult:
            failed = [IngestFailure(where=e.source, reason=e.problem) for e in errors]
            with service.write_lock:
                todo, skipped, refused = api.plan_articles(store, articles)
            failed += [IngestFailure(where=e.source, reason=e.problem) for e in refused]
            outcome = service.pool.analyse(todo) if todo else Outcome([], [])
            records = outcome.records
            failed += [IngestFailure(where=where, reason=reason) for where, reason in outcome.failures]
            with service.write_lock:
                result = writer.write_records(records, source="POST /articles")
            return IngestResult(ingested=result.ingested, skipped=skipped + result.skipped, failed=failed)

        return await run_in_threadpool(run)

    @routes.get("/articles", response_model=Page[ArticleItem], responses=ERRORS)
    def articles(
        request: Request, speaker: Speaker = None, actor: Actor = None, about: About = None, place: Place = None,
        since: Since = None, until: Until = None, publisher: Publisher = None, after: After = None, limit: Limit = None,
    ) -> dict[str, Any]:  # fmt: skip
        """Articles, newest first; `speaker`: it quotes them; `about`: words of its text."""
        return listing(service_of(request), "articles", limit, speaker=speaker, actor=actor, about=about, place=place,
                       since=since, until=until, publisher=publisher, after=after)  # fmt: skip

    @routes.get("/articles/{article_id:path}", response_model=ArticleRecord, responses=ERRORS)
    def article(request: Request, article_id: str) -> ArticleRecord:
        """One article's record, exactly as `POST /extract` returned it when it was stored."""
        with service_of(request).reader() as store:
            found = api.record(store, article_id)
        if found is None:
            raise HTTPException(404, f"no article {shown(article_id)} in the store")
        return found

    return routes
