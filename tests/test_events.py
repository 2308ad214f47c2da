"""The event stage: PLOVER types, source and target as the acting state or organisation,
modality (negation, hypotheses, intentions), nesting, reporting, date and place, and the
trigger dictionary's loader. Real sentences of our own, run through the whole pipeline once
(module fixture), each with the event it reports, or none (the traps)."""

from __future__ import annotations

from pathlib import Path

import pytest

import parley
from parley.data.loaders import data_path, load_event_triggers
from parley.data.schemas import PLOVER_TYPES
from parley.errors import DataFileError
from parley.events import merge_mentions
from parley.model import ArticleRecord, Event, Span
from parley.settings import load_options

from .helpers import needs_shared

# (sentence, type, source, target): the event the sentence must report (any order of a
# symmetric pair is accepted for CONSULT, COOPERATE and AGREE between conjoined actors).
POSITIVE = [
    # CONSULT: verbs, nouns, symmetric pairs, people coded as their states, visits and hosting
    ("Russian President Vladimir Putin met Turkish President Recep Tayyip Erdogan in Ankara on Tuesday.", "CONSULT", "Russia", "Turkey"),
    ("Zelensky held talks with Macron in Paris.", "CONSULT", "Ukraine", "France"),
    ("The Russia-Ukraine talks in Istanbul ended without a deal.", "CONSULT", "Russia", "Ukraine"),
    ("A summit between Trump and Kim Jong Un was held in Singapore in June 2018.", "CONSULT", "United States", "North Korea"),
    ("The foreign ministers of Russia and China held talks in Beijing.", "CONSULT", "Russia", "China"),
    ("Trump spoke with Putin by phone on Thursday.", "CONSULT", "United States", "Russia"),
    ("Egypt and Qatar are mediating between Israel and Hamas.", "CONSULT", "Qatar", "Hamas"),  # subject hung on "are"
    ("Erdogan hosted Putin in Sochi.", "CONSULT", "Russia", "Turkey"),
    ("Egypt's president received a delegation from Hamas.", "CONSULT", "Hamas", "Egypt"),
    ("The Iranian foreign minister held talks with his Turkish counterpart.", "CONSULT", "Iran", "Turkey"),
    ("French President Emmanuel Macron called his Russian counterpart on Friday.", "CONSULT", "France", "Russia"),
    ("US Secretary of State Antony Blinken arrived in Israel on Sunday.", "CONSULT", "United States", "Israel"),
    # AGREE: agreement, acceptance, pledges, intentions to cooperate
    ("Israel and Hamas agreed to a ceasefire.", "AGREE", "Israel", "Hamas"),
    ("Britain and France pledged support for Ukraine.", "AGREE", "France", "Ukraine"),
    ("The US pledged $2 billion in military aid to Ukraine.", "AGREE", "United States", "Ukraine"),
    ("Ukraine accepted the American proposals.", "AGREE", "Ukraine", "United States"),
    ("Iran vowed to retaliate against Israel.", "AGREE", "Iran", "Israel"),
    ("Moscow offered concessions to Kyiv.", "AGREE", "Russia", "Ukraine"),
    ("Apple struck a deal with Samsung.", "AGREE", "Apple", "Samsung Electronics"),
    # SUPPORT
    ("The White House praised India's decision.", "SUPPORT", "United States", "India"),
    ("Japan and South Korea signed a trade agreement in Tokyo.", "SUPPORT", "Japan", "South Korea"),
    ("Saudi Arabia and Iran restored diplomatic ties in March 2023.", "SUPPORT", "Saudi Arabia", "Iran"),
    ("Turkey's parliament approved Sweden's bid to join NATO.", "SUPPORT", "Turkey", "Sweden"),
    # CONCEDE
    ("Serbia conceded to the EU's demands.", "CONCEDE", "Serbia", "European Union"),
    # COOPERATE
    ("Chinese and Russian warships held joint exercises.", "COOPERATE", "China", "Russia"),
    # AID
    ("Germany sent tanks to Ukraine.", "AID", "Germany", "Ukraine"),
    ("The Netherlands delivered air defence systems to Ukraine.", "AID", "Netherlands", "Ukraine"),
    ("The Pentagon announced a new $400 million military aid package for Ukraine.", "AID", "United States", "Ukraine"),
    # an amount of what is given: the object is the amount, the thing and the recipient hang off it or the verb
    ("The United States sent billions of dollars in weapons to Israel.", "AID", "United States", "Israel"),
    ("Japan provided 500 million dollars in aid to Sri Lanka.", "AID", "Japan", "Sri Lanka"),
    ("The European Union pledged 500 million euros in humanitarian aid to Ukraine.", "AGREE", "European Union", "Ukraine"),
    # RETREAT
    ("Russia released 90 Ukrainian prisoners of war.", "RETREAT", "Russia", "Ukraine"),
    ("Russia and Ukraine exchanged prisoners.", "RETREAT", "Russia", "Ukraine"),
    ("Israeli troops withdrew from Gaza.", "RETREAT", "Israel", "State of Palestine"),
    ("Japan lifted sanctions on South Korea.", "RETREAT", "Japan", "South Korea"),
    # REQUEST: a person in an international office is the organisation
    ("The United Nations Secretary-General Antonio Guterres called on Israel to allow humanitarian aid into Gaza.", "REQUEST", "United Nations", "Israel"),
    ("Macron urged Putin to withdraw Russian troops from Ukraine.", "REQUEST", "France", "Russia"),
    ("The UN Security Council demanded that Israel halt its offensive in Gaza.", "REQUEST", "United Nations", "Israel"),
    ("Ukraine asked Germany for more tanks.", "REQUEST", "Ukraine", "Germany"),
    # ACCUSE
    ("North Korea accused South Korea of provocations.", "ACCUSE", "North Korea", "South Korea"),
    ("South Africa brought a case against Israel at the International Court of Justice.", "ACCUSE", "South Africa", "Israel"),
    ("Russia's foreign ministry summoned the British ambassador.", "ACCUSE", "Russia", "United Kingdom"),
    ("The Philippines protested China's actions in the South China Sea.", "ACCUSE", "Philippines", "China"),
    ("Iran condemned the Israeli strike on Damascus.", "ACCUSE", "Iran", "Israel"),
    # REJECT: a demonym subject is its state; a refusal lends the recipient of what it refuses
    ("Ukrainian officials rejected the Russian proposal for a ceasefire.", "REJECT", "Ukraine", "Russia"),
    ("Russia has refused to hold talks with Ukraine.", "REJECT", "Russia", "Ukraine"),
    # a cooperative act refused for the future is a rejection, not an event that did not happen
    ("Iran will not negotiate with the United States under pressure, Foreign Minister Abbas Araghchi said.", "REJECT", "Iran", "United States"),
    # THREATEN: the threatened action is not an event of its own
    ("China threatened to impose tariffs on American goods.", "THREATEN", "China", "United States"),
    ("Russia warned the West against sending troops to Ukraine.", "THREATEN", "Russia", "West"),
    ("Russia threatened to cut gas supplies to Moldova.", "THREATEN", "Russia", "Moldova"),  # the recipient in the complement
    # PROTEST: people named by what they are act for the country they are in
    ("Protesters rallied outside the US embassy in Baghdad.", "PROTEST", "Iraq", "United States"),
    # SANCTION
    ("The European Union imposed new sanctions on Russia.", "SANCTION", "European Union", "Russia"),
    ("Russia expelled two British diplomats.", "SANCTION", "Russia", "United Kingdom"),
    ("Venezuela recalled its ambassador from Spain.", "SANCTION", "Venezuela", "Spain"),
    ("The African Union suspended Mali's membership.", "SANCTION", "African Union", "Mali"),
    # MOBILIZE
    ("China deployed warships near Taiwan.", "MOBILIZE", "China", "Taiwan"),
    # COERCE: territory taken is its state's
    ("Russia annexed Crimea in 2014.", "COERCE", "Russia", "Ukraine"),
    ("Poland closed its border with Belarus.", "COERCE", "Poland", "Belarus"),
    # ASSAULT: passive agent, a place as its state, two-sided violence
    ("Kyiv was attacked by Russian drones on Monday.", "ASSAULT", "Russia", "Ukraine"),
    ("North Korea fired two ballistic missiles toward Japan.", "ASSAULT", "North Korea", "Japan"),
    # counted people are people, not their state (PLOVER's descriptive actors)
    ("Israeli forces killed five Palestinians in the West Bank.", "ASSAULT", "Israel", "Palestinians"),
    ("The Israeli military said it struck Hamas targets in Gaza overnight.", "ASSAULT", "Israel", "Hamas"),  # "it": the speaker
    ("India and Pakistan exchanged fire along the border.", "ASSAULT", "India", "Pakistan"),
    ("Sudan's army and the Rapid Support Forces clashed in Khartoum on Sunday.", "ASSAULT", "Sudan", "Rapid Support Forces"),
    ("Armenian and Azerbaijani forces fought along the border.", "ASSAULT", "Armenia", "Azerbaijan"),
    # nominal and light-verb triggers (issue 13)
    ("The Israeli air force carried out strikes on Hezbollah positions in southern Lebanon.", "ASSAULT", "Israel", "Hezbollah"),
    ("Indian troops opened fire on Pakistani soldiers along the Line of Control.", "ASSAULT", "India", "Pakistan"),
    ("The Chinese coast guard used water cannon against Philippine boats.", "ASSAULT", "China", "Philippines"),
    # coordinated actors on both sides
    ("Britain and Canada imposed sanctions on Russian and Belarusian officials.", "SANCTION", "Canada", "Belarus"),
    # passives without an agent: the doer of the attack they happened in, the state where an arrest was made
    ("Five Palestinians were killed in an attack by Israeli settlers.", "ASSAULT", "Israeli settlers", "Palestinians"),
    ("A French aid worker was arrested in Mali on Sunday.", "COERCE", "Mali", "French aid worker"),
    # people by their title when the dictionary knows no office of theirs; descriptive actors
    ("Estonian Foreign Minister Margus Tsahkna met his Latvian counterpart in Riga.", "CONSULT", "Estonia", "Latvia"),
    ("Uganda granted asylum to 18 Congolese rebels.", "AID", "Uganda", "Congolese rebels"),
    ("Sudan's army accused Darfur rebels of attacking a convoy.", "ACCUSE", "Sudan", "Darfur rebels"),
    ("Up to 1,000 ethnic Turks began a hunger strike to protest against Sweden's decision.", "PROTEST", "ethnic Turks", "Sweden"),
    ("Police in Belgrade arrested 12 protesters on Saturday.", "COERCE", "Serbia", "protesters"),
    # an obligation stated is a demand; one person attacking another does it in words
    ("The European Commission said Hungary must respect the rule of law.", "REQUEST", "European Union", "Hungary"),
    ("Argentine President Javier Milei attacked Spain's prime minister in a speech.", "ACCUSE", "Argentina", "Spain"),
    # a protest that names no one protests against the state where it happens
    ("Students in Dhaka demonstrated against the new quota system.", "PROTEST", "Students in Dhaka", "Bangladesh"),
    # an agreement's sides are what was welcomed; a particle's own preposition gives the target
    ("The Vatican welcomed the peace agreement between Colombia and the ELN rebels.", "SUPPORT", "Vatican City", "Colombia"),
    ("Turkish troops pulled out of northern Iraq after a month-long operation.", "RETREAT", "Turkey", "Iraq"),
    # "League" is no sports report
    ("Myanmar's military junta banned the National League for Democracy.", "COERCE", "Myanmar", "National League for Democracy"),
    # a call to punish X disapproves of X (CAMEO codes it so); it asks nothing of X
    ("Poland called for tougher sanctions on Russia.", "ACCUSE", "Poland", "Russia"),
]

