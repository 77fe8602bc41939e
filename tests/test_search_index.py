"""The search bundle: deterministic, script-safe, and carrying what the search page needs."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from lunr.index import Index

from generator.models import Article
from generator.search_index import (
    DOCS_PATH,
    INDEX_PATH,
    build_search_bundle,
    markdown_to_text,
    script_safe_json,
)

ARTICLES = (
    Article(
        slug="convoy-hit",
        title="Convoy hit </script><script>alert(1)</script> near Raqqa",
        body="A **UN** convoy was [destroyed](https://example.org/x) on Monday.\n\n"
        "Line\u2028separator and <b>markup</b> & <!-- comment --> text.",
        date="2017-09-04",
        date_precision="day",
        source="Example Wire",
        places=("Raqqa", "Deir ez-Zor"),
        actors=("ISIL",),
    ),
    Article(slug="undated", title="Undated note", body="Nothing to add."),
)


def _payload(text: str, name: str) -> Any:
    match = re.fullmatch(rf"window\.{name} = (.*);\n", text, flags=re.DOTALL)
    assert match, text[:80]
    return json.loads(match.group(1))


def _files(articles: Any = ARTICLES) -> dict[str, str]:
    return dict(build_search_bundle(articles).files)


def test_bundle_has_the_two_script_files() -> None:
    assert [path for path, _ in build_search_bundle(ARTICLES).files] == [INDEX_PATH, DOCS_PATH]
    assert (INDEX_PATH, DOCS_PATH) == ("search/index.js", "search/docs.js")


def test_output_is_deterministic_and_independent_of_input_order() -> None:
    first = build_search_bundle(ARTICLES)
    assert build_search_bundle(ARTICLES) == first
    assert build_search_bundle(tuple(reversed(ARTICLES))) == first


def test_script_end_tags_and_line_separators_are_escaped() -> None:
    for text in _files().values():
        assert "</" not in text
        assert "<!--" not in text
        assert "\u2028" not in text and "\u2029" not in text
    docs = _payload(_files()[DOCS_PATH], "DOSSIER_DOCS")
    assert docs["convoy-hit"]["title"] == ARTICLES[0].title
    assert "<\\/script>" in _files()[DOCS_PATH]


def test_script_safe_json_round_trips() -> None:
    value = {"b": "</script> <!-- \u2028 \u2029 \ud800 é", "a": [1, None]}
    text = script_safe_json(value)
    assert text.startswith('{"a":[1,null],"b":')
    assert json.loads(text) == value
    assert text.isascii() is False  # non-ASCII text stays readable (ensure_ascii=False)
    text.encode("utf-8")  # a lone surrogate is escaped, so the file can be written


def test_docs_carry_result_metadata() -> None:
    docs = _payload(_files()[DOCS_PATH], "DOSSIER_DOCS")
    assert set(docs) == {"convoy-hit", "undated"}
    record = docs["convoy-hit"]
    assert set(record) == {
        "title",
        "date",
        "date_precision",
        "source",
        "url",
        "places",
        "actors",
        "text",
    }
    assert record["url"] == "articles/convoy-hit.html"
    assert record["date"] == "2017-09-04" and record["date_precision"] == "day"
    assert record["places"] == ["Raqqa", "Deir ez-Zor"] and record["actors"] == ["ISIL"]
    assert record["text"].startswith("A UN convoy was destroyed on Monday.\nLine")
    assert "https://" not in record["text"] and "**" not in record["text"]
    assert "<b>markup</b> & <!-- comment --> text." in record["text"]  # shown as the page does
    assert docs["undated"]["date"] is None and docs["undated"]["source"] is None


def test_index_has_the_fields_and_finds_documents() -> None:
    serialized = _payload(_files()[INDEX_PATH], "DOSSIER_INDEX")
    assert serialized["version"] == "2.3.9"
    assert serialized["fields"] == ["title", "body", "places", "actors", "source"]
    assert serialized["pipeline"] == ["stemmer"]
    index = Index.load(serialized)
    assert [r["ref"] for r in index.search("convoy")] == ["convoy-hit"]
    assert [r["ref"] for r in index.search("places:deir")] == ["convoy-hit"]
    assert [r["ref"] for r in index.search("actors:isil")] == ["convoy-hit"]
    assert [r["ref"] for r in index.search("source:wire")] == ["convoy-hit"]
    assert [r["ref"] for r in index.search("note")] == ["undated"]
    assert index.search("example.org") == []  # link targets are not indexed


def test_title_is_boosted() -> None:
    articles = (
        Article(slug="a", title="Convoy", body="Other words here."),
        Article(slug="b", title="Other", body="Convoy words here."),
    )
    index = Index.load(_payload(_files(articles)[INDEX_PATH], "DOSSIER_INDEX"))
    results = index.search("convoy")
    assert [r["ref"] for r in results] == ["a", "b"]
    assert results[0]["score"] > 5 * results[1]["score"]


def test_duplicate_slugs_are_refused() -> None:
    with pytest.raises(ValueError, match="duplicate"):
        build_search_bundle((ARTICLES[1], ARTICLES[1]))


def test_empty_archive_still_builds() -> None:
    files = _files(())
    assert _payload(files[DOCS_PATH], "DOSSIER_DOCS") == {}
    assert _payload(files[INDEX_PATH], "DOSSIER_INDEX")["invertedIndex"] == []


def test_markdown_to_text_keeps_words_only() -> None:
    text = markdown_to_text('# Head\n\nSome *em* and `code` [link](http://x "t").\n\n- item')
    assert text == "Head\nSome em and code link.\nitem"


def test_result_places_include_their_parents_for_filters() -> None:
    from generator.search_index import result_record

    article = Article(slug="h", title="T", body="b", places=("Hajin", "Iraq"))
    parents = {"Hajin": ("Deir ez-Zor Governorate", "Syria")}
    record = result_record(article, "b", parents)
    assert record["places"] == ["Hajin", "Deir ez-Zor Governorate", "Syria", "Iraq"]
