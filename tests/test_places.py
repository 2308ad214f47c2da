"""The places stage: which words are places, and which place each one is.

Sentences are our own; each comes with the places expected (words as written -> name, kind,
country), traps included: namesakes in other countries, a seat acting as its government,
demonyms, a toponym no gazetteer has.
"""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parley.base.party_labels import party_labels
from parley.data.loaders import load_cities, load_places_extra, load_regions
from parley.errors import DataFileError
from parley.model import ArticleRecord, Mention, Place
from parley.output import place_features, write_geojson
from parley.places import (
    Candidate,
    Context,
    Entry,
    Toponym,
    Weights,
    filter_candidates,
    find_places,
    get_gazetteer,
    place_key,
    priors,
    score_candidate,
)
from parley.places.toponyms import defined_acronyms


@pytest.fixture(scope="module")
def gaz():
    return get_gazetteer()


def places_of(record: ArticleRecord) -> dict[str, tuple[str, str, str | None]]:
    """Words as written -> (name, kind, country) of the place they resolve to."""
    return {p.text: (p.name, p.kind, p.country) for p in record.places}


# -- keys and the gazetteer ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Kyiv", "kyiv"),
        ("the Donbas", "donbas"),
        ("Donbas's", "donbas"),
        ("St. Marc", "saint marc"),
        ("Saint-Marc", "saint marc"),
        ("Côte d’Ivoire", "cote d'ivoire"),
        ("Doğubayazıt", "dogubayazit"),
        ("Washington, D.C.", "washington dc"),
        ("U.S.", "us"),
        ("Guinea-Bissau", "guinea bissau"),
    ],
)
def test_place_key_folds_spelling_differences(text, key):
    assert place_key(text) == key


@given(st.text(max_size=40))
def test_place_key_never_raises_and_is_idempotent(text):
    key = place_key(text)
    assert place_key(key) == key
    assert key == key.strip() and "  " not in key


@pytest.mark.parametrize(
    ("name", "expected", "geonameid"),
    [
        ("Kiev", "Kyiv", 703448),
        ("Slavyansk", "Slovyansk", 693468),
        ("Sloviansk", "Slovyansk", 693468),
        ("Konstantinovka", "Kostyantynivka", 705104),
        ("Kostiantynivka", "Kostyantynivka", 705104),
        ("Kramatorsk", "Kramatorsk", 704508),
        ("Artemovsk", "Bakhmut", None),
        ("Krasnoarmeysk", "Pokrovsk", None),
        ("Zaporozhye", "Zaporizhzhya", None),
    ],
)
def test_transliterations_reach_the_same_city(gaz, name, expected, geonameid):
    """Russian and older spellings (places_extra.yaml spellings, GeoNames alternates) find
    the Ukrainian city; the hand-kept spelling wins over a namesake elsewhere."""
    cands = filter_candidates(gaz.lookup(name))
    p = priors(cands, Weights(), gaz)
    best = max(cands, key=lambda c: p[c.id]).entry
    assert (best.name, best.country) == (expected, "UA")
    if geonameid is not None:
        assert best.geonameid == geonameid


@pytest.mark.parametrize("name", ["Donetsk Oblast", "Donetsk region", "Donetsk oblast", "Donetska oblast"])
def test_oblast_spellings_reach_the_region(gaz, name):
    kinds = {(c.entry.kind, c.entry.country) for c in gaz.lookup(name)}
    assert ("region", "UA") in kinds


def test_hand_kept_places_have_their_points(gaz):
    (donbas,) = [c.entry for c in gaz.lookup("Donbas")]
    assert (donbas.kind, donbas.country, donbas.lat, donbas.lon) == ("region", "UA", 48.0, 38.0)
    (znpp,) = [c.entry for c in gaz.lookup("the Zaporizhzhia Nuclear Power Plant")]
    assert (znpp.kind, znpp.lat, znpp.lon) == ("facility", 47.51, 34.59)
    alaska = next(c.entry for c in gaz.lookup("Alaska") if c.entry.kind == "region")
    assert (alaska.lat, alaska.lon, alaska.geonameid) == (64.0, -150.0, 5879092)  # the state's middle, not its towns'


