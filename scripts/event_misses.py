#!/usr/bin/env python3
"""Read event misses by class: each gold event against what parley coded, and P/R/F1 per type.

usage: python scripts/event_misses.py GOLD [--pred RECORDS] [--type TYPE] [--only-misses] [--scores-only]

GOLD is a gold file with ``events`` (e.g. ../shared/gold/plover-dev.jsonl or tests/gold/events.jsonl).
Matching is the shared scorer's (``shared/eval/score.py``: same type, both gold actors among
the predicted source and target), imported from it so the two never disagree. For reading
misses and false alarms by class; never a training signal.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "src"))

from parley.api import extract_many  # noqa: E402
from parley.evaluation import inputs_of, load_records, load_scorer  # noqa: E402


def _line(e: dict[str, Any]) -> str:
    trig = e.get("trigger") or {}
    text = trig.get("text") if isinstance(trig, dict) else trig
    extra = f"  [{e['source_text']} -> {e['target_text']}]" if "source_text" in e else ""
    return f"{e['type']:9s} {e.get('source')} -> {e.get('target')}  «{text}»{extra}"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold")
    parser.add_argument("--type", help="only documents with a gold or predicted event of this type")
    parser.add_argument("--only-misses", action="store_true", help="only documents with a miss or a false alarm")
    parser.add_argument("--scores-only", action="store_true")
    parser.add_argument("--pred", help="records to read instead of running parley (an older version's output, say)")
    args = parser.parse_args(argv)
    score = load_scorer(SHARED / "eval" / "score.py")
    gold = load_records(args.gold)
    if args.pred:
        records = {r["id"]: r for r in load_records(args.pred)}
    else:
        records = {r.id: r.to_dict(include_text=False) for r in extract_many(inputs_of(gold))}
    tp: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()

    def same(a: dict[str, Any], b: dict[str, Any]) -> float:
        if a["type"] != b.get("type"):
            return 0.0
        pair = {a.get("source"), a.get("target")}
        ok = all(any(score.same_name(x, y, strict=True) for y in (b.get("source"), b.get("target"))) for x in pair if x)
        return 1.0 if ok else 0.0

    for doc in gold:
        ge, pe = doc.get("events", []), records.get(doc["id"], {}).get("events", [])
        matched = score.greedy_match(ge, pe, same, 1.0)
        hit_g, hit_p = {i for i, _ in matched}, {j for _, j in matched}
        for e in ge:
            n_gold[e["type"]] += 1
        for j, e in enumerate(pe):
            n_pred[e["type"]] += 1
            tp[e["type"]] += j in hit_p
        if args.scores_only:
            continue
        if args.type and not any(e["type"] == args.type for e in ge + pe):
            continue
        if args.only_misses and len(hit_g) == len(ge) and len(hit_p) == len(pe):
            continue
        print(f"## {doc['id']}\n   {doc['text'].strip()}")
        for i, e in enumerate(ge):
            print(f"   {'ok  ' if i in hit_g else 'MISS'} gold {_line(e)}")
        for j, e in enumerate(pe):
            if j not in hit_p:
                print(f"   FALSE pred {_line(e)}")
    print(f"\n{'type':10s} {'P':>6s} {'R':>6s} {'F1':>6s}   tp/pred/gold")
    for kind in sorted(set(n_gold) | set(n_pred)):
        p, r, f = score.prf(tp[kind], n_pred[kind], n_gold[kind])
        print(f"{kind:10s} {p:6.3f} {r:6.3f} {f:6.3f}   {tp[kind]}/{n_pred[kind]}/{n_gold[kind]}")
    p, r, f = score.prf(sum(tp.values()), sum(n_pred.values()), sum(n_gold.values()))
    print(f"{'all':10s} {p:6.3f} {r:6.3f} {f:6.3f}   {sum(tp.values())}/{sum(n_pred.values())}/{sum(n_gold.values())}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
