"""The corpus store: one embedded DuckDB file holding articles and every fact found in them.

``Store.open(path)`` creates the file if needed, refuses with a one-line
:class:`~parley.errors.StoreError` naming the file anything that is not a parley store (not a
DuckDB file, another program's database, a newer schema, a file locked by another process),
and applies pending migrations (:mod:`parley.store.migrations`). Writing goes through
:meth:`Store.load_batch`, one transaction per batch: a batch is stored whole or not at all,
and an article already stored (same id, same text) is skipped, which is what makes ingestion
idempotent and resumable. Reading gives back whole :class:`~parley.model.ArticleRecord`\\ s.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeAlias

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from ..errors import StoreError
from ..model import ArticleRecord
from .migrations import SCHEMA_VERSION, migrations
from .minhash import MinHashParams
from .tables import FACT_TABLES, build_record

APPLICATION = "parley"
_CONFIG: dict[str, str | bool | int | float | list[str]] = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}
# SQL statement kinds `parley sql` runs: reading only.
_READ_STATEMENTS = {"SELECT", "EXPLAIN"}

TableSource: TypeAlias = pa.Table | str | Path


class StoryAssigner(Protocol):
    """Gives each new article its story id as a batch is stored (in ingestion order):
    :class:`parley.corpus.syndication.StoryIndex`."""

    def assign(self, article_id: str, seq: int, text_hash: str, sig: bytes) -> str: ...


@dataclass
class LoadResult:
    """What one :meth:`Store.load_batch` did."""

    ingested: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    new_stories: int = 0


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def _connect(path: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    if path.is_dir():
        raise StoreError(f"{path}: is a folder, not a store file (give a file name such as {path / 'news.duckdb'})")
    if path.exists() and path.stat().st_size > 0:
        with path.open("rb") as fh:
            head = fh.read(16)
        if head[8:12] != b"DUCK":
            kind = " (an SQLite database)" if head.startswith(b"SQLite format 3") else ""
            raise StoreError(f"{path}: not a DuckDB database file{kind}, so not a parley store")
    try:
        return duckdb.connect(str(path), read_only=read_only, config=_CONFIG)
    except duckdb.Error as exc:
        message = _first_line(exc)
        if "lock" in message.lower():
            pid = re.search(r"PID (\d+)", message)
            who = f" (PID {pid.group(1)})" if pid else ""
            raise StoreError(f"{path}: in use by another process{who}; wait for it to finish (DuckDB allows one writer)") from None
        if "not a valid DuckDB database" in message:
            raise StoreError(f"{path}: not a DuckDB database file, so not a parley store") from None
        raise StoreError(f"{path}: cannot open the store ({message})") from None


def _tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    rows = con.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()
    return {r[0] for r in rows}


def _dicts(cursor: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description or ()]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


class Store:
    """An open corpus store. Use :meth:`open`; close it (or use it as a context manager)."""

    def __init__(self, path: Path, con: duckdb.DuckDBPyConnection, read_only: bool) -> None:
        self.path = path
        self.con = con
        self.read_only = read_only
        self._known: dict[str, str] | None = None
        self._next_seq: int | None = None

    # ---- opening -------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        read_only: bool = False,
        params: MinHashParams | None = None,
    ) -> Store:
        """Open (or, unless ``read_only``, create) the store at ``path``; ``params`` are the
        MinHash parameters a new store is made with."""
        file = Path(path)
        if read_only and not file.exists():
            raise StoreError(f"{file}: no such store (make one with: parley ingest FILES --db {file})")
        if not read_only and not file.parent.exists():
            raise StoreError(f"{file}: the folder {file.parent} does not exist")
        con = _connect(file, read_only)
        try:
            pending = cls._check(file, con, read_only)
            if pending and read_only:
                con.close()  # a store made by an older parley: migrate it once, then read
                rw = _connect(file, False)
                try:
                    cls._check(file, rw, False)
                    cls._init(file, rw, params)
                finally:
                    rw.close()
                con = _connect(file, True)
            elif not read_only:
                cls._init(file, con, params)
        except BaseException:
            con.close()
            raise
        return cls(file, con, read_only)

    @staticmethod
    def _check(path: Path, con: duckdb.DuckDBPyConnection, read_only: bool) -> bool:
        """Refuse foreign or newer stores; True when migrations are pending."""
        tables = _tables(con)
        if not tables:
            if read_only:
                raise StoreError(f"{path}: an empty DuckDB database, not a parley store yet (ingest articles into it first)")
            return True
        if "parley_meta" not in tables:
            raise StoreError(f"{path}: a DuckDB database of another program (no parley_meta table), not a parley store")
        meta = dict(con.execute("SELECT key, value FROM parley_meta").fetchall())
        if meta.get("application") != APPLICATION:
            raise StoreError(f"{path}: a DuckDB database of another program (application {meta.get('application')!r}), not a parley store")
        unknown = migrations.unknown(con)
        version = int(meta.get("schema_version", "0") or 0)
        if unknown or version > SCHEMA_VERSION:
            raise StoreError(
                f"{path}: made by a newer parley (store schema version {version}, this parley reads up to {SCHEMA_VERSION}); upgrade parley to open it"
            )
        return bool(migrations.pending(con))

    @staticmethod
    def _init(path: Path, con: duckdb.DuckDBPyConnection, params: MinHashParams | None) -> None:
        try:
            migrations.apply(con)
        except duckdb.Error as exc:
            raise StoreError(f"{path}: cannot migrate the store ({_first_line(exc)})") from None
        params = params or MinHashParams()
        con.execute("INSERT OR IGNORE INTO parley_meta VALUES ('application', ?), ('minhash', ?)", [APPLICATION, params.as_meta()])
        con.execute("INSERT OR REPLACE INTO parley_meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])

    def close(self) -> None:
        self.con.close()

    def reader(self) -> Store:
        """This store on a DuckDB cursor of its own, for reading from another thread (a
        request of the service); close it when done."""
        return Store(self.path, self.con.cursor(), read_only=True)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- metadata ------------------------------------------------------------------------

    @property
    def meta(self) -> dict[str, str]:
        return dict(self.con.execute("SELECT key, value FROM parley_meta").fetchall())

    @property
    def schema_version(self) -> int:
        return int(self.meta["schema_version"])

    @property
    def minhash_params(self) -> MinHashParams:
        return MinHashParams.from_meta(self.meta["minhash"])

    def counts(self) -> dict[str, int]:
        """Rows per table, and the number of stories."""
        out: dict[str, int] = {}
        for table in ("articles", *FACT_TABLES, "actors"):
            row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()
            out[table] = int(row[0]) if row else 0
        row = self.con.execute("SELECT count(DISTINCT story_id) FROM articles").fetchone()
        out["stories"] = int(row[0]) if row else 0
        return out

    # ---- writing -------------------------------------------------------------------------

    @property
    def known(self) -> dict[str, str]:
        """Stored article ids -> the SHA-1 of their text."""
        if self._known is None:
            self._known = dict(self.con.execute("SELECT id, content_hash FROM articles").fetchall())
        return self._known

    def story_rows(self) -> list[tuple[str, int, str, str, bytes]]:
        """``(id, seq, content_hash, story_id, signature)`` of every stored article, in
        ingestion order: what a story index is loaded from."""
        return self.con.execute(
            "SELECT a.id, a.seq, a.content_hash, a.story_id, m.signature FROM articles a JOIN minhashes m ON m.article_id = a.id ORDER BY a.seq"
        ).fetchall()

    def _seq(self) -> int:
        if self._next_seq is None:
            row = self.con.execute("SELECT coalesce(max(seq), 0) FROM articles").fetchone()
            self._next_seq = int(row[0]) + 1 if row else 1
        return self._next_seq

    def load_batch(self, tables: Mapping[str, TableSource], stories: StoryAssigner) -> LoadResult:
        """Store one batch — Arrow tables, or paths of Parquet parts, named as in
        :data:`parley.store.tables.SCHEMAS` — in one transaction. Articles already stored
        under the same id are skipped with their facts; each new article gets its
        ingestion number and its story from ``stories`` (which has taken the articles of a
        batch that fails to be stored: drop it then)."""
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only")
        articles = _as_arrow(tables["articles"])
        minhashes = _as_arrow(tables["minhashes"])
        signatures = dict(zip(minhashes.column("article_id").to_pylist(), minhashes.column("signature").to_pylist(), strict=True))
        known = self.known
        result = LoadResult()
        keep: list[bool] = []
        seqs: list[int] = []
        story_ids: list[str] = []
        seq = self._seq()
        added: list[tuple[str, str]] = []
        added_ids: set[str] = set()
        for article_id, text_hash in zip(articles.column("id").to_pylist(), articles.column("content_hash").to_pylist(), strict=True):
            if article_id in known or article_id in added_ids:
                keep.append(False)
                result.skipped.append(article_id)
                continue
            story = stories.assign(article_id, seq, text_hash, signatures[article_id])
            keep.append(True)
            seqs.append(seq)
            story_ids.append(story)
            result.new_stories += story == article_id
            result.ingested.append(article_id)
            added.append((article_id, text_hash))
            added_ids.add(article_id)
            seq += 1
        if not result.ingested:
            return result
        accepted = articles.filter(pa.array(keep)).append_column("seq", pa.array(seqs, pa.int64())).append_column("story_id", pa.array(story_ids, pa.string()))
        ids = pa.table({"id": pa.array(result.ingested, pa.string())})
        con = self.con
        registered: list[str] = []

        def source(name: str, value: TableSource) -> str:
            if isinstance(value, pa.Table):
                view = f"_parley_batch_{name}"
                con.register(view, value)
                registered.append(view)
                return view
            return "read_parquet('" + str(value).replace("'", "''") + "')"

        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(f"INSERT INTO articles BY NAME SELECT * FROM {source('articles', accepted)}")
            ids_view = source("ids", ids)
            con.execute(f"INSERT INTO minhashes BY NAME SELECT * FROM {source('minhashes', minhashes)} WHERE article_id IN (SELECT id FROM {ids_view})")
            for table in FACT_TABLES:
                con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM {source(table, tables[table])} WHERE article_id IN (SELECT id FROM {ids_view})")
            con.execute(
                f"""INSERT INTO actors
                SELECT actor, min(kind), min(type) FROM mentions
                WHERE article_id IN (SELECT id FROM {ids_view}) AND actor IS NOT NULL
                  AND actor NOT IN (SELECT name FROM actors)
                GROUP BY actor"""
            )
            con.execute("COMMIT")
        except BaseException as exc:
            con.execute("ROLLBACK")
            if isinstance(exc, duckdb.Error):
                raise StoreError(f"{self.path}: a batch could not be stored ({_first_line(exc)})") from None
            raise
        finally:
            for view in registered:
                con.unregister(view)
        known.update(added)
        self._next_seq = seq
        return result

    # ---- reading -------------------------------------------------------------------------

    def record(self, article_id: str) -> ArticleRecord | None:
        """The stored record of one article, or None."""
        for record in self.records([article_id]):
            return record
        return None

    def records(self, ids: Sequence[str] | None = None, *, chunk: int = 500) -> Iterator[ArticleRecord]:
        """Stored records, in ingestion order (or in the order of ``ids``)."""
        if ids is None:
            all_ids = [r[0] for r in self.con.execute("SELECT id FROM articles ORDER BY seq").fetchall()]
        else:
            all_ids = list(ids)
        for start in range(0, len(all_ids), chunk):
            part = all_ids[start : start + chunk]
            arts = {row["id"]: row for row in _dicts(self.con.execute("SELECT * FROM articles WHERE id IN (SELECT unnest(?))", [part]))}
            facts: dict[str, dict[str, list[dict[str, Any]]]] = {i: {} for i in part}
            for table in FACT_TABLES:
                rows = _dicts(self.con.execute(f"SELECT * FROM {table} WHERE article_id IN (SELECT unnest(?)) ORDER BY article_id, idx", [part]))
                for row in rows:
                    facts[row["article_id"]].setdefault(table, []).append(row)
            for article_id in part:
                if article_id in arts:
                    yield build_record(arts[article_id], facts[article_id])

    def rows(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> list[dict[str, Any]]:
        """A query's rows as dicts (parley's own queries; named parameters as a mapping)."""
        return _dicts(self.con.execute(sql, dict(params) if isinstance(params, Mapping) else list(params)))

    def df(self, sql: str, params: Sequence[Any] | None = None) -> pd.DataFrame:
        """A query's rows as a DataFrame (parley's own queries)."""
        return self.con.execute(sql, list(params or [])).df()

    def sql(self, query: str) -> pd.DataFrame:
        """Run a user's read-only SQL (SELECT, WITH ... SELECT, DESCRIBE, SHOW, EXPLAIN)."""
        try:
            statements = duckdb.extract_statements(query)
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: SQL error: {_first_line(exc)}") from None
        if not statements:
            raise StoreError(f"{self.path}: no SQL statement given")
        for st in statements:
            kind = st.type.name
            if kind not in _READ_STATEMENTS:
                raise StoreError(f"{self.path}: only reading queries are allowed here (got a {kind} statement)")
        try:
            frame: pd.DataFrame | None = None
            for st in statements:
                frame = self.con.execute(st).df()
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: SQL error: {_first_line(exc)}") from None
        assert frame is not None
        return frame

    def export_table(self, table: str, dest: Path, fmt: str) -> None:
        """Write one table with DuckDB's COPY (parquet or csv)."""
        options = "FORMAT parquet" if fmt == "parquet" else "FORMAT csv, HEADER true"
        target = str(dest).replace("'", "''")
        self.con.execute(f"COPY (SELECT * FROM {table} ORDER BY ALL) TO '{target}' ({options})")

    def dump(self) -> dict[str, list[tuple[Any, ...]]]:
        """Every row of every table, sorted, without load times: for comparing stores."""
        out: dict[str, list[tuple[Any, ...]]] = {}
        for table in ("articles", "minhashes", *FACT_TABLES, "actors"):
            exclude = " EXCLUDE (ingested_at)" if table == "articles" else ""
            out[table] = self.con.execute(f"SELECT *{exclude} FROM {table} ORDER BY ALL").fetchall()
        return out


def _as_arrow(value: TableSource) -> pa.Table:
    return value if isinstance(value, pa.Table) else pq.read_table(str(value))
