"""``ArticleRecord`` <-> table rows: one Arrow table per store table, and back.

The columns are the record's own field names (see :mod:`parley.store.migrations`); a nested
span becomes ``<field>_start``, ``<field>_end`` and ``<field>`` (its text). Fields the
queries read (:data:`QUERIED`: a quote's ``cue_kind``, an event's ``source_person``, a
stance's ``label``...) have columns of their own. Whatever else a model holds — a date's
``note``, a quote's ``confidence``, pydantic extras, extras of a nested span — goes into the
row's ``extra`` JSON object when it is not the field's default, so writing a record and
reading it back gives the same record (a Hypothesis test holds us to it). This works alike
whether such a field is declared on the model or an extra.

Arrow is the carrier because it is what DuckDB loads fastest and what Dask workers write to
Parquet; the same tables serve the serial, multi-process and distributed paths.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pyarrow as pa
from pydantic import BaseModel

from ..model import ArticleRecord, DateRef, Event, Mention, Place, Quote, Span, Stance

_STR = pa.string()
_INT = pa.int32()
_BOOL = pa.bool_()

# Columns each worker produces (the store adds articles.seq, story_id and ingested_at).
SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema(
        [
            ("id", _STR),
            ("content_hash", _STR),
            ("publisher", _STR),
            ("published", pa.date32()),
            ("title", _STR),
            ("url", _STR),
            ("text", _STR),
            ("source", _STR),
            ("extra", _STR),
        ]
    ),
    "minhashes": pa.schema([("article_id", _STR), ("signature", pa.binary())]),
    "mentions": pa.schema(
        [
            ("article_id", _STR),
            ("idx", _INT),
            ("start", _INT),
            ("end", _INT),
            ("text", _STR),
            ("type", _STR),
            ("actor", _STR),
            ("via", _STR),
            ("kind", _STR),
            ("extra", _STR),
        ]
    ),
    "quotes": pa.schema(
        [
            ("article_id", _STR),
            ("idx", _INT),
            ("type", _STR),
            ("content_start", _INT),
            ("content_end", _INT),
            ("content", _STR),
            ("speaker", _STR),
            ("speaker_start", _INT),
            ("speaker_end", _INT),
            ("speaker_text", _STR),
            ("cue", _STR),
            ("cue_start", _INT),
            ("cue_end", _INT),
            ("source", _STR),
            ("reported_by", _STR),
            ("said_on", _STR),
            ("cue_kind", _STR),
            ("negated", _BOOL),
            ("hedged", _BOOL),
            ("extra", _STR),
        ]
    ),
    "dates": pa.schema(
        [("article_id", _STR), ("idx", _INT), ("start", _INT), ("end", _INT), ("text", _STR), ("value", _STR), ("modifier", _STR), ("extra", _STR)]
    ),
    "places": pa.schema(
        [
            ("article_id", _STR),
            ("idx", _INT),
            ("start", _INT),
            ("end", _INT),
            ("text", _STR),
            ("name", _STR),
            ("kind", _STR),
            ("country", _STR),
            ("lat", pa.float64()),
            ("lon", pa.float64()),
            ("geonameid", pa.int64()),
            ("extra", _STR),
        ]
    ),
    "events": pa.schema(
        [
            ("article_id", _STR),
            ("idx", _INT),
            ("type", _STR),
            ("source", _STR),
            ("target", _STR),
            ("when", _STR),
            ("where", _STR),
            ("trigger_start", _INT),
            ("trigger_end", _INT),
            ("trigger", _STR),
            ("source_person", _STR),
            ("target_person", _STR),
            ("negated", _BOOL),
            ("hypothetical", _BOOL),
            ("future", _BOOL),
            ("reported_by", _STR),
            ("extra", _STR),
        ]
    ),
    "stances": pa.schema(
        [
            ("article_id", _STR),
            ("idx", _INT),
            ("holder", _STR),
            ("issue", _STR),
            ("position", _STR),
            ("evidence_start", _INT),
            ("evidence_end", _INT),
            ("evidence", _STR),
            ("holder_person", _STR),
            ("label", _STR),
            ("date", _STR),
            ("source", _STR),
            ("reported_by", _STR),
            ("extra", _STR),
        ]
    ),
}

# The per-article fact tables, in the order they are written and read.
FACT_TABLES = ("mentions", "quotes", "dates", "places", "events", "stances")
# The ArticleRecord list field each fact table holds.
FIELD_OF = {name: name for name in FACT_TABLES}

# Fields of a fact that have a column of their own because queries read them (schema version
# 2): the column holds the value when it has the column's type; any other value (an extra
# that is None or of another type) stays in ``extra``.
QUERIED: dict[str, dict[str, type]] = {
    "quotes": {"cue_kind": str, "negated": bool, "hedged": bool},
    "events": {"source_person": str, "target_person": str, "negated": bool, "hypothetical": bool, "future": bool, "reported_by": str},
    "stances": {"holder_person": str, "label": str, "date": str, "source": str, "reported_by": str},
}

_ARTICLE_FIELDS = ("id", "publisher", "published", "title", "url", "text")
# The fields each table's fixed columns hold (a span field, its offsets and text).
_BASE_FIELDS: dict[str, frozenset[str]] = {
    "articles": frozenset(_ARTICLE_FIELDS) | frozenset(FIELD_OF.values()),
    "spans": frozenset({"start", "end", "text"}),
    "mentions": frozenset({"start", "end", "text", "type", "actor", "via", "kind"}),
    "quotes": frozenset({"type", "content", "speaker", "speaker_mention", "cue", "source", "reported_by", "said_on"}),
    "dates": frozenset({"start", "end", "text", "value", "modifier"}),
    "places": frozenset({"start", "end", "text", "name", "kind", "country", "lat", "lon", "geonameid"}),
    "events": frozenset({"type", "source", "target", "when", "where", "trigger"}),
    "stances": frozenset({"holder", "issue", "position", "evidence"}),
}


def content_hash(text: str) -> str:
    """The SHA-1 of an article's text: equal texts are the same article."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def _extra_json(extra: Mapping[str, Any]) -> str | None:
    return json.dumps(extra, ensure_ascii=False, sort_keys=True) if extra else None


