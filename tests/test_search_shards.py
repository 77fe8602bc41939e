"""The sharded search files: deterministic, sized as meant, complete, and safe inside a script."""

from __future__ import annotations

import json
import random
import statistics
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from generator.frontmatter import article_from_markdown
from generator.models import Article
from generator.search_index import result_record, search_documents, serialized_index
from generator.search_shards import (
    DOCS_PER_CHUNK,
    TERM_SHARD_BYTES,
    build_search_shards,
    field_weights,
    milli,
)
from generator.search_shards_pack import (
    front_code,
    front_decode,
    gzip_size,
    is_array_index,
    js_key_order,
    pack_by_gzip,
)

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "content" / "articles"
PREFIX = "window.DossierSearch.register("
SUFFIX = ");\n"
MAX_SHARD_GZIP = 40_000
MIN_SHARD_GZIP = 10_000
PARENTS = {"Raqqa": ["Raqqa Governorate", "Syria"], "Aleppo": ["Syria"]}


def sample_articles(limit: int | None = None) -> list[Article]:
    paths = sorted(ARTICLES.glob("*.md"))[:limit]
    return [article_from_markdown(p.read_text(encoding="utf-8"), p.stem) for p in paths]


def registered(text: str) -> tuple[str, Any]:
    """The name and data a shard file hands to ``DossierSearch.register``."""
    assert text.startswith(PREFIX) and text.endswith(SUFFIX)
    name, data = json.loads("[" + text[len(PREFIX) : -len(SUFFIX)] + "]")
    return name, data


def utf16(term: str) -> bytes:
    return term.encode("utf-16-be", "surrogatepass")


class Built:
    """A built bundle, its files parsed, and the lunr index it was made from."""

    def __init__(self, articles: Sequence[Article]) -> None:
        self.articles = list(articles)
        self.documents = search_documents(articles)
        self.serialized = serialized_index(self.documents)
        self.bundle = build_search_shards(articles, PARENTS)
        self.data = {}
        for path, text in self.bundle.files:
            name, data = registered(text)
            assert path == f"search/{name}.js"
            self.data[name] = data
        self.texts = dict(self.bundle.files)
        self.manifest = self.data["manifest"]

    def named(self, kind: str) -> list[Any]:
        """Data of the ``kind-NNNN`` files, in number order."""
        names = sorted(name for name in self.data if name.startswith(kind + "-"))
        assert names == [f"{kind}-{i:04d}" for i in range(len(names))]
        return [self.data[name] for name in names]

    def gzip_sizes(self, kind: str) -> list[int]:
        paths = sorted(p for p in self.texts if p.startswith(f"search/{kind}-"))
        return [gzip_size(self.texts[p]) for p in paths]


@pytest.fixture(scope="module")
def sample() -> Built:
    return Built(sample_articles())


# ---- the sample archive ------------------------------------------------------------------------


def test_term_shards_are_sized_by_gzip(sample: Built) -> None:
    shards = sample.named("terms")
    sizes = sample.gzip_sizes("terms")
    total = sum(len(text.encode()) for text in sample.texts.values())
    print(f"\n{len(sample.texts)} files, {total} bytes; term shards (gzip): {sizes}")
    for kind in ("docs", "text"):
        print(f"{kind} chunks (gzip): {sample.gzip_sizes(kind)}")
    vocab, manifest = (gzip_size(sample.texts[f"search/{n}.js"]) for n in ("vocab", "manifest"))
    print(f"vocab {vocab}, manifest {manifest} (gzip)")
    assert len(shards) > 10
    for shard, size in zip(shards, sizes, strict=True):
        assert size <= MAX_SHARD_GZIP or len(shard) == 1
    assert all(size >= MIN_SHARD_GZIP for size in sizes[:-1])
    assert MIN_SHARD_GZIP <= statistics.median(sizes) <= TERM_SHARD_BYTES * 1.2


def test_every_term_is_in_exactly_one_shard_in_lunr_order(sample: Built) -> None:
    terms = [term for term, _ in sample.serialized["invertedIndex"]]
    sharded = [entry[0] for shard in sample.named("terms") for entry in shard]
    assert sharded == terms
    assert len(set(sharded)) == len(sharded)
    assert sorted(sharded, key=utf16) == sharded
    assert front_decode(sample.data["vocab"]) == terms
    assert sample.manifest["terms"] == len(terms)


def test_manifest_boundaries_find_each_terms_shard(sample: Built) -> None:
    boundaries = sample.manifest["termShards"]
    shards = sample.named("terms")
    assert boundaries == [shard[0][0] for shard in shards]
    for number, shard in enumerate(shards):
        for entry in shard:
            at_most = [i for i, first in enumerate(boundaries) if utf16(first) <= utf16(entry[0])]
            assert at_most[-1] == number, entry[0]


def test_postings_reproduce_the_lunr_index(sample: Built) -> None:
    fields = sample.manifest["fields"]
    refs = [doc["ref"] for doc in sample.documents]
    vectors: dict[str, list[tuple[int, float]]] = {}
    postings = dict(sample.serialized["invertedIndex"])
    for shard in sample.named("terms"):
        for term, index, *by_field in shard:
            assert postings[term]["_index"] == index
            for field, flat in zip(fields, by_field, strict=True):
                ordinals = [sum(flat[0 : i + 1 : 2]) for i in range(0, len(flat), 2)]
                listed = [refs[o] for o in ordinals]
                assert listed == js_key_order(postings[term][field]), (term, field)
                for ref, weight in zip(listed, flat[1::2], strict=True):
                    vectors.setdefault(f"{field}/{ref}", []).append((index, weight / 1000))
    expected = {
        ref: sorted(zip(elements[0::2], elements[1::2], strict=True))
        for ref, elements in sample.serialized["fieldVectors"]
        if elements
    }
    assert {ref: sorted(pairs) for ref, pairs in vectors.items()} == expected


