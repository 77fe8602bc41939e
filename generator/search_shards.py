"""The search index split into small files, so a query loads only the shards of its own terms.

lunr.js scores a document for a field as dot(query vector, field vector) / |query vector| and sums
the fields, so a score needs only the field-vector weights of the query's own terms. This module
builds the same lunr index as :mod:`generator.search_index` and writes it term-partitioned:

``search/manifest.js``
    fields, search pipeline, document count, the first term of every term shard (terms are in
    lunr's UTF-16 order, so a term's shard is the last one whose first term is not after it),
    the first ref of every document chunk and the first ordinal of every text chunk.
``search/terms-NNNN.js``
    ``[[term, termIndex, postings], ...]``: ``postings`` is a number string (see
    :func:`~generator.search_shards_pack.encode_numbers`) holding, per field, the number of
    documents and then per document its ordinal delta and weight * 1000, in the order lunr.js
    lists the posting's documents; the weight is exactly the one in lunr's serialized field
    vector, and the term index (its position in lunr's vector space) fixes the order lunr.js
    sums in. Shards hold about :data:`TERM_SHARD_BYTES` each (a frequent term may fill one
    alone).
``search/vocab-NNNN.js``
    the terms of ``NNNN`` UTF-16 code units, front-coded (see
    :func:`~generator.search_shards_pack.front_code`); the last bucket,
    :data:`VOCABULARY_BUCKETS`, holds every longer term too. Loaded only for fuzzy terms and
    terms starting with a wildcard, which may match anywhere: a fuzzy term loads only the
    lengths within its edit distance.

Word positions for phrases are described in :mod:`generator.search_positions`, result records
and filter columns in :mod:`generator.search_records`.

Every file is a script calling ``window.DossierSearch.register(name, data)`` (see
``templates/static/search-engine.js``), because browsers refuse ``fetch()`` from file://.
Documents are numbered (their ordinal) in the order :func:`search_documents` gives them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from generator.facets import FacetIndex
from generator.models import Article
from generator.progress import Progress, no_progress
from generator.search_index import (
    INDEX_FIELDS,
    SearchBundle,
    ordered_articles,
    script_safe_json,
    search_documents,
    serialized_index,
)
from generator.search_positions import POSITION_FIELDS, position_files, term_positions
from generator.search_records import COLUMN_CHUNK, DOCS_PER_FOLDER, filter_files, record_files
from generator.search_shards_pack import (
    encode_numbers,
    front_code,
    is_array_index,
    js_key_order,
    pack_by_size,
)

FORMAT = 2
SEARCH_DIR = "search"
MANIFEST = "manifest"
VOCABULARY = "vocab"
#: Vocabulary bucket holding every term this long or longer.
VOCABULARY_BUCKETS = 24
#: Target size of a term shard, in bytes (uncompressed: file:// reads files as they are).
TERM_SHARD_BYTES = 12_000
REGISTER = "window.DossierSearch.register"

#: field -> ref -> term index -> weight
Weights = dict[str, dict[str, dict[int, float]]]


def file_path(name: str) -> str:
    """Path, relative to the site root, of the file registering ``name``."""
    return f"{SEARCH_DIR}/{name}.js"


def chunk_name(kind: str, number: int) -> str:
    """``terms-0042`` and the like."""
    return f"{kind}-{number:04d}"


def register_script(name: str, data: Any) -> str:
    """A script handing ``data`` to the search engine under ``name``."""
    return f"{REGISTER}({script_safe_json(name)},{script_safe_json(data)});\n"


def field_weights(field_vectors: Sequence[Sequence[Any]]) -> Weights:
    """Serialized field vectors as ``{field: {ref: {term index: weight}}}``.

    Raises ValueError if a vector's term indexes are not increasing: lunr.js's dot product
    relies on that, and so does rebuilding partial vectors in the browser.
    """
    weights: Weights = {}
    for field_ref, elements in field_vectors:
        indexes = elements[0::2]
        if any(a >= b for a, b in zip(indexes, indexes[1:], strict=False)):
            raise ValueError(f"field vector {field_ref!r} is not in term-index order")
        field, _, ref = field_ref.partition("/")
        weights.setdefault(field, {})[ref] = dict(zip(indexes, elements[1::2], strict=True))
    return weights


def milli(weight: float) -> int:
    """``weight * 1000`` as an integer; lunr rounds weights to thousandths, so it is exact."""
    value = round(weight * 1000)
    if value / 1000 != weight:
        raise ValueError(f"weight {weight!r} is not a whole number of thousandths")
    return value


def field_postings(
    documents: Mapping[str, Any],
    term_index: int,
    ordinals: Mapping[str, int],
    weights: Mapping[str, Mapping[int, float]],
    order: Callable[[Iterable[str]], list[str]] = list,
) -> list[int]:
    """One field of a posting: ``[count, ordinal delta, weight * 1000, ...]`` in lunr.js's
    order (``order`` is :func:`js_key_order` when some refs are array indexes, which lunr.js
    lists first: a delta may then be negative). Weights are :func:`milli` values."""
    flat: list[int] = [len(documents)]
    previous = 0
    for ref in order(documents):
        if documents[ref]:
            raise ValueError(f"term metadata is not supported (document {ref!r})")
        ordinal = ordinals[ref]
        delta = ordinal - previous
        flat.append(delta * 2 if delta >= 0 else -delta * 2 - 1)  # zigzag, inlined: hot loop
        flat.append(round(weights[ref][term_index] * 1000))  # milli, inlined
        previous = ordinal
    return flat


def zigzag(value: int) -> int:
    """A signed integer as a non-negative one: 0, -1, 1, -2 ... -> 0, 1, 2, 3 ..."""
    return value * 2 if value >= 0 else -value * 2 - 1


def term_entry(
    term: str,
    posting: Mapping[str, Any],
    fields: Sequence[str],
    ordinals: Mapping[str, int],
    weights: Weights,
    order: Callable[[Iterable[str]], list[str]] = list,
) -> list[Any]:
    """``[term, term index, postings]`` for one inverted-index entry."""
    index = posting["_index"]
    numbers: list[int] = []
    for field in fields:
        numbers += field_postings(posting[field], index, ordinals, weights[field], order)
    return [term, index, encode_numbers(numbers)]


def term_shards(entries: Sequence[list[Any]]) -> list[list[list[Any]]]:
    """Entries (in term order) grouped into shards of about :data:`TERM_SHARD_BYTES`."""
    texts = [script_safe_json(entry) for entry in entries]
    return [[entries[i] for i in group] for group in pack_by_size(texts, TERM_SHARD_BYTES)]


def utf16_length(term: str) -> int:
    """JavaScript's ``term.length``."""
    return len(term.encode("utf-16-le", "surrogatepass")) // 2


