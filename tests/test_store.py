"""The corpus store: schema and migrations, refusing files that are not parley stores,
whole records in and out (a Hypothesis property), one transaction per batch."""

from __future__ import annotations

import datetime as dt
import sqlite3
import uuid

import duckdb
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parley.corpus import Writer, write_records
from parley.errors import StoreError
from parley.model import DATE_VALUE, ArticleRecord, DateRef, Event, Mention, Place, Quote, Span, Stance
from parley.store import SCHEMA_VERSION, Migrations, Store
from parley.store.migrations import migrations
from parley.store.tables import SCHEMAS, record_tables

# ---- migrations ------------------------------------------------------------------------------


def test_duplicate_migration_name_is_refused_naming_migration_and_set():
    steps = Migrations("demo")

    @steps()
    def m001(con):
        con.execute("CREATE TABLE a (x INT)")

    with pytest.raises(ValueError, match=r"migration 'm001' is already registered in the migration set 'demo'"):

        @steps(name="m001")
        def other(con):
            pass


def test_migrations_apply_in_order_once_and_are_recorded():
    steps = Migrations("demo")
    calls: list[str] = []

    @steps()
    def m001_table(con):
        calls.append("m001")
        con.execute("CREATE TABLE a (x INT)")

    @steps()
    def m002_column(con):
        calls.append("m002")
        con.execute("ALTER TABLE a ADD COLUMN y INT")

    con = duckdb.connect()
    assert steps.apply(con) == ["m001_table", "m002_column"]
    assert steps.apply(con) == []
    assert calls == ["m001", "m002"]
    assert steps.applied(con) == ["m001_table", "m002_column"]
    assert [r[0] for r in con.execute("DESCRIBE a").fetchall()] == ["x", "y"]


def test_a_failing_migration_leaves_nothing_behind():
    steps = Migrations("demo")

    @steps()
    def m001_half(con):
        con.execute("CREATE TABLE half (x INT)")
        raise RuntimeError("boom")

    con = duckdb.connect()
    with pytest.raises(RuntimeError):
        steps.apply(con)
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert "half" not in tables
    assert steps.applied(con) == []


def test_new_store_has_the_documented_schema(tmp_path):
    with Store.open(tmp_path / "c.duckdb") as store:
        assert store.schema_version == SCHEMA_VERSION == len(migrations)
        tables = {r[0] for r in store.con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        assert {"articles", "mentions", "actors", "quotes", "dates", "places", "events", "stances", "minhashes", "stories"} <= tables
        for name, schema in SCHEMAS.items():  # every column a worker writes exists in the store
            cols = {r[0] for r in store.con.execute(f"DESCRIBE {name}").fetchall()}
            assert set(schema.names) <= cols, name
        assert store.meta["application"] == "parley"


def test_reopening_applies_nothing_and_keeps_data(tmp_path):
    path = tmp_path / "c.duckdb"
    with Store.open(path) as store:
        write_records(store, [_record("a1")])
    with Store.open(path, read_only=True) as store:
        assert store.counts()["articles"] == 1
        assert migrations.applied(store.con) == migrations.names


# ---- files that are not parley stores ----------------------------------------------------------


def _one_line(exc: pytest.ExceptionInfo[StoreError], path) -> str:
    message = str(exc.value)
    assert "\n" not in message and str(path) in message
    return message


def test_text_file_is_refused(tmp_path):
    path = tmp_path / "notes.duckdb"
    path.write_text("hello, not a database\n" * 20)
    with pytest.raises(StoreError) as exc:
        Store.open(path)
    assert "not a DuckDB database file" in _one_line(exc, path)


def test_sqlite_file_is_refused(tmp_path):
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    with pytest.raises(StoreError) as exc:
        Store.open(path, read_only=True)
    assert "SQLite" in _one_line(exc, path)


def test_foreign_duckdb_database_is_refused(tmp_path):
    path = tmp_path / "foreign.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE sales (id INT)")
    con.close()
    with pytest.raises(StoreError) as exc:
        Store.open(path)
    assert "another program" in _one_line(exc, path)
    # and it was left alone
    con = duckdb.connect(str(path))
    assert {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()} == {"sales"}
    con.close()


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "new.duckdb"
    Store.open(path).close()
    con = duckdb.connect(str(path))
    con.execute("INSERT INTO parley_migrations (migration_set, name) VALUES ('parley', 'm999_from_the_future')")
    con.execute("UPDATE parley_meta SET value = '99' WHERE key = 'schema_version'")
    con.close()
    with pytest.raises(StoreError) as exc:
        Store.open(path, read_only=True)
    message = _one_line(exc, path)
    assert "newer parley" in message and "99" in message


