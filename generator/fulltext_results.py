"""What a full-text search asks and answers, as frozen values, JSON and terminal text.

Shared by ``dossier search`` and ``dossier serve``'s ``/api/search``; the search itself is in
:mod:`generator.fulltext_search`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

from generator.errors import InputError

MAX_QUERY_CHARS = 1000
MAX_FILTER_VALUES = 100  # facet values one search may require, all facets together
MAX_LIMIT = 1000  # hits one search returns at most
API_MAX_LIMIT = 100  # ... over HTTP (a larger limit is capped)
DEFAULT_LIMIT = 10
FACET_TITLES = (("place", "Places"), ("actor", "Actors"), ("source", "Sources"), ("year", "Years"))
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class SearchFilters:
    """Facet values a hit must have and a date range (inclusive ``YYYY-MM-DD`` days)."""

    place: tuple[str, ...] = ()
    actor: tuple[str, ...] = ()
    source: tuple[str, ...] = ()
    year: tuple[str, ...] = ()
    date_from: str | None = None
    date_to: str | None = None

    def __post_init__(self) -> None:
        for name in ("date_from", "date_to"):
            check_day(getattr(self, name), name.removeprefix("date_"))
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise InputError(f"the from date {self.date_from} is after the to date {self.date_to}")
        check_filter_values(self.place + self.actor + self.source + self.year)

    def values(self, facet: str) -> tuple[str, ...]:
        return getattr(self, facet)


def check_filter_values(values: tuple[str, ...]) -> None:
    """Refuse more facet values, or longer ones, than any reader asks for: each is a term of
    the search, and thousands of them nest too deep for Whoosh."""
    if len(values) > MAX_FILTER_VALUES:
        raise InputError(f"{len(values):,} filter values; the most is {MAX_FILTER_VALUES}")
    if any(len(value) > MAX_QUERY_CHARS for value in values):
        raise InputError(f"a filter value is longer than {MAX_QUERY_CHARS:,} characters")


def check_day(value: str | None, name: str) -> None:
    """Refuse anything but a real ``YYYY-MM-DD`` day."""
    if value is None:
        return
    try:
        if not _DAY.fullmatch(value):
            raise ValueError
        date.fromisoformat(value)
    except ValueError:
        message = f"the {name} date must be a day written YYYY-MM-DD, not {value!r}"
        raise InputError(message) from None


@dataclass(frozen=True)
class SearchHit:
    """One article found, with its page's path relative to the site's root."""

    slug: str
    title: str
    date: str | None
    source: str | None
    score: float
    path: str


@dataclass(frozen=True)
class FacetCount:
    value: str
    count: int


@dataclass(frozen=True)
class SearchResults:
    """How many articles match, the requested page of them, best first, and the facet values
    of all of them with counts, most frequent first."""

    query: str
    total: int
    hits: tuple[SearchHit, ...]
    facets: tuple[tuple[str, tuple[FacetCount, ...]], ...] = field(default=())

    def facet(self, name: str) -> tuple[FacetCount, ...]:
        return dict(self.facets).get(name, ())


def results_json(results: SearchResults) -> dict[str, Any]:
    """The JSON object ``dossier search --json`` prints and ``/api/search`` answers."""
    return {
        "query": results.query,
        "total": results.total,
        "hits": [
            {f.name: round(v, 4) if f.name == "score" else v for f, v in _items(hit)}
            for hit in results.hits
        ],
        "facets": {
            name: [{"value": c.value, "count": c.count} for c in counts]
            for name, counts in results.facets
        },
    }


def _items(hit: SearchHit) -> list[tuple[Any, Any]]:
    return [(f, getattr(hit, f.name)) for f in fields(hit)]


def results_text(results: SearchResults, top: int = 8, offset: int = 0) -> str:
    """The terminal's view: a line per hit (date · source · title · page), then the most
    frequent values of each facet among all hits."""
    if not results.total:
        return f"No articles match {results.query!r}."
    shown = f"{offset + 1}–{offset + len(results.hits)}" if results.hits else "none"
    noun = "article matches" if results.total == 1 else "articles match"
    lines = [f"{results.total} {noun} {results.query!r} (showing {shown})", ""]
    for hit in results.hits:
        parts = (hit.date or "undated", hit.source or "unknown source", hit.title, hit.path)
        lines.append(" · ".join(parts))
    lines.append("")
    for name, title in FACET_TITLES:
        counts = results.facet(name)
        if counts:
            more = f" (+{len(counts) - top} more)" if len(counts) > top else ""
            values = " · ".join(f"{c.value} {c.count}" for c in counts[:top])
            lines.append(f"{title}: {values}{more}")
    return "\n".join(lines)


@dataclass(frozen=True)
class SearchRequest:
    """A search asked over HTTP: ``/api/search?q=...&place=...&from=...&limit=...``."""

    text: str
    filters: SearchFilters
    limit: int = DEFAULT_LIMIT
    offset: int = 0


_REPEATABLE = ("place", "actor", "source", "year")
_SINGLE = ("q", "from", "to", "limit", "offset")


def request_from_params(params: Mapping[str, Sequence[str]]) -> SearchRequest:
    """Read a query string's parameters (``parse_qs`` output); refuse unknown or repeated
    ones and bad numbers; a limit above :data:`API_MAX_LIMIT` is capped."""
    unknown = sorted(set(params) - {*_REPEATABLE, *_SINGLE})
    if unknown:
        known = ", ".join((*_SINGLE, *_REPEATABLE))
        raise InputError(f"unknown parameter {unknown[0]!r} (known: {known})")
    single: dict[str, str] = {}
    for name in _SINGLE:
        values = params.get(name, ())
        if len(values) > 1:
            raise InputError(f"parameter {name!r} given {len(values)} times")
        if values:
            single[name] = values[0]
    limit = min(_count(single.get("limit"), "limit", DEFAULT_LIMIT), API_MAX_LIMIT)
    filters = SearchFilters(
        **{name: tuple(v for v in params.get(name, ()) if v.strip()) for name in _REPEATABLE},
        date_from=single.get("from") or None,
        date_to=single.get("to") or None,
    )
    return SearchRequest(
        single.get("q", ""), filters, limit, _count(single.get("offset"), "offset", 0)
    )


def _count(value: str | None, name: str, default: int) -> int:
    if value is None or value == "":
        return default
    if not value.isascii() or not value.isdigit() or len(value) > 9:
        raise InputError(f"{name} must be a whole number from 0, not {value!r}")
    return int(value)


def check_request(text: str, limit: int, offset: int) -> None:
    """Refuse a query or a page that would make a search do unbounded work."""
    if len(text) > MAX_QUERY_CHARS:
        raise InputError(
            f"the query is {len(text):,} characters long; the most is {MAX_QUERY_CHARS:,}"
        )
    if not 0 <= limit <= MAX_LIMIT:
        raise InputError(f"limit must be from 0 to {MAX_LIMIT}, not {limit}")
    if offset < 0:
        raise InputError(f"offset must not be negative, not {offset}")