def test_a_country_stands_for_its_city_state(gaz):
    kinds = {c.entry.kind for c in filter_candidates(gaz.lookup("Singapore"))}
    assert kinds == {"country"}


def test_a_city_ranks_above_the_region_named_after_it(gaz):
    cands = filter_candidates(gaz.lookup("Donetsk"))
    p = priors(cands, Weights(), gaz)
    best = max(cands, key=lambda c: p[c.id]).entry
    assert (best.kind, best.country) == ("city", "UA")


def test_cities_file_keys_match_place_key():
    """cities.tsv.gz stores folded keys; they must be what place_key makes today (else rerun
    scripts/build_gazetteer.py)."""
    cities = load_cities()
    for i in range(0, len(cities), 997):
        assert cities.keys[i].split("|")[0] == place_key(cities.name[i]), cities.name[i]


def test_regions_file_has_countries_regions_and_districts():
    kinds = {r.kind for r in load_regions()}
    assert kinds == {"country", "continent", "region", "district"}


def test_a_bad_extra_file_names_file_and_key(tmp_path: Path):
    bad = tmp_path / "extra.yaml"
    bad.write_text("version: 1\nplaces:\n  - {name: Nowhere, kind: region, lat: 123.0, lon: 0.0}\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"\[extra.yaml -> places -> 0 -> lat\]"):
        load_places_extra(str(bad))


def test_a_bad_cities_file_names_the_line(tmp_path: Path):
    bad = tmp_path / "cities.tsv.gz"
    rows = "# test\ngeonameid\tname\tcountry\tadmin1\tlat\tlon\tpopulation\tkeys\n1\tA\tUA\t\t48.0\t38.0\t10\ta\n2\tB\tUA\t\tnorth\t38.0\t10\tb\n"
    bad.write_bytes(gzip.compress(rows.encode()))
    with pytest.raises(DataFileError, match=r"line 4 -> lat"):
        load_cities(str(bad))


# -- the scoring policy, on its own -------------------------------------------------------------


def _cand(i: int, kind: str, country: str, admin1: str, population: int) -> Candidate:
    return Candidate(i, Entry(kind, f"Place {i}", country, admin1, 10.0 * i, 10.0, population, None), False, False)


def test_the_holder_written_next_to_a_name_outweighs_population():
    """ "Paris, Texas": Texas holds the small Paris, which wins over the capital of France."""
    big, small = _cand(1, "city", "FR", "11", 2_000_000), _cand(2, "city", "US", "TX", 25_000)
    texas = Entry("region", "Texas", "US", "TX", 31.0, -100.0, 25_000_000, None)
    top = Toponym(0, 5, "Paris", "GPE", [big, small])
    w = Weights()
    scores = {c.id: score_candidate(c, priors([big, small], w)[c.id], top, 0, Context(), [(texas, True)], [], w)[0] for c in (big, small)}
    assert scores[2] > scores[1]


def test_the_articles_country_alone_does_not_overturn_a_hundredfold_population():
    """An article about the United States does not make "London" the one in Ohio."""
    big, small = _cand(1, "city", "GB", "ENG", 9_000_000), _cand(2, "city", "US", "OH", 10_000)
    ctx = Context()
    ctx.countries.update({"US": 12})
    top = Toponym(0, 6, "London", "GPE", [big, small])
    w = Weights()
    base = priors([big, small], w)
    scores = {c.id: score_candidate(c, base[c.id], top, 0, ctx, [], [], w)[0] for c in (big, small)}
    assert scores[1] > scores[2]


# -- whole sentences ----------------------------------------------------------------------------

SENTENCES = [
    # cities, regions, facilities, countries
    ("The mayor of Kharkiv spoke in Lviv on Monday.", {"Kharkiv": ("Kharkiv", "city", "UA"), "Lviv": ("Lviv", "city", "UA")}),
    ("Shelling continued in the Donetsk region overnight.", {"Donetsk region": ("Donetsk", "region", "UA")}),
    (
        "Inspectors visited the Zaporizhzhia Nuclear Power Plant on Monday.",
        {"Zaporizhzhia Nuclear Power Plant": ("Zaporizhzhia Nuclear Power Plant", "facility", "UA")},
    ),
    (
        "Russia and Ukraine exchanged prisoners in Istanbul.",
        {"Russia": ("Russia", "country", "RU"), "Ukraine": ("Ukraine", "country", "UA"), "Istanbul": ("Istanbul", "city", "TR")},
    ),
    (
        "Tankers crossed the Strait of Hormuz and the Black Sea.",
        {"Strait of Hormuz": ("Strait of Hormuz", "strait", None), "Black Sea": ("Black Sea", "sea", None)},
    ),
    (
        "Negotiators discussed Transnistria, Abkhazia and South Ossetia.",
        {"Transnistria": ("Transnistria", "region", "MD"), "Abkhazia": ("Abkhazia", "region", "GE"), "South Ossetia": ("South Ossetia", "region", "GE")},
    ),
    # transliterations and a hyphenated chain spaCy does not tag
    ("The fighting around Avdeevka and Artemovsk has stalled.", {"Avdeevka": ("Avdiyivka", "city", "UA"), "Artemovsk": ("Bakhmut", "city", "UA")}),
    (
        "Talks stalled over the Kramatorsk-Konstantinovka-Slovyansk hub and the Donbas.",
        {
            "Kramatorsk": ("Kramatorsk", "city", "UA"),
            "Konstantinovka": ("Kostyantynivka", "city", "UA"),
            "Slovyansk": ("Slovyansk", "city", "UA"),
            "Donbas": ("Donbas", "region", "UA"),
        },
    ),
    # ambiguity: the text next to the name, then the article
    ("The tornado hit Paris, Texas, on Sunday night.", {"Paris": ("Paris", "city", "US"), "Texas": ("Texas", "region", "US")}),
    ("She moved from Paris to Lyon after the war.", {"Paris": ("Paris", "city", "FR"), "Lyon": ("Lyon", "city", "FR")}),
    ("The storm knocked out power in Atlanta, Georgia, and in Savannah.", {"Atlanta": ("Atlanta", "city", "US"), "Georgia": ("Georgia", "region", "US")}),
    ("Tbilisi is the capital of Georgia, which borders Russia and Armenia.", {"Tbilisi": ("Tbilisi", "city", "GE"), "Georgia": ("Georgia", "country", "GE")}),
    ("The leaders met in Anchorage, Alaska, in August.", {"Anchorage": ("Anchorage", "city", "US"), "Alaska": ("Alaska", "region", "US")}),
    ("He flew to Washington for talks with the president.", {"Washington": ("Washington", "city", "US")}),
    (
        "Wildfires spread across eastern Washington state and Oregon.",
        {"Washington state": ("Washington", "region", "US"), "Oregon": ("Oregon", "region", "US")},
    ),
    ("Police in Birmingham, Alabama, arrested two men.", {"Birmingham": ("Birmingham", "city", "US"), "Alabama": ("Alabama", "region", "US")}),
    (
        "The train from London to Birmingham was delayed by snow in Manchester.",
        {"London": ("London", "city", "GB"), "Birmingham": ("Birmingham", "city", "GB")},
    ),
    ("Ukrainian forces shelled Donetsk, the largest city of the Donbas, as fighting spread near Horlivka.", {"Donetsk": ("Donetsk", "city", "UA")}),
    ("Floods hit Donetsk, a small town in Russia's Rostov Oblast, near the border.", {"Donetsk": ("Donetsk", "city", "RU")}),
    # a dateline in capitals, which spaCy leaves untagged
    ("NEW DELHI: The minister said on Sunday that talks would go on.", {"NEW DELHI": ("Delhi", "city", "IN")}),
    ("FORT WAYNE, Ind. -- A man was arrested on Tuesday.", {"FORT WAYNE": ("Fort Wayne", "city", "US")}),
    # a big city spaCy tags PERSON, and the untagged one in a list with it
    ("Russian forces shelled Kherson and Kharkiv overnight.", {"Kherson": ("Kherson", "city", "UA"), "Kharkiv": ("Kharkiv", "city", "UA")}),
]


@pytest.mark.parametrize(("text", "expected"), SENTENCES, ids=[s[:40] for s, _ in SENTENCES])
def test_places_in_sentences(analyse, text, expected):
    found = places_of(analyse(text))
    for words, place in expected.items():
        assert found.get(words) == place, (words, found)


@pytest.mark.parametrize(
    ("text", "not_places"),
    [
        ("Russian troops advanced as European leaders met.", {"Russian", "European"}),  # demonyms
        ("Moscow said it would respond to the sanctions.", {"Moscow"}),  # the seat acts: an actor
        ("The Marburg virus spread in the capital.", {"Marburg"}),  # part of another name
        ("Austin told reporters he was tired.", {"Austin"}),  # a person's slot: the subject
        # tagged PERSON in an object's slot, but the article named the person in full first
        ("Lloyd Austin resigned on Friday. The president thanked Austin for his service.", {"Austin"}),
    ],
)
def test_words_that_are_not_places(analyse, text, not_places):
    found = places_of(analyse(text))
    assert not_places.isdisjoint(found), found


def test_a_misread_person_mention_becomes_a_place_mention(analyse):
    record = analyse("Zelensky visited Kherson on Friday.")
    types = {m.text: (m.type, m.actor) for m in record.mentions}
    assert types["Kherson"] == ("GPE", "Kherson") and types["Zelensky"] == ("PERSON", "Volodymyr Zelenskyy")


def test_a_seat_is_a_place_after_a_locative_preposition(analyse):
    assert places_of(analyse("Putin spoke to reporters in Moscow on Friday."))["Moscow"] == ("Moscow", "city", "RU")


def test_every_place_span_indexes_the_text(analyse):
    record = analyse("Talks in Anchorage, Alaska, and later in Kyiv and the Donbas went on.")
    assert record.places
    assert all(p.valid_in(record.text) for p in record.places)


def test_an_unknown_toponym_is_kept_without_coordinates(nlp):
    """A name no gazetteer has keeps its words, with null coordinates; the rest still resolve."""
    text = "Refugees arrived from Quxlandia and from Kharkiv."
    doc = nlp(text)
    mentions = []
    for word in ("Quxlandia", "Kharkiv"):
        start = text.index(word)
        mentions.append(Mention(start=start, end=start + len(word), text=word, type="GPE", actor=word, via="name", kind="place"))
    places = {p.text: p for p in find_places(doc, mentions, None)}
    assert places["Quxlandia"].lat is None and places["Quxlandia"].lon is None
    assert places["Quxlandia"].name == "Quxlandia"
    assert (places["Kharkiv"].country, places["Kharkiv"].lat is not None) == ("UA", True)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(["in", "Paris", "Georgia", ",", "and", "the", "Kyiv", "-", "Donbas", "Oblast", "said", "Moscow", "X", "."]), max_size=14))