def test_missing_store_for_reading(tmp_path):
    path = tmp_path / "nope.duckdb"
    with pytest.raises(StoreError) as exc:
        Store.open(path, read_only=True)
    assert "no such store" in _one_line(exc, path)
    assert not path.exists()


def test_locked_store_names_the_file(tmp_path):
    import subprocess
    import sys
    import textwrap

    path = tmp_path / "busy.duckdb"
    Store.open(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"import duckdb, time; c = duckdb.connect({str(path)!r}); print('ok', flush=True); time.sleep(30)")],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
        with pytest.raises(StoreError) as exc:
            Store.open(path, read_only=True)
        assert "in use by another process" in _one_line(exc, path)
    finally:
        holder.kill()
        holder.wait()


# ---- records in and out --------------------------------------------------------------------------

TEXT = 'Vladimir Putin said on Tuesday that Russia would "never give up the Donbas", Reuters reported from Moscow.'


def _record(article_id: str, text: str = TEXT, **fields) -> ArticleRecord:
    putin = Span.of(text, 0, 14)
    return ArticleRecord(
        id=article_id,
        text=text,
        published=fields.pop("published", dt.date(2025, 8, 12)),
        publisher=fields.pop("publisher", "Wire"),
        mentions=[
            Mention(**putin.model_dump(), type="PERSON", actor="Vladimir Putin", via="name", kind="person"),
            Mention(**Span.of(text, 35, 41).model_dump(), type="GPE", actor="Russia", via="name", kind="state"),
        ],
        quotes=[
            Quote(
                type="direct",
                content=Span.of(text, 50, 75),
                speaker="Vladimir Putin",
                speaker_mention=putin,
                cue=Span.of(text, 15, 19),
                cue_kind="verb",
            ),
            Quote(type="indirect", content=Span.of(text, 35, 75), speaker=None, cue="reported", source="Reuters", said_on="2025-08-12"),
        ],
        dates=[DateRef(**Span.of(text, 23, 30).model_dump(), value="2025-08-12", note="weekday")],
        places=[Place(**Span.of(text, 98, 104).model_dump(), name="Moscow", kind="city", country="RU", lat=55.75, lon=37.62, geonameid=524901)],
        events=[Event(type="CONSULT", source="Russia", target=None, trigger=Span.of(text, 15, 19), source_person="Vladimir Putin")],
        stances=[Stance(holder="Russia", issue="Donbas", position="keep", evidence=Span.of(text, 50, 75))],
        **fields,
    )


def test_record_round_trip_with_extras(tmp_path):
    record = _record("a1", title="Talks", url="https://example.org/a1")
    with Store.open(tmp_path / "c.duckdb") as store:
        result = write_records(store, [record], source="feed.xml")
        assert result.ingested == ["a1"]
        back = store.record("a1")
    assert back == record
    assert back is not None and back.model_dump() == record.model_dump()
    assert back.quotes[0].cue_kind == "verb" and back.dates[0].note == "weekday"
    assert back.events[0].source_person == "Vladimir Putin"


def test_writing_the_same_record_twice_is_a_no_op(tmp_path):
    with Store.open(tmp_path / "c.duckdb") as store:
        write_records(store, [_record("a1")])
        again = write_records(store, [_record("a1"), _record("a1")])
        assert again.ingested == [] and again.skipped == ["a1", "a1"]
        counts = store.counts()
    assert counts["articles"] == 1 and counts["mentions"] == 2 and counts["quotes"] == 2


