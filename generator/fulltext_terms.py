"""The key terms of a text as Whoosh's more-like-this picks them, without its per-word costs.

Whoosh's ``Expander.add_text`` runs the text through the field's analyzer token by token in
generators, and ``expanded_terms`` looks every word up in the index and scores it with
``Bo1Model.score``. Both are reproduced here, to the bit:

- :func:`term_counter` counts the words the body field's analyzer makes of a text. For the
  analyzer the schema gives it (Whoosh's ``StemmingAnalyzer``: ``RegexTokenizer`` without gaps,
  ``LowercaseFilter``, ``StopFilter``, ``StemFilter``) it runs the same steps with the same
  objects' regular expression, stop words, sizes, ignored words and stemming function, once per
  distinct token (the three filters look at the token alone), and counts with ``Counter``; any
  other analyzer or format falls back to ``field.index`` itself. A word's weight is what
  ``Positions.word_values`` gives: one per occurrence (summed as floats, exact), times the
  format's field boost.
- :class:`KeyTerms` scores each word of the field like ``Bo1Model.score`` (the two logarithms,
  which depend on the word only, are worked out once per word), normalizes by the largest
  score and sorts by (-weight, word) as ``Expander.expanded_terms(normalize=False)`` does. The
  statistics are the reader's: its document count, and each word's frequency summed over the
  segments' term lists (whole numbers in floats, so exactly what a multi-segment reader sums).
"""

from __future__ import annotations

import heapq
import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from math import log
from typing import Any

from generator.fulltext import analysis, whoosh

Counts = dict[str, float]  # word -> weight in one text
KeyTerm = tuple[str, float]  # word, boost (1.0 for the best)


def term_counter(field: Any) -> Callable[[str], Counts]:
    """The weights of the words ``field.index`` makes of a text, as Whoosh's ``Expander``
    adds them."""
    fast = _stemming_counter(field)
    return fast if fast is not None else (lambda text: _indexed_counts(field, text))


def _indexed_counts(field: Any, text: str) -> Counts:
    """Exactly what ``Expander.add_text`` adds (the reference and the fallback)."""
    counts: Counts = {}
    for btext, _, weight, _ in field.index(text):
        word = field.from_bytes(btext)
        counts[word] = counts.get(word, 0.0) + weight
    return counts


def _stemming_counter(field: Any) -> Callable[[str], Counts] | None:
    """What the field's ``StemmingAnalyzer`` chain does, token for token, or None when the
    field is analysed otherwise."""
    items = getattr(field.analyzer, "items", ())
    kinds = (
        analysis.RegexTokenizer,
        analysis.LowercaseFilter,
        analysis.StopFilter,
        analysis.StemFilter,
    )
    if (
        type(field.analyzer) is not analysis.CompositeAnalyzer
        or type(field.format) is not whoosh.formats.Positions
        or tuple(type(item) for item in items) != kinds
        or items[0].gaps
    ):
        return None
    tokens = items[0].expression
    words = _Words(items[2], items[3])
    boost = field.format.field_boost

    def counts(text: str) -> Counts:
        found = Counter(map(words.__getitem__, map(re.Match.group, tokens.finditer(text))))
        found.pop(None, None)
        # Whoosh sums a 1.0 per occurrence: the float of the count, exactly.
        return {word: float(count) * boost for word, count in found.items()}

    return counts


class _Words(dict[str, str | None]):
    """A token as the tokenizer found it -> the word ``LowercaseFilter``, ``StopFilter`` and
    ``StemFilter`` make of it, or None when it is stopped; each worked out once (all three
    depend on the token alone)."""

    def __init__(self, stops: Any, stemmer: Any) -> None:
        super().__init__()
        self._stopped, self._shortest, self._longest = stops.stops, stops.min, stops.max
        self._ignore, self._stem = stemmer.ignore, stemmer.stemfn

    def __missing__(self, token: str) -> str | None:
        word = token.lower()
        size = len(word)
        too_long = self._longest is not None and size > self._longest
        found = None if size < self._shortest or too_long or word in self._stopped else word
        if found is not None and found not in self._ignore:
            found = self._stem(found)
        self[token] = found
        return found


@dataclass(frozen=True)
class FieldTerms:
    """What the index holds of one field's words: each word's frequency (total weight, what
    ``reader.frequency`` gives) and its document frequency in each segment."""

    docs: int  # doc_count_all
    frequency: Mapping[str, float]
    segment_frequency: tuple[Mapping[str, int], ...]


def field_terms(reader: Any, fieldname: str) -> FieldTerms:
    """Read every segment's term list once. The frequencies of the segments are summed, as a
    multi-segment reader sums them: whole numbers in floats, so exactly."""
    field = reader.schema[fieldname]
    frequency: dict[str, float] = {}
    segments = []
    for leaf, _ in reader.leaf_readers():
        documents = {}
        for btext, info in leaf.iter_field(fieldname):
            word = field.from_bytes(btext)
            frequency[word] = frequency.get(word, 0.0) + info.weight()
            documents[word] = info.doc_frequency()
        segments.append(documents)
    return FieldTerms(reader.doc_count_all(), frequency, tuple(segments))


class KeyTerms:
    """Whoosh's Bo1 key terms of texts, against one field's statistics."""

    def __init__(self, terms: FieldTerms) -> None:
        docs = terms.docs  # Bo1Model(doc_count_all, field_length), as Expander makes it

        def logs(frequency: float) -> tuple[float, float]:
            # Bo1Model.score's two logarithms, which depend on the word only.
            f = frequency / docs
            return (log((1.0 + f) / f, 2), log(1.0 + f, 2))

        self._logs = {word: logs(frequency) for word, frequency in terms.frequency.items()}

    def of(self, counts: Mapping[str, float], number: int) -> list[KeyTerm]:
        """The ``number`` best words of ``counts`` with their weights, best first:
        ``Expander.expanded_terms(number, normalize=False)``. Words not in the field are
        skipped, as there."""
        logs = self._logs
        scored = [
            (weight * found[0] + found[1], word)  # Bo1Model.score: w * log2((1+f)/f) + log2(1+f)
            for word, weight in counts.items()
            if (found := logs.get(word)) is not None
        ]
        if not scored:
            return []
        highest = max(0.0, max(score for score, _ in scored))
        # nsmallest is sorted(...)[:number], documented so; the key is Whoosh's.
        best = heapq.nsmallest(
            number, ((score / highest, word) for score, word in scored), key=_order
        )
        return [(word, weight) for weight, word in best]


def _order(item: tuple[float, str]) -> tuple[float, str]:
    return (0 - item[0], item[1])
