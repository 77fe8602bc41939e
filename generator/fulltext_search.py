"""Search the archive's Whoosh index: query syntax, filters, facet counts, in bounded time.

A query has words (stemmed: ``convoys`` finds ``convoy``), ``"quoted phrases"``, ``AND``,
``OR``, ``NOT`` and parentheses, ``field:word`` for one field, wildcards (``convoy*``,
``*voy``, ``conv?y``), fuzzy words (``damascas~``, ``damascas~2``) and ranges
(``title:[a TO c]``). Every part is bounded: the query's length, the edit distance of a fuzzy
word, and how many indexed words all its wildcards, fuzzy words and ranges may stand for
together (each looks through the vocabulary once, then searches only those words).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from urllib.parse import quote

from generator.errors import InputError
from generator.fulltext import (
    FACETS,
    SEPARATOR,
    TEXT_FIELDS,
    label_field,
    open_searcher,
    qparser,
    query,
    sorting,
)
from generator.fulltext_results import (
    DEFAULT_LIMIT,
    FacetCount,
    SearchFilters,
    SearchHit,
    SearchResults,
    check_request,
)
from generator.search_records import start_day

MAX_EXPANSION = 1000  # indexed words the wildcards, fuzzy words and ranges of a query stand for
MAX_FUZZY_DISTANCE = 2
QUERY_FIELDS = (*TEXT_FIELDS, *(name for name, _ in FACETS))


def search(
    index_dir: Path,
    text: str,
    filters: SearchFilters | None = None,
    limit: int = DEFAULT_LIMIT,
    offset: int = 0,
) -> SearchResults:
    """The articles matching ``text`` and ``filters``, best first (ties: newest, then by slug),
    ``limit`` of them from ``offset``, and facet counts over all of them. An empty query
    matches every article (newest first)."""
    check_request(text, limit, offset)
    with open_searcher(index_dir) as searcher:
        results = searcher.search(
            parse_query(text, searcher),
            filter=filter_query(filters or SearchFilters(), searcher.schema),
            limit=max(1, offset + limit),
            sortedby=[
                sorting.ScoreFacet(),
                sorting.FieldFacet("day", reverse=True),
                sorting.FieldFacet("slug"),
            ],
        )
        hits = tuple(_hit(hit) for hit in results[offset : offset + limit])
        facets = facet_counts(searcher.reader(), results.docs())
        return SearchResults(text, len(results), hits, facets)


def facet_counts(
    reader: object, docnums: Iterable[int]
) -> tuple[tuple[str, tuple[FacetCount, ...]], ...]:
    """How many of the articles ``docnums`` have each value of each facet, from the columns
    of the values as written (one read an article, whatever the archive's size)."""
    found = []
    for name, _ in FACETS:
        column = reader.column_reader(label_field(name))  # type: ignore[attr-defined]
        counts: Counter[str] = Counter()
        for docnum in docnums:
            counts.update(set(column[docnum].decode("utf-8").split(SEPARATOR)))
        found.append((name, _counts(counts)))
    return tuple(found)


def parse_query(text: str, searcher: object) -> query.Query:
    """The Whoosh query for ``text``, checked: a mistake is an :class:`InputError` that says
    what is wrong, and no part of it may expand to too many words."""
    if not text.strip():
        return query.Every()
    schema = searcher.schema  # type: ignore[attr-defined]
    parser = qparser.MultifieldParser(list(TEXT_FIELDS), schema)
    parser.add_plugin(qparser.FuzzyTermPlugin())
    parser.remove_plugin_class(qparser.FieldsPlugin)
    parser.add_plugin(qparser.FieldsPlugin(remove_unknown=False))  # foo:bar is an error
    try:
        parsed = parser.parse(text)
    except Exception as exc:  # Whoosh's parser trips on some inputs ("NOT NOT x": IndexError)
        raise InputError(f"bad query {text!r}: it cannot be read ({type(exc).__name__})") from None
    budget = MAX_EXPANSION
    for node in _nodes(parsed):
        error = getattr(node, "error", None)
        if error:
            raise InputError(f"bad query {text!r}: {error}")
        name = node.field()
        if name is not None and name not in QUERY_FIELDS:
            known = ", ".join(QUERY_FIELDS)
            raise InputError(f"bad query {text!r}: no field {name!r} (fields: {known})")
        if isinstance(node, query.FuzzyTerm) and node.maxdist > MAX_FUZZY_DISTANCE:
            raise InputError(
                f"bad query {text!r}: a fuzzy word may differ by at most {MAX_FUZZY_DISTANCE} "
                f"letters, not {node.maxdist}"
            )
        if isinstance(node, query.MultiTerm):
            budget -= _expansion(node, searcher, budget, text)
    if parsed is query.NullQuery or isinstance(parsed, type(query.NullQuery)):
        raise InputError(
            f"nothing to search for in {text!r}: it has no words the index keeps "
            "(very short and very common words such as 'the' are left out)"
        )
    return parsed


def _expansion(node: query.MultiTerm, searcher: object, budget: int, text: str) -> int:
    """How many indexed words ``node`` stands for; an error past ``budget``."""
    reader = searcher.reader()  # type: ignore[attr-defined]
    found = sum(1 for _ in islice(node.expanded_terms(reader), budget + 1))
    if found > budget:
        raise InputError(
            f"bad query {text!r}: {node} stands for more than {MAX_EXPANSION:,} words "
            "(with the rest of the query); make it more specific"
        )
    return found


def _nodes(parsed: query.Query) -> Iterator[query.Query]:
    yield parsed
    for child in parsed.children():
        yield from _nodes(child)


def filter_query(filters: SearchFilters, schema: object) -> query.Query | None:
    """What a hit must have: all the values of a place or actor filter, any of a source or
    year filter, a day from ``date_from`` to ``date_to``."""
    parts: list[query.Query] = []
    for name, any_of in FACETS:
        values = filters.values(name)
        if not values:
            continue
        field = schema[name]  # type: ignore[index]
        terms = [query.Term(name, token) for value in values for token in _tokens(field, value)]
        if any_of:
            parts.append(query.Or(terms) if terms else query.NullQuery)
        else:
            parts.append(query.And(terms) if len(terms) == len(values) else query.NullQuery)
    if filters.date_from or filters.date_to:
        parts.append(
            query.NumericRange("day", start_day(filters.date_from), start_day(filters.date_to))
        )
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else query.And(parts)


def _tokens(field: object, value: str) -> list[str]:
    """``value`` as the facet field indexes it (lower case), or nothing for a blank one."""
    return list(field.process_text(value, mode="query"))  # type: ignore[attr-defined]


def _hit(hit: object) -> SearchHit:
    stored = hit.fields()  # type: ignore[attr-defined]
    slug = stored["slug"]
    return SearchHit(
        slug=slug,
        title=stored.get("title", ""),
        date=stored.get("date") or None,
        source=stored.get("source") or None,
        # Sorted results carry their sort key, whose first part is ScoreFacet's: 0 - score.
        score=-float(hit.score[0]),  # type: ignore[attr-defined]
        path=f"articles/{quote(slug, safe='')}.html",
    )


def _counts(groups: Counter[str]) -> tuple[FacetCount, ...]:
    """Facet values with their counts, most frequent first, then alphabetically."""
    counts = [FacetCount(value, count) for value, count in groups.items() if value]
    return tuple(sorted(counts, key=lambda c: (-c.count, c.value.casefold(), c.value)))
