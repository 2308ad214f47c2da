"""What the pipeline knows about one document, built once and handed to every stage.

The parse and the record so far, with the facts several stages read: the text, its
paragraphs, the record's mentions, places and statements by token (:class:`MentionIndex`),
the issue evidence (:class:`IssueIndex`) and the acting bodies behind actors
(``Affiliations``). A fact that exists only after an earlier stage ran is computed when first
asked for and kept while the record's lists it was read from stay the same objects; a stage
that replaced them gets it anew.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar, cast

from spacy.tokens import Doc

from ..model import ArticleRecord
from ..settings import Options
from .index import MentionIndex
from .issue_index import IssueIndex, get_linker
from .paragraphs import Paragraphs
from .spans import doc_text

T = TypeVar("T")

if TYPE_CHECKING:  # the actors layer builds them; the base only hands them on
    from ..actors.affiliation import Affiliations


@dataclass
class DocContext:
    """One document in the pipeline: ``doc`` parsed once, ``record`` filled stage by stage."""

    doc: Doc
    record: ArticleRecord
    options: Options
    # how to get the acting-body lookups (a process-wide resource, loaded on first use)
    affiliations_from: Callable[[], Affiliations] | None = None
    _facts: dict[str, tuple[tuple[Any, ...], Any]] = field(default_factory=dict, repr=False)

    @cached_property
    def text(self) -> str:
        return doc_text(self.doc)

    @cached_property
    def paragraphs(self) -> Paragraphs:
        return Paragraphs(self.text)

    @property
    def mentions(self) -> MentionIndex:
        """The record's mentions, places and statements by token (after the statement stage)."""
        r = self.record
        return self._fact("mentions", (r.mentions, r.places, r.quotes), lambda: MentionIndex(self.doc, r.mentions, r.places, r.quotes))

    @property
    def issues(self) -> IssueIndex:
        """The issue evidence of the document (after the actor and place stages)."""
        r = self.record
        linker = get_linker(self.doc.vocab, self.options.issues)
        return self._fact("issues", (r.mentions, r.places, linker), lambda: linker.index(self.doc, r.mentions, r.places))

    @cached_property
    def affiliations(self) -> Affiliations:
        """The acting state or organisation behind each actor."""
        if self.affiliations_from is None:
            raise RuntimeError("this context was built without the actors layer's affiliations")
        return self.affiliations_from()

    def _fact(self, name: str, inputs: tuple[Any, ...], build: Callable[[], T]) -> T:
        """``build()``, kept while ``inputs`` are the very same objects."""
        held = self._facts.get(name)
        if held is not None and len(held[0]) == len(inputs) and all(a is b for a, b in zip(held[0], inputs, strict=True)):
            return cast(T, held[1])
        value = build()
        self._facts[name] = (inputs, value)
        return value
