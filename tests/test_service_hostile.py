"""The service under hostile requests (issue 15): analysis in worker processes with a deadline,
/info answering meanwhile, a bounded queue, SIGTERM honoured within seconds, encodings
honoured, errors that do not echo the request, and /docs that works with no network."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from parley.corpus import write_records
from parley.service import ServiceConfig, create_app
from parley.settings import load_options
from parley.store import Store

from .corpus import fixture_records
from .helpers import ROOT, SAMPLES, free_port, serving

SAMPLE = (SAMPLES / "peace-talks.txt").read_text("utf-8").strip()
SLOW = "\n\n".join([SAMPLE] * 120)  # ~175,000 characters: ~10 s of analysis here, well past the 3 s deadline


def request(url: str, body: Any = None, headers: dict[str, str] | None = None, timeout: float = 120) -> tuple[int, Any, float]:
    """(status, JSON answer, seconds) of a GET, or of a POST when ``body`` is given."""
    data = body if isinstance(body, bytes) or body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, headers=headers or {"Content-Type": "application/json"})
    start = time.monotonic()
    try:
        with urllib.request.urlopen(req, timeout=timeout) as res:  # the test's own localhost server
            return res.status, json.loads(res.read()), time.monotonic() - start
    except urllib.error.HTTPError as exc:
        raw = exc.read()
        try:
            return exc.code, json.loads(raw), time.monotonic() - start
        except ValueError:
            return exc.code, {"error": raw.decode("utf-8", "replace")}, time.monotonic() - start


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    """The app under uvicorn on a free port: one worker, a 3 s deadline, no queue."""
    db = tmp_path_factory.mktemp("hostile") / "corpus.duckdb"
    with Store.open(db) as store:
        write_records(store, fixture_records(), source="tests/corpus.py")
    options = load_options(service__queue=0)
    app = create_app(ServiceConfig(db=db, options=options, workers=1, deadline=3.0, start_workers=True))
    with serving(app) as url:
        status, _, _ = request(f"{url}/extract", {"text": "Putin said hi."}, timeout=600)  # the worker has loaded
        assert status == 200
        yield url


def _in_background(url: str, body: Any) -> tuple[threading.Thread, list[tuple[int, Any, float]]]:
    answers: list[tuple[int, Any, float]] = []

    def send() -> None:
        try:
            answers.append(request(url, body))
        except OSError as exc:  # the server went away (the SIGTERM test)
            answers.append((0, {"error": str(exc)}, 0.0))

    thread = threading.Thread(target=send)
    thread.start()
    return thread, answers


def test_a_pathological_request_is_answered_and_info_answers_meanwhile(server):
    text = "[" * 100_000 + " Putin said on Monday that talks would resume."
    thread, answers = _in_background(f"{server}/extract", {"text": text})
    time.sleep(0.3)
    status, info, seconds = request(f"{server}/info")
    assert status == 200 and info["version"] and seconds < 1.0
    thread.join(timeout=120)
    (status, record, _), = answers
    assert status == 200, record
    assert record["text"] == text and "Vladimir Putin" in {m["actor"] for m in record["mentions"]}


def test_past_the_deadline_503_and_the_next_request_gets_a_fresh_worker(server):
    thread, answers = _in_background(f"{server}/extract", {"text": SLOW})
    time.sleep(0.5)
    status, busy, _ = request(f"{server}/extract", {"text": "Putin said hi."})
    assert status == 503 and "busy" in busy["error"]  # one worker, no queue: refused at once
    status, _, seconds = request(f"{server}/info")
    assert status == 200 and seconds < 1.0
    status, found, _ = request(f"{server}/quotes?speaker=Putin")
    assert status == 200 and found["items"]  # the corpus routes never wait for a worker
    thread.join(timeout=120)
    (status, answer, seconds), = answers
    assert status == 503 and "deadline" in answer["error"] and seconds < 10
    status, record, _ = request(f"{server}/extract", {"text": "Putin said on Monday that talks would resume."}, timeout=600)
    assert status == 200 and record["quotes"]


def test_a_plain_text_post_in_its_declared_charset(server):
    body = "O presidente disse em São Paulo que a situação é grave, très bien.".encode("latin-1")
    status, record, _ = request(f"{server}/extract", body, {"Content-Type": "text/plain; charset=ISO-8859-1"})
    assert status == 200 and "São Paulo" in record["text"] and record["encoding"] == "iso8859-1"
    status, record, _ = request(f"{server}/extract", body, {"Content-Type": "text/plain"})  # guessed: Western first
    assert status == 200 and "São Paulo" in record["text"] and "très" in record["text"] and record["encoding"] == "cp1252"
    status, answer, _ = request(f"{server}/extract", body, {"Content-Type": "text/plain; charset=klingon"})
    assert status == 422 and "unknown encoding" in answer["error"]


def test_actor_pages_take_aliases_and_404s_do_not_echo_the_request(server):
    status, profile, _ = request(f"{server}/actors/Putin")
    assert status == 200 and profile["name"] == "Vladimir Putin"
    for path in ("/articles/", "/actors/"):
        status, answer, _ = request(f"{server}{path}{'x' * 5000}")
        assert status == 404 and len(json.dumps(answer)) < 400 and "5,000 characters" in answer["error"]


def test_serve_stops_on_sigterm_while_a_request_runs(tmp_path):
    psutil = pytest.importorskip("psutil")
    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "parley", "serve", "--port", str(port), "--deadline", "120"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        url = f"http://127.0.0.1:{port}"
        for _ in range(600):
            try:
                if request(f"{url}/extract", {"text": "Putin said hi."}, timeout=600)[0] == 200:
                    break
            except OSError:
                time.sleep(0.5)
        workers = psutil.Process(proc.pid).children(recursive=True)
        assert workers, "no analysis worker process"
        thread, _ = _in_background(f"{url}/extract", {"text": SLOW * 3})
        time.sleep(1.0)
        start = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=20)
        assert time.monotonic() - start < 10
        thread.join(timeout=30)
        time.sleep(0.5)
        assert not [w for w in workers if w.is_running() and w.status() != psutil.STATUS_ZOMBIE], "a worker outlived the server"
    finally:
        if proc.poll() is None:
            proc.kill()


# ---- the API docs page, with no network ----------------------------------------------------


def test_docs_page_lists_the_endpoints_offline(server):
    from .test_web import ARGS, _chromium

    executable = _chromium()
    from playwright.sync_api import sync_playwright

    outside: list[str] = []

    def only_this_server(route: Any) -> None:
        if route.request.url.startswith(server):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(executable), args=ARGS)
        try:
            page = browser.new_page()
            page.route("**/*", only_this_server)
            page.goto(f"{server}/docs")
            page.wait_for_selector(".opblock-summary-path", timeout=30_000)
            paths = set(page.locator(".opblock-summary-path").all_inner_texts())
        finally:
            browser.close()
    assert {"/extract", "/info", "/quotes", "/actors/{name}"} <= {p.strip() for p in paths}
    assert not outside, f"the docs page asked for {outside}"


def test_docs_files_ship_with_an_installed_package():
    from parley.service.app import swagger_ui_dir

    assert (Path(swagger_ui_dir()) / "swagger-ui-bundle.js").stat().st_size > 100_000
