"""One facet abstraction for places, actors, dates and sources.

A facet is a declaration: its name, how to read its values from an article, how to
label and order them. One routine groups the articles of every facet.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
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
            "date", "Dates", date_keys, order="chronological", label=date_label, search_filter=False
        ),
        Facet("source", "Sources", lambda a: (a.source,) if a.source else ()),
    )


def build_all(facets: Sequence[Facet], articles: Sequence[Article]) -> tuple[FacetIndex, ...]:
    """Every facet's index over the same articles."""
    return tuple(build_facet(facet, articles) for facet in facets)


def search_filters(indexes: Sequence[FacetIndex]) -> tuple[FacetIndex, ...]:
    """The facets the search page offers as filters."""
    return tuple(index for index in indexes if index.facet.search_filter)
