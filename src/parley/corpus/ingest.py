"""``parley ingest``: read inputs, analyse them (here, in worker processes or on Dask), store
the records in batches, and report.

Idempotent and resumable: an article already stored — same id and same text (SHA-1) — is
skipped before it is analysed, so running the same command again after a crash (kill -9
included) analyses only what is missing, and every article ends up stored exactly once with
all its facts, because each batch is written in one transaction. An article whose id is
taken by a *different* text gets another id (:mod:`parley.corpus.writer`).

A bad input (unreadable file, malformed record, an article a stage fails on) is reported with
its reason in the summary and skipped; the run goes on.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, OptionError, ParleyError
from ..ingest.sources import count_articles, expand_inputs, read_input
from ..model import Article
from ..pipeline import STAGES
from ..settings import Options
from ..store import LoadResult, MinHashParams, Store
from .parallel import Backend, Batch, BatchResult, DaskBackend, make_backend
from .progress import NullReporter, Reporter, Stats
from .writer import StoredIds, Writer


@dataclass
class IngestFailure:
    """An input or article that was not stored, and why."""

    where: str
    reason: str


@dataclass
class IngestReport:
    """What one ingest did."""

    db: str
    mode: str = "serial"
    workers: int = 1
    ingested: int = 0
    skipped: int = 0
    new_stories: int = 0
    failures: list[IngestFailure] = field(default_factory=list)
    seconds: float = 0.0
    peak_worker_rss_mib: dict[str, float] = field(default_factory=dict)
    articles_in_store: int = 0
    stories_in_store: int = 0

    @property
    def failed(self) -> int:
        return len(self.failures)

    @property
    def docs_per_s(self) -> float:
        return (self.ingested + self.failed) / self.seconds if self.seconds > 0 else 0.0

    def summary(self) -> list[str]:
        """The closing lines: counts first, then each failure with its reason."""
        lines = [
            f"ingested {self.ingested:,} articles ({self.new_stories:,} new stories) in {self.seconds:.1f}s "
            f"({self.docs_per_s:.1f} docs/s, {self.mode}, {self.workers} worker{'s' if self.workers != 1 else ''}); "
            f"skipped {self.skipped:,} already stored; failed {self.failed:,}",
            f"{self.db}: {self.articles_in_store:,} articles, {self.stories_in_store:,} stories",
        ]
        lines += [f"failed: {f.where}: {f.reason}" if not f.reason.startswith(f.where) else f"failed: {f.reason}" for f in self.failures]
        return lines


def check_stages(stages: Iterable[str]) -> list[str]:
    chosen = list(stages)
    unknown = [s for s in chosen if s not in STAGES]
    if unknown:
        raise OptionError(f"unknown stage {unknown[0]!r} in [corpus] stages (known: {', '.join(STAGES)})")
    return chosen


def _batches(items: Iterable[tuple[Article, str]], size: int) -> Iterator[Batch]:
    batch: Batch = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class _Run:
    """One ingest: the report and progress counts, updated as inputs are read and batches stored."""

    def __init__(self, report: IngestReport, reporter: Reporter, stats: Stats) -> None:
        self.report = report
        self.reporter = reporter
        self.stats = stats

    def failed(self, where: str, reason: str, *, update: bool = True) -> None:
        self.report.failures.append(IngestFailure(where, reason))
        self.stats.failed += 1
        if update:
            self.reporter.update(self.stats)

    def articles(self, paths: list[str], ids: StoredIds, options: Options) -> Iterator[tuple[Article, str]]:
        """The articles of ``paths`` still to analyse, each with its input; failures and
        articles already stored are counted here."""
        for path in paths:
            for item in read_input(path, options.input):
                if isinstance(item, InputError):
                    self.failed(item.source, item.problem)
                    continue
                try:
                    planned = ids.plan(item)
                except InputError as exc:
                    self.failed(f"{path} (id {item.id})", exc.problem, update=False)
                    continue
                if not planned.new:
                    self.report.skipped += 1
                    self.stats.skipped += 1
                    self.reporter.update(self.stats)
                    continue
                yield planned.article, path

    def stored(self, result: BatchResult, loaded: LoadResult) -> None:
        """Count a batch the store has taken."""
        report = self.report
        report.ingested += len(loaded.ingested)
        report.skipped += len(loaded.skipped)
        report.new_stories += loaded.new_stories
        for where, reason in result.failures:
            report.failures.append(IngestFailure(where, reason))
        if result.pid:
            key = f"pid {result.pid}"
            report.peak_worker_rss_mib[key] = max(report.peak_worker_rss_mib.get(key, 0.0), result.peak_rss_mib)
        self.stats.ingested = report.ingested
        self.stats.skipped = report.skipped
        self.stats.failed = report.failed
        self.reporter.update(self.stats, batch_done=True)


def _run_batches(run: _Run, backend: Backend, batches: Iterable[Batch], writer: Writer, after_batch: Callable[[IngestReport], None] | None) -> None:
    """Analyse and store every batch; a failure of the analysis machinery is one line."""
    try:
        for result in backend.run(batches):
            loaded = writer.load(result.tables)
            backend.cleanup(result)
            run.stored(result, loaded)
            if after_batch is not None:
                after_batch(run.report)
    except BrokenProcessPool:
        raise ParleyError("a worker process died (out of memory?); what was stored is kept: run the same command again to resume") from None
    except ParleyError:
        raise
    except Exception as exc:  # a worker's environment (a Dask node without parley, say): one line, not a traceback
        problem = (str(exc).strip().splitlines() or [""])[0]
        raise ParleyError(f"the analysis failed ({type(exc).__name__}: {problem}); what was stored is kept: fix it and run the same command again") from exc


def ingest(
    inputs: Iterable[str],
    db: str | Path,
    options: Options,
    *,
    workers: int = 1,
    dask: str | None = None,
    reporter: Reporter | None = None,
    after_batch: Callable[[IngestReport], None] | None = None,
) -> IngestReport:
    """Read ``inputs`` (files, folders, glob patterns, ``-``), analyse what the store at
    ``db`` does not hold yet and store it; returns the report."""
    check_stages(options.corpus.stages)
    reporter = reporter or NullReporter()
    started = time.monotonic()
    params = MinHashParams(num_perm=options.corpus.num_perm, shingle_words=options.corpus.shingle_words)
    store = Store.open(db, params=params)
    report = IngestReport(db=str(db))
    stats = Stats(started=started)
    run = _Run(report, reporter, stats)
    reporting = False
    try:
        writer = Writer(store, options.corpus.dedup_threshold)
        # the store's own MinHash parameters, fixed when it was made
        backend = make_backend(options, store.minhash_params, workers=workers, dask=dask, parts_root=Path(f"{db}.parts"))
        report.mode = backend.name
        paths, errors = expand_inputs(inputs)
        for error in errors:
            report.failures.append(IngestFailure(error.source, error.problem))
        stats.total = sum(count_articles(p) for p in paths)
        stats.failed = report.failed
        reporter.start(stats)
        reporting = True
        with backend:
            report.workers = backend.workers
            batches = _batches(run.articles(paths, StoredIds(store.known), options), options.corpus.batch_size)
            _run_batches(run, backend, batches, writer, after_batch)
            if isinstance(backend, DaskBackend):
                report.peak_worker_rss_mib = {f"dask {k}": v for k, v in backend.worker_peak_rss_mib().items()}
        counts = store.counts()
        report.articles_in_store = counts["articles"]
        report.stories_in_store = counts["stories"]
    finally:
        report.seconds = time.monotonic() - started
        if reporting:
            reporter.finish(stats)
        store.close()
    return report
