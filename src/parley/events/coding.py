"""Coding: a trigger's roles read as acting states and organisations, with when and where,
modality and the statement that reports it; one event per happening.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from ..actors import Acting, Affiliations, actors_of
from ..base.context import DocContext
from ..base.dating import date_governing, day_of
from ..base.index import MentionIndex
from ..model import ArticleRecord, DateRef, Event, Span
from .lexicon import EventLexicon, get_event_lexicon
from .modality import modality_of
from .roles import assign_roles, link_nesting, yield_conflictual
from .triggers import Trigger, find_triggers


def _frames(trig: Trigger) -> list[Token]:
    """The words whose modifiers place an event: the trigger, the verb a noun hangs off, and
    the verb a noun is the subject of ("the meeting took place in Moscow in March")."""
    out = [trig.token]
    if trig.governor is not None:
        out.append(trig.governor)
    if trig.kind == "noun" and trig.token.dep_ in {"nsubj", "nsubjpass"} and trig.token.head.i != trig.token.i:
        out.append(trig.token.head)
    return out


def _where(trig: Trigger, index: MentionIndex, lex: EventLexicon) -> str | None:
    """A place in a locative phrase of the trigger (or of the verb a noun hangs off), or a
    place name in front of a noun trigger ("the Anchorage talks")."""
    for head in _frames(trig):
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in lex.locative:
                for obj in child.children:
                    place = index.place_by_token.get(obj.i) if obj.dep_ == "pobj" else None
                    if place is not None:
                        return place.name
    if trig.kind == "noun":
        for child in trig.token.children:
            if child.dep_ == "compound" and child.i < trig.token.i:
                place = index.place_by_token.get(child.i)
                mention = index.mention(child)
                if place is not None and (mention is None or mention.kind == "place"):
                    return place.name
    return None


def _when(trig: Trigger, dates: list[DateRef], doc: Doc) -> str | None:
    for frame in _frames(trig):
        ref = date_governing(frame, dates, doc)
        if ref is not None:
            return ref.value
    return None


@dataclass
class EventPolicy:
    """Which events go into the record (``[events]`` in the settings)."""

    require_target: bool = True
    keep_negated: bool = False
    keep_hypothetical: bool = True


def _pairs(trig: Trigger, sources: list[Acting], targets: list[Acting]) -> list[tuple[Acting, Acting | None]]:
    if trig.entry.symmetric:
        people = _distinct(sources + targets)
        if len(people) < 2:
            return [(people[0], None)] if people else []
        if sources and targets:
            src = _distinct(sources)
            others = [t for t in _distinct(targets) if t.actor not in {s.actor for s in src}]
            pairs: list[tuple[Acting, Acting | None]] = [(s, t) for s in src for t in others]
            return pairs or [(people[0], p) for p in people[1:]]
        return [(people[0], p) for p in people[1:]]
    src = _distinct(sources)
    tgt = [t for t in _distinct(targets) if t.actor not in {s.actor for s in src}]
    if not tgt:
        return [(s, None) for s in src]
    return [(s, t) for s in src for t in tgt]


def _distinct(actings: Iterable[Acting]) -> list[Acting]:
    seen: set[str] = set()
    out = []
    for a in actings:
        if a.actor not in seen:
            seen.add(a.actor)
            out.append(a)
    return out


def find_events(
    doc: Doc,
    record: ArticleRecord,
    lex: EventLexicon,
    aff: Affiliations,
    policy: EventPolicy | None = None,
    index: MentionIndex | None = None,
) -> list[Event]:
    """The events ``doc`` reports, coded through the record's mentions, places, dates and
    statements (pure: the record is read, not changed); ``index`` is the record's
    :class:`MentionIndex`, when already built."""
    policy = policy or EventPolicy()
    index = index or MentionIndex(doc, record.mentions, record.places, record.quotes)
    triggers = find_triggers(doc, lex)
    assign_roles(triggers)
    link_nesting(triggers)
    yield_conflictual(triggers, lex.cooperative)
    resolved = [d for d in record.dates if d.value]
    text = doc.text
    events: list[Event] = []
    for trig in triggers:
        if trig.nested_in is not None or trig.yielded:
            continue
        when = _when(trig, resolved, doc) if resolved else None
        on = day_of(when, record.published)
        sources = [a for t in trig.sources for a in actors_of(t, index, aff, on)]
        targets = [a for t in trig.targets for a in actors_of(t, index, aff, on, place_as_country=True)]
        if trig.outer_sources and (not sources or (trig.entry.symmetric and len(_distinct(sources + targets)) < 2)):
            sources = [a for t in trig.outer_sources for a in actors_of(t, index, aff, on)] + sources
        where = _where(trig, index, lex)
        if not sources:
            sources = _local_sources(trig, lex, index, aff)
        if not targets and not (trig.entry.symmetric and len(_distinct(sources)) >= 2):
            targets = _borrowed_targets(trig, triggers, index, aff, on, sources)
        mod = modality_of(trig, lex)
        if mod.hypothetical and not policy.keep_hypothetical:
            continue
        event_type = trig.entry.type
        refusal = mod.negated and (mod.intention or mod.future) and (event_type in lex.cooperative or event_type == "AGREE")
        if refusal:
            # "Iran will not negotiate with the US", "refuses to accept": PLOVER's REJECT, a
            # refusal stated, not an event that did not happen
            event_type = "REJECT"
            mod = replace(mod, negated=False)
        if mod.negated and not policy.keep_negated:
            continue
        if (mod.intention or mod.future) and event_type in lex.cooperative and not (mod.future and event_type == "CONSULT" and not mod.intention):
            # PLOVER: an expressed intent to cooperate; "all cooperative actions reported in
            # future tense are also taken to imply intentions" (a planned meeting stays CONSULT,
            # flagged future, as in the manual's example of the future context)
            event_type = "AGREE"
        quote = index.quote_at(trig.token.idx)
        start = doc[trig.first].idx
        end = doc[trig.last].idx + len(doc[trig.last])
        for source, target in _pairs(trig, sources, targets):
            if target is None and (policy.require_target or event_type in lex.recipient_required):
                continue
            if target is not None and target.actor == source.actor:
                continue
            events.append(
                Event(
                    type=event_type,
                    source=source.actor,
                    target=target.actor if target is not None else None,
                    when=when,
                    where=where,
                    trigger=Span.of(text, start, end),
                    source_person=source.person,
                    target_person=target.person if target is not None else None,
                    negated=mod.negated,
                    hypothetical=mod.hypothetical,
                    future=mod.future,
                    reported_by=quote.speaker if quote is not None else None,
                    mode=trig.entry.mode or None,
                    coded_from=trig.entry.type if event_type != trig.entry.type else None,
                )
            )
    return merge_mentions(events)


def _local_sources(trig: Trigger, lex: EventLexicon, index: MentionIndex, aff: Affiliations) -> list[Acting]:
    """ "Protesters rallied in Baghdad": people named only by what they are act for the country
    of the event's place (PLOVER codes them by their country)."""
    locals_ = [t for t in (trig.sources or trig.outer_sources) if t.lemma_.lower() in lex.local_groups or t.lower_ in lex.local_groups]
    if not locals_:
        return []
    for head in _frames(trig):
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in lex.locative:
                for tok in child.subtree:  # "in Tbilisi", "outside the US embassy in Baghdad"
                    place = index.place_by_token.get(tok.i)
                    mention = index.mention(tok)
                    if place is None or (mention is not None and mention.kind == "state" and tok.dep_ != "pobj"):
                        continue
                    state = aff.country_state(place.country)
                    if state:
                        return [Acting(state, None, locals_[0].text)]
    return []


