"""Whoosh's search for an OR of boosted terms in one field, scored in memory with numpy.

``Searcher.search(Or([Term(field, word, boost=b), ...]), limit, mask)`` with BM25F gives every
matching document, in each segment, the sum over the matched terms of
``bm25(idf, tf, dl, avgfl, B, K1) * b``. Here, as there: ``idf`` is ``WeightingModel.idf``,
``log(doc_count_all / (n + 1)) + 1`` with ``n`` the segments' document frequencies summed (as a
multi-segment reader sums them); ``avgfl`` is the searcher's ``avg_field_length``; ``tf`` the
posting's weight (a float32) and ``dl`` the document's field length as its segment stores it
(one byte), read per segment; ``B`` and ``K1`` are the searcher's ``BM25F``'s. The formula is
Whoosh's ``bm25`` applied to float64 arrays: numpy's ``+ - * /`` round as Python's floats do,
so each term's score is bit for bit Whoosh's.

What remains is the order of the additions, which Whoosh chooses per segment and which can move
a sum by a rounding step, enough to reorder near-ties:

- one term: no sum;
- a segment of at most 5,000 documents searched for the top N (``PreloadedOr``): the terms'
  scores added in query order (``ArrayUnionMatcher``);
- when results are sorted by score (the matcher must know its current document), and for two
  terms or bigger segments: a tree of ``UnionMatcher``s shaped by ``make_weighted_tree`` over
  the terms' document frequencies in the segment, each node adding its two sides. Matchers of
  the same weight keep their order (they compare neither less nor greater), as here.

A document a term misses gets 0.0 from it, and ``x + 0.0 == x``: adding zeros in the same
order gives Whoosh's sums over the matched terms only. Every score is above 0 (``idf > 0``,
boosts > 0), so a 0 is no match. Whoosh's top-N search over a tree also prunes it as it goes,
and not always soundly (see :func:`reproduced`): those queries are left to Whoosh.

Whoosh internals relied on (Whoosh 2.7.4 is pinned): the rules above (``Or._matcher``,
``make_weighted_tree``, ``ArrayUnionMatcher``, ``UnionMatcher.score``), and the leaf matcher's
block reading (``W3LeafMatcher._read_ids``, ``_read_weights``, ``_ids``, ``_weights``, ``_i``,
``_next_block``) to load posting lists quickly.
"""

from __future__ import annotations

import bisect
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from math import log
from typing import Any

import numpy as np

from generator.fulltext import whoosh
from generator.fulltext_terms import FieldTerms

ARRAY_OR_DOCS = 5000  # Or.matcher: segments up to this size preload the sums in query order
Plan = int | tuple["Plan", "Plan"]  # a term's place in the query, or two sub-sums added


@dataclass(frozen=True)
class TermPostings:
    """One word's documents (global numbers) and BM25F scores, and its document frequency
    in each segment."""

    docs: np.ndarray
    scores: np.ndarray
    segment_frequency: tuple[int, ...]


@dataclass(frozen=True)
class Segment:
    start: int  # its first global document number
    size: int  # doc_count_all: deleted documents included, as Whoosh counts


def weighted_tree(frequencies: Sequence[int]) -> Plan:
    """``make_weighted_tree`` over (document frequency, term) pairs: the two lightest joined
    first, each join put after the pairs of the same weight."""
    pending: list[tuple[int, Plan]] = sorted(enumerate(frequencies), key=lambda p: p[1])
    pending = [(weight, place) for place, weight in pending]
    while len(pending) > 1:
        (a_weight, a), (b_weight, b) = pending.pop(0), pending.pop(0)
        bisect.insort(pending, (a_weight + b_weight, (a, b)), key=lambda p: p[0])
    return pending[0][1]


def in_order(terms: int) -> Plan:
    """The terms added one after the other, in query order."""
    plan: Plan = 0
    for place in range(1, terms):
        plan = (plan, place)
    return plan


def plan_for(frequencies: Sequence[int], segment_size: int, sorted_by_score: bool) -> Plan:
    """How Whoosh's ``Or.matcher`` adds the terms' scores in one segment."""
    if len(frequencies) == 1:
        return 0
    preloads = not sorted_by_score and len(frequencies) != 2 and segment_size <= ARRAY_OR_DOCS
    return in_order(len(frequencies)) if preloads else weighted_tree(frequencies)


def reproduced(terms: int, segment_sizes: Sequence[int]) -> bool:
    """Whether :meth:`OrScorer.ranked` gives what Whoosh's top-N search does for a query of
    ``terms`` terms: in every segment one term or the preloaded sums in query order.

    A tree of ``UnionMatcher``s searched for the top N is not reproduced: as the N-th best
    score rises, the collector replaces it with ``AndMaybeMatcher``s and
    ``IntersectionMatcher``s, whose ``skip_to`` can leave the optional side behind the
    required one, so that a document loses a term's score or is missed altogether.
    """
    return all(terms == 1 or (terms != 2 and size <= ARRAY_OR_DOCS) for size in segment_sizes)


def total(plan: Plan, parts: Sequence[np.ndarray]) -> np.ndarray:
    """The sum ``plan`` makes of ``parts``, added in its order."""
    if isinstance(plan, int):
        return parts[plan]
    return total(plan[0], parts) + total(plan[1], parts)


