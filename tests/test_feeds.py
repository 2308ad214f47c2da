"""RSS and Atom feeds: one article per item, with title, link, date and the feed's title as
publisher; items' HTML becomes paragraphs; non-feeds and empty items are reported."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from parley.errors import InputError
from parley.ingest import read_source, read_text
from parley.ingest.feeds import html_to_text, looks_like_feed, read_feed
from parley.model import Article

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Wire World</title>
  <link>https://wire.example/</link>
  <item>
    <title>Putin ready for talks</title>
    <link>https://wire.example/putin-talks</link>
    <guid isPermaLink="false">wire-0001</guid>
    <pubDate>Tue, 12 Aug 2025 09:30:00 +0000</pubDate>
    <description>Short summary.</description>
    <content:encoded><![CDATA[<p>Vladimir Putin said on Tuesday that Moscow was ready for talks.</p>
      <p>“We will not give up the Donbas,” he said.<script>alert(1)</script></p>]]></content:encoded>
  </item>
  <item>
    <title>Zelenskyy &amp; allies</title>
    <link>https://wire.example/zelenskyy</link>
    <pubDate>Wed, 13 Aug 2025 18:00:00 +0200</pubDate>
    <description>&lt;p&gt;Volodymyr Zelenskyy met European leaders in Berlin.&lt;/p&gt;</description>
  </item>
  <item>
    <title>Only a title</title>
    <link>https://wire.example/empty</link>
  </item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Atom News</title>
  <entry>
    <id>tag:atom.example,2025:1</id>
    <title>Summit in Anchorage</title>
    <link href="https://atom.example/anchorage"/>
    <updated>2025-08-15T20:00:00Z</updated>
    <summary>A summary that loses to the content.</summary>
    <content type="html">&lt;p&gt;Donald Trump and Vladimir Putin met in Anchorage, Alaska.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;No deal&lt;/li&gt;&lt;li&gt;More talks&lt;/li&gt;&lt;/ul&gt;</content>
  </entry>
</feed>
"""

RDF = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://old.example/"><title>Old Style</title><link>https://old.example/</link></channel>
  <item rdf:about="https://old.example/1"><title>Kyiv</title><link>https://old.example/1</link>
    <description>Air defence over Kyiv held overnight, officials said.</description><dc:date>2025-07-01</dc:date></item>
</rdf:RDF>
"""


def _articles(items) -> list[Article]:
    return [x for x in items if isinstance(x, Article)]


def test_rss_items_become_articles():
    items = list(read_feed(RSS.encode(), "wire.xml"))
    first, second, third = items
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.text == "Vladimir Putin said on Tuesday that Moscow was ready for talks.\n“We will not give up the Donbas,” he said."
    assert (first.title, first.url, first.published, first.publisher) == (
        "Putin ready for talks",
        "https://wire.example/putin-talks",
        dt.date(2025, 8, 12),
        "Wire World",
    )
    assert second.text == "Volodymyr Zelenskyy met European leaders in Berlin."  # the summary, as text
    assert second.title == "Zelenskyy & allies" and second.published == dt.date(2025, 8, 13)
    assert isinstance(third, InputError) and "item 3" in str(third) and "no content or summary" in str(third)


def test_item_ids_are_stable_and_distinct():
    once = _articles(read_feed(RSS.encode(), "wire.xml"))
    again = _articles(read_feed(RSS.encode(), "wire-later-copy.xml"))
    assert [a.id for a in once] == [a.id for a in again]
    assert len({a.id for a in once}) == len(once)


def test_atom_content_wins_over_summary():
    (article,) = list(read_feed(ATOM.encode(), "atom.xml"))
    assert isinstance(article, Article)
    assert article.text == "Donald Trump and Vladimir Putin met in Anchorage, Alaska.\nNo deal\nMore talks"
    assert (article.publisher, article.published, article.url) == ("Atom News", dt.date(2025, 8, 15), "https://atom.example/anchorage")


def test_rss_1_rdf():
    (article,) = _articles(read_feed(RDF.encode(), "old.rdf"))
    assert article.text.startswith("Air defence over Kyiv") and article.published == dt.date(2025, 7, 1)


def test_declared_encoding_is_honoured(tmp_path):
    latin = RSS.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').replace("“", '"').replace("”", '"').replace("Berlin", "Köln")
    path = tmp_path / "latin.xml"
    path.write_bytes(latin.encode("latin-1"))
    articles = _articles(read_source(str(path)))
    assert articles[1].text == "Volodymyr Zelenskyy met European leaders in Köln."


@pytest.mark.parametrize(
    "content,problem",
    [
        ("<urlset><url><loc>https://x.example/</loc></url></urlset>", "not an RSS or Atom feed"),
        ("this is not xml at all", "not an RSS or Atom feed"),
        ('<?xml version="1.0"?><rss version="2.0"><channel><title>Empty</title></channel></rss>', "the feed has no items"),
    ],
)
def test_not_a_feed_is_one_error(tmp_path, content, problem):
    path = tmp_path / "thing.xml"
    path.write_text(content)
    (item,) = list(read_source(str(path)))
    assert isinstance(item, InputError) and problem in str(item) and str(path) in str(item)


def test_feed_on_standard_input_is_sniffed(monkeypatch):
    assert looks_like_feed(ATOM) and looks_like_feed(RSS) and not looks_like_feed("<html><body>x</body></html>")
    (article,) = list(read_text(ATOM, "<stdin>", "stdin"))
    assert isinstance(article, Article) and article.publisher == "Atom News"
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(RSS.encode())))
    assert len(_articles(read_source("-"))) == 2


@pytest.mark.parametrize(
    "html,text",
    [
        ("<p>One.</p><p>Two.</p>", "One.\nTwo."),
        ("Plain   text,\n\n  two lines.", "Plain text,\ntwo lines."),
        ("Line<br>break <b>bold</b> &amp; more", "Line\nbreak bold & more"),
        ("<div><h2>Head</h2>Body<style>p{}</style></div>", "Head\nBody"),
        ("", ""),
    ],
)
def test_html_to_text(html, text):
    assert html_to_text(html) == text