SYMMETRIC = {"CONSULT", "COOPERATE"}

# Sentences that report no event (with the default settings): traps for the dictionary.
NEGATIVE = [
    "Putin spoke about negotiations with Washington.",  # a topic, not a meeting reported
    "He sent a letter to Ukraine.",  # "send" is aid only with aid, arms or money
    "The company released its earnings.",  # no recipient
    "Russia did not attack Ukraine's energy grid on Sunday.",  # negated: left out by default
    "The Kremlin denied attacking Ukrainian civilians.",  # denied: negated
    "Several points were agreed upon during the talks.",  # no one named who agreed
    "The striker struck the ball with his left foot.",  # no actors
    "Ukraine received weapons from the United States.",  # "receive" hosts people, not weapons
    "The president called him a liar.",  # naming, not a phone call
    "The French parliament approved the budget.",  # an internal vote, no recipient
    "Brazil vowed to fight corruption.",  # no recipient, and "fight corruption" is no assault
    "Putin did not meet Zelensky in Istanbul.",  # negated in the past: it did not happen
    # issue 13's traps: a thing's possibility, a court's procedure, metaphors, sports
    "His testimony could have supported Long's case.",
    "The court approved Meta's request to dismiss the case.",
    "Critics attacked the plan as too expensive.",
    "Brazil and Argentina clashed in the World Cup qualifier.",
    "Spain beat Italy 2-1 in the final.",
    "Protesters rallied in support of the team.",  # no one named, no place to name them by
    "The senator said his performance should boost the party's poll numbers.",  # a forecast, no obligation
    "Ivanka Trump acknowledged their uphill battle in a Wall Street Journal essay.",  # a figure of speech
    "The company filed a complaint with the French competition authority.",  # the body complained to is not accused
    "Senator Vance held a campaign rally in Michigan on Friday.",  # a rally for someone protests nothing
]


