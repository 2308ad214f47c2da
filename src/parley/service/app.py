"""The FastAPI application behind ``parley serve``: the record as a REST API, and the web page.

:func:`create_app` builds the one app object that ``parley serve`` runs under uvicorn, that
``parley serve --get PATH`` sends a single request through, and that the tests drive with
FastAPI's ``TestClient``. Every route calls :mod:`parley.api`, as the command line does.

- The store is opened once (:mod:`parley.service.state`), read-only unless ingestion is
  allowed; each request reads through its own DuckDB cursor, so requests run side by side,
  and writes (``POST /articles``) take a lock. Without ``--db`` only ``POST /extract`` (and the
  paste box) work.
- Request bodies over ``max_request_bytes`` are refused with 413 before they are read whole.
- ``POST /articles`` is open only with ``allow_ingest`` and an API token (``Authorization:
  Bearer TOKEN``): 403 when ingestion is off, 401 without a token, 403 with a wrong one.
- Errors are JSON ``{"error": "one line", "detail": [...]}``; an unexpected exception is
  logged on the server with its traceback and answered with a 500 that has none.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..errors import ParleyError, StoreError
from .pool import Unavailable
from .routers import routers
from .state import Service, ServiceConfig

log = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


# Where /docs loads Swagger UI's script and style from.
DOCS_STATIC = "/docs-static"


def swagger_ui_dir() -> Path:
    """Swagger UI 5 (script, style, icon) as the fastapi-offline package ships it: the API docs
    page works on a machine with no network."""
    return Path(str(resources.files("fastapi_offline").joinpath("static")))


def static_dir() -> Path:
    """The web page's files: ``parley/web/static`` (hand-written HTML, JS and CSS, and the
    vendored world outline)."""
    return Path(str(resources.files("parley").joinpath("web", "static")))


class BodyLimit:
    """Refuse request bodies over ``max_bytes`` with 413: at once when ``Content-Length`` says
    so, otherwise as soon as the bytes received pass the limit (chunked uploads)."""

    class TooLarge(Exception):
        pass

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    def _refusal(self, status: int, message: str) -> JSONResponse:
        return JSONResponse({"error": message, "detail": None}, status_code=status)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        limit = self.max_bytes
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None:
            try:
                declared = int(length)
            except ValueError:
                await self._refusal(400, f"Content-Length {length[:20]!r} is not a number")(scope, receive, send)
                return
            if declared > limit:
                await self._refusal(413, f"the request body is {declared:,} bytes, over this server's limit of {limit:,}")(scope, receive, send)
                return
        received = 0
        started = False

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyLimit.TooLarge
            return message

        async def tracked(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted, tracked)
        except BodyLimit.TooLarge:
            if not started:
                await self._refusal(413, f"the request body is over this server's limit of {limit:,} bytes")(scope, receive, send)


# The longest error message answered: an error names what it is about, not kilobytes of it.
MAX_MESSAGE = 500


def _error(status: int, message: str, detail: list[Any] | None = None, headers: dict[str, str] | None = None) -> JSONResponse:
    if len(message) > MAX_MESSAGE:
        message = message[: MAX_MESSAGE - 1] + "…"
    return JSONResponse({"error": message, "detail": detail}, status_code=status, headers=headers)


def _trimmed_inputs(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Validation errors with the offending input cut short (it may be a whole request body)."""
    out = []
    for e in errors:
        value = e.get("input")
        if isinstance(value, str) and len(value) > 80:
            e = {**e, "input": value[:80] + "…"}
        elif isinstance(value, bytes) and len(value) > 80:
            e = {**e, "input": value[:80] + b"..."}
        elif isinstance(value, dict | list) and len(repr(value)) > 200:
            e = {**e, "input": repr(value)[:200] + "…"}
        out.append(e)
    return out


def _validation_message(errors: list[dict[str, Any]]) -> str:
    """FastAPI's validation errors as one line: "query -> since: Input should be a valid date"."""
    parts = []
    for e in errors[:3]:
        where = " -> ".join(str(x) for x in e.get("loc", ()))
        parts.append(f"{where}: {e.get('msg', 'invalid')}" if where else str(e.get("msg", "invalid")))
    more = f" (and {len(errors) - 3} more)" if len(errors) > 3 else ""
    return "invalid request: " + "; ".join(parts) + more


def install_error_handlers(app: FastAPI) -> None:
    """Every error as JSON ``{"error", "detail"}``; never a traceback."""

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _error(exc.status_code, str(exc.detail), headers=dict(exc.headers or {}))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = _trimmed_inputs(list(exc.errors()))
        detail = json.loads(json.dumps(jsonable_encoder(errors, custom_encoder={Exception: str}), default=str))
        return _error(422, _validation_message(errors), detail)

    @app.exception_handler(ParleyError)
    async def parley_error(request: Request, exc: ParleyError) -> JSONResponse:
        if isinstance(exc, Unavailable):
            log.warning("%s %s: 503: %s", request.method, request.url.path, exc)
            return _error(503, str(exc), headers={"Retry-After": "5"})
        if isinstance(exc, StoreError):
            log.error("store error on %s %s: %s", request.method, request.url.path, exc)
            return _error(503, f"the corpus store cannot be used: {exc}")
        return _error(422, str(exc))  # bad input or options: the client can fix it

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return _error(500, "internal error: the server could not answer this request (the details are in its log)")


def create_app(config: ServiceConfig | None = None) -> FastAPI:
    """The app: REST routes (:mod:`parley.service.routers`), the web page under ``/ui/``, its
    static files under ``/static/``, and the OpenAPI document at ``/openapi.json``."""
    cfg = config or ServiceConfig()
    service = Service(cfg)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> Any:
        if cfg.start_workers:
            service.pool.start()
        yield
        service.close()

    app = FastAPI(
        title="parley",
        version=__version__,
        description=(
            "Who said what, about what, when and where, and who says so: sourced records from news articles. "
            "`POST /extract` analyses one article; the other routes read the corpus store the server was started with "
            "(`parley serve --db FILE`). Listings are paged: pass a page's `next` as `after` for the following page. "
            "The web page is at [/ui/](/ui/)."
        ),
        lifespan=lifespan,
        docs_url=None,  # /docs below: Swagger UI from files the app serves, never from a CDN
        redoc_url=None,
    )
    app.state.service = service
    install_error_handlers(app)
    for router in routers(cfg.options):
        app.include_router(router)
    app.add_middleware(BodyLimit, max_bytes=cfg.body_limit)

    static = static_dir()
    app.mount("/static", StaticFiles(directory=static), name="static")
    app.mount(DOCS_STATIC, StaticFiles(directory=swagger_ui_dir()), name="docs-static")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title="parley API",
            swagger_js_url=f"{DOCS_STATIC}/swagger-ui-bundle.js",
            swagger_css_url=f"{DOCS_STATIC}/swagger-ui.css",
            swagger_favicon_url=f"{DOCS_STATIC}/favicon.png",
        )

    @app.get("/", include_in_schema=False)
    def home() -> RedirectResponse:
        return RedirectResponse("/ui/")

    @app.get("/ui", include_in_schema=False)
    @app.get("/ui/{page:path}", include_in_schema=False)
    def web_page(page: str = "") -> FileResponse:
        """Every page of the web UI is the same shell; its script reads the path, fetches the
        JSON the page shows from the REST routes and draws it."""
        return FileResponse(static / "index.html", media_type="text/html")

    return app
