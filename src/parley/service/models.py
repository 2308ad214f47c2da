"""What the REST service takes and gives, around the record's own models.

Facts are returned as :mod:`parley.model` objects (``ArticleRecord``, ``Quote``, ``Event``,
``Stance``) unchanged; the models here are only the envelopes: a page of a listing with its
cursor, the article a fact is from, an actor's profile, an issue's position matrix, the
request bodies, and the error body every failure has.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..model import Event, MentionType, Quote, Stance

T = TypeVar("T")


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Page(_Out, Generic[T]):
    """One page of a listing. ``next`` is the cursor of the following page: pass it as
    ``after``; null on the last page."""

    items: list[T]
    next: str | None = None


class ArticleRef(_Out):
    """The article a fact comes from."""

    id: str
    title: str | None = None
    publisher: str | None = None
    published: dt.date | None = None
    url: str | None = None
    story_id: str | None = Field(None, description="The first article of its syndication cluster.")


class ArticleItem(ArticleRef):
    """An article in ``GET /articles``, with how many facts of each kind it holds."""

    mentions: int
    quotes: int
    dates: int
    places: int
    events: int
    stances: int


class QuoteItem(_Out):
    article: ArticleRef
    idx: int = Field(description="The quote's position in the record's `quotes`.")
    quote: Quote


class EventItem(_Out):
    article: ArticleRef
    idx: int = Field(description="The event's position in the record's `events`.")
    event: Event


class PositionItem(_Out):
    article: ArticleRef
    idx: int = Field(description="The stance's position in the record's `stances`.")
    stance: Stance


class ActorItem(_Out):
    actor: str
    kind: str | None = None
    articles: int
    stories: int
    mentions: int
    quotes: int = Field(description="Statements with this actor as the speaker.")
    first_seen: dt.date | None = None
    last_seen: dt.date | None = None


class PlaceItem(_Out):
    name: str
    kind: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    mentions: int
    articles: int


class IssueItem(_Out):
    issue: str
    positions: int
    holders: int
    articles: int
    first_seen: dt.date | None = None
    last_seen: dt.date | None = None


class TimelineRow(_Out):
    period: str = Field(description='A day, ISO week, month or year of publication, or "undated".')
    mentions: int
    quotes: int


class IssuePosition(_Out):
    issue: str
    position: str
    count: int
    first_seen: dt.date | None = None
    last_seen: dt.date | None = None


class Partner(_Out):
    actor: str
    type: str
    count: int


class ActorProfile(_Out):
    """One actor: ``GET /actors/{name}``."""

    name: str
    kind: str | None = None
    type: MentionType | None = Field(None, description="The type of its mentions (the record's `Mention.type`).")
    articles: int
    stories: int
    mentions: int
    quotes: int
    first_seen: dt.date | None = None
    last_seen: dt.date | None = None
    by: str
    timeline: list[TimelineRow]
    statements: list[QuoteItem] = Field(description="The first statements, oldest first (all of them: GET /quotes?speaker=).")
    issues: list[IssuePosition]
    partners: list[Partner] = Field(description="Who the actor's events are with, by event type.")
    events: list[EventItem] = Field(description="The first events the actor takes part in (as source or target).")


class MatrixCell(_Out):
    holder: str
    period: str
    position: str = Field(description="The prevailing position: the one taken most often in the period, the latest on a tie.")
    positions: list[str] = Field(description="Every position taken in the period.")
    evidence: list[PositionItem]


class PositionMatrix(_Out):
    """Actors x periods of the positions on an issue: ``GET /positions/matrix``."""

    issue: str | None = None
    by: str
    periods: list[str]
    holders: list[str]
    issues: list[str] = Field(description="The issues the words matched.")
    cells: list[MatrixCell]


class ArticleIn(BaseModel):
    """An article to analyse: its ``text``, or an ``html`` page (its main text is extracted)."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(None, description="The article's plain text.")
    html: str | None = Field(None, description="An HTML page; its main text, title, date and site name are extracted.")
    id: str | None = Field(None, description="Its id (default: from the text's SHA-1).")
    published: str | None = Field(None, description="Publication date, YYYY-MM-DD: anchors relative dates.", examples=["2025-12-25"])
    publisher: str | None = None
    title: str | None = None
    url: str | None = None

    @model_validator(mode="after")
    def _one_body(self) -> ArticleIn:
        if (self.text is None) == (self.html is None):
            raise ValueError("give exactly one of `text` and `html`")
        return self


class ArticlesIn(BaseModel):
    """Several articles to store."""

    model_config = ConfigDict(extra="forbid")

    articles: list[ArticleIn] = Field(min_length=1)


class IngestFailure(_Out):
    where: str
    reason: str


class IngestResult(_Out):
    """What ``POST /articles`` stored."""

    ingested: list[str] = Field(description="Ids of the articles analysed and stored.")
    skipped: list[str] = Field(description="Ids already stored with the same text.")
    failed: list[IngestFailure]


class StoreInfo(_Out):
    path: str
    articles: int
    stories: int
    quotes: int
    events: int
    stances: int
    places: int


class ServiceInfo(_Out):
    """``GET /info``: what this server is."""

    version: str
    store: StoreInfo | None = Field(description="The corpus store, or null when the server has none (only POST /extract works).")
    ingest: bool = Field(description="Whether POST /articles is open (with the API token).")
    max_request_bytes: int
    page_size: int
    max_page_size: int


class ErrorBody(BaseModel):
    """Every error: one line, and for invalid requests the fields at fault."""

    error: str
    detail: list[Any] | None = None
