"""The REST routes. Each one parses its request and calls :mod:`parley.api`, as the command
line does: ``GET /quotes?speaker=Putin&about=Donbas`` is ``parley quotes --speaker Putin
--about Donbas``, a page at a time.

Request bodies for ``POST /extract`` and ``POST /articles``: JSON (``{"text": ...}`` or
``{"html": ...}`` with ``published``, ``publisher``, ``id``, ``title``, ``url``; for
``/articles`` also ``{"articles": [...]}``), a raw ``text/plain`` or ``text/html`` body, or an
uploaded file (``multipart/form-data``, field ``file``; any input ``parley extract`` reads:
.txt, .html, .json, .jsonl, RSS/Atom), with ``published`` / ``publisher`` as form fields or
query parameters.
"""

# No `from __future__ import annotations` here: FastAPI reads the routes' annotations at run
# time, and the Annotated aliases below are local to make_router.
import datetime as dt
import hmac
from collections.abc import Sequence
from pathlib import PurePath
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Security
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import ValidationError
from starlette.datastructures import UploadFile

from .. import __version__, api
from ..errors import InputError, ParleyError
from ..ingest import content_id, read_text
from ..ingest.decode import charset_of, decode
from ..ingest.html import read_html
from ..ingest.records import article_from_dict
from ..model import Article, ArticleRecord
from ..settings import Options
from ..store.tables import content_hash
from .app import Service, shown
from .models import (
    ActorItem,
    ActorProfile,
    ArticleIn,
    ArticleItem,
    ArticlesIn,
    ErrorBody,
    EventItem,
    IngestFailure,
    IngestResult,
    IssueItem,
    Page,
    PlaceItem,
    PositionItem,
    PositionMatrix,
    QuoteItem,
    ServiceInfo,
    StoreInfo,
)
from .pool import Outcome

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

bearer = HTTPBearer(auto_error=False, description="The API token `parley serve` was started with (--token or $PARLEY_API_TOKEN).")


def service_of(request: Request) -> Service:
    service: Service = request.app.state.service
    return service


# ---- request bodies ----------------------------------------------------------------------

_ARTICLE_SCHEMA = ArticleIn.model_json_schema()
_ARTICLE_SCHEMA.pop("title", None)
_FILE_FORM = {
    "type": "object",
    "properties": {
        "file": {"type": "string", "format": "binary", "description": "A .txt, .html, .json, .jsonl or feed file."},
        "published": {"type": "string", "description": "Publication date, YYYY-MM-DD."},
        "publisher": {"type": "string"},
    },
    "required": ["file"],
}


def _body_doc(json_schema: dict[str, Any]) -> dict[str, Any]:
    return {
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": json_schema},
                "text/plain": {"schema": {"type": "string"}},
                "text/html": {"schema": {"type": "string"}},
                "multipart/form-data": {"schema": _FILE_FORM},
            },
        }
    }


