"""The event stage: who did what to whom, coded with PLOVER's 16 event types
(``shared/eval/FORMAT.md`` ``events``).

A dictionary coder in the tradition of TABARI and PETRARCH (CAMEO's verb dictionaries), read
off spaCy's dependency parse rather than a shallow pattern: ``data/events.yaml`` lists trigger
verbs, verb + particle phrases ("retreat from") and nouns ("summit", "talks"), each with its
PLOVER type and the syntactic roles that give its recipient. Rules, in order:

* triggers: a verb lemma (with its object filter: "lift sanctions", not "lift a box"), a verb
  and its particle or preposition, a noun or a modifier + noun ("prisoner exchange");
* roles: the subject (conjuncts included; a passive's ``by`` agent) is the source; the object,
  a dative, or a listed preposition's object is the target; symmetric triggers (meetings,
  talks) make every participant meet every other, in text order. A noun's participants are its
  possessor, the names or demonyms in front of it ("the Russia-US summit"), its listed
  prepositions ("talks with", "between X and Y"), and, when fewer than two, the subject of the
  verb it hangs off ("Putin spoke during a meeting with ...");
* actors: PLOVER codes the acting state or organisation (:mod:`parley.actors.affiliation`), so a
  person becomes the country of their office on the event's date; the person is kept in
  ``source_person`` / ``target_person``;
* nesting: a trigger in the complement of another ("threatened to attack", "rejected talks
  with", "accused X of attacking") is not an event of its own; it lends its recipient to the
  outer one when that has none ("refused to meet Ukraine" -> REJECT Russia -> Ukraine);
* modality: ``negated`` ("did not meet", "no talks", "denied attacking"), ``hypothetical``
  (could/would/may, if-clauses, proposals and readiness: "ready to meet", "possible talks"),
  ``future`` (will). A cooperative event said as an intention is coded AGREE, PLOVER's
  "express intent to cooperate"; negated events are left out by default, as the PLOVER manual
  allows ("negated events can be excluded"), and so are events with no recipient (settings);
* ``reported_by``: an event inside a statement keeps the statement's speaker;
* ``when`` is the event's own date through the parse (:func:`parley.base.dating.date_governing`),
  ``where`` a place from ``record.places`` in a locative phrase or in front of a noun ("the
  Anchorage talks"). Mentions of one event (same type, actors and place) are merged.

Limits: one clause at a time (no coreference of events across sentences beyond the merge),
no event nouns that need world knowledge to find their participants ("the war"), and only
what the dictionary lists: an unlisted verb is no event.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence, Set
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Token

from .actors import Acting, Affiliations, actors_of
from .base.context import DocContext
from .base.dating import date_governing, day_of
from .base.index import MentionIndex
from .base.parse import conjuncts, subjects_of
from .base.registry import resource
from .data.loaders import load_event_triggers
from .data.schemas import EventsFile, TriggerEntry
from .model import ArticleRecord, DateRef, Event, Span

# The path from a nested trigger up to the one whose complement it is.
_COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "dobj", "pcomp", "acl", "prep", "pobj"})
_CONTENT_PREPS = frozenset({"to", "on", "of", "for", "from", "upon", "into", "over", "against", "with"})
_LOCATIVE = frozenset({"in", "at", "near", "outside", "inside"})


@dataclass
class Trigger:
    """A word that reports an event, before its participants are coded."""

    token: Token
    entry: TriggerEntry
    kind: str  # verb | noun
    first: int  # first token of the trigger's words (a modifier of a two-word noun)
    last: int  # last token (a particle right after the verb: "ruled out")
    particle: Token | None = None  # the phrase's particle or preposition
    governor: Token | None = None  # nouns: the verb they hang off
    sources: list[Token] = field(default_factory=list)
    targets: list[Token] = field(default_factory=list)
    outer_sources: list[Token] = field(default_factory=list)  # nouns: the governing verb's subjects
    nested_in: Trigger | None = None
    yielded: bool = False  # an offer or proposal of a conflictual act: the act is coded instead


class EventLexicon:
    """``events.yaml`` compiled once into lookups (per file, cached)."""

    def __init__(self, data: EventsFile) -> None:
        self.data = data
        self.verbs = data.verbs
        self.phrases: dict[tuple[str, str], TriggerEntry] = {}
        for key, entry in data.phrases.items():
            head, part = key.split()
            self.phrases[(head, part)] = entry
        self.nouns: dict[str, TriggerEntry] = {k: v for k, v in data.nouns.items() if " " not in k}
        self.noun_pairs: dict[tuple[str, str], TriggerEntry] = {}
        for key, entry in data.nouns.items():
            if " " in key:
                mod, head = key.rsplit(" ", 1)
                self.noun_pairs[(mod, head)] = entry
        m = data.modality
        self.negators = frozenset(m.negators)
        self.failure_heads = frozenset(m.failure_heads)
        self.hypothetical_aux = frozenset(m.hypothetical_auxiliaries)
        self.future_aux = frozenset(m.future_auxiliaries)
        self.conditional = frozenset(m.conditional_marks)
        self.intention = frozenset(m.intention_heads)
        self.hypothetical_mods = frozenset(m.hypothetical_modifiers)
        self.topic_preps = frozenset(m.topic_prepositions)
        self.historical_preps = frozenset(m.historical_prepositions)
        self.circumstance_preps = frozenset(m.circumstance_prepositions) | {"in"}
        self.local_groups = frozenset(data.local_groups)
        self.cooperative = frozenset(name for name, t in data.types.items() if t.cooperative)
        self.recipient_required = frozenset(name for name, t in data.types.items() if t.recipient == "required")


def get_event_lexicon(path: str | None = None) -> EventLexicon:
    """The trigger dictionary ``data/events.yaml`` (or ``path``), compiled once per process."""
    return resource("events.lexicon", path, lambda: EventLexicon(load_event_triggers(path)))


# -- finding triggers ------------------------------------------------------------------------


def _object_of(token: Token) -> Token | None:
    passive = any(c.dep_ == "auxpass" for c in token.children)
    for child in token.children:
        if child.dep_ == "dobj" or (passive and child.dep_ == "nsubjpass"):
            return child
    return None


def _objects_ok(token: Token, entry: TriggerEntry) -> bool:
    if not entry.objects and not entry.not_objects:
        return True
    obj = _object_of(token)
    things = conjuncts(obj) if obj is not None else []
    # "provided Ukraine with missiles": what is given may come with "with"
    things += [o for c in token.children if c.dep_ == "prep" and c.lower_ == "with" for o in c.children if o.dep_ == "pobj"]
    for _ in range(2):  # "sent billions of dollars' worth of arms": the amount is of what is given
        things += [o for t in things for o in _prep_objects(t, _AMOUNT_PREPS) if o not in things]
    if obj is not None and (obj.ent_type_ in ("MONEY", "CARDINAL") or any(c.dep_ == "nummod" for c in obj.children)):
        things += _prep_objects(token, {"in"})  # "sent billions of dollars in weapons" (the parser hangs "in" on the verb)
    lemmas = {t.lemma_.lower() for t in things} | {t.lower_ for t in things}
    if entry.not_objects and lemmas & set(entry.not_objects):
        return False
    if entry.objects:
        person = obj is not None and "PERSON" in entry.objects and any(t.ent_type_ == "PERSON" for t in conjuncts(obj))
        person = person or (obj is not None and "PERSON" in entry.objects and obj.lemma_.lower() in entry.objects)
        return person or bool(lemmas & set(entry.objects))
    return True


def _has_infinitive(token: Token) -> bool:
    return any(c.dep_ in {"xcomp", "ccomp"} and any(a.tag_ == "TO" for a in c.children) for c in token.children)


def _governor(token: Token, lex: EventLexicon) -> tuple[Token | None, str | None]:
    """The verb a noun trigger hangs off, and how ("object", "circumstance", "topic",
    "historical"); (None, None) when it hangs off no verb."""
    if token.dep_ == "dobj" and token.head.pos_ in {"VERB", "AUX"}:
        return token.head, "object"
    if token.dep_ == "pobj" and token.head.dep_ == "prep":
        prep = token.head
        word = prep.lower_
        if word in lex.topic_preps:
            return prep.head, "topic"
        if word in lex.historical_preps:
            return prep.head, "historical"
        if word in lex.circumstance_preps and prep.head.pos_ in {"VERB", "AUX"}:
            return prep.head, "circumstance"
        if word in _CONTENT_PREPS and prep.head.pos_ in {"VERB", "AUX"}:
            return prep.head, "content"
    if token.dep_ == "conj" and token.head.pos_ == "NOUN":
        return _governor(token.head, lex)
    return None, None


def find_triggers(doc: Doc, lex: EventLexicon) -> list[Trigger]:
    """Every word of ``doc`` the dictionary lists as an event trigger, in text order."""
    out: list[Trigger] = []
    for token in doc:
        pos = token.pos_
        lemma = token.lemma_.lower()
        if pos == "VERB":
            found = None
            if any(c.dep_ == "oprd" for c in token.children):
                continue  # "called him a liar": naming, not an event
            for child in token.children:
                if child.dep_ == "prep" and any(o.ent_type_ in {"DATE", "TIME"} for o in child.children if o.dep_ == "pobj"):
                    continue  # "called ... on Friday" is no "call on"
                if child.dep_ in {"prt", "prep", "dobj", "advmod"}:
                    entry = lex.phrases.get((lemma, child.lower_))
                    if entry is not None:
                        found = Trigger(token, entry, "verb", token.i, child.i if child.dep_ == "prt" and child.i == token.i + 1 else token.i, particle=child)
                        break
            if found is None and lemma in lex.verbs and _objects_ok(token, lex.verbs[lemma]):
                entry = lex.verbs[lemma]
                if entry.needs_infinitive and not _has_infinitive(token):
                    continue
                if entry.object_type is not None and _object_of(token) is not None:
                    entry = entry.model_copy(update={"type": entry.object_type})
                found = Trigger(token, entry, "verb", token.i, token.i)
            if found is not None:
                out.append(found)
        elif pos in {"NOUN", "PROPN"} and token.dep_ != "compound":
            entry = None
            first = token.i
            for child in token.children:
                if child.dep_ in {"compound", "amod", "nmod"} and child.i < token.i:
                    pair = lex.noun_pairs.get((child.lower_, lemma)) or lex.noun_pairs.get((child.lemma_.lower(), lemma))
                    if pair is not None:
                        entry, first = pair, child.i
                        break
            if entry is None:
                entry = lex.nouns.get(lemma) or lex.nouns.get(token.lower_)
            if entry is None:
                continue
            gov, how = _governor(token, lex)
            if how in {"topic", "historical"}:
                continue  # "spoke about negotiations", "since the invasion": not reported as events
            if entry.verbs and (gov is None or gov.lemma_.lower() not in entry.verbs):
                continue
            out.append(Trigger(token, entry, "noun", first, token.i, governor=gov))
    return out


# -- roles -----------------------------------------------------------------------------------


_COMPLEMENT_PREPS = {"to", "against", "on", "from", "with"}


def _prep_objects(token: Token, preps: Set[str]) -> list[Token]:
    out: list[Token] = []
    for child in token.children:
        if child.dep_ in {"prep", "agent", "dative"} and child.lower_ in preps:  # "offered concessions to Kyiv": a dative "to"
            for obj in child.children:
                if obj.dep_ == "pobj":
                    out += conjuncts(obj)
    return out


# Prepositions between an amount and what it is of: "500 million euros in aid", "a package of arms".
_AMOUNT_PREPS = frozenset({"in", "of", "worth"})


def _verb_targets(trig: Trigger) -> list[Token]:
    token, entry = trig.token, trig.entry
    passive = any(c.dep_ == "auxpass" for c in token.children)
    preps = {r for r in entry.target if r not in {"object", "dative", "clause", "complement"}}
    out: list[Token] = []
    for role in entry.target:
        if role == "object":
            obj = _object_of(token)
            if obj is not None:
                out += conjuncts(obj)
        elif role == "dative":
            for c in token.children:
                if c.dep_ in {"dative", "iobj"}:
                    objs = [o for o in c.children if o.dep_ == "pobj"] if c.pos_ == "ADP" else [c]
                    out += [t for o in objs for t in conjuncts(o)]
        elif role == "clause":
            for c in token.children:
                if c.dep_ in {"ccomp", "xcomp"}:
                    subj = next((s for s in c.children if s.dep_ in {"nsubj", "nsubjpass"}), None)
                    if subj is not None:
                        out += conjuncts(subj)
        elif role == "complement":
            # "threatened to cut gas supplies to Moldova", "vowed to retaliate against Israel":
            # the recipient sits in the to-infinitive; only a verb with no target of its own
            # reads it (a trigger inside, "threatened to attack X", lends its own)
            for c in token.children:
                if c.dep_ == "xcomp" and any(a.tag_ == "TO" for a in c.children):
                    obj = _object_of(c)
                    out += conjuncts(obj) if obj is not None else []
                    out += _prep_objects(c, _COMPLEMENT_PREPS)
                    if obj is not None:
                        out += _prep_objects(obj, _COMPLEMENT_PREPS)
        elif role in preps:
            out += _prep_objects(token, {role})
            obj = _object_of(token)
            if obj is not None and not passive:
                out += _prep_objects(obj, {role})  # "signed a deal with X", "imposed sanctions on X"
                for inner in _prep_objects(obj, _AMOUNT_PREPS):  # "pledged 500 million euros in aid to X"
                    out += _prep_objects(inner, {role})
            if trig.particle is not None and trig.particle.lower_ == role and trig.particle.dep_ == "prep":
                out += [t for o in trig.particle.children if o.dep_ == "pobj" for t in conjuncts(o)]
    return _unique(out)


def _noun_participants(trig: Trigger) -> tuple[list[Token], list[Token]]:
    """(sources, targets) read inside a noun trigger's phrase."""
    token, entry = trig.token, trig.entry
    sources: list[Token] = []
    for child in token.children:
        if child.dep_ == "poss" or (child.dep_ in {"compound", "amod", "nmod"} and child.i < trig.first):
            sources.append(child)
            sources += [c for c in child.children if c.dep_ in {"compound", "amod"} and c.i < child.i]  # "Russia-US"
    sources += _prep_objects(token, {"by"})
    targets = _prep_objects(token, set(entry.target))
    if trig.governor is not None:
        targets += _prep_objects(trig.governor, set(entry.target) - {"of"})  # "held talks with X"
    return _unique(sorted(sources, key=lambda t: t.i)), _unique(targets)


