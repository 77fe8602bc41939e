"""The term index of the archive, kept between builds so a change to a few articles updates only
the postings and positions of their own terms.

A posting holds a document's tf and field length, never archive-wide weights (see
:mod:`generator.search_postings`), so an article's change touches only the terms it held
before and holds now. The state is what the search files are made from: each term's postings
and positions strings, and per document what is needed to redo the rest (its digest, its
distinct terms in the order lunr first meets them, its field lengths). Updating it gives
exactly the state a build from nothing gives (a test compares them).
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from generator.digest import digest
from generator.lunr_index import DocumentTerms
from generator.models import Article
from generator.search_blocks import (
    FieldBlocks,
    Item,
    all_items,
    fixed_payload,
    joined,
    make_blocks,
    replaced,
    sized_payload,
)
from generator.search_index import INDEX_FIELDS, search_documents
from generator.search_positions import POSITION_FIELDS, read_document, read_terms
from generator.search_postings import Inversion, encode_postings

FIELD_NAMES = [name for name, _ in INDEX_FIELDS]
#: Above this share of changed articles, a build from nothing is quicker than updating.
MOST_CHANGED = 0.2
POSTING = fixed_payload(2)  # a posting's payload: tf, field length
TermBlocks = tuple[FieldBlocks, ...]
NO_POSTINGS: TermBlocks = tuple(() for _ in FIELD_NAMES)
NO_POSITIONS: TermBlocks = tuple(() for _ in POSITION_FIELDS)


@dataclass(frozen=True)
class TermState:
    """The archive's term index, as the build cache keeps it (never modified in place)."""

    refs: tuple[str, ...]
    digests: tuple[str, ...]  # per document: article_digest
    terms: tuple[tuple[str, ...], ...]  # per document: distinct terms, first met first
    lengths: tuple[tuple[int, ...], ...]  # per document: term count of each field
    postings: dict[str, TermBlocks]  # term -> per index field, its postings in blocks
    positions: dict[str, TermBlocks]  # term -> per position field, its positions in blocks

    def term_indexes(self) -> dict[str, int]:
        """Each term's number in lunr's vector space: terms in the order lunr first meets
        them, document after document."""
        order: dict[str, None] = {}
        for terms in self.terms:
            order.update(dict.fromkeys(terms))
        return {term: number for number, term in enumerate(order)}

    def postings_text(self, term: str, ranks: Sequence[int] | None) -> str:
        """The term's postings string (``ranks`` from :func:`js_ranks` of the refs)."""
        if ranks is None:
            return joined(self.postings[term], zigzag=True)
        fields = [
            array(
                "L", [n for o, payload in all_items(blocks, True, POSTING) for n in (o, *payload)]
            )
            for blocks in self.postings[term]
        ]
        return encode_postings(fields, ranks)

    def positions_text(self, term: str) -> str:
        return joined(self.positions[term], zigzag=False)

    def average_lengths(self) -> list[float | None]:
        """Each field's mean length, as lunr.js computes it (None for no documents)."""
        if not self.lengths:
            return [None] * len(FIELD_NAMES)
        count = len(self.lengths)
        return [
            sum(lengths[f] for lengths in self.lengths) / count for f in range(len(FIELD_NAMES))
        ]


def article_digest(article: Article) -> str:
    """Everything of an article its search document and result record are made from."""
    parts = (article.slug, article.title, article.body, article.source or "", article.url or "")
    return digest(
        *parts,
        article.date or "",
        article.date_precision or "",
        *article.places,
        "|",
        *article.actors,
    )


def distinct_terms(document: DocumentTerms) -> tuple[str, ...]:
    """A document's terms in the order lunr meets them: field by field, first occurrence."""
    return tuple(dict.fromkeys(term for field in document.fields for term, _ in field.counts))


def posting_items(triples: array) -> list[Item]:
    """Flat (ordinal, tf, length) triples as items."""
    return [(triples[at], (triples[at + 1], triples[at + 2])) for at in range(0, len(triples), 3)]


