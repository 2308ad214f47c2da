"""The correction loop: Label Studio tasks out, a Label Studio export back in as gold records,
scored by parley evaluate. The fixture tests/fixtures/label-studio/export.json is a real
export, made by scripts/label_studio_roundtrip.py with Label Studio 1.23 from the tasks beside
it: predictions accepted as annotations, then the statement "the second round in Geneva had
been constructive" rejected."""

from __future__ import annotations

import copy
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from parley import api
from parley.cli import app
from parley.errors import InputError
from parley.exports.labelstudio import LABELS, TEXT_FIELDS, gold_record, parse_place, place_field, prediction, read_export
from parley.model import ArticleRecord, Quote, Span

runner = CliRunner()
FIXTURE = Path(__file__).parent / "fixtures" / "label-studio"


def _accept(tasks: list[dict]) -> list[dict]:
    """What Label Studio's "accept predictions" does: each prediction becomes an annotation."""
    out = copy.deepcopy(tasks)
    for n, task in enumerate(out):
        task["id"] = n + 1
        task["annotations"] = [{"id": n + 1, "result": task["predictions"][0]["result"], "was_cancelled": False}]
    return out


def _records(db, tmp_path) -> Path:
    (path,) = api.export(db, to="jsonl", out=tmp_path / "records")
    return path


def _perfect(report) -> bool:
    return all(v.get("f1", v.get("accuracy")) == 1.0 for v in report.scores.values())


def test_tasks_and_config(fixture_store, tmp_path):
    tasks_path, config_path = api.export(fixture_store, to="label-studio", out=tmp_path)
    config = ET.parse(config_path).getroot()
    assert [label.get("value") for label in config.iter("Label")] == list(LABELS)
    assert {t.get("name") for t in config.iter("TextArea")} == set(TEXT_FIELDS)
    assert config.find("Text").get("value") == "$text"
    tasks = json.loads(tasks_path.read_text(encoding="utf-8"))
    assert [t["data"]["article_id"] for t in tasks] == ["istanbul-offer", "geneva-round", "air-defence"]
    result = tasks[0]["predictions"][0]["result"]
    regions = {r["id"]: r for r in result if r["type"] == "labels"}
    text = tasks[0]["data"]["text"]
    for region in regions.values():
        assert text[region["value"]["start"] : region["value"]["end"]] == region["value"]["text"]
    says = [(regions[r["from_id"]]["value"]["text"], regions[r["to_id"]]["value"]["text"]) for r in result if r["type"] == "relation" and r["labels"] == ["says"]]
    assert ("Vladimir Putin", "Moscow was ready to meet Ukrainian officials in Istanbul") in says
    assert ("Putin", "We are open to talks without preconditions,") in says
    places = [r["value"]["text"][0] for r in result if r.get("from_name") == "place"]
    assert places[0] == "Istanbul | TR | city | 41.01 | 28.95"


def test_tasks_select_articles(fixture_store, tmp_path):
    def ids(**filters):
        tasks_path, _ = api.export(fixture_store, to="label-studio", out=tmp_path, **filters)
        return [t["data"]["article_id"] for t in json.loads(tasks_path.read_text(encoding="utf-8"))]

    assert ids(speaker="Peskov") == ["geneva-round"]
    assert ids(since="2025-11-04") == ["geneva-round"]
    assert ids(speaker="Zelensky") == ["istanbul-offer", "air-defence"]


def test_round_trip_unchanged_scores_one_everywhere(fixture_store, tmp_path):
    (tasks_path, _) = api.export(fixture_store, to="label-studio", out=tmp_path)
    accepted = tmp_path / "accepted.json"
    accepted.write_text(json.dumps(_accept(json.loads(tasks_path.read_text(encoding="utf-8")))), encoding="utf-8")
    assert api.import_annotations(accepted, tmp_path / "gold.jsonl") == (3, 0)
    report = api.evaluate(tmp_path / "gold.jsonl", pred=_records(fixture_store, tmp_path))
    assert {"quotes.end_to_end", "quotes.content_exact", "dates.value", "places.resolved", "quotes.said_on_acc"} <= set(report.scores)
    assert _perfect(report), report.lines()


