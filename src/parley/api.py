"""What every front end calls: the CLI, the REST service and Python users alike."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import InputError
from .ingest import article_from_dict, content_id, read_source
from .ingest.dates import parse_published as parse_published  # (re-exported: the CLI reads --published with it)
from .model import Article, ArticleRecord
from .pipeline import Failure as Failure  # (re-exported: what the fronts are told of a failed article)
from .pipeline import run
from .settings import Options, load_options

ArticleLike = str | dict[str, Any] | Article


def to_article(item: ArticleLike, *, published: Any = None, publisher: str | None = None, source: str = "<input>") -> Article:
    """A text, a record dict or an Article -> Article, with ``published``/``publisher``
    overriding what the item says."""
    if isinstance(item, Article):
        article = item
    elif isinstance(item, str):
        if not item.strip():
            raise InputError(source, "the text is empty")
        article = Article(id=content_id(item), text=item)
    elif isinstance(item, dict):
        article = article_from_dict(item, source)
    else:
        raise InputError(source, f"expected a text, a dict or an Article, got {type(item).__name__}")
    updates: dict[str, Any] = {}
    if published is not None:
        updates["published"] = parse_published(published, "--published")
    if publisher is not None:
        updates["publisher"] = publisher
    return article.model_copy(update=updates) if updates else article


def extract(
    text: ArticleLike,
    *,
    published: str | dt.date | None = None,
    publisher: str | None = None,
    options: Options | None = None,
) -> ArticleRecord:
    """Analyse one article: ``parley.extract("Putin said ...", published="2025-12-25")``."""
    article = to_article(text, published=published, publisher=publisher)
    return next(run([article], options or load_options()))


def extract_many(
    items: Iterable[ArticleLike],
    *,
    published: str | dt.date | None = None,
    publisher: str | None = None,
    options: Options | None = None,
    on_error: Callable[[Failure], None] | None = None,
) -> Iterator[ArticleRecord]:
    """Analyse many articles in ``nlp.pipe`` batches; records come back in input order.

    Items that cannot be read, or whose analysis fails, go to ``on_error`` when given
    (and are raised otherwise)."""
    opts = options or load_options()

    def articles() -> Iterator[Article]:
        for index, item in enumerate(items):
            try:
                yield to_article(item, published=published, publisher=publisher, source=f"item {index}")
            except InputError as exc:
                if on_error is None:
                    raise
                on_error(Failure(f"item {index}", exc))

    yield from run(articles(), opts, on_error=on_error)


def read_articles(paths: Iterable[str], *, options: Options | None = None, on_error: Callable[[Failure], None] | None = None) -> Iterator[Article]:
    """Articles from files (``-`` for standard input); unreadable inputs go to ``on_error``."""
    opts = options or load_options()
    for path in paths:
        for item in read_source(path, opts.input):
            if isinstance(item, InputError):
                if on_error is None:
                    raise item
                on_error(Failure(item.source, item))
            else:
                yield item


def setup(options: Options | None = None) -> list[str]:
    """What ``parley info`` prints: the version, the spaCy pipeline and the data files in use."""
    from . import __version__
    from .base.nlp import load_pipeline, model_info
    from .data.loaders import data_path, load_actors

    opts = options or load_options()
    nlp = load_pipeline(opts.nlp.model)
    actors = load_actors()
    return [
        f"parley {__version__}",
        f"spaCy pipeline: {opts.nlp.model} ({model_info(nlp)}; components: {', '.join(nlp.pipe_names)})",
        f"actors: {data_path('actors.yaml')} (version {actors.version}; {len(actors.actors)} actors, {len(actors.offices)} offices)",
    ]


# ---- the corpus: ingest into a store, then ask it questions ---------------------------------
# Imported lazily: DuckDB, pandas and Dask are needed only by these functions.

if TYPE_CHECKING:
    import pandas as pd
    from rich.console import Console

    from .corpus.ingest import IngestReport
    from .corpus.progress import Reporter
    from .corpus.writer import Writer as Writer
    from .scoring import Report
    from .store import Store as Store
    from .store.query import Count, Filters, Page, Period
    from .store.query import Listing as Listing


def ingest(
    inputs: Iterable[str],
    *,
    db: str | Path,
    workers: int = 1,
    dask: str | None = None,
    options: Options | None = None,
    reporter: Reporter | None = None,
) -> IngestReport:
    """Analyse files, folders, glob patterns (``-`` for standard input) into the store ``db``,
    skipping what it already holds: ``parley.api.ingest(["news/"], db="news.duckdb")``.
    ``workers=N`` uses N local processes; ``dask="tcp://host:8786"`` or ``"local:4"`` a Dask
    cluster."""
    from .corpus.ingest import ingest as run_ingest

    return run_ingest(list(inputs), db, options or load_options(), workers=workers, dask=dask, reporter=reporter)


def progress_reporter(console: Console, *, every: float = 10.0) -> Reporter:
    """How :func:`ingest` shows its progress on ``console``: a bar on a terminal, ``key=value``
    lines every ``every`` seconds otherwise."""
    from .corpus.progress import reporter_for

    return reporter_for(console, every=every)


def open_store(db: str | Path, *, read_only: bool = True) -> Store:
    """The store at ``db`` (read-only by default): ``store.records()``, ``store.record(id)``,
    ``store.sql(...)``."""
    from .store import Store as Store

    return Store.open(db, read_only=read_only)


def store_writer(store: Store, options: Options | None = None) -> Writer:
    """A writer of records into ``store`` (opened for writing), each new article joining its
    story: ``writer.write_records(records)``."""
    from .corpus.writer import Writer as Writer

    return Writer(store, (options or load_options()).corpus.dedup_threshold)


def plan_articles(store: Store, articles: Iterable[Article]) -> tuple[list[Article], list[str], list[InputError]]:
    """Which of ``articles`` ``store`` does not hold yet, under the ids they are to be stored
    by (:mod:`parley.corpus.writer`'s rule); the ids already stored with the same text; and
    the articles refused (their id and its hashed variant taken by other texts)."""
    from .corpus.writer import StoredIds

    ids = StoredIds(dict(store.known))
    todo: list[Article] = []
    stored: list[str] = []
    refused: list[InputError] = []
    for article in articles:
        try:
            planned = ids.plan(article)
        except InputError as exc:
            refused.append(exc)
            continue
        if planned.new:
            todo.append(planned.article)
        else:
            stored.append(planned.article.id)
    return todo, stored, refused


def canonical_names(term: str | None, options: Options | None = None) -> tuple[str, ...]:
    """The canonical actors whose name or alias in the actor dictionary is ``term`` (any case)."""
    from .data.loaders import load_actor_files

    if not term or not term.strip():
        return ()
    opts = options or load_options()
    actors = load_actor_files(opts.actors.dictionary, tuple(opts.actors.extra_dictionaries))
    key = term.strip().casefold()
    return tuple(a.name for a in actors.actors if key == a.name.casefold() or key in {x.casefold() for x in a.aliases})


def _filters(
    *,
    speaker: str | None = None,
    actor: str | None = None,
    about: str | Iterable[str] | None = None,
    place: str | None = None,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    publisher: str | None = None,
    issue: str | None = None,
    kind: str | None = None,
    type: str | None = None,
) -> Filters:
    from .store.query import Filters

    terms = [about] if isinstance(about, str) else list(about or [])
    return Filters(
        speaker=speaker,
        actor=actor,
        speaker_names=canonical_names(speaker),
        actor_names=canonical_names(actor),
        about=tuple(t for t in terms if t.strip()),
        place=place,
        since=parse_published(since, "--since"),
        until=parse_published(until, "--until"),
        publisher=publisher,
        issue=issue,
        kind=kind,
        type=type,
    )


@contextmanager
def _reading(db: str | Path | Store) -> Iterator[Store]:
    """The store ``db`` names, opened read-only and closed after; an open Store as it is."""
    from .store import Store as Store

    if isinstance(db, Store):
        yield db
        return
    store = Store.open(db, read_only=True)
    try:
        yield store
    finally:
        store.close()


def quotes(
    db: str | Path | Store,
    *,
    speaker: str | None = None,
    about: str | Iterable[str] | None = None,
    place: str | None = None,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    publisher: str | None = None,
    count: Count | None = None,
    limit: int | None = None,
) -> pd.DataFrame:
    """Quotes in the store, filtered: ``quotes("news.duckdb", speaker="Putin", about="Donbas",
    since="2025-08-01")``; with ``count="stories"`` or ``"articles"``, counts per speaker."""
    from .store import query

    filters = _filters(speaker=speaker, about=about, place=place, since=since, until=until, publisher=publisher)
    with _reading(db) as store:
        return query.quote_table(store, filters, count=count, limit=limit)


def actors(
    db: str | Path | Store,
    *,
    top: int | None = 20,
    kind: str | None = None,
    actor: str | None = None,
    place: str | None = None,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    publisher: str | None = None,
    count: Count | None = None,
) -> pd.DataFrame:
    """The most mentioned actors, by articles (or ``count="stories"``)."""
    from .store import query

    filters = _filters(actor=actor, kind=kind, place=place, since=since, until=until, publisher=publisher)
    with _reading(db) as store:
        return query.actor_table(store, filters, top=top, count=count)


def timeline(
    db: str | Path | Store,
    actor: str,
    *,
    by: Period = "month",
    place: str | None = None,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    publisher: str | None = None,
    count: Count | None = None,
) -> pd.DataFrame:
    """Mentions, articles, stories and quotes of one actor per day, week, month or year."""
    from .store import query

    filters = _filters(actor=actor, place=place, since=since, until=until, publisher=publisher)
    with _reading(db) as store:
        return query.timeline(store, actor, filters, by=by, count=count)


def sql(db: str | Path | Store, query: str) -> pd.DataFrame:
    """A read-only SQL query over the store's tables (see ``parley.store.migrations``)."""
    with _reading(db) as store:
        return store.sql(query)


def export(
    db: str | Path | Store,
    *,
    to: str,
    out: str | Path,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    speaker: str | None = None,
    issue: str | None = None,
    options: Options | None = None,
) -> list[Path]:
    """Write the store to the folder ``out``; returns the files written. ``parquet``, ``csv``
    (a file per table) and ``jsonl`` (one record per article) export everything; ``gexf`` and
    ``graphml`` (the actor network), ``claimreview`` (statements for fact-checkers) and
    ``label-studio`` (tasks for correcting parley) export what ``since``, ``until``,
    ``speaker`` and ``issue`` select (see :mod:`parley.exports`)."""
    from . import exports
    from .errors import OptionError
    from .store import query

    if to not in exports.FORMATS:
        if any(v is not None for v in (since, until, speaker, issue)):
            raise OptionError(f"--to {to} exports the whole store; --since, --until, --speaker and --issue select for {', '.join(exports.FORMATS)}")
        with _reading(db) as store:
            return query.export(store, to, out)
    selection = exports.Selection(
        since=parse_published(since, "--since"),
        until=parse_published(until, "--until"),
        speaker=speaker,
        speaker_names=canonical_names(speaker, options),
        issue=issue,
    )
    with _reading(db) as store:
        countries = _actor_countries(options) if to in exports.NETWORK_FORMATS else None
        return exports.export(store, to, out, selection, countries=countries)


def _actor_countries(options: Options | None) -> dict[str, str]:
    """Canonical actor -> ISO country code, from the actor dictionaries."""
    from .data.loaders import load_actor_files

    opts = options or load_options()
    actors = load_actor_files(opts.actors.dictionary, tuple(opts.actors.extra_dictionaries))
    return {a.name: a.country for a in actors.actors if a.country}


def import_annotations(export_path: str | Path, out: str | Path) -> tuple[int, int]:
    """Turn a Label Studio JSON export into gold records (JSONL at ``out``); returns how many
    records were written and how many tasks had no annotation."""
    from .errors import InputError
    from .exports.labelstudio import read_export

    records, skipped = read_export(export_path)
    if not records:
        raise InputError(str(export_path), f"no annotated task among {skipped} (annotate some in Label Studio, then export again)")
    try:
        with open(out, "w", encoding="utf-8") as handle:
            for record in records:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    except OSError as exc:
        raise InputError(str(out), f"cannot write it ({exc.strerror})") from None
    return len(records), skipped


def evaluate(gold: str | Path, *, pred: str | Path | None = None, options: Options | None = None) -> Report:
    """Score parley (or the records in ``pred``) against the gold records in ``gold``, layer by
    layer, with parley's own scorer (:mod:`parley.scoring`)."""
    from .evaluation import score_files

    return score_files(gold, pred, options=options)


# ---- browsing the corpus a page at a time (the REST service and the web page) -------------


def browse(
    db: str | Path | Store,
    listing: Listing,
    *,
    speaker: str | None = None,
    actor: str | None = None,
    about: str | Iterable[str] | None = None,
    issue: str | None = None,
    place: str | None = None,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    publisher: str | None = None,
    kind: str | None = None,
    type: str | None = None,
    after: str | None = None,
    limit: int = 50,
) -> Page:
    """One page of ``articles``, ``quotes``, ``actors``, ``events``, ``positions``, ``places``
    or ``issues``, filtered as ``parley quotes`` filters; ``page.next`` is the cursor of the
    next page (``after=page.next``): ``browse("news.duckdb", "quotes", speaker="Putin")``."""
    from .errors import OptionError
    from .store import query

    if listing not in query.LISTINGS:
        raise OptionError(f"{listing!r} is not one of {', '.join(query.LISTINGS)}")
    filters = _filters(speaker=speaker, actor=actor, about=about, place=place, since=since, until=until, publisher=publisher, issue=issue, kind=kind, type=type)
    with _reading(db) as store:
        return query.LISTINGS[listing](store, filters, after, limit)


def record(db: str | Path | Store, article_id: str) -> ArticleRecord | None:
    """The stored record of one article (None if the store does not hold it)."""
    with _reading(db) as store:
        return store.record(article_id)


def store_counts(db: str | Path | Store) -> dict[str, int]:
    """Rows per table of the store, and its number of stories."""
    with _reading(db) as store:
        return store.counts()


def actor_profile(
    db: str | Path | Store,
    name: str,
    *,
    by: str = "month",
    place: str | None = None,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    publisher: str | None = None,
    sample: int = 20,
) -> dict[str, Any] | None:
    """One actor by canonical name or alias: counts, mentions and statements per period, their
    first statements, the issues they take positions on and their events with others."""
    from .store import query

    period = query.check_period(by)
    filters = _filters(place=place, since=since, until=until, publisher=publisher)
    with _reading(db) as store:
        # the canonical name, or else an alias the actor dictionary knows (as ?actor= reads it)
        for candidate in (name, *canonical_names(name)):
            profile = query.actor(store, candidate, filters, by=period, sample=sample)
            if profile is not None:
                return profile
        return None


def position_matrix(
    db: str | Path | Store,
    issue: str | None = None,
    *,
    by: str = "month",
    actor: str | None = None,
    about: str | Iterable[str] | None = None,
    place: str | None = None,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    publisher: str | None = None,
) -> dict[str, Any]:
    """Actors x periods of the positions taken on an issue (words of its name), each cell
    with its evidence."""
    from .corpus.positions import position_matrix as matrix
    from .store.query import check_period

    period = check_period(by)
    filters = _filters(actor=actor, about=about, place=place, since=since, until=until, publisher=publisher, issue=issue)
    with _reading(db) as store:
        return matrix(store, filters, by=period)


def _stance_rows(db: str | Path | Store, issue: str | None) -> list[Any]:
    from .corpus.positions import rows_from_store

    with _reading(db) as store:
        return rows_from_store(store, issue)


def positions(db: str | Path | Store, issue: str, *, by: str = "month") -> pd.DataFrame:
    """Actors x periods on one issue (its name, any case): the position each actor took most
    often in each period, every position seen, and the evidence:
    ``parley.api.positions("news.duckdb", "status of Donbas")``."""
    import pandas as pd

    from .corpus.positions import as_dicts, issue_names, position_table
    from .errors import OptionError
    from .store.query import check_period

    period = check_period(by)
    rows = _stance_rows(db, issue)
    if not rows:
        known = issue_names(_stance_rows(db, None))
        hint = f" (issues in the store: {', '.join(known[:12])}{'...' if len(known) > 12 else ''})" if known else " (the store holds no stances)"
        raise OptionError(f"no stances on the issue {issue!r}{hint}")
    return pd.DataFrame(as_dicts(position_table(rows, issue, by=period)))


def shifts(db: str | Path | Store, *, issue: str | None = None, by: str = "month") -> pd.DataFrame:
    """Actors whose position on an issue changed between periods, with the evidence of
    before and after side by side."""
    import pandas as pd

    from .corpus.positions import Shift, as_dicts, find_shifts
    from .store.query import check_period

    period = check_period(by)
    found = find_shifts(_stance_rows(db, issue), issue, by=period)
    return pd.DataFrame(as_dicts(found), columns=list(Shift.__dataclass_fields__))


def conflicts(db: str | Path | Store, *, issue: str | None = None, days: int = 7) -> pd.DataFrame:
    """The same actor's incompatible positions on an issue, reported by different sources at
    most ``days`` apart."""
    import pandas as pd

    from .corpus.positions import Conflict, as_dicts, find_conflicts
    from .errors import OptionError

    if days < 0:
        raise OptionError(f"days={days}: expected 0 or more")
    found = find_conflicts(_stance_rows(db, issue), issue, days=days)
    return pd.DataFrame(as_dicts(found), columns=list(Conflict.__dataclass_fields__))
