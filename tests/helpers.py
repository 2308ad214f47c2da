"""Paths and helpers shared by the tests."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from parley.model import ArticleRecord

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SAMPLES = ROOT / "samples"


def actors_of(record: ArticleRecord) -> dict[str, str | None]:
    """Mention text -> canonical actor (the last mention wins for repeated texts)."""
    return {m.text: m.actor for m in record.mentions}


def needs_shared(name: str) -> Path:
    """A file in ../shared, or skip the test with the reason when it is absent (a user's clone)."""
    path = SHARED / name
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared gold data only exists beside the project's own checkout")
    return path


def gold_scores(name: str) -> dict[str, dict[str, float]]:
    """Run the extractor on a shared gold file (texts only) and score it with score.py."""
    from parley.evaluation import evaluate

    gold = needs_shared(f"gold/{name}")
    scorer = needs_shared("eval/score.py")
    return evaluate(scorer, gold)["scores"]  # type: ignore[no-any-return]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serving(app: Any) -> Iterator[str]:
    """``app`` under uvicorn in a thread, on a free localhost port; yields its base URL."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)
