"""Syndication: lightly edited copies of one wire story share a story id; different stories,
even on the same event, do not."""

from __future__ import annotations

import pytest

from parley.corpus import write_records
from parley.corpus.syndication import StoryIndex, shingles, signature
from parley.model import ArticleRecord
from parley.store import MinHashParams, Store
from parley.store.tables import content_hash

WIRE = (
    "MOSCOW — Russian President Vladimir Putin said on Tuesday that Moscow was ready to continue talks with Washington "
    "on a settlement in Ukraine, but warned that any agreement would have to take account of what he called the "
    "realities on the ground in the Donbas region. Speaking to reporters after a meeting of the Security Council, "
    "Putin said the Anchorage summit had opened a path that both sides should keep to. Kremlin spokesman Dmitry "
    "Peskov later told journalists that no date had been set for a new meeting, and that contacts between the "
    "foreign ministries would go on. Ukrainian President Volodymyr Zelenskyy said in his evening address that Kyiv "
    "would not accept any deal that rewarded aggression, and called on European partners to keep up pressure."
)

EDITS = {
    # re-headlined and re-bylined by a second site
    "byline": "By Staff Reporter | World News\n" + WIRE + "\nCopyright 2025 World News. All rights reserved.",
    # a sentence dropped and a word changed
    "trimmed": WIRE.replace(
        " Kremlin spokesman Dmitry Peskov later told journalists that no date had been set for a new meeting, and that contacts between the foreign ministries would go on.",
        "",
    ).replace("Tuesday", "Wednesday"),
    # a dateline and punctuation changed
    "dateline": WIRE.replace("MOSCOW — ", "MOSCOW (Reuters) - ").replace(", but warned", " but warned"),
}

OTHER = (
    "KYIV — Ukrainian President Volodymyr Zelenskyy said on Tuesday that Kyiv would not accept any deal that rewarded "
    "aggression, after Russian President Vladimir Putin told reporters Moscow was ready to continue talks with "
    "Washington. Zelenskyy spoke in Kharkiv, where he met soldiers and local officials, and said air defence remained "
    "the country's first need before winter. He thanked European partners for new packages of aid and asked them to "
    "move faster on the use of frozen Russian assets."
)

PARAMS = MinHashParams()


def _jaccard(a: str, b: str) -> float:
    x, y = shingles(a, 5), shingles(b, 5)
    return len(x & y) / len(x | y)


def test_shingles_ignore_case_and_punctuation():
    assert shingles("Putin said, on Tuesday: talks!", 2) == shingles("putin SAID on tuesday talks", 2)
    assert shingles("Too short", 5) == {b"too short"}
    assert shingles("— … —", 5) == {"— … —".encode()}


def test_signature_is_deterministic_and_sized():
    assert signature(WIRE, PARAMS) == signature(WIRE, PARAMS)
    assert len(signature(WIRE, PARAMS)) == 4 * PARAMS.num_perm
    assert signature(WIRE, PARAMS) != signature(OTHER, PARAMS)


@pytest.mark.parametrize("name", sorted(EDITS))
def test_light_edits_join_the_story(name):
    index = StoryIndex(PARAMS, 0.5)
    assert index.assign("wire", 1, content_hash(WIRE), signature(WIRE, PARAMS)) == "wire"
    copy = EDITS[name]
    assert _jaccard(WIRE, copy) >= 0.6  # what the estimate approximates
    assert index.assign(name, 2, content_hash(copy), signature(copy, PARAMS)) == "wire"


def test_a_different_story_on_the_same_event_stays_apart():
    index = StoryIndex(PARAMS, 0.5)
    index.assign("wire", 1, content_hash(WIRE), signature(WIRE, PARAMS))
    assert _jaccard(WIRE, OTHER) < 0.2
    assert index.assign("other", 2, content_hash(OTHER), signature(OTHER, PARAMS)) == "other"


def test_exact_copy_joins_by_hash():
    index = StoryIndex(PARAMS, 0.95)
    index.assign("wire", 1, content_hash(WIRE), signature(WIRE, PARAMS))
    assert index.match(content_hash(WIRE), signature(WIRE, PARAMS)) == "wire"


def test_halves_of_one_article_are_not_one_story():
    """The benchmark's windows of paragraphs must not fold into one story."""
    index = StoryIndex(PARAMS, 0.5)
    first, second = WIRE[: len(WIRE) // 2], WIRE[len(WIRE) // 2 :]
    index.assign("first", 1, content_hash(first), signature(first, PARAMS))
    assert index.assign("second", 2, content_hash(second), signature(second, PARAMS)) == "second"


def test_story_ids_in_the_store_and_counts(tmp_path):
    records = [ArticleRecord(id="wire", text=WIRE), ArticleRecord(id="other", text=OTHER)]
    records += [ArticleRecord(id=name, text=text) for name, text in sorted(EDITS.items())]
    with Store.open(tmp_path / "s.duckdb") as store:
        result = write_records(store, records[:2])
        assert result.new_stories == 2
        result = write_records(store, records[2:])
        assert result.new_stories == 0
        stories = dict(store.con.execute("SELECT id, story_id FROM articles").fetchall())
        assert stories == {"wire": "wire", "other": "other", "byline": "wire", "trimmed": "wire", "dateline": "wire"}
        assert store.counts()["stories"] == 2
        view = store.sql("select story_id, articles from stories order by 1")
        assert view.values.tolist() == [["other", 1], ["wire", 4]]
    # the index is rebuilt from the store when it is opened again
    with Store.open(tmp_path / "s.duckdb") as store:
        write_records(store, [ArticleRecord(id="late", text=EDITS["byline"] + " Updated.")])
        assert store.con.execute("SELECT story_id FROM articles WHERE id = 'late'").fetchone() == ("wire",)
