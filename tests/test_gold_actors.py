"""Actor resolution on gold data, scored by the shared scorer (floors from issue 2)."""

from __future__ import annotations

import pytest

from .helpers import gold_scores


def test_seed_actor_f1():
    scores = gold_scores("seed.json")
    assert scores["mentions.actor"]["f1"] >= 0.85, scores["mentions.actor"]


@pytest.mark.slow
def test_gum_actor_f1():
    """24 real Wikinews articles, 1,455 mentions incl. nominals; spaCy entities with a
    surname rule score 0.46 here."""
    scores = gold_scores("gum-actors-dev.jsonl")
    assert scores["mentions.actor"]["f1"] >= 0.65, scores["mentions.actor"]
