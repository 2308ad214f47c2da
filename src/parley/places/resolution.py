"""Which of several places a name means: a prior from the gazetteer, then what the article
says next to the name and, capped, what it says elsewhere (see the package docstring).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ..base.paragraphs import has_break
from ..model import Mention
from .gazetteer import _ADMINISTRATIVE, Candidate, Entry, Gazetteer, _holds, _km, place_key
from .toponyms import _LIST_GAPS, Toponym, _country_named


@dataclass(frozen=True)
class Weights:
    """How much each kind of evidence counts, in log10(population) units (``[places]`` settings)."""

    curated: float = 1.0  # a name from places_extra.yaml
    curated_size: float = 6.5  # a hand-kept place has no population: it counts as one of this size (log10)
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
        base = math.log10(e.population + 10) if e.population > 0 else weights.curated_size
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
        return " ".join(between.split()) if not has_break(between) and len(between) <= 6 else None

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


def _doubtful(
    cand: Candidate, specific: float, text: str, weights: Weights, *, generic: frozenset[str] = frozenset(), dateline: bool = False, country_named: bool = False
) -> bool:
    """A choice the gazetteer gives little ground for: an acronym that is no country's or
    hand-kept name ("HIV" is not Hīv, Iran; "US" and "DRC" are fine; a capitalised dateline,
    "ROME —", is no acronym); a region called only "Western" or "Southwest" in a country the
    article does not name; and, unless the article gives specific evidence, a small place
    reached only by an alternate name."""
    letters = text.replace(".", "")
    if letters.isupper() and len(letters) <= 5 and not dateline and not cand.curated and cand.entry.kind not in {"country", "region"}:
        return True
    key = place_key(text)
    if key in generic and not cand.curated and not country_named:
        return True
    if specific > 0:
        return False
    if cand.alternate and cand.entry.population < weights.min_alternate_population:
        return True
    return key in generic and not cand.curated