def test_find_places_never_raises(nlp, words):
    text = " ".join(words)
    doc = nlp(text)
    for place in find_places(doc, [], None):
        assert place.valid_in(text)


# -- output -------------------------------------------------------------------------------------


def _record() -> ArticleRecord:
    text = "Talks in Anchorage and Quxlandia."
    return ArticleRecord(
        id="a1",
        text=text,
        places=[
            Place(start=9, end=18, text="Anchorage", name="Anchorage", kind="city", country="US", lat=61.2181, lon=-149.9003, geonameid=5879400),
            Place(start=23, end=32, text="Quxlandia", name="Quxlandia", kind="unknown"),
        ],
    )


def test_geojson_features_put_longitude_first_and_keep_unlocated_places():
    located, unlocated = place_features(_record())
    assert located["geometry"] == {"type": "Point", "coordinates": [-149.9003, 61.2181]}
    assert located["properties"] == {
        "article_id": "a1", "text": "Anchorage", "start": 9, "end": 18, "name": "Anchorage", "kind": "city", "country": "US", "geonameid": 5879400,
    }  # fmt: skip
    assert unlocated["geometry"] is None


def test_geojson_collects_many_articles_in_one_collection():
    out = io.StringIO()
    assert write_geojson([_record(), _record().model_copy(update={"id": "a2"})], out) == 2
    data = json.loads(out.getvalue())
    assert data["type"] == "FeatureCollection"
    assert [f["properties"]["article_id"] for f in data["features"]] == ["a1", "a1", "a2", "a2"]


