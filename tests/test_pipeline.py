from __future__ import annotations

import pytest

import parley
from parley.errors import InputError
from parley.pipeline import STAGES, Failure


def test_stage_order_is_pinned():
    """A stage cannot drop out of the pipeline, or change place, without this test noticing."""
    assert list(STAGES) == ["actors", "dates", "places", "quotes", "events", "issues", "stances"]


def test_extract_many_keeps_order_and_ids():
    items = [
        {"id": "a", "text": "Putin spoke in Moscow.", "published": "2025-12-25"},
        "Zelenskyy spoke in Kyiv.",
        {"id": "c", "text": "Macron spoke in Paris."},
    ]
    records = list(parley.extract_many(items))
    assert [r.id for r in records][0::2] == ["a", "c"]
    assert records[1].text == "Zelenskyy spoke in Kyiv."


def test_extract_many_reports_bad_items_and_goes_on():
    failures: list[Failure] = []
    records = list(parley.extract_many(["Putin spoke.", "", {"id": "x"}, "Lavrov spoke."], on_error=failures.append))
    assert [r.text for r in records] == ["Putin spoke.", "Lavrov spoke."]
    assert [f.article_id for f in failures] == ["item 1", "item 2"]


def test_extract_many_raises_without_a_handler():
    with pytest.raises(InputError, match="empty"):
        list(parley.extract_many(["Putin spoke.", "  "]))


def test_published_override_applies_to_every_item():
    (record,) = parley.extract_many([{"id": "a", "text": "Putin spoke.", "published": "2020-01-01"}], published="2025-12-25")
    assert str(record.published) == "2025-12-25"


def test_extract_through_multiprocess_pipe():
    """spaCy's n_process > 1 pickles the articles alongside the texts; records must survive."""
    from parley.settings import load_options

    options = load_options(nlp__n_process=2)
    texts = [f"Article {i}: Vladimir Putin met Recep Tayyip Erdogan in Ankara." for i in range(6)]
    records = list(parley.extract_many(texts, options=options))
    assert len(records) == 6
    assert all(any(m.actor == "Vladimir Putin" for m in r.mentions) for r in records)
