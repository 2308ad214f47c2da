"""The pipeline: stage order declared once, stages looked up by name.

spaCy parses each article once (``nlp.pipe`` in batches, with the article carried alongside
as a tuple); then every stage in :data:`STAGES` reads the Doc and fills its own part of the
:class:`~parley.model.ArticleRecord`. A stage that fails on one article is reported with the
stage name and the article id, and the article is skipped, not the batch.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from .actors import find_actors
from .dates import find_dates
from .errors import ParleyError
from .events import events_for, get_affiliations
from .issues import get_linker, link_issues
from .model import Article, ArticleRecord
from .nlp import load_pipeline, pipe
from .places import actor_countries, find_places, get_gazetteer, relabel_misread_persons, weights_of
from .quotes import find_quotes
from .safetext import Piece, batches, join, limits_of, pieces
from .settings import Options
from .stances import stances_for

log = logging.getLogger(__name__)

Stage = Callable[[Doc, ArticleRecord, Options], None]


def actors_stage(doc: Doc, record: ArticleRecord, options: Options) -> None:
    """``mentions``: people, organisations, states and places with canonical actors."""
    record.mentions = find_actors(doc, record.published, options.actors)


def dates_stage(doc: Doc, record: ArticleRecord, options: Options) -> None:
    """``dates``: time expressions resolved against the publication date."""
    record.dates = find_dates(doc, record.published)


def places_stage(doc: Doc, record: ArticleRecord, options: Options) -> None:
    """``places``: toponyms resolved to the gazetteer (needs the actors stage's mentions)."""
    gazetteer = get_gazetteer(tuple(options.places.extra_gazetteers))
    record.places = find_places(
        doc,
        record.mentions,
        record.published,
        gazetteer=gazetteer,
        actor_countries=actor_countries(options.actors),
        weights=weights_of(options.places),
        scan=options.places.find_untagged,
    )
    relabel_misread_persons(record.mentions, record.places)


def quotes_stage(doc: Doc, record: ArticleRecord, options: Options) -> None:
    """``quotes``: statements with speaker, cue, source and date (needs mentions and dates)."""
    record.quotes = find_quotes(doc, record, options.quotes)


def events_stage(doc: Doc, record: ArticleRecord, options: Options) -> None:
    """``events``: who did what to whom, PLOVER-coded (needs mentions, places, dates, quotes)."""
    record.events = events_for(doc, record, options.events, options.actors)


def issues_stage(doc: Doc, record: ArticleRecord, options: Options) -> None:
    """``issues`` on statements and events: what each is about (``data/issues.yaml``)."""
    link_issues(doc, record, options.issues)


def stances_stage(doc: Doc, record: ArticleRecord, options: Options) -> None:
    """``stances``: each actor's position on an issue, with evidence (needs quotes)."""
    index = get_linker(doc.vocab, options.issues).index(doc, record)
    affiliations = get_affiliations(doc.vocab, options.actors, options.events.triggers)
    record.stances = stances_for(doc, record, index, affiliations, lexicon=options.stances.lexicon, look_back=options.issues.anaphor_sentences)


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


def analyse_doc(doc: Doc, article: Article, options: Options, stages: Iterable[str] | None = None) -> ArticleRecord:
    record = ArticleRecord.for_article(article)
    for name in stages or STAGES:
        try:
            STAGES[name](doc, record, options)
        except ParleyError:
            raise
        except Exception as exc:  # one stage's bug must not lose the batch; name it instead
            raise StageError(name, article.id, exc) from exc
    return record


def run(
    articles: Iterable[Article],
    options: Options,
    on_error: Callable[[Failure], None] | None = None,
    stages: Iterable[str] | None = None,
) -> Iterator[ArticleRecord]:
    """Records for ``articles``, in order; failures go to ``on_error`` (or are raised).
    ``stages`` runs only those stages of :data:`STAGES` (None or empty: all).

    spaCy reads each article's safe copy, long ones window by window (:mod:`parley.safetext`),
    in batches bounded by ``nlp.batch_size`` texts and ``nlp.batch_chars`` characters."""
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
