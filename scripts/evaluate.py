#!/usr/bin/env python3
"""Score parley on gold files with the shared scorer.

usage: python scripts/evaluate.py [GOLD ...]   (default: every dev file and the seed in ../shared/gold)

The extractor reads only id/text/published/publisher/title of each gold record (see
``parley.evaluation``); the predictions go to ../shared/eval/score.py, whose lines are printed.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "src"))

from parley.evaluation import evaluate  # noqa: E402


def main(argv: list[str]) -> int:
    golds = [Path(a) for a in argv] or [p for p in sorted((SHARED / "gold").glob("*.json*")) if "train" not in p.name]
    for gold in golds:
        result = evaluate(SHARED / "eval" / "score.py", gold)
        print(f"== {gold.name} ({result['documents']} documents, {result['missing']} missing)")
        for key, value in sorted(result["scores"].items()):
            if "f1" in value:
                counts = f"(tp {value['tp']}, pred {value['pred']}, gold {value['gold']})"
                print(f"  {key:30s} P {value['precision']:.3f}  R {value['recall']:.3f}  F1 {value['f1']:.3f}  {counts}")
            else:
                print(f"  {key:30s} accuracy {value['accuracy']:.3f} (n {value['n']})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
