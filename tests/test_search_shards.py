"""The sharded search files: deterministic, sized as meant, complete, and safe inside a script."""

from __future__ import annotations

import json
import random
import statistics
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from generator.facets import FacetIndex, all_values, build_all, search_filters, standard_facets
from generator.frontmatter import article_from_markdown
from generator.models import Article
from generator.search_index import search_documents, serialized_index
from generator.search_postings import bm25_weight, js_ranks
from generator.search_records import (
    ARCHIVE_TOP_VALUES,
    COLUMN_CHUNK,
    LEAD_TEXT_CHARS,
    NEWEST_LISTED,
    more_name,
    record_name,
    snippet_text,
    start_day,
)
from generator.search_shards import TERM_SHARD_BYTES, VOCABULARY_BUCKETS, build_search_shards
from generator.search_shards_pack import (
    decode_numbers,
    encode_number,
    encode_numbers,
    front_code,
    front_decode,
    gzip_size,
    is_array_index,
    js_key_order,
    pack_by_size,
)

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "content" / "articles"
PREFIX = "window.DossierSearch.register("
SUFFIX = ");\n"
PARENTS = {"Raqqa": ("Raqqa Governorate", "Syria"), "Aleppo": ("Syria",)}


def filters_for(articles: Sequence[Article]) -> tuple[FacetIndex, ...]:
    facets = standard_facets(lambda place: PARENTS.get(place, ()))
    return search_filters(build_all(facets, articles))


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
        self.filters = filters_for(articles)
        self.bundle = build_search_shards(articles, self.filters)
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

    def sizes(self, kind: str) -> list[int]:
        paths = sorted(p for p in self.texts if p.startswith(f"search/{kind}-"))
        return [len(self.texts[p].encode("utf-8")) for p in paths]

    def postings(self, entry: list[Any]) -> list[list[tuple[int, int, int]]]:
        """Per field, the (ordinal, tf, field length) of a term entry, in listed order."""
        numbers = decode_numbers(entry[2])
        fields: list[list[tuple[int, int, int]]] = []
        at = 0
        for _ in self.manifest["fields"]:
            count, at, ordinal, triples = numbers[at], at + 1, 0, []
            for _ in range(count):
                delta = numbers[at]
                ordinal += delta // 2 if delta % 2 == 0 else -(delta + 1) // 2
                triples.append((ordinal, numbers[at + 1], numbers[at + 2]))
                at += 3
            fields.append(triples)
        assert at == len(numbers)
        return fields


@pytest.fixture(scope="module")
def sample() -> Built:
    return Built(sample_articles())


# ---- the sample archive ------------------------------------------------------------------------


def test_term_shards_are_sized_in_raw_bytes(sample: Built) -> None:
    shards = sample.named("terms")
    sizes = sample.sizes("terms")
    total = sum(len(text.encode()) for text in sample.texts.values())
    gzipped = [gzip_size(sample.texts[f"search/terms-{i:04d}.js"]) for i in range(len(shards))]
    print(f"\n{len(sample.texts)} files, {total} bytes; term shards: {sizes}, gzip {gzipped}")
    assert len(shards) > 10
    for shard, size in zip(shards, sizes, strict=True):
        last = len(json.dumps(shard[-1], ensure_ascii=False).encode())
        assert size <= TERM_SHARD_BYTES + last + 200
    assert all(size >= TERM_SHARD_BYTES for size in sizes[:-1])
    assert statistics.median(sizes) <= TERM_SHARD_BYTES * 1.3


