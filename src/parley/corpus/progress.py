"""Progress of ``parley ingest``: a Rich progress bar (docs/s, ETA) on a terminal, and quiet
``key=value`` lines otherwise, so that logs of a batch job can be read by a person and by
``grep``/``awk`` alike::

    parley ingest: done=640 total=3000 ingested=610 skipped=25 failed=5 rate=41.2 eta=57s
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import IO, Protocol

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn


@dataclass
class Stats:
    """Counts so far; ``done`` counts every article met (stored, skipped or failed)."""

    total: int = 0
    ingested: int = 0
    skipped: int = 0
    failed: int = 0
    started: float = 0.0

    @property
    def done(self) -> int:
        return self.ingested + self.skipped + self.failed

    @property
    def elapsed(self) -> float:
        return max(time.monotonic() - self.started, 1e-9)

    @property
    def rate(self) -> float:
        """Articles analysed and stored per second (skips are nearly free, so not counted)."""
        return (self.ingested + self.failed) / self.elapsed

    @property
    def eta(self) -> float | None:
        if self.total <= self.done:
            return 0.0
        per_s = self.done / self.elapsed
        return (self.total - self.done) / per_s if per_s > 0 else None


class Reporter(Protocol):
    def start(self, stats: Stats) -> None: ...

    def update(self, stats: Stats, *, batch_done: bool = False) -> None: ...

    def finish(self, stats: Stats) -> None: ...


class NullReporter:
    def start(self, stats: Stats) -> None:
        return None

    def update(self, stats: Stats, *, batch_done: bool = False) -> None:
        return None

    def finish(self, stats: Stats) -> None:
        return None


def _eta(stats: Stats) -> str:
    eta = stats.eta
    return "?" if eta is None else f"{eta:.0f}s"


def progress_line(stats: Stats) -> str:
    return (
        f"parley ingest: done={stats.done} total={stats.total} ingested={stats.ingested} skipped={stats.skipped} "
        f"failed={stats.failed} rate={stats.rate:.1f} eta={_eta(stats)}"
    )


class LogReporter:
    """A line at most every ``every`` seconds, when a batch has been stored (0: each batch)."""

    def __init__(self, stream: IO[str], every: float = 10.0) -> None:
        self.stream = stream
        self.every = every
        self._last = 0.0

    def start(self, stats: Stats) -> None:
        self._last = time.monotonic()

    def update(self, stats: Stats, *, batch_done: bool = False) -> None:
        now = time.monotonic()
        if batch_done and now - self._last >= self.every:
            self._last = now
            self.stream.write(progress_line(stats) + "\n")
            self.stream.flush()

    def finish(self, stats: Stats) -> None:
        self.stream.write(progress_line(stats) + "\n")
        self.stream.flush()


class RichReporter:
    """A progress bar: articles done of the total, docs/s, elapsed time and ETA."""

    def __init__(self, console: Console) -> None:
        self.progress = Progress(
            TextColumn("[bold]ingest"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]:>6.1f} docs/s"),
            TimeElapsedColumn(),
            TextColumn("ETA {task.fields[eta]}"),
            TextColumn("[dim]skipped {task.fields[skipped]} · failed {task.fields[failed]}"),
            console=console,
            transient=False,
        )
        self.task: TaskID | None = None

    def start(self, stats: Stats) -> None:
        self.progress.start()
        self.task = self.progress.add_task("ingest", total=stats.total or None, rate=0.0, eta="?", skipped=0, failed=0)

    def update(self, stats: Stats, *, batch_done: bool = False) -> None:
        if self.task is None:
            return
        total = max(stats.total, stats.done) or None
        self.progress.update(self.task, completed=stats.done, total=total, rate=stats.rate, eta=_eta(stats), skipped=stats.skipped, failed=stats.failed)

    def finish(self, stats: Stats) -> None:
        self.update(stats)
        self.progress.stop()


def reporter_for(console: Console, *, every: float = 10.0) -> Reporter:
    """A bar on a terminal, ``key=value`` lines to the console's stream otherwise."""
    if console.is_terminal:
        return RichReporter(console)
    return LogReporter(console.file, every)
