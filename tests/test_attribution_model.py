"""The trained attribution model (``parley.quotes.trained``): the packaged weights load, the
candidates and their features come from the parse, the model adds the long tail of cues the
rules do not know and keeps what is not a statement out (PolNeAR dev: tests/test_polnear_floor.py)."""

from __future__ import annotations

import gzip
import json

import pytest

import parley
from parley.base.nlp import load_pipeline
from parley.evaluation import options_for
from parley.quotes import get_lexicon, pair_quotation_marks
from parley.quotes.indirect import find_indirect
from parley.quotes.trained import AttributionModel, Context, apply_model, attribution_model, features, generate, load_model, names_only
from parley.settings import load_options


def test_the_packaged_model_loads():
    model = load_model()
    assert model is not None
    assert 0.0 < model.threshold < 1.0
    assert len(model.detector.weights) > 10_000 and model.bounder.weights and model.linker is not None
    assert attribution_model("off") is None
    assert attribution_model("packaged") == model


def test_a_model_file_from_the_training_script_loads(tmp_path):
    data = {"detector": {"weights": {"lemma=say": 3.0}, "bias": -1.0}, "bounder": {"weights": {}, "bias": 0.0}, "threshold": 0.5}
    path = tmp_path / "model.json.gz"
    path.write_bytes(gzip.compress(json.dumps(data).encode()))
    model = load_model(str(path))
    assert isinstance(model, AttributionModel) and model.linker is None
    assert model.detector.probability(["lemma=say"]) > 0.8 > model.detector.probability([])


def _candidates(text: str):
    nlp = load_pipeline()
    doc = nlp(text)
    lexicon = get_lexicon(doc.vocab)
    statements, _ = find_indirect(doc, lexicon)
    regions = pair_quotation_marks(text)
    return doc, lexicon, regions, statements, generate(doc, statements, regions)


def test_candidates_come_from_the_rules_and_from_the_parse():
    doc, lexicon, regions, _, cands = _candidates("The senator championed the presidential ambitions of three rivals and said the race was over.")
    relations = {(doc[c.head].text, c.relation) for c in cands}
    assert ("said", "rule-clause") in relations  # a cue of the lexicon, found by the rules
    assert ("championed", "dobj") in relations  # a cue the lexicon does not have
    championed = next(c for c in cands if doc[c.head].text == "championed")
    assert doc.text[slice(*championed.variants[0][1])] == "the presidential ambitions of three rivals"
    assert "lemma=champion" in features(Context(doc, regions, lexicon), championed)


def test_the_model_reports_a_cue_the_rules_do_not_know(analyse):
    record = analyse("Sanders championed free college tuition for all students. The ad portrayed Clinton as a liar.")
    assert [(q.speaker, q.cue.text, q.content.text) for q in record.quotes] == [
        ("Sanders", "championed", "free college tuition for all students"),
        ("ad", "portrayed", "Clinton as a liar"),  # the object with its "as" phrase
    ]
    assert all(q.found_by.startswith("model:") for q in record.quotes)


def test_the_rules_alone_with_the_model_off():
    options = load_options(quotes__attribution_model="off")
    (record,) = parley.extract_many(["Sanders championed free college tuition."], options=options)
    assert record.quotes == []


@pytest.mark.parametrize(
    "text,cue",
    [
        ("President Vladimir Putin spoke about negotiations with Washington on a peace plan.", "spoke"),  # a topic
        ("The minister discussed the budget with business leaders.", "discussed"),
        ("Putin reaffirmed Moscow's position on Donbas.", "reaffirmed"),  # a stance named, not stated
        ("He did not rule out the possibility of a partial exchange.", "rule"),
        ("She learned to swim in the lake behind the farm.", "learned"),  # her own action
        ("The National Institute of Statistics will announce the final figures on Friday.", "announce"),  # still to come
    ],
)
def test_what_names_a_topic_a_stance_or_an_act_is_no_statement(analyse, text, cue):
    doc, lexicon, _, _, cands = _candidates(text)
    mine = [c for c in cands if doc[c.head].text == cue]
    assert mine and all(names_only(doc, c, lexicon) for c in mine)
    assert analyse(text).quotes == []


def test_the_complementizer_is_kept_only_when_asked():
    text = "The minister said that the talks had failed."
    (plain,) = parley.extract_many([text])
    (kept,) = parley.extract_many([text], options=load_options(quotes__keep_complementizer=True))
    assert plain.quotes[0].content.text == "the talks had failed"
    assert kept.quotes[0].content.text == "that the talks had failed"


def test_apply_model_keeps_direct_quotations_to_the_rules():
    text = '"We will not give up," Zelensky said. Trump lambasted the trade deal with Mexico.'
    doc, lexicon, regions, statements, _ = _candidates(text)
    model = load_model()
    assert model is not None
    out = apply_model(doc, statements, regions, lexicon, model)
    # the model judges reported speech; the quotation is attributed later, by the rules
    assert "lambasted" in {doc[s.cue[0]].text for s in out if s.cue is not None}


