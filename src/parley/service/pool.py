"""The service's analysis workers: processes that can be stopped, so no request can hang the server.

A thread stuck inside spaCy cannot be interrupted, so ``POST /extract`` and ``POST /articles``
hand their articles to a worker process (``multiprocessing``, started with ``spawn``: a fork of a
server with running threads is unsafe). Each worker loads the pipeline once, warms it up, and
then analyses one request at a time. The request waits for its answer in a thread of the
server, never on the event loop, so ``/info`` and the corpus routes keep answering.

- A request that is not answered within the deadline (``[service] deadline`` seconds per
  article) gets 503, and its worker is killed and replaced: the next request finds a fresh one.
- When every worker is busy, a request waits for one (within its deadline); more than
  ``[service] queue`` waiting requests get 503 at once.
- :meth:`WorkerPool.close` (the app's shutdown) kills the workers and wakes every waiting
  request, so the server stops within seconds even while a request runs (``parley serve`` on
  SIGTERM).
"""

from __future__ import annotations

import logging
import multiprocessing
import signal
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from ..errors import ParleyError
from ..model import Article, ArticleRecord
from ..settings import Options

log = logging.getLogger(__name__)

# How often a waiting request looks at its worker, the deadline and the pool's state (seconds).
_POLL = 0.1
# Seconds a worker may take to load the pipeline and its data before it counts as failed.
_START_TIMEOUT = 600.0


class Unavailable(ParleyError):
    """The service cannot analyse this request now (answered with 503)."""


@dataclass
class Outcome:
    """What a worker made of a request's articles: records, and (id, reason) of failures."""

    records: list[ArticleRecord]
    failures: list[tuple[str, str]]


