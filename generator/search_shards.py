"""The search index split into small files, so a query loads only the shards of its own terms.

lunr.js scores a document for a field as dot(query vector, field vector) / |query vector| and sums
the fields, so a score needs only the field-vector weights of the query's own terms. This module
builds the same lunr index as :mod:`generator.search_index` and writes it term-partitioned:

``search/manifest.js``
    fields, search pipeline, document count, the first term of every term shard (terms are in
    lunr's UTF-16 order, so a term's shard is the last one whose first term is not after it),
    the first ref of every document chunk and the first ordinal of every text chunk.
``search/terms-NNNN.js``
    ``[[term, termIndex, postings of field 0, postings of field 1, ...], ...]``: a field's
    postings are a flat ``[ordinal delta, weight * 1000, ...]`` list in the order lunr.js lists
    the posting's documents; the weight is exactly the one in lunr's serialized field vector,
    and the term index (its position in lunr's vector space) fixes the order lunr.js sums in.
    Shards are cut by gzip size (about :data:`TERM_SHARD_BYTES`).
``search/vocab.js``
    every term, front-coded (see :func:`~generator.search_shards_pack.front_code`): loaded only
    for fuzzy terms and terms starting with a wildcard, which may match anywhere.
``search/docs-NNNN.js``
    :data:`DOCS_PER_CHUNK` result records (``result_record`` without the text, plus ``ref``).
``search/text-NNNN.js``
    the plain-text bodies for snippets, cut by gzip size (about :data:`TEXT_CHUNK_BYTES`).

Every file is a script calling ``window.DossierSearch.register(name, data)`` (see
``templates/static/search-engine.js``), because browsers refuse ``fetch()`` from file://.
Documents are numbered (their ordinal) in the order :func:`search_documents` gives them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from generator.models import Article
from generator.progress import Progress, no_progress
from generator.search_index import (
    INDEX_FIELDS,
    SearchBundle,
    result_record,
    script_safe_json,
    search_documents,
    serialized_index,
)
from generator.search_shards_pack import front_code, js_key_order, pack_by_gzip

FORMAT = 1
SEARCH_DIR = "search"
MANIFEST = "manifest"
VOCABULARY = "vocab"
#: Target gzip size of a term shard, in bytes.
TERM_SHARD_BYTES = 16_000
#: Target gzip size of a text chunk, in bytes (a result shown loads about one).
TEXT_CHUNK_BYTES = 8_000
#: Result records per ``docs-NNNN.js`` chunk.
DOCS_PER_CHUNK = 100
REGISTER = "window.DossierSearch.register"

Weights = dict[str, dict[int, float]]


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
    """Serialized field vectors as ``{"field/ref": {term index: weight}}``.

    Raises ValueError if a vector's term indexes are not increasing: lunr.js's dot product
    relies on that, and so does rebuilding partial vectors in the browser.
    """
    weights: Weights = {}
    for field_ref, elements in field_vectors:
        indexes = elements[0::2]
        if any(a >= b for a, b in zip(indexes, indexes[1:], strict=False)):
            raise ValueError(f"field vector {field_ref!r} is not in term-index order")
        weights[field_ref] = dict(zip(indexes, elements[1::2], strict=True))
    return weights


def milli(weight: float) -> int:
    """``weight * 1000`` as an integer; lunr rounds weights to thousandths, so it is exact."""
    value = round(weight * 1000)
    if value / 1000 != weight:
        raise ValueError(f"weight {weight!r} is not a whole number of thousandths")
    return value


def field_postings(
    documents: Mapping[str, Any],
    field_ref_prefix: str,
    term_index: int,
    ordinals: Mapping[str, int],
    weights: Weights,
) -> list[int]:
    """One field of a posting: ``[ordinal delta, weight * 1000, ...]`` in lunr.js's order."""
    flat: list[int] = []
    previous = 0
    for ref in js_key_order(documents):
        if documents[ref]:
            raise ValueError(f"term metadata is not supported (document {ref!r})")
        ordinal = ordinals[ref]
        flat += [ordinal - previous, milli(weights[field_ref_prefix + ref][term_index])]
        previous = ordinal
    return flat