@pytest.fixture(scope="module")
def coded() -> dict[str, ArticleRecord]:
    sentences = [s for s, *_ in POSITIVE] + NEGATIVE + [s for s, *_ in MODAL]
    items = [{"id": str(i), "text": s, "published": "2025-12-25"} for i, s in enumerate(sentences)]
    return {r.text: r for r in parley.extract_many(items)}


@pytest.fixture(scope="module")
def coded_all() -> dict[str, ArticleRecord]:
    """With negated and one-sided events kept, to see their flags."""
    options = load_options(events__keep_negated=True, events__require_target=False)
    sentences = NEGATIVE + [s for s, *_ in MODAL]
    items = [{"id": str(i), "text": s, "published": "2025-12-25"} for i, s in enumerate(sentences)]
    return {r.text: r for r in parley.extract_many(items, options=options)}


def _matches(event: Event, kind: str, source: str, target: str) -> bool:
    if event.type != kind:
        return False
    if (event.source, event.target) == (source, target):
        return True
    return event.type in SYMMETRIC | {"AGREE", "SUPPORT", "RETREAT", "ASSAULT", "REJECT"} and (event.source, event.target) == (target, source)


@pytest.mark.parametrize(("sentence", "kind", "source", "target"), POSITIVE, ids=[f"{k}-{i}" for i, (_, k, *_) in enumerate(POSITIVE)])
def test_sentence_reports_its_event(coded, sentence, kind, source, target):
    events = coded[sentence].events
    assert any(_matches(e, kind, source, target) for e in events), [(e.type, e.source, e.target) for e in events]


