"""lunr.js 2.3.9's serialized index, built from per-document term counts without lunr.py.

The index is built in two steps. :func:`document_terms` runs the lunr.js term pipeline over one
document (on its own, so it can run in any process and be cached); :func:`serialize` then does
what needs the whole archive: term numbering, postings and BM25 weights. The result is the dict
:func:`generator.lunr_compat.serialize_index` gives for :func:`generator.lunr_compat.build_index`
of the same documents, equal item by item and in the same order (a test checks it byte for byte
after ``json.dumps``), at a fraction of the time and memory.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from lunr import __TARGET_JS_VERSION__

from generator.lunr_compat import (
    STOP_WORDS,
    index_terms,
    js_round,
    stem,
    token_words,
    trim,
    utf16_key,
)

K1 = 1.2  # lunr.js's default BM25 parameters
B = 0.75
#: The value of every posting's metadata: nothing is whitelisted. One shared empty dict (read
#: only) stands for lunr's millions of empty per-posting objects.
NO_METADATA: dict[str, Any] = {}


@dataclass(frozen=True)
class FieldTerms:
    """One field of one document after the pipeline: its term count and each term's count,
    terms in order of first occurrence."""

    length: int
    counts: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class DocumentTerms:
    """The pipeline's output for one document: its ref and its fields in index order."""

    ref: str
    fields: tuple[FieldTerms, ...]


class _TermMemo(dict[str, str | None]):
    """token -> the term lunr.js's indexing pipeline (trimmer, stop words, stemmer) makes of it,
    or None when it is dropped; filled on first use, as words repeat a lot (Zipf)."""

    def __missing__(self, word: str) -> str | None:
        if len(self) > MEMO_LIMIT:
            self.clear()
        trimmed = trim(word)
        term = self[word] = None if trimmed in STOP_WORDS else stem(trimmed)
        return term


MEMO_LIMIT = 1 << 21
_TERMS = _TermMemo()


def index_term(word: str) -> str | None:
    """The term the indexing pipeline makes of one lower-case token (None: dropped)."""
    return _TERMS[word]


def field_terms(value: object) -> FieldTerms:
    """Tokenize and run the indexing pipeline over one field value."""
    if isinstance(value, str):
        counts = Counter(map(_TERMS.__getitem__, token_words(value)))
        counts.pop(None, None)
    else:  # lists and other values: lunr.js's own rules, through the ported pipeline
        counts = Counter(index_terms(value))
    return FieldTerms(counts.total(), tuple(counts.items()))  # type: ignore[arg-type]


def document_terms(document: Mapping[str, Any], ref: str, fields: Sequence[str]) -> DocumentTerms:
    """The pipeline's output for ``document``, whose ref is in its ``ref`` key."""
    return DocumentTerms(str(document[ref]), tuple(field_terms(document[f]) for f in fields))


def idf(documents_with_term: int, document_count: int) -> float:
    """lunr.js's ``idf``; ``documents_with_term`` counts (field, document) pairs, as it does."""
    x = (document_count - documents_with_term + 0.5) / (documents_with_term + 0.5)
    return math.log(1 + abs(x))


def _postings(
    documents: Sequence[DocumentTerms], field_count: int
) -> dict[str, tuple[int, list[list[str]]]]:
    """term -> (term index, refs per field), terms numbered in order of first occurrence."""
    postings: dict[str, tuple[int, list[list[str]]]] = {}
    for document in documents:
        for field, terms in enumerate(document.fields):
            for term, _ in terms.counts:
                posting = postings.get(term)
                if posting is None:
                    posting = postings[term] = (len(postings), [[] for _ in range(field_count)])
                posting[1][field].append(document.ref)
    return postings


def _average_lengths(documents: Sequence[DocumentTerms], field_count: int) -> list[float]:
    """Mean term count per field; NaN, as in lunr.js, when there are no documents."""
    if not documents:
        return [math.nan] * field_count
    totals = [sum(d.fields[f].length for d in documents) for f in range(field_count)]
    return [total / len(documents) for total in totals]


def field_vector(
    terms: FieldTerms,
    average_length: float,
    boost: float,
    numbered: Mapping[str, tuple[int, float]],
) -> list[float]:
    """lunr's serialized field vector: ``[term index, weight, ...]`` by term index, each weight
    BM25 times the boost, rounded like ``Math.round(x * 1000) / 1000``."""
    if not terms.counts:  # an empty field: lunr.js never divides by its zero average
        return []
    # lunr.py's very expression, so the floating-point results are the same
    k = K1 * (1 - B + B * (terms.length / average_length))
    weighted = []
    for term, tf in terms.counts:
        index, term_idf = numbered[term]
        score = term_idf * ((K1 + 1) * tf) / (k + tf)
        score *= boost
        weighted.append((index, js_round(score * 1000) / 1000))
    weighted.sort()
    return [x for pair in weighted for x in pair]


def serialize(
    fields: Sequence[tuple[str, float]], documents: Sequence[DocumentTerms]
) -> dict[str, Any]:
    """The serialized lunr index of ``documents`` (unique refs, in the order lunr would have
    added them); ``fields`` are (name, boost) in index order."""
    names = [name for name, _ in fields]
    postings = _postings(documents, len(fields))
    count = len(documents)
    numbered = {
        term: (index, idf(sum(map(len, refs)), count)) for term, (index, refs) in postings.items()
    }
    averages = _average_lengths(documents, len(fields))
    boosts = [boost or 1 for _, boost in fields]
    vectors = [
        [f"{name}/{document.ref}", field_vector(terms, averages[f], boosts[f], numbered)]
        for document in documents
        for f, (name, terms) in enumerate(zip(names, document.fields, strict=True))
    ]
    inverted = [
        [term, _posting(names, index, refs)]
        for term, (index, refs) in sorted(postings.items(), key=lambda item: utf16_key(item[0]))
    ]
    return {
        "version": __TARGET_JS_VERSION__,
        "fields": names,
        "fieldVectors": vectors,
        "invertedIndex": inverted,
        "pipeline": ["stemmer"],
    }


def _posting(names: Sequence[str], index: int, refs: Sequence[list[str]]) -> dict[str, Any]:
    """One inverted-index entry as lunr serializes it: ``{field: {ref: {}}, "_index": n}``."""
    posting: dict[str, Any] = {
        name: dict.fromkeys(field_refs, NO_METADATA)
        for name, field_refs in zip(names, refs, strict=True)
    }
    posting["_index"] = index
    return posting
