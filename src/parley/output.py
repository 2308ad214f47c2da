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

from .model import ArticleRecord, Quote, Span

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
    render_statements(record, console)
    render_events(record, console)
    render_stances(record, console)


def render_events(record: ArticleRecord, console: Console) -> None:
    """Who did what to whom (PLOVER types), with when, where and modality."""
    if not record.events:
        return
    table = Table(title=f"Events ({len(record.events)})", title_justify="left", show_lines=False)
    for column in ("type", "source", "target", "trigger", "when", "where", "notes"):
        table.add_column(column, style="bold" if column == "type" else None)
    for e in record.events:
        notes = [k for k in ("negated", "hypothetical", "future") if getattr(e, k)]
        if e.reported_by:
            notes.append(f"per {e.reported_by}")
        table.add_row(e.type, e.source, e.target or "—", f"“{e.trigger.text}”", e.when or "—", e.where or "—", ", ".join(notes))
    console.print(table)


def render_stances(record: ArticleRecord, console: Console) -> None:
    """Each actor's position on an issue, with its evidence."""
    if not record.stances:
        return
    table = Table(title=f"Positions ({len(record.stances)})", title_justify="left", show_lines=False)
    for column in ("holder", "issue", "position", "label", "evidence"):
        table.add_column(column, style="bold" if column == "position" else None)
    for s in record.stances:
        table.add_row(s.holder, s.issue, s.position, s.label or "", f"“{s.evidence.text}”")
    console.print(table)


def statement_line(quote: Quote) -> str:
    """One statement as a reader says it: cue — “content” (source, date), with "reported by"
    for a nested one. The speaker heads the group it is printed in."""
    cue = quote.cue.text if isinstance(quote.cue, Span) else quote.cue
    notes = [x for x in (f"via {quote.source}" if quote.source else None, quote.said_on,
                         f"reported by {quote.reported_by}" if quote.reported_by else None) if x]  # fmt: skip
    tail = f" ({', '.join(notes)})" if notes else ""
    label = cue or ("(quoted)" if quote.type == "direct" else "(unattributed)")
    parts = getattr(quote, "parts", None)  # a split quotation: its parts, without the cue between
    said = " … ".join(f"“{p['text'] if isinstance(p, dict) else p.text}”" for p in parts) if parts else f"“{quote.content.text}”"
    return f"{label} — {said}{tail}"


def render_statements(record: ArticleRecord, console: Console) -> None:
    """The statements grouped by speaker (in order of each speaker's first statement):
    speaker — cue — “content” (source, date)."""
    if not record.quotes:
        return
    groups: dict[str, list[Quote]] = {}
    for q in record.quotes:
        groups.setdefault(q.speaker or "(unnamed)", []).append(q)
    console.print(Text(f"Statements ({len(record.quotes)})", style="italic"))
    for speaker, quotes in groups.items():
        console.print(Text(speaker, style="bold"))
        for q in quotes:
            console.print(Text(f"  {q.type[:3]}  {statement_line(q)}"), overflow="fold")


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
        table.add_row(f"“{d.text}”", date_label(d.value, d.modifier, d.note))
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


# ---- query results (parley quotes / actors / timeline / sql) -------------------------------

TABLE_FORMATS = ("table", "json", "csv")
# Longer cells are cut in the terminal table (never in JSON or CSV).
TABLE_CELL_CHARS = 200


def plain_value(value: Any) -> Any:
    """A DataFrame cell as a JSON/CSV value: missing -> None, a midnight timestamp (a DATE
    column) -> "YYYY-MM-DD", numpy scalars -> Python numbers, bytes -> hex."""
    import datetime as dt

    import pandas as pd

    if value is None or (not isinstance(value, str | bytes | list | dict) and bool(pd.isna(value))):
        return None
    if isinstance(value, pd.Timestamp | dt.datetime):
        return value.date().isoformat() if (value.hour, value.minute, value.second, value.microsecond) == (0, 0, 0, 0) else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    if hasattr(value, "item"):  # numpy scalar
        return value.item()
    return value


def frame_rows(frame: Any) -> list[dict[str, Any]]:
    """A pandas DataFrame as a list of plain dicts."""
    return [{str(k): plain_value(v) for k, v in row.items()} for row in frame.to_dict(orient="records")]


# Columns for programs, not readers: a table leaves them out (JSON and CSV keep every column).
_MACHINE_SUFFIXES = ("_id", "_start", "_end", "url")


def table_columns(columns: Iterable[str], rows: list[dict[str, Any]], *, all_columns: bool = False) -> list[str]:
    """The columns a table shows: without identifiers, offsets and columns empty in every row."""
    columns = list(columns)
    if all_columns:
        return columns
    shown = [c for c in columns if not c.endswith(_MACHINE_SUFFIXES) and any(r[c] not in (None, "", []) for r in rows)]
    return shown or columns


def write_frame(frame: Any, fmt: str, out: IO[str], console: Console | None = None, *, all_columns: bool = False) -> int:
    """Print a query's DataFrame as a table (Rich), a JSON array or CSV; returns the rows."""
    import csv

    rows = frame_rows(frame)
    columns = [str(c) for c in frame.columns]
    if fmt == "json":
        out.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    else:
        shown = table_columns(columns, rows, all_columns=all_columns)
        cells = [[_cell(row[c]) for c in shown] for row in rows]
        table = Table(show_lines=False, title=f"{len(rows)} row{'s' if len(rows) != 1 else ''}", title_justify="left")
        for k, col in enumerate(shown):
            longest = max([len(col)] + [len(r[k]) for r in cells])
            # running text (content, evidence) takes the room that is left; names, dates and
            # counts keep their width where the terminal has it
            table.add_column(col, overflow="fold", ratio=1 if longest > 24 else None)
        for row_cells in cells:
            table.add_row(*row_cells)
        (console or Console(file=out)).print(table)
    return len(rows)


def position_grid(frame: Any, issue: str) -> Table:
    """Actors x periods as a grid: one row per holder, one column per period, each cell the
    position the holder took most often then (with how many stances back it), so that a move
    reads left to right. The evidence stays in the long table (``write_frame``)."""
    rows = frame_rows(frame)
    periods = sorted({str(r["period"]) for r in rows})
    periods_of = Counter(str(r["holder"]) for r in rows)
    holders = sorted(periods_of, key=lambda h: (-periods_of[h], h))  # the most present first
    cell: dict[tuple[str, str], str] = {}
    for r in rows:
        label = str(r["position"])
        if int(r.get("stances") or 1) > 1:
            label += f" ×{r['stances']}"
        others = [p for p in (r.get("positions") or []) if p != r["position"]]
        if others:
            label += f" (also {', '.join(others)})"
        cell[(str(r["holder"]), str(r["period"]))] = label
    actors = f"{len(holders)} actor{'s' if len(holders) != 1 else ''}"
    table = Table(title=f"{issue}: {actors} x {len(periods)} period{'s' if len(periods) != 1 else ''}", title_justify="left")
    table.add_column("actor", overflow="fold")
    for period in periods:
        table.add_column(period, overflow="fold")
    for holder in holders:
        table.add_row(holder, *[cell.get((holder, period), "") for period in periods])
    return table


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= TABLE_CELL_CHARS else text[: TABLE_CELL_CHARS - 1] + "…"