def test_a_batch_is_stored_whole_or_not_at_all(tmp_path):
    good = _record("ok")
    bad = _record("bad")
    tables = record_tables([good, bad], [None, None], [b"\0" * 512, b"\0" * 512])
    # a duplicated quote row for "bad" breaks the primary key half-way through the batch
    quotes = tables["quotes"]
    tables["quotes"] = pa.concat_tables([quotes, quotes.slice(quotes.num_rows - 1, 1)])
    with Store.open(tmp_path / "c.duckdb") as store:
        writer = Writer(store)
        with pytest.raises(StoreError, match="a batch could not be stored"):
            writer.load(tables)
        assert store.counts() == dict.fromkeys(store.counts(), 0)
        # the store is still usable, and the failed articles can be stored later (their
        # stories too: the writer forgot the ones it gave the failed batch)
        assert writer.write_records([good, bad]).ingested == ["ok", "bad"]
        assert dict(store.con.execute("SELECT id, story_id FROM articles").fetchall()) == {"ok": "ok", "bad": "ok"}
        assert store.counts()["quotes"] == 4


def test_records_come_back_in_ingestion_order(tmp_path):
    with Store.open(tmp_path / "c.duckdb") as store:
        write_records(store, [_record("b"), _record("a")])
        write_records(store, [_record("c")])
        assert [r.id for r in store.records()] == ["b", "a", "c"]
        assert [r.id for r in store.records(["c", "b"])] == ["c", "b"]


def test_sql_is_read_only(tmp_path):
    with Store.open(tmp_path / "c.duckdb") as store:
        write_records(store, [_record("a1")])
        frame = store.sql("select speaker, count(*) n from quotes group by 1 order by 2 desc, 1")
        assert list(frame.columns) == ["speaker", "n"]
        for bad in ("delete from articles", "drop table quotes", "copy articles to 'x.csv'", "select 1; insert into actors values ('x', null, null)"):
            with pytest.raises(StoreError, match="only reading queries"):
                store.sql(bad)
        with pytest.raises(StoreError, match="SQL error"):
            store.sql("select nope from articles")
        assert store.counts()["articles"] == 1


# ---- the property: record -> DuckDB -> record --------------------------------------------------

_OPT_TEXT = st.none() | st.text(max_size=12)
_OPT_BOOL = st.none() | st.booleans()
_OPT_WORDS = st.none() | st.lists(st.text(max_size=8), max_size=3)


def _beyond(**fields) -> st.SearchStrategy[dict]:
    """Some of a model's declared fields that have no column of their own (the ``extra`` JSON)."""
    return st.fixed_dictionaries({}, optional=fields)


_QUOTE_EXTRAS = _beyond(
    cue_kind=_OPT_TEXT, negated=_OPT_BOOL, hedged=_OPT_BOOL, confidence=st.none() | st.floats(0, 1), found_by=_OPT_TEXT, issues=_OPT_WORDS, issues_by=_OPT_TEXT
)
_EVENT_EXTRAS = _beyond(
    source_person=_OPT_TEXT,
    target_person=_OPT_TEXT,
    negated=_OPT_BOOL,
    hypothetical=_OPT_BOOL,
    future=_OPT_BOOL,
    reported_by=_OPT_TEXT,
    mode=_OPT_TEXT,
    coded_from=_OPT_TEXT,
    issues=_OPT_WORDS,
)
_STANCE_EXTRAS = _beyond(
    holder_person=_OPT_TEXT, label=_OPT_TEXT, date=_OPT_TEXT, cue=_OPT_TEXT, negated=_OPT_BOOL, hedged=_OPT_BOOL, reported_by=_OPT_TEXT, source=_OPT_TEXT
)


@st.composite
def _span(draw, text: str) -> Span:
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, len(text)))
    return Span.of(text, start, end)