def test_document_chunks_hold_the_result_records(sample: Built) -> None:
    by_slug = {article.slug: article for article in sample.articles}
    records = [record for chunk in sample.named("docs") for record in chunk]
    texts = [text for chunk in sample.named("text") for text in chunk]
    assert [r["ref"] for r in records] == [doc["ref"] for doc in sample.documents]
    assert texts == [doc["body"] for doc in sample.documents]
    for record, doc in zip(records, sample.documents, strict=True):
        expected = result_record(by_slug[doc["ref"]], doc["body"], PARENTS)
        assert {**record, "text": doc["body"]} == {"ref": doc["ref"], **expected}
    assert all(len(chunk) <= DOCS_PER_CHUNK for chunk in sample.named("docs"))
    assert sample.manifest["docChunks"] == [c[0]["ref"] for c in sample.named("docs")]
    starts = [0]
    for chunk in sample.named("text")[:-1]:
        starts.append(starts[-1] + len(chunk))
    assert sample.manifest["textChunks"] == starts
    assert sample.manifest["documents"] == len(records) == len(sample.articles)
    assert sample.manifest["fields"] == ["title", "body", "places", "actors", "source"]
    assert sample.manifest["pipeline"] == ["stemmer"]


# ---- small corpora -----------------------------------------------------------------------------


def test_output_is_deterministic_whatever_the_input_order() -> None:
    articles = sample_articles(60)
    first = build_search_shards(articles)
    mixed = list(articles)
    random.Random(7).shuffle(mixed)
    assert build_search_shards(mixed) == first == build_search_shards(articles)


HOSTILE = Article(
    slug="hostile",
    title="Raid </script><script>alert(1)</script> <!-- x </SCRIPT >",
    body="Line\u2028separator and\u2029paragraph; </script> in the body too.",
    places=("Raqqa</script>",),
    actors=("<!--ISIL",),
    source="Wire</Script>",
)


def test_text_cannot_break_out_of_a_script() -> None:
    bundle = build_search_shards([HOSTILE, *sample_articles(3)])
    for path, text in bundle.files:
        lowered = text.lower()
        assert "</" not in lowered and "<!--" not in lowered, path
        assert "\u2028" not in text and "\u2029" not in text, path
    data = dict(registered(text) for _, text in bundle.files)
    record = next(r for r in data["docs-0000"] if r["ref"] == "hostile")
    assert record["title"] == HOSTILE.title and record["source"] == HOSTILE.source
    assert any(HOSTILE.body in text for text in data["text-0000"])
    terms = front_decode(data["vocab"])
    assert any("</" in term for term in terms)


def test_an_empty_archive_has_a_manifest_and_nothing_to_find() -> None:
    data = dict(registered(text) for _, text in build_search_shards([]).files)
    assert set(data) == {"manifest", "vocab"}
    assert data["vocab"] == ""
    assert data["manifest"]["documents"] == 0
    assert data["manifest"]["termShards"] == data["manifest"]["docChunks"] == []


def test_duplicate_slugs_are_refused() -> None:
    article = sample_articles(1)[0]
    with pytest.raises(ValueError, match="duplicate"):
        build_search_shards([article, article])


# ---- encoding helpers --------------------------------------------------------------------------


def test_pack_by_gzip_makes_consecutive_groups_near_the_target() -> None:
    rng = random.Random(3)
    texts = [
        "".join(rng.choice("abcdefghij") for _ in range(rng.randrange(20, 400)))
        for _ in range(3000)
    ]
    groups = pack_by_gzip(texts, 8000)
    assert [i for group in groups for i in group] == list(range(len(texts)))
    sizes = [gzip_size(",".join(texts[i] for i in group)) for group in groups]
    assert all(7000 <= size <= 9000 for size in sizes[:-1]), sizes
    assert all(len(g) <= 5 for g in pack_by_gzip(texts[:50], 10**9, max_items=5))
    assert pack_by_gzip(["x" * 10, "y" * 100_000, "z"], 50) == [range(0, 2), range(2, 3)]
    assert pack_by_gzip([], 100) == []


def test_js_key_order_puts_array_indexes_first() -> None:
    keys = ["b", "10", "a", "2", "0123", "0", "4294967295", "4294967294", "-1", "1.5"]
    assert js_key_order(keys) == [
        *("0", "2", "10", "4294967294"),
        *("b", "a", "0123", "4294967295", "-1", "1.5"),
    ]
    assert not is_array_index("١٢")  # Arabic-Indic digits are not array indexes


def test_front_code_round_trips_in_utf16_units() -> None:
    terms = sorted(["", "a", "a😀b", "a😁", "a\uffff", "convoy", "convoys", "x|y", "é"], key=utf16)
    coded = front_code(terms)
    assert front_decode(coded) == terms
    assert "1|😁" in coded.split(" ")  # never splits a surrogate pair
    with pytest.raises(ValueError):
        front_code(["a b"])


def test_weights_must_be_lunr_thousandths_in_index_order() -> None:
    assert milli(1.234) == 1234 and milli(48.87) == 48870
    with pytest.raises(ValueError):
        milli(0.0005)
    with pytest.raises(ValueError):
        field_weights([["body/x", [3, 1.0, 2, 1.0]]])
    assert field_weights([["body/x", [2, 1.5, 3, 0.25]]]) == {"body/x": {2: 1.5, 3: 0.25}}