def _unique(tokens: Iterable[Token]) -> list[Token]:
    seen: set[int] = set()
    out = []
    for t in tokens:
        if t.i not in seen:
            seen.add(t.i)
            out.append(t)
    return out


def assign_roles(triggers: Sequence[Trigger]) -> None:
    """Fill each trigger's source and target tokens (before actors are resolved)."""
    for trig in triggers:
        if trig.kind == "verb":
            trig.sources = subjects_of(trig.token)
            trig.targets = _verb_targets(trig)
        else:
            trig.sources, trig.targets = _noun_participants(trig)
            if trig.governor is not None:
                # "Putin spoke during a meeting with ...": the speaker took part (used when the
                # noun's own phrase names fewer than two actors)
                trig.outer_sources = [t for t in subjects_of(trig.governor) if t.i not in {s.i for s in trig.sources}]
        if trig.entry.mode == "host":  # PLOVER: the visitor is the source, the host the recipient
            trig.sources, trig.targets = trig.targets, trig.sources


def link_nesting(triggers: Sequence[Trigger]) -> None:
    """Mark triggers that sit in the complement of another: "threatened to attack",
    "threatened to impose tariffs", "rejected talks with", "accused X of attacking", "warned
    that it would strike". The climb goes through complements only (objects, infinitives,
    that-clauses, of/to/for phrases), never through a circumstance ("after consultations")."""
    by_token = {t.token.i: t for t in triggers}
    for trig in triggers:
        node = trig.governor if trig.governor is not None and trig.kind == "noun" else trig.token
        if trig.kind == "noun" and trig.governor is not None:
            outer = by_token.get(node.i)
            if outer is not None and _noun_is_complement(trig):
                trig.nested_in = outer
                continue
            if not _noun_is_complement(trig):
                continue  # "retreated after consultations": the noun is no complement of the verb
        for _ in range(3):
            head = complement_head(node) or (node.head if node.dep_ == "ccomp" and node.head.i != node.i else None)
            if head is None:
                break
            outer = by_token.get(head.i)
            if outer is not None and outer is not trig:
                trig.nested_in = outer
                break
            node = head