def vocabulary_buckets(terms: Sequence[str]) -> dict[int, list[str]]:
    """Terms (in order) by UTF-16 length, every length from :data:`VOCABULARY_BUCKETS` on in
    the last bucket."""
    buckets: dict[int, list[str]] = {}
    for term in terms:
        buckets.setdefault(min(utf16_length(term), VOCABULARY_BUCKETS), []).append(term)
    return buckets


def manifest(
    serialized: Mapping[str, Any],
    shards: Sequence[Sequence[list[Any]]],
    documents: int,
    vocabulary: Mapping[int, Sequence[str]],
) -> dict[str, Any]:
    """What the engine loads first: enough to find the file holding any term or document."""
    return {
        "format": FORMAT,
        "lunr": serialized["version"],
        "fields": list(serialized["fields"]),
        "boosts": dict(INDEX_FIELDS),
        "pipeline": list(serialized["pipeline"]),
        "documents": documents,
        "terms": sum(len(shard) for shard in shards),
        "termShards": [shard[0][0] for shard in shards],
        "docsPerFolder": DOCS_PER_FOLDER,
        "columnChunk": COLUMN_CHUNK,
        "positions": list(POSITION_FIELDS),
        "vocabularyBuckets": VOCABULARY_BUCKETS,
        "vocabularyLengths": sorted(vocabulary),
    }


def build_search_shards(
    articles: Sequence[Article],
    filters: Sequence[FacetIndex] = (),
    progress: Progress = no_progress,
) -> SearchBundle:
    """The sharded search files for ``articles``, with ``filters`` (facets built over the
    same articles) as the search page's filters."""
    ordered = ordered_articles(articles)
    documents = search_documents(ordered)
    refs = [doc["ref"] for doc in documents]
    serialized = serialized_index(documents, progress)
    fields = list(serialized["fields"])
    ordinals = {ref: ordinal for ordinal, ref in enumerate(refs)}
    weights = field_weights(serialized["fieldVectors"])
    for field in fields:
        weights.setdefault(field, {})
    order = js_key_order if any(map(is_array_index, refs)) else list
    inverted = serialized["invertedIndex"]
    entries = [
        term_entry(term, posting, fields, ordinals, weights, order)
        for term, posting in progress("Sharding", inverted)
    ]
    shards = term_shards(entries)
    positions = term_positions(progress("Positions", documents))
    vocabulary = vocabulary_buckets([term for term, _ in inverted])
    files = [
        (MANIFEST, manifest(serialized, shards, len(refs), vocabulary)),
        *(
            (chunk_name(VOCABULARY, n), front_code(terms))
            for n, terms in sorted(vocabulary.items())
        ),
        *((chunk_name("terms", i), shard) for i, shard in enumerate(shards)),
        *position_files([[entry[0] for entry in shard] for shard in shards], positions),
        *record_files(ordered, [doc["body"] for doc in documents]),
        *filter_files(ordered, filters),
    ]
    return SearchBundle(files=tuple((file_path(n), register_script(n, d)) for n, d in files))
