"""Questions asked of a corpus — quotes, actors, timelines, SQL, export — through the API and
the CLI, on a small store of hand-made records (no NLP, so these tests are fast)."""

from __future__ import annotations

import datetime as dt
import json

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from parley import api
from parley.cli import app
from parley.corpus import write_records
from parley.model import ArticleRecord, Mention, Place, Quote, Span
from parley.store import Store

runner = CliRunner()

WIRE = (
    "Russian President Vladimir Putin said on Tuesday that Moscow was ready to continue talks with Washington. "
    '"We will not give up the Donbas, whatever the pressure," Putin told reporters after the summit in Anchorage. '
    "Kremlin spokesman Dmitry Peskov said no date had been set for a new meeting, and that contacts would go on "
    "between the foreign ministries of both countries in the coming weeks."
)
KYIV = (
    "Ukrainian President Volodymyr Zelenskyy said in Kyiv that Ukraine would never trade the Donbass for a ceasefire. "
    "He thanked European partners for new packages of aid and asked them to move faster on frozen assets."
)
OLD = "Vladimir Putin said sanctions had failed to break the Russian economy, speaking at a forum in Moscow last winter."
NODATE = "An undated note says Vladimir Putin will travel to Beijing for talks with Xi Jinping."


def _m(text: str, words: str, type_: str, actor: str, kind: str, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    return Mention(**Span.of(text, start, start + len(words)).model_dump(), type=type_, actor=actor, kind=kind, via="name")


def _q(text: str, content: str, speaker: str | None) -> Quote:
    start = text.index(content)
    return Quote(type="direct", content=Span.of(text, start, start + len(content)), speaker=speaker, cue="said")


def _p(text: str, words: str, name: str, kind: str, country: str, lat: float, lon: float) -> Place:
    start = text.index(words)
    return Place(**Span.of(text, start, start + len(words)).model_dump(), name=name, kind=kind, country=country, lat=lat, lon=lon)


def corpus_records() -> list[ArticleRecord]:
    copy = WIRE.replace("Tuesday", "Wednesday") + " This story was updated."
    out = []
    for art_id, text, published, publisher in (
        ("w1", WIRE, dt.date(2025, 8, 5), "Wire Service"),
        ("w1-copy", copy, dt.date(2025, 8, 6), "Daily Echo"),
    ):
        out.append(
            ArticleRecord(
                id=art_id,
                text=text,
                published=published,
                publisher=publisher,
                mentions=[
                    _m(text, "Vladimir Putin", "PERSON", "Vladimir Putin", "person"),
                    _m(text, "Putin", "PERSON", "Vladimir Putin", "person", nth=1),
                    _m(text, "Moscow", "GPE", "Russia", "state"),
                    _m(text, "Dmitry Peskov", "PERSON", "Dmitry Peskov", "person"),
                ],
                quotes=[
                    _q(text, "We will not give up the Donbas, whatever the pressure", "Vladimir Putin"),
                    _q(text, "no date had been set for a new meeting", "Dmitry Peskov"),
                ],
                places=[_p(text, "Anchorage", "Anchorage", "city", "US", 61.22, -149.9)],
            )
        )
    out.append(
        ArticleRecord(
            id="k1",
            text=KYIV,
            published=dt.date(2025, 9, 10),
            publisher="Kyiv Post",
            mentions=[_m(KYIV, "Volodymyr Zelenskyy", "PERSON", "Volodymyr Zelenskyy", "person"), _m(KYIV, "Ukraine", "GPE", "Ukraine", "state")],
            quotes=[_q(KYIV, "Ukraine would never trade the Donbass for a ceasefire", "Volodymyr Zelenskyy")],
            places=[_p(KYIV, "Kyiv", "Kyiv", "city", "UA", 50.45, 30.52)],
        )
    )
    out.append(
        ArticleRecord(
            id="old",
            text=OLD,
            published=dt.date(2024, 12, 1),
            publisher="Wire Service",
            mentions=[_m(OLD, "Vladimir Putin", "PERSON", "Vladimir Putin", "person")],
            quotes=[_q(OLD, "sanctions had failed to break the Russian economy", "Vladimir Putin")],
            places=[_p(OLD, "Moscow", "Moscow", "city", "RU", 55.75, 37.62)],
        )
    )
    out.append(
        ArticleRecord(
            id="nodate",
            text=NODATE,
            mentions=[_m(NODATE, "Vladimir Putin", "PERSON", "Vladimir Putin", "person"), _m(NODATE, "Xi Jinping", "PERSON", "Xi Jinping", "person")],
        )
    )
    return out


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("corpus") / "news.duckdb"
    with Store.open(path) as store:
        write_records(store, corpus_records(), source="fixture")
    return path


def test_syndicated_copy_is_one_story(db):
    frame = api.sql(db, "select id, story_id from articles order by seq")
    assert dict(frame.values.tolist()) == {"w1": "w1", "w1-copy": "w1", "k1": "k1", "old": "old", "nodate": "nodate"}


def test_quotes_by_speaker_topic_and_date(db):
    frame = api.quotes(db, speaker="Putin", about="Donbas", since="2025-08-01")
    assert frame["article_id"].tolist() == ["w1", "w1-copy"]
    assert set(frame["speaker"]) == {"Vladimir Putin"}
    assert frame["content"][0] == "We will not give up the Donbas, whatever the pressure"


@pytest.mark.parametrize(
    "filters,expected",
    [
        ({"speaker": "Putin"}, ["old", "w1", "w1-copy"]),
        ({"speaker": "putin", "until": "2025-01-01"}, ["old"]),
        ({"speaker": "Vladimir Putin", "since": dt.date(2025, 8, 6)}, ["w1-copy"]),
        ({"speaker": "Zelensky"}, ["k1"]),  # an alias in the actor dictionary
        ({"speaker": "Peskov"}, ["w1", "w1-copy"]),
        ({"speaker": "Put"}, []),  # names match as whole words
        ({"about": "donbas"}, ["w1", "w1-copy", "k1"]),  # word starts: Donbas, Donbass
        ({"about": ["Donbas", "ceasefire"]}, ["k1"]),  # every keyword
        ({"about": "onbas"}, []),
        ({"place": "Anchorage"}, ["w1", "w1", "w1-copy", "w1-copy"]),
        ({"place": "UA"}, ["k1"]),
        ({"place": "ru", "speaker": "Putin"}, ["old"]),
        ({"publisher": "wire"}, ["old", "w1", "w1"]),
        ({"publisher": "Daily Echo", "speaker": "Peskov"}, ["w1-copy"]),
    ],
)
def test_quote_filters(db, filters, expected):
    assert api.quotes(db, **filters)["article_id"].tolist() == expected


def test_quote_counts_by_stories_or_articles(db):
    stories = api.quotes(db, count="stories")
    articles = api.quotes(db, count="articles")
    assert dict(zip(stories["speaker"], stories["stories"], strict=True)) == {"Vladimir Putin": 2, "Dmitry Peskov": 1, "Volodymyr Zelenskyy": 1}
    assert dict(zip(articles["speaker"], articles["articles"], strict=True)) == {"Vladimir Putin": 3, "Dmitry Peskov": 2, "Volodymyr Zelenskyy": 1}
    assert articles["speaker"].tolist()[0] == "Vladimir Putin"


def test_actors_top(db):
    frame = api.actors(db, top=2)
    assert frame["actor"].tolist() == ["Vladimir Putin", "Dmitry Peskov"]
    putin = frame.iloc[0]
    assert (putin["articles"], putin["stories"], putin["mentions"], putin["kind"]) == (4, 3, 6, "person")
    by_story = api.actors(db, count="stories", top=None)
    assert by_story["actor"].tolist()[0] == "Vladimir Putin"
    assert api.actors(db, kind="state")["actor"].tolist() == ["Russia", "Ukraine"]
    assert api.actors(db, place="UA")["actor"].tolist() == ["Ukraine", "Volodymyr Zelenskyy"]


def test_timeline(db):
    frame = api.timeline(db, "Vladimir Putin")
    assert frame.values.tolist() == [["2024-12", 1, 1, 1, 1], ["2025-08", 4, 2, 1, 2]]
    weeks = api.timeline(db, "Putin", by="week", count="stories")
    assert weeks.values.tolist() == [["2024-W48", 1], ["2025-W32", 1]]
    assert api.timeline(db, "Zelensky", by="day")["period"].tolist() == ["2025-09-10"]


def test_records_and_export(db, tmp_path):
    with api.open_store(db) as store:
        records = list(store.records())
    assert [r.id for r in records] == ["w1", "w1-copy", "k1", "old", "nodate"]
    assert records == corpus_records()

    files = api.export(db, to="parquet", out=tmp_path / "pq")
    assert {f.name for f in files} >= {"articles.parquet", "quotes.parquet", "stories.parquet", "mentions.parquet"}
    assert pq.read_table(tmp_path / "pq" / "quotes.parquet").num_rows == 6
    api.export(db, to="csv", out=tmp_path / "csv")
    assert (tmp_path / "csv" / "places.csv").read_text().splitlines()[0].startswith("article_id,idx,start,end,text,name")
    (path,) = api.export(db, to="jsonl", out=tmp_path / "js")
    lines = [json.loads(x) for x in path.read_text().splitlines()]
    assert [x["story_id"] for x in lines] == ["w1", "w1", "k1", "old", "nodate"]
    assert ArticleRecord.model_validate({k: v for k, v in lines[2].items() if k != "story_id"}) == records[2]


# ---- the CLI -------------------------------------------------------------------------------------


def test_cli_quotes_json(db):
    result = runner.invoke(app, ["quotes", "--db", str(db), "--speaker", "Putin", "--about", "Donbas", "--since", "2025-08-01", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [r["article_id"] for r in rows] == ["w1", "w1-copy"]
    assert rows[0]["published"] == "2025-08-05"


def test_cli_quotes_table_is_for_reading(db):
    """The table leaves out ids, offsets and empty columns; JSON (above) keeps them."""
    result = runner.invoke(app, ["quotes", "--db", str(db), "--speaker", "Putin", "--about", "Donbas", "--since", "2025-08-01"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    header = result.stdout.splitlines()[2]
    assert "speaker" in header and "content" in header and "published" in header
    assert "article_id" not in header and "content_start" not in header and "url" not in header


def test_cli_sql_table_keeps_the_chosen_columns(db):
    result = runner.invoke(app, ["sql", "--db", str(db), "select article_id, content_start from quotes limit 1"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "article_id" in result.stdout and "content_start" in result.stdout


def test_cli_quotes_count_csv(db):
    result = runner.invoke(app, ["quotes", "--db", str(db), "--count", "stories", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:2] == ["speaker,stories,quotes", "Vladimir Putin,2,3"]


def test_cli_actors_table(db):
    result = runner.invoke(app, ["actors", "--db", str(db), "--top", "3"])
    assert result.exit_code == 0, result.output
    assert "Vladimir" in result.stdout and "Peskov" in result.stdout and "3 rows" in result.stdout


def test_cli_timeline_and_sql(db):
    result = runner.invoke(app, ["timeline", "--db", str(db), "Vladimir Putin", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["period,mentions,articles,stories,quotes", "2024-12,1,1,1,1", "2025-08,4,2,1,2"]
    result = runner.invoke(app, ["sql", "--db", str(db), "select speaker, count(*) n from quotes group by 1 order by 2 desc, 1", "-f", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0] == {"speaker": "Vladimir Putin", "n": 3}


def test_cli_export(db, tmp_path):
    result = runner.invoke(app, ["export", "--db", str(db), "--to", "csv", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert str(tmp_path / "out" / "quotes.csv") in result.stdout.splitlines()


@pytest.mark.parametrize(
    "args,message",
    [
        (["quotes", "--db", "{missing}"], "no such store"),
        (["sql", "--db", "{db}", "drop table quotes"], "only reading queries"),
        (["sql", "--db", "{db}", "select nothing from nowhere"], "SQL error"),
        (["quotes", "--db", "{db}", "--since", "last week"], "--since"),
        (["actors", "--db", "{foreign}"], "not a DuckDB database file"),
    ],
)
def test_cli_errors_are_one_line(db, tmp_path, args, message):
    foreign = tmp_path / "notes.txt"
    foreign.write_text("not a database " * 10)
    filled = [a.format(db=db, missing=tmp_path / "none.duckdb", foreign=foreign) for a in args]
    result = runner.invoke(app, filled)
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "parley: error:" in lines[0] and message in lines[0]
    assert "Traceback" not in result.output
