"""What the search page shows and filters on, apart from the term index.

``search/doc/K/N.js``
    one result record per document (title, date, source, url and the plain text for the
    snippet), so the results shown load just their own records. ``N`` is the ordinal and
    ``K`` is ``N // DOCS_PER_FOLDER``, so no folder holds more than that many files.
``search/facets.js``
    the filter facets (place, actor, source, ...) with their values, most used first, the
    broader values of each (a place's governorate and country, as value numbers), and the day
    the date column counts from.
``search/cols-NNNN.js``
    the filter columns of :data:`COLUMN_CHUNK` documents as one number string (see
    :func:`~generator.search_shards_pack.encode_numbers`): per document its day (0 when
    undated, else days since ``dayBase`` plus one), then per facet how many values the
    document itself names and their numbers, ascending, as differences (the first from 0);
    the page adds the broader values. A query loads the chunks of its hits, an empty query
    (browsing) all.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any
from urllib.parse import quote

from generator.facets import Facet, FacetIndex, all_values
from generator.models import Article
from generator.search_shards_pack import encode_numbers

#: Result records per folder of ``search/doc/``.
DOCS_PER_FOLDER = 1000
#: Documents per filter column chunk.
COLUMN_CHUNK = 200
#: Ordinals of the newest articles listed in ``facets.js``, for browsing without loading columns.
NEWEST_LISTED = 100
#: Characters of body text a record keeps for its snippet.
SNIPPET_TEXT_CHARS = 6000

EPOCH = date(1970, 1, 1)


def record_name(ordinal: int) -> str:
    """``doc/3/3141``: the registered name of a document's record."""
    return f"doc/{ordinal // DOCS_PER_FOLDER}/{ordinal}"


def snippet_text(text: str, limit: int = SNIPPET_TEXT_CHARS) -> str:
    """The first ``limit`` characters of ``text``, cut after a whole word."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit + 1)
    return text[: cut if cut > limit // 2 else limit]


def search_record(article: Article, text: str) -> dict[str, Any]:
    """What a result shows: title, date, source, link and snippet text."""
    return {
        "ref": article.slug,
        "title": article.title,
        "date": article.date,
        "date_precision": article.date_precision,
        "source": article.source,
        "url": f"articles/{quote(article.slug, safe='')}.html",
        "text": snippet_text(text),
    }


def start_day(iso: str | None) -> int | None:
    """Days since 1970-01-01 of the first day a ``YYYY[-MM[-DD]]`` date can mean."""
    if not iso:
        return None
    parts = [int(part) for part in iso.split("-")] + [1, 1]
    try:
        return (date(parts[0], parts[1], parts[2]) - EPOCH).days
    except ValueError:
        return None


def facet_table(
    articles: Sequence[Article], filters: Sequence[FacetIndex], days: Sequence[int | None]
) -> dict[str, Any]:
    """``search/facets.js``: each filter facet's values in number order with their counts in
    the whole archive, whether no article has more than one of them (``single``), the articles
    per year, the newest :data:`NEWEST_LISTED` ordinals, and the day the date column counts
    from. The page shows the archive with its counts from this file alone."""
    known = [day for day in days if day is not None]
    return {
        "dayBase": min(known) if known else 0,
        "facets": [facet_entry(articles, f) for f in filters],
        "years": sorted(Counter(year_of(day) for day in known).items(), reverse=True),
        "newest": newest_ordinals(days)[:NEWEST_LISTED],
    }


def year_of(day: int) -> str:
    """The year of a day counted from 1970-01-01."""
    return str((EPOCH + timedelta(days=day)).year)


def newest_ordinals(days: Sequence[int | None]) -> list[int]:
    """Ordinals newest first, undated last, ties in ordinal order (the page's "newest")."""
    return sorted(range(len(days)), key=lambda o: (days[o] is None, -(days[o] or 0), o))


def facet_entry(articles: Sequence[Article], index: FacetIndex) -> dict[str, Any]:
    """One facet of ``search/facets.js``."""
    facet = index.facet
    number = {value.key: n for n, value in enumerate(index.values)}
    entry: dict[str, Any] = {
        "name": facet.name,
        "title": facet.title,
        "values": list(number),
        "counts": [value.count for value in index.values],
        "single": all(len(all_values(facet, article)) <= 1 for article in articles),
    }
    broader = [[number[b] for b in facet.broader(key)] for key in number]
    if any(broader):
        entry["broader"] = broader
    return entry


ValueNumbers = tuple[Facet, Mapping[str, int]]  # a facet and the number of each of its values


def value_numbers(index: FacetIndex) -> ValueNumbers:
    """A facet's values numbered in display order (most used first: small numbers)."""
    return index.facet, {value.key: number for number, value in enumerate(index.values)}


def column_numbers(
    article: Article, day: int | None, base: int, facets: Sequence[ValueNumbers]
) -> list[int]:
    """One document's filter columns: day code, then per facet a count and value numbers."""
    values = [0 if day is None else day - base + 1]
    for facet, numbers in facets:
        mine = sorted({numbers[key] for key in facet.values(article)})
        values += [len(mine), *(b - a for a, b in zip([0, *mine], mine, strict=False))]
    return values


def filter_files(
    articles: Sequence[Article], filters: Sequence[FacetIndex]
) -> list[tuple[str, Any]]:
    """``facets`` and the ``cols-NNNN`` chunks for ``articles`` in ordinal order."""
    days = [start_day(article.date) for article in articles]
    table = facet_table(articles, filters, days)
    facets = [value_numbers(index) for index in filters]
    rows = [
        encode_numbers(column_numbers(article, day, table["dayBase"], facets))
        for article, day in zip(articles, days, strict=True)
    ]
    chunks = [
        (f"cols-{i:04d}", "".join(rows[start : start + COLUMN_CHUNK]))
        for i, start in enumerate(range(0, len(rows), COLUMN_CHUNK))
    ]
    return [("facets", table), *chunks]
