"""Word positions for quoted phrase search, in files only a phrase query loads.

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

from array import array
from collections.abc import Iterable, Mapping, Sequence

from generator.lunr_compat import token_words
from generator.lunr_index import index_term
from generator.search_shards_pack import encode_numbers

POSITION_FIELDS = ("title", "body")

#: term -> flat (ordinal * len(POSITION_FIELDS) + field number, position) pairs, in ordinal order
Positions = dict[str, array]


def term_positions(documents: Iterable[Mapping[str, str]]) -> Positions:
    """Where each index term stands in the title and body of ``documents`` (in ordinal order)."""
    found: Positions = {}
    for ordinal, document in enumerate(documents):
        for number, field in enumerate(POSITION_FIELDS):
            slot = ordinal * len(POSITION_FIELDS) + number
            for position, word in enumerate(token_words(document[field])):
                term = index_term(word)
                if term:
                    found.setdefault(term, array("L")).extend((slot, position))
    return found


def encode_positions(pairs: array) -> str:
    """One term's flat pairs as its ``pos-NNNN`` number string."""
    width = len(POSITION_FIELDS)
    per_field: list[dict[int, list[int]]] = [{} for _ in POSITION_FIELDS]
    for at in range(0, len(pairs), 2):
        ordinal, field = divmod(pairs[at], width)
        per_field[field].setdefault(ordinal, []).append(pairs[at + 1])
    numbers: list[int] = []
    for documents in per_field:
        numbers.append(len(documents))
        previous_ordinal = 0
        for ordinal, positions in documents.items():
            numbers += [ordinal - previous_ordinal, len(positions)]
            previous_ordinal = ordinal
            previous = 0
            for position in positions:
                numbers.append(position - previous)
                previous = position
    return encode_numbers(numbers)


def position_files(
    shard_terms: Sequence[Sequence[str]], positions: Positions
) -> list[tuple[str, dict[str, str]]]:
    """``pos-NNNN`` for each term shard's terms that have positions."""
    return [
        (
            f"pos-{number:04d}",
            {term: encode_positions(positions[term]) for term in terms if term in positions},
        )
        for number, terms in enumerate(shard_terms)
    ]
