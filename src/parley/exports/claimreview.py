"""Statements as schema.org ``ClaimReview`` skeletons (JSON-LD), for a fact-checking desk.

One ``ClaimReview`` per attributed statement, as schema.org defines the type and as Google's
fact-check markup asks (``ClaimReview``: ``claimReviewed``, ``reviewRating`` and ``url``
required; ``author``, ``datePublished`` and ``itemReviewed`` recommended; ``Claim``:
``author``, ``appearance``, ``firstAppearance`` and ``datePublished`` recommended; ``Rating``:
``alternateName`` required). parley fills what it knows:

- ``claimReviewed``: the statement's content;
- ``itemReviewed``: a ``Claim`` whose ``author`` is the speaker, a ``Person`` or an
  ``Organization`` (states, organisations and groups) with their canonical name; its
  ``datePublished`` is the statement's ``said_on`` when the text tells, else the article's
  date; ``appearance`` and ``firstAppearance`` are the article (a ``NewsArticle`` with its url,
  headline, date and publisher); ``about`` the issues it touches; ``identifier`` parley's
  reference to the statement (article id and its place in the record);

and leaves the fact-checker's part empty, to be filled before publishing: the review's
``url`` (the page of the fact check), its ``author`` (the fact-checking organisation), its
``datePublished`` and the ``reviewRating`` (``alternateName`` such as "False", and optionally
``ratingValue`` with ``bestRating``/``worstRating``). Unattributed statements are left out: a
claim for a fact-checker has someone who made it.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from ..store import Store
from . import reading

CONTEXT = "https://schema.org"
# Actor kinds that are people; every other kind (state, org, group) claims as an Organization.
PERSON_KINDS = ("person",)
# What the fact-checker fills in: present and empty, so a template engine or a form can find it.
TO_FILL = ""


def _iso(value: dt.date | str | None) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _article(statement: dict[str, Any]) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "NewsArticle"}
    if statement["url"]:
        work["url"] = statement["url"]
    if statement["title"]:
        work["headline"] = statement["title"]
    if statement["published"] is not None:
        work["datePublished"] = _iso(statement["published"])
    if statement["publisher"]:
        work["publisher"] = {"@type": "Organization", "name": statement["publisher"]}
    return work


def claim_review(statement: dict[str, Any]) -> dict[str, Any]:
    """The ClaimReview skeleton of one attributed statement (a row of :func:`reading.statements`)."""
    author_type = "Person" if statement["speaker_kind"] in PERSON_KINDS else "Organization"
    claim: dict[str, Any] = {
        "@type": "Claim",
        "identifier": f"{statement['article_id']}#quotes/{statement['idx']}",
        "author": {"@type": author_type, "name": statement["speaker"]},
        "appearance": [_article(statement)],
        "firstAppearance": _article(statement),
    }
    said = statement["said_on"] or _iso(statement["published"])
    if said:
        claim["datePublished"] = said
    if statement["issues"]:
        claim["about"] = [{"@type": "Thing", "name": issue} for issue in statement["issues"]]
    return {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "claimReviewed": statement["content"],
        "itemReviewed": claim,
        "url": TO_FILL,
        "datePublished": TO_FILL,
        "author": {"@type": "Organization", "name": TO_FILL, "url": TO_FILL},
        "reviewRating": {"@type": "Rating", "alternateName": TO_FILL, "ratingValue": TO_FILL, "bestRating": TO_FILL, "worstRating": TO_FILL},
    }


def claim_reviews(store: Store, selection: reading.Selection) -> list[dict[str, Any]]:
    """A skeleton per attributed statement the selection keeps, oldest article first."""
    return [claim_review(s) for s in reading.statements(store, selection) if s["speaker"]]


def write_claim_reviews(reviews: list[dict[str, Any]], out: str | Path) -> Path:
    """``claimreview.json`` in the folder ``out``: a JSON array, each item a JSON-LD document
    that can go into a page's ``<script type="application/ld+json">`` as it is."""
    path = Path(out) / "claimreview.json"
    path.write_text(json.dumps(reviews, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path
