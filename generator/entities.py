"""Capitalised names the gazetteer does not know, so an editor can extend it quickly."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from generator.gazetteer import Gazetteer
from generator.models import Article

CONNECTORS = r"(?:al|el|ad|ar|as|ash|az|ez|an|at|bin|ibn|abu|bani|de|of|for)"
CAPITALISED = r"[A-Z][\w'’]*(?:-[\w'’]+)*"
NAME = re.compile(rf"\b{CAPITALISED}(?:[ -](?:{CONNECTORS}[ -])?{CAPITALISED}){{0,4}}")
SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“”]\s+)$")
# Capitalised words that are grammar, calendar or titles, never names an editor would add.
COMMON = frozenset(
    (
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "you",
        "his",
        "her",
        "its",
        "their",
        "our",
        "my",
        "in",
        "on",
        "at",
        "of",
        "for",
        "from",
        "by",
        "with",
        "to",
        "and",
        "but",
        "or",
        "as",
        "after",
        "before",
        "when",
        "while",
        "if",
        "since",
        "during",
        "under",
        "over",
        "into",
        "about",
        "according",
        "also",
        "meanwhile",
        "however",
        "yesterday",
        "today",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "mr",
        "mrs",
        "ms",
        "dr",
        "president",
        "minister",
        "general",
        "colonel",
        "spokesman",
        "there",
        "here",
        "what",
        "who",
        "which",
        "where",
        "why",
        "how",
        "some",
        "many",
        "most",
        "all",
        "other",
        "another",
        "one",
        "two",
        "three",
        "four",
        "five",
    )
)


ADJECTIVAL = re.compile(r"^\w+(?:-(?:led|backed|based|held|controlled|run|born|allied))$")


@dataclass(frozen=True)
class UnknownName:
    """A name the gazetteer lacks, how many articles use it, and which."""

    name: str
    articles: tuple[str, ...]  # slugs, sorted

    @property
    def count(self) -> int:
        return len(self.articles)


def candidate_names(text: str) -> set[str]:
    """Capitalised word sequences in ``text``, minus grammar words and lone sentence openers."""
    found = set()
    for match in NAME.finditer(text):
        words = match.group().split()
        while words and (words[0].casefold() in COMMON or ADJECTIVAL.match(words[0])):
            words = words[1:]
        if not words:
            continue
        name = " ".join(words)
        opener = SENTENCE_START.search(text[: match.start()]) is not None
        if len(words) == 1 and (opener or len(name) < 3):
            continue
        found.add(name)
    return found


def _derived_from_known(name: str, gazetteer: Gazetteer) -> bool:
    """True for forms of a known name: "US-led", "Syrias" (a possessive that lost its
    apostrophe), "Syrias Aleppo"; and for demonym adjectives ("Syrian", "Kurdish")."""
    words = name.split()
    if ADJECTIVAL.match(name):
        return True
    first = words[0]
    if first.endswith(("s", "'s", "’s")) and gazetteer.knows(first.rstrip("s").rstrip("'’")):
        return len(words) == 1 or gazetteer.knows(" ".join(words[1:]))
    return (
        len(words) == 1
        and first.endswith(("ian", "ish", "ese", "ani", "an", "i"))
        and any(
            gazetteer.knows(first[: -len(end)] + tail)
            for end in ("ian", "ish", "ese", "ani", "an", "n", "i")
            if first.endswith(end)
            for tail in ("", "a", "ia", "ey", "y", "e")
        )
    )


def unknown_names(
    articles: Sequence[Article], gazetteer: Gazetteer, min_articles: int = 2
) -> tuple[UnknownName, ...]:
    """Names in the bodies that the gazetteer does not know, most widely used first."""
    where: dict[str, set[str]] = defaultdict(set)
    for article in articles:
        for name in candidate_names(article.body):
            where[name].add(article.slug)
    known: dict[str, bool] = {}
    unknown = []
    for name, slugs in where.items():
        if len(slugs) < min_articles:
            continue
        if name not in known:
            known[name] = gazetteer.knows(name)
        if not known[name] and not _derived_from_known(name, gazetteer):
            unknown.append(UnknownName(name, tuple(sorted(slugs))))
    return tuple(sorted(unknown, key=lambda u: (-u.count, u.name.casefold(), u.name)))