def test_geojson_of_no_places_is_an_empty_collection():
    out = io.StringIO()
    write_geojson([ArticleRecord(id="x", text="Nothing here.")], out)
    assert json.loads(out.getvalue()) == {"type": "FeatureCollection", "features": []}


def test_cli_writes_geojson(tmp_path: Path):
    from typer.testing import CliRunner

    from parley.cli import app

    article = tmp_path / "a.txt"
    article.write_text("The leaders met in Anchorage, Alaska, in August.", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(article), "--format", "geojson"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    names = {f["properties"]["name"] for f in data["features"]}
    assert {"Anchorage", "Alaska"} <= names


def test_text_output_lists_places(tmp_path: Path):
    from typer.testing import CliRunner

    from parley.cli import app

    article = tmp_path / "a.txt"
    article.write_text("The leaders met in Anchorage, Alaska, in August.", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(article), "--format", "text"])
    assert result.exit_code == 0, result.output
    assert "Places" in result.stdout and "Anchorage" in result.stdout


def test_another_name_of_a_state_is_that_country(analyse):
    # "Korea" is South Korea in the actor file; as a place it is the country, not a seat acting
    # (and not the small town Koréa in Côte d'Ivoire)
    (place,) = analyse("Exports from Korea rose 5 percent in March.", "2022-05-01").places
    assert (place.text, place.name, place.country, place.kind) == ("Korea", "South Korea", "KR", "country")
    assert analyse("Moscow said the talks had failed.", "2022-05-01").places == []


