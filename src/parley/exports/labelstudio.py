"""A correction loop through Label Studio: parley's records out as tasks with predictions, the
annotators' corrections back in as gold records (``shared/eval/FORMAT.md``).

**Out** (``parley export --to label-studio``): ``tasks.json``, one task per article with the
article's text, id, date, publisher and title as ``data`` and parley's findings as one
*prediction*, and ``config.xml``, the labelling configuration the project is made with:

- span labels ``Speaker``, ``Cue`` and ``Content`` for statements, linked by relations
  ``says`` (speaker -> content) and ``cue`` (cue -> content); per content region, the
  statement's ``quote_type`` (direct / indirect / mixed) and three text fields: ``speaker``
  (the canonical name of who said it, which a pronoun speaker span cannot give), ``said_on``
  (YYYY, YYYY-MM or YYYY-MM-DD) and ``source`` (who relays it);
- ``Date`` with its ``date_value`` (a value of the record format: 2025-11-03, 2025-W45...);
- ``Place`` with its ``place`` field, ``name | country | kind | lat | lon`` (``Geneva | CH |
  city | 46.2 | 6.14``), so an annotator can correct where a place is.

Dates without a value and places without coordinates are not exported: the scorer cannot use
them. Mentions, events and stances are not part of the loop.

**In** (``parley import-annotations EXPORT.json``): Label Studio's JSON export (a list of
tasks, each with its ``annotations``) becomes one gold record per annotated task, from its
latest annotation that was not cancelled; tasks nobody annotated are left out. A content
region's speaker is its ``speaker`` field, else the words of the speaker span linked to it; a
content region without a ``quote_type`` is direct when quotation marks enclose it, else
indirect. Offsets are converted from Label Studio's (JavaScript's UTF-16 code units) to
Python's, and checked against each region's text.

Tasks exported and imported back unchanged give the records they came from, so ``parley
evaluate`` scores 1.0 on every layer the loop carries (a test holds us to it).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

from ..errors import InputError
from ..model import ArticleRecord, Span

FROM_LABELS = "label"
TO_TEXT = "text"
QUOTE_TYPES = ("direct", "indirect", "mixed")
QUOTE_MARKS = "\"“”«»„'‘’"
PLACE_FIELDS = ("name", "country", "kind", "lat", "lon")
# Label -> its colour in the labelling interface.
LABELS = {"Speaker": "#4e79a7", "Cue": "#f28e2b", "Content": "#59a14f", "Date": "#b07aa1", "Place": "#e15759"}
RELATIONS = ("says", "cue")
_REGION_PREFIX = {"Speaker": "s", "Cue": "k", "Content": "q", "Date": "d", "Place": "p"}
# Per-region fields: name -> (the label it belongs to, its hint).
TEXT_FIELDS = {
    "speaker": ("Content", "speaker: canonical name of who said it"),
    "said_on": ("Content", "said on: YYYY, YYYY-MM or YYYY-MM-DD"),
    "source": ("Content", "relayed by: who the article cites for it"),
    "date_value": ("Date", "value: YYYY, YYYY-MM, YYYY-MM-DD or YYYY-Www"),
    "place": ("Place", "name | country | kind | lat | lon"),
}


def labeling_config() -> str:
    """The Label Studio labelling configuration for :func:`tasks`."""
    labels = "\n".join(f"    <Label value={quoteattr(v)} background={quoteattr(c)}/>" for v, c in LABELS.items())
    relations = "\n".join(f"    <Relation value={quoteattr(r)}/>" for r in RELATIONS)
    choices = "".join(f"<Choice value={quoteattr(t)}/>" for t in QUOTE_TYPES)
    fields = []
    for label in ("Content", "Date", "Place"):
        inner = []
        if label == "Content":
            inner.append(f'      <Choices name="quote_type" toName="{TO_TEXT}" perRegion="true" choice="single" showInline="true">{choices}</Choices>')
        for name, (owner, hint) in TEXT_FIELDS.items():
            if owner == label:
                inner.append(
                    f'      <TextArea name="{name}" toName="{TO_TEXT}" perRegion="true" maxSubmissions="1" editable="true" rows="1" '
                    f"placeholder={quoteattr(hint)}/>"
                )
        fields.append(f'  <View visibleWhen="region-selected" whenLabelValue="{label}">\n' + "\n".join(inner) + "\n  </View>")
    return (
        "<View>\n"
        '  <Header value="$title"/>\n'
        f'  <Labels name="{FROM_LABELS}" toName="{TO_TEXT}">\n{labels}\n  </Labels>\n'
        f"  <Relations>\n{relations}\n  </Relations>\n"
        f'  <Text name="{TO_TEXT}" value="$text"/>\n' + "\n".join(fields) + "\n</View>\n"
    )


# ---- offsets: Python code points <-> JavaScript UTF-16 code units ---------------------------


def _utf16_offsets(text: str) -> list[int] | None:
    """The UTF-16 offset of each code point (and of the end), or None when they are equal."""
    if all(ord(c) <= 0xFFFF for c in text):
        return None
    out = [0]
    for c in text:
        out.append(out[-1] + (2 if ord(c) > 0xFFFF else 1))
    return out


class _Offsets:
    def __init__(self, text: str) -> None:
        self.table = _utf16_offsets(text)
        self.back = {u: i for i, u in enumerate(self.table)} if self.table else None

    def out(self, i: int) -> int:
        return self.table[i] if self.table else i

    def into(self, u: int) -> int | None:
        if self.back is None:
            return u
        return self.back.get(u)


# ---- out: records -> tasks --------------------------------------------------------------------


class _Result:
    """The result list of one prediction, regions deduplicated by (label, span)."""

    def __init__(self, text: str) -> None:
        self.items: list[dict[str, Any]] = []
        self.offsets = _Offsets(text)
        self._ids: dict[tuple[str, int, int], str] = {}

    def _value(self, span: Span) -> dict[str, Any]:
        return {"start": self.offsets.out(span.start), "end": self.offsets.out(span.end)}

    def region(self, label: str, span: Span, *, shared: bool = False) -> str:
        key = (label, span.start, span.end)
        if shared and key in self._ids:
            return self._ids[key]
        rid = f"{_REGION_PREFIX[label]}{len(self.items)}"
        self._ids[key] = rid
        self.items.append(
            {"id": rid, "from_name": FROM_LABELS, "to_name": TO_TEXT, "type": "labels", "value": {**self._value(span), "text": span.text, "labels": [label]}}
        )
        return rid

    def field(self, rid: str, span: Span, name: str, value: str | None) -> None:
        if value:
            self.items.append({"id": rid, "from_name": name, "to_name": TO_TEXT, "type": "textarea", "value": {**self._value(span), "text": [value]}})

    def choice(self, rid: str, span: Span, name: str, value: str) -> None:
        self.items.append({"id": rid, "from_name": name, "to_name": TO_TEXT, "type": "choices", "value": {**self._value(span), "choices": [value]}})

    def relation(self, from_id: str, to_id: str, label: str) -> None:
        self.items.append({"from_id": from_id, "to_id": to_id, "type": "relation", "direction": "right", "labels": [label]})


def _number(value: float) -> str:
    return f"{value:.6f}".rstrip("0").rstrip(".")


def place_field(name: str, country: str | None, kind: str, lat: float, lon: float) -> str:
    """``name | country | kind | lat | lon``, the text of a Place region's ``place`` field."""
    return " | ".join([name, country or "", kind, _number(lat), _number(lon)])