@pytest.mark.parametrize("sentence", NEGATIVE)
def test_trap_reports_no_event(coded, sentence):
    assert coded[sentence].events == []


def test_every_plover_type_is_claimed_and_tested():
    data = load_event_triggers()
    assert set(data.types) == set(PLOVER_TYPES) and len(PLOVER_TYPES) == 16
    assert {k for _, k, *_ in POSITIVE} == set(PLOVER_TYPES)
    listed = {e.type for e in (*data.verbs.values(), *data.phrases.values(), *data.nouns.values())}
    assert listed == set(PLOVER_TYPES)


# (sentence, type, source, target, flags the event must carry)
MODAL = [
    ("Russia could attack Kyiv if talks fail.", "ASSAULT", "Russia", "Ukraine", {"hypothetical": True, "negated": False}),
    (
        "Putin said Russia was ready to negotiate with Ukraine.",
        "AGREE",
        "Russia",
        "Ukraine",
        {"hypothetical": True, "coded_from": "CONSULT", "reported_by": "Vladimir Putin"},
    ),
    ("Germany will send tanks to Ukraine.", "AGREE", "Germany", "Ukraine", {"future": True, "coded_from": "AID"}),
    ("The United States will provide Ukraine with long-range missiles.", "AGREE", "United States", "Ukraine", {"future": True, "coded_from": "AID"}),
    ("Russia might consider talks with Ukraine next year.", "AGREE", "Russia", "Ukraine", {"hypothetical": True, "when": "2026", "coded_from": "CONSULT"}),
    ("The European Commission proposed new sanctions against Russia.", "SANCTION", "European Union", "Russia", {"hypothetical": True}),
    ("Iran expressed willingness to resume talks with the European Union.", "AGREE", "Iran", "European Union", {"hypothetical": True}),
    # a material conflict announced as a plan or readiness is a threat (PLOVER)
    ("Turkey plans to impose tariffs on Greek goods.", "THREATEN", "Turkey", "Greece", {"coded_from": "SANCTION"}),
    ("The European Union is prepared to impose new sanctions on Belarus.", "THREATEN", "European Union", "Belarus", {"coded_from": "SANCTION"}),
    # a failed agreement is a rejection
    ("Moscow and Kyiv failed to reach an agreement on grain exports.", "REJECT", "Russia", "Ukraine", {"coded_from": "AGREE", "negated": False}),
    # where and when from the sentence
    (
        "Kenyan activists staged a rally outside the US embassy in Nairobi on Friday.",
        "PROTEST",
        "Kenyan activists",
        "United States",
        {"where": "Nairobi", "when": "2025-12-19"},
    ),
    (
        "Lavrov said that Moscow and Washington had discussed the plant.",
        "CONSULT",
        "Russia",
        "United States",
        {"reported_by": "Sergey Lavrov", "negated": False},
    ),
]


