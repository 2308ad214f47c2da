"""Records -> JSON, JSONL and a readable text summary. Every format is made here, from the
same :class:`ArticleRecord`, at the very end (trafilatura's ``determine_returnstring``)."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import IO, Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .model import ArticleRecord

FORMATS = ("json", "jsonl", "text", "geojson")


def record_json(record: ArticleRecord, *, include_text: bool = True, indent: int | None = None) -> str:
    return json.dumps(record.to_dict(include_text=include_text), ensure_ascii=False, indent=indent)


def write_jsonl(records: Iterable[ArticleRecord], out: IO[str], *, include_text: bool = True) -> int:
    count = 0
    for record in records:
        out.write(record_json(record, include_text=include_text) + "\n")
        out.flush()
        count += 1
    return count


def write_json(records: Iterable[ArticleRecord], out: IO[str], *, include_text: bool = True) -> int:
    """One record as an object; several as an array (streamed, so memory stays flat)."""
    items = iter(records)
    first = next(items, None)
    if first is None:
        out.write("[]\n")
        return 0
    second = next(items, None)
    if second is None:
        out.write(record_json(first, include_text=include_text, indent=2) + "\n")
        return 1
    out.write("[\n")
    count = 0
    for record in (first, second, *items):
        out.write((",\n" if count else "") + record_json(record, include_text=include_text, indent=2))
        count += 1
    out.write("\n]\n")
    return count


def render_text(record: ArticleRecord, console: Console) -> None:
    """A readable summary: who is mentioned, as whom, how often."""
    head = Text(record.title or record.id, style="bold")
    meta = " · ".join(x for x in (record.publisher, str(record.published) if record.published else "date unknown") if x)
    console.rule(head)
    console.print(Text(meta, style="dim"))
    actors: dict[str, Counter[str]] = defaultdict(Counter)
    kinds: dict[str, str] = {}
    for m in record.mentions:
        if m.actor is None:
            continue
        actors[m.actor][m.text] += 1
        kinds.setdefault(m.actor, m.kind or m.type)
    table = Table(title=f"Actors ({len(actors)})", title_justify="left", show_lines=False)
    table.add_column("actor", style="bold")
    table.add_column("kind")
    table.add_column("n", justify="right")
    table.add_column("as written")
    for actor, forms in sorted(actors.items(), key=lambda kv: -sum(kv[1].values())):
        table.add_row(actor, kinds.get(actor, ""), str(sum(forms.values())), ", ".join(f"“{f}”" for f, _ in forms.most_common(5)))
    console.print(table)
    render_dates(record, console)
    render_places(record, console)


def date_label(value: str | None, modifier: str | None, note: str | None = None) -> str:
    """A resolved date as a reader says it: ``2025-11`` + END -> "2025-11 (end)"; no value ->
    "—" with the reason ("— duration")."""
    if value is None:
        return f"— {note}" if note else "—"
    return f"{value} ({modifier.lower()})" if modifier else value


def render_dates(record: ArticleRecord, console: Console) -> None:
    """The time expressions in text order: as written, and what they resolve to."""
    if not record.dates:
        return
    table = Table(title=f"Dates ({sum(1 for d in record.dates if d.value)} resolved)", title_justify="left", show_lines=False)
    table.add_column("as written")
    table.add_column("when", style="bold")
    for d in record.dates:
        table.add_row(f"“{d.text}”", date_label(d.value, d.modifier, getattr(d, "note", None)))
    console.print(table)


def render_places(record: ArticleRecord, console: Console) -> None:
    """The places, each once, in order of first mention: as written, what they resolve to, where."""
    if not record.places:
        return
    seen: dict[tuple[str, float | None, float | None], list[str]] = {}
    kinds: dict[tuple[str, float | None, float | None], tuple[str, str]] = {}
    for p in record.places:
        key = (p.name, p.lat, p.lon)
        forms = seen.setdefault(key, [])
        if p.text not in forms:
            forms.append(p.text)
        kinds.setdefault(key, (p.kind, p.country or ""))
    located = sum(1 for name, lat, lon in seen if lat is not None)
    table = Table(title=f"Places ({located} located, {len(seen) - located} not)", title_justify="left", show_lines=False)
    table.add_column("place", style="bold")
    table.add_column("kind")
    table.add_column("country")
    table.add_column("lat, lon", justify="right")
    table.add_column("as written")
    for (name, lat, lon), forms in seen.items():
        kind, country = kinds[(name, lat, lon)]
        where = f"{lat:.2f}, {lon:.2f}" if lat is not None and lon is not None else "—"
        table.add_row(name, kind, country, where, ", ".join(f"“{f}”" for f in forms[:5]))
    console.print(table)


def place_features(record: ArticleRecord) -> list[dict[str, Any]]:
    """GeoJSON Features for a record's places (RFC 7946: [lon, lat]; a place that could not be
    located keeps a null geometry, which the RFC allows for unlocated features)."""
    features = []
    for p in record.places:
        geometry = {"type": "Point", "coordinates": [p.lon, p.lat]} if p.lat is not None and p.lon is not None else None
        properties = {
            "article_id": record.id, "text": p.text, "start": p.start, "end": p.end, "name": p.name,
            "kind": p.kind, "country": p.country, "geonameid": p.geonameid,
        }  # fmt: skip
        features.append({"type": "Feature", "geometry": geometry, "properties": properties})
    return features


def write_geojson(records: Iterable[ArticleRecord], out: IO[str]) -> int:
    """The places of every record as one GeoJSON FeatureCollection, streamed: records are
    written as they come, so memory stays flat over a large corpus. Returns the records read."""
    out.write('{"type": "FeatureCollection", "features": [\n')
    count = written = 0
    for record in records:
        count += 1
        for feature in place_features(record):
            out.write((",\n" if written else "") + json.dumps(feature, ensure_ascii=False))
            written += 1
        out.flush()
    out.write("\n]}\n")
    return count
