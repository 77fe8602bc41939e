"""Fuzzing with Hypothesis: whatever bytes a raw file holds, whatever front matter a markdown
file has and whatever a search query says, only the project's own errors come out.

Each test runs a few hundred examples in the normal suite; its ``slow`` twin, which CI runs
too, five times as many (``pytest -m slow tests/test_hostile_fuzz.py``; ``FUZZ_SCALE=20`` for
a longer hunt).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.build import BuildReport, article_from_raw
from generator.config import BuildConfig
from generator.errors import DossierError, InputError
from generator.frontmatter import article_from_markdown, render_markdown
from generator.fulltext import fulltext_dir
from generator.fulltext_search import search
from generator.gazetteer import Gazetteer, load_gazetteer
from generator.ingest import read_raw

SLOW_SCALE = int(os.environ.get("FUZZ_SCALE", "5"))
EXAMPLES = [pytest.param(1), pytest.param(SLOW_SCALE, marks=pytest.mark.slow, id="slow")]


@cache
def gazetteer() -> Gazetteer:
    return load_gazetteer(ROOT / "content" / "gazetteer")


def fuzz(examples: int, strategy: st.SearchStrategy, check: Callable[[object], None]) -> None:
    """Run ``check`` on ``examples`` times its base count of values drawn from ``strategy``."""
    runs = settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=False,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    runs(given(strategy)(check))()


WORDS = st.sampled_from(
    ["Aleppo", "Damascus", "convoy", "said", "—", "“quoted”", "donâ€™t", "حلب", "\u200f", "&amp;"]
)
LINE = st.lists(st.one_of(WORDS, st.text(max_size=12)), max_size=12).map(" ".join)
PAGE_TEXT = st.lists(LINE, min_size=0, max_size=30).map("\n".join)
TAGS = st.sampled_from(
    ["<p>", "</p>", "<script>alert(1)</script>", "<h1>", "</h1>", "<title>", "</title>",
     "<img src=x onerror=alert(1)>", '<a href="javascript:x">', "</a>", "<iframe src=x>",
     "<table><tr><td>", "</td></tr></table>", "<meta name=description content='x'>", "<!--",
     "-->", "<![CDATA[", "<br>", "<time datetime='2017-02-30'>", "<article>", "&#0;", "&#x110000;"]
)  # fmt: skip
HTML = st.lists(st.one_of(TAGS, LINE), max_size=60).map("".join)
RAW_BYTES = st.one_of(
    st.binary(max_size=3000),
    PAGE_TEXT.map(lambda t: t.encode("utf-8")),
    PAGE_TEXT.map(lambda t: t.encode("utf-16")),
    PAGE_TEXT.map(lambda t: t.encode("cp1252", errors="ignore")),
    st.tuples(PAGE_TEXT, st.binary(max_size=8)).map(lambda p: p[0].encode() + p[1]),
)


def clean_file(suffix: str) -> Callable[[bytes], None]:
    """A check: the file with these bytes cleans into an article that reads back as written,
    or is an InputError."""

    def check(data: bytes) -> None:
        with tempfile.TemporaryDirectory() as folder:
            raw_dir = Path(folder)
            path = raw_dir / f"fuzz{suffix}"
            path.write_bytes(data)
            try:
                article = article_from_raw("fuzz", read_raw(path, raw_dir), gazetteer())
            except InputError:
                return
            again = article_from_markdown(render_markdown(article), "fuzz")
            assert (again.title, again.body, again.places) == (
                article.title,
                article.body,
                article.places,
            )

    return check


@pytest.mark.parametrize("times", EXAMPLES)
def test_any_text_file_cleans_or_is_an_input_error(times: int) -> None:
    fuzz(150 * times, RAW_BYTES, clean_file(".txt"))


@pytest.mark.parametrize("times", EXAMPLES)
def test_any_html_page_cleans_or_is_an_input_error(times: int) -> None:
    fuzz(100 * times, HTML.map(str.encode), clean_file(".html"))


SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20), st.dates()
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=10,
)
KEYS = st.sampled_from(["title", "date", "date_precision", "source", "places", "actors", "words"])
FRONT = st.dictionaries(st.one_of(KEYS, st.text(max_size=8)), VALUES, max_size=8)
YAMLISH = st.lists(
    st.sampled_from(
        ["title: x", "date: 2017-02-30", "!!python/object/apply:os.system ['true']", "&a [*a]",
         "? [a]", "places: {a: 1}", "- item", "---", "...", "%YAML 1.1", "'", '"', "\t", ": :",
         "<<: *a", "!!binary AAAA", "words: -1", "date: 99999-01-01", "title: !!int x"]
    ) | LINE,
    max_size=12,
).map("\n".join)  # fmt: skip


def read_markdown(text: str) -> None:
    """A check: the text reads as an article that is written and read back the same, or it
    is an InputError."""
    try:
        article = article_from_markdown(text, "fuzz")
    except InputError:
        return
    again = article_from_markdown(render_markdown(article), "fuzz")
    assert replace(again, hand_edited=article.hand_edited) == article


@pytest.mark.parametrize("times", EXAMPLES)
def test_any_front_matter_reads_or_is_an_input_error(times: int) -> None:
    titled = st.tuples(st.text(min_size=1, max_size=30), FRONT).map(
        lambda p: {"title": p[0], **p[1]}
    )
    dumped = titled.map(lambda meta: yaml.safe_dump(meta, allow_unicode=True))
    heads = st.one_of(dumped, YAMLISH, st.text(max_size=200))
    texts = st.tuples(heads, PAGE_TEXT).map(lambda p: f"---\n{p[0]}\n---\n\n{p[1]}")
    fuzz(300 * times, st.one_of(texts, st.text(max_size=300)), read_markdown)


QUERY_PARTS = st.sampled_from(
    ["aleppo", "army", "AND", "OR", "NOT", "TO", '"', "'", "(", ")", "[", "]", "{", "}", "*",
     "?", "~", "~2", "~9", "^2", ":", "title:", "place:", "nofield:", "year:[2016 TO 2017]",
     "-", "+", "\\", "/", "«", "حلب", "a*", "*", "day:1"]
)  # fmt: skip
QUERIES = st.lists(st.one_of(QUERY_PARTS, st.text(max_size=6)), max_size=14).map(
    lambda parts: "".join(p if i % 3 else f" {p}" for i, p in enumerate(parts))
)


@pytest.mark.parametrize("times", EXAMPLES)
def test_any_query_answers_or_is_an_input_error(
    times: int, fixture_build: tuple[BuildConfig, BuildReport]
) -> None:
    index = fulltext_dir(fixture_build[0].content_dir)

    def ask(text: str) -> None:
        try:
            results = search(index, text)
        except DossierError:
            return
        assert results.total >= len(results.hits)

    fuzz(300 * times, st.one_of(QUERIES, st.text(max_size=40)), ask)
