"""The REST service: the same app object ``parley serve`` runs, driven by FastAPI's TestClient
over a store of hand-annotated records (tests/corpus.py); the listings and their cursors,
filters as the command line has them, errors as one-line JSON, the size limit, the ingest
token, ``POST /extract`` on real text, and Schemathesis over the OpenAPI document."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parley import api
from parley.cli import app as cli_app
from parley.corpus import write_records
from parley.errors import OptionError
from parley.model import ArticleRecord
from parley.service import ServiceConfig, create_app
from parley.store import Store
from parley.store.query import decode_cursor, encode_cursor

from .corpus import fixture_records
from .helpers import SAMPLES

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's note that httpx2 will replace httpx
    from fastapi.testclient import TestClient

TOKEN = "s3cret-token"


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("service") / "corpus.duckdb"
    with Store.open(path) as store:
        write_records(store, fixture_records(), source="tests/corpus.py")
    return path


@pytest.fixture(scope="module")
def client(corpus_db):
    with TestClient(create_app(ServiceConfig(db=corpus_db))) as c:
        yield c


def walk(client, url: str, limit: int) -> list[dict]:
    """Every item of a listing, a page of ``limit`` at a time, following the cursors."""
    items: list[dict] = []
    after = None
    for _ in range(100):
        sep = "&" if "?" in url else "?"
        page = client.get(f"{url}{sep}limit={limit}" + (f"&after={after}" if after else "")).json()
        items += page["items"]
        after = page["next"]
        if after is None:
            return items
    raise AssertionError("the cursor never ends")


# ---- listings ------------------------------------------------------------------------------


def test_articles_newest_first_undated_last(client):
    page = client.get("/articles").json()
    assert [a["id"] for a in page["items"]] == ["geneva-round", "istanbul-offer", "air-defence"]
    assert page["next"] is None
    first = page["items"][1]
    assert (first["quotes"], first["mentions"], first["places"], first["events"], first["stances"]) == (3, 9, 3, 2, 2)


@pytest.mark.parametrize("url", ["/articles", "/quotes", "/actors", "/events", "/positions", "/places", "/issues"])
@pytest.mark.parametrize("limit", [1, 2])
def test_cursor_pages_add_up_to_the_whole_listing(client, url, limit):
    whole = client.get(f"{url}?limit=500").json()["items"]
    assert whole, url
    assert walk(client, url, limit) == whole


def test_quotes_in_order_with_their_article(client):
    items = client.get("/quotes").json()["items"]
    assert [(i["article"]["id"], i["idx"]) for i in items] == [
        ("istanbul-offer", 0), ("istanbul-offer", 1), ("istanbul-offer", 2),
        ("geneva-round", 0), ("geneva-round", 1), ("geneva-round", 2), ("air-defence", 0),
    ]  # fmt: skip
    quote = items[1]["quote"]
    assert quote["type"] == "direct" and quote["speaker"] == "Vladimir Putin" and quote["cue"]["text"] == "told"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("speaker=Putin", {"istanbul-offer", "geneva-round"}),
        ("speaker=putin", {"istanbul-offer", "geneva-round"}),
        ("speaker=Zelensky", {"istanbul-offer", "air-defence"}),  # an alias the actor dictionary knows
        ("speaker=Put", set()),  # whole words only
        ("about=Donbas", {"istanbul-offer", "geneva-round"}),
        ("about=Donbas&about=withdraw", {"geneva-round"}),
        ("since=2025-12-01", {"geneva-round"}),
        ("until=2025-11-30", {"istanbul-offer"}),
        ("publisher=wire", {"geneva-round"}),
        ("place=Geneva", {"geneva-round"}),
        ("place=TR", {"istanbul-offer"}),
        ("actor=Peskov", {"geneva-round"}),
    ],
)
def test_quote_filters_as_in_the_cli(client, corpus_db, query, expected):
    items = client.get(f"/quotes?{query}&limit=500").json()["items"]
    assert {i["article"]["id"] for i in items} == expected
    # the same answer as the command line's api function (the same filters)
    args = dict(pair.split("=") for pair in query.split("&") if not pair.startswith(("about", "actor")))
    if "actor=" not in query:
        args["about"] = [p.split("=")[1] for p in query.split("&") if p.startswith("about")]
        frame = api.quotes(corpus_db, **args)
        assert set(frame["article_id"]) == expected


def test_actors_ranked_by_articles(client):
    items = client.get("/actors?limit=5").json()["items"]
    # by articles, then mentions, then name
    assert [(a["actor"], a["articles"], a["mentions"]) for a in items] == [
        ("Russia", 2, 3), ("Ukraine", 2, 3), ("Vladimir Putin", 2, 3), ("Donbas", 2, 2), ("Volodymyr Zelenskyy", 2, 2),
    ]  # fmt: skip
    putin = next(a for a in client.get("/actors?actor=Putin").json()["items"])
    assert (putin["actor"], putin["articles"], putin["mentions"], putin["quotes"]) == ("Vladimir Putin", 2, 3, 3)


def test_actor_profile(client):
    p = client.get("/actors/Vladimir Putin").json()
    assert (p["name"], p["articles"], p["quotes"], p["mentions"]) == ("Vladimir Putin", 2, 3, 3)
    assert [(t["period"], t["mentions"], t["quotes"]) for t in p["timeline"]] == [("2025-11", 2, 2), ("2025-12", 1, 1)]
    assert p["statements"][0]["quote"]["content"]["text"] == "Moscow was ready to meet Ukrainian officials in Istanbul"
    # events through source_person: Putin acts for Russia
    assert [(x["actor"], x["type"]) for x in p["partners"]] == [("Ukraine", "CONSULT")]
    russia = client.get("/actors/Russia").json()
    assert {(i["issue"], i["position"], i["count"]) for i in russia["issues"]} == {
        ("status of Donbas", "rejects concession", 1),
        ("peace talks", "supports talks", 1),
    }
    assert {(x["actor"], x["type"]) for x in russia["partners"]} == {("Ukraine", "CONSULT"), ("Ukraine", "REJECT"), ("United States", "REQUEST")}


def test_unknown_actor_and_article_are_404_json(client):
    for url in ("/actors/Nobody%20Atall", "/articles/no-such-id"):
        r = client.get(url)
        assert r.status_code == 404 and r.json()["error"].startswith("no ")


def test_article_record_is_the_stored_record(client, corpus_db):
    for record in fixture_records():
        body = client.get(f"/articles/{record.id}").json()
        assert body == json.loads(record.model_dump_json())
        assert ArticleRecord.model_validate(body) == record


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("actor=Russia", [("CONSULT", "Russia", "Ukraine"), ("REJECT", "Ukraine", "Russia"), ("REQUEST", "United States", "Russia")]),
        ("type=agree", []),
        ("type=reject", [("REJECT", "Ukraine", "Russia")]),
        ("actor=United%20States&since=2025-12-01", [("REQUEST", "United States", "Russia")]),
    ],
)
def test_events(client, query, expected):
    items = client.get(f"/events?{query}").json()["items"]
    assert [(i["event"]["type"], i["event"]["source"], i["event"]["target"]) for i in items] == expected


def test_positions_and_the_matrix(client):
    items = client.get("/positions?issue=Donbas").json()["items"]
    assert [(i["stance"]["holder"], i["article"]["published"]) for i in items] == [("Ukraine", "2025-11-03"), ("Russia", "2025-12-10")]
    assert client.get("/positions?about=guarantees").json()["items"][0]["stance"]["holder"] == "United States"
    m = client.get("/positions/matrix?issue=Donbas").json()
    assert (m["periods"], m["issues"]) == (["2025-11", "2025-12"], ["status of Donbas"])
    assert sorted(m["holders"]) == ["Russia", "Ukraine"]
    cell = next(c for c in m["cells"] if c["holder"] == "Russia")
    assert (cell["period"], cell["positions"]) == ("2025-12", ["rejects concession"])
    assert cell["evidence"][0]["stance"]["evidence"]["text"] == "Russia would not withdraw from the Donbas"
    assert client.get("/positions/matrix?issue=Donbas&by=year").json()["periods"] == ["2025"]


def test_places_counted_across_articles(client):
    items = client.get("/places").json()["items"]
    donbas = items[0]
    assert (donbas["name"], donbas["mentions"], donbas["articles"]) == ("Donbas", 2, 2)
    assert {p["name"] for p in items} == {"Donbas", "Istanbul", "Moscow", "Geneva"}
    assert [p["name"] for p in client.get("/places?since=2025-12-01").json()["items"]] == ["Donbas", "Geneva"]


def test_info(client):
    info = client.get("/info").json()
    assert info["store"]["articles"] == 3 and info["ingest"] is False and info["max_request_bytes"] == 2_000_000


# ---- errors --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("/quotes?since=yesterday", "since"),
        ("/quotes?limit=0", "limit"),
        ("/quotes?limit=100000", "limit"),
        ("/quotes?after=not-a-cursor", "not a cursor"),
        ("/quotes?speaker=%20%20", "empty"),
        ("/actors/Vladimir%20Putin?by=decade", "by"),
    ],
)
def test_bad_parameters_are_422_with_a_clear_message(client, url, words):
    r = client.get(url)
    assert r.status_code == 422
    body = r.json()
    assert words in body["error"] and "Traceback" not in r.text


def test_a_cursor_of_another_listing_is_refused(client):
    cursor = client.get("/quotes?limit=1").json()["next"]
    r = client.get(f"/actors?after={cursor}")
    assert r.status_code == 422 and "not a cursor" in r.json()["error"]


def test_cursor_round_trip_and_forgeries():
    keys = [("k", False, str), ("n", True, int)]
    assert decode_cursor(encode_cursor(["2025-01-01", 7]), keys) == ["2025-01-01", 7]
    for forged in (encode_cursor([1, 7]), encode_cursor(["x"]), encode_cursor(["x", True]), "%%%", encode_cursor({"a": 1})):  # type: ignore[list-item]
        with pytest.raises(OptionError, match="not a cursor"):
            decode_cursor(forged, keys)


def test_an_unexpected_error_is_a_500_without_traceback(corpus_db, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("secret internals /etc/passwd")

    monkeypatch.setattr(api, "browse", boom)
    with TestClient(create_app(ServiceConfig(db=corpus_db)), raise_server_exceptions=False) as c:
        r = c.get("/quotes")
    assert r.status_code == 500
    assert r.json()["error"].startswith("internal error") and "secret" not in r.text and "Traceback" not in r.text


def test_without_a_store_only_extract_works(tmp_path):
    with TestClient(create_app(ServiceConfig())) as c:
        assert c.get("/info").json()["store"] is None
        r = c.get("/quotes")
        assert r.status_code == 404 and "no corpus store" in r.json()["error"]


def test_a_file_that_is_not_a_store_is_refused_at_start(tmp_path):
    bad = tmp_path / "notes.duckdb"
    bad.write_text("hello")
    with pytest.raises(Exception, match="not a DuckDB database"):
        create_app(ServiceConfig(db=bad))


# ---- POST /extract -------------------------------------------------------------------------

SENTENCE = "Russian President Vladimir Putin said on Monday that Moscow would not give up the Donbas."


@pytest.fixture(scope="module")
def bare():
    with TestClient(create_app(ServiceConfig())) as c:
        yield c


def test_extract_json_text_is_the_api_record(bare):
    r = bare.post("/extract", json={"text": SENTENCE, "published": "2025-12-25", "id": "s1", "publisher": "Test"})
    assert r.status_code == 200, r.text
    body = r.json()
    expected = api.extract({"id": "s1", "text": SENTENCE, "published": "2025-12-25", "publisher": "Test"})
    assert body == json.loads(expected.model_dump_json())
    assert any(q["speaker"] == "Vladimir Putin" for q in body["quotes"])


def test_extract_plain_html_and_file_bodies(bare):
    r = bare.post("/extract?published=2025-12-25", content=SENTENCE.encode(), headers={"Content-Type": "text/plain; charset=utf-8"})
    assert r.status_code == 200 and r.json()["published"] == "2025-12-25"
    html = f"<html><head><title>Talks</title></head><body><article><p>{SENTENCE}</p><p>{SENTENCE}</p></article></body></html>"
    r = bare.post("/extract", json={"html": html, "id": "page"})
    assert r.status_code == 200 and r.json()["text"].startswith("Russian President")
    sample = (SAMPLES / "peace-talks.txt").read_bytes()
    r = bare.post("/extract", files={"file": ("peace-talks.txt", sample, "text/plain")}, data={"published": "2025-12-25"})
    assert r.status_code == 200
    body = r.json()
    assert body["id"] == "peace-talks" and body["published"] == "2025-12-25" and body["quotes"]


@pytest.mark.parametrize(
    ("kwargs", "status", "words"),
    [
        ({"json": {"text": "a", "html": "<p>b</p>"}}, 422, "exactly one"),
        ({"json": {}}, 422, "exactly one"),
        ({"json": {"text": "   "}}, 422, "empty"),
        ({"json": {"text": "x", "published": "last week"}}, 422, "not an ISO date"),
        ({"json": {"text": "x", "colour": "red"}}, 422, "colour"),
        ({"content": b"{not json", "headers": {"Content-Type": "application/json"}}, 422, "request body"),
        ({"content": b"hello", "headers": {"Content-Type": "application/pdf"}}, 415, "unsupported media type"),
        ({"content": b"\x00\x01\x02binary\x00", "headers": {"Content-Type": "text/plain"}}, 422, "binary"),
        ({"files": {"file": ("a.jsonl", b'{"text": "One."}\n{"text": "Two."}\n', "application/json")}}, 422, "holds 2 articles"),
        ({"files": {"other": ("a.txt", b"text", "text/plain")}}, 422, "`file` field"),
    ],
)
def test_extract_refuses_bad_input_clearly(bare, kwargs, status, words):
    r = bare.post("/extract", **kwargs)
    assert r.status_code == status, r.text
    assert words in r.json()["error"]


def test_bodies_over_the_limit_are_413(tmp_path):
    with TestClient(create_app(ServiceConfig(max_request_bytes=1000))) as c:
        r = c.post("/extract", json={"text": "word " * 400})
        assert r.status_code == 413 and "limit of 1,000" in r.json()["error"]

        def chunks():  # no Content-Length: counted as it arrives
            for _ in range(5):
                yield b"x" * 400

        r = c.post("/extract", content=chunks(), headers={"Content-Type": "text/plain"})
        assert r.status_code == 413
        assert c.post("/extract", json={"text": ""}).status_code == 422  # under the limit: read as usual


# ---- POST /articles ------------------------------------------------------------------------


def test_ingest_is_off_by_default(client):
    r = client.post("/articles", json={"text": SENTENCE}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 403 and "read-only" in r.json()["error"]


def test_ingest_needs_a_token_to_start():
    with pytest.raises(OptionError, match="needs an API token"):
        create_app(ServiceConfig(db=Path("x.duckdb"), allow_ingest=True))


def test_ingest_with_the_token(tmp_path):
    db = tmp_path / "live.duckdb"
    with TestClient(create_app(ServiceConfig(db=db, allow_ingest=True, token=TOKEN))) as c:
        r = c.post("/articles", json={"text": SENTENCE})
        assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
        r = c.post("/articles", json={"text": SENTENCE}, headers={"Authorization": "Bearer wrong"})
        assert r.status_code == 403 and "wrong" in r.json()["error"]
        auth = {"Authorization": f"Bearer {TOKEN}"}
        body = {
            "articles": [
                {"id": "a1", "text": SENTENCE, "published": "2025-12-25"},
                {"id": "a2", "text": "Zelensky said Ukraine needs more air defence this winter."},
            ]
        }
        r = c.post("/articles", json=body, headers=auth)
        assert r.status_code == 200, r.text
        assert r.json() == {"ingested": ["a1", "a2"], "skipped": [], "failed": []}
        assert c.get("/articles/a1").json()["published"] == "2025-12-25"
        assert {i["quote"]["speaker"] for i in c.get("/quotes?speaker=Putin").json()["items"]} == {"Vladimir Putin"}
        # the same article again is skipped; another text under a stored id gets a hashed id
        again = c.post(
            "/articles",
            json={"articles": [{"id": "a1", "text": SENTENCE, "published": "2025-12-25"}, {"id": "a1", "text": "Peskov said nothing new."}]},
            headers=auth,
        ).json()
        assert again["skipped"] == ["a1"] and len(again["ingested"]) == 1 and again["ingested"][0].startswith("a1~")
        bad = c.post("/articles", json={"articles": [{"text": "  "}]}, headers=auth).json()
        assert bad["ingested"] == [] and bad["failed"][0]["reason"].endswith("empty")
    assert Store.open(db, read_only=True).counts()["articles"] == 3


# ---- the command line's serve ---------------------------------------------------------------


def test_cli_serve_get_goes_through_the_same_app(corpus_db):
    result = CliRunner().invoke(cli_app, ["serve", "--db", str(corpus_db), "--get", "/actors?limit=1"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output.strip().splitlines()[-1])["items"][0]["actor"] == "Russia"
    result = CliRunner().invoke(cli_app, ["serve", "--db", str(corpus_db), "--get", "/articles/nope"])
    assert result.exit_code == 1


def test_cli_serve_refuses_ingest_without_token(corpus_db, monkeypatch):
    monkeypatch.delenv("PARLEY_API_TOKEN", raising=False)
    result = CliRunner().invoke(cli_app, ["serve", "--db", str(corpus_db), "--allow-ingest"])
    assert result.exit_code == 1 and "needs an API token" in result.output


# ---- the OpenAPI document, fuzzed ------------------------------------------------------------


def test_openapi_lists_every_route(client):
    doc = client.get("/openapi.json").json()
    assert {"/extract", "/articles", "/articles/{article_id}", "/quotes", "/actors", "/actors/{name}", "/events", "/positions",
            "/positions/matrix", "/issues", "/places", "/info"} <= set(doc["paths"])  # fmt: skip
    assert not any(p.startswith(("/ui", "/static")) for p in doc["paths"])
