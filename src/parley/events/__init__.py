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

from .coding import EventPolicy, events_for, find_events, merge_mentions
from .lexicon import EventLexicon, get_event_lexicon
from .modality import Modality, modality_of
from .roles import assign_roles, link_nesting, yield_conflictual
from .triggers import Trigger, complement_head, find_triggers

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
