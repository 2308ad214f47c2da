"""``parley export``: the corpus as files, a Parquet or CSV file per table, or the records."""

from __future__ import annotations

import json
from pathlib import Path

from ...errors import OptionError
from ..store import Store

EXPORT_FORMATS = ("parquet", "csv", "jsonl")
EXPORT_TABLES = ("articles", "stories", "mentions", "actors", "quotes", "dates", "places", "events", "stances")


def export(store: Store, to: str, out: str | Path) -> list[Path]:
    """Write the corpus to the folder ``out``: one Parquet or CSV file per table (and the
    ``stories`` view), or ``records.jsonl`` with one record per article (the record format,
    plus its ``story_id``)."""
    if to not in EXPORT_FORMATS:
        raise OptionError(f"--to {to}: expected one of {', '.join(EXPORT_FORMATS)}")
    folder = Path(out)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OptionError(f"{folder}: cannot create the export folder ({exc.strerror})") from None
    written: list[Path] = []
    if to == "jsonl":
        path = folder / "records.jsonl"
        stories = dict(store.con.execute("SELECT id, story_id FROM articles").fetchall())
        with path.open("w", encoding="utf-8") as fh:
            for record in store.records():
                data = record.to_dict()
                data["story_id"] = stories.get(record.id)
                fh.write(json.dumps(data, ensure_ascii=False) + "\n")
        return [path]
    for table in EXPORT_TABLES:
        path = folder / f"{table}.{to}"
        store.export_table(table, path, to)
        written.append(path)
    return written
