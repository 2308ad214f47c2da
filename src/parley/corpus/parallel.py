"""Where the analysis of a batch of articles runs: here, in local worker processes, or on a
Dask cluster. Every way runs the same :func:`extract_batch` and hands back the same Arrow
tables (Dask workers write them as Parquet parts, which the store loads), in the order the
batches were made, so the store ends up identical whichever way it was filled.

- serial: this process (spaCy loaded here);
- ``--workers N``: a ``ProcessPoolExecutor`` of N spawned processes, each loading the spaCy
  pipeline and the data files once (``load_pipeline`` is cached per process); batches are
  analysed in parallel and stored in order. Processes are spawned, not forked: this process
  holds an open DuckDB connection and threads, which a fork would copy mid-flight;
- ``--dask ADDRESS`` or ``--dask local:N``: a ``distributed.Client`` for a running scheduler,
  or a ``LocalCluster`` of N single-threaded worker processes. Each task writes its tables as
  Parquet files to a parts folder (which must be the same path on every node: a shared
  filesystem) and returns their paths; the store loads them and deletes them.

At most ``2 × workers + 1`` batches are in flight, so memory stays flat on any corpus.
"""

from __future__ import annotations

import contextlib
import logging
import os
import resource
import shutil
import tempfile
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Any, Protocol

import pyarrow as pa
import pyarrow.parquet as pq

from ..errors import OptionError, ParleyError
from ..model import Article
from ..pipeline import Failure, run
from ..settings import Options
from ..store import MinHashParams
from ..store.tables import record_tables
from .syndication import signature

log = logging.getLogger(__name__)

Batch = list[tuple[Article, str]]  # articles with the input each came from


@dataclass
class BatchResult:
    """A batch's tables (Arrow tables, or Parquet paths from a Dask worker), the articles that
    failed with their reasons, and the peak memory of the process that did the work."""

    tables: dict[str, Any]
    failures: list[tuple[str, str]] = field(default_factory=list)
    peak_rss_mib: float = 0.0
    pid: int = 0
    parts_dir: str | None = None


