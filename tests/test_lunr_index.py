"""The fast index builder gives, byte for byte, the index lunr.py's builder gives."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from test_bench_corpus import corpus as bench_corpus

from generator.frontmatter import article_from_markdown
from generator.lunr_builder import build_index, serialize_index
from generator.lunr_index import document_terms, field_terms, serialize
from generator.models import Article
from generator.search_index import INDEX_FIELDS, search_documents, serialized_index

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "content" / "articles"
NAMES = [name for name, _ in INDEX_FIELDS]


def reference(documents: list[dict[str, str]]) -> dict[str, Any]:
    """The index as lunr.py's builder (ported to lunr.js's scoring) serializes it."""
    fields = [{"field_name": name, "boost": boost} for name, boost in INDEX_FIELDS]
    return serialize_index(build_index("ref", fields, documents))


def assert_same(documents: list[dict[str, str]]) -> None:
    expected = json.dumps(reference(documents), ensure_ascii=False)
    assert json.dumps(serialized_index(documents), ensure_ascii=False) == expected


def sample_articles() -> list[Article]:
    return [
        article_from_markdown(p.read_text("utf-8"), p.stem) for p in sorted(SAMPLE.glob("*.md"))
    ]


def synthetic_articles(count: int) -> list[Article]:
    """Generated page dumps, uncleaned, as articles: chrome, odd spacing and all."""
    return [
        Article(
            slug=page.file.removesuffix(".txt"),
            title=page.truth["title"],
            body=page.text,
            places=tuple(page.truth["places"]),
            actors=tuple(page.truth["actors"]),
            source=page.publisher,
        )
        for page in bench_corpus.Corpus().articles(count)
    ]


ODD = [
    {"ref": "7", "title": "Convoy 😀 ISIL’s.", "body": "a😀b 𐐀x tell😀 \ufeffword", "places": ""},
    {"ref": "0123", "title": "", "body": "", "places": "—, ..., -"},
    {"ref": "10", "title": "The the THE", "body": "café دمشق naïve Zoë", "places": "Raqqa"},
    {"ref": "a", "title": "yelling sky", "body": "thin\u2009space nbsp\xa0word", "places": ""},
]


def odd_documents() -> list[dict[str, str]]:
    return [{"actors": "", "source": "", **doc} for doc in ODD]


def test_odd_documents_give_the_same_index() -> None:
    assert_same(odd_documents())


def test_an_empty_archive_gives_the_same_index() -> None:
    assert_same([])


def test_field_terms_count_in_order_of_first_occurrence() -> None:
    terms = field_terms("Convoys hit; the convoy, hit again — and again.")
    assert terms.counts == (("convoy", 2), ("hit", 2), ("again", 2), ("", 1))
    assert terms.length == 7
    assert field_terms(["Al-Assad", None]).counts == (("al-assad", 1), ("", 1))


def test_document_terms_keep_fields_in_index_order() -> None:
    doc = {"ref": 5, "title": "Aid", "body": "aid aid", "places": "", "actors": "", "source": ""}
    terms = document_terms(doc, "ref", NAMES)
    assert terms.ref == "5"
    assert [f.counts for f in terms.fields] == [(("aid", 1),), (("aid", 2),), (), (), ()]


def test_a_repeated_ref_still_gives_lunr_pys_index() -> None:
    documents = odd_documents()
    assert_same([*documents, {**documents[0], "body": "other words"}])


def test_serialize_keeps_lunr_order_of_terms_and_vectors() -> None:
    documents = odd_documents()
    index = serialize(INDEX_FIELDS, [document_terms(d, "ref", NAMES) for d in documents])
    terms = [term for term, _ in index["invertedIndex"]]
    assert terms == sorted(terms, key=lambda t: t.encode("utf-16-be", "surrogatepass"))
    assert [ref for ref, _ in index["fieldVectors"]][:5] == [f"{n}/7" for n in NAMES]


def test_the_sample_archive_gives_the_same_index() -> None:
    assert_same(search_documents(sample_articles()))


@pytest.mark.slow
def test_thousands_of_synthetic_articles_give_the_same_index() -> None:
    assert_same(search_documents(synthetic_articles(3000)))
