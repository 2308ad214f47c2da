"""The typed record model shared by every stage: ``ArticleRecord`` mirrors
``shared/eval/FORMAT.md`` field for field.

Spans are character offsets into the article's text (Python string indices, end exclusive),
and ``text[start:end] == span.text`` always holds: spans are only ever made from a text by
:func:`Span.of`, which slices it, so the invariant cannot be broken by hand-typed strings.
Fields beyond the format (``kind``, ``confidence``, ``source_person``...) are ignored by the
scorer. Every field any stage writes is declared here, typed, and nothing else is accepted
(``extra="forbid"``), so every front end and the store see the same record. The fields beyond
the format default to None: a record made without a stage has them null.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

MentionType = Literal["PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"]
QuoteType = Literal["direct", "indirect", "mixed"]
Modifier = Literal["START", "MID", "END"]

# The values a resolved date may take in the format: a year, a month, a day or an ISO week.
DATE_VALUE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?|-W\d{2})?$")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Span(_Model):
    """A stretch of the article's text."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        """The span of ``text`` from ``start`` to ``end``; the only way stages make spans."""
        if not 0 <= start <= end <= len(text):
            raise ValueError(f"span {start}:{end} lies outside a text of {len(text)} characters")
        return cls(start=start, end=end, text=text[start:end])

    def valid_in(self, text: str) -> bool:
        return text[self.start : self.end] == self.text


class Mention(Span):
    """A person, organisation, place or group named or referred to, with its canonical actor."""

    type: MentionType
    actor: str | None = None
    # Beyond the format: how the mention refers ("name", "role", "pronoun", "nominal",
    # "seat", "demonym") and the actor's kind (person / org / state / group / place).
    via: str | None = None
    kind: str | None = None


class Quote(_Model):
    """A statement: what was said, by whom, through which cue, relayed by whom, when."""

    type: QuoteType
    content: Span
    speaker: str | None = None
    speaker_mention: Span | None = None
    cue: str | Span | None = None
    source: str | None = None
    reported_by: str | None = None
    said_on: str | None = None
    # Beyond the format, from the statement stage: the cue's kind in ``data/cues.yaml``
    # ("assertion", "denial" ...), whether the cue is negated or hedged ("did not say", "may
    # have said"), how sure the attribution is (1.0, lower for a quotation that inherits its
    # speaker), the rule that found it ("clause", "quote", "inherited" ...), and a split
    # quotation's parts.
    cue_kind: str | None = None
    negated: bool | None = None
    hedged: bool | None = None
    confidence: float | None = None
    found_by: str | None = None
    parts: list[Span] | None = None
    # From the issue stage: the issues the statement is about, and "embedding" when they were
    # found by sentence similarity rather than by the words of the text.
    issues: list[str] | None = None
    issues_by: str | None = None


class DateRef(Span):
    """A time expression and what it resolves to against the publication date."""

    value: str | None = None
    modifier: Modifier | None = None
    # Beyond the format: why there is no value, or what the value stands for ("duration",
    # "season", "approximate", "counted from 'Tuesday'").
    note: str | None = None

    @field_validator("value")
    @classmethod
    def _value_in_format(cls, v: str | None) -> str | None:
        if v is not None and not DATE_VALUE.match(v):
            raise ValueError(f"date value {v!r} is not YYYY, YYYY-MM, YYYY-MM-DD or YYYY-Www")
        return v


class Place(Span):
    name: str
    kind: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None


class Event(_Model):
    """Who did what to whom (a PLOVER type), with when and where."""

    type: str
    source: str
    target: str | None = None
    when: str | None = None
    where: str | None = None
    trigger: Span
    # Beyond the format, from the event stage: the people acting for the source and target
    # states or organisations, the modality of the clause, the speaker of the statement that
    # reports it, the trigger's mode ("phone", "visit", "host" ...), and the type the trigger
    # had before the intention or refusal rules recoded it.
    source_person: str | None = None
    target_person: str | None = None
    negated: bool | None = None
    hypothetical: bool | None = None
    future: bool | None = None
    reported_by: str | None = None
    mode: str | None = None
    coded_from: str | None = None
    # From the issue stage: the issues its sentence names.
    issues: list[str] | None = None


class Stance(_Model):
    """Where an actor stands on an issue, with the words that say so."""

    holder: str
    issue: str
    position: str
    evidence: Span
    # Beyond the format, from the stance stage: the person who stated it for the holder, a
    # finer reading of the position ("rejects concession"), when it was stated, the cue word,
    # its negation and hedging, the speaker of the statement that reports it, and who relays
    # it (the statement's source, else the publisher).
    holder_person: str | None = None
    label: str | None = None
    date: str | None = None
    cue: str | None = None
    negated: bool | None = None
    hedged: bool | None = None
    reported_by: str | None = None
    source: str | None = None


class Article(_Model):
    """An article as read from its input, before analysis."""

    id: str
    text: str
    published: dt.date | None = None
    publisher: str | None = None
    title: str | None = None
    url: str | None = None
    # The encoding the text was decoded from (a Python codec name: "utf-8", "cp1252"); None
    # when it was given as text (JSON, a Python string).
    encoding: str | None = None


class ArticleRecord(_Model):
    """What parley found in one article (``shared/eval/FORMAT.md``)."""

    id: str
    publisher: str | None = None
    published: dt.date | None = None
    title: str | None = None
    url: str | None = None
    encoding: str | None = None  # as Article.encoding
    text: str
    mentions: list[Mention] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    dates: list[DateRef] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    stances: list[Stance] = Field(default_factory=list)

    @classmethod
    def for_article(cls, article: Article) -> ArticleRecord:
        return cls(
            id=article.id,
            publisher=article.publisher,
            published=article.published,
            title=article.title,
            url=article.url,
            encoding=article.encoding,
            text=article.text,
        )

    def spans(self) -> list[Span]:
        """Every span in the record, for checking that each indexes the text."""
        out: list[Span] = [*self.mentions, *self.dates, *self.places]
        for q in self.quotes:
            out.append(q.content)
            if q.speaker_mention is not None:
                out.append(q.speaker_mention)
            if isinstance(q.cue, Span):
                out.append(q.cue)
        out += [e.trigger for e in self.events] + [s.evidence for s in self.stances]
        return out

    def to_dict(self, *, include_text: bool = True) -> dict[str, Any]:
        data = self.model_dump(mode="json", exclude_none=False)
        if not include_text:
            data.pop("text", None)
        return data
