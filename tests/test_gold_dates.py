"""Time expressions on gold data, scored by the shared scorer (floors from the time-stage issue).

GUM annotates only dates with values, so mentions kept without one (durations, sets) neither
help nor hurt; its "the end of the year" is a day (2006-12-31) where parley keeps the year with
END, and a handful of its dates are read from the story ("the opening night"), not the text.
A simple peer, spaCy DATE entities fed to dateparser, scores 0.79 on GUM.
"""

from __future__ import annotations

import pytest

from .helpers import gold_scores


@pytest.mark.slow
def test_seed_date_f1():
    scores = gold_scores("seed.json")
    assert scores["dates.value"]["f1"] == 1.0, scores["dates.value"]


@pytest.mark.slow
def test_gum_date_f1():
    """24 Wikinews articles (2006-2023), 171 dates with values: datelines, weekdays, years."""
    scores = gold_scores("gum-dates-dev.jsonl")
    assert scores["dates.value"]["f1"] >= 0.85, scores["dates.value"]
