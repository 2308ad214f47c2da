#!/usr/bin/env python3
"""How often each verb and noun introduces an attribution in a gold file (PolNeAR train by
default): the evidence behind the choices in ``src/parley/data/cues.yaml``.

usage: python scripts/cue_stats.py [GOLD.jsonl] [--min 8] [--missing]

For every verb with a clausal complement (ccomp), an object (dobj), a to-clause (xcomp) or a
parenthetical use, and every noun with a that-clause, the words it governs are a candidate
content; a candidate is a hit when some gold statement's content matches it with word-F1 of at
least 0.5 (score.py's rule). Prints lemma, frame, hits/candidates and the hit rate, most hits
first; ``--missing`` shows only lemma/frame pairs the packaged lexicon does not have. Never run
it on a held-out set (PolNeAR test): the lexicon must not be tuned on what it is scored on.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from parley.base.nlp import load_pipeline  # noqa: E402
from parley.data.loaders import load_cues  # noqa: E402
from parley.data.schemas import CueEntry  # noqa: E402

FRAMES = {"ccomp": "clause", "parataxis": "clause", "dobj": "object", "xcomp": "infinitive", "that": "clause"}


def _scorer(shared: Path):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("score", shared / "eval" / "score.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"{shared / 'eval' / 'score.py'}: not found")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", nargs="?", default=str(ROOT.parent / "shared" / "gold" / "polnear-train.jsonl"))
    parser.add_argument("--min", type=int, default=8, help="only pairs with at least this many candidates")
    parser.add_argument("--missing", action="store_true", help="only pairs the packaged lexicon lacks")
    args = parser.parse_args(argv)
    if "test" in Path(args.gold).name:
        raise SystemExit("refusing a test split: the lexicon must not be tuned on a held-out set")
    score = _scorer(ROOT.parent / "shared")
    docs = [json.loads(line) for line in Path(args.gold).read_text(encoding="utf-8").splitlines() if line.strip()]
    nlp = load_pipeline()
    seen: Counter[tuple[str, str]] = Counter()
    hits: Counter[tuple[str, str]] = Counter()
    for doc, gold in zip(nlp.pipe(d["text"] for d in docs), docs, strict=True):
        contents = [q["content"]["text"] for q in gold.get("quotes", [])]
        for token in doc:
            found: list[tuple[str, list[int]]] = []
            if token.pos_ == "VERB":
                for child in token.children:
                    if child.dep_ in ("ccomp", "dobj", "xcomp"):
                        found.append((child.dep_, [t.i for t in child.subtree]))
                if token.dep_ == "parataxis":
                    own = {t.i for t in token.subtree}
                    found.append(("parataxis", [t.i for t in token.head.subtree if t.i not in own]))
            elif token.pos_ == "NOUN":
                for child in token.children:
                    if child.dep_ in ("acl", "ccomp") and child.left_edge.lower_ == "that":
                        found.append(("that", [t.i for t in child.subtree]))
            for dep, ids in found:
                text = doc[min(ids) : max(ids) + 1].text
                key = (token.lemma_.lower(), FRAMES[dep] if token.pos_ == "VERB" else "noun")
                seen[key] += 1
                hits[key] += any(score.token_f1(g, text) >= 0.5 for g in contents)
    cues = load_cues()
    for (lemma, frame), n in sorted(seen.items(), key=lambda kv: -hits[kv[0]]):
        if n < args.min:
            continue
        if args.missing:
            entry = cues.nouns.get(lemma) if frame == "noun" else cues.verbs.get(lemma)
            takes = entry.takes if isinstance(entry, CueEntry) else ["clause"] if entry else []
            if (frame == "noun" and entry) or frame in takes:
                continue
        print(f"{lemma:18s} {frame:10s} {hits[(lemma, frame)]:5d}/{n:<5d} {hits[(lemma, frame)] / n:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