# -- acronyms, party labels and natural features (issue 12) ---------------------------------------

BUDGET = (
    "House Democrats unveiled a stopgap spending bill on Thursday. The continuing resolution, or CR, "
    "would avert a shutdown. Republicans said they would back the CR if it had no riders. Agencies "
    "dislike operating under a CR for months, and funding in the CR stays flat."
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (BUDGET, {"CR": "continuing resolution"}),
        ("The World Health Organization (WHO) said so.", {"WHO": "World Health Organization"}),
        ("Fighting in the DRC (Democratic Republic of the Congo) went on.", {"DRC": "Democratic Republic of the Congo"}),
        ("He met the CEO (who was late) in Paris.", {}),  # the initials do not spell it
    ],
)
def test_defined_acronyms(text, expected):
    assert defined_acronyms(text) == expected


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("said Sen. John Thune, R-S.D. House Speaker Nancy Pelosi (D-Calif.) agreed.", ["R-S.D.", "D-Calif."]),
        ("Sen. Pat Roberts, R-Kan., and Rep. Eliot Engel, D-New York, voted no.", ["R-Kan.", "D-New York"]),
        ("Sen. Ted Cruz’s (R-Texas) victory surprised pollsters.", ["R-Texas"]),
        ("He switched to T-Mobile, and the company, T-Mobile, said a D-Day film was out.", []),
    ],
)
def test_party_labels_found_in_text(text, labels):
    assert [text[a:b] for a, b in party_labels(text)] == labels


def test_an_acronym_the_article_defines_is_no_place(analyse):
    record = analyse(BUDGET)
    assert [p.text for p in record.places if p.text == "CR"] == []


