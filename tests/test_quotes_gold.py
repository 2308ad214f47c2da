"""Statements on gold data, scored by the shared scorer (``shared/eval/score.py``).

Three sets, each with floors that pin today's level so that it cannot slip:

* ``tests/gold/statements.jsonl`` — 65 short news passages written for parley. The first 28,
  one or more per construction the statement stage handles (direct quotations in every kind
  of mark, over sentences and paragraphs, split and inherited; reported speech with every kind
  of speaker and cue; sources, nesting, dates; and passages with scare quotes, titles and
  nicknames that hold no statement), were written while the rules were, so they are a
  regression test, not a measure of accuracy on unseen text; the hardest is "The Kremlin
  denied that Russian troops had crossed the border, calling the reports a provocation",
  where the parser hangs "calling" on "crossed" inside the denied clause (the speaker rule
  lifts a clause-final participle back to the reporter). The other 37 (issue 12) are wire,
  court, central-bank, Senate and telecom copy written before the rules for who a speaker is:
  role nouns ("The leader asked ..." after "Senate Majority Leader John Thune", "The governor
  said" after "Mugur Isarescu, governor of ..."), descriptions of bodies ("The U.S. telecom
  company said", "The agency said" after the coast guard), documents ("said a statement from
  the Philippine military", "Their complaint says"),
  indefinite descriptions ("A Sioux Falls man"), pronouns by gender, number and role, acronyms
  introduced in brackets, stock tickers, governing boards, and scheduled acts that are no
  statement. Before those rules 38 of their 56 statements had the right speaker by name; now
  all do. Known false statements (6, all the trained model's): acts taken for speech with an
  object ("sentenced ... for the crash", "fined the carriers", "blocked a resupply mission",
  "rejected the request", "reported a drop in profit") and "Analysts fear a 'lost decade'".
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
    """Measured: end-to-end F1 0.962 (P 0.936, R 0.989), speaker accuracy 1.000 over 88. The one
    miss since the retrained model (threshold 0.43): "calling the reports a provocation" after
    "The Kremlin denied that ...", a participle the detector now scores under its threshold."""
    scores = _own_gold()
    assert scores["quotes.end_to_end"]["f1"] >= 0.95, scores["quotes.end_to_end"]
    assert scores["quotes.direct.end_to_end"]["f1"] == 1.0, scores["quotes.direct.end_to_end"]
    assert scores["quotes.source_acc"]["accuracy"] == 1.0, scores["quotes.source_acc"]
    assert scores["quotes.said_on_acc"]["accuracy"] == 1.0, scores["quotes.said_on_acc"]
    assert scores["quotes.end_to_end"]["recall"] >= 0.985, scores["quotes.end_to_end"]
    # 6 known false statements (see above) of 95
    assert scores["quotes.end_to_end"]["precision"] >= 0.93, "a statement found where the gold has none (scare quotes, titles, acts?)"


def test_own_gold_speakers_by_name():
    """The scorer counts a speaker right when its mention overlaps the gold one, so "The
    agency" named the navy passes there; here the canonical name itself must agree (equal, or
    the same last word: "Peskov" = "Dmitry Peskov"). Measured 89 of 89 matched statements; 38
    of the 56 speaker passages' statements were right before the speaker rules of issue 12."""
    from parley.api import extract_many
    from parley.evaluation import inputs_of, load_records
    from parley.scoring import greedy_match, join_split_quotes, quote_score, same_name

    gold = load_records(ROOT / "tests" / "gold" / "statements.jsonl")
    right = total = 0
    wrong: list[tuple[str, str | None, str | None]] = []
    for g, record in zip(gold, extract_many(inputs_of(gold)), strict=True):
        golds = join_split_quotes(g["quotes"], g["text"])
        preds = join_split_quotes([q.model_dump(mode="json") for q in record.quotes], g["text"])
        for i, j in greedy_match(golds, preds, quote_score, 0.5):
            total += 1
            want, got = golds[i]["speaker"], preds[j]["speaker"]
            if (want is None and got is None) or same_name(want, got):
                right += 1
            else:
                wrong.append((g["id"], want, got))
    assert total >= 80, total
    assert right / total >= 0.97, wrong


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