def _borrowed_targets(
    trig: Trigger, triggers: Sequence[Trigger], index: MentionIndex, aff: Affiliations, on: dt.date | None, sources: list[Acting]
) -> list[Acting]:
    """A nested trigger's recipient, lent to the trigger it sits in ("agreed to hold talks
    with Ukraine", "threatened to attack Kyiv")."""
    own = {s.actor for s in sources}
    for inner in triggers:
        if inner.nested_in is not trig:
            continue
        if trig.entry.type == "ACCUSE":  # "condemned the attack by X", "accused of": the accused did it
            found = [a for t in inner.sources for a in actors_of(t, index, aff, on)]
        else:
            found = [a for t in inner.targets for a in actors_of(t, index, aff, on, place_as_country=True)]
            if inner.entry.symmetric:
                found += [a for t in inner.sources for a in actors_of(t, index, aff, on)]
        found = [a for a in found if a.actor not in own]
        if found:
            return found
    return []


def merge_mentions(events: list[Event]) -> list[Event]:
    """One event per happening: a later mention of the same type, between the same actors, at
    the same named place ("the Russia-US summit in Anchorage" ... "the August meeting in
    Anchorage") is folded into the first, which takes its date if it had none."""
    out: list[Event] = []
    for ev in events:
        twin = next((e for e in out if _same_happening(e, ev)), None)
        if twin is None:
            out.append(ev)
        elif twin.when is None and ev.when is not None:
            twin.when = ev.when
    return out


def _same_happening(a: Event, b: Event) -> bool:
    if a.type != b.type or a.where is None or a.where != b.where:
        return False
    return {a.source, a.target} == {b.source, b.target}


def events_for(ctx: DocContext) -> list[Event]:
    """The stage's entry point (needs the record's mentions, places, dates and statements):
    lexicon and lookups loaded once, policy from the settings."""
    options = ctx.options.events
    policy = EventPolicy(options.require_target, options.keep_negated, options.keep_hypothetical)
    return find_events(ctx.doc, ctx.record, get_event_lexicon(options.triggers), ctx.affiliations, policy, ctx.mentions)