def prediction(record: ArticleRecord) -> list[dict[str, Any]]:
    """The Label Studio result list of one record (see the module docstring)."""
    r = _Result(record.text)
    for quote in record.quotes:
        cid = r.region("Content", quote.content)
        r.choice(cid, quote.content, "quote_type", quote.type)
        r.field(cid, quote.content, "speaker", quote.speaker)
        r.field(cid, quote.content, "said_on", quote.said_on)
        r.field(cid, quote.content, "source", quote.source)
        if quote.speaker_mention is not None:
            r.relation(r.region("Speaker", quote.speaker_mention, shared=True), cid, "says")
        if isinstance(quote.cue, Span):
            r.relation(r.region("Cue", quote.cue, shared=True), cid, "cue")
    for date in record.dates:
        if date.value:
            r.field(r.region("Date", date), date, "date_value", date.value)
    for place in record.places:
        if place.lat is not None and place.lon is not None:
            r.field(r.region("Place", place), place, "place", place_field(place.name, place.country, place.kind, place.lat, place.lon))
    return r.items


def _model_version() -> str:
    # read from the installed package: importing parley's own __version__ would import the pipeline
    try:
        return f"parley {version('parley')}"
    except PackageNotFoundError:
        return "parley"


def tasks(records: Iterable[ArticleRecord]) -> list[dict[str, Any]]:
    """One Label Studio task per record, parley's findings as its prediction."""
    model_version = _model_version()
    out = []
    for record in records:
        data = {
            "text": record.text,
            "article_id": record.id,
            "published": record.published.isoformat() if record.published else None,
            "publisher": record.publisher,
            "title": record.title or "",
            "url": record.url,
        }
        out.append({"data": data, "predictions": [{"model_version": model_version, "result": prediction(record)}]})
    return out


