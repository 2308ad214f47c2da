#!/usr/bin/env python3
"""Train the attribution model (``parley.quotes.trained``) on PolNeAR's training split.

usage: python scripts/train_attribution.py [--train GOLD] [--dev GOLD] [--cache DIR] [--out FILE]

1. Parse the training articles with the configured spaCy pipeline and run the stages the quote
   stage reads (actors, dates, places); with ``--cache`` the parsed Docs and records are kept
   there (a spaCy DocBin and a JSON file) and reused when the gold file and pipeline are the same.
2. Generate candidates (``trained.generate``) and label them against the gold attributions: a
   candidate is positive when one of its content variants matches a gold content as the shared
   scorer counts a match (word F1 >= 0.5) and its cue overlaps the gold cue; a variant is exact
   when its edges equal the gold content's, punctuation trimmed.
3. Fit L2-regularised logistic regressions (scikit-learn, the ``train`` extra): the detector on
   candidates, the bounder on the variants of positive candidates. The detector's threshold is
   the one at which the whole quote stage (in the training file's conventions) scores best end
   to end out of fold over the training articles, never on dev. Then the linker, on the
   statements the quote stage finds with that detector and bounder.
4. Write the weights (features with non-zero weight only) as gzipped JSON, by default to
   ``src/parley/quotes/models/attribution.json.gz``; then, unless ``--no-eval``, score the
   quote stage on the dev file with the shared scorer.

Deterministic: the same inputs give the same weights (liblinear with a fixed seed).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "src"))

from parley.quotes import trained  # noqa: E402

DEFAULT_OUT = ROOT / "src" / "parley" / "quotes" / "models" / trained.MODEL_FILE
_WORD = re.compile(r"\w+")
_EDGE = set(' \t\n"\'“”‘’«»,.;:!?—–-()[]')  # as the shared scorer trims content edges


# -- parsing, cached -------------------------------------------------------------------------


def parsed(gold_path: Path, cache: Path | None) -> tuple[list[Any], list[Any], list[dict[str, Any]]]:
    """(docs, records, gold records) of a gold file: Docs parsed and records filled by the stages
    the quote stage reads."""
    from spacy.tokens import DocBin

    from parley.api import to_article
    from parley.base.nlp import load_pipeline, pipe
    from parley.evaluation import inputs_of, load_records
    from parley.model import ArticleRecord
    from parley.pipeline import analyse_doc
    from parley.settings import load_options

    options = load_options()
    nlp = load_pipeline(options.nlp.model)
    golds = load_records(gold_path)
    key = hashlib.sha1(gold_path.read_bytes() + options.nlp.model.encode()).hexdigest()[:12]
    if cache is not None:
        bin_path, rec_path = cache / f"{gold_path.stem}-{key}.docbin", cache / f"{gold_path.stem}-{key}.records.json"
        if bin_path.exists() and rec_path.exists():
            docs = list(DocBin().from_bytes(bin_path.read_bytes()).get_docs(nlp.vocab))
            records = [ArticleRecord.model_validate(r) for r in json.loads(rec_path.read_text())]
            return docs, records, golds
    articles = [to_article(item) for item in inputs_of(golds)]
    docs, records = [], []
    for doc, article in pipe(nlp, ((a.text, a) for a in articles), batch_size=32):
        records.append(analyse_doc(doc, article, options, ["actors", "dates", "places"]))
        docs.append(doc)
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        bin_ = DocBin(store_user_data=True)
        for doc in docs:
            bin_.add(doc)
        bin_path.write_bytes(bin_.to_bytes())
        rec_path.write_text(json.dumps([r.model_dump(mode="json") for r in records]))
    return docs, records, golds


# -- labels ----------------------------------------------------------------------------------


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def word_f1(a: str, b: str) -> float:
    """The shared scorer's content match: word-level F1 (multiset)."""
    ta, tb = words(a), words(b)
    if not ta or not tb:
        return 0.0
    pool: dict[str, int] = {}
    for w in tb:
        pool[w] = pool.get(w, 0) + 1
    common = 0
    for w in ta:
        if pool.get(w, 0) > 0:
            pool[w] -= 1
            common += 1
    if not common:
        return 0.0
    p, r = common / len(ta), common / len(tb)
    return 2 * p * r / (p + r)


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def gold_cue(text: str, quote: dict[str, Any]) -> tuple[int, int] | None:
    """Where a gold quote's cue is: its span, or (a string) its occurrence nearest the content."""
    cue = quote.get("cue")
    if isinstance(cue, dict):
        return int(cue["start"]), int(cue["end"])
    if not cue:
        return None
    start, end = quote["content"]["start"], quote["content"]["end"]
    best: tuple[int, int, int] | None = None
    for m in re.finditer(re.escape(cue), text):
        distance = min(abs(m.start() - start), abs(m.start() - end))
        if best is None or distance < best[0]:
            best = (distance, m.start(), m.end())
    return (best[1], best[2]) if best is not None and best[0] < 400 else None