@st.composite
def records(draw) -> ArticleRecord:
    text = draw(st.text(min_size=1, max_size=80))

    def span_fields() -> dict:
        return draw(_span(text)).model_dump()

    mentions = [
        Mention(
            **span_fields(),
            type=draw(st.sampled_from(["PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"])),
            actor=draw(_OPT_TEXT),
            via=draw(_OPT_TEXT),
            kind=draw(_OPT_TEXT),
        )
        for _ in range(draw(st.integers(0, 3)))
    ]
    quotes = []
    for _ in range(draw(st.integers(0, 3))):
        content = draw(_span(text))
        cue = draw(st.none() | st.text(max_size=8) | _span(text))
        quotes.append(
            Quote(
                type=draw(st.sampled_from(["direct", "indirect", "mixed"])),
                content=content,
                speaker=draw(_OPT_TEXT),
                speaker_mention=draw(st.none() | _span(text)),
                cue=cue,
                source=draw(_OPT_TEXT),
                reported_by=draw(_OPT_TEXT),
                said_on=draw(st.none() | st.from_regex(DATE_VALUE, fullmatch=True)),
                parts=draw(st.none() | st.lists(_span(text), max_size=2)),
                **draw(_QUOTE_EXTRAS),
            )
        )
    dates = [
        DateRef(
            **span_fields(),
            value=draw(st.none() | st.from_regex(DATE_VALUE, fullmatch=True)),
            modifier=draw(st.sampled_from([None, "START", "MID", "END"])),
            note=draw(_OPT_TEXT),
        )
        for _ in range(draw(st.integers(0, 2)))
    ]
    coords = st.none() | st.floats(-180, 180, allow_nan=False)
    places = [
        Place(
            **span_fields(),
            name=draw(st.text(max_size=10)),
            kind=draw(st.sampled_from(["city", "region", "country", "unknown"])),
            country=draw(st.none() | st.sampled_from(["RU", "UA", "US"])),
            lat=draw(coords),
            lon=draw(coords),
            geonameid=draw(st.none() | st.integers(0, 2**62)),
        )
        for _ in range(draw(st.integers(0, 2)))
    ]
    events = [
        Event(
            type=draw(st.sampled_from(["AGREE", "CONSULT"])),
            source=draw(st.text(max_size=8)),
            target=draw(_OPT_TEXT),
            when=draw(_OPT_TEXT),
            where=draw(_OPT_TEXT),
            trigger=draw(_span(text)),
            **draw(_EVENT_EXTRAS),
        )
        for _ in range(draw(st.integers(0, 2)))
    ]
    stances = [
        Stance(
            holder=draw(st.text(max_size=8)), issue=draw(st.text(max_size=8)), position=draw(st.text(max_size=8)), evidence=draw(_span(text)), **draw(_STANCE_EXTRAS)
        )
        for _ in range(draw(st.integers(0, 2)))
    ]
    return ArticleRecord(
        id=uuid.uuid4().hex,
        text=text,
        publisher=draw(_OPT_TEXT),
        published=draw(st.none() | st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31))),
        title=draw(_OPT_TEXT),
        url=draw(_OPT_TEXT),
        mentions=mentions,
        quotes=quotes,
        dates=dates,
        places=places,
        events=events,
        stances=stances,
    )


@pytest.fixture(scope="module")
def scratch_store(tmp_path_factory):
    store = Store.open(tmp_path_factory.mktemp("prop") / "p.duckdb")
    yield store
    store.close()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(record=records())
def test_property_record_to_duckdb_to_record(scratch_store, record):
    assert write_records(scratch_store, [record]).ingested == [record.id]
    back = scratch_store.record(record.id)
    assert back == record
    assert back is not None and back.model_dump() == record.model_dump()


def test_an_older_store_is_migrated_when_opened(tmp_path, monkeypatch):
    """A store made before a later migration gets it on opening, even for reading."""
    from parley.store import store as store_module

    path = tmp_path / "old.duckdb"
    with Store.open(path) as store:
        write_records(store, [_record("a1")])
    newer = Migrations("parley")
    for step in migrations:  # today's, then one from the future
        newer(name=step.name)(step.fn)

    @newer()
    def m999_mentions_confidence(con):
        con.execute("ALTER TABLE mentions ADD COLUMN confidence DOUBLE")

    monkeypatch.setattr(store_module, "migrations", newer)
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with Store.open(path, read_only=True) as store:
        assert store.schema_version == SCHEMA_VERSION + 1
        assert "confidence" in {r[0] for r in store.con.execute("DESCRIBE mentions").fetchall()}
        assert store.record("a1") == _record("a1")
    monkeypatch.undo()
    with pytest.raises(StoreError, match="newer parley"):  # and this parley now refuses it
        Store.open(path, read_only=True)
