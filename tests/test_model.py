from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from parley.model import ArticleRecord, DateRef, Event, Quote, Span, Stance


def test_span_of_slices_the_text():
    text = "Putin said that Moscow would not renounce Donbas."
    span = Span.of(text, 16, 22)
    assert span.text == "Moscow" and span.valid_in(text)


@pytest.mark.parametrize("start,end", [(-1, 3), (5, 2), (0, 999)])
def test_span_of_refuses_offsets_outside_the_text(start, end):
    with pytest.raises(ValueError, match="outside a text"):
        Span.of("short text", start, end)


@pytest.mark.parametrize("value", ["2025", "2025-08", "2025-12-19", "2025-W51"])
def test_date_values_in_the_format_are_accepted(value):
    assert DateRef(start=0, end=1, text="x", value=value).value == value


@pytest.mark.parametrize("value", ["2025-8", "19 December", "2025-12-19T10:00", "PRESENT_REF"])
def test_date_values_outside_the_format_are_refused(value):
    with pytest.raises(ValueError, match="not YYYY"):
        DateRef(start=0, end=1, text="x", value=value)


def test_record_round_trips_through_json(analyse):
    record = analyse("Vladimir Putin met Donald Trump in Anchorage, Alaska.")
    again = ArticleRecord.model_validate(json.loads(json.dumps(record.to_dict())))
    assert again == record


# Any Unicode, including combining marks, astral characters, quotes and line breaks: every span
# the pipeline emits must still index the text exactly.
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(
    st.text(
        alphabet=st.one_of(
            st.characters(codec="utf-8", exclude_categories=("Cs",)),
            st.sampled_from(list("PutinMoscowKyiv said “” \"'\n.,")),
        ),
        min_size=1,
        max_size=300,
    ).filter(lambda s: s.strip())
)
def test_spans_always_index_the_text(analyse, text):
    record = analyse(text)
    assert record.text == text
    for span in record.spans():
        assert text[span.start : span.end] == span.text


@pytest.mark.parametrize("model", [Quote, Event, Stance, DateRef, ArticleRecord])
def test_the_record_forbids_undeclared_fields(model):
    """Every field a stage writes is declared: a misspelt one is an error, not a silent extra."""
    fields = {
        Quote: {"type": "direct", "content": Span.of("x", 0, 1)},
        Event: {"type": "CONSULT", "source": "Russia", "trigger": Span.of("x", 0, 1)},
        Stance: {"holder": "Russia", "issue": "Donbas", "position": "opposes", "evidence": Span.of("x", 0, 1)},
        DateRef: {"start": 0, "end": 1, "text": "x"},
        ArticleRecord: {"id": "a", "text": "x"},
    }[model]
    assert model(**fields) is not None
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        model(**fields, cue_knd="assertion")


def test_fields_beyond_the_format_are_null_when_no_stage_set_them():
    quote = Quote(type="direct", content=Span.of("x", 0, 1))
    data = quote.model_dump(mode="json")
    assert data["cue_kind"] is None and data["issues"] is None and data["negated"] is None
