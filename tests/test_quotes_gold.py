"""Statements on gold data, scored by the shared scorer (``shared/eval/score.py``).

Three sets, each with floors that pin today's level so that it cannot slip:

* ``tests/gold/statements.jsonl`` — 28 short news passages written for parley, one or more
  per construction the statement stage handles (direct quotations in every kind of mark,
  over sentences and paragraphs, split and inherited; reported speech with every kind of
  speaker and cue; sources, nesting, dates; and passages with scare quotes, titles and
  nicknames that hold no statement). They were written while the rules were, so they are a
  regression test, not a measure of accuracy on unseen text. No known miss today; the
  hardest passage is "The Kremlin denied that Russian troops had crossed the border, calling
  the reports a provocation", where the parser hangs "calling" on "crossed" inside the denied
  clause (the speaker rule lifts a clause-final participle back to the reporter).
* ``seed.json`` — the Pravda.Ru seed article.
* ``polnear-dev.jsonl`` — 84 PolNeAR articles (slow). PolNeAR marks every attribution,
  beliefs and endorsements included, and types a quotation "direct" only when its marks are
  straight or curly double quotes, so the wire copy's ``''typewriter''`` quotations it marks
  "indirect" count against ``quotes.direct`` here although they are direct.
"""

from __future__ import annotations

import pytest

from .helpers import ROOT, gold_scores, needs_shared


def _own_gold() -> dict[str, dict[str, float]]:
    from parley.evaluation import evaluate

    scores: dict[str, dict[str, float]] = evaluate(needs_shared("eval/score.py"), ROOT / "tests" / "gold" / "statements.jsonl")["scores"]
    return scores


def test_own_gold_statements():
    scores = _own_gold()
    assert scores["quotes.end_to_end"]["f1"] >= 0.95, scores["quotes.end_to_end"]
    assert scores["quotes.direct.end_to_end"]["f1"] == 1.0, scores["quotes.direct.end_to_end"]
    assert scores["quotes.source_acc"]["accuracy"] == 1.0, scores["quotes.source_acc"]
    assert scores["quotes.said_on_acc"]["accuracy"] == 1.0, scores["quotes.said_on_acc"]
    assert scores["quotes.end_to_end"]["precision"] >= 0.95, "a statement found where the gold has none (scare quotes, titles?)"


def test_seed_statements():
    """16 statements: 14 reported, 2 direct (one inherited from the sentence before it), 3
    relayed by a source, 3 dated, 1 nested."""
    scores = gold_scores("seed.json")
    assert scores["quotes.end_to_end"]["f1"] >= 0.9, scores["quotes.end_to_end"]
    assert scores["quotes.direct.end_to_end"]["f1"] == 1.0, scores["quotes.direct.end_to_end"]
    assert scores["quotes.source_acc"]["accuracy"] == 1.0, scores["quotes.source_acc"]
    assert scores["quotes.said_on_acc"]["accuracy"] == 1.0, scores["quotes.said_on_acc"]


@pytest.mark.slow
def test_polnear_dev_statements():
    """The issue's floors (end-to-end F1 0.65, direct 0.85); measured 0.653 (P 0.781, R 0.561)
    and 0.852 (P 0.807, R 0.902). Of the 79 direct quotations that match no gold direct one,
    47 are ''typewriter'' quotations PolNeAR types "indirect"; without them direct would be
    0.91. Peers: textacy's direct-quote extractor 0.18, a few dependency rules 0.41, a spaCy
    span tagger trained 22 minutes 0.57."""
    scores = gold_scores("polnear-dev.jsonl")
    assert scores["quotes.end_to_end"]["f1"] >= 0.65, scores["quotes.end_to_end"]
    assert scores["quotes.direct.end_to_end"]["f1"] >= 0.85, scores["quotes.direct.end_to_end"]
    assert scores["quotes.speaker_acc"]["accuracy"] >= 0.85, scores["quotes.speaker_acc"]