def test_real_label_studio_export(tmp_path, fixture_store):
    records, skipped = read_export(FIXTURE / "export.json")
    assert skipped == 0 and [r["id"] for r in records] == ["istanbul-offer", "geneva-round", "air-defence"]
    geneva = records[1]
    assert [q["content"]["text"] for q in geneva["quotes"]] == [
        "the United States asked for guarantees on the Zaporizhzhia plant",
        "Russia would not withdraw from the Donbas",
    ]
    assert geneva["quotes"][0]["speaker"] == "Dmitry Peskov" and geneva["quotes"][0]["cue"]["text"] == "According to"
    istanbul = records[0]
    assert istanbul["quotes"][0]["said_on"] == "2025-11-03" and istanbul["dates"][0]["value"] == "2025-11-03"
    assert istanbul["quotes"][1]["speaker_mention"]["text"] == "Putin" and istanbul["quotes"][1]["type"] == "direct"
    assert [p["name"] for p in istanbul["places"]] == ["Istanbul", "Moscow", "Donbas"]
    # parley's records against the corrected gold: one rejected statement, everything else right
    gold = tmp_path / "gold.jsonl"
    result = runner.invoke(app, ["import-annotations", str(FIXTURE / "export.json"), "-o", str(gold)])
    assert result.exit_code == 0 and "3 gold records" in result.output
    report = api.evaluate(gold, pred=_records(fixture_store, tmp_path))
    assert report.scores["quotes.detect"] == {"precision": 0.8571, "recall": 1.0, "f1": 0.9231, "tp": 6, "pred": 7, "gold": 6}
    assert all(v.get("f1", v.get("accuracy")) == 1.0 for k, v in report.scores.items() if k in ("dates.value", "places.resolved", "quotes.speaker_acc", "quotes.direct.end_to_end"))


def test_the_fixture_tasks_are_what_parley_exports_now(fixture_store, tmp_path):
    """The committed tasks were made by this code: re-run scripts/label_studio_roundtrip.py when this fails."""
    tasks_path, config_path = api.export(fixture_store, to="label-studio", out=tmp_path)
    assert json.loads(tasks_path.read_text(encoding="utf-8")) == json.loads((FIXTURE / "tasks.json").read_text(encoding="utf-8"))
    assert config_path.read_text(encoding="utf-8") == (FIXTURE / "config.xml").read_text(encoding="utf-8")


def test_offsets_are_label_studio_utf16_units():
    text = "Fans 🎉 cheered. Putin said talks would go on."
    start = text.index("talks")
    record = ArticleRecord(
        id="emoji",
        text=text,
        quotes=[Quote(type="indirect", content=Span.of(text, start, len(text) - 1), speaker="Vladimir Putin", speaker_mention=Span.of(text, 16, 21))],
    )
    result = prediction(record)
    content = next(r for r in result if r["type"] == "labels" and r["value"]["labels"] == ["Content"])
    assert content["value"]["start"] == start + 1  # the emoji is two UTF-16 units
    gold = gold_record({"id": 1, "data": {"text": text, "article_id": "emoji"}}, result, "task 1")
    assert gold["quotes"][0]["content"] == {"start": start, "end": len(text) - 1, "text": "talks would go on"}
    assert gold["quotes"][0]["speaker_mention"]["text"] == "Putin"


def test_new_region_without_fields_gets_a_type_and_the_linked_speaker():
    text = 'Putin said: "We are ready." Officials said the talks would resume.'
    result = [
        {"id": "a", "type": "labels", "from_name": "label", "to_name": "text", "value": {"start": 13, "end": 26, "text": "We are ready.", "labels": ["Content"]}},
        {"id": "b", "type": "labels", "from_name": "label", "to_name": "text", "value": {"start": 0, "end": 5, "text": "Putin", "labels": ["Speaker"]}},
        {"from_id": "b", "to_id": "a", "type": "relation", "direction": "right"},
        {"id": "c", "type": "labels", "from_name": "label", "to_name": "text", "value": {"start": text.index("the talks"), "end": len(text) - 1, "labels": ["Content"]}},
    ]
    gold = gold_record({"id": 7, "data": {"text": text}}, result, "task 7")
    assert gold["id"] == "label-studio-task-7"
    (direct, indirect) = gold["quotes"]
    assert (direct["type"], direct["speaker"], direct["speaker_mention"]["text"]) == ("direct", "Putin", "Putin")
    assert (indirect["type"], indirect["speaker"], indirect["content"]["text"]) == ("indirect", None, "the talks would resume")


