from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from parley.errors import InputError, OptionError
from parley.ingest import read_source
from parley.ingest.dates import parse_published
from parley.ingest.decode import decode_bytes
from parley.model import Article
from parley.settings import InputOptions

HTML = """<!DOCTYPE html><html><head><title>Putin rules out Donbas deal | Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2025-12-20T09:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Putin rules out Donbas deal</h1>
<p>Russian President Vladimir Putin said on Friday that Moscow would not give up the Donbas under any circumstances, in remarks to business leaders.</p>
<p>"The Donbas is ours," he said, adding that talks with Washington would continue in January despite the differences between the two sides.</p>
<p>Ukrainian President Volodymyr Zelenskyy rejected the demand, saying Kyiv would not trade territory for a ceasefire with Russia.</p>
</article><footer>Subscribe to our newsletter. Copyright 2025.</footer></body></html>"""


def read_all(path: str | Path, **options) -> list[Article | InputError]:
    return list(read_source(str(path), InputOptions(**options)))


def only_article(items: list[Article | InputError]) -> Article:
    assert len(items) == 1 and isinstance(items[0], Article), items
    return items[0]


def test_plain_text_file(tmp_path):
    f = tmp_path / "story.txt"
    f.write_text("Putin spoke in Moscow.\nZelenskyy replied from Kyiv.\n", encoding="utf-8")
    article = only_article(read_all(f))
    assert article.id == "story" and article.text.startswith("Putin spoke")


def test_windows_line_ends_and_bom_are_normalised(tmp_path):
    f = tmp_path / "win.txt"
    f.write_bytes("\ufeffPutin spoke.\r\nZelenskyy replied.\r\n".encode())
    article = only_article(read_all(f))
    assert "\r" not in article.text and not article.text.startswith("\ufeff")
    assert article.text.splitlines() == ["Putin spoke.", "Zelenskyy replied."]


def test_utf16_with_bom(tmp_path):
    f = tmp_path / "u16.txt"
    f.write_bytes("Selenskyj sprach in Kyjiw über die Gespräche.".encode("utf-16"))
    assert only_article(read_all(f)).text.startswith("Selenskyj sprach")


def test_legacy_encoding_is_detected(tmp_path):
    f = tmp_path / "latin.txt"
    text = "Le président français Emmanuel Macron a déclaré à Paris que l'Europe était prête à négocier. " * 3
    f.write_bytes(text.encode("cp1252"))
    assert "président" in only_article(read_all(f)).text


def test_html_main_text_title_date_and_publisher(tmp_path):
    f = tmp_path / "page.html"
    f.write_text(HTML, encoding="utf-8")
    article = only_article(read_all(f))
    assert "would not give up the Donbas" in article.text
    assert "Subscribe" not in article.text and "Home" not in article.text
    assert article.title and "Putin rules out Donbas deal" in article.title
    assert article.published == dt.date(2025, 12, 20)
    assert article.publisher == "Example News"


def test_json_record_ignores_other_fields(tmp_path):
    f = tmp_path / "one.json"
    f.write_text(json.dumps({"id": "a1", "text": "Putin spoke.", "published": "2025-12-25", "quotes": [{"x": 1}]}), encoding="utf-8")
    article = only_article(read_all(f))
    assert article.id == "a1" and article.published == dt.date(2025, 12, 25)
    assert "quotes" not in article.model_dump()


def test_json_record_text_is_kept_exactly(tmp_path):
    """Offsets in a record's annotations index its text as given, CR LF included."""
    f = tmp_path / "crlf.json"
    f.write_text(json.dumps({"id": "c", "text": "A\r\nB"}), encoding="utf-8")
    assert only_article(read_all(f)).text == "A\r\nB"


def test_jsonl_bad_line_is_reported_and_the_rest_kept(tmp_path):
    f = tmp_path / "many.jsonl"
    f.write_text('{"id": "1", "text": "One."}\n{not json\n{"id": "3", "text": "Three."}\n', encoding="utf-8")
    items = read_all(f)
    assert [type(i).__name__ for i in items] == ["Article", "InputError", "Article"]
    assert str(items[1]).startswith(f"{f}:2:")


def test_jsonl_record_without_text(tmp_path):
    f = tmp_path / "notext.jsonl"
    f.write_text('{"id": "1", "title": "No body"}\n', encoding="utf-8")
    (err,) = read_all(f)
    assert isinstance(err, InputError) and 'no "text"' in str(err)


@pytest.mark.parametrize(
    "content,problem",
    [
        (b"", "empty"),
        (b"   \n\t ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        (b"<html><body><p></p></body></html>", "no article text"),
    ],
)
def test_bad_inputs_get_a_message_naming_the_file(tmp_path, content, problem):
    f = tmp_path / "bad.html"
    f.write_bytes(content)
    (err,) = read_all(f)
    assert isinstance(err, InputError)
    assert str(f) in str(err) and problem in str(err)


def test_oversize_input_is_refused(tmp_path):
    f = tmp_path / "big.txt"
    f.write_text("word " * 1000, encoding="utf-8")
    (err,) = read_all(f, max_bytes=1000)
    assert isinstance(err, InputError) and "over the limit" in str(err)


def test_missing_file(tmp_path):
    (err,) = read_all(tmp_path / "nope.txt")
    assert isinstance(err, InputError) and "no such file" in str(err)


def test_malformed_html_still_yields_text(tmp_path):
    f = tmp_path / "broken.html"
    f.write_text(
        "<html><body><div><p>Lavrov said the talks in Riyadh went well for Moscow and that more would follow next month.<p>Unclosed <b>tags <i>everywhere" * 3,
        encoding="utf-8",
    )
    article = only_article(read_all(f))
    assert "Lavrov said" in article.text


def test_undecodable_bytes_raise_input_error():
    with pytest.raises(InputError, match="byte-order mark"):
        decode_bytes(b"\xff\xfe\x00\xd8", "x.txt")


@pytest.mark.parametrize(
    "value,expected",
    [("2025-12-25", dt.date(2025, 12, 25)), ("2025-12-25T10:30:00Z", dt.date(2025, 12, 25)), ("", None), (None, None)],
)
def test_published_dates(value, expected):
    assert parse_published(value, "test") == expected


@pytest.mark.parametrize("value", ["25/12/2025", "yesterday", "2025-13-45", 20251225])
def test_bad_published_dates_are_refused_with_the_source(value):
    with pytest.raises(OptionError, match="--published"):
        parse_published(value, "--published")
