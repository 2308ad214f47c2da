"""Whole-record snapshots of the seed article and ten PolNeAR dev articles.

A refactoring must not change what parley finds; these snapshots make any change of output a
deliberate one. After a change that is meant to alter the output, rewrite them with

    .venv/bin/python -m tests.snapshot --update

and commit the diff of ``tests/snapshots/records.jsonl`` with the change that caused it (the diff is the review).
Keys whose value is null are dropped before comparing, so declaring a new optional field on the
record is not a change of output; the article text is dropped too (it is the input).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from parley.api import extract_many
from parley.evaluation import inputs_of, load_records

HERE = Path(__file__).resolve().parent
SNAPSHOT = HERE / "snapshots" / "records.jsonl"
SHARED_GOLD = HERE.parent.parent / "shared" / "gold"
SOURCES = (("seed.json", 1), ("polnear-dev.jsonl", 10))  # gold file, how many of its first articles


def normalise(value: Any) -> Any:
    """``value`` without null-valued keys, recursively."""
    if isinstance(value, dict):
        return {k: normalise(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [normalise(v) for v in value]
    return value


def snapshot_inputs() -> list[dict[str, Any]]:
    """The articles snapshotted, as an extractor may read them (no annotations)."""
    docs: list[dict[str, Any]] = []
    for name, count in SOURCES:
        docs += inputs_of(load_records(SHARED_GOLD / name))[:count]
    return docs


def current_records() -> list[dict[str, Any]]:
    return [normalise(r.to_dict(include_text=False)) for r in extract_many(snapshot_inputs())]


def stored_records() -> list[dict[str, Any]]:
    return [json.loads(line) for line in SNAPSHOT.read_text(encoding="utf-8").splitlines() if line.strip()]


def first_difference(old: Any, new: Any, path: str = "") -> str | None:
    """Where two JSON values first differ, as a path with both values (None if equal)."""
    if type(old) is not type(new):
        return f"{path or '.'}: {old!r:.160} -> {new!r:.160}"
    if isinstance(old, dict):
        for key in sorted(set(old) | set(new)):
            if old.get(key) != new.get(key):
                return first_difference(old.get(key), new.get(key), f"{path}.{key}")
    elif isinstance(old, list):
        if len(old) != len(new):
            return f"{path}: {len(old)} items -> {len(new)} items"
        for i, (a, b) in enumerate(zip(old, new, strict=True)):
            if a != b:
                return first_difference(a, b, f"{path}[{i}]")
    elif old != new:
        return f"{path}: {old!r:.160} -> {new!r:.160}"
    return None


def main(argv: list[str]) -> int:
    if argv != ["--update"]:
        print("usage: python -m tests.snapshot --update   (rewrites tests/snapshots/records.jsonl)")
        return 2
    records = current_records()
    SNAPSHOT.write_text("".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records), encoding="utf-8")
    print(f"wrote {len(records)} records to {SNAPSHOT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
