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