_KIND_OF_SUFFIX = {".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".html": "html", ".htm": "html", ".xml": "feed", ".rss": "feed", ".atom": "feed"}


def _validation_error(exc: ValidationError, where: str) -> InputError:
    first = exc.errors()[0]
    loc = " -> ".join(str(x) for x in first.get("loc", ()))
    return InputError(where, f"{loc + ': ' if loc else ''}{first.get('msg', 'invalid')}")


def article_of(item: ArticleIn, source: str) -> Article:
    """A JSON article -> Article (its HTML's main text extracted)."""
    fields = {"id": item.id, "published": item.published, "publisher": item.publisher, "title": item.title, "url": item.url}
    if item.text is not None:
        return article_from_dict({**fields, "text": item.text}, source)
    assert item.html is not None
    page = read_html(item.html, source, item.id or content_id(item.html))
    given = {k: v for k, v in fields.items() if v not in (None, "")}
    return api.to_article(page.model_copy(update={k: v for k, v in given.items() if k != "published"}), published=given.get("published"), source=source)


async def read_body(request: Request, *, many: bool) -> tuple[list[Article], list[InputError]]:
    """The articles of a request body (see the module docstring), and the inputs in it that
    could not be read."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    published = request.query_params.get("published")
    publisher = request.query_params.get("publisher")
    found: list[Article | InputError] = []
    if media == "application/json":
        raw = await request.body()
        try:
            if many and raw.lstrip().startswith(b"{") and b'"articles"' in raw:
                items = ArticlesIn.model_validate_json(raw).articles
            else:
                items = [ArticleIn.model_validate_json(raw)]
        except ValidationError as exc:
            raise _validation_error(exc, "request body") from None
        for index, item in enumerate(items):
            where = "request body" if len(items) == 1 else f"articles[{index}]"
            try:
                found.append(article_of(item, where))
            except InputError as exc:
                found.append(exc)
            except ParleyError as exc:
                found.append(InputError(where, str(exc)))
    elif media in ("text/plain", "text/html"):
        raw = await request.body()
        if not raw.strip():
            raise InputError("request body", "the body is empty")
        decoded = decode(raw, "request body", charset_of(request.headers.get("content-type")))
        found += read_text(decoded.text, "request body", content_id(decoded.text), "html" if media == "text/html" else "txt", decoded.encoding)
    elif media == "multipart/form-data":
        form = await request.form()
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            raise InputError("request body", "a multipart body needs a `file` field holding the article")
        name = upload.filename or "upload"
        data = await upload.read()
        if not data.strip():
            raise InputError(name, "the file is empty")
        decoded = decode(data, name, charset_of(upload.content_type))
        suffix = PurePath(name).suffix.lower()
        kind = _KIND_OF_SUFFIX.get(suffix)
        found += read_text(decoded.text, name, PurePath(name).stem or content_id(decoded.text), kind, decoded.encoding)
        published = _form_str(form.get("published")) or published
        publisher = _form_str(form.get("publisher")) or publisher
    else:
        raise HTTPException(415, f"unsupported media type {media or '(none)'!r}: send application/json, text/plain, text/html or multipart/form-data")
    articles: list[Article] = []
    errors: list[InputError] = []
    for entry in found:
        if isinstance(entry, InputError):
            errors.append(entry)
            continue
        try:
            articles.append(api.to_article(entry, published=published, publisher=publisher, source=entry.id))
        except ParleyError as exc:
            errors.append(InputError(entry.id, str(exc)))
    return articles, errors


def _form_str(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _check_size(articles: Sequence[Article], options: Options) -> None:
    for a in articles:
        if len(a.text) > options.input.max_chars:
            raise InputError(a.id, f"the text has {len(a.text):,} characters, over the limit of {options.input.max_chars:,} (input.max_chars)")


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


# ---- routes ------------------------------------------------------------------------------


def make_router(options: Options) -> APIRouter:
    """The REST routes; ``options.service`` sets the page sizes."""
    router = APIRouter()
    page_size = options.service.page_size
    max_page = options.service.max_page_size

    Speaker = Annotated[str | None, Query(description="Who said it: a canonical name, words of it (Putin) or an alias the actor dictionary knows.")]
    Actor = Annotated[str | None, Query(description="An actor the article names (words of the canonical name, or an alias).")]
    About = Annotated[list[str] | None, Query(description="Issue keywords (repeatable; each must occur, as the start of a word).")]
    Place = Annotated[str | None, Query(description="Articles naming this place: its name, or an ISO country code such as UA.")]
    Since = Annotated[dt.date | None, Query(description="Articles published on or after this day.")]
    Until = Annotated[dt.date | None, Query(description="Articles published on or before this day.")]
    Publisher = Annotated[str | None, Query(description="Words of the publisher's name.")]
    After = Annotated[str | None, Query(description="The cursor of the page to start after: the `next` of the previous page.")]
    Limit = Annotated[int | None, Query(ge=1, le=max_page, description=f"Rows per page (default {page_size}).")]
    By = Annotated[str, Query(pattern="^(day|week|month|year)$", description="The period: day, week, month or year.")]

    def listing(service: Service, what: "api.Listing", limit: int | None, **filters: Any) -> dict[str, Any]:
        with service.reader() as store:
            page = api.browse(store, what, limit=limit or page_size, **filters)
        return {"items": page.items, "next": page.next}

    @router.get("/info", response_model=ServiceInfo, tags=["service"])
    def info(request: Request) -> dict[str, Any]:
        """What this server is: version, store, limits, whether ingestion is open."""
        service = service_of(request)
        store = None
        if service.store is not None:
            with service.reader() as reader:
                counts = reader.counts()
            store = StoreInfo(path=service.store.path.name, **{k: counts[k] for k in ("articles", "stories", "quotes", "events", "stances", "places")})
        return {
            "version": __version__,
            "store": store,
            "ingest": service.config.allow_ingest,
            "max_request_bytes": service.config.body_limit,
            "page_size": page_size,
            "max_page_size": max_page,
        }

    @router.post("/extract", response_model=ArticleRecord, responses=BODY_ERRORS, openapi_extra=_body_doc(_ARTICLE_SCHEMA), tags=["analysis"])
    async def extract(request: Request) -> ArticleRecord:
        """Analyse one article and return its record (nothing is stored). `published` and
        `publisher` may also be query parameters."""
        service = service_of(request)
        articles, errors = await read_body(request, many=False)
        if errors:
            raise errors[0]
        if len(articles) != 1:
            raise InputError("request body", f"holds {len(articles)} articles; POST /extract takes one (POST /articles stores many)")
        _check_size(articles, service.config.options)

        outcome = await run_in_threadpool(service.pool.analyse, articles)
        if outcome.failures:
            raise ParleyError(outcome.failures[0][1])
        return outcome.records[0]

    @router.post(
        "/articles",
        response_model=IngestResult,
        responses=AUTH_ERRORS,
        dependencies=[Depends(require_ingest)],
        openapi_extra=_body_doc({"oneOf": [{"$ref": "#/components/schemas/ArticlesIn"}, _ARTICLE_SCHEMA]}),
        tags=["corpus"],
    )
    async def ingest(request: Request) -> IngestResult:
        """Analyse articles and store them (only with --allow-ingest and the API token).
        An article already stored with the same id and text is skipped; a different text
        under a stored id is stored as `<id>~<8 hex digits of its SHA-1>`."""
        service = service_of(request)
        assert service.store is not None
        articles, errors = await read_body(request, many=True)
        _check_size(articles, service.config.options)
        store = service.store

        def run() -> IngestResult:
            failed = [IngestFailure(where=e.source, reason=e.problem) for e in errors]
            skipped: list[str] = []
            planned: dict[str, str] = {}
            todo: list[Article] = []
            with service.write_lock:
                known = dict(store.known)
            for article in articles:
                digest = content_hash(article.text)
                for candidate in (article.id, f"{article.id}~{digest[:8]}"):
                    stored = known.get(candidate) or planned.get(candidate)
                    if stored is None:
                        planned[candidate] = digest
                        todo.append(article if candidate == article.id else article.model_copy(update={"id": candidate}))
                        break
                    if stored == digest:
                        skipped.append(candidate)
                        break
                else:
                    failed.append(IngestFailure(where=article.id, reason="the id and its hashed variant are both taken by other texts"))
            outcome = service.pool.analyse(todo) if todo else Outcome([], [])
            records = outcome.records
            failed += [IngestFailure(where=where, reason=reason) for where, reason in outcome.failures]
            with service.write_lock:
                result = store.write_records(records, source="POST /articles")
            return IngestResult(ingested=result.ingested, skipped=skipped + result.skipped, failed=failed)

        return await run_in_threadpool(run)

    @router.get("/articles", response_model=Page[ArticleItem], responses=ERRORS, tags=["corpus"])
    def articles(
        request: Request, speaker: Speaker = None, actor: Actor = None, about: About = None, place: Place = None,
        since: Since = None, until: Until = None, publisher: Publisher = None, after: After = None, limit: Limit = None,
    ) -> dict[str, Any]:  # fmt: skip
        """Articles, newest first; `speaker`: it quotes them; `about`: words of its text."""
        return listing(service_of(request), "articles", limit, speaker=speaker, actor=actor, about=about, place=place,
                       since=since, until=until, publisher=publisher, after=after)  # fmt: skip

    @router.get("/articles/{article_id:path}", response_model=ArticleRecord, responses=ERRORS, tags=["corpus"])
    def article(request: Request, article_id: str) -> ArticleRecord:
        """One article's record, exactly as `POST /extract` returned it when it was stored."""
        with service_of(request).reader() as store:
            found = api.record(store, article_id)
        if found is None:
            raise HTTPException(404, f"no article {shown(article_id)} in the store")
        return found

    @router.get("/quotes", response_model=Page[QuoteItem], responses=ERRORS, tags=["corpus"])
    def quotes(
        request: Request, speaker: Speaker = None, actor: Actor = None, about: About = None, place: Place = None,
        since: Since = None, until: Until = None, publisher: Publisher = None, after: After = None, limit: Limit = None,
    ) -> dict[str, Any]:  # fmt: skip
        """Statements, oldest first (as `parley quotes`); `about`: words of what was said;
        `actor`: the article names them."""
        return listing(service_of(request), "quotes", limit, speaker=speaker, actor=actor, about=about, place=place,
                       since=since, until=until, publisher=publisher, after=after)  # fmt: skip

    @router.get("/actors", response_model=Page[ActorItem], responses=ERRORS, tags=["corpus"])
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

    @router.get("/actors/{name:path}", response_model=ActorProfile, responses=ERRORS, tags=["corpus"])
    def actor_profile(
        request: Request, name: str, by: By = "month", place: Place = None, since: Since = None, until: Until = None,
        publisher: Publisher = None,
        sample: Annotated[int, Query(ge=0, le=max_page, description="How many statements and events to include.")] = 20,
    ) -> dict[str, Any]:  # fmt: skip
        """One actor by canonical name: their statements and mentions over time, the issues
        they take positions on, their events with others."""
        with service_of(request).reader() as store:
            profile = api.actor_profile(store, name, by=by, place=place, since=since, until=until, publisher=publisher, sample=sample)
        if profile is None:
            raise HTTPException(404, f"no actor {shown(name)} in the store (GET /actors lists them)")
        return profile

    @router.get("/events", response_model=Page[EventItem], responses=ERRORS, tags=["corpus"])
    def events(
        request: Request, actor: Annotated[str | None, Query(description="The source or the target (words of the name, or an alias).")] = None,
        type: Annotated[str | None, Query(description="A PLOVER event type: AGREE, CONSULT, REQUEST, ...")] = None,
        speaker: Speaker = None, about: About = None, place: Place = None, since: Since = None, until: Until = None,
        publisher: Publisher = None, after: After = None, limit: Limit = None,
    ) -> dict[str, Any]:  # fmt: skip
        """Who did what to whom (PLOVER), oldest first; `about`: words of the article's text."""
        return listing(service_of(request), "events", limit, actor=actor, type=type, speaker=speaker, about=about, place=place,
                       since=since, until=until, publisher=publisher, after=after)  # fmt: skip

    Issue = Annotated[str | None, Query(description="Words of the issue's name (Donbas).")]

    @router.get("/positions", response_model=Page[PositionItem], responses=ERRORS, tags=["corpus"])
    def positions(
        request: Request, actor: Annotated[str | None, Query(description="Who holds the position.")] = None, issue: Issue = None,
        about: About = None, place: Place = None, since: Since = None, until: Until = None, publisher: Publisher = None,
        after: After = None, limit: Limit = None,
    ) -> dict[str, Any]:  # fmt: skip
        """Stances: an actor's position on an issue, with its evidence; `about`: words of the
        issue or the evidence."""
        return listing(service_of(request), "positions", limit, actor=actor, issue=issue, about=about, place=place,
                       since=since, until=until, publisher=publisher, after=after)  # fmt: skip

    @router.get("/positions/matrix", response_model=PositionMatrix, responses=ERRORS, tags=["corpus"])
    def position_matrix(
        request: Request, issue: Issue = None, by: By = "month", actor: Annotated[str | None, Query(description="Who holds the position.")] = None,
        about: About = None, place: Place = None, since: Since = None, until: Until = None, publisher: Publisher = None,
    ) -> dict[str, Any]:  # fmt: skip
        """Actors x periods of the positions on an issue; each cell with its evidence."""
        with service_of(request).reader() as store:
            return api.position_matrix(store, issue, by=by, actor=actor, about=about, place=place, since=since, until=until, publisher=publisher)

    @router.get("/issues", response_model=Page[IssueItem], responses=ERRORS, tags=["corpus"])
    def issues(
        request: Request, issue: Issue = None, actor: Annotated[str | None, Query(description="Who holds a position on it.")] = None,
        about: About = None, place: Place = None, since: Since = None, until: Until = None, publisher: Publisher = None,
        after: After = None, limit: Limit = None,
    ) -> dict[str, Any]:  # fmt: skip
        """The issues positions are taken on, by the number of positions."""
        return listing(service_of(request), "issues", limit, issue=issue, actor=actor, about=about, place=place,
                       since=since, until=until, publisher=publisher, after=after)  # fmt: skip

    @router.get("/places", response_model=Page[PlaceItem], responses=ERRORS, tags=["corpus"])
    def places(
        request: Request, actor: Actor = None, speaker: Speaker = None, about: About = None, place: Place = None,
        since: Since = None, until: Until = None, publisher: Publisher = None, after: After = None, limit: Limit = None,
    ) -> dict[str, Any]:  # fmt: skip
        """The places the articles name, by mentions, with their points (the map draws these)."""
        return listing(service_of(request), "places", limit, actor=actor, speaker=speaker, about=about, place=place,
                       since=since, until=until, publisher=publisher, after=after)  # fmt: skip

    return router
