"""The trigger dictionary ``data/events.yaml`` compiled into lookups, once per process."""

from __future__ import annotations

from ..base.modality import modality_words
from ..base.registry import resource
from ..data.loaders import load_event_triggers
from ..data.schemas import EventsFile, TriggerEntry


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
        self.modality = modality_words()
        self.hypothetical_aux = frozenset(m.hypothetical_auxiliaries)
        self.future_aux = frozenset(m.future_auxiliaries)
        self.conditional = frozenset(m.conditional_marks)
        self.intention = frozenset(m.intention_heads)
        self.hypothetical_mods = frozenset(m.hypothetical_modifiers)
        self.topic_preps = frozenset(m.topic_prepositions)
        self.historical_preps = frozenset(m.historical_prepositions)
        self.circumstance_preps = frozenset(m.circumstance_prepositions) | {"in"}
        self.local_groups = frozenset(data.local_groups)
        self.locative = frozenset(data.locative_prepositions)
        self.cooperative = frozenset(name for name, t in data.types.items() if t.cooperative)
        self.recipient_required = frozenset(name for name, t in data.types.items() if t.recipient == "required")


def get_event_lexicon(path: str | None = None) -> EventLexicon:
    """The trigger dictionary ``data/events.yaml`` (or ``path``), compiled once per process."""
    return resource("events.lexicon", path, lambda: EventLexicon(load_event_triggers(path)))
