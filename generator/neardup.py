"""Find near-duplicate articles (one wire story carried by two outlets) to link, not merge.

Each body becomes a set of hashed word 5-grams. Only a fixed sample of those hashes goes
into an inverted index (the same sample for every article, so two copies share it), which
proposes candidate pairs; each candidate is confirmed by the Jaccard similarity of the full
sets. Shingles shared by very many articles (boilerplate) are not used to propose pairs.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from collections.abc import Mapping, Sequence
from itertools import combinations

from generator.models import Article

SHINGLE_WORDS = 5
SAMPLE_EVERY = 8  # keep shingle hashes divisible by this to propose candidates
MAX_POSTINGS = 50  # a shingle in more articles than this is boilerplate, not evidence
THRESHOLD = 0.5  # Jaccard similarity of the full shingle sets
WORD = re.compile(r"\w+")


def shingles(text: str) -> frozenset[int]:
    """Stable hashes of the text's overlapping word 5-grams (case and punctuation ignored)."""
    words = WORD.findall(text.casefold())
    grams = (" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1))
    return frozenset(zlib.crc32(gram.encode("utf-8")) for gram in grams)


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def find_near_duplicates(articles: Sequence[Article]) -> Mapping[str, tuple[str, ...]]:
    """Slug -> slugs of its near-duplicates, in slug order; articles without any are absent."""
    sets = {a.slug: shingles(a.body) for a in articles}
    postings: dict[int, list[str]] = defaultdict(list)
    for slug in sorted(sets):
        for value in sets[slug]:
            if value % SAMPLE_EVERY == 0:
                postings[value].append(slug)
    candidates = {
        pair
        for slugs in postings.values()
        if len(slugs) <= MAX_POSTINGS
        for pair in combinations(slugs, 2)
    }
    linked: dict[str, set[str]] = defaultdict(set)
    for first, second in candidates:
        if jaccard(sets[first], sets[second]) >= THRESHOLD:
            linked[first].add(second)
            linked[second].add(first)
    return {slug: tuple(sorted(others)) for slug, others in sorted(linked.items())}