class OrScorer:
    """Scores OR queries of boosted terms in one field of an open Whoosh searcher."""

    def __init__(self, searcher: Any, terms: FieldTerms, fieldname: str, words: Iterable[str]):
        weighting = searcher.weighting
        if type(weighting) is not whoosh.scoring.BM25F:
            raise TypeError(f"{type(weighting).__name__} is not BM25F")
        if not searcher.schema[fieldname].scorable:
            raise TypeError(f"{fieldname} has no field lengths")
        self._field = fieldname
        self._to_bytes = searcher.schema[fieldname].to_bytes
        self._b = weighting._field_B.get(fieldname, weighting.B)
        self._k1 = weighting.K1
        self._avgfl = searcher.avg_field_length(fieldname) or 1
        self._docs = searcher.doc_count_all()
        leaves = list(searcher.reader().leaf_readers())
        self.segments = tuple(Segment(start, leaf.doc_count_all()) for leaf, start in leaves)
        self._segment_of = np.repeat(
            np.arange(len(self.segments)), [segment.size for segment in self.segments]
        )
        self._lengths = [self._field_lengths(leaf) for leaf, _ in leaves]
        self._postings = {word: self._read(leaves, terms, word) for word in sorted(set(words))}

    def _field_lengths(self, leaf: Any) -> np.ndarray:
        """Each document's field length as the scorer's ``dfl`` reads it."""
        count = leaf.doc_count_all()
        return np.array([leaf.doc_field_length(n, self._field, 1) for n in range(count)])

    def _read(
        self, leaves: Sequence[tuple[Any, int]], terms: FieldTerms, word: str
    ) -> TermPostings:
        """``word``'s postings in every segment, and their scores."""
        btext = self._to_bytes(word)
        frequencies = tuple(found.get(word, 0) for found in terms.segment_frequency)
        # WeightingModel.idf over the whole index: a multi-segment reader sums the segments'
        # document frequencies.
        idf = log(self._docs / (sum(frequencies) + 1)) + 1
        docs, scores = [], []
        for (leaf, start), lengths, frequency in zip(
            leaves, self._lengths, frequencies, strict=True
        ):
            if frequency:
                local, weights = _postings(leaf.postings(self._field, btext))
                docs.append(local + start)
                scores.append(self._bm25(idf, weights, lengths[local]))
        return TermPostings(
            np.concatenate(docs) if docs else np.zeros(0, dtype=np.int64),
            np.concatenate(scores) if scores else np.zeros(0),
            frequencies,
        )

    def _bm25(self, idf: float, tf: np.ndarray, fl: np.ndarray) -> np.ndarray:
        """``whoosh.scoring.bm25``, the same operations in the same order."""
        b, k1, avgfl = self._b, self._k1, self._avgfl
        return idf * ((tf * (k1 + 1)) / (tf + k1 * ((1 - b) + b * fl / avgfl)))

    def ranked(
        self,
        terms: Sequence[tuple[str, float]],
        left_out: Collection[int],
        rank: np.ndarray,
        limit: int,
    ) -> list[int]:
        """What ``searcher.search(Or(terms), limit=limit + 1, mask=left_out)`` finds, and when
        its last two tie, ``search(..., sortedby=[score, rank])``: the ``limit`` best
        documents by (score, ``rank``), best first (see :func:`reproduced`)."""
        if not terms:
            return []
        postings = [self._postings[word] for word, _ in terms]
        parts = []
        for p, (_, boost) in zip(postings, terms, strict=True):
            part = np.zeros(self._docs)
            part[p.docs] = p.scores * boost  # WrappingMatcher: the term's score times its boost
            parts.append(part)
        left = np.fromiter(left_out, np.int64, len(left_out))
        scores = self._scores(postings, parts, sorted_by_score=False)
        scores[left] = 0.0  # every match scores above 0: a score of 0 is no match
        docs = np.flatnonzero(scores)
        found = scores[docs]
        if len(docs) > limit:
            nth, next_one = -np.partition(-found, [limit - 1, limit])[[limit - 1, limit]]
            if nth == next_one:  # a tie across the cut: the reference sorts every match
                found = self._scores(postings, parts, sorted_by_score=True)[docs]
        order = np.lexsort((rank[docs], -found))[:limit]
        return [int(doc) for doc in docs[order]]

    def _scores(
        self, postings: Sequence[TermPostings], parts: Sequence[np.ndarray], sorted_by_score: bool
    ) -> np.ndarray:
        """Each document's sum, added as Whoosh adds it in the document's segment."""
        plans: dict[Plan, list[int]] = {}
        for number, seg in enumerate(self.segments):
            frequencies = [p.segment_frequency[number] for p in postings]
            plans.setdefault(plan_for(frequencies, seg.size, sorted_by_score), []).append(number)
        if len(plans) == 1:
            return total(next(iter(plans)), parts)
        scores = np.zeros(self._docs)
        for plan, numbers in plans.items():
            where = np.isin(self._segment_of, numbers)
            scores[where] = total(plan, parts)[where]
        return scores


def _postings(matcher: Any) -> tuple[np.ndarray, np.ndarray]:
    """A term matcher's document numbers and weights (``matcher.weight()``: float32s).

    Whoosh's own leaf matcher is read a block at a time through its private ``_read_ids``,
    ``_read_weights`` and ``_next_block`` (what its ``id``, ``weight`` and ``next`` use);
    any other matcher one posting at a time."""
    ids: list[int] = []
    weights: list[float] = []
    if type(matcher) is whoosh.codec.whoosh3.W3LeafMatcher:
        while matcher.is_active():
            matcher._read_ids()
            matcher._read_weights()
            ids.extend(matcher._ids[matcher._i :])
            weights.extend(matcher._weights[matcher._i :])
            matcher._next_block()
    else:
        while matcher.is_active():
            ids.append(matcher.id())
            weights.append(matcher.weight())
            matcher.next()
    return np.array(ids, dtype=np.int64), np.array(weights, dtype=np.float64)
