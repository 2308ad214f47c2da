"""Scoring parley against gold records with an external scorer (``shared/eval/score.py``).

The extractor is fed only what a real input has — id, text, published, publisher, title — never
the gold annotations; the predictions are written as JSONL and handed to the scorer, whose JSON
report is returned. Used by ``scripts/evaluate.py`` and the gold tests.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .api import extract_many
from .settings import Options

INPUT_FIELDS = ("id", "text", "published", "publisher", "title")
# The annotation conventions of gold sets that differ from parley's defaults, as settings
# (file-name prefix -> dotted overrides for ``load_options``): PolNeAR begins a reported
# clause's content with its complementizer ("said that X" -> "that X").
CONVENTIONS: dict[str, dict[str, Any]] = {"polnear": {"quotes__keep_complementizer": True}}


def options_for(gold_path: str | Path) -> Options:
    """The settings that follow a gold file's annotation conventions (``CONVENTIONS``)."""
    from .settings import load_options

    name = Path(gold_path).name
    for prefix, overrides in CONVENTIONS.items():
        if name.startswith(prefix):
            return load_options(**overrides)
    return load_options()


def load_records(path: str | Path) -> list[dict[str, Any]]:
    """A .json file (one record or a list) or a .jsonl file, as dicts."""
    raw = Path(path).read_text(encoding="utf-8").strip()
    if not raw:
        return []
    if raw[0] == "[":
        return list(json.loads(raw))
    if Path(path).suffix == ".json":
        return [json.loads(raw)]
    return [json.loads(line) for line in raw.splitlines() if line.strip()]


def inputs_of(gold: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """What the extractor may read of gold records: no annotations."""
    return [{k: d[k] for k in INPUT_FIELDS if k in d} for d in gold]


def predict(gold_path: str | Path, out_path: str | Path, options: Options | None = None) -> int:
    """Run the extractor over a gold file's texts; write the records as JSONL."""
    docs = inputs_of(load_records(gold_path))
    options = options if options is not None else options_for(gold_path)
    count = 0
    with open(out_path, "w", encoding="utf-8") as handle:
        for record in extract_many(docs, options=options):
            handle.write(json.dumps(record.to_dict(include_text=False), ensure_ascii=False) + "\n")
            count += 1
    return count


def run_scorer(scorer: str | Path, gold_path: str | Path, pred_path: str | Path) -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, str(scorer), str(gold_path), str(pred_path), "--json"],
        check=True,
        capture_output=True,
        text=True,
    )
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def evaluate(scorer: str | Path, gold_path: str | Path, options: Options | None = None) -> dict[str, Any]:
    """Predict on ``gold_path`` and score: the scorer's JSON report."""
    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "pred.jsonl"
        predict(gold_path, pred, options)
        return run_scorer(scorer, gold_path, pred)
