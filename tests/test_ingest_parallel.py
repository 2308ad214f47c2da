"""The same store whichever way it was computed: serially, with ``--workers 2`` (local
processes) and on a Dask LocalCluster of two worker processes (Parquet parts)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from parley.cli import app
from parley.corpus.ingest import ingest
from parley.settings import load_options
from parley.store import Store

from .corpus_docs import doc_text, write_jsonl

BATCH = 6


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("par")
    write_jsonl(root / "a.jsonl", 30)
    with (root / "copies.jsonl").open("w") as fh:  # syndicated copies: exact, and lightly edited
        for i in range(0, 30, 5):
            fh.write(json.dumps({"id": f"copy{i}", "text": doc_text(i), "publisher": "Mirror"}) + "\n")
            fh.write(json.dumps({"id": f"edit{i}", "text": "UPDATED: " + doc_text(i).replace(" said", " stated", 1), "publisher": "Echo"}) + "\n")
        fh.write('{"id": "bad"}\n')
    return root


@pytest.fixture(scope="module")
def serial(corpus, tmp_path_factory):
    db = tmp_path_factory.mktemp("serial") / "s.duckdb"
    report = ingest([str(corpus)], db, load_options(corpus__batch_size=BATCH))
    with Store.open(db, read_only=True) as store:
        return report, store.dump()


def _check(report, dump, serial):
    want_report, want = serial
    assert (report.ingested, report.skipped, report.failed) == (want_report.ingested, want_report.skipped, want_report.failed) == (42, 0, 1)
    for table in want:
        assert dump[table] == want[table], table
    # copies folded into their stories
    stories = {row[0]: row[3] for row in dump["articles"]}  # id -> story_id
    assert stories["copy5"] == stories["edit5"] == "d0005"
    assert len(set(stories.values())) == 30


def test_workers_2_gives_the_same_store(corpus, serial, tmp_path):
    db = tmp_path / "w.duckdb"
    report = ingest([str(corpus)], db, load_options(corpus__batch_size=BATCH), workers=2)
    assert report.mode == "processes" and report.workers == 2
    assert len(report.peak_worker_rss_mib) == 2 and all(v > 50 for v in report.peak_worker_rss_mib.values())
    with Store.open(db, read_only=True) as store:
        _check(report, store.dump(), serial)


def test_dask_local_cluster_gives_the_same_store(corpus, serial, tmp_path):
    db = tmp_path / "d.duckdb"
    report = ingest([str(corpus)], db, load_options(corpus__batch_size=BATCH), dask="local:2")
    assert report.mode == "dask" and report.workers == 2
    assert len(report.peak_worker_rss_mib) == 2
    assert not (tmp_path / "d.duckdb.parts").exists()  # the Parquet parts are cleaned up
    with Store.open(db, read_only=True) as store:
        _check(report, store.dump(), serial)


def test_cli_workers(corpus, serial, tmp_path):
    db = tmp_path / "c.duckdb"
    result = CliRunner().invoke(app, ["ingest", str(corpus), "--db", str(db), "--workers", "2", "--batch-size", str(BATCH), "--stages", "dates"])
    assert result.exit_code == 1, result.output  # the bad record
    assert "processes, 2 workers" in result.stdout and "failed 1" in result.stdout
    with Store.open(db, read_only=True) as store:
        dump = store.dump()
    assert [r[:4] for r in dump["articles"]] == [r[:4] for r in serial[1]["articles"]]  # id, seq, hash, story
    assert dump["dates"] == serial[1]["dates"] and dump["mentions"] == []
