"""A small corpus of hand-annotated records, for the store listings, the REST service and the
web page: three articles of my own writing, with the facts a reader would mark in them
(mentions, statements, dates, places, events, stances), built with ``Span.of`` so every
offset indexes its text. Two are dated (different months and publishers), one is undated;
Putin speaks in two, Zelenskyy in two (once as "Zelensky"), and both hold positions on the
Donbas.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from parley.model import ArticleRecord, DateRef, Event, Mention, Place, Quote, Span, Stance


class _Text:
    """Spans found by their words: ``t.span("Moscow", 2)`` is the second "Moscow"."""

    def __init__(self, text: str) -> None:
        self.text = text

    def at(self, words: str, nth: int = 1) -> tuple[int, int]:
        start = -1
        for _ in range(nth):
            start = self.text.index(words, start + 1)
        return start, start + len(words)

    def span(self, words: str, nth: int = 1) -> Span:
        return Span.of(self.text, *self.at(words, nth))

    def mention(self, words: str, type: str, actor: str | None, nth: int = 1, **extra: Any) -> Mention:
        start, end = self.at(words, nth)
        return Mention(start=start, end=end, text=words, type=type, actor=actor, **extra)  # type: ignore[arg-type]

    def date(self, words: str, value: str, nth: int = 1) -> DateRef:
        start, end = self.at(words, nth)
        return DateRef(start=start, end=end, text=words, value=value)

    def place(self, words: str, name: str, kind: str, country: str, lat: float, lon: float, nth: int = 1) -> Place:
        start, end = self.at(words, nth)
        return Place(start=start, end=end, text=words, name=name, kind=kind, country=country, lat=lat, lon=lon)


def _istanbul() -> ArticleRecord:
    t = _Text(
        "Russian President Vladimir Putin said on Monday that Moscow was ready to meet Ukrainian officials in Istanbul.\n"
        '"We are open to talks without preconditions," Putin told reporters in Moscow.\n'
        "Ukrainian President Volodymyr Zelenskyy rejected the offer and said Kyiv would not give up the Donbas."
    )
    return ArticleRecord(
        id="istanbul-offer",
        publisher="Daily Ledger",
        published=dt.date(2025, 11, 3),
        title="Putin offers talks in Istanbul",
        text=t.text,
        mentions=[
            t.mention("Vladimir Putin", "PERSON", "Vladimir Putin", via="name", kind="person"),
            t.mention("Moscow", "GPE", "Russia", via="seat", kind="state"),
            t.mention("Ukrainian", "NORP", "Ukraine", via="demonym", kind="state"),
            t.mention("Istanbul", "GPE", "Istanbul", kind="place"),
            t.mention("Putin", "PERSON", "Vladimir Putin", nth=2, via="name", kind="person"),
            t.mention("Moscow", "GPE", "Moscow", nth=2, kind="place"),
            t.mention("Volodymyr Zelenskyy", "PERSON", "Volodymyr Zelenskyy", via="name", kind="person"),
            t.mention("Kyiv", "GPE", "Ukraine", via="seat", kind="state"),
            t.mention("Donbas", "LOC", "Donbas", kind="place"),
        ],
        quotes=[
            Quote(
                type="indirect",
                content=t.span("Moscow was ready to meet Ukrainian officials in Istanbul"),
                speaker="Vladimir Putin",
                speaker_mention=t.span("Vladimir Putin"),
                cue=t.span("said"),
                said_on="2025-11-03",
            ),
            Quote(
                type="direct",
                content=t.span("We are open to talks without preconditions,"),
                speaker="Vladimir Putin",
                speaker_mention=t.span("Putin", 2),
                cue=t.span("told"),
            ),
            Quote(
                type="indirect",
                content=t.span("Kyiv would not give up the Donbas"),
                speaker="Volodymyr Zelenskyy",
                speaker_mention=t.span("Volodymyr Zelenskyy"),
                cue=t.span("said", 2),
            ),
        ],
        dates=[t.date("on Monday", "2025-11-03")],
        places=[
            t.place("Istanbul", "Istanbul", "city", "TR", 41.01, 28.95),
            t.place("Moscow", "Moscow", "city", "RU", 55.75, 37.62, nth=2),
            t.place("Donbas", "Donbas", "region", "UA", 48.0, 38.0),
        ],
        events=[
            Event(type="CONSULT", source="Russia", target="Ukraine", when="2025-11", where="Istanbul", trigger=t.span("meet"), source_person="Vladimir Putin"),
            Event(type="REJECT", source="Ukraine", target="Russia", trigger=t.span("rejected"), source_person="Volodymyr Zelenskyy"),
        ],
        stances=[
            Stance(holder="Russia", issue="peace talks", position="supports talks", evidence=t.span("We are open to talks without preconditions")),
            Stance(holder="Ukraine", issue="status of Donbas", position="rejects concession", evidence=t.span("Kyiv would not give up the Donbas")),
        ],
    )


def _geneva() -> ArticleRecord:
    t = _Text(
        "Kremlin spokesman Dmitry Peskov said the second round in Geneva had been constructive.\n"
        "According to Peskov, the United States asked for guarantees on the Zaporizhzhia plant.\n"
        "Putin said Russia would not withdraw from the Donbas."
    )
    return ArticleRecord(
        id="geneva-round",
        publisher="Wire Service",
        published=dt.date(2025, 12, 10),
        title="Second round in Geneva",
        text=t.text,
        mentions=[
            t.mention("Kremlin", "ORG", "Russia", via="seat", kind="state"),
            t.mention("Dmitry Peskov", "PERSON", "Dmitry Peskov", via="name", kind="person"),
            t.mention("Geneva", "GPE", "Geneva", kind="place"),
            t.mention("Peskov", "PERSON", "Dmitry Peskov", nth=2, via="name", kind="person"),
            t.mention("the United States", "GPE", "United States", via="name", kind="state"),
            t.mention("Putin", "PERSON", "Vladimir Putin", via="name", kind="person"),
            t.mention("Russia", "GPE", "Russia", via="name", kind="state"),
            t.mention("Donbas", "LOC", "Donbas", kind="place"),
        ],
        quotes=[
            Quote(
                type="indirect",
                content=t.span("the second round in Geneva had been constructive"),
                speaker="Dmitry Peskov",
                speaker_mention=t.span("Dmitry Peskov"),
                cue=t.span("said"),
            ),
            Quote(
                type="indirect",
                content=t.span("the United States asked for guarantees on the Zaporizhzhia plant"),
                speaker="Dmitry Peskov",
                speaker_mention=t.span("Peskov", 2),
                cue=t.span("According to"),
            ),
            Quote(
                type="indirect",
                content=t.span("Russia would not withdraw from the Donbas"),
                speaker="Vladimir Putin",
                speaker_mention=t.span("Putin"),
                cue=t.span("said", 2),
            ),
        ],
        places=[
            t.place("Geneva", "Geneva", "city", "CH", 46.2, 6.14),
            t.place("Donbas", "Donbas", "region", "UA", 48.0, 38.0),
        ],
        events=[Event(type="REQUEST", source="United States", target="Russia", trigger=t.span("asked"))],
        stances=[
            Stance(holder="Russia", issue="status of Donbas", position="rejects concession", evidence=t.span("Russia would not withdraw from the Donbas")),
            Stance(
                holder="United States",
                issue="Zaporizhzhia Nuclear Power Plant",
                position="wants guarantees",
                evidence=t.span("the United States asked for guarantees on the Zaporizhzhia plant"),
            ),
        ],
    )


def _undated() -> ArticleRecord:
    t = _Text("Zelensky said Ukraine needs more air defence before the winter.")
    return ArticleRecord(
        id="air-defence",
        text=t.text,
        mentions=[
            t.mention("Zelensky", "PERSON", "Volodymyr Zelenskyy", via="dictionary", kind="person"),
            t.mention("Ukraine", "GPE", "Ukraine", via="name", kind="state"),
        ],
        quotes=[
            Quote(
                type="indirect",
                content=t.span("Ukraine needs more air defence before the winter"),
                speaker="Volodymyr Zelenskyy",
                speaker_mention=t.span("Zelensky"),
                cue=t.span("said"),
            )
        ],
    )


def fixture_records() -> list[ArticleRecord]:
    """The three records, in ingestion order."""
    return [_istanbul(), _geneva(), _undated()]
