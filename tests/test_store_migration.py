"""A store made by an older parley opens with this one: ``tests/fixtures/store-v1.duckdb.gz``
was made by parley at commit eb452cb (schema version 1: every field beyond the fixed columns
in ``extra``), from ``samples/peace-talks.txt`` and ``tests/gold/statements.jsonl``, and
``records.jsonl`` beside it is that parley's ``parley export --to jsonl`` of it. Opening it
applies ``m002_queried_columns``, which moves the queried fields into columns of their own;
the records read back are the same."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from parley import api
from parley.store import SCHEMA_VERSION, Store
from parley.store.migrations import migrations
from parley.store.tables import QUERIED

FIXTURES = Path(__file__).parent / "fixtures"


def _without_nulls(value: Any) -> Any:
    """A record as JSON with its null-valued keys left out (a field that is None is the same
    whether it was written as null or not at all)."""
    if isinstance(value, dict):
        return {k: _without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_nulls(v) for v in value]
    return value


@pytest.fixture
def old_store(tmp_path: Path) -> Path:
    path = tmp_path / "store-v1.duckdb"
    with gzip.open(FIXTURES / "store-v1.duckdb.gz", "rb") as src, path.open("wb") as dst:
        shutil.copyfileobj(src, dst)
    return path


def test_a_version_1_store_is_migrated_on_opening(old_store):
    with Store.open(old_store, read_only=True) as store:
        assert store.schema_version == SCHEMA_VERSION == 2
        assert migrations.applied(store.con) == ["m001_initial", "m002_queried_columns"]
        for table, fields in QUERIED.items():
            columns = {r[0] for r in store.con.execute(f"DESCRIBE {table}").fetchall()}
            assert set(fields) <= columns, table
            for name in fields:  # every value of the column's type left `extra` for its column
                (left,) = store.con.execute(f"SELECT count(*) FROM {table} WHERE json_type(extra, '$.{name}') IN ('VARCHAR', 'BOOLEAN')").fetchone()
                assert left == 0, f"{table}.{name}"
        filled = {
            table: store.con.execute(f"SELECT count(*), {', '.join(f'count({name})' for name in fields)} FROM {table}").fetchone()
            for table, fields in QUERIED.items()
        }
    # 46 quotes, each with its cue kind and flags; 4 events, one acted by a person; 10 stances, each labelled
    assert filled["quotes"] == (46, 46, 46, 46)
    assert filled["events"] == (4, 1, 0, 4, 4, 4, 2)
    assert filled["stances"] == (10, 5, 10, 7, 1, 6)


def test_the_migrated_store_gives_back_the_same_records(old_store, tmp_path):
    (exported,) = api.export(old_store, to="jsonl", out=tmp_path / "out")
    before = [_without_nulls(json.loads(line)) for line in (FIXTURES / "records.jsonl").read_text(encoding="utf-8").splitlines()]
    after = [_without_nulls(json.loads(line)) for line in exported.read_text(encoding="utf-8").splitlines()]
    assert len(after) == len(before) == 29
    for old, new in zip(before, after, strict=True):
        assert new == old, old["id"]


def test_queries_read_the_new_columns(old_store):
    """An actor's events and issues include those where they act for a state (source_person,
    holder_person): Putin holds no stance and is the source of no event himself."""
    profile = api.actor_profile(old_store, "Vladimir Putin")
    assert profile is not None
    assert [(p["actor"], p["type"]) for p in profile["partners"]] == [("Ukraine", "THREATEN")]
    assert {(i["issue"], i["position"]) for i in profile["issues"]} >= {("status of Donbas", "rejects-discussion")}
