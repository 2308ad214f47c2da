"""Paths and helpers shared by the tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from parley.model import ArticleRecord

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SAMPLES = ROOT / "samples"


def actors_of(record: ArticleRecord) -> dict[str, str | None]:
    """Mention text -> canonical actor (the last mention wins for repeated texts)."""
    return {m.text: m.actor for m in record.mentions}


def needs_shared(name: str) -> Path:
    """A file in ../shared, or skip the test with the reason when it is absent (a user's clone)."""
    path = SHARED / name
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared gold data only exists beside the project's own checkout")
    return path


def gold_scores(name: str) -> dict[str, dict[str, float]]:
    """Run the extractor on a shared gold file (texts only) and score it with score.py."""
    from parley.evaluation import evaluate

    gold = needs_shared(f"gold/{name}")
    scorer = needs_shared("eval/score.py")
    return evaluate(scorer, gold)["scores"]  # type: ignore[no-any-return]
