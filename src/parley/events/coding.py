"""Coding: a trigger's roles read as acting states and organisations, with when and where,
modality and the statement that reports it; one event per happening.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from ..actors import Acting, Affiliations
from ..base.context import DocContext
from ..base.dating import date_governing, day_of
from ..base.index import MentionIndex
from ..base.parse import unique_by
from ..model import ArticleRecord, DateRef, Event, Span
from .lexicon import EventLexicon, get_event_lexicon
from .modality import modality_of
from .participants import Described, GroupWords, by_agent, event_actors
from .roles import add_obligations, assign_roles, link_nesting, nest_conditions, yield_conflictual
from .triggers import Trigger, _object_of, _prep_objects, find_triggers


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
    """A place in a locative phrase of the trigger (or of the verb a noun hangs off), a
    place name in front of a noun trigger ("the Anchorage talks"), or the place of what was
    acted on ("blocked roads in Caracas", "fired at a vessel near the shoal")."""
    place = _locative_place(_frames(trig), index, lex.locative)
    if place is not None:
        return place
    if trig.kind == "noun":
        for child in trig.token.children:
            if child.dep_ == "compound" and child.i < trig.token.i:
                named = index.place_by_token.get(child.i)
                mention = index.mention(child)
                if named is not None and (mention is None or mention.kind == "place"):
                    return named.name
    return _locative_place(_acted_on(trig), index, lex.locative)


def _locative_place(heads: Iterable[Token], index: MentionIndex, locative: frozenset[str]) -> str | None:
    """The first place named by a locative phrase of one of ``heads``."""
    for head in heads:
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in locative:
                place = _place_in(child, index, locative)
                if place is not None:
                    return place
    return None


def _place_in(prep: Token, index: MentionIndex, locative: frozenset[str]) -> str | None:
    """The place a locative phrase names: its object, else the object of a locative phrase
    deeper in it ("outside the US embassy in Nairobi" -> Nairobi; not the "China" of "in its
    dispute with China")."""
    objects = [o for o in prep.children if o.dep_ == "pobj"]
    for obj in objects:
        place = index.place_by_token.get(obj.i)
        if place is not None:
            return place.name
    for obj in objects:
        for tok in obj.subtree:
            place = index.place_by_token.get(tok.i)
            if place is not None and tok.dep_ == "pobj" and tok.head.lower_ in locative:
                return place.name
    return None


def _acted_on(trig: Trigger) -> list[Token]:
    """What a trigger acts on: a verb's object, and the objects of its listed prepositions
    (a noun's, on the verb it hangs off)."""
    head = trig.token if trig.kind == "verb" else trig.governor
    if head is None:
        return []
    obj = _object_of(head) if trig.kind == "verb" else None
    out = [obj] if obj is not None else []
    return out + _prep_objects(head, set(trig.entry.target) - {"object", "dative", "clause", "complement", "condition"})


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
    """One acting per actor, the first met."""
    return unique_by(actings, lambda a: a.actor)


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
    add_obligations(doc, triggers, lex)
    nest_conditions(triggers)
    yield_conflictual(triggers, lex.cooperative)
    resolved = [d for d in record.dates if d.value]
    text = doc.text
    events: list[Event] = []
    for trig in triggers:
        if trig.nested_in is not None or trig.yielded:
            continue
        when = _when(trig, resolved, doc) if resolved else None
        on = day_of(when, record.published)
        words = lex.group_words
        sources = [a for t in trig.sources for a in event_actors(t, index, aff, on, words)]
        targets = [a for t in trig.targets for a in event_actors(t, index, aff, on, words, place_as_country=True)]
        if trig.outer_sources and (not sources or (trig.entry.symmetric and len(_distinct(sources + targets)) < 2)):
            sources = [a for t in trig.outer_sources for a in event_actors(t, index, aff, on, words)] + sources
        where = _where(trig, index, lex)
        if not sources:
            sources = _local_sources(trig, lex, index, aff)
        if not sources:
            sources = _agentless_sources(trig, lex, index, aff, on)
        if trig.entry.mode == "visit":
            sources = [s for s in sources if not isinstance(s, Described)]  # doctors arriving are no state visit
        if trig.entry.state_type and any(_is_state(s, aff) for s in sources):
            trig.entry = trig.entry.model_copy(update={"type": trig.entry.state_type})  # police blocking roads coerce
        lender: Trigger | None = None
        if not targets and trig.entry is not lex.request and not (trig.entry.symmetric and len(_distinct(sources)) >= 2):
            targets, lender = _borrowed_targets(trig, triggers, index, aff, on, sources, words)
        if not targets and trig.entry.type == "PROTEST" and not trig.entry.own_target:
            targets = _protested_state(trig, lex, index, aff, sources)
        mod = modality_of(trig, lex)
        if mod.hypothetical and not policy.keep_hypothetical:
            continue
        if mod.hypothetical and trig.kind == "verb" and trig.sources and all(_is_thing(t, index, lex) for t in trig.sources):
            continue  # "his testimony could have supported Long's case": a thing's possibility, no actor's act
        event_type = trig.entry.type
        quote = index.quote_at(trig.token.idx)
        promised = mod.future or (mod.would and quote is not None)  # "said it would allow"
        refusal = mod.negated and (mod.intention or promised or mod.failed) and (event_type in lex.cooperative or event_type == "AGREE")
        if refusal:
            # "Iran will not negotiate with the US", "refuses to accept", "failed to reach
            # agreement": PLOVER's REJECT, a refusal stated, not an event that did not happen
            event_type = "REJECT"
            mod = replace(mod, negated=False)
        if mod.negated and not policy.keep_negated:
            continue
        if event_type == "REQUEST" and lender is not None and lender.entry.type in lex.material_conflict:
            # "called for sanctions against Nigeria": a call to punish X disapproves of X
            # (CAMEO's examples code it ACCUSE), it asks nothing of X
            event_type = "ACCUSE"
        if (mod.intention or promised) and event_type in lex.cooperative and not (promised and event_type == "CONSULT" and not mod.intention):
            # PLOVER: an expressed intent to cooperate; "all cooperative actions reported in
            # future tense are also taken to imply intentions" (a planned meeting stays CONSULT,
            # flagged future, as in the manual's example of the future context)
            event_type = "AGREE"
        if event_type in lex.material_conflict and (promised or mod.resolve or (mod.conditional and mod.hypothetical and quote is not None)):
            # PLOVER: a material conflict announced as the actor's will, future or condition
            # ("would blockade Paris", "plans to impose restrictions", "may halt mediation if")
            # is a threat, not an act
            event_type = "THREATEN"
        if event_type in lex.played and lex.sport is not None and lex.sport.search(trig.token.sent.text):
            continue  # "Brazil and Serbia clashed in a World Cup match": play, not conflict
        start = doc[trig.first].idx
        end = doc[trig.last].idx + len(doc[trig.last])
        for source, target in _pairs(trig, sources, targets):
            if target is None and (policy.require_target or event_type in lex.recipient_required):
                continue
            if target is not None and (target.actor == source.actor or (source.person is not None and source.person == target.person)):
                continue  # no one acts on themself ("the nominee complained about his mic")
            pair_type = event_type
            person_on_person = source.person is not None and target is not None and (target.person is not None or not _is_state(target, aff))
            if trig.entry.person_type and event_type == trig.entry.type and person_on_person:
                pair_type = trig.entry.person_type  # "Milei attacked Spain's prime minister", "Trump attacked radical Islam": words, not force
            events.append(
                Event(
                    type=pair_type,
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
                    coded_from=trig.entry.type if pair_type != trig.entry.type else None,
                )
            )
    return merge_mentions(events)


def _is_state(acting: Acting, aff: Affiliations) -> bool:
    entry = aff.book.actors.get(acting.actor)
    return entry is not None and entry.kind == "state"


def _protested_state(trig: Trigger, lex: EventLexicon, index: MentionIndex, aff: Affiliations, sources: list[Acting]) -> list[Acting]:
    """A protest that names no one protests against the state where it happens (PLOVER's
    domestic dissent): "students in Dhaka demonstrated against the quota system" -> Bangladesh."""
    heads = [*_frames(trig), *trig.sources, *trig.outer_sources]
    for head in heads:
        for child in head.children:
            if child.dep_ != "prep" or child.lower_ not in lex.locative:
                continue
            for obj in child.children:
                place = index.place_by_token.get(obj.i) if obj.dep_ == "pobj" else None
                state = aff.country_state(place.country) if place is not None else None
                if state and state not in {s.actor for s in sources}:
                    return [Acting(state, None, place.text if place is not None else None)]
    return []


def _is_thing(token: Token, index: MentionIndex, lex: EventLexicon) -> bool:
    """A subject that is a thing someone owns ("his testimony", "the company's report"), not
    an actor, a group of people or an event."""
    words = lex.group_words
    lemma = token.lemma_.lower()
    if token.pos_ != "NOUN" or index.mention(token) is not None:
        return False
    people = words.people | words.affiliates | words.state_sectors | words.quantities | lex.local_groups
    return lemma not in people and lemma not in lex.nouns and any(c.dep_ == "poss" for c in token.children)


def _agentless_sources(trig: Trigger, lex: EventLexicon, index: MentionIndex, aff: Affiliations, on: dt.date | None) -> list[Acting]:
    """Who acted when a passive names no agent: the doer of the event noun it happened in
    ("were killed in an attack by Hezbollah", "in an Israeli strike"), or, for an arrest or
    another act only a state does, the state where it happened ("was arrested in Lebanon")."""
    token = trig.token
    if trig.kind != "verb" or not any(c.dep_ == "auxpass" for c in token.children):
        return []
    for prep in token.children:
        if prep.dep_ != "prep" or prep.lower_ not in {"in", "during", "by"}:
            continue
        for noun in prep.children:
            entry = lex.nouns.get(noun.lemma_.lower())
            if noun.dep_ != "pobj" or entry is None or entry.type not in lex.material_conflict:
                continue
            doers = [c for c in noun.children if c.dep_ in {"poss", "amod", "compound", "nmod"} and c.i < noun.i] + by_agent(noun)
            found = [a for t in doers for a in event_actors(t, index, aff, on, lex.group_words)]
            if found:
                return found
    if trig.entry.type != "COERCE":
        return []
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in lex.locative:
            for obj in prep.children:
                place = index.place_by_token.get(obj.i) if obj.dep_ == "pobj" else None
                state = aff.country_state(place.country) if place is not None else None
                if state:
                    return [Acting(state, None, place.text if place is not None else None)]
    return []


def _local_sources(trig: Trigger, lex: EventLexicon, index: MentionIndex, aff: Affiliations) -> list[Acting]:
    """ "Protesters rallied in Baghdad": people named only by what they are act for the country
    of the event's place (PLOVER codes them by their country)."""
    locals_ = [t for t in (trig.sources or trig.outer_sources) if t.lemma_.lower() in lex.local_groups or t.lower_ in lex.local_groups]
    if not locals_:
        return []
    for head in [*_frames(trig), *locals_]:  # "protesters rallied in Tbilisi", "police in Belgrade arrested"
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
    trig: Trigger,
    triggers: Sequence[Trigger],
    index: MentionIndex,
    aff: Affiliations,
    on: dt.date | None,
    sources: list[Acting],
    words: GroupWords,
) -> tuple[list[Acting], Trigger | None]:
    """A nested trigger's recipient, lent to the trigger it sits in ("agreed to hold talks
    with Ukraine", "threatened to attack Kyiv"), and the trigger that lent it."""
    own = {s.actor for s in sources}
    for inner in triggers:
        if inner.nested_in is not trig:
            continue
        if trig.entry.type == "ACCUSE":  # "condemned the attack by X", "accused of": the accused did it
            found = [a for t in inner.sources for a in event_actors(t, index, aff, on, words)]
        else:
            found = [a for t in inner.targets for a in event_actors(t, index, aff, on, words, place_as_country=True)]
            if inner.entry.symmetric:
                found += [a for t in inner.sources for a in event_actors(t, index, aff, on, words)]
        found = [a for a in found if a.actor not in own]
        if found:
            return found, inner
    return [], None


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
