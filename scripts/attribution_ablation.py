#!/usr/bin/env python3
"""Each part of the trained attribution model's share of the gain: the quote stage on a gold file
(PolNeAR dev by default) with the rules only, then the detector added, the bounder, the linker.

usage: python scripts/attribution_ablation.py [GOLD] [--model FILE]

* rules only — ``[quotes] attribution_model = "off"``;
* + detector — the model keeps or drops candidates, each with the content span it proposes first
  (a bounder with no weights scores every variant alike, and the first wins), speakers as the
  rules found them (no linker);
* + bounder — the bounder picks each kept candidate's content span;
* + linker — the whole model: the linker re-decides speakers;
* all, no topics — the whole model without PolNeAR's convention of counting what only names its
  topic, a stance or an act to come (``[quotes] topic_statements``), as parley does by default.

Each row runs the whole pipeline on the gold texts (with the gold file's conventions,
``parley.evaluation.CONVENTIONS``) and scores it with the shared scorer; the ablated models are
written as weight files beside each other in a temporary folder.
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "src"))

from parley.evaluation import evaluate, options_for  # noqa: E402
from parley.quotes.trained import AttributionModel, LinearModel, load_model  # noqa: E402

COLUMNS = ("quotes.end_to_end", "quotes.direct.end_to_end", "quotes.indirect.end_to_end", "quotes.content_exact", "quotes.speaker_acc")


def as_dict(model: AttributionModel) -> dict[str, object]:
    def linear(part: LinearModel) -> dict[str, object]:
        return {"weights": part.weights, "bias": part.bias}

    return {
        "detector": linear(model.detector),
        "bounder": linear(model.bounder),
        "linker": linear(model.linker) if model.linker is not None else None,
        "threshold": model.threshold,
        "meta": model.meta,
    }


def ablations(model: AttributionModel) -> list[tuple[str, AttributionModel | None, dict[str, object]]]:
    """(row name, model, [quotes] settings over the gold file's conventions) per row."""
    flat = LinearModel({}, 0.0)
    return [
        ("rules only", None, {}),
        ("+ detector", dataclasses.replace(model, bounder=flat, linker=None), {}),
        ("+ bounder", dataclasses.replace(model, linker=None), {}),
        ("+ linker (all)", model, {}),
        ("all, no topics", model, {"topic_statements": False}),  # without PolNeAR's topic convention
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="?", type=Path, default=SHARED / "gold" / "polnear-dev.jsonl")
    parser.add_argument("--model", default=None, help="weights written by scripts/train_attribution.py (default: the packaged ones)")
    args = parser.parse_args(argv)
    model = load_model(args.model)
    if model is None:
        print("attribution_ablation: no attribution model", file=sys.stderr)
        return 2
    scorer = SHARED / "eval" / "score.py"
    header = f"| {'model':16s} | " + " | ".join(c.removeprefix("quotes.").removesuffix(".end_to_end") for c in COLUMNS) + " | seconds |"
    print(header)
    print("|" + "---|" * (len(COLUMNS) + 2))
    with tempfile.TemporaryDirectory() as tmp:
        for k, (name, part, settings) in enumerate(ablations(model)):
            setting = "off"
            if part is not None:
                path = Path(tmp) / f"model-{k}.json.gz"
                path.write_bytes(gzip.compress(json.dumps(as_dict(part)).encode()))
                setting = str(path)
            options = options_for(args.gold)
            options = options.model_copy(update={"quotes": options.quotes.model_copy(update={"attribution_model": setting, **settings})})
            started = time.time()
            report = evaluate(scorer, args.gold, options)
            scores = report["scores"]
            cells = [scores[c]["f1"] if "f1" in scores[c] else scores[c]["accuracy"] for c in COLUMNS]
            missing = f" ({report['missing']} missing)" if report["missing"] else ""
            print(f"| {name:16s} | " + " | ".join(f"{v:.3f}" for v in cells) + f" | {time.time() - started:.0f}{missing} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
