"""The actor network of a corpus, for Gephi and other graph tools (GEXF 1.3, GraphML).

Nodes are canonical actors: the speakers of statements, the parties to events, and the actors
named in what was said. Edges are directed and of two relations, kept apart as parallel edges
of a multigraph:

- ``event``: source -> target of PLOVER events of one type (``event_type``), with their count,
  first and last date and the articles reporting them; events without a target give no edge
  but count for their source;
- ``statement``: speaker -> an actor named in the content of their statement ("Putin said
  *Ukraine* must ..."), with the number of statements and the issues they touch. Places are not
  actors here (a statement naming Geneva gives no edge), nor is the speaker naming themself.

Every node and edge carries ``first_date`` / ``last_date`` and, in GEXF, *spells*: the runs of
consecutive days on which it appears, so Gephi's timeline shows the network growing and
changing. The date of an appearance is the publication date of the article reporting it (the
day the network could have known it); undated articles count but give no spell.

networkx writes the file. Two fixes are applied to its GEXF 1.3: the XML Schema instance
namespace (networkx spells it ``http://w3.org/...`` for 1.3, the schema wants
``http://www.w3.org/...``), and the GEXF 1.3 ``kind`` attribute on each edge, which tells
Gephi that an event and a statement between the same two actors are parallel edges rather
than one edge to merge. List-valued attributes (articles, issues) are written as one string,
the items separated by `` | ``, since GraphML has no list type.
"""

from __future__ import annotations

import datetime as dt
import io
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from ..errors import OptionError
from ..store import Store
from . import NETWORK_FORMATS, reading

LIST_SEPARATOR = " | "
GEXF_VERSION = "1.3"
_XSI_WRONG = "http://w3.org/2001/XMLSchema-instance"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
_GEXF_NS = "http://gexf.net/1.3"


@dataclass
class _Seen:
    """Dates and articles of one node or edge."""

    dates: set[dt.date] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)
    count: int = 0
    issues: set[str] = field(default_factory=set)

    def add(self, article_id: str, published: dt.date | None, issues: Iterable[str] = ()) -> None:
        self.count += 1
        self.articles.add(article_id)
        if published is not None:
            self.dates.add(published)
        self.issues.update(issues)


def spells(dates: Iterable[dt.date]) -> list[tuple[str, str]]:
    """Runs of consecutive days as inclusive (start, end) ISO dates: 1, 2, 3 and 7 May ->
    (1 May, 3 May), (7 May, 7 May)."""
    out: list[list[dt.date]] = []
    for day in sorted(set(dates)):
        if out and (day - out[-1][1]).days <= 1:
            out[-1][1] = day
        else:
            out.append([day, day])
    return [(a.isoformat(), b.isoformat()) for a, b in out]


def _dated(seen: _Seen) -> dict[str, Any]:
    if not seen.dates:
        return {"first_date": "", "last_date": ""}
    return {"first_date": min(seen.dates).isoformat(), "last_date": max(seen.dates).isoformat(), "spells": spells(seen.dates)}


def build_network(store: Store, selection: reading.Selection, countries: Mapping[str, str] | None = None) -> nx.MultiDiGraph:
    """The actor network of the selected statements and events (see the module docstring)."""
    countries = countries or {}
    kinds = reading.actor_kinds(store)
    nodes: dict[str, _Seen] = defaultdict(_Seen)
    spoke: dict[str, int] = defaultdict(int)
    took_part: dict[str, int] = defaultdict(int)
    said: dict[tuple[str, str], _Seen] = defaultdict(_Seen)
    acted: dict[tuple[str, str, str], _Seen] = defaultdict(_Seen)

    statements = {(s["article_id"], s["idx"]): s for s in reading.statements(store, selection)}
    for s in statements.values():
        if s["speaker"]:
            spoke[s["speaker"]] += 1
            nodes[s["speaker"]].add(s["article_id"], s["published"])
    for named in reading.named_in_statements(store, selection):
        s = statements[(named["article_id"], named["idx"])]
        if not s["speaker"] or named["actor"] == s["speaker"]:
            continue
        kinds.setdefault(named["actor"], named["kind"])
        said[(s["speaker"], named["actor"])].add(s["article_id"], s["published"], s["issues"])
        nodes[named["actor"]].add(s["article_id"], s["published"])
    for e in reading.events(store, selection):
        for party in {e["source"], e["target"]} - {None}:
            took_part[party] += 1
            nodes[party].add(e["article_id"], e["published"])
        if e["target"] and e["target"] != e["source"]:
            acted[(e["source"], e["target"], e["type"])].add(e["article_id"], e["published"], e["issues"])

    graph = nx.MultiDiGraph(name="parley actor network")
    for name in sorted(nodes):
        seen = nodes[name]
        graph.add_node(
            name,
            label=name,
            kind=kinds.get(name) or "",
            country=countries.get(name, ""),
            statements=spoke[name],
            events=took_part[name],
            articles=len(seen.articles),
            **_dated(seen),
        )
    for (source, target, event_type), seen in sorted(acted.items()):
        graph.add_edge(source, target, key=f"event:{event_type}", **_edge(f"{source} -> {target} ({event_type})", "event", event_type, seen))
    for (speaker, actor), seen in sorted(said.items()):
        graph.add_edge(speaker, actor, key="statement", **_edge(f"{speaker} -> {actor} (statement)", "statement", "", seen))
    return graph


def _edge(edge_id: str, relation: str, event_type: str, seen: _Seen) -> dict[str, Any]:
    return {
        "id": edge_id,
        "label": event_type or relation,
        "relation": relation,
        "event_type": event_type,
        "weight": seen.count,
        "count": seen.count,
        "articles": LIST_SEPARATOR.join(sorted(seen.articles)),
        "issues": LIST_SEPARATOR.join(sorted(seen.issues)),
        **_dated(seen),
    }


def _gexf(graph: nx.MultiDiGraph) -> bytes:
    """networkx's GEXF 1.3 with the XSI namespace right and each edge's ``kind`` set."""
    text = "\n".join(nx.generate_gexf(graph, version=GEXF_VERSION)).replace(_XSI_WRONG, _XSI)
    ET.register_namespace("", _GEXF_NS)
    ET.register_namespace("viz", _GEXF_NS + "/viz")
    ET.register_namespace("xsi", _XSI)
    root = ET.fromstring(text)
    relation_ids = {str(g.get("id")): g.get("title") for g in root.iter(f"{{{_GEXF_NS}}}attribute") if g.get("title") == "relation"}
    for edge in root.iter(f"{{{_GEXF_NS}}}edge"):
        for value in edge.iter(f"{{{_GEXF_NS}}}attvalue"):
            if value.get("for") in relation_ids:
                edge.set("kind", str(value.get("value")))
    buffer = io.BytesIO()
    ET.ElementTree(root).write(buffer, encoding="utf-8", xml_declaration=True)
    return buffer.getvalue()


def write_network(graph: nx.MultiDiGraph, to: str, out: str | Path) -> Path:
    """Write ``graph`` into the folder ``out`` as ``network.gexf`` or ``network.graphml``."""
    if to not in NETWORK_FORMATS:
        raise OptionError(f"--to {to}: expected one of {', '.join(NETWORK_FORMATS)}")
    path = Path(out) / f"network.{to}"
    if to == "gexf":
        path.write_bytes(_gexf(graph))
        return path
    plain = graph.copy()
    for _, data in plain.nodes(data=True):
        data.pop("spells", None)
    for _, _, data in plain.edges(data=True):
        data.pop("spells", None)
    nx.write_graphml(plain, path, edge_id_from_attribute=None)
    return path
