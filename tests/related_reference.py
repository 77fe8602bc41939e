"""The reference for related coverage: Whoosh's more-like-this driven through its searcher, one
article at a time, as the build did before :mod:`generator.fulltext_related` reproduced it in
memory. Tests compare the two."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from generator.fulltext import classify, open_searcher, query, sorting
from generator.fulltext_related import FIELD, KEY_TERMS, RELATED, similarity_text
from generator.models import Article


class CollectionStats:
    """What Whoosh's ``Expander`` reads of an index reader, held in memory."""

    def __init__(self, reader: object, fieldname: str) -> None:
        self.schema = reader.schema  # type: ignore[attr-defined]
        self._docs = reader.doc_count_all()  # type: ignore[attr-defined]
        self._length = reader.field_length(fieldname)  # type: ignore[attr-defined]
        terms = reader.iter_field(fieldname)  # type: ignore[attr-defined]
        self._frequency = {btext: info.weight() for btext, info in terms}

    def doc_count_all(self) -> int:
        return self._docs

    def field_length(self, fieldname: str) -> int:
        return self._length

    def __contains__(self, term: tuple[str, bytes]) -> bool:
        return term[1] in self._frequency

    def frequency(self, fieldname: str, btext: bytes) -> float:
        return self._frequency[btext]


def key_terms(stats: CollectionStats, text: str) -> list[tuple[str, float]]:
    """Whoosh's own Expander: analyse the text, Bo1 over the field's statistics."""
    expander = classify.Expander(stats, FIELD)
    expander.add_text(text)
    return expander.expanded_terms(KEY_TERMS, normalize=False)


def searched(searcher: object, terms: list[tuple[str, float]], mask: set[int]) -> tuple[str, ...]:
    """The top :data:`RELATED` of Whoosh's search for the terms, ties by slug."""
    if not terms:
        return ()
    wanted = query.Or([query.Term(FIELD, word, boost=weight) for word, weight in terms])
    found = searcher.search(wanted, limit=RELATED + 1, mask=mask)  # type: ignore[attr-defined]
    scored = [(found.score(n), found[n]["slug"]) for n in range(found.scored_length())]
    if len(scored) > RELATED and scored[RELATED - 1][0] == scored[RELATED][0]:
        order = [sorting.ScoreFacet(), sorting.FieldFacet("slug")]
        found = searcher.search(wanted, limit=RELATED, mask=mask, sortedby=order)  # type: ignore[attr-defined]
        return tuple(hit["slug"] for hit in found)
    return tuple(s for _, s in sorted(scored[:RELATED], key=lambda item: (-item[0], item[1])))


def reference_related(
    index_dir: Path, articles: Sequence[Article], left_out: Mapping[str, Sequence[str]]
) -> dict[str, tuple[str, ...]]:
    """Slug -> related slugs, by Whoosh's Expander and searcher for every article."""
    searcher = open_searcher(index_dir)
    try:
        reader = searcher.reader()
        stats = CollectionStats(reader, FIELD)
        column = reader.column_reader("slug")
        docnum = {column[n]: n for n in reader.all_doc_ids()}
        found = {}
        for article in articles:
            mask = {docnum[s] for s in (article.slug, *left_out.get(article.slug, ()))}
            terms = key_terms(stats, similarity_text(article))
            slugs = searched(searcher, terms, mask)
            if slugs:
                found[article.slug] = slugs
        return found
    finally:
        searcher.close()
