"""The statement stage: every statement an article attributes to someone — direct quotations,
reported (indirect) speech and mixed ones — with speaker, cue, source, nesting and date
(``shared/eval/FORMAT.md`` ``quotes``).

Three parts, one job each: ``direct.py`` pairs quotation marks, ``indirect.py`` reads cue words
and their complements off the dependency parse, ``attribute.py`` decides who said each
quotation and how the statements relate. :func:`find_quotes` runs them over one Doc;
:func:`quotes_for` is the stage's entry point, whose result the pipeline stores in the record.
Speakers are named through the actor stage's mentions and dates through the time stage's, so
this stage runs after both.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from ..base.context import DocContext
from ..base.paragraphs import Paragraphs
from ..base.spans import doc_text, token_chars
from ..model import ArticleRecord, Quote, Span
from ..settings import QuoteOptions
from .attribute import QuoteAttributor, SpeakerNames, dates_for, resolve_nesting, resolve_relays, trailing_reporters
from .direct import QuoteRegion, pair_quotation_marks
from .indirect import CueHit, find_indirect
from .lexicon import Cue, CueLexicon, get_lexicon
from .speakers import name_body_descriptions, speakers_behind_documents
from .statement import Statement
from .trained import AttributionModel, apply_model, attribution_model, link_speakers

__all__ = [
    "Cue",
    "CueHit",
    "CueLexicon",
    "QuoteRegion",
    "Statement",
    "find_quotes",
    "find_statements",
    "get_lexicon",
    "pair_quotation_marks",
    "quotes_for",
    "to_quotes",
]


def find_statements(
    doc: Doc,
    lexicon: CueLexicon,
    options: QuoteOptions | None = None,
    places: Sequence[tuple[int, int]] = (),
    paragraphs: Paragraphs | None = None,
    model: AttributionModel | None = None,
) -> list[Statement]:
    """The statements of ``doc`` in text order, before speakers are named (pure: no record;
    ``places``, the character spans of its places, tell a dateline from a speaker). The trained
    attribution model is ``model``, else the one the options name."""
    options = options or QuoteOptions()
    paragraphs = paragraphs or Paragraphs(doc_text(doc))
    regions = pair_quotation_marks(doc_text(doc), paragraphs, options.max_quote_paragraphs)
    statements, hits = find_indirect(doc, lexicon, places)
    model = model or attribution_model(options.attribution_model)
    if model is not None:
        statements = apply_model(doc, statements, regions, lexicon, model, options.keep_complementizer, options.topic_statements)
    attributor = QuoteAttributor(doc, regions, statements, hits, options, paragraphs)
    found = attributor.run()
    for st in found:
        st.cue_pos = doc[st.cue[0]].idx if st.cue is not None else st.cue_chars[0] if st.cue_chars is not None else None
    trailing_reporters(doc, found, hits)
    if model is not None:
        link_speakers(doc, found, model)
    speakers_behind_documents(doc, found, lexicon)
    found = [st for st in found if not _lost_speaker(doc, st)]
    found = _without_runaways(resolve_nesting(attributor.inherit(resolve_relays(found, doc)), doc))
    if options.keep_complementizer:
        _with_complementizer(doc, found)
    if options.typewriter_type == "indirect":
        _typewriter_indirect(doc_text(doc), found)
    return found


def _with_complementizer(doc: Doc, statements: list[Statement]) -> None:
    """A quotation its cue reports through "that" ('tweeted that “...”') begins with the "that",
    as a reported clause's content does under ``keep_complementizer``."""
    for st in statements:
        if st.type != "mixed" or st.cue is None or st.region is None:
            continue
        between = [t for t in doc[st.cue[1] : st.cue[1] + 9] if t.idx < st.start]
        marks = [t for t in between if t.lower_ == "that" and t.dep_ == "mark"]
        if marks and len(between) <= 8 and (st.cue[1] + len(between) >= len(doc) or doc[st.cue[1] + len(between)].idx >= st.start):
            st.content = (marks[-1].idx, st.end)


def _typewriter_indirect(text: str, statements: list[Statement]) -> None:
    """Type "indirect" the direct and mixed statements whose every quotation is set in
    typewriter marks (``[quotes] typewriter_type``: PolNeAR's convention)."""
    for st in statements:
        if st.type == "indirect":
            continue
        regions = [r for r in [st.region, *st.regions] if r is not None]
        if regions and all(r.typewriter(text) for r in regions):
            st.type = "indirect"


