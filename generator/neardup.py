"""Find near-duplicate articles (one wire story carried by two outlets) to link, not merge.

Each body becomes a set of hashed word 5-grams. Only a fixed sample of those hashes goes
into an inverted index (the same sample for every article, so two copies share it), which
proposes candidate pairs; each candidate is confirmed by the Jaccard similarity of the full
sets. Shingles shared by very many articles (boilerplate) are not used to propose pairs.

A rebuild starts from what the last one found (:class:`NearDupState`): when no body changed
it is the answer, and otherwise only the pairs a changed body can make or unmake are weighed
again; the result is always the one a search from nothing gives.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from generator.models import Article

SHINGLE_WORDS = 5
SAMPLE_EVERY = 8  # keep shingle hashes divisible by this to propose candidates
MAX_POSTINGS = 50  # a shingle in more articles than this is boilerplate, not evidence
THRESHOLD = 0.5  # Jaccard similarity of the full shingle sets
WORD = re.compile(r"\w+")

Pair = tuple[str, str]  # two slugs, in order


def shingles(text: str) -> frozenset[int]:
    """Stable hashes of the text's overlapping word 5-grams (case and punctuation ignored)."""
    words = WORD.findall(text.casefold())
    grams = (" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1))
    return frozenset(zlib.crc32(gram.encode("utf-8")) for gram in grams)


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def similar(a: Collection[int], b: Collection[int]) -> bool:
    """``jaccard(a, b) >= THRESHOLD`` for two collections of distinct values (sets, or the
    packed arrays of sets), quicker: no union is built, and collections whose sizes differ too
    much are ruled out before they are intersected (Jaccard <= min/max)."""
    if min(len(a), len(b)) < THRESHOLD * max(len(a), len(b)):
        return False
    shared = len((a if isinstance(a, (set, frozenset)) else set(a)).intersection(b))
    union = len(a) + len(b) - shared
    return bool(union) and shared / union >= THRESHOLD


@dataclass(frozen=True)
class NearDupState:
    """What a search found, for the next one: each body's digest and sampled shingles (packed
    32-bit values) by slug, and the near-duplicate pairs."""

    digests: Mapping[str, bytes] = field(default_factory=dict)
    samples: Mapping[str, bytes] = field(default_factory=dict)
    pairs: frozenset[Pair] = frozenset()


def body_digest(body: str) -> bytes:
    return hashlib.blake2b(body.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def find_near_duplicates(articles: Sequence[Article]) -> Mapping[str, tuple[str, ...]]:
    """Slug -> slugs of its near-duplicates, in slug order; articles without any are absent."""
    return near_duplicates(articles, NearDupState())[0]


def near_duplicates(
    articles: Sequence[Article], state: NearDupState
) -> tuple[Mapping[str, tuple[str, ...]], NearDupState]:
    """:func:`find_near_duplicates`, starting from an earlier search's ``state``; returns the
    state of this one."""
    bodies = {a.slug: a.body for a in articles}
    digests = {slug: body_digest(body) for slug, body in bodies.items()}
    if digests == state.digests:
        return linked_slugs(state.pairs), state
    changed = {slug for slug, key in digests.items() if state.digests.get(slug) != key}
    gone = state.digests.keys() - digests.keys()
    # Full shingle sets are kept packed (4 bytes a shingle, not a set entry and an int object
    # of some 60): a 100,000-article archive would otherwise hold about 9 GB of them.
    packed_sets: dict[str, array] = {}
    unpacked: list[tuple[str, frozenset[int]]] = []  # the last set unpacked: pairs come sorted

    def shingled(slug: str) -> array:
        if slug not in packed_sets:
            packed_sets[slug] = array("I", shingles(bodies[slug]))
        return packed_sets[slug]

    def shingle_set(slug: str) -> frozenset[int]:
        if not unpacked or unpacked[0][0] != slug:
            unpacked[:] = [(slug, frozenset(shingled(slug)))]
        return unpacked[0][1]

    samples = {
        slug: _pack(_sample(shingled(slug))) if slug in changed else state.samples[slug]
        for slug in sorted(bodies)
    }
    counts: Counter[int] = Counter()
    for packed in samples.values():
        counts.update(_unpack(packed))  # counted in C
    before = _counts_before(counts, changed | gone, samples, state.samples)
    kept = {
        pair
        for pair in state.pairs
        if not (set(pair) & (changed | gone)) and _proposed(pair, samples, counts)
    }
    found = {
        pair
        for pair in sorted(_touched_pairs(changed | gone, samples, state.samples, counts))
        if _verdict(pair, changed, state, before, counts, samples, shingle_set, shingled)
    }
    pairs = frozenset(kept | found)
    return linked_slugs(pairs), NearDupState(digests, samples, pairs)


def linked_slugs(pairs: Iterable[Pair]) -> dict[str, tuple[str, ...]]:
    """Slug -> the slugs it pairs with, both in slug order."""
    linked: dict[str, set[str]] = defaultdict(set)
    for first, second in pairs:
        linked[first].add(second)
        linked[second].add(first)
    return {slug: tuple(sorted(others)) for slug, others in sorted(linked.items())}


def _touched_pairs(
    moved: set[str],
    samples: Mapping[str, bytes],
    old_samples: Mapping[str, bytes],
    counts: Counter[int],
) -> set[Pair]:
    """Candidate pairs proposed by a shingle whose articles changed: one of ``moved`` (changed,
    new or gone slugs) has it now or had it."""
    values = {
        value
        for slug in moved
        for packed in (samples.get(slug, b""), old_samples.get(slug, b""))
        for value in _unpack(packed)
        if 2 <= counts[value] <= MAX_POSTINGS
    }
    postings: dict[int, list[str]] = defaultdict(list)
    for slug, packed in samples.items():  # in slug order
        for value in values.intersection(_unpack(packed)):
            postings[value].append(slug)
    return {pair for slugs in postings.values() for pair in combinations(slugs, 2)}


def _counts_before(
    counts: Counter[int],
    moved: set[str],
    samples: Mapping[str, bytes],
    old_samples: Mapping[str, bytes],
) -> Counter[int]:
    """How many articles had each shingle of a moved slug in the earlier search."""
    before: Counter[int] = Counter()  # minus how many have it now
    for slug in moved:
        before.update(dict.fromkeys(_unpack(old_samples.get(slug, b"")), 1))
        before.subtract(dict.fromkeys(_unpack(samples.get(slug, b"")), 1))
    return Counter({value: counts[value] + delta for value, delta in before.items()})


def _verdict(
    pair: Pair,
    changed: set[str],
    state: NearDupState,
    before: Mapping[int, int],
    counts: Counter[int],
    samples: Mapping[str, bytes],
    shingle_set: Callable[[str], frozenset[int]],
    shingled: Callable[[str], Collection[int]],
) -> bool:
    """Whether two candidates are near-duplicates: known from ``state`` when neither body
    changed and the earlier search weighed them too, else worked out."""
    if not set(pair) & changed:
        if pair in state.pairs:
            return True
        earlier = (before[v] if v in before else counts[v] for v in _shared(pair, samples))
        if any(2 <= count <= MAX_POSTINGS for count in earlier):
            return False  # a candidate then, and not found alike
    first, second = pair
    return similar(shingle_set(first), shingled(second))


def _proposed(pair: Pair, samples: Mapping[str, bytes], counts: Counter[int]) -> bool:
    """Whether a shingle that few enough articles share still proposes ``pair``."""
    return any(2 <= counts[v] <= MAX_POSTINGS for v in _shared(pair, samples))


def _shared(pair: Pair, samples: Mapping[str, bytes]) -> set[int]:
    first, second = pair
    return set(_unpack(samples[first])).intersection(_unpack(samples[second]))


def _sample(values: Iterable[int]) -> tuple[int, ...]:
    """The shingle hashes that propose candidates (the same sample for every article)."""
    return tuple(sorted(value for value in values if value % SAMPLE_EVERY == 0))


def _pack(values: Sequence[int]) -> bytes:
    return array("I", values).tobytes()


def _unpack(packed: bytes) -> array:
    values = array("I")
    values.frombytes(packed)
    return values