def write_tasks(records: Iterable[ArticleRecord], out: str | Path) -> list[Path]:
    """``tasks.json`` and ``config.xml`` in the folder ``out``."""
    folder = Path(out)
    task_path, config_path = folder / "tasks.json", folder / "config.xml"
    task_path.write_text(json.dumps(tasks(records), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    config_path.write_text(labeling_config(), encoding="utf-8")
    return [task_path, config_path]


# ---- in: a Label Studio export -> gold records -----------------------------------------------


class _Bad(Exception):
    """A problem with one task of the export; becomes an InputError naming the file."""


def _need(mapping: Mapping[str, Any], key: str, where: str) -> Any:
    if not isinstance(mapping, Mapping) or key not in mapping or mapping[key] is None:
        raise _Bad(f"{where} has no {key!r}")
    return mapping[key]


def _annotation(task: Mapping[str, Any], where: str) -> Sequence[Mapping[str, Any]] | None:
    """The result list of the task's latest annotation that was not cancelled, or None."""
    annotations = task.get("annotations")
    if annotations is None:
        annotations = task.get("completions")  # exports of Label Studio before 1.0
    if annotations is None:
        raise _Bad(f"{where} has no 'annotations' (is this a Label Studio JSON export?)")
    if not isinstance(annotations, list):
        raise _Bad(f"{where}: 'annotations' is not a list")
    kept = [a for a in annotations if isinstance(a, Mapping) and not a.get("was_cancelled")]
    if not kept:
        return None
    latest = max(enumerate(kept), key=lambda ia: (str(ia[1].get("updated_at") or ""), ia[0]))[1]
    result = _need(latest, "result", f"{where}, annotation {latest.get('id', '?')}")
    if not isinstance(result, list):
        raise _Bad(f"{where}: the annotation's 'result' is not a list")
    return result


def _span(text: str, offsets: _Offsets, value: Mapping[str, Any], where: str) -> Span:
    start, end = _need(value, "start", where), _need(value, "end", where)
    if not isinstance(start, int) or not isinstance(end, int):
        raise _Bad(f"{where}: start and end are not character offsets")
    s, e = offsets.into(start), offsets.into(end)
    if s is None or e is None or not 0 <= s <= e <= len(text):
        raise _Bad(f"{where}: offsets {start}:{end} lie outside the text")
    span = Span.of(text, s, e)
    wanted = value.get("text")
    if isinstance(wanted, str) and wanted and wanted != span.text:
        raise _Bad(f"{where}: offsets {start}:{end} give {span.text!r}, not the region's text {wanted!r}")
    return span


def _first(value: Mapping[str, Any], key: str) -> str | None:
    items = value.get(key)
    if isinstance(items, list) and items:
        text = str(items[0]).strip()
        return text or None
    return None


def _quote_type(text: str, span: Span) -> str:
    before = text[max(0, span.start - 1) : span.start]
    after = text[span.end : span.end + 1]
    inside = span.text.strip()
    marked = bool(before and before in QUOTE_MARKS) or bool(inside[:1] and inside[:1] in QUOTE_MARKS)
    closed = bool(after and after in QUOTE_MARKS) or bool(inside[-1:] and inside[-1:] in QUOTE_MARKS)
    return "direct" if marked and closed else "indirect"


def parse_place(value: str, where: str) -> dict[str, Any]:
    """``name | country | kind | lat | lon`` -> the place fields of the record format."""
    parts = [p.strip() for p in value.split("|")]
    if len(parts) != len(PLACE_FIELDS):
        raise _Bad(f"{where}: the place field {value!r} is not 'name | country | kind | lat | lon'")
    name, country, kind, lat, lon = parts
    try:
        latitude, longitude = float(lat), float(lon)
    except ValueError:
        raise _Bad(f"{where}: the place field {value!r} has no numeric lat and lon") from None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise _Bad(f"{where}: the place field {value!r} has lat or lon out of range")
    return {"name": name, "kind": kind or "city", "country": country.upper() or None, "lat": latitude, "lon": longitude, "geonameid": None}


def gold_record(task: Mapping[str, Any], result: Sequence[Mapping[str, Any]], where: str) -> dict[str, Any]:
    """One task's annotation as a record of the shared format (quotes, dates, places)."""
    data = _need(task, "data", where)
    text = _need(data, "text", where)
    if not isinstance(text, str):
        raise _Bad(f"{where}: data.text is not a text")
    offsets = _Offsets(text)
    regions: dict[str, tuple[str, Span]] = {}
    fields: dict[str, dict[str, str]] = {}
    links: dict[str, dict[str, list[str]]] = {}
    for n, item in enumerate(result):
        here = f"{where}, result {n}"
        if not isinstance(item, Mapping):
            raise _Bad(f"{here} is not an object")
        kind = _need(item, "type", here)
        if kind == "relation":
            source, target = _need(item, "from_id", here), _need(item, "to_id", here)
            labels = item.get("labels") or []
            links.setdefault(str(target), {}).setdefault("any", []).append(str(source))
            for label in labels:
                links[str(target)].setdefault(str(label), []).append(str(source))
            continue
        value = _need(item, "value", here)
        rid = str(_need(item, "id", here))
        if kind == "labels":
            labels = _need(value, "labels", here)
            if not isinstance(labels, list) or not labels:
                raise _Bad(f"{here}: a region without a label")
            regions[rid] = (str(labels[0]), _span(text, offsets, value, here))
        elif kind == "textarea":
            entered = _first(value, "text")
            if entered:
                fields.setdefault(rid, {})[str(_need(item, "from_name", here))] = entered
        elif kind == "choices":
            chosen = _first(value, "choices")
            if chosen:
                fields.setdefault(rid, {})[str(_need(item, "from_name", here))] = chosen
        # other result types (ratings, free text about the task...) are not part of the record

    def linked(rid: str, label: str, relation: str) -> Span | None:
        sources = links.get(rid, {})
        for source in sources.get(relation, []) + sources.get("any", []):
            if source in regions and regions[source][0] == label:
                return regions[source][1]
        return None

    quotes, dates, places = [], [], []
    for rid, (label, span) in sorted(regions.items(), key=lambda kv: (kv[1][1].start, kv[1][1].end, kv[0])):
        extra = fields.get(rid, {})
        here = f"{where}, region {span.text[:40]!r} ({label})"
        if label == "Content":
            mention = linked(rid, "Speaker", "says")
            cue = linked(rid, "Cue", "cue")
            quote_type = extra.get("quote_type") or _quote_type(text, span)
            if quote_type not in QUOTE_TYPES:
                raise _Bad(f"{here}: quote type {quote_type!r} is not one of {', '.join(QUOTE_TYPES)}")
            quotes.append(
                {
                    "type": quote_type,
                    "content": span.model_dump(),
                    "speaker": extra.get("speaker") or (mention.text if mention else None),
                    "speaker_mention": mention.model_dump() if mention else None,
                    "cue": cue.model_dump() if cue else None,
                    "source": extra.get("source"),
                    "said_on": extra.get("said_on"),
                }
            )
        elif label == "Date":
            dates.append({**span.model_dump(), "value": extra.get("date_value"), "modifier": None})
        elif label == "Place":
            if "place" not in extra:
                raise _Bad(f"{here} has no place field (name | country | kind | lat | lon)")
            places.append({**span.model_dump(), **parse_place(extra["place"], here)})
    published = data.get("published")
    if published is not None:
        try:
            published = dt.date.fromisoformat(str(published)).isoformat()
        except ValueError:
            raise _Bad(f"{where}: data.published {published!r} is not a date (YYYY-MM-DD)") from None
    return {
        "id": str(data.get("article_id") or f"label-studio-task-{task.get('id', '?')}"),
        "publisher": data.get("publisher"),
        "published": published,
        "title": data.get("title") or None,
        "text": text,
        "quotes": quotes,
        "dates": dates,
        "places": places,
    }


def read_export(path: str | Path) -> tuple[list[dict[str, Any]], int]:
    """Gold records from a Label Studio JSON export, and how many tasks had no annotation.
    Anything that is not such an export raises an InputError naming the file and the task."""
    source = str(path)
    try:
        raw = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(source, "no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(source, f"cannot read it ({exc})") from None
    try:
        export = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(source, f"not JSON ({exc.msg} at line {exc.lineno})") from None
    if not isinstance(export, list) or not all(isinstance(t, Mapping) and "data" in t for t in export):
        raise InputError(source, "not a Label Studio JSON export (expected a list of tasks, each with 'data' and 'annotations')")
    records: list[dict[str, Any]] = []
    skipped = 0
    seen: set[str] = set()
    for n, task in enumerate(export):
        where = f"task {task.get('id', n)}"
        try:
            result = _annotation(task, where)
            if result is None:
                skipped += 1
                continue
            record = gold_record(task, result, where)
        except _Bad as exc:
            raise InputError(source, str(exc)) from None
        if record["id"] in seen:
            raise InputError(source, f"{where}: article {record['id']!r} is annotated in two tasks")
        seen.add(record["id"])
        records.append(record)
    return records, skipped