def _jsonable(value: Any) -> Any:
    """Values as JSON values (a date or a nested model in an extra field, say)."""
    from pydantic_core import to_jsonable_python

    return to_jsonable_python(value)


def _others(model: BaseModel, kind: str) -> dict[str, Any]:
    """The fields of ``model`` its table's fixed columns do not hold: declared fields whose
    value is not their default, and every pydantic extra (an extra exists only when it was set,
    None included)."""
    declared = type(model).model_fields
    out: dict[str, Any] = {}
    for name, value in model.model_dump(exclude=set(_BASE_FIELDS[kind])).items():
        info = declared.get(name)
        if info is None or value != info.get_default(call_default_factory=True):
            out[name] = value
    return out


def _split(model: BaseModel, table: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The row's :data:`QUERIED` columns (a declared field's default included, so that a query
    for ``negated = false`` finds it), and the JSON values for its ``extra``."""
    rest = _others(model, table)
    columns: dict[str, Any] = {}
    for name, kind in QUERIED.get(table, {}).items():
        value = getattr(model, name, None)
        columns[name] = value if isinstance(value, kind) else None
        if columns[name] is not None:
            rest.pop(name, None)
    return columns, _jsonable(rest)


def _span_cols(prefix: str, span: Span | None, extra: dict[str, Any]) -> dict[str, Any]:
    if span is None:
        return {f"{prefix}_start": None, f"{prefix}_end": None}
    more = _others(span, "spans")
    if more:
        extra[prefix] = _jsonable(more)
    return {f"{prefix}_start": span.start, f"{prefix}_end": span.end}


def mention_row(m: Mention) -> dict[str, Any]:
    _, extra = _split(m, "mentions")
    return {"start": m.start, "end": m.end, "text": m.text, "type": m.type, "actor": m.actor, "via": m.via, "kind": m.kind, "extra": extra}


def quote_row(q: Quote) -> dict[str, Any]:
    columns, extra = _split(q, "quotes")
    row: dict[str, Any] = {"type": q.type, "speaker": q.speaker, "source": q.source, "reported_by": q.reported_by, "said_on": q.said_on}
    row |= _span_cols("content", q.content, extra)
    row["content"] = q.content.text
    row |= _span_cols("speaker", q.speaker_mention, extra)
    row["speaker_text"] = q.speaker_mention.text if q.speaker_mention is not None else None
    if isinstance(q.cue, Span):
        row |= _span_cols("cue", q.cue, extra)
        row["cue"] = q.cue.text
    else:
        row |= {"cue": q.cue, "cue_start": None, "cue_end": None}
    return row | columns | {"extra": extra}


def date_row(d: DateRef) -> dict[str, Any]:
    _, extra = _split(d, "dates")
    return {"start": d.start, "end": d.end, "text": d.text, "value": d.value, "modifier": d.modifier, "extra": extra}


def place_row(p: Place) -> dict[str, Any]:
    _, extra = _split(p, "places")
    return {
        "start": p.start,
        "end": p.end,
        "text": p.text,
        "name": p.name,
        "kind": p.kind,
        "country": p.country,
        "lat": p.lat,
        "lon": p.lon,
        "geonameid": p.geonameid,
        "extra": extra,
    }


def event_row(e: Event) -> dict[str, Any]:
    columns, extra = _split(e, "events")
    row = {"type": e.type, "source": e.source, "target": e.target, "when": e.when, "where": e.where}
    row |= _span_cols("trigger", e.trigger, extra)
    return row | {"trigger": e.trigger.text} | columns | {"extra": extra}


def stance_row(s: Stance) -> dict[str, Any]:
    columns, extra = _split(s, "stances")
    row = {"holder": s.holder, "issue": s.issue, "position": s.position}
    row |= _span_cols("evidence", s.evidence, extra)
    return row | {"evidence": s.evidence.text} | columns | {"extra": extra}


_ROW_OF: dict[str, Any] = {
    "mentions": mention_row,
    "quotes": quote_row,
    "dates": date_row,
    "places": place_row,
    "events": event_row,
    "stances": stance_row,
}


def record_tables(records: Sequence[ArticleRecord], sources: Sequence[str | None], signatures: Sequence[bytes]) -> dict[str, pa.Table]:
    """The rows of ``records`` for every table (``sources[i]`` and ``signatures[i]`` go with
    ``records[i]``)."""
    columns: dict[str, dict[str, list[Any]]] = {name: {f.name: [] for f in schema} for name, schema in SCHEMAS.items()}
    for record, source, signature in zip(records, sources, signatures, strict=True):
        art = columns["articles"]
        for key in _ARTICLE_FIELDS:
            art[key].append(getattr(record, key))
        art["content_hash"].append(content_hash(record.text))
        art["source"].append(source)
        art["extra"].append(_extra_json(_split(record, "articles")[1]))
        columns["minhashes"]["article_id"].append(record.id)
        columns["minhashes"]["signature"].append(signature)
        for table in FACT_TABLES:
            cols = columns[table]
            for idx, item in enumerate(getattr(record, FIELD_OF[table])):
                row = _ROW_OF[table](item)
                row["extra"] = _extra_json(row["extra"])
                cols["article_id"].append(record.id)
                cols["idx"].append(idx)
                for key, value in row.items():
                    cols[key].append(value)
    return {name: pa.table(columns[name], schema=SCHEMAS[name]) for name in SCHEMAS}


def empty_tables() -> dict[str, pa.Table]:
    return {name: schema.empty_table() for name, schema in SCHEMAS.items()}


# ---- rows -> records ---------------------------------------------------------------------


def _load_extra(raw: Any) -> dict[str, Any]:
    if raw is None:
        return {}
    return dict(json.loads(raw)) if isinstance(raw, str) else dict(raw)


def _span(row: Mapping[str, Any], prefix: str, text_key: str, extra: dict[str, Any]) -> Span | None:
    start = row[f"{prefix}_start"]
    if start is None:
        return None
    return Span(start=start, end=row[f"{prefix}_end"], text=row[text_key], **extra.pop(prefix, {}))


def _fields(table: str, row: Mapping[str, Any]) -> dict[str, Any]:
    """The fields a fact row holds beyond its fixed columns: its :data:`QUERIED` columns that
    are not NULL, and its ``extra``."""
    extra = _load_extra(row.get("extra"))
    for name in QUERIED.get(table, {}):
        if row.get(name) is not None:
            extra[name] = row[name]
    return dict(sorted(extra.items()))  # in the order ``extra`` was written (sorted keys), columns included


def fact_of(table: str, row: Mapping[str, Any]) -> Any:
    """The record's model of one row of the fact ``table``."""
    extra = _fields(table, row)
    if table == "mentions":
        return Mention(**extra, **{k: row[k] for k in ("start", "end", "text", "type", "actor", "via", "kind")})
    if table == "dates":
        return DateRef(**extra, **{k: row[k] for k in ("start", "end", "text", "value", "modifier")})
    if table == "places":
        return Place(**extra, **{k: row[k] for k in ("start", "end", "text", "name", "kind", "country", "lat", "lon", "geonameid")})
    if table == "quotes":
        content = _span(row, "content", "content", extra)
        speaker_mention = _span(row, "speaker", "speaker_text", extra)
        cue: str | Span | None = _span(row, "cue", "cue", extra) if row["cue_start"] is not None else row["cue"]
        return Quote(
            **extra,
            type=row["type"],
            content=content,
            speaker=row["speaker"],
            speaker_mention=speaker_mention,
            cue=cue,
            source=row["source"],
            reported_by=row["reported_by"],
            said_on=row["said_on"],
        )
    if table == "events":
        trigger = _span(row, "trigger", "trigger", extra)
        return Event(**extra, type=row["type"], source=row["source"], target=row["target"], when=row["when"], where=row["where"], trigger=trigger)
    if table == "stances":
        evidence = _span(row, "evidence", "evidence", extra)
        return Stance(**extra, holder=row["holder"], issue=row["issue"], position=row["position"], evidence=evidence)
    raise KeyError(table)


def build_record(article: Mapping[str, Any], facts: Mapping[str, Iterable[Mapping[str, Any]]]) -> ArticleRecord:
    """An ``ArticleRecord`` from its ``articles`` row and its fact rows (each in ``idx`` order)."""
    extra = _load_extra(article.get("extra"))
    fields: dict[str, Any] = {key: article[key] for key in _ARTICLE_FIELDS}
    for table in FACT_TABLES:
        fields[FIELD_OF[table]] = [fact_of(table, row) for row in facts.get(table, ())]
    return ArticleRecord(**extra, **fields)
