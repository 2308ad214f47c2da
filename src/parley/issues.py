"""Issues: what statements, stances and events are about, from a taxonomy users extend
(``data/issues.yaml``).

A text is linked to an issue by evidence, strongest first:

* keywords, matched as whole words, case-insensitively, with spaCy's ``PhraseMatcher`` (one
  pass over the Doc for the whole taxonomy; where two matches overlap, the longest wins, so
  "Zaporizhzhia nuclear power plant" is the plant and not the generic "nuclear power");
* anchors: the canonical actor of a mention or the name of a place ("Donbass", "Kramatorsk"),
  so every spelling the actor and place layers know counts;
* an anaphor ("the facility", "the region") with no issue of its own takes the issue of the
  nearest earlier sentence of the same paragraph that has one;
* optionally (``[issues] embeddings = true``), a statement still without an issue is compared
  with each issue's description by the offline MiniLM sentence model
  (:mod:`parley.embeddings`), loaded lazily so the default pipeline never pays for it.

:func:`link_issues` writes the result as an extra ``issues`` field on each statement and event.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.lang.en import English
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.util import filter_spans
from spacy.vocab import Vocab

from .base.spans import covering_span
from .data.loaders import load_issue_files
from .data.schemas import IssuesFile
from .model import ArticleRecord
from .settings import IssueOptions

_DETERMINERS = frozenset({"the", "this", "that", "these", "those", "such", "its", "their"})


@lru_cache(maxsize=1)
def _tokenizer() -> English:
    return English()


class IssueLinker:
    """One taxonomy compiled for one vocabulary: a phrase matcher and the anchor table."""

    def __init__(self, vocab: Vocab, taxonomy: IssuesFile) -> None:
        self.taxonomy = taxonomy
        self.names = [i.name for i in taxonomy.issues]
        self.matcher = PhraseMatcher(vocab, attr="LOWER")
        tokenizer = _tokenizer().tokenizer
        for number, issue in enumerate(taxonomy.issues):
            patterns = [Doc(vocab, words=[t.text for t in tokenizer(k)]) for k in issue.keywords if k.strip()]
            if patterns:
                self.matcher.add(str(number), patterns)
        self.anchors: dict[str, str] = {}
        for issue in taxonomy.issues:
            for anchor in issue.anchors:
                self.anchors.setdefault(anchor, issue.name)
        self.anaphors = frozenset(a.lower() for a in taxonomy.anaphors)

    def index(self, doc: Doc, record: ArticleRecord) -> IssueIndex:
        """Every piece of issue evidence in ``doc``, by character offset."""
        spans = []
        for match_id, start, end in self.matcher(doc):
            span = doc[start:end]
            span.label_ = doc.vocab.strings[match_id]
            spans.append(span)
        hits: list[tuple[int, int, str]] = [(s.start_char, s.end_char, self.names[int(s.label_)]) for s in filter_spans(spans)]
        taken = [(a, b) for a, b, _ in hits]
        for m in record.mentions:
            name = self.anchors.get(m.actor or "")
            if name and not any(a < m.end and m.start < b for a, b in taken):
                hits.append((m.start, m.end, name))
        for p in record.places:
            name = self.anchors.get(p.name)
            if name and not any(a < p.end and p.start < b for a, b in taken):
                hits.append((p.start, p.end, name))
        return IssueIndex(doc, sorted(hits), self.anaphors)


class IssueIndex:
    """The issue evidence of one Doc: which issues a stretch of text names or points back to."""

    def __init__(self, doc: Doc, hits: Sequence[tuple[int, int, str]], anaphors: frozenset[str]) -> None:
        self.doc = doc
        self.hits = list(hits)
        self.starts = [h[0] for h in self.hits]
        self.anaphors = anaphors
        self.sent_starts = [s.start_char for s in doc.sents]

    def named_in(self, start: int, end: int) -> list[str]:
        """Issues named between ``start`` and ``end``, by first mention."""
        out: list[str] = []
        for a, b, name in self.hits[: bisect_right(self.starts, end)]:
            if a >= start and b <= end and name not in out:
                out.append(name)
        return out

    def has_anaphor(self, start: int, end: int) -> bool:
        span = covering_span(self.doc, start, end)
        if span is None:
            return False
        for tok in span:
            named = tok.lemma_.lower() in self.anaphors or tok.lower_ in self.anaphors
            if named and any(c.lower_ in _DETERMINERS or c.dep_ == "poss" for c in tok.children):
                return True
        return False

    def issues_for(self, start: int, end: int, *, look_back: int = 2) -> list[str]:
        """Issues of a stretch of text: those it names, else, when it points back with an
        anaphor, those of the nearest earlier sentence of its paragraph that names any."""
        named = self.named_in(start, end)
        if named or look_back <= 0 or not self.has_anaphor(start, end):
            return named
        text = self.doc.text
        current = bisect_right(self.sent_starts, start) - 1
        for k in range(current - 1, max(-1, current - 1 - look_back), -1):
            s_start = self.sent_starts[k]
            s_end = self.sent_starts[k + 1]
            if "\n" in text[s_end - 1 : start].rstrip("\n") or "\n" in text[s_start:s_end].rstrip():
                break  # another paragraph
            found = self.named_in(s_start, s_end)
            if found:
                return found[-1:]
        return []


_LINKERS: dict[tuple[int, str | None, tuple[str, ...]], IssueLinker] = {}


def get_linker(vocab: Vocab, options: IssueOptions | None = None) -> IssueLinker:
    """The linker for one vocabulary and taxonomy; compiled once."""
    options = options or IssueOptions()
    key = (id(vocab), options.taxonomy, tuple(options.extra_taxonomies))
    if key not in _LINKERS:
        _LINKERS[key] = IssueLinker(vocab, load_issue_files(options.taxonomy, tuple(options.extra_taxonomies)))
    return _LINKERS[key]


@dataclass
class Linked:
    """What :func:`link_issues` found: the index (for the stance stage) and the statements
    left without an issue."""

    index: IssueIndex
    unlinked: list[int]


def link_issues(doc: Doc, record: ArticleRecord, options: IssueOptions | None = None) -> Linked:
    """Write an ``issues`` list on each of the record's statements and events."""
    options = options or IssueOptions()
    linker = get_linker(doc.vocab, options)
    index = linker.index(doc, record)
    unlinked: list[int] = []
    for number, quote in enumerate(record.quotes):
        start, end = quote.content.start, quote.content.end
        found = index.issues_for(start, end, look_back=options.anaphor_sentences)
        if not found and not index.named_in(start, end):
            unlinked.append(number)
        quote.issues = found  # type: ignore[attr-defined]  # an extra field of the record
    for event in record.events:
        span = covering_span(doc, event.trigger.start, event.trigger.end)
        sent = span.sent if span is not None and len(span) else None
        event.issues = index.named_in(sent.start_char, sent.end_char) if sent is not None else []  # type: ignore[attr-defined]
    if options.embeddings and unlinked:
        from .embeddings import link_by_similarity

        link_by_similarity(record, unlinked, linker.taxonomy, options.embedding_threshold)
    return Linked(index, unlinked)


__all__ = ["IssueIndex", "IssueLinker", "Linked", "get_linker", "link_issues"]