@pytest.mark.parametrize(("sentence", "kind", "source", "target", "flags"), MODAL)
def test_modality_and_reporting_are_kept(coded, sentence, kind, source, target, flags):
    events = [e for e in coded[sentence].events if _matches(e, kind, source, target)]
    assert events, [(e.type, e.source, e.target) for e in coded[sentence].events]
    data = events[0].model_dump()
    for key, value in flags.items():
        assert data.get(key) == value, (key, data)


@pytest.mark.parametrize(
    ("sentence", "kind", "source", "target"),
    [
        ("Russia did not attack Ukraine's energy grid on Sunday.", "ASSAULT", "Russia", "Ukraine"),
        ("The Kremlin denied attacking Ukrainian civilians.", "ASSAULT", "Russia", "Ukrainian civilians"),
    ],
)
def test_negated_events_are_flagged_when_kept(coded_all, sentence, kind, source, target):
    events = [e for e in coded_all[sentence].events if _matches(e, kind, source, target)]
    assert events and all(getattr(e, "negated", False) for e in events)


def test_person_is_coded_as_state_and_kept_as_person(coded):
    (event,) = [e for e in coded[POSITIVE[0][0]].events if e.type == "CONSULT"]
    assert event.source_person == "Vladimir Putin" and event.target_person is not None and "Erdo" in event.target_person
    assert event.when == "2025-12-23" and event.where == "Ankara"
    assert event.trigger.text == "met"