@given(
    name=st.text(st.characters(blacklist_characters="|", blacklist_categories=("Cs",)), min_size=1).map(str.strip).filter(bool),
    country=st.sampled_from(["", "UA", "US", "RU"]),
    kind=st.sampled_from(["city", "region", "country"]),
    lat=st.floats(-90, 90, allow_nan=False),
    lon=st.floats(-180, 180, allow_nan=False),
)
def test_place_field_round_trip(name, country, kind, lat, lon):
    place = parse_place(place_field(name, country, kind, lat, lon), "here")
    assert (place["name"], place["country"], place["kind"]) == (name, country or None, kind)
    assert abs(place["lat"] - lat) < 1e-6 and abs(place["lon"] - lon) < 1e-6


JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 50) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(["id", "data", "text", "annotations", "result", "value", "type", "start", "end", "labels", "from_id", "to_id", "from_name"]), inner, max_size=5),
    max_leaves=25,
)


@settings(max_examples=150, deadline=None)
@given(export=JSON)
def test_import_refuses_anything_else_with_an_input_error(tmp_path_factory, export):
    path = tmp_path_factory.mktemp("junk") / "export.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    try:
        read_export(path)
    except InputError as exc:
        assert str(exc).startswith(str(path))


def _task(**changes):
    task = {"id": 3, "data": {"text": "Putin said no.", "article_id": "a"}, "annotations": [{"id": 1, "result": []}]}
    task.update(changes)
    return [task]


@pytest.mark.parametrize(
    "content,message",
    [
        ('[{"id": "doc1", "text": "Putin said no.", "quotes": []}]', "not a Label Studio JSON export"),  # parley's own records
        ('{"text": "Putin said no.", "label": [[0, 5, "PER"]]}\n', "not a Label Studio JSON export"),  # a doccano line
        ("<xml/>", "not JSON"),
        (json.dumps(_task(data={"article_id": "a"})), "task 3 has no 'text'"),
        (json.dumps(_task(annotations=None)), "task 3 has no 'annotations'"),
        (json.dumps(_task(annotations=[{"id": 1, "result": [{"id": "x", "type": "labels", "value": {"start": 0, "labels": ["Speaker"]}}]}])), "task 3, result 0 has no 'end'"),
        (json.dumps(_task(annotations=[{"id": 1, "result": [{"id": "x", "type": "labels", "value": {"start": 0, "end": 99, "labels": ["Speaker"]}}]}])), "outside the text"),
        (json.dumps(_task(annotations=[{"id": 1, "result": [{"type": "relation", "to_id": "x"}]}])), "has no 'from_id'"),
        (json.dumps(_task(annotations=[{"id": 1, "was_cancelled": True, "result": []}])), "no annotated task among 1"),
        ("[]", "no annotated task among 0"),
    ],
)
def test_cli_import_bad_exports_are_one_line(tmp_path, content, message):
    export = tmp_path / "export.json"
    export.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["import-annotations", str(export), "-o", str(tmp_path / "gold.jsonl")])
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and str(export) in lines[0], result.output
    assert "Traceback" not in result.output


@pytest.mark.slow
def test_polnear_round_trip(polnear_store, tmp_path):
    (tasks_path, _) = api.export(polnear_store, to="label-studio", out=tmp_path)
    tasks = json.loads(tasks_path.read_text(encoding="utf-8"))
    assert len(tasks) == 84
    accepted = tmp_path / "accepted.json"
    accepted.write_text(json.dumps(_accept(tasks)), encoding="utf-8")
    assert api.import_annotations(accepted, tmp_path / "gold.jsonl") == (84, 0)
    report = api.evaluate(tmp_path / "gold.jsonl", pred=_records(polnear_store, tmp_path))
    assert report.scores["quotes.detect"]["gold"] > 1000 and report.scores["places.resolved"]["gold"] > 100
    assert _perfect(report), report.lines()