def term_entry(
    term: str,
    posting: Mapping[str, Any],
    fields: Sequence[str],
    ordinals: Mapping[str, int],
    weights: Weights,
) -> list[Any]:
    """``[term, term index, postings per field...]`` for one inverted-index entry."""
    index = posting["_index"]
    postings = [field_postings(posting[f], f + "/", index, ordinals, weights) for f in fields]
    return [term, index, *postings]


def term_shards(entries: Sequence[list[Any]]) -> list[list[list[Any]]]:
    """Entries (in term order) grouped into shards of about :data:`TERM_SHARD_BYTES` gzipped."""
    texts = [script_safe_json(entry) for entry in entries]
    return [[entries[i] for i in group] for group in pack_by_gzip(texts, TERM_SHARD_BYTES)]


def meta_record(record: Mapping[str, Any], ref: str) -> dict[str, Any]:
    """A result record without its text, with its ref."""
    return {"ref": ref, **{k: v for k, v in record.items() if k != "text"}}


def text_chunks(texts: Sequence[str]) -> list[range]:
    """Ordinal ranges of the text chunks, about :data:`TEXT_CHUNK_BYTES` gzipped each."""
    return pack_by_gzip([script_safe_json(text) for text in texts], TEXT_CHUNK_BYTES)


def manifest(
    serialized: Mapping[str, Any],
    shards: Sequence[Sequence[list[Any]]],
    refs: Sequence[str],
    texts: Sequence[range],
) -> dict[str, Any]:
    """What the engine loads first: enough to find the file holding any term or document."""
    return {
        "format": FORMAT,
        "lunr": serialized["version"],
        "fields": list(serialized["fields"]),
        "boosts": dict(INDEX_FIELDS),
        "pipeline": list(serialized["pipeline"]),
        "documents": len(refs),
        "terms": sum(len(shard) for shard in shards),
        "termShards": [shard[0][0] for shard in shards],
        "docsPerChunk": DOCS_PER_CHUNK,
        "docChunks": list(refs[::DOCS_PER_CHUNK]),
        "textChunks": [chunk.start for chunk in texts],
    }


def build_search_shards(
    articles: Sequence[Article],
    parents: Mapping[str, Sequence[str]] | None = None,
    progress: Progress = no_progress,
) -> SearchBundle:
    """The sharded search files for ``articles`` (``parents`` as for ``build_search_bundle``)."""
    documents = search_documents(articles)
    by_slug = {article.slug: article for article in articles}
    refs = [doc["ref"] for doc in documents]
    bodies = [doc["body"] for doc in documents]
    serialized = serialized_index(documents, progress)
    fields = list(serialized["fields"])
    ordinals = {ref: ordinal for ordinal, ref in enumerate(refs)}
    weights = field_weights(serialized["fieldVectors"])
    inverted = serialized["invertedIndex"]
    entries = [
        term_entry(term, posting, fields, ordinals, weights)
        for term, posting in progress("Sharding", inverted)
    ]
    shards = term_shards(entries)
    texts = text_chunks(bodies)
    records = [
        meta_record(result_record(by_slug[ref], body, parents), ref)
        for ref, body in zip(refs, bodies, strict=True)
    ]
    files = [
        (MANIFEST, manifest(serialized, shards, refs, texts)),
        (VOCABULARY, front_code([term for term, _ in inverted])),
        *((chunk_name("terms", i), shard) for i, shard in enumerate(shards)),
        *(
            (chunk_name("docs", i), records[start : start + DOCS_PER_CHUNK])
            for i, start in enumerate(range(0, len(records), DOCS_PER_CHUNK))
        ),
        *(
            (chunk_name("text", i), bodies[chunk.start : chunk.stop])
            for i, chunk in enumerate(texts)
        ),
    ]
    return SearchBundle(files=tuple((file_path(n), register_script(n, d)) for n, d in files))
