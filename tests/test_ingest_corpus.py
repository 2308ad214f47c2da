"""``parley ingest``: inputs expanded, each article stored once with all its facts, bad
inputs reported and skipped, progress and summary, and resuming after kill -9."""

from __future__ import annotations

import io
import os
import re
import signal
import subprocess
import sys
import time

import pytest
from rich.console import Console
from typer.testing import CliRunner

from parley import api
from parley.cli import app
from parley.corpus.ingest import ingest
from parley.corpus.progress import LogReporter, RichReporter, Stats, progress_line
from parley.errors import InputError, OptionError
from parley.ingest.sources import count_articles, expand_inputs
from parley.settings import load_options
from parley.store import Store

from .corpus_docs import doc_text, write_jsonl
from .helpers import ROOT

runner = CliRunner()

FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Feed Wire</title>
<item><guid>f1</guid><title>One</title><link>https://f.example/1</link><pubDate>Mon, 04 Aug 2025 08:00:00 GMT</pubDate>
<description>Sergei Lavrov said in Riyadh that Moscow wanted a lasting settlement, not a pause.</description></item>
<item><guid>f2</guid><title>Two</title><link>https://f.example/2</link><pubDate>Tue, 05 Aug 2025 08:00:00 GMT</pubDate>
<description>Marco Rubio told reporters in Istanbul that Washington would keep sanctions in place for now.</description></item>
</channel></rss>"""

HTML = """<!doctype html><html><head><title>Kharkiv under fire</title></head><body><nav>Home | World</nav>
<article><h1>Kharkiv under fire</h1><p>Ihor Terekhov, the mayor of Kharkiv, said on Sunday that air defence had shot down most of the drones
launched overnight, but that two districts were left without power.</p><p>"We will restore everything," Terekhov said,
adding that repair crews were already at work in the city centre and that schools would reopen on Monday.</p></article>
<footer>Copyright</footer></body></html>"""


@pytest.fixture
def corpus(tmp_path):
    """A folder with JSONL, text, HTML and a feed, and some bad inputs."""
    root = tmp_path / "news"
    (root / "wire").mkdir(parents=True)
    (root / "site" / "deep").mkdir(parents=True)
    (root / ".cache").mkdir()
    write_jsonl(root / "wire" / "batch.jsonl", 12)
    with (root / "wire" / "batch.jsonl").open("a") as fh:
        fh.write('{"id": "broken", "text": \n')  # malformed line: reported, the rest read
    (root / "site" / "a.txt").write_text(doc_text(100))
    (root / "site" / "deep" / "page.html").write_text(HTML)
    (root / "site" / "feed.xml").write_text(FEED)
    (root / "site" / "empty.txt").write_text("   \n")
    (root / "site" / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (root / "site" / "notes.csv").write_text("not read in a folder walk")
    (root / ".cache" / "hidden.txt").write_text("never read")
    return root


def test_expand_inputs(corpus, tmp_path):
    paths, errors = expand_inputs([str(corpus), str(corpus / "site" / "*.txt"), str(tmp_path / "nothing-*.json"), "-"])
    rel = [os.path.relpath(p, corpus) for p in paths if p != "-"]
    assert rel == ["site/a.txt", "site/binary.txt", "site/empty.txt", "site/feed.xml", "site/deep/page.html", "wire/batch.jsonl"]
    assert paths[-1] == "-"
    assert len(errors) == 1 and "no file matches" in str(errors[0])
    assert expand_inputs([str(corpus / "missing.txt")]) == ([str(corpus / "missing.txt")], [])


def test_count_articles(corpus):
    assert count_articles(str(corpus / "wire" / "batch.jsonl")) == 13
    assert count_articles(str(corpus / "site" / "feed.xml")) == 2
    assert count_articles(str(corpus / "site" / "a.txt")) == 1


def test_ingest_folder_then_again(corpus, tmp_path):
    db = tmp_path / "news.duckdb"
    options = load_options(corpus__batch_size=5)
    report = ingest([str(corpus)], db, options)
    assert report.ingested == 12 + 1 + 1 + 2
    assert report.skipped == 0
    reasons = {os.path.basename(f.where.split(":")[0]): f.reason for f in report.failures}
    assert set(reasons) == {"batch.jsonl", "empty.txt", "binary.txt"}
    assert "not valid JSON" in reasons["batch.jsonl"] and "empty" in reasons["empty.txt"]
    with Store.open(db, read_only=True) as store:
        first = store.dump()
        html = store.record("page")
        feed_item = next(r for r in store.records() if r.publisher == "Feed Wire" and r.title == "One")
        sources = dict(store.con.execute("SELECT id, source FROM articles").fetchall())
    assert html is not None and html.title == "Kharkiv under fire" and "Copyright" not in html.text
    assert any(m.text == "Sergei Lavrov" and m.type == "PERSON" for m in feed_item.mentions)
    assert str(feed_item.published) == "2025-08-04"
    assert sources["d0003"].endswith("batch.jsonl") and sources["a"].endswith("a.txt")
    assert len(first["articles"]) == 16 and len(first["mentions"]) > 16 and first["quotes"]

    again = ingest([str(corpus)], db, options)
    assert (again.ingested, again.skipped, again.failed) == (0, 16, 3)
    with Store.open(db, read_only=True) as store:
        assert store.dump() == first


def test_same_file_name_different_text_gets_its_own_id(tmp_path):
    for name, i in (("a", 1), ("b", 2)):
        (tmp_path / name).mkdir()
        (tmp_path / name / "index.txt").write_text(doc_text(i))
    db = tmp_path / "c.duckdb"
    options = load_options(corpus__stages=["dates"])
    report = ingest([str(tmp_path / "a"), str(tmp_path / "b")], db, options)
    assert report.ingested == 2
    with Store.open(db, read_only=True) as store:
        ids = [r[0] for r in store.con.execute("SELECT id FROM articles ORDER BY seq").fetchall()]
    assert ids[0] == "index" and re.fullmatch(r"index~[0-9a-f]{8}", ids[1])
    assert ingest([str(tmp_path / "b"), str(tmp_path / "a")], db, options).skipped == 2


def test_the_stored_id_rule():
    """One rule for parley ingest and POST /articles: the same text under a stored id is not
    stored again; another text gets the id with 8 hex digits of its SHA-1; a third is refused."""
    from parley.corpus import StoredIds
    from parley.model import Article
    from parley.store.tables import content_hash

    first = Article(id="index", text="Peskov said the talks in Geneva would go on next week.")
    other = Article(id="index", text="Zelensky said Ukraine would not trade its land for a pause.")
    ids = StoredIds({first.id: content_hash(first.text)})
    again = ids.plan(first)
    assert (again.article.id, again.new) == ("index", False)
    moved = ids.plan(other)
    assert moved.new and moved.article.id == f"index~{content_hash(other.text)[:8]}"
    assert not ids.plan(other).new  # planned in this run: not twice
    # an article whose own id was already that hashed variant, with another text
    taken = StoredIds({first.id: content_hash(first.text), moved.article.id: content_hash("Rubio said the president wanted a durable peace.")})
    with pytest.raises(InputError, match="both taken by other texts"):
        taken.plan(other)


def test_a_stage_failure_skips_that_article_only(tmp_path, monkeypatch):
    from parley import pipeline

    real = pipeline.STAGES["dates"]

    def flaky(ctx):
        if ctx.record.id == "d0002":
            raise ValueError("unexpected token")
        real(ctx)

    monkeypatch.setitem(pipeline.STAGES, "dates", flaky)
    write_jsonl(tmp_path / "c.jsonl", 5)
    report = ingest([str(tmp_path / "c.jsonl")], tmp_path / "c.duckdb", load_options(corpus__stages=["dates"]))
    assert report.ingested == 4
    (failure,) = report.failures
    assert failure.where == "d0002" and "stage 'dates' failed: ValueError: unexpected token" in failure.reason
    # fixed, and run again: only the failed article is analysed
    monkeypatch.setitem(pipeline.STAGES, "dates", real)
    report = ingest([str(tmp_path / "c.jsonl")], tmp_path / "c.duckdb", load_options(corpus__stages=["dates"]))
    assert (report.ingested, report.skipped) == (1, 4)


def test_stage_subset_fills_only_those_fields(tmp_path):
    write_jsonl(tmp_path / "c.jsonl", 3)
    db = tmp_path / "c.duckdb"
    ingest([str(tmp_path / "c.jsonl")], db, load_options(corpus__stages=["dates"]))
    with Store.open(db, read_only=True) as store:
        counts = store.counts()
    assert counts["articles"] == 3 and counts["mentions"] == 0


@pytest.mark.parametrize(
    "kwargs,message",
    [
        ({"workers": 0}, "at least one worker"),
        ({"workers": 2, "dask": "local:2"}, "either --workers or --dask"),
        ({"dask": "local:two"}, "local:N"),
    ],
)
def test_bad_parallel_options(tmp_path, kwargs, message):
    write_jsonl(tmp_path / "c.jsonl", 1)
    with pytest.raises(OptionError, match=message):
        ingest([str(tmp_path / "c.jsonl")], tmp_path / "c.duckdb", load_options(), **kwargs)


def test_unknown_stage_is_refused(tmp_path):
    with pytest.raises(OptionError, match=r"unknown stage 'nope'.*known: actors"):
        ingest([], tmp_path / "c.duckdb", load_options(corpus__stages=["nope"]))


# ---- progress and summary ------------------------------------------------------------------------


def test_log_progress_is_parseable():
    out = io.StringIO()
    stats = Stats(total=100, ingested=40, skipped=5, failed=1, started=time.monotonic() - 10)
    reporter = LogReporter(out, every=0)
    reporter.start(stats)
    reporter.update(stats, batch_done=True)
    reporter.update(stats)  # not at a batch's end: no line
    line = out.getvalue().strip()
    fields = dict(kv.split("=") for kv in line.removeprefix("parley ingest: ").split())
    assert fields["done"] == "46" and fields["total"] == "100" and fields["failed"] == "1"
    assert float(fields["rate"]) == pytest.approx(4.1, abs=0.2) and fields["eta"].endswith("s")
    assert line == progress_line(stats)


def test_rich_progress_bar_on_a_terminal():
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=120)
    reporter = RichReporter(console)
    stats = Stats(total=10, started=time.monotonic() - 2)
    reporter.start(stats)
    stats.ingested, stats.skipped = 6, 1
    reporter.update(stats, batch_done=True)
    reporter.finish(stats)
    text = out.getvalue()
    assert "docs/s" in text and "ETA" in text and "7/10" in text and "skipped 1" in text


def test_cli_ingest_summary_and_exit_code(corpus, tmp_path):
    db = tmp_path / "cli.duckdb"
    result = runner.invoke(app, ["ingest", str(corpus / "site"), "--db", str(db), "--batch-size", "2"])
    assert result.exit_code == 1  # some inputs failed: reported, the rest stored
    out = result.stdout.splitlines()
    assert out[0].startswith("ingested 4 articles") and "skipped 0 already stored; failed 2" in out[0]
    assert out[1] == f"{db}: 4 articles, 4 stories"
    assert "failed: " in result.stderr and "empty.txt: the input is empty" in result.stderr
    assert re.search(r"^parley ingest: done=\d+ total=\d+ ingested=4 ", result.stderr, re.M)
    result = runner.invoke(app, ["ingest", str(corpus / "site" / "a.txt"), "--db", str(db)])
    assert result.exit_code == 0 and "skipped 1 already stored; failed 0" in result.stdout


def test_cli_ingest_errors_are_one_line(tmp_path):
    (tmp_path / "foreign.duckdb").write_text("plain text, not a store " * 10)
    for args, message in (
        (["ingest", str(tmp_path), "--db", str(tmp_path / "foreign.duckdb")], "not a DuckDB database file"),
        (["ingest", str(tmp_path), "--db", str(tmp_path / "x.duckdb"), "--stages", "actors,nope"], "unknown stage 'nope'"),
        (["ingest", str(tmp_path), "--db", str(tmp_path / "no" / "x.duckdb")], "does not exist"),
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 1, result.output
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and message in lines[0], result.output


def test_python_api_ingest_then_query(tmp_path):
    write_jsonl(tmp_path / "c.jsonl", 6)
    report = api.ingest([str(tmp_path / "c.jsonl")], db=tmp_path / "c.duckdb")
    assert report.ingested == 6 and report.mode == "serial"
    frame = api.quotes(tmp_path / "c.duckdb", count="articles")
    assert frame["quotes"].sum() >= 6


# ---- resuming after kill -9 ----------------------------------------------------------------------

RESUME_DOCS = 240
RESUME_BATCH = 16


def _ingest_cmd(corpus: str, db: str) -> list[str]:
    return [sys.executable, "-m", "parley", "--verbose", "ingest", corpus, "--db", db, "--batch-size", str(RESUME_BATCH)]


def test_resume_after_kill_9(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    ids = write_jsonl(corpus, RESUME_DOCS)
    db = tmp_path / "killed.duckdb"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen(_ingest_cmd(str(corpus), str(db)), stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env)
    seen = 0
    try:
        assert proc.stderr is not None
        deadline = time.monotonic() + 180
        for line in proc.stderr:
            match = re.search(r"ingested=(\d+)", line)
            if match:
                seen = int(match.group(1))
                if seen >= 3 * RESUME_BATCH:
                    os.kill(proc.pid, signal.SIGKILL)
                    break
            assert time.monotonic() < deadline, "no progress from the ingest process"
    finally:
        proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL, "the ingest process was not killed mid-run"
    assert RESUME_BATCH * 3 <= seen < RESUME_DOCS

    with Store.open(db, read_only=True) as store:
        stored = store.counts()["articles"]
    assert seen <= stored < RESUME_DOCS  # the kill came before the end
    assert stored % RESUME_BATCH == 0  # whole batches only: never half a batch, never half an article

    done = subprocess.run(_ingest_cmd(str(corpus), str(db)), capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    assert f"ingested {RESUME_DOCS - stored} articles" in done.stdout and f"skipped {stored} already stored" in done.stdout

    # the same as one uninterrupted run, row for row (load times aside)
    reference = tmp_path / "reference.duckdb"
    ingest([str(corpus)], reference, load_options(corpus__batch_size=RESUME_BATCH))
    with Store.open(db, read_only=True) as resumed, Store.open(reference, read_only=True) as ref:
        got, want = resumed.dump(), ref.dump()
        assert sorted(r[0] for r in got["articles"]) == ids
        for table in want:
            assert got[table] == want[table], table


def test_resume_rerun_is_a_no_op(tmp_path):
    corpus = tmp_path / "c.jsonl"
    write_jsonl(corpus, 4)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    cmd = [sys.executable, "-m", "parley", "ingest", str(corpus), "--db", str(tmp_path / "c.duckdb"), "--stages", "dates"]
    first = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    second = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    assert "ingested 0 articles" in second.stdout and "skipped 4 already stored" in second.stdout
    assert "Traceback" not in second.stderr


def test_jsonl_is_streamed_past_the_file_size_limit(tmp_path):
    from parley.ingest.sources import read_input

    path = tmp_path / "big.jsonl"
    write_jsonl(path, 30)
    with path.open("ab") as fh:
        fh.write(b'{"id": "latin", "text": "caf\xe9 talks"}\n')
        fh.write(b'{"id": "huge", "text": "' + b"x" * 3000 + b'"}\n')
    options = load_options(input__max_bytes=2000).input
    assert path.stat().st_size > options.max_bytes
    items = list(read_input(str(path), options))
    assert [i.id for i in items[:30]] == [f"d{i:04d}" for i in range(30)]
    latin, huge = items[30:]
    assert isinstance(latin, InputError) and "big.jsonl:31" in str(latin) and "UTF-8" in str(latin)
    assert isinstance(huge, InputError) and "big.jsonl:32" in str(huge) and "input.max_bytes" in str(huge)


def test_a_folder_is_not_a_store(tmp_path):
    from parley.errors import StoreError

    with pytest.raises(StoreError, match="is a folder, not a store file"):
        Store.open(tmp_path)


def test_an_unexpected_worker_error_is_one_parley_error(tmp_path, monkeypatch):
    from parley.corpus import parallel
    from parley.errors import ParleyError

    def broken(batch, options, params):
        raise ModuleNotFoundError("No module named 'parley'\n(on node 7)")

    monkeypatch.setattr(parallel, "extract_batch", broken)
    write_jsonl(tmp_path / "c.jsonl", 2)
    with pytest.raises(ParleyError) as exc:
        ingest([str(tmp_path / "c.jsonl")], tmp_path / "c.duckdb", load_options())
    assert str(exc.value) == (
        "the analysis failed (ModuleNotFoundError: No module named 'parley'); what was stored is kept: fix it and run the same command again"
    )
