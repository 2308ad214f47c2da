"""``parley ingest``: read inputs, analyse them (here, in worker processes or on Dask), store
the records in batches, and report.

Idempotent and resumable: an article already stored — same id and same text (SHA-1) — is
skipped before it is analysed, so running the same command again after a crash (kill -9
included) analyses only what is missing, and every article ends up stored exactly once with
all its facts, because each batch is written in one transaction. An article whose id is
taken by a *different* text (``index.html`` in two folders) is stored as
``<id>~<first 8 hex digits of its SHA-1>``, which is just as stable across runs.

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
from ..model import Article
from ..pipeline import STAGES
from ..settings import Options
from ..store import MinHashParams, Store
from ..store.tables import content_hash
from .parallel import Backend, Batch, DaskBackend, make_backend
from .progress import NullReporter, Reporter, Stats
from .sources import count_articles, expand_inputs, read_input


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
    store = Store.open(db, params=params, threshold=options.corpus.dedup_threshold)
    report = IngestReport(db=str(db))
    stats = Stats(started=started)
    reporting = False
    try:
        params = store.minhash_params  # the store's own, fixed when it was made
        backend: Backend = make_backend(options, params, workers=workers, dask=dask, parts_root=Path(f"{db}.parts"))
        report.mode = backend.name
        paths, errors = expand_inputs(inputs)
        for error in errors:
            report.failures.append(IngestFailure(error.source, error.problem))
        stats.total = sum(count_articles(p) for p in paths)
        stats.failed = report.failed
        reporter.start(stats)
        reporting = True
        planned: dict[str, str] = {}

        def plan(article: Article) -> Article | None:
            """The article to analyse (its id possibly made unique), or None to skip it."""
            text_hash = content_hash(article.text)
            for candidate in (article.id, f"{article.id}~{text_hash[:8]}"):
                stored = store.known.get(candidate) or planned.get(candidate)
                if stored is None:
                    planned[candidate] = text_hash
                    return article if candidate == article.id else article.model_copy(update={"id": candidate})
                if stored == text_hash:
                    return None
            raise InputError(article.id, "the id and its hashed variant are both taken by other texts")

        def articles() -> Iterator[tuple[Article, str]]:
            for path in paths:
                for item in read_input(path, options.input):
                    if isinstance(item, InputError):
                        report.failures.append(IngestFailure(item.source, item.problem))
                        stats.failed += 1
                        reporter.update(stats)
                        continue
                    try:
                        chosen = plan(item)
                    except InputError as exc:
                        report.failures.append(IngestFailure(f"{path} (id {item.id})", exc.problem))
                        stats.failed += 1
                        continue
                    if chosen is None:
                        report.skipped += 1
                        stats.skipped += 1
                        reporter.update(stats)
                        continue
                    yield chosen, path

        with backend:
            report.workers = backend.workers
            try:
                for result in backend.run(_batches(articles(), options.corpus.batch_size)):
                    loaded = store.load_batch(result.tables)
                    backend.cleanup(result)
                    report.ingested += len(loaded.ingested)
                    report.skipped += len(loaded.skipped)
                    report.new_stories += loaded.new_stories
                    for where, reason in result.failures:
                        report.failures.append(IngestFailure(where, reason))
                    if result.pid:
                        key = f"pid {result.pid}"
                        report.peak_worker_rss_mib[key] = max(report.peak_worker_rss_mib.get(key, 0.0), result.peak_rss_mib)
                    stats.ingested = report.ingested
                    stats.skipped = report.skipped
                    stats.failed = report.failed
                    reporter.update(stats, batch_done=True)
                    if after_batch is not None:
                        after_batch(report)
            except BrokenProcessPool:
                raise ParleyError("a worker process died (out of memory?); what was stored is kept: run the same command again to resume") from None
            except ParleyError:
                raise
            except Exception as exc:  # a worker's environment (a Dask node without parley, say): one line, not a traceback
                problem = (str(exc).strip().splitlines() or [""])[0]
                raise ParleyError(
                    f"the analysis failed ({type(exc).__name__}: {problem}); what was stored is kept: fix it and run the same command again"
                ) from exc
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
