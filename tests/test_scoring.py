"""parley's own scorer (parley.scoring, parley evaluate): its matching rules, and agreement with
the shared scorer (shared/eval/score.py) on the seed and on PolNeAR dev."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from parley import api
from parley.cli import app
from parley.evaluation import predict
from parley.scoring import same_name, score

from .helpers import needs_shared

runner = CliRunner()
TOLERANCE = 0.005


def _shared_scores(gold, pred) -> dict:
    scorer = needs_shared("eval/score.py")
    out = subprocess.run([sys.executable, str(scorer), str(gold), str(pred), "--json"], check=True, capture_output=True, text=True).stdout
    return json.loads(out)["scores"]


def _agree(ours: dict, theirs: dict) -> None:
    assert set(ours) == set(theirs)
    for key, value in theirs.items():
        for measure in ("precision", "recall", "f1", "accuracy"):
            if measure in value:
                assert abs(ours[key][measure] - value[measure]) <= TOLERANCE, (key, measure, ours[key], value)


@pytest.mark.parametrize(
    "gold,pred,strict,expected",
    [
        ("Dmitry Peskov", "Peskov", False, True),
        ("Dmitry Peskov", "peskov", True, True),
        ("North Korea", "South Korea", True, False),
        ("Jeb Bush", "George Bush", False, True),  # statements: the last word is enough
        ("Jeb Bush", "George Bush", True, False),  # actors and events: not between two full names
        ("U.S.", "U.S.", True, True),
        (None, "Putin", False, False),
    ],
)
def test_same_name(gold, pred, strict, expected):
    assert same_name(gold, pred, strict=strict) is expected


TEXT = '"We are ready," Putin said, "to talk." Peskov said the talks would go on.'


def _quote(content: str, speaker: str | None, kind: str = "direct", **extra) -> dict:
    start = TEXT.index(content)
    return {"type": kind, "content": {"start": start, "end": start + len(content), "text": content}, "speaker": speaker, **extra}


def test_split_quotes_and_speakers():
    gold = {"id": "a", "text": TEXT, "quotes": [_quote('We are ready," Putin said, "to talk.', "Vladimir Putin"), _quote("the talks would go on", "Dmitry Peskov", "indirect")]}
    pred = {"id": "a", "quotes": [_quote("We are ready,", "Putin"), _quote("to talk.", "Putin"), _quote("the talks would go on", None, "indirect")]}
    report = score([gold], [pred])
    assert report.scores["quotes.detect"]["tp"] == 2  # the two parts are joined into one statement
    assert report.scores["quotes.end_to_end"]["tp"] == 1  # an unattributed prediction of an attributed statement
    assert report.scores["quotes.speaker_acc"] == {"accuracy": 0.5, "n": 2}


def test_hand_made_gold_without_values_or_coordinates_does_not_break_it():
    gold = {"id": "a", "text": "On Monday in Kyiv.", "dates": [{"start": 3, "end": 9, "text": "Monday", "value": None}], "places": [{"start": 13, "end": 17, "text": "Kyiv", "name": "Kyiv", "kind": "city"}]}
    report = score([gold], [{"id": "a"}])
    assert report.scores["dates.value"]["gold"] == 0 and report.scores["places.resolved"]["gold"] == 0


def test_agrees_with_the_shared_scorer_on_the_seed(tmp_path):
    gold = needs_shared("gold/seed.json")
    pred = tmp_path / "pred.jsonl"
    predict(gold, pred)
    ours = api.evaluate(gold, pred=pred)
    _agree(ours.scores, _shared_scores(gold, pred))
    assert {"quotes.end_to_end", "mentions.actor", "dates.value", "places.resolved", "events.typed_actors"} <= set(ours.scores)


@pytest.mark.slow
def test_agrees_with_the_shared_scorer_on_polnear_dev(polnear_store, tmp_path):
    gold = needs_shared("gold/polnear-dev.jsonl")
    (pred,) = api.export(polnear_store, to="jsonl", out=tmp_path)
    result = runner.invoke(app, ["evaluate", str(gold), "--pred", str(pred), "--json"])
    assert result.exit_code == 0, result.output
    ours = json.loads(result.output)
    assert ours["documents"] == 84 and ours["missing"] == 0
    _agree(ours["scores"], _shared_scores(gold, pred))


def test_cli_evaluate_runs_parley_without_pred(tmp_path):
    gold = needs_shared("gold/seed.json")
    result = runner.invoke(app, ["evaluate", str(gold)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "documents 1  missing predictions 0"
    assert any(line.startswith("quotes.end_to_end") and " F1 " in line for line in lines)


@pytest.mark.parametrize(
    "content,args,message",
    [
        ("not json at all", [], "not JSON records"),
        ('[{"text": "no id"}]', ["--pred", "{gold}"], "record 1 is not a record"),
        ("", [], "holds no gold record"),
        ('{"id": "a", "quotes": []}', [], "has no text to run parley on"),
        ('[{"id": 1, "data": {"text": "Putin said no."}, "annotations": []}]', [], "annotate none of quotes"),  # a Label Studio export
        ('{"id": "a", "text": "x", "quotes": []}', ["--pred", "{missing}"], "no such file"),
    ],
)
def test_cli_evaluate_bad_input_is_one_line(tmp_path, content, args, message):
    gold = tmp_path / "gold.json"
    gold.write_text(content, encoding="utf-8")
    filled = [a.format(gold=gold, missing=tmp_path / "none.jsonl") for a in args]
    result = runner.invoke(app, ["evaluate", str(gold), *filled])
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and "Traceback" not in result.output


def test_evaluate_reads_a_gold_set_with_its_conventions_over_a_settings_file_under_overrides(tmp_path):
    from parley.evaluation import options_for

    polnear = options_for("polnear-test.jsonl")
    assert polnear.quotes.keep_complementizer and polnear.quotes.typewriter_type == "indirect"
    plain = options_for("gum-actors-dev.jsonl")
    assert not plain.quotes.keep_complementizer and plain.quotes.typewriter_type == "direct"
    config = tmp_path / "mine.toml"
    config.write_text("[quotes]\nkeep_complementizer = false\n", "utf-8")
    mine = options_for("polnear-dev.jsonl", config, quotes__typewriter_type="direct", nlp__model=None)
    assert mine.quotes.typewriter_type == "direct" and mine.quotes.keep_complementizer
