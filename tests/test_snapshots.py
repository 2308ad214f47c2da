"""The whole record of the seed and of ten PolNeAR dev articles stays as snapshotted
(``tests/snapshots``): a change of output must be deliberate, with the snapshot rewritten."""

from __future__ import annotations

import pytest

from .helpers import needs_shared
from .snapshot import SOURCES, current_records, first_difference, stored_records


@pytest.mark.slow
def test_records_match_the_snapshot() -> None:
    for name, _ in SOURCES:
        needs_shared(f"gold/{name}")
    stored = stored_records()
    current = current_records()
    assert [r["id"] for r in current] == [r["id"] for r in stored]
    changed = {new["id"]: first_difference(old, new) for old, new in zip(stored, current, strict=True) if old != new}
    assert not changed, "output changed (rewrite with `python -m tests.snapshot --update` if meant):\n" + "\n".join(
        f"  {doc}: {where}" for doc, where in changed.items()
    )


def test_first_difference_names_the_path() -> None:
    old = {"quotes": [{"speaker": "Vladimir Putin", "content": {"start": 1}}]}
    new = {"quotes": [{"speaker": "Donald Trump", "content": {"start": 1}}]}
    assert first_difference(old, new) == ".quotes[0].speaker: 'Vladimir Putin' -> 'Donald Trump'"
    assert first_difference(old, old) is None
    assert first_difference({"a": [1]}, {"a": [1, 2]}) == ".a: 1 items -> 2 items"