def labels(doc: Any, text: str, cands: Sequence[trained.Candidate], gold_quotes: Sequence[dict[str, Any]]) -> list[tuple[bool, list[bool]]]:
    """For each candidate: whether it matches a gold attribution, and which of its variants are exact."""
    golds = []
    for q in gold_quotes:
        cue = gold_cue(text, q)
        if cue is not None:
            golds.append((cue, q["content"]["text"], trimmed(text, q["content"]["start"], q["content"]["end"])))
    out: list[tuple[bool, list[bool]]] = []
    for cand in cands:
        a = doc[cand.cue[0]].idx
        b = doc[cand.cue[1] - 1].idx + len(doc[cand.cue[1] - 1])
        positive = False
        exact = [False] * len(cand.variants)
        for (c0, c1), content, edges in golds:
            if not (a < c1 and c0 < b):
                continue
            for k, (_, (s, e)) in enumerate(cand.variants):
                if word_f1(content, text[s:e]) >= 0.5:
                    positive = True
                    exact[k] = exact[k] or trimmed(text, s, e) == edges
        out.append((positive, exact))
    return out


def scorer() -> Any:
    """The shared scorer, as a module."""
    sys.path.insert(0, str(SHARED / "eval"))
    import score  # type: ignore[import-not-found]

    return score


def split_quotes(gold: dict[str, Any]) -> list[dict[str, Any]]:
    """The gold quotes with split quotations joined, as the scorer joins them."""
    return list(scorer().join_split_quotes(gold.get("quotes", []), gold.get("text", "")))


# -- examples and fitting --------------------------------------------------------------------


Example = tuple[int, list[str], bool, list[tuple[list[str], bool]]]


def examples(docs: Sequence[Any], records: Sequence[Any], golds: Sequence[dict[str, Any]]) -> Iterator[Example]:
    """(article index, detector features, label, [(bounder features, exact)]) per candidate."""
    from parley.base.spans import doc_text
    from parley.quotes.direct import pair_quotation_marks
    from parley.quotes.indirect import find_indirect
    from parley.quotes.lexicon import get_lexicon

    for index, (doc, record, gold) in enumerate(zip(docs, records, golds, strict=True)):
        text = doc_text(doc)
        lexicon = get_lexicon(doc.vocab)
        regions = pair_quotation_marks(text)
        places = [(p.start, p.end) for p in record.places if p.lat is not None]
        statements, _ = find_indirect(doc, lexicon, places)
        ctx = trained.Context(doc, regions, lexicon)
        cands = trained.generate(doc, statements, regions)
        for cand, (positive, exact) in zip(cands, labels(doc, text, cands, split_quotes(gold)), strict=True):
            several = positive and len(cand.variants) > 1
            variants = [(trained.variant_features(ctx, cand, k), exact[k]) for k in range(len(cand.variants))] if several else []
            yield index, trained.features(ctx, cand), positive, variants


