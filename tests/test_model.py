from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parley.model import ArticleRecord, DateRef, Span


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
