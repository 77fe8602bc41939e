"""Term postings for the sharded index, from per-document term counts.

lunr.js weighs a term in a field of a document with BM25 from four numbers: the term's count
in the field (tf), the field's length, the field's average length over the archive and the
term's idf (from how many (field, document) pairs hold it, and the document count). The build
ships tf and length in each posting and the averages in the manifest; the browser computes the
weight with lunr.js's own expression (``lunr.Builder#createFieldVectors``), so the scores it
computes (``templates/static/search-score.js``) use exactly the weights lunr.js would have
given, and a change to one article changes only the postings of its own terms.

A term's postings are one number string (:func:`~generator.search_shards_pack.encode_numbers`):
per field of the index, the number of documents, then per document its ordinal delta
(zigzag-coded: lunr.js lists refs that are array indexes first, so a delta may be negative),
tf and field length, in the order lunr.js lists the posting's documents.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Sequence

from generator.lunr_index import DocumentTerms
from generator.search_shards_pack import encode_numbers, is_array_index

#: term -> (term index, per field flat (ordinal, tf, length) triples)
Postings = dict[str, tuple[int, list[array]]]


class Inversion:
    """Postings gathered document by document (so no document's term counts need be kept)."""

    def __init__(self, field_count: int) -> None:
        self.field_count = field_count
        self.postings: Postings = {}

    def add(self, ordinal: int, document: DocumentTerms) -> None:
        """Add one document's postings; a term first met here gets the next number."""
        postings = self.postings
        for field, terms in enumerate(document.fields):
            length = terms.length
            for term, count in terms.counts:
                posting = postings.get(term)
                if posting is None:
                    fields = [array("I") for _ in range(self.field_count)]
                    posting = postings[term] = (len(postings), fields)
                posting[1][field].extend((ordinal, count, length))


def js_ranks(refs: Sequence[str]) -> list[int] | None:
    """Each ordinal's place in the order lunr.js lists refs (array indexes first, by value);
    None when no ref is an array index, and ordinal order is lunr.js's order."""
    if not any(map(is_array_index, refs)):
        return None
    indexes = sorted(
        (r for r in range(len(refs)) if is_array_index(refs[r])), key=lambda r: int(refs[r])
    )
    others = [r for r in range(len(refs)) if not is_array_index(refs[r])]
    ranks = [0] * len(refs)
    for rank, ordinal in enumerate(indexes + others):
        ranks[ordinal] = rank
    return ranks


def encode_postings(fields: Sequence[array], ranks: Sequence[int] | None = None) -> str:
    """One term's per-field triples as its postings string."""
    numbers: list[int] = []
    for triples in fields:
        entries = [triples[at : at + 3] for at in range(0, len(triples), 3)]
        if ranks is not None:
            entries.sort(key=lambda entry: ranks[entry[0]])
        numbers.append(len(entries))
        previous = 0
        for ordinal, count, length in entries:
            delta = ordinal - previous
            numbers += (delta * 2 if delta >= 0 else -delta * 2 - 1, count, length)
            previous = ordinal
    return encode_numbers(numbers)


def bm25_weight(
    tf: int, length: int, average: float, boost: float, with_term: int, documents: int
) -> float:
    """The weight lunr.js gives (the browser's computation, in Python for the tests)."""
    x = (documents - with_term + 0.5) / (with_term + 0.5)
    idf = math.log(1 + abs(x))
    score = idf * ((1.2 + 1) * tf) / (1.2 * (1 - 0.75 + 0.75 * (length / average)) + tf)
    score *= boost
    return math.floor(score * 1000 + 0.5) / 1000
