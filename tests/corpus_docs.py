"""Small synthetic corpora for the ingest tests: short, distinct news paragraphs made from
real-sounding parts, so that no two fold into one story unless a test makes a copy."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

PEOPLE = ["Vladimir Putin", "Volodymyr Zelenskyy", "Donald Trump", "Sergei Lavrov", "Marco Rubio", "Dmitry Peskov", "Emmanuel Macron"]
PLACES = ["Anchorage", "Kyiv", "Moscow", "Riyadh", "Istanbul", "Geneva", "Berlin", "Warsaw", "Kharkiv", "Odesa", "Paris"]
TOPICS = ["the Donbas", "a ceasefire", "sanctions", "prisoner exchanges", "grain exports", "the Zaporizhzhia plant", "air defence"]
VERBS = ["said", "told reporters", "wrote on social media", "announced", "insisted"]
WORDS = [
    "alpha",
    "bravo",
    "charlie",
    "delta",
    "echo",
    "foxtrot",
    "golf",
    "hotel",
    "india",
    "juliett",
    "kilo",
    "lima",
    "mike",
    "november",
    "oscar",
    "papa",
    "quebec",
    "romeo",
    "sierra",
    "tango",
]


def doc_text(i: int) -> str:
    person, other = PEOPLE[i % 7], PEOPLE[(i // 7 + 3) % 7]
    place, topic, verb = PLACES[i % 11], TOPICS[(i // 3) % 7], VERBS[i % 5]
    tag = " ".join(WORDS[(i * k + k) % len(WORDS)] for k in range(1, 6))
    return f'{person} {verb} in {place} that talks on {topic} would go on. "We are ready to meet {other}," {person.split()[-1]} said, {tag}, report {i}.'


def write_jsonl(path: Path, n: int, *, start: int = 0, published: dt.date = dt.date(2025, 8, 1)) -> list[str]:
    ids = []
    with path.open("w", encoding="utf-8") as fh:
        for i in range(start, start + n):
            day = published + dt.timedelta(days=i % 40)
            ids.append(f"d{i:04d}")
            fh.write(json.dumps({"id": ids[-1], "text": doc_text(i), "published": day.isoformat(), "publisher": ["Wire", "Echo", "Post"][i % 3]}) + "\n")
    return ids
