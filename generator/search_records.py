"""What the search page shows and filters on, apart from the term index.

``search/doc/K/N.js``
    one result record per document (title, date, source, url and the first
    :data:`LEAD_TEXT_CHARS` of its plain text, for the snippet), so the results shown load
    just their own records. ``N`` is the ordinal and ``K`` is ``N // DOCS_PER_FOLDER``, so
    no folder holds more than that many files.
``search/doc/K/N-more.js``
    the text that follows, up to :data:`SNIPPET_TEXT_CHARS` in all, for a longer document
    (its record says ``"more": true``): loaded only for a result whose matched words are not
    in the lead, so that its snippet still shows them.
``search/facets.js``
    the filter facets (place, actor, source, ...) with their values, most used first, their
    counts in the whole archive, the broader values of each (a place's governorate and
    country, as value numbers), and the day the date column counts from. Loaded only to
    filter or count, with the columns.
``search/cols-NNNN.js``
    the filter columns of :data:`COLUMN_CHUNK` documents as one number string (see
    :func:`~generator.search_shards_pack.encode_numbers`): per document its day (0 when
    undated, else days since ``dayBase`` plus one), then per facet how many values the
    document itself names and their numbers, ascending, as differences (the first from 0);
    the page adds the broader values. Filtering or counting a query loads the chunks of its
    hits, browsing past the newest articles all of them.

The manifest carries :func:`archive_summary`: the newest articles, the articles per year and
each facet's most used values, so that opening the page and a first query load neither.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any
from urllib.parse import quote

from generator.facets import Facet, FacetIndex, all_values
from generator.models import Article, ResultPreview
from generator.search_shards_pack import encode_numbers

#: Result records per folder of ``search/doc/``.
DOCS_PER_FOLDER = 1000
#: Documents per filter column chunk.
COLUMN_CHUNK = 200
#: Ordinals of the newest articles in the manifest, for browsing without loading columns.
NEWEST_LISTED = 100
#: Values per facet, most used first, in the manifest (the page shows 15 per facet).
ARCHIVE_TOP_VALUES = 15
#: Characters of body text a record keeps: about the first 150 words, so that ten results
#: cost about 12 kB.
LEAD_TEXT_CHARS = 900
#: Characters of body text, lead and more, that snippets are taken from.
SNIPPET_TEXT_CHARS = 6000

#: Results the search page shows at first (``PAGE_SIZE`` in search.js): the newest of them are
#: written into search.html, so that opening it loads no record.
PAGE_SIZE = 10
#: Characters of a snippet (``SNIPPET_LENGTH`` in search-text.js).
SNIPPET_LENGTH = 280

EPOCH = date(1970, 1, 1)


def record_name(ordinal: int) -> str:
    """``doc/3/3141``: the registered name of a document's record."""
    return f"doc/{ordinal // DOCS_PER_FOLDER}/{ordinal}"


def more_name(ordinal: int) -> str:
    """``doc/3/3141-more``: the registered name of the text following a record's lead."""
    return record_name(ordinal) + "-more"


def has_more(body: str) -> bool:
    """Whether an article's record may need a ``-more`` file: its markdown is longer than a
    lead (its plain text is never longer than its markdown)."""
    return len(body) > LEAD_TEXT_CHARS


