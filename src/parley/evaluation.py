"""Scoring parley against gold records: with parley's own scorer (:mod:`parley.scoring`,
``parley evaluate``) or with an external one (``shared/eval/score.py``, ``scripts/evaluate.py``
and the gold tests).

The extractor is fed only what a real input has — id, text, published, publisher, title — never
the gold annotations.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType
from typing import Any

from .api import extract_many
from .errors import InputError
from .scoring import LAYERS, Report, score
from .settings import Options

INPUT_FIELDS = ("id", "text", "published", "publisher", "title")
# The annotation conventions of gold sets that differ from parley's defaults, as settings
# (file-name prefix -> dotted overrides for ``load_options``): PolNeAR begins a reported
# clause's content with its complementizer ("said that X" -> "that X"), types a quotation
# direct (or a statement mixed) only by double quotation marks, never by typewriter ones (''),
# and counts as an attribution what only names its topic, a stance or an act to come ("spoke
# about the talks", "will announce the figures").
CONVENTIONS: dict[str, dict[str, Any]] = {
    "polnear": {"quotes__keep_complementizer": True, "quotes__typewriter_type": "indirect", "quotes__topic_statements": True}
}


def options_for(gold_path: str | Path, config: str | Path | None = None, **overrides: Any) -> Options:
    """The settings that follow a gold file's annotation conventions (``CONVENTIONS``): the
    defaults, then ``config``, then the convention, then ``overrides`` (None values ignored)."""
    from .settings import load_options

    name = Path(gold_path).name
    convention = next((c for prefix, c in CONVENTIONS.items() if name.startswith(prefix)), {})
    return load_options(config, **{**convention, **{k: v for k, v in overrides.items() if v is not None}})


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


def load_scorer(scorer: str | Path) -> ModuleType:
    """The external scorer as a module, for scripts that match item by item with its own
    functions (``same_name``, ``greedy_match``, ``prf``); one line naming the file if absent."""
    spec = importlib.util.spec_from_file_location("score", scorer)
    if spec is None or spec.loader is None or not Path(scorer).is_file():
        raise InputError(str(scorer), "no scorer there")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def evaluate(scorer: str | Path, gold_path: str | Path, options: Options | None = None) -> dict[str, Any]:
    """Predict on ``gold_path`` and score: the scorer's JSON report."""
    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "pred.jsonl"
        predict(gold_path, pred, options)
        return run_scorer(scorer, gold_path, pred)


def read_records(path: str | Path) -> list[dict[str, Any]]:
    """Records of the shared format from a .json or .jsonl file; anything else is an
    InputError naming the file (and the line)."""
    source = str(path)
    try:
        records = load_records(path)
    except FileNotFoundError:
        raise InputError(source, "no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(source, f"cannot read it ({exc})") from None
    except json.JSONDecodeError as exc:
        raise InputError(source, f"not JSON records ({exc.msg} at line {exc.lineno}; expected .json or one record a line in .jsonl)") from None
    for n, record in enumerate(records, start=1):
        if not isinstance(record, dict) or "id" not in record:
            raise InputError(source, f"record {n} is not a record of the shared format (an object with an 'id')")
    return records


def score_files(gold_path: str | Path, pred_path: str | Path | None = None, *, options: Options | None = None) -> Report:
    """Score the records in ``pred_path`` — or, without it, parley run on the gold texts —
    against the gold records in ``gold_path``."""
    gold = read_records(gold_path)
    if not gold:
        raise InputError(str(gold_path), "holds no gold record")
    if not any(layer in g for g in gold for layer in LAYERS):
        raise InputError(str(gold_path), f"its records annotate none of {', '.join(LAYERS)}: not gold records of the shared format")
    if pred_path is not None:
        pred = read_records(pred_path)
    else:
        missing = [str(g["id"]) for g in gold if not isinstance(g.get("text"), str) or not g["text"].strip()]
        if missing:
            raise InputError(str(gold_path), f"record {missing[0]!r} has no text to run parley on (give the records to score with --pred)")
        pred = [r.to_dict(include_text=False) for r in extract_many(inputs_of(gold), options=options)]
    return score(gold, pred)
