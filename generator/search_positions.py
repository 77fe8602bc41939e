"""Word positions for quoted phrase search, in files only a phrase query loads; and the one pass
over the archive's words that counts its terms for the index and finds their positions.

lunr has no phrase search. A quoted phrase is searched as its words, all required, and a hit
is kept only where the words stand in the phrase's order at the phrase's distances (a stop word
in the phrase, which the index drops, still takes its place). Positions are what that needs,
and they are bulky (one number per word of text), so they live apart from the postings:

``search/pos-NNNN.js``
    ``{term: positions}`` for the terms of term shard ``NNNN``, where ``positions`` is a number
    string (:func:`~generator.search_shards_pack.encode_numbers`) holding, per field of
    :data:`POSITION_FIELDS`, the number of documents, then per document its ordinal delta,
    its number of positions and the position deltas. A position is the word's index among the
    field's tokens (lunr.js's tokenizer: text split on whitespace and hyphens).

Only the title and body get positions: places, actors and source are lists of names, whose
words a query finds anyway. Queries without a phrase never load these files.
"""

from __future__ import annotations

import itertools
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence

from generator.lunr_compat import token_words
from generator.lunr_index import DocumentTerms, FieldTerms, index_term
from generator.search_shards_pack import encode_numbers

POSITION_FIELDS = ("title", "body")

#: term -> per document field holding it: slot (ordinal * len(POSITION_FIELDS) + field number),
#: number of positions, position deltas; in slot order. Flat 32-bit arrays keep a 100,000-article
#: archive's hundred million positions in memory without an object per number.
Positions = dict[str, array]


def read_terms(
    documents: Iterable[Mapping[str, str]],
    fields: Sequence[str],
    ordinals: Iterable[int] | None = None,
) -> tuple[list[DocumentTerms], Positions]:
    """Each document's term counts per field (what :func:`generator.lunr_index.document_terms`
    gives), and the positions of the terms of its :data:`POSITION_FIELDS`: one pass over the
    words of the archive for both. ``ordinals`` number the documents (0, 1, 2 ... if None)."""
    found: Positions = {}
    numbered = zip(itertools.count() if ordinals is None else ordinals, documents, strict=False)
    counted = [read_document(document, fields, ordinal, found) for ordinal, document in numbered]
    return counted, found


def read_document(
    document: Mapping[str, str], fields: Sequence[str], ordinal: int, found: Positions
) -> DocumentTerms:
    """One document's term counts per field; the positions of its terms go into ``found``."""
    width = len(POSITION_FIELDS)
    per_field = []
    for field in fields:
        terms = list(map(index_term, token_words(document[field])))
        kept = [term for term in terms if term is not None]
        per_field.append(FieldTerms(len(kept), tuple(Counter(kept).items())))
        if field in POSITION_FIELDS:
            add_positions(found, terms, ordinal * width + POSITION_FIELDS.index(field))
    return DocumentTerms(str(document["ref"]), tuple(per_field))


def add_positions(found: Positions, terms: Sequence[str | None], slot: int) -> None:
    """Record where each term of one document field (a term per word, None for stop words)
    stands."""
    mine: defaultdict[str, list[int]] = defaultdict(list)
    for position, term in enumerate(terms):
        if term:
            mine[term].append(position)
    for term, places in mine.items():
        deltas = [b - a for a, b in zip([0, *places], places, strict=False)]
        held = found.get(term)
        if held is None:
            held = found[term] = array("I")
        held.extend((slot, len(places), *deltas))


def term_positions(documents: Iterable[Mapping[str, str]]) -> Positions:
    """Where each index term stands in the title and body of ``documents`` (in ordinal order)."""
    return read_terms(documents, POSITION_FIELDS)[1]


def encode_positions(held: array) -> str:
    """One term's positions as its ``pos-NNNN`` number string."""
    width = len(POSITION_FIELDS)
    numbers: list[int] = []
    for field in range(width):
        counted = len(numbers)
        numbers.append(0)
        previous, at = 0, 0
        while at < len(held):
            slot, size = held[at], held[at + 1]
            ordinal, number = divmod(slot, width)
            if number == field:
                numbers += [ordinal - previous, size, *held[at + 2 : at + 2 + size]]
                numbers[counted] += 1
                previous = ordinal
            at += 2 + size
    return encode_numbers(numbers)


def position_files(
    shard_terms: Sequence[Sequence[str]], positions: Mapping[str, str]
) -> list[tuple[str, dict[str, str]]]:
    """``pos-NNNN`` for each term shard's terms that have positions (``positions`` maps a
    term to its :func:`encode_positions` string)."""
    return [
        (f"pos-{number:04d}", {term: positions[term] for term in terms if term in positions})
        for number, terms in enumerate(shard_terms)
    ]