def test_noun_event_takes_when_and_where_from_its_verb(coded):
    (event,) = [e for e in coded["A summit between Trump and Kim Jong Un was held in Singapore in June 2018."].events if e.type == "CONSULT"]
    assert (event.when, event.where, event.trigger.text) == ("2018-06", "Singapore", "summit")


def test_mentions_of_one_meeting_are_merged():
    text = "Leaders met at the Russia-US summit in Anchorage. During the August meeting in Anchorage with Donald Trump, Russia accepted the plan."
    record = parley.extract(text, published="2025-12-25")
    consults = [e for e in record.events if e.type == "CONSULT"]
    assert len(consults) == 1 and consults[0].where == "Anchorage" and consults[0].when == "2025-08"


def test_merge_needs_the_same_place():
    text = "x" * 20
    a = Event(type="CONSULT", source="Russia", target="United States", where="Anchorage", trigger=Span.of(text, 0, 1))
    b = Event(type="CONSULT", source="United States", target="Russia", where="Anchorage", when="2025-08", trigger=Span.of(text, 2, 3))
    c = Event(type="CONSULT", source="Russia", target="United States", trigger=Span.of(text, 4, 5))
    merged = merge_mentions([a, b, c])
    assert len(merged) == 2 and merged[0].when == "2025-08"


def test_seed_events_score(tmp_path):
    """The seed's events: score.py events.typed_actors F1 >= 0.8."""
    from parley.evaluation import evaluate

    gold = needs_shared("gold/seed.json")
    scorer = needs_shared("eval/score.py")
    scores = evaluate(scorer, gold)["scores"]
    assert scores["events.typed_actors"]["f1"] >= 0.8, scores["events.typed_actors"]


def test_trigger_file_errors_name_file_and_key(tmp_path: Path):
    bad = tmp_path / "events.yaml"
    text = data_path("events.yaml").read_text(encoding="utf-8")
    bad.write_text(text.replace("  meet: {type: CONSULT,", "  meet: {type: MEET,", 1), encoding="utf-8")
    with pytest.raises(DataFileError, match=r"\[events.yaml -> verbs -> meet -> type\]"):
        load_event_triggers(str(bad))
    bad.write_text(text.replace('target: ["on", against]', "target: [on, against]", 1), encoding="utf-8")
    with pytest.raises(DataFileError, match=r"events\.yaml"):
        load_event_triggers(str(bad))  # YAML reads a bare `on` as true: refused, not misread


def test_descriptive_actors_keep_names_and_drop_counts():
    """PLOVER's descriptive actors: the people as named, without numbers or manner adjectives."""
    record = parley.extract("Angry French paper workers and about 200 supporters of Ahmed Ben Bella blocked roads in Algiers.", published="2025-12-25")
    sources = {e.source for e in record.events if e.type == "PROTEST"}
    assert sources == {"French paper workers", "supporters of Ahmed Ben Bella"}, [(e.type, e.source, e.target) for e in record.events]


def test_obligation_nests_what_must_happen():
    """'must be ready to mediate' is the content of the demand, not an intent to mediate."""
    record = parley.extract("Egypt's president said the US must be ready to mediate between Israelis and Palestinians.", published="2025-12-25")
    assert [(e.type, e.source, e.target) for e in record.events] == [("REQUEST", "Egypt", "United States")]


def test_verbal_attack_keeps_the_verb_it_was_coded_from():
    (event,) = parley.extract("Argentine President Javier Milei attacked Spain's prime minister in a speech.", published="2025-12-25").events
    assert (event.type, getattr(event, "coded_from", None), event.source_person) == ("ACCUSE", "ASSAULT", "Javier Milei")