def fit(rows: Sequence[list[str]], ys: Sequence[bool], c: float, min_count: int = 2) -> dict[str, Any]:
    """An L2 logistic regression over binary string features: {"weights", "bias"}."""
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    counts: dict[str, int] = {}
    for row in rows:
        for f in set(row):
            counts[f] = counts.get(f, 0) + 1
    vocab = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= min_count and f != "bias"))}
    indptr, indices = [0], []
    for row in rows:
        cols = sorted({vocab[f] for f in row if f in vocab})
        indices.extend(cols)
        indptr.append(len(indices))
    x = csr_matrix((np.ones(len(indices)), indices, indptr), shape=(len(rows), len(vocab)))
    model = LogisticRegression(C=c, solver="liblinear", max_iter=500, random_state=0)
    model.fit(x, np.asarray(ys, dtype=int))
    names = sorted(vocab, key=vocab.__getitem__)
    weights = {name: round(float(w), 5) for name, w in zip(names, model.coef_[0], strict=True) if abs(w) >= 1e-5}
    return {"weights": weights, "bias": round(float(model.intercept_[0]), 5)}


Linking = tuple[int, list[list[str]], list[bool]]


def linker_examples(docs: Sequence[Any], records: Sequence[Any], golds: Sequence[dict[str, Any]], model: trained.AttributionModel) -> list[Linking]:
    """(article index, features of each speaker candidate, which are right) per statement that
    matches a gold one, found by the quote stage with ``model`` (its linker off)."""
    from parley.base.spans import doc_text, token_chars
    from parley.quotes import find_statements
    from parley.quotes.lexicon import get_lexicon
    from parley.settings import QuoteOptions

    out: list[Linking] = []
    for index, (doc, record, gold) in enumerate(zip(docs, records, golds, strict=True)):
        text = doc_text(doc)
        places = [(p.start, p.end) for p in record.places if p.lat is not None]
        statements = find_statements(doc, get_lexicon(doc.vocab), QuoteOptions(keep_complementizer=True), places, model=model)
        quotes = split_quotes(gold)
        previous = None
        for st in sorted(statements, key=lambda s: s.cue_pos if s.cue_pos is not None else s.start):
            if st.cue is not None and st.frame not in ("inherited", "label", "headline", "dash", "colon"):
                best = max(quotes, key=lambda q: word_f1(q["content"]["text"], text[st.start : st.end]), default=None)
                if best is not None and word_f1(best["content"]["text"], text[st.start : st.end]) >= 0.5:
                    mention = best.get("speaker_mention")
                    cands = trained.speaker_candidates(doc, st, previous)
                    right = []
                    for cand in cands:
                        if best.get("speaker") is None or not mention:
                            right.append(cand.tokens is None and best.get("speaker") is None)
                        else:
                            a, b = token_chars(doc, *cand.tokens) if cand.tokens is not None else (-1, -1)
                            right.append(a < mention["end"] and mention["start"] < b)
                    if any(right):
                        out.append((index, [trained.speaker_features(doc, st, c) for c in cands], right))
            if st.speaker is not None:
                previous = st
    return out


