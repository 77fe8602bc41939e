"""Find near-duplicate articles (one wire story carried by two outlets) to link, not merge.

Each body becomes a set of hashed word 5-grams. Only a fixed sample of those hashes goes
into an inverted index (the same sample for every article, so two copies share it), which
proposes candidate pairs; each candidate is confirmed by the Jaccard similarity of the full
sets. Shingles shared by very many articles (boilerplate) are not used to propose pairs.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
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


def similar(a: frozenset[int], b: frozenset[int]) -> bool:
    """``jaccard(a, b) >= THRESHOLD``, quicker: no union is built, and sets whose sizes
    differ too much are ruled out before they are intersected (Jaccard <= min/max)."""
    small, large = sorted((len(a), len(b)))
    if small < THRESHOLD * large:
        return False
    shared = len(a & b)
    union = len(a) + len(b) - shared
    return bool(union) and shared / union >= THRESHOLD


@dataclass
class NearDupMemo:
    """What an earlier run worked out, by content: each body's sampled shingles and whether
    two bodies are near-duplicates (by a digest of the pair of bodies)."""

    sampled: dict[bytes, tuple[int, ...]] = field(default_factory=dict)
    verdicts: dict[bytes, bool] = field(default_factory=dict)


def body_digest(body: str) -> bytes:
    return hashlib.blake2b(body.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def find_near_duplicates(articles: Sequence[Article]) -> Mapping[str, tuple[str, ...]]:
    """Slug -> slugs of its near-duplicates, in slug order; articles without any are absent."""
    return near_duplicates(articles, NearDupMemo())[0]


def near_duplicates(
    articles: Sequence[Article], memo: NearDupMemo
) -> tuple[Mapping[str, tuple[str, ...]], NearDupMemo]:
    """:func:`find_near_duplicates`, reusing and returning what it worked out (only what this
    archive needs, so the memo does not grow with every edit)."""
    bodies = {a.slug: a.body for a in articles}
    digests = {slug: body_digest(body) for slug, body in bodies.items()}
    full: dict[str, frozenset[int]] = {}

    def shingled(slug: str) -> frozenset[int]:
        if slug not in full:
            full[slug] = shingles(bodies[slug])
        return full[slug]

    sampled: dict[bytes, tuple[int, ...]] = {}
    postings: dict[int, list[str]] = defaultdict(list)
    for slug in sorted(bodies):
        key = digests[slug]
        if key not in sampled:
            known = memo.sampled.get(key)
            sampled[key] = known if known is not None else _sample(shingled(slug))
        for value in sampled[key]:
            postings[value].append(slug)
    candidates = {
        pair
        for slugs in postings.values()
        if len(slugs) <= MAX_POSTINGS
        for pair in combinations(slugs, 2)
    }
    verdicts: dict[bytes, bool] = {}
    linked: dict[str, set[str]] = defaultdict(set)
    for first, second in candidates:
        pair = b"".join(sorted((digests[first], digests[second])))
        verdict = verdicts.get(pair, memo.verdicts.get(pair))
        if verdict is None:
            verdict = similar(shingled(first), shingled(second))
        verdicts[pair] = verdict
        if verdict:
            linked[first].add(second)
            linked[second].add(first)
    result = {slug: tuple(sorted(others)) for slug, others in sorted(linked.items())}
    return result, NearDupMemo(sampled, verdicts)


def _sample(values: frozenset[int]) -> tuple[int, ...]:
    """The shingle hashes that propose candidates (the same sample for every article)."""
    return tuple(sorted(value for value in values if value % SAMPLE_EVERY == 0))