def test_a_short_acronym_without_a_place_to_stand_for_is_no_place(analyse):
    found = places_of(analyse("The NRA said it would fight the bill, and the CDC disagreed with the NRA."))
    assert "NRA" not in found and "CDC" not in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The US and the UK signed the deal.", {"US": ("United States", "country", "US"), "UK": ("United Kingdom", "country", "GB")}),
        ("Kasich spoke at a rally in Berea, OH, on Tuesday.", {"OH": ("OH", "unknown", None)}),  # a town's state
        ("Soldiers patrolled the border in the DMZ.", {"DMZ": ("Korean Demilitarized Zone", "border", None)}),
    ],
)
def test_country_codes_and_acronyms_the_text_places_stay(analyse, text, expected):
    found = places_of(analyse(text))
    for words, place in expected.items():
        assert found.get(words) == place, (words, found)


@pytest.mark.parametrize(
    "text",
    [
        '"We will pass it next week," said Sen. John Thune, R-S.D. House Speaker Nancy Pelosi (D-Calif.) agreed.',
        "Sen. Ted Cruz (R-Texas) objected, and Sen. Lisa Murkowski, R-Alaska, was undecided.",
        "Rep. Alexandria Ocasio-Cortez, D-N.Y., and Rep. Jim Jordan, R-Ohio, sparred on Twitter.",
    ],
)
def test_party_labels_after_names_are_no_places_nor_actors(analyse, text):
    record = analyse(text)
    assert record.places == [], places_of(record)
    assert all(m.type == "PERSON" or m.text in {"House", "Twitter"} for m in record.mentions), [(m.text, m.type) for m in record.mentions]


def test_a_state_named_outside_a_party_label_is_still_a_place(analyse):
    found = places_of(analyse("Sen. Marco Rubio, R-Fla., toured flooded towns in Florida on Monday."))
    assert found == {"Florida": ("Florida", "region", "US")}


SEA = (
    "Chinese coast guard ships blocked a Philippine resupply mission to Second Thomas Shoal on Saturday. "
    "Beijing also claims Scarborough Shoal and Mischief Reef. Vessels later sailed through the Bashi Channel "
    "towards Cape Engaño, while others anchored off Johnson South Reef."
)


def test_a_named_natural_feature_is_a_place_even_when_the_gazetteer_lacks_it(analyse):
    record = analyse(SEA)
    places = {p.text: p for p in record.places}
    assert (places["Second Thomas Shoal"].name, places["Second Thomas Shoal"].kind) == ("Second Thomas Shoal", "shoal")
    assert places["Second Thomas Shoal"].lat is None and places["Second Thomas Shoal"].lon is None
    assert places["Mischief Reef"].kind == "reef"  # tagged PERSON, but listed with a shoal
    assert places["Bashi Channel"].kind == "channel"  # tagged ORG, but sailed through
    assert places["Cape Engaño"].kind == "cape"
    assert places["Johnson South Reef"].kind == "reef"
    assert places["Scarborough Shoal"].lat is not None  # the gazetteer's own still resolves
    assert "Thomas" not in places


@pytest.mark.parametrize(
    "text",
    [
        "Fans of the Tampa Bay Lightning cheered in the arena.",
        "Director Michael Bay said the film was finished.",
        "She watched the History Channel all evening.",
        "Doctors at Mount Sinai Hospital treated him.",
        "According to WIVB Channel 4, the girl died.",
        "The shuttle was flown to the Intrepid Sea-Air-Space Museum.",
    ],
)
def test_feature_words_inside_other_names_make_no_place(analyse, text):
    found = places_of(analyse(text))
    assert not any(kind in {"bay", "channel", "mountain"} for _, kind, _ in found.values()), found


def test_feature_words_come_from_the_data_file(gaz):
    words = gaz.words
    assert words.feature_words["shoal"] == "shoal" and words.feature_words["isles"] == "island"
    assert set(words.feature_prefixes) <= set(words.feature_words)


def test_a_feature_prefix_must_be_a_feature_word(tmp_path: Path):
    bad = tmp_path / "extra.yaml"
    bad.write_text("version: 1\nwords:\n  feature_words: {reef: reef}\n  feature_prefixes: [cape]\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="feature_prefixes"):
        load_places_extra(str(bad))