def yield_conflictual(triggers: Sequence[Trigger], cooperative: frozenset[str]) -> None:
    """An AGREE verb (offer, propose, pledge) whose complement is no cooperation ("proposed new
    sanctions against Russia", "vowed to attack") expresses no intent to cooperate: the inner
    act is coded (hypothetical, through its intention word) and the AGREE is not."""
    for trig in triggers:
        outer = trig.nested_in
        if outer is not None and outer.entry.type == "AGREE" and trig.entry.type not in cooperative and trig.entry.type != "AGREE":
            trig.nested_in = None
            outer.yielded = True


def _noun_is_complement(trig: Trigger) -> bool:
    tok = trig.token
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ == "dobj" or (tok.dep_ == "pobj" and tok.head.lower_ in _CONTENT_PREPS)


# -- modality --------------------------------------------------------------------------------


@dataclass
class Modality:
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    intention: bool = False


def modality_of(trig: Trigger, lex: EventLexicon) -> Modality:
    """Negation, hypothesis, intention and future of a trigger's clause."""
    mod = Modality()
    heads = [trig.token] + ([trig.governor] if trig.governor is not None else [])
    for head in heads:
        for child in head.children:
            low = child.lower_
            if child.dep_ == "neg" or (low in lex.negators and child.dep_ in {"det", "advmod", "neg", "preconj"}):
                mod.negated = True
            if child.dep_ in {"aux", "auxpass"}:
                if low in lex.hypothetical_aux:
                    mod.hypothetical = True
                if low in lex.future_aux:
                    mod.future = True
            if child.dep_ == "amod" and low in lex.hypothetical_mods and head is trig.token:
                mod.hypothetical = True
            if child.dep_ == "dobj" and head is trig.token and any(d.dep_ == "det" and d.lower_ in lex.negators for d in child.children):
                mod.negated = True  # "attacked no civilian targets"
            if child.dep_ == "mark" and low in lex.conditional:
                mod.hypothetical = True
    gov = trig.governor
    if gov is not None and trig.token.dep_ == "dobj" and (gov.lemma_.lower() in lex.intention or gov.lower_ in lex.intention):
        mod.intention = mod.hypothetical = True  # "proposed new sanctions", "offered talks"
    # up the chain of complements: conditions, intentions and failures that govern the trigger
    node = heads[-1]
    for _ in range(3):
        if any(c.dep_ == "mark" and c.lower_ in lex.conditional for c in node.children):
            mod.hypothetical = True
        up = complement_head(node)
        if up is None:
            break
        lemma = up.lemma_.lower()
        if lemma in lex.intention or up.lower_ in lex.intention:
            mod.intention = mod.hypothetical = True
        if lemma in lex.failure_heads:
            mod.negated = True
        node = up
    return mod


