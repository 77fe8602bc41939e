"""lunr.py's Builder made to tokenize and score as lunr.js 2.3.9's ``lunr.Builder`` does.

The slow reference: :mod:`generator.lunr_index` builds the same serialized index much faster,
and the tests compare the two.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from lunr.builder import Builder
from lunr.field_ref import FieldRef
from lunr.idf import idf
from lunr.index import Index
from lunr.vector import Vector

from generator.lunr_compat import js_round, stemmer, stop_word_filter, tokenize, trimmer, utf16_key


class CompatBuilder(Builder):
    """A lunr.py Builder that tokenizes and scores as lunr.js 2.3.9's ``lunr.Builder`` does."""

    def add(self, doc: Mapping[str, Any], attributes: Mapping[str, Any] | None = None) -> None:
        """Port of ``lunr.Builder.prototype.add``."""
        doc_ref = str(doc[self._ref])
        self._documents[doc_ref] = dict(attributes or {})
        self.document_count += 1
        for field_name, field in self._fields.items():
            value = doc[field_name] if field.extractor is None else field.extractor(doc)
            terms = self.pipeline.run(tokenize(value, {"fields": [field_name]}), field_name)
            field_ref = str(FieldRef(doc_ref, field_name))
            frequencies: dict[str, int] = defaultdict(int)
            self.field_term_frequencies[field_ref] = frequencies
            self.field_lengths[field_ref] = len(terms)
            for term in terms:
                self._add_term(str(term), term.metadata, field_name, doc_ref, frequencies)

    def _add_term(
        self,
        term: str,
        metadata: Mapping[str, Any],
        field_name: str,
        doc_ref: str,
        frequencies: dict[str, int],
    ) -> None:
        """Count one occurrence of ``term`` and record it in the inverted index."""
        frequencies[term] += 1
        if term not in self.inverted_index:
            posting: dict[str, Any] = {name: {} for name in self._fields}
            posting["_index"] = self.term_index
            self.term_index += 1
            self.inverted_index[term] = posting
        entry = self.inverted_index[term][field_name].setdefault(doc_ref, defaultdict(list))
        for key in self.metadata_whitelist:
            entry[key].append(metadata.get(key))

    def _calculate_average_field_lengths(self) -> None:
        """Mean term count per field; NaN, as in lunr.js, when there are no documents."""
        totals: dict[str, int] = defaultdict(int)
        counts: dict[str, int] = defaultdict(int)
        for field_ref, length in self.field_lengths.items():
            name = FieldRef.from_string(field_ref).field_name
            totals[name] += length
            counts[name] += 1
        self.average_field_length = {
            name: totals[name] / counts[name] if counts[name] else math.nan for name in self._fields
        }

    def _create_field_vectors(self) -> None:
        """Port of ``createFieldVectors``: BM25 weights rounded like ``Math.round``."""
        idf_cache: dict[str, float] = {}
        self.field_vectors = {}
        for field_ref, frequencies in self.field_term_frequencies.items():
            self.field_vectors[field_ref] = vector = Vector()
            if not frequencies:  # an empty field: lunr.js never divides by its zero average
                continue
            ref = FieldRef.from_string(field_ref)
            field_name = ref.field_name
            length_ratio = self.field_lengths[field_ref] / self.average_field_length[field_name]
            field_boost = self._fields[field_name].boost or 1
            doc_boost = self._documents[ref.doc_ref].get("boost") or 1
            for term, tf in frequencies.items():
                posting = self.inverted_index[term]
                if term not in idf_cache:
                    idf_cache[term] = idf(posting, self.document_count)
                score = (
                    idf_cache[term]
                    * ((self._k1 + 1) * tf)
                    / (self._k1 * (1 - self._b + self._b * length_ratio) + tf)
                )
                score *= field_boost
                score *= doc_boost
                vector.insert(posting["_index"], js_round(score * 1000) / 1000)


FieldSpec = str | Mapping[str, Any]


def new_builder() -> CompatBuilder:
    """A builder set up as lunr.js's ``lunr()``: trimmer, stopWordFilter, stemmer; stemmer."""
    builder = CompatBuilder()
    builder.pipeline.add(trimmer, stop_word_filter, stemmer)
    builder.search_pipeline.add(stemmer)
    return builder


def build_index(
    ref: str, fields: Sequence[FieldSpec], documents: Iterable[Mapping[str, Any]]
) -> Index:
    """Build a lunr.py Index like ``lunr(function () {...})`` in lunr.js.

    ``fields`` holds names or ``{"field_name": ..., "boost": ..., "extractor": ...}`` mappings.
    """
    builder = new_builder()
    builder.ref(ref)
    for field in fields:
        if isinstance(field, str):
            builder.field(field)
        else:
            builder.field(**field)
    for document in documents:
        builder.add(document)
    return builder.build()


def serialize_index(index: Index) -> dict[str, Any]:
    """``index.serialize()`` with terms in the order lunr.js's ``Index.load`` requires."""
    data = index.serialize()
    data["invertedIndex"] = sorted(data["invertedIndex"], key=lambda pair: utf16_key(pair[0]))
    return data
