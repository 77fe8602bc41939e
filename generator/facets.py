"""One facet abstraction for places, actors, dates and sources.

A facet is a declaration: its name, how to read its values from an article, how to
label and order them. One routine groups the articles of every facet.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from generator.articles import newest_first
from generator.models import Article
from generator.slugs import unique_slugs

UNDATED = "Undated"
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


@dataclass(frozen=True)
class Facet:
    """How one facet reads its values from an article and orders them."""

    name: str  # singular, used in URLs and filters: "place"
    title: str  # plural heading: "Places"
    values: Callable[[Article], tuple[str, ...]]  # the values the article itself names
    # Values that contain a value (a place's governorate and country); an article is listed
    # under those too.
    broader: Callable[[str], tuple[str, ...]] = lambda _value: ()
    order: str = "count"  # "count" (most articles first) or "chronological" (newest first)
    label: Callable[[str], str] = str
    # Offered as a filter with counts on the search page (dates have a date range instead).
    search_filter: bool = True
    # For a facet whose values are periods: the months a value spans, which its timeline
    # shows ("2016" -> its twelve months; none for a month, which needs no timeline).
    # Other facets' timelines span the whole archive.
    periods: Callable[[str], tuple[str, ...]] | None = None


@dataclass(frozen=True)
class FacetValue:
    """One value of a facet and the articles that carry it, newest first."""

    facet: str
    key: str
    label: str
    slug: str
    articles: tuple[str, ...]  # slugs

    @property
    def count(self) -> int:
        return len(self.articles)


@dataclass(frozen=True)
class FacetIndex:
    """All values of one facet, in display order."""

    facet: Facet
    values: tuple[FacetValue, ...]

    def get(self, key: str) -> FacetValue | None:
        return next((v for v in self.values if v.key == key), None)


def date_keys(article: Article) -> tuple[str, ...]:
    """Year and, when known, year-month of the article's date; or the undated bucket."""
    if article.date is None:
        return (UNDATED,)
    year = article.date[:4]
    if article.date_precision == "year" or len(article.date) < 7:
        return (year,)
    return (year, article.date[:7])


def date_label(key: str) -> str:
    """'2017-07' reads 'July 2017'; years and the undated bucket read as they are."""
    if len(key) == 7 and key[4] == "-":
        return f"{MONTHS[int(key[5:]) - 1]} {key[:4]}"
    return key


def year_months(key: str) -> tuple[str, ...]:
    """The twelve months of a year key ("2016" -> "2016-01" ... "2016-12"); none otherwise."""
    if len(key) != 4 or not key.isdigit():
        return ()
    return tuple(f"{key}-{month:02d}" for month in range(1, 13))


def _sort_key(order: str) -> Callable[[FacetValue], tuple]:
    if order == "chronological":
        return lambda v: (v.key == UNDATED, [-ord(c) for c in v.key])
    return lambda v: (-v.count, v.label.casefold(), v.key)


def all_values(facet: Facet, article: Article) -> tuple[str, ...]:
    """The article's values with the broader values containing them, each once."""
    return tuple(
        dict.fromkeys(
            key for value in facet.values(article) for key in (value, *facet.broader(value))
        )
    )


def build_facet(facet: Facet, articles: Sequence[Article]) -> FacetIndex:
    """Group the articles by this facet's values, newest article first in each."""
    members: dict[str, list[str]] = defaultdict(list)
    for article in sorted(articles, key=newest_first):  # once: each group is then in order
        for key in all_values(facet, article):
            members[key].append(article.slug)
    slugs = unique_slugs(members, fallback=facet.name)
    values = [
        FacetValue(
            facet=facet.name,
            key=key,
            label=facet.label(key),
            slug=slugs[key],
            articles=tuple(group),
        )
        for key, group in members.items()
    ]
    return FacetIndex(facet, tuple(sorted(values, key=_sort_key(facet.order))))


def standard_facets(ancestors: Callable[[str], tuple[str, ...]]) -> tuple[Facet, ...]:
    """Place (each place also under its parents), actor, date and source facets."""
    return (
        Facet("place", "Places", lambda a: a.places, broader=ancestors),
        Facet("actor", "Actors", lambda a: a.actors),
        Facet(
            "date",
            "Dates",
            date_keys,
            order="chronological",
            label=date_label,
            search_filter=False,
            periods=year_months,
        ),
        Facet("source", "Sources", lambda a: (a.source,) if a.source else ()),
    )


def build_all(facets: Sequence[Facet], articles: Sequence[Article]) -> tuple[FacetIndex, ...]:
    """Every facet's index over the same articles."""
    return tuple(build_facet(facet, articles) for facet in facets)


def search_filters(indexes: Sequence[FacetIndex]) -> tuple[FacetIndex, ...]:
    """The facets the search page offers as filters."""
    return tuple(index for index in indexes if index.facet.search_filter)


@dataclass(frozen=True)
class Connection:
    """A value of a facet, with how many articles of another value it has (or its own)."""

    facet: str
    key: str
    label: str
    count: int


@dataclass(frozen=True)
class Connections:
    """For each value of one facet, the values of another facet most reported with it."""

    facet: str  # "place"
    other: Facet  # the actor facet
    top: Mapping[str, tuple[Connection, ...]]  # place key -> actors, most shared articles first


#: Which facets' pages show which other facets' values most reported with them.
CONNECTED = (("place", "actor"), ("actor", "place"), ("source", "place"), ("source", "actor"))
TOP_CONNECTIONS = 12


def co_occurrence(first: FacetIndex, second: FacetIndex, limit: int) -> Connections:
    """For every value of ``first``, the ``limit`` values of ``second`` that the most of its
    articles carry, with how many (ties by label); a value is never its own connection."""
    carried: dict[str, list[int]] = defaultdict(list)  # slug -> positions in second.values
    for position, value in enumerate(second.values):
        for slug in value.articles:
            carried[slug].append(position)
    same = first.facet.name == second.facet.name
    top = {}
    for value in first.values:
        counts = Counter(i for slug in value.articles for i in carried.get(slug, ()))
        others = [(second.values[i], n) for i, n in counts.items()]
        ordered = sorted(
            ((other, n) for other, n in others if not (same and other.key == value.key)),
            key=lambda pair: (-pair[1], pair[0].label.casefold(), pair[0].key),
        )
        top[value.key] = tuple(
            Connection(other.facet, other.key, other.label, n) for other, n in ordered[:limit]
        )
    return Connections(first.facet.name, second.facet, top)


def connect_all(
    indexes: Sequence[FacetIndex], pairs: Sequence[tuple[str, str]] = CONNECTED
) -> tuple[Connections, ...]:
    """The connections of each pair of facets that are both there."""
    by_name = {index.facet.name: index for index in indexes}
    return tuple(
        co_occurrence(by_name[a], by_name[b], TOP_CONNECTIONS)
        for a, b in pairs
        if a in by_name and b in by_name
    )


def narrower(index: FacetIndex) -> dict[str, tuple[Connection, ...]]:
    """The values whose nearest broader value is each value (a governorate's towns), in the
    index's order, with their own article counts."""
    found: dict[str, list[Connection]] = defaultdict(list)
    for value in index.values:
        broader = index.facet.broader(value.key)
        if broader:
            found[broader[0]].append(Connection(value.facet, value.key, value.label, value.count))
    return {key: tuple(values) for key, values in found.items()}
