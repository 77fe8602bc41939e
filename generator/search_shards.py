"""The search index split into small files, so a query loads only the shards of its own terms.

lunr.js scores a document for a field as dot(query vector, field vector) / |query vector| and sums
the fields, so a score needs only the field-vector weights of the query's own terms. This module
writes the lunr index of :mod:`generator.search_index` term-partitioned:

``search/manifest.js``
    fields, boosts, average field lengths, search pipeline, document count, the boundary of
    every term shard, joined by spaces (see :func:`shard_boundaries`: terms are in lunr's
    UTF-16 order, so a term's shard is the last one whose boundary is not after it), how the
    other files are laid out, and what the page shows
    before a query or a filter (:func:`~generator.search_records.archive_summary`).
``search/terms-NNNN.js``
    ``[[term, termIndex, postings], ...]``: ``postings`` holds per field each document's tf and
    field length (see :mod:`generator.search_postings`), from which the browser computes
    lunr.js's BM25 weight; the term index (its position in lunr's vector space) fixes the order
    lunr.js sums in. Shards hold about :data:`TERM_SHARD_BYTES` each (a frequent term may fill
    one alone).
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

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from lunr import __TARGET_JS_VERSION__

from generator.cache import NO_CACHE, BuildCache
from generator.digest import code_fingerprint, digest
from generator.facets import FacetIndex
from generator.lunr_compat import utf16_key, utf16_length
from generator.models import Article, ResultPreview, SiteFile
from generator.progress import Progress, no_progress
from generator.search_index import (
    INDEX_FIELDS,
    markdown_to_text,
    ordered_articles,
    script_safe_json,
    search_documents,
)
from generator.search_positions import POSITION_FIELDS, position_files
from generator.search_postings import js_ranks
from generator.search_records import (
    COLUMN_CHUNK,
    DOCS_PER_FOLDER,
    PAGE_SIZE,
    archive_summary,
    filter_files,
    has_more,
    more_name,
    record_name,
    result_preview,
    search_more,
    search_record,
)
from generator.search_shards_pack import front_code, pack_by_size
from generator.search_state import TermState, build_state, changed_ordinals, updated_state

FORMAT = 3
SEARCH_DIR = "search"
MANIFEST = "manifest"
VOCABULARY = "vocab"
STATE = "search-state"  # the build cache's kind for the term index
#: Vocabulary bucket holding every term this long or longer.
VOCABULARY_BUCKETS = 24
#: Target size of a term shard, in bytes (uncompressed: file:// reads files as they are).
TERM_SHARD_BYTES = 12_000
REGISTER = "window.DossierSearch.register"


def file_path(name: str) -> str:
    """Path, relative to the site root, of the file registering ``name``."""
    return f"{SEARCH_DIR}/{name}.js"


def chunk_name(kind: str, number: int) -> str:
    """``terms-0042`` and the like."""
    return f"{kind}-{number:04d}"


def register_script(name: str, data: Any) -> str:
    """A script handing ``data`` to the search engine under ``name``."""
    return f"{REGISTER}({script_safe_json(name)},{script_safe_json(data)});\n"


def term_shards(entries: Sequence[list[Any]]) -> list[list[list[Any]]]:
    """Entries (in term order) grouped into shards of about :data:`TERM_SHARD_BYTES`."""
    texts = [script_safe_json(entry) for entry in entries]
    return [[entries[i] for i in group] for group in pack_by_size(texts, TERM_SHARD_BYTES)]


def vocabulary_buckets(terms: Sequence[str]) -> dict[int, list[str]]:
    """Terms (in order) by UTF-16 length, every length from :data:`VOCABULARY_BUCKETS` on in
    the last bucket."""
    buckets: dict[int, list[str]] = {}
    for term in terms:
        buckets.setdefault(min(utf16_length(term), VOCABULARY_BUCKETS), []).append(term)
    return buckets


def shard_boundaries(shards: Sequence[Sequence[list[Any]]]) -> list[str]:
    """Per shard the shortest start of its first term that sorts after the last term of the
    shard before (lunr's UTF-16 order), so that a term's shard is still the last one whose
    boundary is not after it, and a prefix's shards still start with the prefix."""
    boundaries = [shard[0][0] for shard in shards[:1]]
    for before, shard in zip(shards, shards[1:], strict=False):
        first, last = shard[0][0], utf16_key(before[-1][0])
        cut = next(n for n in range(1, len(first) + 1) if utf16_key(first[:n]) > last)
        boundaries.append(first[:cut])
    return boundaries


def manifest(
    averages: Sequence[float | None],
    shards: Sequence[Sequence[list[Any]]],
    documents: int,
    vocabulary: Mapping[int, Sequence[str]],
    archive: Mapping[str, Any],
) -> dict[str, Any]:
    """What the engine loads first: enough to weigh postings and find the file holding any
    term or document, and the ``archive`` the page shows before any query."""
    return {
        "archive": archive,
        "format": FORMAT,
        "lunr": __TARGET_JS_VERSION__,
        "fields": [name for name, _ in INDEX_FIELDS],
        "boosts": dict(INDEX_FIELDS),
        "averageLengths": list(averages),
        "pipeline": ["stemmer"],
        "documents": documents,
        "terms": sum(len(shard) for shard in shards),
        "termShards": " ".join(shard_boundaries(shards)),
        "docsPerFolder": DOCS_PER_FOLDER,
        "columnChunk": COLUMN_CHUNK,
        "positions": list(POSITION_FIELDS),
        "vocabularyBuckets": VOCABULARY_BUCKETS,
        "vocabularyLengths": sorted(vocabulary),
    }


def eager_file(path: str, text: str) -> SiteFile:
    """A file whose text is already made; its key is a digest of it."""
    return SiteFile(path, digest("file", path, text), functools.partial(str, text))


@dataclass(frozen=True)
class ShardedSearch:
    """The search files of the site, and the results search.html shows before a query."""

    site_files: tuple[SiteFile, ...]
    preview: tuple[ResultPreview, ...] = ()

    @property
    def files(self) -> tuple[tuple[str, str], ...]:
        """Every file's path and text (the lazy ones made now)."""
        return tuple((file.path, file.content()) for file in self.site_files)


def state_key() -> str:
    """The cache key of the term index: this program's search code."""
    return digest(code_fingerprint("search_shards"), STATE)


def term_state(ordered: Sequence[Article], cache: BuildCache, progress: Progress) -> TermState:
    """The term index of ``ordered``: the cached one updated for the articles that changed,
    or one made from nothing."""
    key = state_key()
    previous = cache.get(STATE, key)
    changed = changed_ordinals(previous, ordered) if isinstance(previous, TermState) else None
    if changed is None:
        state = build_state(ordered, search_documents(progress("Indexing", ordered)))
    else:
        state = updated_state(previous, ordered, changed)
    if state is not previous:
        cache.put(STATE, key, state)
    cache.forget_unused(STATE)
    return state


def shared_value(make: Callable[[], str], uses: int) -> Callable[[], str]:
    """``make()``, made at the first of ``uses`` calls and forgotten after the last (so a
    built site does not hold every article's text)."""
    held: list[str] = []
    calls = 0

    def value() -> str:
        nonlocal calls
        if not held:
            held.append(make())
        calls += 1
        return held.pop() if calls == uses else held[0]

    return value


def record_files(article: Article, ordinal: int, article_key: str) -> tuple[SiteFile, ...]:
    """A document's result record, and the text following its lead if it may have more; made
    (its body turned to text, once) only if needed."""
    more = has_more(article.body)
    text = shared_value(lambda: markdown_to_text(article.body), 2 if more else 1)
    key = digest("record", code_fingerprint("search_shards"), article_key)

    def site_file(name: str, data: Callable[[], Any]) -> SiteFile:
        return SiteFile(file_path(name), digest(key, name), lambda: register_script(name, data()))

    record = site_file(record_name(ordinal), lambda: search_record(article, text()))
    if not more:
        return (record,)
    return record, site_file(more_name(ordinal), lambda: search_more(text()))


def build_search_shards(
    articles: Sequence[Article],
    filters: Sequence[FacetIndex] = (),
    progress: Progress = no_progress,
    cache: BuildCache = NO_CACHE,
) -> ShardedSearch:
    """The sharded search files for ``articles``, with ``filters`` (facets built over the
    same articles) as the search page's filters; ``cache`` keeps the term index between
    builds, so only changed articles are read again."""
    ordered = ordered_articles(articles)
    state = term_state(ordered, cache, progress)
    indexes = state.term_indexes()
    ranks = js_ranks(state.refs)
    entries = [
        [term, indexes[term], state.postings_text(term, ranks)]
        for term in sorted(state.postings, key=utf16_key)
    ]
    positions = {term: state.positions_text(term) for term in state.positions}
    shards = term_shards(entries)
    vocabulary = vocabulary_buckets([entry[0] for entry in entries])
    archive = archive_summary(ordered, filters)
    files = [
        (
            MANIFEST,
            manifest(
                state.average_lengths(),
                shards,
                len(ordered),
                vocabulary,
                archive,
            ),
        ),
        *(
            (chunk_name(VOCABULARY, n), front_code(terms))
            for n, terms in sorted(vocabulary.items())
        ),
        *((chunk_name("terms", i), shard) for i, shard in enumerate(shards)),
        *position_files([[entry[0] for entry in shard] for shard in shards], positions),
        *filter_files(ordered, filters),
    ]
    made = [eager_file(file_path(n), register_script(n, d)) for n, d in files]
    records = [
        file
        for ordinal, (article, key) in enumerate(zip(ordered, state.digests, strict=True))
        for file in record_files(article, ordinal, key)
    ]
    preview = tuple(
        result_preview(ordered[o], markdown_to_text(ordered[o].body))
        for o in archive["newest"][:PAGE_SIZE]
    )
    return ShardedSearch(site_files=(*made, *records), preview=preview)