def snippet_text(text: str, limit: int = SNIPPET_TEXT_CHARS) -> str:
    """The first ``limit`` characters of ``text``, cut after a whole word."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit + 1)
    return text[: cut if cut > limit // 2 else limit]


def search_record(article: Article, text: str) -> dict[str, Any]:
    """What a result shows: title, date, source, link and the lead of its text, and whether
    more text follows in its ``-more`` file."""
    lead, more = snippet_parts(text, has_more(article.body))
    return {
        "ref": article.slug,
        "title": article.title,
        "date": article.date,
        "date_precision": article.date_precision,
        "source": article.source,
        "url": f"articles/{quote(article.slug, safe='')}.html",
        "text": lead,
        "more": bool(more),
    }


def snippet_parts(text: str, split: bool) -> tuple[str, str]:
    """The snippet text of ``text`` as a record's lead and what follows it (nothing follows
    unless ``split``)."""
    whole = snippet_text(text)
    lead = snippet_text(text, LEAD_TEXT_CHARS) if split else whole
    return lead, whole[len(lead) :]


def opening_snippet(text: str, length: int = SNIPPET_LENGTH) -> str:
    """What search-text.js's snippet shows of ``text`` when no word is matched: its start, cut
    before the last word that does not fit, with " …" when text is left out."""
    end = min(len(text), length)
    if end < len(text):
        last_space = re.search(r"\s\S*$", text[:end])
        if last_space and last_space.start() > 0:
            end = last_space.start()
    return re.sub(r"\s", " ", text[:end]) + (" …" if end < len(text) else "")


def result_preview(article: Article, text: str) -> ResultPreview:
    """The preview of an article whose plain text is ``text``."""
    record = search_record(article, text)
    return ResultPreview(
        url=record["url"],
        title=record["title"],
        date=record["date"],
        source=record["source"],
        snippet=opening_snippet(record["text"]),
    )


def search_more(text: str) -> str:
    """The snippet text that follows a record's lead (see :func:`search_record`)."""
    return snippet_parts(text, split=True)[1]


def start_day(iso: str | None) -> int | None:
    """Days since 1970-01-01 of the first day a ``YYYY[-MM[-DD]]`` date can mean."""
    if not iso:
        return None
    parts = [int(part) for part in iso.split("-")] + [1, 1]
    try:
        return (date(parts[0], parts[1], parts[2]) - EPOCH).days
    except ValueError:
        return None


def facet_table(articles: Sequence[Article], filters: Sequence[FacetIndex]) -> dict[str, Any]:
    """``search/facets.js``: each filter facet's values in number order with their counts in
    the whole archive, whether no article has more than one of them (``single``), and the
    day the date column counts from."""
    known = [day for day in (start_day(article.date) for article in articles) if day is not None]
    return {
        "dayBase": min(known) if known else 0,
        "facets": [facet_entry(articles, f) for f in filters],
    }


def archive_summary(articles: Sequence[Article], filters: Sequence[FacetIndex]) -> dict[str, Any]:
    """What the page shows before any filter: the newest :data:`NEWEST_LISTED` ordinals, the
    articles per year, and each facet's :data:`ARCHIVE_TOP_VALUES` most used values with
    their counts (``[[value, count], ...]``)."""
    days = [start_day(article.date) for article in articles]
    known = [day for day in days if day is not None]
    return {
        "newest": newest_ordinals(days)[:NEWEST_LISTED],
        "years": sorted(Counter(year_of(day) for day in known).items(), reverse=True),
        "facets": [
            {
                "name": index.facet.name,
                "title": index.facet.title,
                "single": single_valued(index.facet, articles),
                "top": [[v.key, v.count] for v in index.values[:ARCHIVE_TOP_VALUES]],
            }
            for index in filters
        ],
    }


def year_of(day: int) -> str:
    """The year of a day counted from 1970-01-01."""
    return str((EPOCH + timedelta(days=day)).year)


def newest_ordinals(days: Sequence[int | None]) -> list[int]:
    """Ordinals newest first, undated last, ties in ordinal order (the page's "newest")."""
    return sorted(range(len(days)), key=lambda o: (days[o] is None, -(days[o] or 0), o))


def single_valued(facet: Facet, articles: Sequence[Article]) -> bool:
    """Whether no article has more than one value of ``facet`` (a source, a year)."""
    return all(len(all_values(facet, article)) <= 1 for article in articles)


def facet_entry(articles: Sequence[Article], index: FacetIndex) -> dict[str, Any]:
    """One facet of ``search/facets.js``."""
    facet = index.facet
    number = {value.key: n for n, value in enumerate(index.values)}
    entry: dict[str, Any] = {
        "name": facet.name,
        "title": facet.title,
        "values": list(number),
        "counts": [value.count for value in index.values],
        "single": single_valued(facet, articles),
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
    table = facet_table(articles, filters)
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
