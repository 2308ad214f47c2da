#!/usr/bin/env python3
"""Throughput of parley's ``extract_many`` against bare spaCy ``nlp.pipe``, side by side.

usage: python benchmarks/throughput.py [--limit N] [--rounds R]

Both run the same spaCy pipeline over the same texts (the real articles in ../shared/gold,
or the bundled samples when that folder is absent), in the same process, alternating rounds
after a warm-up; the best round of each is reported, as spaCy's ``benchmark speed`` does, to
damp the noise of a shared machine. Prints docs/s and tokens/s for each, the process's peak
memory (RSS), and as its last line ``ratio <extract/bare>`` (goal: >= 0.6).
Not a test: speed goals live here, never in timed tests.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import parley  # noqa: E402
from parley.base.nlp import load_pipeline  # noqa: E402
from parley.settings import load_options  # noqa: E402


def load_texts(limit: int | None) -> list[dict]:
    gold = ROOT.parent / "shared" / "gold"
    docs: dict[str, dict] = {}
    if gold.exists():
        for path in sorted(gold.glob("*.json*")):
            if "train" in path.name:
                continue
            raw = path.read_text(encoding="utf-8").strip()
            items = [json.loads(raw)] if path.suffix == ".json" else [json.loads(x) for x in raw.splitlines() if x.strip()]
            for d in items:
                docs.setdefault(d["id"], {k: d.get(k) for k in ("id", "text", "published", "publisher")})
    else:
        for path in sorted((ROOT / "samples").glob("*.txt")):
            docs[path.stem] = {"id": path.stem, "text": path.read_text(encoding="utf-8")}
    out = list(docs.values())
    return out[:limit] if limit else out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="use only the first N articles")
    parser.add_argument("--rounds", type=int, default=2, help="timed rounds of each (best is kept)")
    args = parser.parse_args()
    options = load_options()
    nlp = load_pipeline(options.nlp.model)
    docs = load_texts(args.limit)
    texts = [d["text"] for d in docs]
    batch = options.nlp.batch_size

    # warm-up: loads the dictionaries, the gazetteer and the model's lazy parts
    list(parley.extract_many(docs[:5], options=options))
    tokens = sum(len(doc) for doc in nlp.pipe(texts[:50], batch_size=batch))

    bare_best = extract_best = float("inf")
    for _ in range(args.rounds):
        start = time.perf_counter()
        tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=batch))
        bare_best = min(bare_best, time.perf_counter() - start)
        start = time.perf_counter()
        n = sum(1 for _ in parley.extract_many(docs, options=options))
        extract_best = min(extract_best, time.perf_counter() - start)
        assert n == len(docs)

    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles {len(docs)}  tokens {tokens}  model {options.nlp.model}  batch {batch}")
    print(f"bare nlp.pipe   {len(docs) / bare_best:8.1f} docs/s  {tokens / bare_best:10.0f} tokens/s")
    print(f"extract_many    {len(docs) / extract_best:8.1f} docs/s  {tokens / extract_best:10.0f} tokens/s")
    print(f"peak memory (RSS) {peak_mib:.0f} MiB")
    print(f"ratio {bare_best / extract_best:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