def test_typewriter_quotations_are_indirect_only_in_polnear_convention():
    text = "''We will not give up on the talks,'' the minister said.\n\n\"We will win this war,\" the general said."
    (plain,) = parley.extract_many([text])
    (polnear,) = parley.extract_many([text], options=load_options(quotes__typewriter_type="indirect"))
    assert [(q.type, q.speaker) for q in plain.quotes] == [("direct", "minister"), ("direct", "general")]
    assert [(q.type, q.speaker) for q in polnear.quotes] == [("indirect", "minister"), ("direct", "general")]


@pytest.mark.parametrize(
    "text,content",
    [
        # the parser hangs the relaying reporter on the cue as its clause
        ("Sanctions will not work, Lavrov said on Monday, the Interfax agency reported.", "Sanctions will not work"),
        # the object of a cue beside a quotation is whom it was said to
        ("“Are you winning?” she asked the crowd. “Tell me everything.”", "Are you winning?” she asked the crowd. “Tell me everything"),
    ],
)
def test_a_reporter_or_an_addressee_is_no_content(analyse, text, content):
    assert [q.content.text for q in analyse(text).quotes] == [content]


def test_the_bounder_reaches_past_the_complement(analyse):
    """Variants that take in the preposition, the object before it or the subject of a raising
    verb; the bounder picks among them."""
    doc, *_, cands = _candidates("Mrs. Clinton is not expected to publicly pressure Mr. Sanders to quit the race.")
    names = [name for c in cands if doc[c.head].text == "expected" for name, _ in c.variants]
    assert any("withsubj" in name for name in names), names
    doc, *_, cands = _candidates("The senator apologized for the incident at the rally.")
    names = [name for c in cands if doc[c.head].text == "apologized" for name, _ in c.variants]
    assert any("withprep" in name for name in names), names


def test_a_quotation_reported_through_that_keeps_it_only_when_asked():
    text = "Trump tweeted that “the election is rigged and we will win.”"
    (plain,) = parley.extract_many([text])
    (kept,) = parley.extract_many([text], options=load_options(quotes__keep_complementizer=True))
    assert [(q.type, q.content.text) for q in plain.quotes] == [("mixed", "the election is rigged and we will win")]
    assert [(q.type, q.content.text) for q in kept.quotes] == [("mixed", "that “the election is rigged and we will win")]


def _variant_texts(text: str, cue: str) -> list[str]:
    doc, *_, cands = _candidates(text)
    return [text[slice(*span)] for c in cands if doc[c.head].text == cue for _, span in c.variants]


@pytest.mark.parametrize(
    "text,cue,content",
    [
        # a partial quotation the parser hung on the main verb: the content runs on to its close
        ("The Indiana governor said Democrats and the media are to blame for focusing on “he said this, he tweeted that.”", "said",
         "Democrats and the media are to blame for focusing on “he said this, he tweeted that."),
        # the first of two conjoined predicates
        ("Trump believed the online polls that showed him victorious in the debates and followed the same script against Clinton.", "believed",
         "the online polls that showed him victorious in the debates"),
        # without the comma-led relative clause that ends the content
        ("Reporters have asked about the health of Donald Trump, who is 70.", "asked", "the health of Donald Trump"),
        # what a passive cue's by-agent supports is its subject
        ("The Democratic presidential nominee has been endorsed by the Arizona Republic.", "endorsed", "The Democratic presidential nominee"),
    ],
)  # fmt: skip
def test_content_variants_the_bounder_chooses_among(text, cue, content):
    assert content in _variant_texts(text, cue)


def test_a_content_keeps_a_clitic_the_parser_hung_elsewhere():
    # the parser hangs "n’t" of "don’t" on the main verb: the content still ends with the word
    texts = _variant_texts("Trump appeared to suggest that veterans with PTSD might not be as strong as those who don’t.", "suggest")
    assert "veterans with PTSD might not be as strong as those who don’t" in texts


def test_topic_statements_are_kept_only_when_asked():
    """What only names its topic is no statement by default; PolNeAR's convention counts it."""
    text = "President Vladimir Putin spoke about negotiations with Washington on a peace plan."
    doc, lexicon, regions, statements, _ = _candidates(text)
    keep_all = AttributionModel.from_dict({"detector": {"weights": {}, "bias": 0.0}, "bounder": {"weights": {}, "bias": 0.0}, "threshold": 0.0})
    named = [doc[s.cue[0]].text for s in apply_model(doc, statements, regions, lexicon, keep_all, topic_statements=True) if s.cue is not None]
    assert "spoke" in named
    assert "spoke" not in [doc[s.cue[0]].text for s in apply_model(doc, statements, regions, lexicon, keep_all) if s.cue is not None]
    assert options_for("polnear-dev.jsonl").quotes.topic_statements and not load_options().quotes.topic_statements
