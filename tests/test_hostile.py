"""Hostile inputs: each finishes, at a cost within 10x of ordinary prose, with every span indexing
the original text (issue 15).

Each timed test measures ordinary prose in the same test, under the same load: of the same
length where that takes seconds, otherwise 10,000 characters and cost per character compared
(cost is linear in length: see test_cost_is_linear_in_length). Sizes prove the point in seconds:
before parley.base.safetext 10,000 ``[`` took 24 s against 2 s of prose, 100,000 about 40 minutes;
``benchmarks/throughput.py --hostile`` runs the full sizes (a megabyte without whitespace,
100,000 ``[``) and measures peak memory.
"""

from __future__ import annotations

import base64
import itertools
import random
import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import parley
from parley.base.safetext import Limits, mask, windows
from parley.model import ArticleRecord
from parley.quotes import pair_quotation_marks
from parley.settings import load_options

from .helpers import SAMPLES

OPTIONS = load_options()
MAX_RATIO = 10.0


def prose(n: int) -> str:
    """Ordinary news prose of exactly ``n`` characters: the bundled sample, paragraph after paragraph."""
    sample = (SAMPLES / "peace-talks.txt").read_text("utf-8").strip()
    text = "\n\n".join([sample] * (n // (len(sample) + 2) + 1))
    return text[:n]


def analysed(text: str, **overrides: object) -> tuple[ArticleRecord, float]:
    options = load_options(**overrides) if overrides else OPTIONS
    start = time.perf_counter()
    record = parley.extract(text, published="2025-12-25", options=options)
    elapsed = time.perf_counter() - start
    assert record.text == text
    bad = [s for s in record.spans() if not s.valid_in(text)]
    assert not bad, f"spans that do not index the text: {bad[:3]}"
    return record, elapsed


@pytest.fixture(scope="module", autouse=True)
def warm() -> None:
    analysed(prose(3000))  # loads the pipeline, the dictionaries and the gazetteer


def assert_bounded(hostile: str, prose_chars: int | None = None) -> ArticleRecord:
    """``hostile`` costs at most MAX_RATIO times as much per character as ordinary prose."""
    ordinary = prose(prose_chars or len(hostile))
    _, t_prose = analysed(ordinary)
    record, t_hostile = analysed(hostile)
    ratio = (t_hostile / len(hostile)) / (t_prose / len(ordinary))
    assert ratio <= MAX_RATIO, f"{len(hostile):,} hostile characters took {t_hostile:.1f} s, {ratio:.1f}x prose ({len(ordinary):,} chars in {t_prose:.1f} s)"
    return record


def test_a_long_run_of_prefix_punctuation():
    record = assert_bounded("[" * 10_000 + " Putin said on Monday that talks would resume in Geneva.")
    assert "Vladimir Putin" in {m.actor for m in record.mentions}


def test_long_runs_of_punctuation_inside_prose():
    text = prose(15_000)
    runs = "".join(part + ("!" * 3000 if i % 2 else "?!.,;:" * 500) for i, part in enumerate(text.split(". ")))
    assert_bounded(runs[:15_000])


def test_a_long_string_without_whitespace():
    blob = base64.b64encode(random.Random(15).randbytes(150_000)).decode()
    assert len(blob) == 200_000
    assert_bounded(blob, prose_chars=10_000)


def test_a_kilobyte_url_in_a_sentence():
    url = "https://example.org/" + "a1b2c3/" * 700
    assert_bounded(f"Putin said on Monday ({url}) that talks would resume. " * 3)


def test_ten_thousand_unmatched_quotation_marks():
    text = '"' * 5000 + " " + "“a " * 5000 + "Putin said talks would resume."
    record = assert_bounded(text)
    assert all(q.content.end - q.content.start < 1000 for q in record.quotes)


def test_one_sentence_of_60000_characters():
    words = prose(60_000).replace(".", " and").replace("\n", " ")
    assert_bounded(words, prose_chars=10_000)


def test_deeply_nested_brackets_and_quotes():
    text = "([{“«‘" * 1000 + "Putin said talks would resume" + "’»”}])" * 1000
    assert_bounded(text)


def test_mixed_scripts_and_emoji():
    line = "Путин сказал 你好世界 مرحبا بالعالم नमस्ते 😀👍🏽🇺🇦 Putin said in Kyiv that talks would resume. "
    assert_bounded(line * (10_000 // len(line)) + "😀" * 3000)


def test_zero_width_and_control_characters():
    line = "Putin\u200bsaid\u200c on\u200d Monday\x00\x07\x1b that\ufeff talks\u2060 would\x7f resume. "
    assert_bounded(line * (8_000 // len(line)) + "\u200b" * 3000)


@pytest.mark.parametrize("line_end", ["\r\n", "\r"], ids=["windows", "old-mac"])
def test_windows_and_old_mac_line_ends_read_as_line_breaks(line_end):
    unix = prose(10_000)
    record = assert_bounded(unix.replace("\n", line_end))
    if line_end == "\r":  # the same length: the same statements, at the same offsets
        reference, _ = analysed(unix)
        assert [(q.type, q.content.start, q.content.end, q.speaker) for q in record.quotes] == [
            (q.type, q.content.start, q.content.end, q.speaker) for q in reference.quotes
        ]


def test_cost_is_linear_in_length():
    """(length / 10,000) x the time of 10,000 characters, give or take: windows and batches."""
    _, small = analysed(prose(10_000))
    _, large = analysed(prose(50_000))
    assert large <= 5 * small * 2.0, f"50,000 characters took {large:.1f} s, 10,000 took {small:.1f} s"


# ---- what spaCy reads, and the windows ----------------------------------------------------


def test_ordinary_text_is_read_as_it_is():
    text = prose(20_000)
    assert mask(text, Limits()) is text


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('ab [(“"!.\n\r\u200b😀 ')), max_size=400), st.integers(2, 12), st.integers(8, 30))
def test_the_masked_copy_has_the_same_length_and_only_blanks_characters(text, run, token):
    limits = Limits(max_symbol_run=run, max_token_chars=token, max_sentence_chars=100, window_chars=1000)
    masked = mask(text, limits)
    assert len(masked) == len(text)
    assert all(m == t or m in " \n" for m, t in zip(masked, text, strict=True))
    assert all(len(chunk) <= token for chunk in masked.split())
    assert all(len(r) <= run for r in re.findall(r"[^\w\s]+", masked))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .\n")), max_size=3000), st.integers(10, 500))
def test_windows_cover_the_text_in_order(text, size):
    cuts = windows(text, size)
    assert cuts[0][0] == 0 and cuts[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(cuts))
    assert all(0 < e - s <= size for s, e in cuts) or text == ""


def test_a_long_article_is_joined_from_its_windows_with_offsets_intact():
    paragraph = (SAMPLES / "peace-talks.txt").read_text("utf-8").strip()
    text = "\n\n".join([paragraph] * 6)
    whole, _ = analysed(paragraph)
    record, _ = analysed(text, input__window_chars=1000 if len(paragraph) < 1000 else len(paragraph) + 2)
    step = len(paragraph) + 2
    expected = [(m.start + k * step, m.end + k * step, m.actor) for k in range(6) for m in whole.mentions]
    assert [(m.start, m.end, m.actor) for m in record.mentions] == expected


# ---- quotation marks that never close -----------------------------------------------------


def test_a_quotation_over_paragraphs_that_never_closes_ends_with_its_paragraph():
    paragraphs = [f"“Plan number {i} will work, the minister said on Monday, and the people agree with it." for i in range(100)]
    text = "\n\n".join(paragraphs)
    regions = pair_quotation_marks(text)
    assert len(regions) == 100 and all(r.paragraphs == 1 and "\n" not in text[r.start : r.end] for r in regions)
    record, _ = analysed(text)
    longest = max(len(p) for p in paragraphs)
    assert all(q.content.end - q.content.start <= longest for q in record.quotes)
    spans = sorted((q.content.start, q.content.end) for q in record.quotes)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans)), "overlapping statements"


def test_a_closed_quotation_over_paragraphs_still_runs_on():
    text = "“We will win,\n\n“and we will win soon,” the minister said."
    (region,) = pair_quotation_marks(text)
    assert region.closed and region.paragraphs == 2
