"""The NLP helpers shared by the stages."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from parley.base.nlp import PARAGRAPH_BREAKS
from parley.base.spans import covering_span

TEXT = "Putin  said on Friday,\n\n the talks went well .  "


def test_covering_span_expands_to_whole_tokens(nlp):
    doc = nlp.make_doc(TEXT)
    span = covering_span(doc, 1, 9)  # "utin  sa"
    assert span is not None and span.text == "Putin  said"


def test_covering_span_of_a_reversed_stretch_is_none(nlp):
    doc = nlp.make_doc(TEXT)
    # spaCy's char_span(..., alignment_mode="expand") raises E035 on it
    assert covering_span(doc, 9, 2) is None


@settings(max_examples=200, deadline=None)
@given(st.integers(0, len(TEXT)), st.integers(0, len(TEXT)))
def test_covering_span_is_total_and_covers(nlp, start, end):
    doc = nlp.make_doc(TEXT)
    span = covering_span(doc, start, end)
    if span is None:
        assert end <= start or TEXT[start:end].isspace()
    else:
        assert span.start_char <= max(start, span.start_char) and span.end_char >= min(end, span.end_char)
        assert all(t.idx < end and t.idx + len(t.text) > start for t in span)


def test_a_line_break_starts_a_sentence(nlp):
    assert PARAGRAPH_BREAKS in nlp.pipe_names
    doc = nlp('"We could see a lot of people staying home."\n\nMike Shields said the donors worry.\nThey do.')
    starts = [s.text.strip() for s in doc.sents if s.text.strip()]
    assert starts == ['"We could see a lot of people staying home."', "Mike Shields said the donors worry.", "They do."]