def complement_head(node: Token) -> Token | None:
    """The word whose complement ``node`` is: the verb or adjective of an infinitive ("ready
    to meet"), the noun of an infinitive or an of/for phrase ("readiness to cease",
    "possibility of talks"), the verb of an object ("offered talks"); None otherwise."""
    dep, head = node.dep_, node.head
    if head.i == node.i:
        return None
    if dep in {"xcomp", "dobj"}:
        return head
    if dep == "acl" and any(c.dep_ == "aux" and c.tag_ == "TO" for c in node.children):
        return head
    if dep in {"pobj", "pcomp"} and head.dep_ == "prep" and head.lower_ in {"of", "for", "to"} and head.head.i != head.i:
        return head.head
    return None


# -- when and where --------------------------------------------------------------------------


def _frames(trig: Trigger) -> list[Token]:
    """The words whose modifiers place an event: the trigger, the verb a noun hangs off, and
    the verb a noun is the subject of ("the meeting took place in Moscow in March")."""
    out = [trig.token]
    if trig.governor is not None:
        out.append(trig.governor)
    if trig.kind == "noun" and trig.token.dep_ in {"nsubj", "nsubjpass"} and trig.token.head.i != trig.token.i:
        out.append(trig.token.head)
    return out


def _where(trig: Trigger, index: MentionIndex) -> str | None:
    """A place in a locative phrase of the trigger (or of the verb a noun hangs off), or a
    place name in front of a noun trigger ("the Anchorage talks")."""
    for head in _frames(trig):
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in _LOCATIVE:
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


# -- coding ----------------------------------------------------------------------------------


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
        where = _where(trig, index)
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
            if child.dep_ == "prep" and child.lower_ in _LOCATIVE | {"outside"}:
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


__all__ = [
    "EventLexicon",
    "EventPolicy",
    "Modality",
    "Trigger",
    "assign_roles",
    "complement_head",
    "events_for",
    "find_events",
    "find_triggers",
    "get_event_lexicon",
    "link_nesting",
    "merge_mentions",
    "modality_of",
    "yield_conflictual",
]