def peak_rss_mib() -> float:
    """This process's peak resident memory, in MiB.

    On Linux, from ``VmHWM`` in /proc/self/status: ``getrusage``'s ``ru_maxrss`` survives
    ``execve``, so a spawned worker would report its parent's peak if larger."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@contextlib.contextmanager
def _quiet_stage_warnings() -> Iterator[None]:
    """Failed articles go into the ingest summary; unless logging is verbose, the pipeline's
    own warning for each would only repeat it (and, from a worker, break the progress bar)."""
    logger = logging.getLogger("parley.pipeline")
    if logger.isEnabledFor(logging.INFO):
        yield
        return
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def extract_batch(batch: Batch, options: Options, params: MinHashParams) -> BatchResult:
    """Analyse one batch; an article whose analysis fails is reported, not the batch."""
    with _quiet_stage_warnings():
        return _extract_batch(batch, options, params)


def _extract_batch(batch: Batch, options: Options, params: MinHashParams) -> BatchResult:
    failures: list[tuple[str, str]] = []

    def failed(f: Failure) -> None:
        failures.append((f.article_id, str(f.error)))

    articles = [a for a, _ in batch]
    stages = options.corpus.stages
    try:
        records = list(run(articles, options, on_error=failed, stages=stages))
    except ParleyError:
        raise  # a configuration problem (model, data file): every batch would fail alike
    except Exception:
        # spaCy itself failed on some text of the batch: retry one by one to name it
        failures.clear()
        records = []
        for article in articles:
            try:
                records.extend(run([article], options, on_error=failed, stages=stages))
            except ParleyError:
                raise
            except Exception as exc:
                failures.append((article.id, f"article {article.id}: analysis failed: {type(exc).__name__}: {exc}"))
    source_of = {a.id: s for a, s in batch}
    tables = record_tables(records, [source_of[r.id] for r in records], [signature(r.text, params) for r in records])
    return BatchResult(tables, failures, peak_rss_mib(), os.getpid())


def extract_to_parquet(batch: Batch, options: Options, params: MinHashParams, parts_dir: str, part: str) -> BatchResult:
    """:func:`extract_batch`, with the tables written as Parquet parts (a Dask task)."""
    result = extract_batch(batch, options, params)
    folder = Path(parts_dir)
    folder.mkdir(parents=True, exist_ok=True)
    paths: dict[str, str] = {}
    for name, table in result.tables.items():
        path = folder / f"{part}.{name}.parquet"
        tmp = folder / f".{part}.{name}.parquet.tmp"
        pq.write_table(table, tmp)
        os.replace(tmp, path)  # a part is there whole or not at all
        paths[name] = str(path)
    result.tables = paths
    return result


class _Future(Protocol):
    def result(self) -> Any: ...


def ordered(submit: Callable[[Batch], _Future], batches: Iterable[Batch], window: int) -> Iterator[BatchResult]:
    """Submit batches with at most ``window`` in flight; results in submission order."""
    pending: deque[_Future] = deque()
    for batch in batches:
        pending.append(submit(batch))
        while len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


class Backend:
    """Runs batches; a context manager that starts and stops its workers."""

    name = "serial"
    workers = 1

    def __init__(self, options: Options, params: MinHashParams) -> None:
        self.options = options
        self.params = params

    def __enter__(self) -> Backend:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def run(self, batches: Iterable[Batch]) -> Iterator[BatchResult]:
        for batch in batches:
            yield extract_batch(batch, self.options, self.params)

    def cleanup(self, result: BatchResult) -> None:
        """Drop what a stored batch left behind (Parquet parts)."""


class ProcessBackend(Backend):
    name = "processes"

    def __init__(self, options: Options, params: MinHashParams, workers: int) -> None:
        super().__init__(options.model_copy(update={"nlp": options.nlp.model_copy(update={"n_process": 1})}), params)
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> ProcessBackend:
        self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=get_context("spawn"))
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def run(self, batches: Iterable[Batch]) -> Iterator[BatchResult]:
        pool = self._pool
        assert pool is not None, "use the backend as a context manager"
        yield from ordered(lambda b: pool.submit(extract_batch, b, self.options, self.params), batches, 2 * self.workers + 1)


class DaskBackend(Backend):
    name = "dask"

    def __init__(self, options: Options, params: MinHashParams, address: str, parts_root: Path) -> None:
        super().__init__(options.model_copy(update={"nlp": options.nlp.model_copy(update={"n_process": 1})}), params)
        self.address = address
        self.parts_root = parts_root
        self._client: Any = None
        self._cluster: Any = None
        self._parts: str | None = None
        self._run = uuid.uuid4().hex[:8]

    def __enter__(self) -> DaskBackend:
        try:
            from distributed import Client, LocalCluster
        except ImportError:  # pragma: no cover - a dependency
            raise OptionError("--dask needs the dask[distributed] package (pip install 'dask[distributed]')") from None
        address = self.address.strip()
        try:
            if address == "local" or address.startswith("local:"):
                count = address.partition(":")[2]
                try:
                    n = int(count) if count else (os.cpu_count() or 1)
                except ValueError:
                    raise OptionError(f"--dask {address}: expected local:N with N a number of workers") from None
                if n < 1:
                    raise OptionError(f"--dask {address}: at least one worker is needed")
                # distributed's constructors carry no annotations (mypy --strict: untyped call)
                self._cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.ERROR)  # type: ignore[no-untyped-call]
                self._client = Client(self._cluster)  # type: ignore[no-untyped-call]
            else:
                self._client = Client(address, timeout="20s")  # type: ignore[no-untyped-call]
        except OptionError:
            raise
        except (OSError, TimeoutError) as exc:
            raise OptionError(f"--dask {address}: cannot reach the scheduler ({str(exc).splitlines()[0]})") from None
        self.workers = max(1, len(self._client.scheduler_info().get("workers", {})))
        # the store is locked by this process, so parts of earlier runs on it are leftovers
        # of a killed run: remove them
        self.parts_root.mkdir(parents=True, exist_ok=True)
        for stale in self.parts_root.glob("run-*"):
            shutil.rmtree(stale, ignore_errors=True)
        self._parts = tempfile.mkdtemp(prefix=f"run-{self._run}-", dir=self.parts_root)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._client is not None:
            self._client.close()
        if self._cluster is not None:
            self._cluster.close()
        self._client = self._cluster = None
        if self._parts is not None:
            shutil.rmtree(self._parts, ignore_errors=True)
            with contextlib.suppress(OSError):
                self.parts_root.rmdir()  # only when empty

    def run(self, batches: Iterable[Batch]) -> Iterator[BatchResult]:
        client = self._client
        assert client is not None and self._parts is not None, "use the backend as a context manager"
        counter = iter(range(1 << 62))
        parts = self._parts

        def submit(batch: Batch) -> _Future:
            n = next(counter)
            part = f"part-{n:08d}"
            key = f"parley-extract-{self._run}-{n}"
            future: _Future = client.submit(extract_to_parquet, batch, self.options, self.params, parts, part, key=key, pure=False)
            return future

        window = 2 * self.workers + 1
        for result in ordered(submit, batches, window):
            result.parts_dir = parts
            yield result

    def cleanup(self, result: BatchResult) -> None:
        for path in result.tables.values():
            if not isinstance(path, pa.Table):
                Path(path).unlink(missing_ok=True)

    def worker_peak_rss_mib(self) -> dict[str, float]:
        """Peak memory of each Dask worker process, in MiB."""
        if self._client is None:
            return {}
        return dict(self._client.run(peak_rss_mib))


def make_backend(options: Options, params: MinHashParams, *, workers: int = 1, dask: str | None = None, parts_root: Path | None = None) -> Backend:
    if dask:
        if workers > 1:
            raise OptionError("give either --workers or --dask, not both")
        return DaskBackend(options, params, dask, parts_root or Path(tempfile.gettempdir()) / "parley-parts")
    if workers < 1:
        raise OptionError(f"--workers {workers}: at least one worker is needed")
    if workers == 1:
        return Backend(options, params)
    return ProcessBackend(options, params, workers)