def position_items(held: array | None) -> list[list[Item]]:
    """Held positions (see :data:`~generator.search_positions.Positions`) as items per field."""
    width = len(POSITION_FIELDS)
    items: list[list[Item]] = [[] for _ in range(width)]
    at = 0
    while held is not None and at < len(held):
        ordinal, field = divmod(held[at], width)
        size = held[at + 1]
        items[field].append((ordinal, tuple(held[at + 1 : at + 2 + size])))
        at += 2 + size
    return items


def build_state(ordered: Sequence[Article], documents: Iterable[Mapping[str, str]]) -> TermState:
    """The state of ``ordered`` (articles by slug, ``documents`` their search documents) from
    nothing, reading one document at a time and keeping only what the state holds."""
    inversion, held = Inversion(len(FIELD_NAMES)), {}
    terms, lengths = [], []
    for ordinal, document in enumerate(documents):
        counted = read_document(document, FIELD_NAMES, ordinal, held)
        inversion.add(ordinal, counted)
        terms.append(distinct_terms(counted))
        lengths.append(tuple(field.length for field in counted.fields))
    return TermState(
        refs=tuple(article.slug for article in ordered),
        digests=tuple(map(article_digest, ordered)),
        terms=tuple(terms),
        lengths=tuple(lengths),
        postings=blocks_by_term(
            inversion.postings, lambda posting: map(posting_items, posting[1]), zigzag=True
        ),
        positions=blocks_by_term(held, position_items, zigzag=False),
    )


def blocks_by_term(
    table: dict[str, Any], items_of: Callable[[Any], Iterable[list[Item]]], zigzag: bool
) -> dict[str, TermBlocks]:
    """Each term's per-field items in blocks; ``table``'s entries are dropped as they are
    turned, so the two forms are never both whole in memory."""
    blocked = {}
    for term in list(table):
        blocked[term] = tuple(make_blocks(items, zigzag) for items in items_of(table.pop(term)))
    return blocked


def changed_ordinals(state: TermState, ordered: Sequence[Article]) -> list[int] | None:
    """Ordinals whose article changed since ``state``; None when the articles are not the same
    ones (added, removed) or too many changed to be worth updating."""
    if state.refs != tuple(article.slug for article in ordered):
        return None
    changed = [
        ordinal
        for ordinal, (article, old) in enumerate(zip(ordered, state.digests, strict=True))
        if article_digest(article) != old
    ]
    return None if len(changed) > MOST_CHANGED * max(1, len(ordered)) else changed


def updated_state(
    state: TermState, ordered: Sequence[Article], changed: Sequence[int]
) -> TermState:
    """``state`` after the articles at ``changed`` became what ``ordered`` holds."""
    if not changed:
        return state
    documents = search_documents([ordered[o] for o in changed])
    counted, held = read_terms(documents, FIELD_NAMES, ordinals=changed)
    fresh = dict(zip(changed, counted, strict=True))
    inversion = Inversion(len(FIELD_NAMES))
    for ordinal, doc in fresh.items():
        inversion.add(ordinal, doc)
    affected = {t for o in changed for t in state.terms[o]} | {
        t for doc in counted for t in distinct_terms(doc)
    }
    postings, positions = dict(state.postings), dict(state.positions)
    gone = set(changed)
    for term in sorted(affected):
        old = state.postings.get(term, NO_POSTINGS)
        added = inversion.postings.get(term, (0, [array("I")] * len(FIELD_NAMES)))[1]
        new = [
            replaced(blocks, gone, posting_items(added[f]), True, POSTING)
            for f, blocks in enumerate(old)
        ]
        _put(postings, term, tuple(new))
        old = state.positions.get(term, NO_POSITIONS)
        items = position_items(held.get(term))
        new = [
            replaced(blocks, gone, items[f], False, sized_payload) for f, blocks in enumerate(old)
        ]
        _put(positions, term, tuple(new))
    terms, lengths, digests = list(state.terms), list(state.lengths), list(state.digests)
    for ordinal, doc in fresh.items():
        terms[ordinal] = distinct_terms(doc)
        lengths[ordinal] = tuple(field.length for field in doc.fields)
        digests[ordinal] = article_digest(ordered[ordinal])
    return TermState(state.refs, tuple(digests), tuple(terms), tuple(lengths), postings, positions)


def _put(table: dict[str, TermBlocks], term: str, fields: TermBlocks) -> None:
    if any(fields):
        table[term] = fields
    else:
        table.pop(term, None)
