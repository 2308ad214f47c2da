"""The pipeline: stage order declared once, stages looked up by name.

spaCy parses each article once (``nlp.pipe`` in batches, with the article carried alongside
as a tuple); the pipeline builds the document's context once (:class:`~parley.base.context.DocContext`:
the parse, the record so far, the facts several stages share) and every step of :data:`STAGES`
hands it to its stage and attaches what the stage returns to its own part of the
:class:`~parley.model.ArticleRecord`. A stage that fails on one article is reported with the
stage name and the article id, and the article is skipped, not the batch.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial

from spacy.language import Language
from spacy.tokens import Doc

from .actors import find_actors, get_affiliations, relabel_misread_persons
from .base.context import DocContext
from .base.nlp import load_pipeline, pipe
from .base.safetext import Piece, batches, join, limits_of, pieces
from .dates import find_dates
from .errors import ParleyError
from .events import events_for
from .issues import issues_for
from .model import Article, ArticleRecord
from .places import places_for
from .quotes import quotes_for
from .settings import Options
from .stances import stances_for

log = logging.getLogger(__name__)

# A step hands the document's context to its stage and attaches what the stage returns: stages
# read the record, and each field has one writer, the step of its stage.
Stage = Callable[[DocContext], None]


def actors_stage(ctx: DocContext) -> None:
    """``mentions``: people, organisations, states and places with canonical actors."""
    ctx.record.mentions = find_actors(ctx.doc, ctx.record.published, ctx.options.actors)


def dates_stage(ctx: DocContext) -> None:
    """``dates``: time expressions resolved against the publication date."""
    ctx.record.dates = find_dates(ctx.doc, ctx.record.published)


def places_stage(ctx: DocContext) -> None:
    """``places``: toponyms resolved to the gazetteer (needs the actors stage's mentions);
    a person spaCy misread that is a place becomes a place mention too."""
    ctx.record.places = places_for(ctx)
    ctx.record.mentions = relabel_misread_persons(ctx.record.mentions, ctx.record.places)


def quotes_stage(ctx: DocContext) -> None:
    """``quotes``: statements with speaker, cue, source and date (needs mentions and dates)."""
    ctx.record.quotes = quotes_for(ctx)


def events_stage(ctx: DocContext) -> None:
    """``events``: who did what to whom, PLOVER-coded (needs mentions, places, dates, quotes)."""
    ctx.record.events = events_for(ctx)


def issues_stage(ctx: DocContext) -> None:
    """``issues`` on statements and events: what each is about (``data/issues.yaml``)."""
    links = issues_for(ctx)
    for number, (quote, issues) in enumerate(zip(ctx.record.quotes, links.quotes, strict=True)):
        quote.issues = issues
        if number in links.by_embedding:
            quote.issues_by = "embedding"
    for event, issues in zip(ctx.record.events, links.events, strict=True):
        event.issues = issues


def stances_stage(ctx: DocContext) -> None:
    """``stances``: each actor's position on an issue, with evidence (needs quotes)."""
    ctx.record.stances = stances_for(ctx)


# The stages in the order they run; later stages may read what earlier ones wrote.
STAGES: dict[str, Stage] = {
    "actors": actors_stage,
    "dates": dates_stage,
    "places": places_stage,
    "quotes": quotes_stage,
    "events": events_stage,
    "issues": issues_stage,
    "stances": stances_stage,
}


class StageError(ParleyError):
    def __init__(self, stage: str, article_id: str, exc: BaseException) -> None:
        super().__init__(f"article {article_id}: stage {stage!r} failed: {type(exc).__name__}: {exc}")
        self.stage = stage
        self.article_id = article_id


@dataclass
class Failure:
    """An article that could not be analysed, and why."""

    article_id: str
    error: ParleyError


def context_for(doc: Doc, article: Article, options: Options) -> DocContext:
    """The document's context: its parse, an empty record, and what the stages share."""
    return DocContext(
        doc,
        ArticleRecord.for_article(article),
        options,
        affiliations_from=partial(get_affiliations, options.actors, options.events.triggers),
    )


def analyse_doc(doc: Doc, article: Article, options: Options, stages: Iterable[str] | None = None) -> ArticleRecord:
    ctx = context_for(doc, article, options)
    for name in stages or STAGES:
        try:
            STAGES[name](ctx)
        except ParleyError:
            raise
        except Exception as exc:  # one stage's bug must not lose the batch; name it instead
            raise StageError(name, article.id, exc) from exc
    return ctx.record


def run(
    articles: Iterable[Article],
    options: Options,
    on_error: Callable[[Failure], None] | None = None,
    stages: Iterable[str] | None = None,
) -> Iterator[ArticleRecord]:
    """Records for ``articles``, in order; failures go to ``on_error`` (or are raised).
    ``stages`` runs only those stages of :data:`STAGES` (None or empty: all).

    spaCy reads each article's safe copy, long ones window by window (:mod:`parley.base.safetext`),
    in batches bounded by ``nlp.batch_size`` texts and ``nlp.batch_chars`` characters of prose."""
    stages = tuple(stages or ())
    nlp = load_pipeline(options.nlp.model)
    limits = limits_of(options.input)
    items = (piece for article in articles for piece in pieces(article, limits))
    parts: list[tuple[Piece, ArticleRecord]] = []
    failed: str | None = None
    for doc, piece in _parse(nlp, items, options):
        article = piece.article
        if failed != article.id:
            try:
                parts.append((piece, analyse_doc(doc, piece.window_article(), options, stages)))
            except StageError as exc:
                if on_error is None:
                    raise
                log.warning("%s", exc)
                on_error(Failure(article.id, exc))
                failed, parts = article.id, []
        if piece.last:
            if failed != article.id:
                yield join(article, parts)
            failed, parts = None, []


def _parse(nlp: Language, items: Iterable[Piece], options: Options) -> Iterator[tuple[Doc, Piece]]:
    """(Doc, piece) for each piece. In this process, batch by batch (bounded in characters);
    with ``n_process`` > 1, one ``nlp.pipe`` whose processes take ``batch_size`` texts each."""
    if options.nlp.n_process > 1:
        yield from pipe(nlp, ((p.text, p) for p in items), batch_size=options.nlp.batch_size, n_process=options.nlp.n_process)
        return
    for batch in batches(items, options.nlp.batch_size, options.nlp.batch_chars):
        yield from pipe(nlp, ((p.text, p) for p in batch), batch_size=len(batch))
