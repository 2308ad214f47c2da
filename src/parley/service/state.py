"""What one app holds while it runs: how ``parley serve`` was started, the open store, the locks,
and the analysis workers (:mod:`parley.service.pool`).

The store is opened once, read-only unless ingestion is allowed; each request reads through
its own DuckDB cursor, so requests run side by side, and writes (``POST /articles``) take a
lock. Every use of the store goes through :mod:`parley.api`.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from fastapi import Request
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import api
from ..errors import OptionError
from ..settings import Options, load_options
from .pool import WorkerPool

if TYPE_CHECKING:
    from ..api import Store, Writer

# The environment variable ``parley serve`` reads the API token from when --token is not given.
TOKEN_ENV = "PARLEY_API_TOKEN"


@dataclass
class ServiceConfig:
    """How ``parley serve`` was started."""

    db: Path | None = None
    allow_ingest: bool = False
    token: str | None = None
    options: Options = field(default_factory=load_options)
    max_request_bytes: int | None = None  # None: options.service.max_request_bytes
    workers: int | None = None  # analysis worker processes; None: options.service.workers
    deadline: float | None = None  # seconds per article; None: options.service.deadline
    start_workers: bool = False  # start the workers with the app (parley serve), not on first use

    @property
    def body_limit(self) -> int:
        return self.max_request_bytes or self.options.service.max_request_bytes


class Service:
    """The state one app holds: its configuration, the open store, and the locks."""

    def __init__(self, config: ServiceConfig) -> None:
        if config.allow_ingest and not config.token:
            raise OptionError(f"--allow-ingest needs an API token: give --token or set ${TOKEN_ENV}")
        if config.allow_ingest and config.db is None:
            raise OptionError("--allow-ingest needs a store to write to: give --db FILE")
        if config.body_limit < 1:
            raise OptionError(f"--max-bytes {config.body_limit}: must be at least 1")
        self.config = config
        self.store: Store | None = None
        self.writer: Writer | None = None
        if config.db is not None:
            self.store = api.open_store(config.db, read_only=not config.allow_ingest)
            if config.allow_ingest:
                self.writer = api.store_writer(self.store, config.options)
        self.write_lock = threading.Lock()
        self.cursor_lock = threading.Lock()  # a connection is not to be used by two threads at once, even to open a cursor
        workers = config.workers or config.options.service.workers
        deadline = config.deadline or config.options.service.deadline
        self.pool = WorkerPool(config.options, workers, deadline, config.options.service.queue)  # analyses, off the event loop

    @contextmanager
    def reader(self) -> Iterator[Store]:
        """The store for one request, on a cursor of its own (DuckDB cursors may be used from
        several threads at once); 404 when the server has none."""
        if self.store is None:
            raise StarletteHTTPException(404, "this server has no corpus store (start it with: parley serve --db FILE)")
        with self.cursor_lock:
            reader = self.store.reader()
        try:
            yield reader
        finally:
            reader.close()

    def close(self) -> None:
        self.pool.close()
        if self.store is not None:
            self.store.close()
            self.store = None


def service_of(request: Request) -> Service:
    """The state of the app serving ``request``."""
    service: Service = request.app.state.service
    return service