def choose_threshold(
    data: Sequence[Example], parses: tuple[Sequence[Any], Sequence[Any], Sequence[dict[str, Any]]], options: Any, c: float, bounder_c: float, folds: int = 3
) -> float:
    """The detector threshold that maximises the whole quote stage's end-to-end F1 (the shared
    scorer's, speakers included) out of fold: the training articles in ``folds`` parts, each
    scored with a detector and bounder fitted on the others, at each threshold of a grid (the
    linker off, as it is fitted after). Scoring the stage rather than the candidates counts what
    the rules around the model do with what it keeps."""
    from parley.quotes import find_quotes

    score = scorer()
    docs, records, golds = parses
    grid = [step / 100 for step in range(22, 53, 3)]
    tallies = {threshold: score.Tally() for threshold in grid}
    for fold in range(folds):
        train = [d for d in data if d[0] % folds != fold]
        detector = fit([d[1] for d in train], [d[2] for d in train], c)
        variant_rows = [v for d in train for v in d[3]]
        bounder = fit([v[0] for v in variant_rows], [v[1] for v in variant_rows], bounder_c)
        for threshold in grid:
            model = trained.AttributionModel.from_dict({"detector": detector, "bounder": bounder, "threshold": threshold})
            for index in range(fold, len(docs), folds):
                record = records[index].model_copy(deep=True)
                record.quotes = find_quotes(docs[index], record, options, model=model)
                score.score_doc(golds[index], record.to_dict(include_text=False), tallies[threshold])
    best, best_f = grid[0], -1.0
    for threshold in grid:
        counts = tallies[threshold].c
        f = score.prf(*counts["quotes.end_to_end"])[2]
        exact = score.prf(*counts["quotes.content_exact"])[2]
        print(f"  threshold {threshold:.2f}: out-of-fold end-to-end {f:.4f}, content exact {exact:.4f}", flush=True)
        if f > best_f:
            best, best_f = threshold, f
    return best


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", type=Path, default=SHARED / "gold" / "polnear-train.jsonl")
    parser.add_argument("--dev", type=Path, default=SHARED / "gold" / "polnear-dev.jsonl")
    parser.add_argument("--cache", type=Path, default=None, help="keep parsed articles here and reuse them")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--c", type=float, default=0.3, help="inverse regularisation strength of the detector")
    parser.add_argument("--bounder-c", type=float, default=0.3)
    parser.add_argument("--linker-c", type=float, default=0.3)
    parser.add_argument("--threshold", type=float, default=None, help="fix the detector threshold instead of choosing it")
    parser.add_argument("--no-eval", action="store_true")
    args = parser.parse_args(argv)
    if not args.train.exists():
        print(f"train_attribution: no training file {args.train}", file=sys.stderr)
        return 2
    t0 = time.time()
    docs, records, golds = parsed(args.train, args.cache)
    print(f"parsed {len(docs)} training articles ({time.time() - t0:.0f}s)", flush=True)
    t1 = time.time()
    data = list(examples(docs, records, golds))
    print(f"{len(data)} candidates, {sum(d[2] for d in data)} positive ({time.time() - t1:.0f}s)", flush=True)
    t2 = time.time()
    if args.threshold is not None:
        threshold = args.threshold
    else:
        from parley.evaluation import options_for

        threshold = choose_threshold(data, (docs, records, golds), options_for(args.train).quotes, args.c, args.bounder_c)
    detector = fit([d[1] for d in data], [d[2] for d in data], args.c)
    variant_rows = [v for d in data for v in d[3]]
    bounder = fit([v[0] for v in variant_rows], [v[1] for v in variant_rows], args.bounder_c)
    print(f"fitted: threshold {threshold:.2f}, {len(detector['weights'])} + {len(bounder['weights'])} weights ({time.time() - t2:.0f}s)", flush=True)
    t3 = time.time()
    first = trained.AttributionModel.from_dict({"detector": detector, "bounder": bounder, "threshold": threshold})
    linking = linker_examples(docs, records, golds, first)
    linker = fit([f for d in linking for f in d[1]], [y for d in linking for y in d[2]], args.linker_c)
    print(f"linker: {len(linking)} statements, {len(linker['weights'])} weights ({time.time() - t3:.0f}s)", flush=True)
    model = {
        "detector": detector,
        "bounder": bounder,
        "linker": linker,
        "threshold": threshold,
        "meta": {"trained_on": args.train.name, "articles": len(docs), "candidates": len(data),
                 "c": args.c, "bounder_c": args.bounder_c, "linker_c": args.linker_c},
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(gzip.compress(json.dumps(model, sort_keys=True, separators=(",", ":")).encode(), mtime=0))
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KiB); training took {time.time() - t0:.0f}s")
    if not args.no_eval and args.dev.exists():
        from parley.evaluation import evaluate

        trained.load_model.cache_clear()
        report = evaluate(SHARED / "eval" / "score.py", args.dev)
        for key, value in sorted(report["scores"].items()):
            if key.startswith("quotes") and "f1" in value:
                print(f"  {key:30s} P {value['precision']:.3f}  R {value['recall']:.3f}  F1 {value['f1']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
