"""The issue stage: what each statement and event is about, from a taxonomy users extend
(``data/issues.yaml``).

The evidence (keywords, anchors, anaphors) is read once per document into an
:class:`~parley.base.issue_index.IssueIndex`, which the stance stage reads too. A statement
takes the issues its content names or points back to; an event those its sentence names.
Optionally (``[issues] embeddings = true``), a statement still without an issue is compared
with each issue's description by the offline MiniLM sentence model (:mod:`.embeddings`).

:func:`link_issues` returns the links; the pipeline attaches them to the record.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from ..base.context import DocContext
from ..base.issue_index import IssueIndex, get_linker
from ..base.spans import covering_span
from ..model import ArticleRecord
from ..settings import IssueOptions
from .embeddings import link_by_similarity


@dataclass
class IssueLinks:
    """What :func:`link_issues` found: the issues of each statement and of each event, in the
    record's order, and which statements were linked by sentence similarity."""

    quotes: list[list[str]] = field(default_factory=list)
    events: list[list[str]] = field(default_factory=list)
    by_embedding: set[int] = field(default_factory=set)


def link_issues(doc: Doc, record: ArticleRecord, index: IssueIndex, options: IssueOptions | None = None) -> IssueLinks:
    """The issues of the record's statements and events (pure: the record is read, not changed)."""
    options = options or IssueOptions()
    links = IssueLinks()
    unlinked: list[int] = []
    for number, quote in enumerate(record.quotes):
        start, end = quote.content.start, quote.content.end
        found = index.issues_for(start, end, look_back=options.anaphor_sentences)
        if not found and not index.named_in(start, end):
            unlinked.append(number)
        links.quotes.append(found)
    for event in record.events:
        span = covering_span(doc, event.trigger.start, event.trigger.end)
        sent = span.sent if span is not None and len(span) else None
        links.events.append(index.named_in(sent.start_char, sent.end_char) if sent is not None else [])
    if options.embeddings and unlinked:
        taxonomy = get_linker(doc.vocab, options).taxonomy
        for number, issue in link_by_similarity([record.quotes[n].content.text for n in unlinked], taxonomy, options.embedding_threshold).items():
            links.quotes[unlinked[number]] = [issue]
            links.by_embedding.add(unlinked[number])
    return links


def issues_for(ctx: DocContext) -> IssueLinks:
    """The stage's entry point (needs the record's statements and events)."""
    return link_issues(ctx.doc, ctx.record, ctx.issues, ctx.options.issues)


__all__ = ["IssueLinks", "issues_for", "link_issues"]
