"""The web page in a real browser: Debian's headless Chromium driven by Playwright (no browser
download), against the app served by uvicorn on a free localhost port, over a store of the
hand-annotated records in tests/corpus.py.

The seed article (../shared/gold/seed.json's text, or the bundled samples/peace-talks.txt when
the shared data is absent) is pasted into the page, its statements show with Putin as a
speaker, and the actor page opens from there. Screenshots go to test-artifacts/ (gitignored).
If /usr/bin/chromium is missing, scripts/install_chromium.sh installs it; the tests skip, saying
why, only when that is impossible.
"""

from __future__ import annotations

import json
import subprocess
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from parley import api
from parley.corpus import write_records
from parley.service import ServiceConfig, create_app
from parley.store import Store

from .corpus import fixture_records
from .helpers import ROOT, SAMPLES, SHARED, serving

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]  # fmt: skip
ARTIFACTS = ROOT / "test-artifacts"
PUBLISHED = "2025-12-25"  # the seed's assumed date (shared/gold/README.md); the sample's own


def seed_text() -> str:
    """The seed article's text, or the bundled sample when ../shared is absent (a user's clone)."""
    seed = SHARED / "gold" / "seed.json"
    if seed.exists():
        return str(json.loads(seed.read_text("utf-8"))["text"])
    return (SAMPLES / "peace-talks.txt").read_text("utf-8")


def _chromium() -> Path:
    if not CHROMIUM.exists():
        done = subprocess.run(["bash", str(ROOT / "scripts" / "install_chromium.sh")], capture_output=True, text=True, timeout=900)
        if not CHROMIUM.exists():
            reason = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
            pytest.skip(f"{CHROMIUM} is missing and scripts/install_chromium.sh could not install it: {reason[0]}")
    return CHROMIUM


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    """The app under uvicorn in a thread, on a free localhost port; yields its base URL."""
    db = tmp_path_factory.mktemp("web") / "corpus.duckdb"
    with Store.open(db) as store:
        write_records(store, fixture_records(), source="tests/corpus.py")
    with serving(create_app(ServiceConfig(db=db))) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    executable = _chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(executable), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.errors = errors  # type: ignore[attr-defined]
    yield tab
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def get_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=30) as res:  # the test's own localhost server
        return json.loads(res.read())


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def hover_words(page, selector: str, words: str) -> None:
    """Move the mouse onto ``words`` inside the element (text, not a mark in it)."""
    box = page.evaluate(
        """([selector, words]) => {
            const el = document.querySelector(selector);
            const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const at = node.textContent.indexOf(words);
                if (at < 0) continue;
                const range = document.createRange();
                range.setStart(node, at);
                range.setEnd(node, at + words.length);
                range.startContainer.parentElement.scrollIntoView({block: "center"});
                const r = range.getBoundingClientRect();
                return {x: r.x + r.width / 2, y: r.y + r.height / 2};
            }
            return null;
        }""",
        [selector, words],
    )
    assert box is not None, f"{words!r} is not in {selector}"
    page.mouse.move(box["x"], box["y"])


