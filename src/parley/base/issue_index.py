"""The issue evidence of one Doc: which issues (``data/issues.yaml``) a stretch of text names
or points back to.

A text is linked to an issue by evidence, strongest first:

* keywords, matched as whole words, case-insensitively, with spaCy's ``PhraseMatcher`` (one
  pass over the Doc for the whole taxonomy; where two matches overlap, the longest wins, so
  "Zaporizhzhia nuclear power plant" is the plant and not the generic "nuclear power");
* anchors: the canonical actor of a mention or the name of a place ("Donbass", "Kramatorsk"),
  so every spelling the actor and place layers know counts;
* an anaphor ("the facility", "the region") with no issue of its own takes the issue of the
  nearest earlier sentence of the same paragraph that has one.

The index is built once per document (:class:`parley.base.context.DocContext`) and read by
the issue stage (statements and events) and the stance stage.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from spacy.lang.en import English
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.util import filter_spans
from spacy.vocab import Vocab

from ..data.loaders import load_issue_files
from ..data.schemas import IssuesFile
from ..model import Mention, Place
from ..settings import IssueOptions
from .paragraphs import BREAK, has_break
from .registry import resource
from .spans import covering_span

_DETERMINERS = frozenset({"the", "this", "that", "these", "those", "such", "its", "their"})


class IssueLinker:
    """One taxonomy compiled for one vocabulary: a phrase matcher and the anchor table."""

    def __init__(self, vocab: Vocab, taxonomy: IssuesFile) -> None:
        self.taxonomy = taxonomy
        self.names = [i.name for i in taxonomy.issues]
        self.matcher = PhraseMatcher(vocab, attr="LOWER")
        tokenizer = resource("issues.tokenizer", None, English).tokenizer
        for number, issue in enumerate(taxonomy.issues):
            patterns = [Doc(vocab, words=[t.text for t in tokenizer(k)]) for k in issue.keywords if k.strip()]
            if patterns:
                self.matcher.add(str(number), patterns)
        self.anchors: dict[str, str] = {}
        for issue in taxonomy.issues:
            for anchor in issue.anchors:
                self.anchors.setdefault(anchor, issue.name)
        self.anaphors = frozenset(a.lower() for a in taxonomy.anaphors)

    def index(self, doc: Doc, mentions: Sequence[Mention], places: Sequence[Place]) -> IssueIndex:
        """Every piece of issue evidence in ``doc``, by character offset."""
        spans = []
        for match_id, start, end in self.matcher(doc):
            span = doc[start:end]
            span.label_ = doc.vocab.strings[match_id]
            spans.append(span)
        hits: list[tuple[int, int, str]] = [(s.start_char, s.end_char, self.names[int(s.label_)]) for s in filter_spans(spans)]
        taken = [(a, b) for a, b, _ in hits]
        for m in mentions:
            name = self.anchors.get(m.actor or "")
            if name and not any(a < m.end and m.start < b for a, b in taken):
                hits.append((m.start, m.end, name))
        for p in places:
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
            if has_break(text[s_end - 1 : start].rstrip(BREAK)) or has_break(text[s_start:s_end].rstrip()):
                break  # another paragraph
            found = self.named_in(s_start, s_end)
            if found:
                return found[-1:]
        return []


def get_linker(vocab: Vocab, options: IssueOptions | None = None) -> IssueLinker:
    """The linker for one vocabulary and taxonomy; compiled once per process."""
    options = options or IssueOptions()
    extra = tuple(options.extra_taxonomies)
    return resource("issues.linker", (vocab, options.taxonomy, extra), lambda: IssueLinker(vocab, load_issue_files(options.taxonomy, extra)))
