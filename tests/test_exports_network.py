"""The actor network export (GEXF 1.3 for Gephi, GraphML): read back with networkx and checked
against the store, on the hand-made store of tests/corpus.py and on PolNeAR dev."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from parley import api
from parley.cli import app
from parley.corpus import write_records
from parley.exports.network import spells
from parley.store import Store

from .corpus import fixture_records

runner = CliRunner()
GEXF = "{http://gexf.net/1.3}"


def _read(path):
    graph = nx.read_gexf(path, version="1.3")
    return nx.MultiDiGraph(graph)


def _edges(graph):
    """(source, target, relation, event type) -> edge data."""
    return {(u, v, d["relation"], d["event_type"] or None): d for u, v, d in graph.edges(data=True)}


def test_spells_are_runs_of_consecutive_days():
    days = [dt.date(2025, 5, d) for d in (3, 1, 2, 7, 7)]
    assert spells(days) == [("2025-05-01", "2025-05-03"), ("2025-05-07", "2025-05-07")]
    assert spells([]) == []


def test_gexf_nodes_and_edges_of_the_fixture_store(fixture_store, tmp_path):
    (path,) = api.export(fixture_store, to="gexf", out=tmp_path)
    graph = _read(path)
    assert set(graph.nodes) == {"Vladimir Putin", "Volodymyr Zelenskyy", "Dmitry Peskov", "Russia", "Ukraine", "United States"}
    putin = graph.nodes["Vladimir Putin"]
    assert (putin["kind"], putin["country"], putin["statements"], putin["events"]) == ("person", "RU", 3, 0)
    assert (putin["first_date"], putin["last_date"]) == ("2025-11-03", "2025-12-10")
    russia = graph.nodes["Russia"]
    assert (russia["kind"], russia["statements"], russia["events"]) == ("state", 0, 3)  # CONSULT, REJECT (target), REQUEST (target)
    edges = _edges(graph)
    assert set(edges) == {
        ("Russia", "Ukraine", "event", "CONSULT"),
        ("Ukraine", "Russia", "event", "REJECT"),
        ("United States", "Russia", "event", "REQUEST"),
        # Putin named Moscow (Russia) and "Ukrainian officials"; Russia again in Geneva
        ("Vladimir Putin", "Russia", "statement", None),
        ("Vladimir Putin", "Ukraine", "statement", None),
        # Zelenskyy: "Kyiv would not give up the Donbas", and the undated "Ukraine needs more air defence"
        ("Volodymyr Zelenskyy", "Ukraine", "statement", None),
        ("Dmitry Peskov", "United States", "statement", None),
    }
    putin_russia = edges[("Vladimir Putin", "Russia", "statement", None)]
    assert (putin_russia["count"], putin_russia["first_date"], putin_russia["last_date"]) == (2, "2025-11-03", "2025-12-10")
    assert putin_russia["articles"] == "geneva-round | istanbul-offer"
    zelenskyy = edges[("Volodymyr Zelenskyy", "Ukraine", "statement", None)]
    assert zelenskyy["count"] == 2 and zelenskyy["last_date"] == "2025-11-03"  # the undated article gives no date
    consult = edges[("Russia", "Ukraine", "event", "CONSULT")]
    assert (consult["count"], consult["articles"], consult["label"]) == (1, "istanbul-offer", "CONSULT")


def test_gexf_is_13_with_spells_and_edge_kinds(fixture_store, tmp_path):
    (path,) = api.export(fixture_store, to="gexf", out=tmp_path)
    root = ET.parse(path).getroot()
    assert root.get("version") == "1.3"
    assert root.get("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation") == "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd"
    graph = root.find(f"{GEXF}graph")
    assert (graph.get("mode"), graph.get("timeformat"), graph.get("defaultedgetype")) == ("dynamic", "date", "directed")
    russia = next(n for n in graph.iter(f"{GEXF}node") if n.get("id") == "Russia")
    assert [(s.get("start"), s.get("end")) for s in russia.iter(f"{GEXF}spell")] == [("2025-11-03", "2025-11-03"), ("2025-12-10", "2025-12-10")]
    assert Counter(e.get("kind") for e in graph.iter(f"{GEXF}edge")) == {"event": 3, "statement": 4}


def test_graphml_holds_the_same_network(fixture_store, tmp_path):
    (gexf,) = api.export(fixture_store, to="gexf", out=tmp_path)
    (graphml,) = api.export(fixture_store, to="graphml", out=tmp_path)
    a, b = _read(gexf), nx.read_graphml(graphml)
    assert set(a.nodes) == set(b.nodes)
    assert set(_edges(a)) == set(_edges(b))
    assert b.nodes["Dmitry Peskov"]["statements"] == 2


@pytest.mark.parametrize(
    "filters,nodes",
    [
        ({"since": "2025-12-01"}, {"Vladimir Putin", "Dmitry Peskov", "Russia", "United States"}),
        ({"speaker": "Zelensky"}, {"Volodymyr Zelenskyy", "Ukraine", "Russia"}),  # his statements, the event he took part in
    ],
)
def test_network_filters(fixture_store, tmp_path, filters, nodes):
    (path,) = api.export(fixture_store, to="gexf", out=tmp_path, **filters)
    assert set(_read(path).nodes) == nodes


def test_network_issue_filter(tmp_path):
    records = fixture_records()
    for record in records:
        for quote in record.quotes:
            if "Donbas" in quote.content.text:
                quote.issues = ["status of Donbas"]  # type: ignore[attr-defined]
    db = tmp_path / "issues.duckdb"
    with Store.open(db) as store:
        write_records(store, records)
    (path,) = api.export(db, to="gexf", out=tmp_path, issue="donbas")
    graph = _read(path)
    assert set(_edges(graph)) == {("Volodymyr Zelenskyy", "Ukraine", "statement", None), ("Vladimir Putin", "Russia", "statement", None)}
    assert {d["issues"] for _, _, d in graph.edges(data=True)} == {"status of Donbas"}


def test_cli_network_errors_are_one_line(tmp_path, fixture_store):
    empty = tmp_path / "empty.duckdb"
    Store.open(empty).close()
    for args, message in (
        (["export", "--db", str(empty), "--to", "gexf", str(tmp_path / "out")], "holds no articles"),
        (["export", "--db", str(fixture_store), "--to", "parquet", "--since", "2025-01-01", str(tmp_path / "out")], "whole store"),
        (["export", "--db", str(fixture_store), "--to", "gexf", "--since", "yesterday-ish", str(tmp_path / "out")], "--since"),
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 1, result.output
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and message in lines[0] and "Traceback" not in result.output


@pytest.mark.slow
def test_polnear_network_matches_the_store(polnear_store, tmp_path):
    (path,) = api.export(polnear_store, to="gexf", out=tmp_path)
    graph = _read(path)
    speakers = api.sql(polnear_store, "select speaker, count(*) as n from quotes where speaker is not null group by speaker")
    for speaker, n in zip(speakers["speaker"], speakers["n"], strict=True):
        assert graph.nodes[speaker]["statements"] == n
    events = api.sql(polnear_store, "select source, target, type, count(*) as n from events where target is not null and target <> source group by all")
    edges = _edges(graph)
    for source, target, kind, n in events.itertuples(index=False):
        assert edges[(source, target, "event", kind)]["count"] == n
    assert sum(1 for key in edges if key[2] == "event") == len(events)
    dated = api.sql(polnear_store, "select min(published) as first, max(published) as last from articles")
    first, last = str(dated["first"][0])[:10], str(dated["last"][0])[:10]
    for _, data in graph.nodes(data=True):
        assert data["first_date"] == "" or first <= data["first_date"] <= data["last_date"] <= last
    assert all(data["kind"] != "place" for _, data in graph.nodes(data=True) if data["statements"] == 0 and data["events"] == 0)


@pytest.mark.slow
def test_polnear_network_by_issue(polnear_store, tmp_path):
    (path,) = api.export(polnear_store, to="gexf", out=tmp_path, issue="climate")
    graph = _read(path)
    said = [d for _, _, d in graph.edges(data=True) if d["relation"] == "statement"]
    assert said and all("climate" in d["issues"].split(" | ") for d in said)
    on_climate = api.sql(polnear_store, "select speaker, count(*) as n from quotes where speaker is not null and list_contains(CAST(json_extract(extra, '$.issues') AS VARCHAR[]), 'climate') group by speaker")
    assert {s: graph.nodes[s]["statements"] for s in on_climate["speaker"]} == dict(zip(on_climate["speaker"], on_climate["n"], strict=True))


def test_draw_network_script(fixture_store, tmp_path):
    """scripts/draw_network.py, which makes docs/network.png, draws an exported network."""
    import subprocess
    import sys

    pytest.importorskip("matplotlib", reason="matplotlib comes with the test extra")
    (path,) = api.export(fixture_store, to="gexf", out=tmp_path)
    script = Path(__file__).resolve().parent.parent / "scripts" / "draw_network.py"
    result = subprocess.run([sys.executable, str(script), str(path), str(tmp_path / "network.png")], capture_output=True, text=True, check=True)
    assert "6 actors, 7 ties" in result.stdout
    assert (tmp_path / "network.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