def test_every_term_is_in_exactly_one_shard_in_lunr_order(sample: Built) -> None:
    terms = [term for term, _ in sample.serialized["invertedIndex"]]
    sharded = [entry[0] for shard in sample.named("terms") for entry in shard]
    assert sharded == terms
    assert len(set(sharded)) == len(sharded)
    assert sorted(sharded, key=utf16) == sharded
    buckets = sample.manifest["vocabularyLengths"]
    assert buckets == sorted(buckets) and buckets[-1] <= VOCABULARY_BUCKETS
    vocabulary = {n: front_decode(sample.data[f"vocab-{n:04d}"]) for n in buckets}
    assert sorted((t for ts in vocabulary.values() for t in ts), key=utf16) == terms
    for length, bucket in vocabulary.items():
        assert bucket == sorted(bucket, key=utf16)
        lengths = {len(utf16(t)) // 2 for t in bucket}
        assert lengths == {length} or (length == VOCABULARY_BUCKETS and min(lengths) >= length)
    assert sample.manifest["terms"] == len(terms)


def test_manifest_boundaries_find_each_terms_shard(sample: Built) -> None:
    boundaries = sample.manifest["termShards"].split(" ")
    shards = sample.named("terms")
    assert all(shard[0][0].startswith(b) for b, shard in zip(boundaries, shards, strict=True))
    assert sum(map(len, boundaries)) < sum(len(shard[0][0]) for shard in shards) * 0.8  # shorter
    for number, shard in enumerate(shards):
        for entry in shard:
            at_most = [i for i, first in enumerate(boundaries) if utf16(first) <= utf16(entry[0])]
            assert at_most[-1] == number, entry[0]
    terms = [entry[0] for shard in shards for entry in shard]
    for prefix in {term[:n] for term in terms[::7] for n in (1, 2, 3)}:
        # The shards a prefix wildcard reads (as search-engine.js finds them) hold its terms.
        start = max(i for i, b in enumerate(boundaries) if utf16(b) <= utf16(prefix))
        end = start + 1
        while end < len(boundaries) and boundaries[end].startswith(prefix):
            end += 1
        read = {entry[0] for shard in shards[start:end] for entry in shard}
        assert {t for t in terms if t.startswith(prefix)} <= read, prefix


def test_postings_weigh_as_the_lunr_index(sample: Built) -> None:
    """Weighing each posting's tf and field length with the manifest's averages (as the
    browser does) gives exactly lunr's field vectors, and postings list refs in lunr.js's
    order."""
    fields, manifest = sample.manifest["fields"], sample.manifest
    refs = [doc["ref"] for doc in sample.documents]
    vectors: dict[str, list[tuple[int, float]]] = {}
    postings = dict(sample.serialized["invertedIndex"])
    for shard in sample.named("terms"):
        for entry in shard:
            term, index = entry[0], entry[1]
            assert postings[term]["_index"] == index
            decoded = sample.postings(entry)
            with_term = sum(map(len, decoded))
            for f, (field, triples) in enumerate(zip(fields, decoded, strict=True)):
                listed = [refs[ordinal] for ordinal, _, _ in triples]
                assert listed == js_key_order(postings[term][field]), (term, field)
                for ref, (_, tf, length) in zip(listed, triples, strict=True):
                    average, boost = manifest["averageLengths"][f], manifest["boosts"][field]
                    weight = bm25_weight(tf, length, average, boost, with_term, len(refs))
                    vectors.setdefault(f"{field}/{ref}", []).append((index, weight))
    expected = {
        ref: sorted(zip(elements[0::2], elements[1::2], strict=True))
        for ref, elements in sample.serialized["fieldVectors"]
        if elements
    }
    assert {ref: sorted(pairs) for ref, pairs in vectors.items()} == expected


def test_each_document_has_its_own_record(sample: Built) -> None:
    by_slug = {article.slug: article for article in sample.articles}
    ordinals = range(len(sample.documents))
    for ordinal, doc in enumerate(sample.documents):
        record = sample.data[record_name(ordinal)]
        article = by_slug[doc["ref"]]
        assert record["ref"] == doc["ref"] and record["title"] == article.title
        assert (record["date"], record["source"]) == (article.date, article.source)
        assert record["url"] == f"articles/{doc['ref']}.html"
        more = sample.data.get(more_name(ordinal), "")
        assert record["text"] + more == snippet_text(doc["body"])
        assert len(record["text"]) <= LEAD_TEXT_CHARS < len(doc["body"]) or not record["more"]
        assert record["more"] == bool(more)
    assert sum(record["more"] for record in (sample.data[record_name(o)] for o in ordinals)) > 10
    assert record_name(3141) == "doc/3/3141" and more_name(3141) == "doc/3/3141-more"
    assert sample.manifest["documents"] == len(sample.articles)
    assert sample.manifest["fields"] == ["title", "body", "places", "actors", "source"]
    assert sample.manifest["pipeline"] == ["stemmer"]


def test_filter_columns_give_each_document_its_day_and_facet_values(sample: Built) -> None:
    table = sample.data["facets"]
    assert [f["name"] for f in table["facets"]] == ["place", "actor", "source"]
    assert [f["single"] for f in table["facets"]] == [False, False, True]
    chunks = sample.named("cols")
    assert len(chunks) == -(-len(sample.articles) // COLUMN_CHUNK)
    numbers = decode_numbers("".join(chunks))
    by_slug = {article.slug: article for article in sample.articles}
    at = 0
    for doc in sample.documents:
        article = by_slug[doc["ref"]]
        day = start_day(article.date)
        assert numbers[at] == (0 if day is None else day - table["dayBase"] + 1)
        at += 1
        for facet, index in zip(table["facets"], sample.filters, strict=True):
            count = numbers[at]
            mine = [sum(numbers[at + 1 : at + 2 + k]) for k in range(count)]  # differences
            values = {facet["values"][n] for n in mine}
            broader = {facet["values"][b] for n in mine for b in facet.get("broader", {n: []})[n]}
            assert values == set(index.facet.values(article))
            assert values | broader == set(all_values(index.facet, article))
            at += 1 + count
    assert at == len(numbers)
    places = table["facets"][0]
    assert places["values"] == [v.key for v in sample.filters[0].values]  # most used first
    assert places["counts"] == [v.count for v in sample.filters[0].values]
    raqqa = places["values"].index("Raqqa")
    assert [places["values"][n] for n in places["broader"][raqqa]] == ["Raqqa Governorate", "Syria"]
    assert "broader" not in table["facets"][1]


def test_the_manifest_summarises_the_archive_for_the_page_before_any_filter(sample: Built) -> None:
    archive = sample.manifest["archive"]
    by_slug = {article.slug: article for article in sample.articles}
    dates = [by_slug[doc["ref"]].date for doc in sample.documents]
    years = Counter(date[:4] for date in dates if date)
    assert archive["years"] == [list(pair) for pair in sorted(years.items(), reverse=True)]
    newest = sorted(range(len(dates)), key=lambda o: (not dates[o], -(start_day(dates[o]) or 0), o))
    assert archive["newest"] == newest[:NEWEST_LISTED]
    assert [f["name"] for f in archive["facets"]] == ["place", "actor", "source"]
    assert [f["single"] for f in archive["facets"]] == [False, False, True]
    for facet, index in zip(archive["facets"], sample.filters, strict=True):
        most_used = [[v.key, v.count] for v in index.values][:ARCHIVE_TOP_VALUES]
        assert facet["top"] == most_used and len(most_used) == ARCHIVE_TOP_VALUES


def test_start_day_is_the_first_day_a_date_can_mean() -> None:
    assert start_day("1970-01-02") == 1
    assert start_day("2017-03") == start_day("2017-03-01")
    assert start_day("2017") == start_day("2017-01-01")
    assert start_day(None) is None and start_day("2017-02-30") is None


# ---- small corpora -----------------------------------------------------------------------------


def test_output_is_deterministic_whatever_the_input_order() -> None:
    articles = sample_articles(60)
    first = build_search_shards(articles, filters_for(articles))
    mixed = list(articles)
    random.Random(7).shuffle(mixed)
    again = build_search_shards(mixed, filters_for(mixed))
    assert again.files == first.files
    assert [f.key for f in again.site_files] == [f.key for f in first.site_files]


HOSTILE = Article(
    slug="hostile",
    title="Raid </script><script>alert(1)</script> <!-- x </SCRIPT >",
    body="Line\u2028separator and\u2029paragraph; </script> in the body too.",
    places=("Raqqa</script>",),
    actors=("<!--ISIL",),
    source="Wire</Script>",
)


def test_text_cannot_break_out_of_a_script() -> None:
    articles = [HOSTILE, *sample_articles(3)]
    bundle = build_search_shards(articles, filters_for(articles))
    for path, text in bundle.files:
        lowered = text.lower()
        assert "</" not in lowered and "<!--" not in lowered, path
        assert "\u2028" not in text and "\u2029" not in text, path
    data = dict(registered(text) for _, text in bundle.files)
    records = (data[n] for n in data if n.startswith("doc/") and not n.endswith("-more"))
    record = next(r for r in records if r["ref"] == "hostile")
    assert record["title"] == HOSTILE.title and record["source"] == HOSTILE.source
    assert HOSTILE.body in record["text"]
    assert "Raqqa</script>" in data["facets"]["facets"][0]["values"]
    terms = [t for name in data if name.startswith("vocab-") for t in front_decode(data[name])]
    assert any("</" in term for term in terms)


def test_an_empty_archive_has_a_manifest_and_nothing_to_find() -> None:
    data = dict(registered(text) for _, text in build_search_shards([], filters_for([])).files)
    assert set(data) == {"manifest", "facets"}
    assert data["manifest"]["documents"] == 0
    assert data["manifest"]["termShards"] == ""


def test_duplicate_slugs_are_refused() -> None:
    article = sample_articles(1)[0]
    with pytest.raises(ValueError, match="duplicate"):
        build_search_shards([article, article])


# ---- encoding helpers --------------------------------------------------------------------------


def test_pack_by_size_makes_consecutive_groups_near_the_target() -> None:
    rng = random.Random(3)
    texts = ["x" * rng.randrange(20, 400) for _ in range(3000)]
    groups = pack_by_size(texts, 8000)
    assert [i for group in groups for i in group] == list(range(len(texts)))
    sizes = [sum(len(texts[i]) + 1 for i in group) for group in groups]
    assert all(8000 <= size <= 8400 for size in sizes[:-1]), sizes
    assert all(len(g) <= 5 for g in pack_by_size(texts[:50], 10**9, max_items=5))
    assert pack_by_size(["x" * 10, "y" * 100_000, "z"], 50) == [range(0, 2), range(2, 3)]
    assert pack_by_size(["é" * 30], 50) == [range(0, 1)]  # 61 UTF-8 bytes
    assert pack_by_size([], 100) == []


def test_number_strings_round_trip_without_separators() -> None:
    values = [0, 1, 31, 32, 1023, 1024, 48870, 2**40, 5]
    assert encode_number(5) == "5" and encode_number(32) == "x0" and encode_number(31) == "v"
    assert decode_numbers(encode_numbers(values)) == values
    assert set(encode_numbers(range(5000))) <= set(
        "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_"
    )
    with pytest.raises(ValueError):
        encode_number(-1)
    with pytest.raises(ValueError):
        decode_numbers("x")


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


def test_lunr_js_lists_array_index_refs_first() -> None:
    assert js_ranks(["a", "b"]) is None
    assert js_ranks(["b", "10", "a", "2"]) == [2, 1, 3, 0]
