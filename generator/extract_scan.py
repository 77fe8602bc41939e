"""The shared state of a scan for place names: the text's runs of capitalised words and the
gazetteer names that match at a word."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress
from operator import or_
from typing import NamedTuple

from generator.extract_text import Doc, Mention
from generator.extract_words import ARTICLE_WORDS, FUNCTION_WORDS, MONTHS_AND_DAYS
from generator.gazetteer_build import Matchers, PlaceHit
from generator.toponyms import plain_key, strip_possessive, token_key

BIG_KINDS = frozenset({"country", "governorate", "province", "city", "region", "river", "lake"})
_GLUED = ("north", "south", "east", "west")


class Found(NamedTuple):
    """A place mention: ``known`` when the gazetteer names it."""

    start: int
    end: int
    name: str
    known: bool
    weak: bool = False  # an unlisted name or a GeoNames alternate or hamlet


class Run(NamedTuple):
    """A run of capitalised words, once scanned."""

    start: int
    end: int
    state: str | None  # "sub", "strong", "loc", "list" or None: what introduces the run
    post: str | None  # "place" or "not": the lower-case noun after the run
    found: bool  # a gazetteer name matched in it
    accepted: bool  # it yielded a place
    open_list: bool  # names listed after it inherit its place-ness


@dataclass
class Scan:
    """The state of one scan over a text."""

    doc: Doc
    m: Matchers
    kinds: dict[str, str]
    blocked: list[bool]
    agencies: frozenset[int]
    media: frozenset[str] = frozenset()
    places: list[Found] = field(default_factory=list)
    governments: list[Mention] = field(default_factory=list)
    runs: list[Run] = field(default_factory=list)


@lru_cache(maxsize=100_000)
def _alternates(raw: str) -> tuple[tuple[str, str], ...]:
    """Other readings of a last word: "Iraq’s", "Syrias" -> Iraq, Syria; "Alghantou" -> Ghantou;
    "Kobaninorth" -> Kobani (words glued together).

    Each reading is a (tolerant key, plain key) pair."""
    out = []
    stripped = strip_possessive(raw)
    if stripped != raw:
        out.append(stripped)
    elif len(raw) > 4 and raw.endswith("s") and not raw.isupper() and raw[-2] != "s":
        out.append(raw[:-1])
    low = raw.lower()
    if len(raw) >= 6 and low.startswith("al") and low[2] not in "aeiou":
        out.append(raw[2:])
    if raw[0].isupper() and raw[1:].islower():
        out.extend(raw[: -len(g)] for g in _GLUED if low.endswith(g) and len(low) - len(g) >= 4)
    return tuple((token_key(w), plain_key(w)) for w in out if token_key(w))


def _pick(m: Matchers, key: str, plain: str, generic_ok: bool) -> PlaceHit | None:
    """The editor's name, else the exact GeoNames name, else a tolerant GeoNames match."""
    hit = m.place_keys.get(key)
    if hit is not None and key in m.generic and not generic_ok:
        hit = None
    if hit is not None and (hit.strength == 2 or hit.name is None):
        return hit
    return m.plain_keys.get(plain) or hit


def _join(key: str, part: str) -> str:
    return f"{key} {part}" if key else part


_NOT_NAMES = FUNCTION_WORDS | MONTHS_AND_DAYS


def is_name(s: Scan, i: int) -> bool:
    """Whether word ``i`` may be part of a name: capitalised and not a function word."""
    doc = s.doc
    return doc.words[i] in s.m.place_acronyms or (doc.caps[i] and doc.lowers[i] not in _NOT_NAMES)


def _is_particle(s: Scan, i: int, in_run: bool) -> bool:
    doc = s.doc
    low = doc.lowers[i]
    if low not in ARTICLE_WORDS or i + 1 >= len(doc.words) or not doc.tight[i + 1]:
        return False
    if not doc.caps[i + 1] or s.blocked[i + 1]:
        return False
    return doc.hyphen[i + 1] or low in ("al", "el") or in_run


def runs(s: Scan) -> list[tuple[int, int]]:
    """Runs of capitalised words and Arabic articles joined in one phrase."""
    doc, n, blocked = s.doc, len(s.doc.words), s.blocked
    starts = compress(range(n), map(or_, doc.caps, map(ARTICLE_WORDS.__contains__, doc.lowers)))
    out = []
    i = 0
    for start in starts:
        if start < i or blocked[start]:
            continue
        if not (is_name(s, start) or _is_particle(s, start, False)):
            continue
        j = start + 1
        while j < n and doc.tight[j] and not blocked[j]:
            if not (is_name(s, j) or _is_particle(s, j, True)):
                break
            j += 1
        end = j
        while end > start and doc.lowers[end - 1] in ARTICLE_WORDS and not is_name(s, end - 1):
            end -= 1
        if end > start:
            out.append((start, end))
        i = j
    return out


def match_at(s: Scan, p: int) -> tuple[int, PlaceHit] | None:
    """The longest gazetteer name starting at word ``p``: (end, hit) or None."""
    doc, m = s.doc, s.m
    acronym = m.place_acronyms.get(doc.raw(p))
    if acronym is not None:
        return p + 1, PlaceHit(acronym or None, 2)
    best = None
    key = plain = ""
    generic_ok = doc.lowers[p] in ARTICLE_WORDS
    for j in range(p, len(doc.words)):
        if j > p and (not doc.tight[j] or s.blocked[j]):
            break
        if not doc.keys[j]:
            continue
        for alt_key, alt_plain in _alternates(doc.raw(j)):
            hit = _pick(m, _join(key, alt_key), _join(plain, alt_plain), generic_ok)
            if hit is not None and (best is None or best[0] <= j):
                best = (j + 1, hit)
        key, plain = _join(key, doc.keys[j]), _join(plain, doc.plains[j])
        hit = _pick(m, key, plain, generic_ok)
        if hit is not None:
            best = (j + 1, hit)
        if key not in m.place_prefixes and plain not in m.plain_prefixes:
            break
    return best


def list_joined(doc: Doc, prev_end: int, start: int) -> bool:
    """Whether only a comma, "and" or "or" separates two runs."""
    if start == prev_end:
        return doc.comma_before(start)
    if start == prev_end + 1 and doc.lowers[prev_end] in ("and", "or"):
        return doc.gaps[prev_end].strip() in ("", ",") and doc.gaps[start].strip() == ""
    return False
