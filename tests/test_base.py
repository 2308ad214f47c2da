"""The shared base of the stages: the registry of loaded resources, the per-document context,
paragraphs, negation and hedging, and the parse helpers, on real sentences."""

from __future__ import annotations

import datetime as dt

import pytest

from parley.actors import get_affiliations
from parley.base.context import DocContext
from parley.base.dating import day_of
from parley.base.modality import hedged, modality_words, negated
from parley.base.nlp import load_pipeline
from parley.base.paragraphs import Paragraphs, has_blank_line, has_break, line_end, line_start
from parley.base.parse import conjuncts, speaker_of, subjects_of
from parley.base.registry import Registry
from parley.data.loaders import load_modality
from parley.errors import DataFileError
from parley.model import ArticleRecord, Mention, Quote, Span
from parley.settings import Options, load_options

# ---- the registry ----------------------------------------------------------------------------


def test_a_resource_is_built_once_per_name_and_key():
    registry = Registry()
    built: list[str] = []

    def build(tag: str):
        built.append(tag)
        return object()

    first = registry.get("lexicon", ("en", None), lambda: build("a"))
    assert registry.get("lexicon", ("en", None), lambda: build("b")) is first
    assert registry.get("lexicon", ("de", None), lambda: build("c")) is not first
    assert registry.get("matcher", ("en", None), lambda: build("d")) is not first
    assert built == ["a", "c", "d"]
    assert registry.loaded() == [("lexicon", ("en", None)), ("lexicon", ("de", None)), ("matcher", ("en", None))]


def test_a_failed_build_is_not_kept():
    registry = Registry()

    def broken():
        raise ValueError("bad data file")

    with pytest.raises(ValueError, match="bad data file"):
        registry.get("gazetteer", (), broken)
    assert registry.get("gazetteer", (), lambda: "built") == "built"


def test_the_spacy_pipeline_is_loaded_once(nlp):
    assert load_pipeline() is nlp


# ---- the per-document context --------------------------------------------------------------


def _context(nlp, text: str, options: Options | None = None) -> DocContext:
    options = options or load_options()
    record = ArticleRecord(id="t", text=text)
    return DocContext(nlp(text), record, options, affiliations_from=lambda: get_affiliations(options.actors, options.events.triggers))


def test_the_context_keeps_a_fact_while_its_lists_stay_the_same(nlp):
    text = "Putin met Erdogan in Ankara.\n\nThe Kremlin said the talks went well."
    ctx = _context(nlp, text)
    ctx.record.mentions = [Mention(**Span.of(text, 0, 5).model_dump(), type="PERSON", actor="Vladimir Putin", kind="person")]
    index = ctx.mentions
    assert ctx.mentions is index and index.mention(ctx.doc[0]) is ctx.record.mentions[0]
    issues = ctx.issues
    assert ctx.issues is issues
    # a stage that replaces a list the fact was read from gets it anew
    ctx.record.mentions = []
    assert ctx.mentions is not index and ctx.mentions.mention(ctx.doc[0]) is None
    assert ctx.issues is not issues
    # a quote written in place (the issue stage's links) leaves the index as it is
    again = ctx.mentions
    ctx.record.quotes.append(Quote(type="indirect", content=Span.of(text, 40, 66)))
    assert ctx.mentions is again


def test_the_context_reads_paragraphs_and_affiliations_once(nlp):
    ctx = _context(nlp, "One.\n\nTwo.")
    assert ctx.paragraphs is ctx.paragraphs and ctx.paragraphs.index(6) == 1
    assert ctx.affiliations is ctx.affiliations
    assert ctx.affiliations.acting("Vladimir Putin", "person", None) is not None


def test_a_context_without_affiliations_says_so(nlp):
    ctx = DocContext(nlp("Putin spoke."), ArticleRecord(id="t", text="Putin spoke."), load_options())
    with pytest.raises(RuntimeError, match="affiliations"):
        _ = ctx.affiliations


# ---- paragraphs --------------------------------------------------------------------------------


def test_paragraphs_are_lines():
    text = "Headline\n\n  First paragraph.\nSecond one.\n   \nThird."
    paragraphs = Paragraphs(text)
    assert [paragraphs.index(text.index(w)) for w in ("Headline", "First", "Second", "Third")] == [0, 1, 2, 3]
    assert paragraphs.start_of(text.index("paragraph")) == text.index("First")
    assert [text[a:b] for a, b in paragraphs.lines] == ["Headline", "  First paragraph.", "Second one.", "Third."]
    at = text.index("Second")
    assert text[line_start(text, at) : line_end(text, at)] == "Second one."
    assert has_break("one.\n") and not has_break("one. two")
    assert has_blank_line("a\n\nb") and not has_blank_line("a\nb")


# ---- negation and hedging -------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence,word,negative",
    [
        ("The minister did not say when the talks would resume.", "say", True),
        ("Moscow never agreed to the plan.", "agreed", True),
        ("No talks were held in Geneva.", "talks", True),
        ("The minister said the talks would resume.", "said", False),
    ],
)
def test_negation_is_read_one_way(nlp, sentence, word, negative):
    doc = nlp(sentence)
    head = next(t for t in doc if t.text == word)
    assert negated(head, modality_words()) is negative


def test_a_statement_and_a_position_have_their_own_hedges(nlp):
    words = modality_words()
    would = next(t for t in nlp("Russia would accept a ceasefire.") if t.lemma_ == "accept")
    assert hedged(would, words.statement_hedges, words.statement_hedges)
    assert not hedged(would, words.position_hedges, words.position_hedges)  # "would accept" says what it will do
    perhaps = next(t for t in nlp("Kyiv could perhaps accept the offer.") if t.lemma_ == "accept")
    assert hedged(perhaps, words.position_hedges, words.position_hedges)
    seems = next(t for t in nlp("He appeared to suggest a deal.") if t.lemma_ == "suggest")
    assert hedged(seems, (), (), words.raising_verbs) and not hedged(seems, (), ())


def test_a_bad_modality_file_names_the_file_and_key(tmp_path):
    bad = tmp_path / "modality.yaml"
    bad.write_text("version: 1\nnegators: [not]\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"\[modality.yaml -> statement_hedges\]"):
        load_modality(str(bad))


# ---- parse helpers ------------------------------------------------------------------------------


def test_subjects_and_speakers_through_the_parse(nlp):
    doc = nlp("Moscow and Washington discussed a ceasefire, and the ministry said it was ready.")
    discussed = next(t for t in doc if t.text == "discussed")
    assert [t.text for t in subjects_of(discussed)] == ["Moscow", "Washington"]
    assert [t.text for t in conjuncts(doc[0])] == ["Moscow", "Washington"]
    said = next(t for t in doc if t.text == "said")
    tokens, head = speaker_of(said)
    assert tokens is not None and doc[tokens[0] : tokens[1]].text == "the ministry" and doc[head].text == "ministry"


def test_an_office_is_looked_up_on_the_day_a_date_names():
    fallback = dt.date(2025, 12, 25)
    assert day_of("2025-08-15", fallback) == dt.date(2025, 8, 15)
    assert day_of("2025-08", fallback) == dt.date(2025, 8, 1)
    assert day_of("2024", fallback) == dt.date(2024, 7, 1)
    assert day_of("2025-W33", fallback) == fallback and day_of(None, fallback) == fallback
