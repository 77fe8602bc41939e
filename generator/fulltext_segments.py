"""Which segments of the Whoosh index a build keeps and which it writes again.

Every article belongs to one of :data:`BUCKETS` buckets, by a stable hash of its slug, and the
index holds one segment per non-empty bucket: that bucket's articles in slug order, segments in
bucket order. Which segments hold which articles, in which order, is so a function of the
articles alone, whatever edits led to them, and an index kept up to date is the index made from
nothing. Whoosh scores every segment apart, with statistics summed over all of them (document
counts, document frequencies and field lengths: integers, summed exactly), but it shapes each
segment's query matcher by that segment's own sizes, so a sum of term scores can round
differently in another split of the same articles: only the same split gives the same scores.

An update keeps a bucket's segment when it holds exactly the bucket's articles with their
current digests and nothing deleted, and writes every other bucket again whole: no segment ever
holds a deleted document, which would skew the statistics.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

#: Buckets, so at most that many segments. An edit writes about 1 in BUCKETS articles again,
#: but every search looks through every segment at a cost per segment: related coverage, which
#: searches once per article after every edit, costs about as much more per extra bucket as an
#: edit saves (measured on the sample and on 10,000 articles).
BUCKETS = 4


def bucket(slug: str) -> int:
    """The bucket of the article ``slug``: a hash that does not change between runs (Python's
    ``hash`` of a string does)."""
    hashed = hashlib.blake2b(slug.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(hashed, "big") % BUCKETS


@dataclass(frozen=True)
class StoredSegment:
    """What the index holds in one segment."""

    id: str
    digests: Mapping[str, str]  # slug -> digest, of every article it holds
    deletions: bool  # whether it holds deleted documents


@dataclass(frozen=True)
class Plan:
    """What an update does: the segments it keeps, the buckets it writes again (their articles'
    slugs, in the order they are indexed) and the segments it drops."""

    keep: Mapping[int, str]  # bucket -> id of its segment, kept as it is
    write: Mapping[int, tuple[str, ...]]
    drop: tuple[str, ...]

    @property
    def needed(self) -> bool:
        return bool(self.write or self.drop)

    @property
    def written(self) -> int:
        """How many articles the update indexes."""
        return sum(len(slugs) for slugs in self.write.values())


def plan(stored: Sequence[StoredSegment], wanted: Mapping[str, str], fresh: bool) -> Plan:
    """How to bring segments ``stored`` to the articles ``wanted`` (slug -> digest): keep each
    segment holding exactly its bucket's articles as they are (none when ``fresh``), write
    the other buckets again."""
    buckets: dict[int, dict[str, str]] = {}
    for slug in sorted(wanted):
        buckets.setdefault(bucket(slug), {})[slug] = wanted[slug]
    keep: dict[int, str] = {}
    for segment in stored:
        found = {bucket(slug) for slug in segment.digests}
        in_order = list(segment.digests) == sorted(segment.digests)
        if fresh or segment.deletions or len(found) != 1 or not in_order:
            continue
        (number,) = found
        if number not in keep and segment.digests == buckets.get(number):
            keep[number] = segment.id
    write = {number: tuple(slugs) for number, slugs in buckets.items() if number not in keep}
    kept = set(keep.values())
    return Plan(keep, write, tuple(segment.id for segment in stored if segment.id not in kept))


def order(plan: Plan) -> list[int]:
    """The buckets of the updated index, in the order their segments are listed."""
    return sorted(plan.keep.keys() | plan.write.keys())
