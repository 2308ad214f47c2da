#!/usr/bin/env python3
"""The worst case: what hostile texts cost next to ordinary prose, and the peak memory.

usage: python benchmarks/hostile.py [--chars N] [--cases a,b,...] [--largest]

Each case runs in a fresh process (so that its peak memory is its own): after a warm-up,
ordinary prose of the same length (the shared PolNeAR dev articles, or the bundled sample
when ../shared is absent) and then the hostile text go through ``parley.extract``. One line per
case: characters, seconds for prose and for the hostile text, their ratio (tests/test_hostile.py
fails above 10), and the process's peak memory (RSS). ``--largest`` also analyses one article
of ``input.max_chars`` characters (1,000,000 by default) and one of 20,000, and prints the peak
memory and how the time scales (the goal: about length / 20,000 x the 20,000 time).
Not a test: timings here are for reading, never asserted.
"""

from __future__ import annotations

import argparse
import base64
import json
import random
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def prose(n: int) -> str:
    gold = ROOT.parent / "shared" / "gold" / "polnear-dev.jsonl"
    if gold.exists():
        texts = [json.loads(line)["text"] for line in gold.read_text("utf-8").splitlines() if line.strip()]
    else:
        texts = [(ROOT / "samples" / "peace-talks.txt").read_text("utf-8")]
    text = "\n\n".join(texts)
    while len(text) < n:
        text += "\n\n" + text
    return text[:n]


def _fit(unit: str, n: int) -> str:
    return (unit * (n // len(unit) + 1))[:n]


CASES: dict[str, Callable[[int], str]] = {
    "brackets": lambda n: "[" * (n - 46) + " Putin said on Monday that talks would resume.",
    "punctuation": lambda n: _fit("He said so" + "!" * 5000 + " and left" + "?!.,;:" * 1000 + ". ", n),
    "no-whitespace": lambda n: base64.b64encode(random.Random(15).randbytes(n))[:n].decode(),
    "unmatched-quotes": lambda n: _fit("“a ", n),
    "one-sentence": lambda n: prose(n).replace(".", " and").replace("\n", " "),
    "nested": lambda n: _fit("([{“«‘", n // 2) + _fit("’»”}])", n - n // 2),
    "scripts-emoji": lambda n: _fit("Путин сказал 你好世界 مرحبا नमस्ते 😀👍🏽🇺🇦 Putin said talks would resume. ", n),
    "zero-width": lambda n: _fit("Putin\u200bsaid\u200c on\u200d Monday\x00\x07 that\ufeff talks\u2060 resume. ", n),
    "old-mac-lines": lambda n: prose(n).replace("\n", "\r"),
}


def _peak_mib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def _one(case: str, n: int) -> dict[str, float | int | str]:
    """Run in the child process: prose and the case, timed; the process's peak memory."""
    import parley
    from parley.settings import load_options

    options = load_options()
    parley.extract(prose(3000), options=options)  # warm-up: model, dictionaries, gazetteer

    def timed(text: str) -> float:
        start = time.perf_counter()
        parley.extract(text, options=options)
        return time.perf_counter() - start

    if case == "largest":
        small = timed(prose(20_000))
        big = timed(prose(n))
        return {"case": case, "chars": n, "prose_s": small, "hostile_s": big, "peak_mib": _peak_mib()}
    ordinary = timed(prose(n))
    hostile = timed(CASES[case](n))
    return {"case": case, "chars": n, "prose_s": ordinary, "hostile_s": hostile, "peak_mib": _peak_mib()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=100_000, help="length of each hostile text and its prose (default 100,000)")
    parser.add_argument("--cases", default=",".join(CASES), help=f"comma-separated, of: {', '.join(CASES)}")
    parser.add_argument("--largest", action="store_true", help="also the largest accepted article (input.max_chars)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_one(args.child, args.chars)))
        return 0
    runs = [(c, args.chars) for c in args.cases.split(",") if c]
    if args.largest:
        from parley.settings import load_options

        runs.append(("largest", load_options().input.max_chars))
    print(f"{'case':<18}{'chars':>10}{'prose s':>10}{'hostile s':>11}{'ratio':>8}{'peak MiB':>10}")
    for case, n in runs:
        out = subprocess.run([sys.executable, __file__, "--child", case, "--chars", str(n)], capture_output=True, text=True, check=True)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        if case == "largest":
            scale = r["hostile_s"] / (r["prose_s"] * n / 20_000)
            note = "(prose s: 20,000 characters; ratio: the time / (length / 20,000 x that))"
            print(f"{'largest article':<18}{n:>10,}{r['prose_s']:>10.1f}{r['hostile_s']:>11.1f}{scale:>8.2f}{r['peak_mib']:>10}  {note}")
        else:
            print(f"{case:<18}{n:>10,}{r['prose_s']:>10.1f}{r['hostile_s']:>11.1f}{r['hostile_s'] / r['prose_s']:>8.2f}{r['peak_mib']:>10}")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