def _serve(conn: Connection, options: Options) -> None:
    """A worker's life: load and warm up the pipeline, then answer requests until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle; it stops us
    from .. import api
    from ..pipeline import Failure

    try:
        api.extract("Parley warms up: the minister said on Monday that talks in Geneva would resume.", options=options)
    except Exception as exc:  # the model or a data file cannot be loaded: say so, and stop
        conn.send(("failed", f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("ready", None))
    while True:
        try:
            articles = conn.recv()
        except (EOFError, OSError):
            return  # the server is gone
        if articles is None:
            return
        failed: list[Failure] = []
        try:
            records = list(api.extract_many(articles, options=options, on_error=failed.append))
            conn.send(("done", Outcome(records, [(f.article_id, str(f.error)) for f in failed])))
        except Exception as exc:  # reported to the request, which answers 500; the worker lives on
            conn.send(("crashed", f"{type(exc).__name__}: {exc}"))


class _Worker:
    def __init__(self, context: Any, options: Options) -> None:
        self.conn, child = multiprocessing.Pipe()
        self.process = context.Process(target=_serve, args=(child, options), daemon=True, name="parley-analysis")
        self.process.start()
        child.close()
        self.ready = False
        self.dismissed = False  # by WorkerPool.close()

    def stop(self) -> None:
        """Kill the process (it may be deep inside spaCy: a polite request would wait)."""
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()


class WorkerPool:
    """``size`` worker processes, started on first use (or by :meth:`start`)."""

    def __init__(self, options: Options, size: int, deadline: float, queue: int) -> None:
        self.options = options
        self.size = size
        self.deadline = deadline
        self.queue = queue
        self._context = multiprocessing.get_context("spawn")
        self._lock = threading.Condition()
        self._idle: list[_Worker] = []
        self._all: set[_Worker] = set()  # idle and busy: close() kills them all
        self._started = 0
        self._waiting = 0
        self._generation = 0  # one more at each close(): who waited before it gets 503

    def start(self) -> None:
        """Start every worker now, so the first request does not wait for the model to load."""
        with self._lock:
            while self._started < self.size:
                self._idle.append(self._spawn())

    def _spawn(self) -> _Worker:
        self._started += 1
        worker = _Worker(self._context, self.options)
        self._all.add(worker)
        return worker

    def analyse(self, articles: Sequence[Article]) -> Outcome:
        """Records for ``articles`` from a worker (blocking: call it from a thread), or
        :class:`Unavailable` when the pool is full, the deadline passes or the pool closes."""
        limit = time.monotonic() + self.deadline * max(1, len(articles))
        worker = self._acquire(limit)
        healthy = False
        try:
            self._wait_ready(worker)
            try:
                worker.conn.send(list(articles))
            except OSError:
                raise Unavailable("the analysis worker stopped before it could take the request") from None
            status, payload = self._answer(worker, limit)
            healthy = True
        finally:
            self._release(worker, healthy)
        if status == "crashed":
            raise RuntimeError(f"the analysis worker failed: {payload}")
        assert isinstance(payload, Outcome)
        return payload

    def _acquire(self, limit: float) -> _Worker:
        with self._lock:
            generation = self._generation
            if not self._idle and self._started >= self.size and self._waiting >= self.queue:
                raise Unavailable(f"the server is busy: {self.size} analysis worker(s) at work and {self._waiting} request(s) waiting; try again later")
            self._waiting += 1
            try:
                while not self._idle and self._started >= self.size:
                    if self._generation != generation:
                        raise Unavailable("the server is shutting down")
                    if time.monotonic() > limit:
                        raise Unavailable("the server is busy: no analysis worker became free before this request's deadline; try again later")
                    self._lock.wait(_POLL)
                return self._idle.pop() if self._idle else self._spawn()
            finally:
                self._waiting -= 1

    def _release(self, worker: _Worker, healthy: bool) -> None:
        with self._lock:
            if worker.dismissed:
                worker.stop()  # close() has counted it out already
            elif healthy:
                self._idle.append(worker)
            else:
                worker.stop()
                self._all.discard(worker)
                self._started -= 1
                self._idle.append(self._spawn())  # a fresh one, loading while nobody waits for it
            self._lock.notify()

    def _wait_ready(self, worker: _Worker) -> None:
        if worker.ready:
            return
        limit = time.monotonic() + _START_TIMEOUT
        status, payload = self._answer(worker, limit, starting=True)
        if status != "ready":
            raise Unavailable(f"the analysis worker could not start: {payload}")
        worker.ready = True

    def _answer(self, worker: _Worker, limit: float, starting: bool = False) -> tuple[str, Any]:
        """The worker's next message; Unavailable when the deadline passes, it dies, or the pool closes."""
        while not self._poll(worker):
            if worker.dismissed:
                raise Unavailable("the server is shutting down")
            if not worker.process.is_alive():
                raise Unavailable(f"the analysis worker stopped (exit code {worker.process.exitcode}){' while starting' if starting else ''}")
            if time.monotonic() > limit:
                what = "start" if starting else "finish"
                raise Unavailable(
                    f"the analysis did not {what} within the deadline ({self.deadline:g} s per article, [service] deadline); the worker was replaced"
                )
        try:
            message: tuple[str, Any] = worker.conn.recv()
        except (EOFError, OSError):
            raise Unavailable("the analysis worker stopped before answering") from None
        return message

    def _poll(self, worker: _Worker) -> bool:
        try:
            return worker.conn.poll(_POLL)
        except (OSError, ValueError):  # closed under us by close()
            raise Unavailable("the server is shutting down" if worker.dismissed else "the analysis worker stopped") from None

    def close(self) -> None:
        """Kill every worker, busy or not, and wake the requests waiting on them (they get 503).
        The pool stays usable: a later request starts fresh workers (an app whose lifespan
        ends and starts again, as a test harness may do)."""
        with self._lock:
            workers, self._all, self._idle, self._started = list(self._all), set(), [], 0
            self._generation += 1
            for worker in workers:
                worker.dismissed = True
            self._lock.notify_all()
        for worker in workers:  # busy ones too: uvicorn ends the process on SIGTERM without running atexit
            worker.stop()
