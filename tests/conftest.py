from __future__ import annotations

import datetime as dt

import pytest

import parley
from parley.base.nlp import load_pipeline
from parley.model import ArticleRecord

from .helpers import ROOT, SAMPLES, SHARED, actors_of, needs_shared  # noqa: F401


@pytest.fixture(scope="session")
def nlp():
    return load_pipeline()


@pytest.fixture(scope="session")
def analyse():
    """Run the whole pipeline on a text: ``analyse("Putin said ...", "2025-12-25")``."""

    def run(text: str, published: str | dt.date | None = "2025-12-25") -> ArticleRecord:
        return parley.extract(text, published=published)

    return run


@pytest.fixture(scope="session")
def fixture_store(tmp_path_factory):
    """A store of the hand-annotated records of tests/corpus.py (no NLP: fast)."""
    from parley.corpus import write_records
    from parley.store import Store

    from .corpus import fixture_records

    path = tmp_path_factory.mktemp("fixture-store") / "news.duckdb"
    with Store.open(path) as store:
        write_records(store, fixture_records(), source="tests/corpus.py")
    return path


@pytest.fixture(scope="session")
def polnear_store(tmp_path_factory):
    """A store ingested (once per test session, about a minute) from the 84 PolNeAR dev
    articles, fed only what a real input has (id, text, date, publisher, title)."""
    import json

    from parley import api
    from parley.evaluation import inputs_of, load_records

    gold = needs_shared("gold/polnear-dev.jsonl")
    folder = tmp_path_factory.mktemp("polnear-store")
    articles = folder / "polnear-dev-articles.jsonl"
    articles.write_text("".join(json.dumps(d) + "\n" for d in inputs_of(load_records(gold))), encoding="utf-8")
    db = folder / "polnear.duckdb"
    report = api.ingest([str(articles)], db=db)
    assert not report.failed
    return db
