"""The store's schema, as an ordered list of named migrations (sqlite-utils' ``migrations.py``).

Each schema change is a function ``(con) -> None`` registered, in order, on a
:class:`Migrations` set with its decorator. :meth:`Migrations.apply` runs the ones not yet
recorded in the ``parley_migrations`` table, each in its own transaction together with the
row that records it, so a migration is applied entirely or not at all. A name registered
twice is refused at import time, and the message names the migration and its set.

Never edit a ``CREATE TABLE`` below once it has shipped: stores in the wild were made by it.
Change the schema by adding a new migration at the end (``ALTER TABLE ... ADD COLUMN``, a new
table, a new view); :data:`SCHEMA_VERSION` is the number of migrations, so it goes up by one.

Schema version 1 (every fact row carries ``article_id`` and its list position ``idx``, the
primary key, and the character offsets of its span in ``articles.text``; fields a model
holds beyond these columns, such as a mention's or a date's ``note``,
are kept in the row's ``extra`` JSON object):

- ``articles(id, seq, content_hash, story_id, publisher, published, title, url, text, source,
  extra, ingested_at)``: one row per article; ``seq`` is the ingestion order, ``story_id`` the
  id of the first article of its syndication cluster;
- ``minhashes(article_id, signature)``: the MinHash signature behind ``story_id``;
- ``mentions(article_id, idx, start, end, text, type, actor, via, kind, extra)``;
- ``actors(name, kind, type)``: each canonical actor seen, with its kind and mention type;
- ``quotes(article_id, idx, type, content_start, content_end, content, speaker, speaker_start,
  speaker_end, speaker_text, cue, cue_start, cue_end, source, reported_by, said_on, extra)``
  (``cue_start`` is null when the cue is a plain string);
- ``dates(article_id, idx, start, end, text, value, modifier, extra)``;
- ``places(article_id, idx, start, end, text, name, kind, country, lat, lon, geonameid, extra)``;
- ``events(article_id, idx, type, source, target, when, where, trigger_start, trigger_end,
  trigger, extra)``;
- ``stances(article_id, idx, holder, issue, position, evidence_start, evidence_end, evidence,
  extra)``;
- the view ``stories(story_id, articles, first_published, last_published, title)``;
- ``parley_meta(key, value)``: ``application = parley``, ``schema_version``, and the MinHash
  parameters fixed when the store was made.

Schema version 2 (``m002_queried_columns``) gives the fields the queries read columns of
their own, moving their values out of ``extra`` in stores made before:

- ``quotes``: ``cue_kind`` (how the statement was found: verb, noun, according...),
  ``negated``, ``hedged``;
- ``events``: ``source_person``, ``target_person`` (the person acting for a state or
  organisation), ``negated``, ``hypothetical``, ``future``, ``reported_by``;
- ``stances``: ``holder_person``, ``label`` (the position as the text puts it), ``date``,
  ``source``, ``reported_by``.

Column names are the record's field names (``shared/eval/FORMAT.md``), so ``end``, ``when``
and ``where`` need double quotes in SQL: ``select "end" from mentions``.

No foreign keys: DuckDB refuses ``ALTER TABLE`` on a table that others reference, which would
forbid the very migrations this module is for. The links are the ``article_id`` columns.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import duckdb

MigrationFn = Callable[[duckdb.DuckDBPyConnection], None]

MIGRATIONS_TABLE = "parley_migrations"


@dataclass(frozen=True)
class Migration:
    name: str
    fn: MigrationFn


class Migrations:
    """An ordered, named set of migrations; use an instance as a decorator factory::

    migrations = Migrations("parley")

    @migrations()
    def m001_initial(con): ...
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self._steps: list[Migration] = []

    def __call__(self, *, name: str | None = None) -> Callable[[MigrationFn], MigrationFn]:
        def register(fn: MigrationFn) -> MigrationFn:
            step = name or fn.__name__
            if any(m.name == step for m in self._steps):
                raise ValueError(f"migration {step!r} is already registered in the migration set {self.name!r}")
            self._steps.append(Migration(step, fn))
            return fn

        return register

    @property
    def names(self) -> list[str]:
        return [m.name for m in self._steps]

    def __len__(self) -> int:
        return len(self._steps)

    def __iter__(self) -> Iterator[Migration]:
        return iter(self._steps)

    @staticmethod
    def ensure_table(con: duckdb.DuckDBPyConnection) -> None:
        con.execute(
            f"CREATE TABLE IF NOT EXISTS {MIGRATIONS_TABLE} ("
            "migration_set VARCHAR NOT NULL, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp, "
            "PRIMARY KEY (migration_set, name))"
        )

    def applied(self, con: duckdb.DuckDBPyConnection) -> list[str]:
        """Names recorded as applied in this set, in the order they were applied."""
        exists = con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = ? AND table_schema = 'main'", [MIGRATIONS_TABLE]).fetchone()
        if not exists or not exists[0]:
            return []
        rows = con.execute(f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY applied_at, rowid", [self.name]).fetchall()
        return [r[0] for r in rows]

    def unknown(self, con: duckdb.DuckDBPyConnection) -> list[str]:
        """Applied names this set does not know: the store was made by a newer version."""
        known = set(self.names)
        return [n for n in self.applied(con) if n not in known]

    def pending(self, con: duckdb.DuckDBPyConnection) -> list[Migration]:
        done = set(self.applied(con))
        return [m for m in self._steps if m.name not in done]

    def apply(self, con: duckdb.DuckDBPyConnection) -> list[str]:
        """Apply the pending migrations in order, each in one transaction; returns their names."""
        self.ensure_table(con)
        done: list[str] = []
        for step in self.pending(con):
            con.execute("BEGIN TRANSACTION")
            try:
                step.fn(con)
                con.execute(f"INSERT INTO {MIGRATIONS_TABLE} (migration_set, name) VALUES (?, ?)", [self.name, step.name])
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
            done.append(step.name)
        return done


migrations = Migrations("parley")


@migrations()
def m001_initial(con: duckdb.DuckDBPyConnection) -> None:
    """Articles, their facts (mentions, quotes, dates, places, events, stances), actors,
    MinHash signatures and the stories view."""
    # Over 80 lines because it is the whole first schema, one statement per table; a migration
    # that has shipped is never edited or split (stores in the wild were made by it).
    con.execute("CREATE TABLE parley_meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)")
    con.execute(
        """CREATE TABLE articles (
            id VARCHAR PRIMARY KEY,
            seq BIGINT NOT NULL,
            content_hash VARCHAR NOT NULL,
            story_id VARCHAR NOT NULL,
            publisher VARCHAR,
            published DATE,
            title VARCHAR,
            url VARCHAR,
            text VARCHAR NOT NULL,
            source VARCHAR,
            extra JSON,
            ingested_at TIMESTAMP NOT NULL DEFAULT current_timestamp
        )"""
    )
    con.execute("CREATE TABLE minhashes (article_id VARCHAR PRIMARY KEY, signature BLOB NOT NULL)")
    con.execute(
        """CREATE TABLE mentions (
            article_id VARCHAR NOT NULL, idx INTEGER NOT NULL,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL, text VARCHAR NOT NULL,
            type VARCHAR NOT NULL, actor VARCHAR, via VARCHAR, kind VARCHAR, extra JSON,
            PRIMARY KEY (article_id, idx)
        )"""
    )
    con.execute("CREATE TABLE actors (name VARCHAR PRIMARY KEY, kind VARCHAR, type VARCHAR)")
    con.execute(
        """CREATE TABLE quotes (
            article_id VARCHAR NOT NULL, idx INTEGER NOT NULL,
            type VARCHAR NOT NULL,
            content_start INTEGER NOT NULL, content_end INTEGER NOT NULL, content VARCHAR NOT NULL,
            speaker VARCHAR,
            speaker_start INTEGER, speaker_end INTEGER, speaker_text VARCHAR,
            cue VARCHAR, cue_start INTEGER, cue_end INTEGER,
            source VARCHAR, reported_by VARCHAR, said_on VARCHAR, extra JSON,
            PRIMARY KEY (article_id, idx)
        )"""
    )
    con.execute(
        """CREATE TABLE dates (
            article_id VARCHAR NOT NULL, idx INTEGER NOT NULL,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL, text VARCHAR NOT NULL,
            value VARCHAR, modifier VARCHAR, extra JSON,
            PRIMARY KEY (article_id, idx)
        )"""
    )
    con.execute(
        """CREATE TABLE places (
            article_id VARCHAR NOT NULL, idx INTEGER NOT NULL,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL, text VARCHAR NOT NULL,
            name VARCHAR NOT NULL, kind VARCHAR NOT NULL, country VARCHAR,
            lat DOUBLE, lon DOUBLE, geonameid BIGINT, extra JSON,
            PRIMARY KEY (article_id, idx)
        )"""
    )
    con.execute(
        """CREATE TABLE events (
            article_id VARCHAR NOT NULL, idx INTEGER NOT NULL,
            type VARCHAR NOT NULL, source VARCHAR NOT NULL, target VARCHAR,
            "when" VARCHAR, "where" VARCHAR,
            trigger_start INTEGER NOT NULL, trigger_end INTEGER NOT NULL, trigger VARCHAR NOT NULL,
            extra JSON,
            PRIMARY KEY (article_id, idx)
        )"""
    )
    con.execute(
        """CREATE TABLE stances (
            article_id VARCHAR NOT NULL, idx INTEGER NOT NULL,
            holder VARCHAR NOT NULL, issue VARCHAR NOT NULL, position VARCHAR NOT NULL,
            evidence_start INTEGER NOT NULL, evidence_end INTEGER NOT NULL, evidence VARCHAR NOT NULL,
            extra JSON,
            PRIMARY KEY (article_id, idx)
        )"""
    )
    con.execute(
        """CREATE VIEW stories AS
        SELECT story_id, count(*) AS articles, min(published) AS first_published,
               max(published) AS last_published, arg_min(title, seq) AS title
        FROM articles GROUP BY story_id"""
    )


# m002: the fields the queries read, each (column, SQL type, JSON type of the values moved).
_M002_COLUMNS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "quotes": (("cue_kind", "VARCHAR", "VARCHAR"), ("negated", "BOOLEAN", "BOOLEAN"), ("hedged", "BOOLEAN", "BOOLEAN")),
    "events": (
        ("source_person", "VARCHAR", "VARCHAR"),
        ("target_person", "VARCHAR", "VARCHAR"),
        ("negated", "BOOLEAN", "BOOLEAN"),
        ("hypothetical", "BOOLEAN", "BOOLEAN"),
        ("future", "BOOLEAN", "BOOLEAN"),
        ("reported_by", "VARCHAR", "VARCHAR"),
    ),
    "stances": (
        ("holder_person", "VARCHAR", "VARCHAR"),
        ("label", "VARCHAR", "VARCHAR"),
        ("date", "VARCHAR", "VARCHAR"),
        ("source", "VARCHAR", "VARCHAR"),
        ("reported_by", "VARCHAR", "VARCHAR"),
    ),
}


@migrations()
def m002_queried_columns(con: duckdb.DuckDBPyConnection) -> None:
    """Columns of their own for the fields the queries read (they were read out of ``extra``
    with ``json_extract``): each value of the column's type moves from ``extra`` to the new
    column; any other value (a null, say) stays in ``extra``, and an ``extra`` left empty
    becomes NULL, as a new row's is."""
    for table, columns in _M002_COLUMNS.items():
        for column, sql_type, json_type in columns:
            path = f"$.{column}"
            con.execute(f'ALTER TABLE {table} ADD COLUMN "{column}" {sql_type}')
            con.execute(
                f"""UPDATE {table} SET "{column}" = CAST(json_extract_string(extra, '{path}') AS {sql_type}),
                       extra = json_merge_patch(extra, '{{"{column}": null}}')
                    WHERE json_type(extra, '{path}') = '{json_type}'"""
            )
        con.execute(f"UPDATE {table} SET extra = NULL WHERE CAST(extra AS VARCHAR) = '{{}}'")


# The schema version a store made by this parley has: one step per migration.
SCHEMA_VERSION = len(migrations)
