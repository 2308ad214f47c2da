#!/usr/bin/env python3
"""Corpus ingestion speed: ``parley ingest`` serially, with 2 local workers and on a Dask
LocalCluster of 2 workers, each against bare spaCy ``nlp.pipe`` on the same texts.

usage: python benchmarks/ingest.py [--limit N] [--target DOCS] [--batch-size B] [--keep DIR]

The corpus is built from the real articles in ../shared/gold (PolNeAR train and dev,
GUM, GeoVirus, the seed; the bundled samples when that folder is absent): each article is cut
into windows of consecutive paragraphs, small enough to reach ``--target`` documents (5,000 by
default) and without overlap, so that syndication does not fold them; then 4% of the windows
are added again as exact copies under another id and publisher, and 4% as lightly edited
copies (a new first line, one word changed), which syndication must fold into the window's
story. Every mode ingests the same JSONL file into a fresh store; the stores are compared row
for row at the end.

Prints, for each mode, docs/s over the whole run (startup included: loading spaCy and the
gazetteer in each worker) and in steady state (after the first stored batch), each as a ratio
to bare ``nlp.pipe`` in this process; the peak memory (RSS) of every process that analysed
articles; and how many copies syndication folded. Not a test: speed goals live here, never in
timed tests.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from parley.base.nlp import load_pipeline  # noqa: E402
from parley.corpus.ingest import IngestReport, ingest  # noqa: E402
from parley.corpus.parallel import peak_rss_mib  # noqa: E402
from parley.settings import Options, load_options  # noqa: E402
from parley.store import Store  # noqa: E402

GOLD = ROOT.parent / "shared" / "gold"
FILES = ("seed.json", "polnear-train.jsonl", "polnear-dev.jsonl", "gum-actors-dev.jsonl", "geovirus-dev.jsonl")


def load_articles(limit: int | None) -> list[dict]:
    docs: dict[str, dict] = {}
    if GOLD.exists():
        for name in FILES:
            path = GOLD / name
            if not path.exists():
                continue
            raw = path.read_text(encoding="utf-8").strip()
            items = [json.loads(raw)] if path.suffix == ".json" else [json.loads(x) for x in raw.splitlines() if x.strip()]
            for d in items:
                key = d["text"][:200]  # GUM's two files hold the same texts
                docs.setdefault(key, {k: d.get(k) for k in ("id", "text", "published", "publisher")})
    else:
        for path in sorted((ROOT / "samples").glob("*.txt")):
            docs[path.stem] = {"id": path.stem, "text": path.read_text(encoding="utf-8")}
    out = list(docs.values())
    return out[:limit] if limit else out


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n+", text) if len(p.split()) >= 3]


def build_corpus(articles: list[dict], target: int, copy_share: float, seed: int = 7) -> tuple[list[dict], dict[str, str]]:
    """Windows of paragraphs (about ``target`` of them) plus exact and edited copies; returns
    the documents and, for each copy, the window it copies."""
    total_pars = sum(len(paragraphs(a["text"])) for a in articles)
    want = max(1, round(target / (1 + 2 * copy_share)))
    size = max(1, total_pars // want)
    docs: list[dict] = []
    for art in articles:
        pars = paragraphs(art["text"])
        for n, start in enumerate(range(0, len(pars), size)):
            text = "\n".join(pars[start : start + size])
            if len(text.split()) < 12:
                continue
            docs.append({"id": f"{art['id']}#w{n}", "text": text, "published": art.get("published"), "publisher": art.get("publisher")})
    rng = random.Random(seed)
    copies: dict[str, str] = {}
    originals = rng.sample(docs, k=min(len(docs), int(len(docs) * copy_share) * 2))
    half = len(originals) // 2
    extra: list[dict] = []
    for i, doc in enumerate(originals):
        if i < half:
            copy = {**doc, "id": f"{doc['id']}@mirror", "publisher": "Mirror Daily"}
        else:
            words = doc["text"].split(" ")
            k = rng.randrange(len(words))
            words[k] = words[k].upper()
            copy = {**doc, "id": f"{doc['id']}@edit", "text": "UPDATED at 10:42 GMT\n" + " ".join(words), "publisher": "Echo Online"}
        copies[copy["id"]] = doc["id"]
        extra.append(copy)
    rng.shuffle(extra)
    return docs + extra, copies


def bare_pipe(texts: list[str], options: Options) -> float:
    nlp = load_pipeline(options.nlp.model)
    list(nlp.pipe(texts[:20], batch_size=options.nlp.batch_size))  # warm-up
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=options.nlp.batch_size):
        pass
    return time.perf_counter() - start


def timed_ingest(corpus: Path, db: Path, options: Options, **kw: object) -> tuple[IngestReport, float, float]:
    """The report, the wall time, and the steady-state docs/s (after the first stored batch)."""
    marks: list[tuple[float, int]] = []
    start = time.perf_counter()
    report = ingest([str(corpus)], db, options, after_batch=lambda r: marks.append((time.perf_counter(), r.ingested)), **kw)  # type: ignore[arg-type]
    wall = time.perf_counter() - start
    steady = (marks[-1][1] - marks[0][1]) / (marks[-1][0] - marks[0][0]) if len(marks) > 1 and marks[-1][0] > marks[0][0] else 0.0
    return report, wall, steady


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="use only the first N real articles")
    parser.add_argument("--target", type=int, default=5000, help="documents to build (before copies are added)")
    parser.add_argument("--copies", type=float, default=0.04, help="share of windows copied exactly, and again edited")
    parser.add_argument("--batch-size", type=int, default=None, help="articles per batch (default from settings)")
    parser.add_argument("--modes", default="serial,workers,dask", help="comma-separated: serial, workers, dask")
    parser.add_argument("--keep", type=Path, default=None, help="keep the corpus and the stores in this folder")
    args = parser.parse_args()

    options = load_options(corpus__batch_size=args.batch_size)
    articles = load_articles(args.limit)
    docs, copies = build_corpus(articles, args.target, args.copies)
    texts = [d["text"] for d in docs]
    words = sum(len(t.split()) for t in texts)
    work = args.keep or Path(tempfile.mkdtemp(prefix="parley-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus = work / "corpus.jsonl"
    with corpus.open("w", encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps(d, ensure_ascii=False) + "\n")
    print(f"corpus: {len(docs):,} documents ({len(docs) - len(copies):,} windows of {len(articles):,} real articles + {len(copies):,} copies), {words:,} words")
    print(f"model {options.nlp.model}  batch {options.corpus.batch_size}  stages {options.corpus.stages or 'all'}")

    bare = bare_pipe(texts, options)
    bare_rate = len(texts) / bare
    print(f"{'bare nlp.pipe':<14} {bare_rate:8.1f} docs/s  ({bare:.1f}s, this process)")
    logging.getLogger("parley").setLevel(logging.ERROR)  # failed articles are counted in the report

    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    dumps = {}
    for mode in modes:
        db = work / f"{mode}.duckdb"
        for leftover in (db, Path(f"{db}.wal")):
            leftover.unlink(missing_ok=True)
        kw: dict[str, object] = {"workers": 2} if mode == "workers" else {"dask": "local:2"} if mode == "dask" else {}
        report, wall, steady = timed_ingest(corpus, db, options, **kw)
        rate = len(docs) / wall
        memory = ", ".join(f"{v:.0f}" for v in sorted(report.peak_worker_rss_mib.values()))
        if mode == "serial":
            memory = f"{peak_rss_mib():.0f} (this process)"
        label = {"serial": "serial", "workers": "--workers 2", "dask": "--dask local:2"}[mode]
        print(
            f"{label:<14} {rate:8.1f} docs/s  ratio {rate / bare_rate:.3f}  |  steady {steady:8.1f} docs/s  ratio {steady / bare_rate:.3f}"
            f"  |  {wall:.1f}s  peak RSS per worker (MiB): {memory}  failed {report.failed}"
        )
        with Store.open(db, read_only=True) as store:
            stories = dict(store.con.execute("SELECT id, story_id FROM articles").fetchall())
            dumps[mode] = store.dump()
        folded = sum(1 for copy, original in copies.items() if copy in stories and stories.get(copy) == stories.get(original))
        stored_copies = sum(1 for copy, original in copies.items() if copy in stories and original in stories)
        stored_windows = [d["id"] for d in docs if d["id"] not in copies and d["id"] in stories]
        window_stories = len({stories[i] for i in stored_windows})
        print(
            f"{'':<14} syndication: {folded}/{stored_copies} stored copies folded into their window's story; "
            f"{len(stored_windows):,} stored windows make {window_stories:,} stories ({report.stories_in_store:,} in all)"
        )
    again = len(texts) / bare_pipe(texts, options)
    print(f"{'bare nlp.pipe':<14} {again:8.1f} docs/s  (again, after the runs: the machine's load drifts; ratios above use the first)")
    if len(dumps) > 1:
        first = next(iter(dumps.values()))
        same = all(d == first for d in dumps.values())
        print(f"stores identical across {', '.join(dumps)}: {'yes' if same else 'NO'}")
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