def open_page(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("body[data-ready=true]", timeout=30_000)


def test_paste_the_seed_see_putin_speak_and_open_his_page(page, server):
    open_page(page, f"{server}/ui/")
    text = seed_text()
    page.fill("#paste-text", text)
    page.fill("#paste-published", PUBLISHED)
    page.click("#paste-run")
    page.wait_for_selector("#paste-result .article-view", timeout=180_000)
    shown = page.evaluate("window.parley.data")
    # the page shows exactly what POST /extract returns (the same api.extract, the same input)
    expected = json.loads(api.extract(text, published=PUBLISHED).model_dump_json())
    assert shown == expected
    # every statement is in the side list and marked in the text
    assert page.locator("#paste-result .statement").count() == len(expected["quotes"]) > 0
    for i in range(len(expected["quotes"])):
        assert page.locator(f"#paste-result #q{i}").count() == 1
    putin = page.locator('#paste-result .speaker-group[data-speaker="Vladimir Putin"]')
    assert putin.count() == 1
    assert putin.locator(".statement").count() >= 3
    # hovering a mention tells its canonical actor
    page.locator("#paste-result .doc mark.PERSON", has_text="Vladimir Putin").first.hover()
    assert "PERSON: Vladimir Putin" in page.inner_text("#tip")
    shot(page, "paste-seed")
    # the speaker's name opens their actor page (over the corpus the server holds)
    putin.locator("a.speaker-name").click()
    page.wait_for_url("**/ui/actors/Vladimir%20Putin")
    page.wait_for_selector("h1.actor-name", timeout=30_000)
    assert page.inner_text("h1.actor-name") == "Vladimir Putin"
    assert page.locator("table.statements tr").count() == 3
    assert page.get_attribute("#json-link", "href") == "/actors/Vladimir%20Putin?by=month"
    assert page.evaluate("window.parley.data") == get_json(f"{server}/actors/Vladimir%20Putin?by=month")
    assert "Ukraine" in page.inner_text("ul.partners")
    shot(page, "actor-putin")


def test_article_page_is_the_rest_record(page, server):
    open_page(page, f"{server}/ui/articles/istanbul-offer")
    record = get_json(f"{server}/articles/istanbul-offer")
    assert page.evaluate("window.parley.data") == record
    assert page.get_attribute("#json-link", "href") == "/articles/istanbul-offer"
    assert page.get_attribute('link[rel="alternate"]', "href") == "/articles/istanbul-offer"
    assert page.inner_text("h1") == record["title"]
    # the marked-up text is the record's text, character for character (labels are drawn by CSS)
    assert page.evaluate("document.getElementById('doc').textContent") == record["text"]
    # three statements, two speakers, each with a colour of its own
    groups = page.locator(".speaker-group")
    assert [groups.nth(i).get_attribute("data-speaker") for i in range(groups.count())] == ["Vladimir Putin", "Volodymyr Zelenskyy"]
    colours = {page.locator(f"#q{i}").evaluate("el => getComputedStyle(el).borderBottomColor") for i in range(3)}
    assert len(colours) == 2
    # hover: a quote tells speaker, cue and date; a place tells its point; a date its value
    hover_words(page, "#q0", "was ready")
    tip = page.inner_text("#tip")
    assert "speaker: Vladimir Putin" in tip and "cue: said" in tip and "said on: 2025-11-03" in tip
    page.locator("mark.GPE", has_text="Istanbul").hover()
    assert "place: Istanbul (city, TR)" in page.inner_text("#tip")
    page.locator("mark.DATE").hover()
    assert "DATE: 2025-11-03" in page.inner_text("#tip")
    # the side list scrolls to a statement in the text
    page.locator(".statement").nth(2).click()
    assert page.locator("#q2.flash").count() == 1
    shot(page, "article-istanbul")


def test_issue_page_matrix_and_evidence(page, server):
    open_page(page, f"{server}/ui/issues/Donbas")
    assert page.evaluate("window.parley.data") == get_json(f"{server}/positions/matrix?issue=Donbas&by=month")
    assert page.locator("table.matrix thead th").all_inner_texts() == ["actor", "2025-11", "2025-12"]
    page.click('td.cell[data-holder="Russia"]')
    panel = page.inner_text("#evidence-panel")
    assert "Russia would not withdraw from the Donbas" in panel and "rejects concession" in panel
    shot(page, "issue-donbas")
    page.locator("#evidence-panel a").first.click()
    page.wait_for_selector("#evidence", timeout=30_000)
    assert page.inner_text("#evidence") == "Russia would not withdraw from the Donbas"


def test_map_of_places(page, server):
    open_page(page, f"{server}/ui/map")
    places = get_json(f"{server}/places?limit=500")["items"]
    assert page.locator("svg.map circle").count() == sum(p["lat"] is not None for p in places) == 4
    assert page.locator("svg.map path").count() > 150  # the vendored country outlines
    donbas = page.locator('svg.map circle[data-name="Donbas"]')
    assert float(donbas.get_attribute("r")) > float(page.locator('svg.map circle[data-name="Geneva"]').get_attribute("r"))
    shot(page, "map")
    donbas.click()
    page.wait_for_url("**/ui/?place=Donbas")
    page.wait_for_selector("body[data-ready=true]")
    page.wait_for_function("document.querySelectorAll('tbody tr').length >= 2")
    assert page.locator("tbody tr").count() == 2


def test_corpus_page_filters(page, server):
    open_page(page, f"{server}/")
    page.wait_for_function("document.querySelectorAll('tbody tr').length === 3")
    assert page.get_attribute("#json-link", "href") == "/articles"
    page.fill('input[name="speaker"]', "Zelensky")
    page.click("form.filters button")
    page.wait_for_url("**/ui/?speaker=Zelensky*")
    page.wait_for_function("document.querySelectorAll('tbody tr').length === 2")
    assert page.get_attribute("#json-link", "href").startswith("/articles?speaker=Zelensky")
    shot(page, "corpus")


# ---- the page's files, without a browser -----------------------------------------------------


def test_every_ui_path_is_the_shell_and_root_redirects(tmp_path):
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    with TestClient(create_app(ServiceConfig())) as client:
        assert client.get("/", follow_redirects=False).headers["location"] == "/ui/"
        for path in ("/ui/", "/ui/articles/x%2Fy", "/ui/actors/Vladimir Putin", "/ui/map"):
            r = client.get(path)
            assert r.status_code == 200 and r.headers["content-type"].startswith("text/html") and "/static/app.js" in r.text
        for name in ("app.js", "style.css", "world-110m.geojson"):
            assert client.get(f"/static/{name}").status_code == 200


def test_the_page_loads_nothing_from_outside():
    """No CDN, no web font, no tiles: every URL in the page's files is this server's (the SVG
    namespace is a name, not a request)."""
    import re

    from parley.service.app import static_dir

    for path in static_dir().iterdir():
        if path.suffix in (".html", ".js", ".css"):
            urls = set(re.findall(r"(?:https?:)?//[\w.-]+\.[a-z]{2,}[^\s\"')]*", path.read_text("utf-8")))
            assert urls <= {"http://www.w3.org/2000/svg", "//www.w3.org/2000/svg"}, (path.name, urls)


def test_the_world_outline_is_natural_earth_110m():
    from parley.service.app import static_dir

    world = json.loads((static_dir() / "world-110m.geojson").read_text("utf-8"))
    names = {f["properties"]["name"] for f in world["features"]}
    assert world["type"] == "FeatureCollection" and len(names) > 170 and {"Ukraine", "Russia", "Fiji", "Antarctica"} <= names