def _without_runaways(statements: list[Statement]) -> list[Statement]:
    """Statements resting on a quotation that never closes, where they overlap another
    statement: the guess at where that quotation ends was wrong, and the overlap shows it."""

    def runaway(st: Statement) -> bool:
        return any(not r.closed for r in ([st.region] if st.region is not None else []) + st.regions)

    order = sorted(range(len(statements)), key=lambda i: statements[i].start)
    crossed: set[int] = set()
    reach = -1  # the furthest end of the statements before, in order of start
    for rank, i in enumerate(order):
        st = statements[i]
        later = statements[order[rank + 1]].start if rank + 1 < len(order) else st.end
        if reach > st.start or later < st.end:
            crossed.add(i)
        reach = max(reach, st.end)
    return [st for i, st in enumerate(statements) if not (i in crossed and runaway(st))]


# Frames that read a cue verb with its subject: without one, the parse went wrong.
_SUBJECT_FRAMES = frozenset({"clause", "parenthetical", "object", "infinitive", "naming", "phrase"})


def _lost_speaker(doc: Doc, st: Statement) -> bool:
    """Reported speech whose verb should have a subject and whose subject was not found
    ("..., supporting the bill", "Attacking Clinton, ..." hung on the wrong clause): no one is
    known to have said it, so it is no statement. A passive without its agent is kept as an
    unattributed statement ("Trump is expected to win"), as are nouns and adverbs
    ("reportedly")."""
    if st.type != "indirect" or st.speaker is not None or st.cue is None or st.frame not in _SUBJECT_FRAMES:
        return False
    cue = doc[st.cue[0]]
    return not any(c.dep_ == "auxpass" for c in cue.children) and cue.tag_ != "VBN"


def to_quotes(
    doc: Doc, statements: list[Statement], record: ArticleRecord, paragraphs: Paragraphs | None = None, lexicon: CueLexicon | None = None
) -> list[Quote]:
    """Statements -> record quotes: spans made with ``Span.of``, speakers named as actors."""
    text = doc_text(doc)
    paragraphs = paragraphs or Paragraphs(text)
    namer = SpeakerNames(doc, record.mentions)
    namer.name_all(statements, paragraphs)
    if lexicon is not None:
        name_body_descriptions(doc, statements, paragraphs, namer.kind, lexicon, record.mentions)
    dates_for(doc, statements, record.dates, paragraphs, namer)
    quotes: list[Quote] = []
    for st in statements:
        cue: str | Span | None = None
        if st.cue is not None:
            cue = Span.of(text, *token_chars(doc, *st.cue))
        elif st.cue_chars is not None:
            cue = Span.of(text, *st.cue_chars)
        quotes.append(
            Quote(
                type=st.type,
                content=Span.of(text, *st.content),
                speaker=st.speaker_name,
                speaker_mention=Span.of(text, *token_chars(doc, *st.speaker)) if st.speaker is not None else None,
                cue=cue,
                source=st.source_name,
                reported_by=st.reported_by.speaker_name if st.reported_by is not None else None,
                said_on=st.said_on,
                cue_kind=st.kind,
                negated=st.negated,
                hedged=st.hedged,
                confidence=st.confidence,
                found_by=st.found_by or st.frame,
                parts=[Span.of(text, *part) for part in st.parts] or None,
            )
        )
    return quotes


def find_quotes(
    doc: Doc, record: ArticleRecord, options: QuoteOptions | None = None, paragraphs: Paragraphs | None = None, model: AttributionModel | None = None
) -> list[Quote]:
    """Every statement in ``doc``, speakers resolved through ``record.mentions`` and dates
    through ``record.dates`` (either may be empty); the trained model is ``model``, else the one
    the options name."""
    options = options or QuoteOptions()
    lexicon = get_lexicon(doc.vocab, options.language, options.cues)
    places = [(p.start, p.end) for p in record.places if p.lat is not None]
    return to_quotes(doc, find_statements(doc, lexicon, options, places, paragraphs, model), record, paragraphs, lexicon)


def quotes_for(ctx: DocContext) -> list[Quote]:
    """The stage's entry point: the record's statements (needs its mentions, dates and places)."""
    return find_quotes(ctx.doc, ctx.record, ctx.options.quotes, ctx.paragraphs)
