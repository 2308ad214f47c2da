"""ClaimReview skeletons for fact-checkers: the shape schema.org and Google's fact-check markup
ask for, filled from the store, with the fact-checker's part left empty."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from parley import api
from parley.cli import app

runner = CliRunner()

# Google's fact-check markup: required properties, and the recommended ones parley fills.
REQUIRED = {"claimReviewed", "reviewRating", "url"}
RECOMMENDED = {"author", "datePublished", "itemReviewed"}
CLAIM_RECOMMENDED = {"author", "appearance", "firstAppearance", "datePublished"}


def _reviews(db, tmp_path, **filters):
    (path,) = api.export(db, to="claimreview", out=tmp_path, **filters)
    assert path.name == "claimreview.json"
    return json.loads(path.read_text(encoding="utf-8"))


def check_shape(review: dict) -> None:
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    assert set(review) >= REQUIRED | RECOMMENDED
    assert isinstance(review["claimReviewed"], str) and review["claimReviewed"].strip()
    assert review["reviewRating"]["@type"] == "Rating" and "alternateName" in review["reviewRating"]
    assert review["author"]["@type"] == "Organization"
    claim = review["itemReviewed"]
    assert claim["@type"] == "Claim" and CLAIM_RECOMMENDED - {"datePublished"} <= set(claim)
    assert claim["author"]["@type"] in ("Person", "Organization") and claim["author"]["name"].strip()
    for work in [*claim["appearance"], claim["firstAppearance"]]:
        assert work["@type"] == "NewsArticle"


def test_claims_of_the_fixture_store(fixture_store, tmp_path):
    reviews = _reviews(fixture_store, tmp_path)
    assert len(reviews) == 7  # every statement of the three articles has a speaker
    for review in reviews:
        check_shape(review)
    first = reviews[0]
    assert first["claimReviewed"] == "Moscow was ready to meet Ukrainian officials in Istanbul"
    claim = first["itemReviewed"]
    assert claim["author"] == {"@type": "Person", "name": "Vladimir Putin"}
    assert claim["datePublished"] == "2025-11-03"  # the statement's said_on
    assert claim["appearance"][0] == {
        "@type": "NewsArticle",
        "headline": "Putin offers talks in Istanbul",
        "datePublished": "2025-11-03",
        "publisher": {"@type": "Organization", "name": "Daily Ledger"},
    }
    assert claim["identifier"] == "istanbul-offer#quotes/0"
    # the fact-checker's part is there, empty
    assert first["url"] == "" and first["reviewRating"]["alternateName"] == "" and first["author"]["name"] == ""
    undated = reviews[-1]
    assert undated["itemReviewed"]["author"]["name"] == "Volodymyr Zelenskyy" and "datePublished" not in undated["itemReviewed"]


def test_claims_select_by_speaker_and_date(fixture_store, tmp_path):
    by_alias = _reviews(fixture_store, tmp_path, speaker="Zelensky")
    assert [r["claimReviewed"] for r in by_alias] == ["Kyiv would not give up the Donbas", "Ukraine needs more air defence before the winter"]
    assert {r["itemReviewed"]["author"]["name"] for r in _reviews(fixture_store, tmp_path, since="2025-12-01")} == {"Dmitry Peskov", "Vladimir Putin"}


def test_cli_claimreview(fixture_store, tmp_path):
    result = runner.invoke(app, ["export", "--db", str(fixture_store), "--to", "claimreview", "--speaker", "Peskov", str(tmp_path)])
    assert result.exit_code == 0, result.output
    reviews = json.loads((tmp_path / "claimreview.json").read_text(encoding="utf-8"))
    assert len(reviews) == 2 and all(r["itemReviewed"]["author"]["name"] == "Dmitry Peskov" for r in reviews)


@pytest.mark.slow
def test_polnear_claims(polnear_store, tmp_path):
    reviews = _reviews(polnear_store, tmp_path)
    attributed = api.sql(polnear_store, "select count(*) as n from quotes where speaker is not null")["n"][0]
    assert len(reviews) == attributed > 500
    for review in reviews:
        check_shape(review)
    organisations = [r for r in reviews if r["itemReviewed"]["author"]["@type"] == "Organization"]
    assert organisations and len(organisations) < len(reviews)
    on_trade = _reviews(polnear_store, tmp_path, issue="trade")
    assert on_trade and all({"@type": "Thing", "name": "trade"} in r["itemReviewed"]["about"] for r in on_trade)
