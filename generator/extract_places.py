"""Find place names in a text.

A place name is a run of capitalised words (with Arabic articles: "Tall al-Safa"). Inside a run
the longest gazetteer name is taken at each word; a run that holds no gazetteer name is a place
only where the text presents it as one ("the village of X", "X and Y villages", "in Tal X",
"between Hajin and X"), and keeps the text's spelling.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from generator.extract_context import capital_is_government, is_dateline
from generator.extract_text import Doc, Mention
from generator.extract_words import (
    ADJECTIVE_SUFFIXES,
    ARTICLE_WORDS,
    DIRECTIONS,
    FUNCTION_WORDS,
    GOVERNMENT_VERBS,
    LOCATIVES,
    MONTHS_AND_DAYS,
    NOT_NAME_WORDS,
    NOT_PLACE_AFTER,
    PLACE_NOUNS_AFTER,
    PLACE_NOUNS_BEFORE,
    PLACE_SUFFIXES,
    SUB_CITY_BEFORE,
    TOPONYM_HEADS,
)
from generator.gazetteer_build import Matchers, PlaceHit
from generator.toponyms import (
    display_name,
    name_key,
    plain_key,
    strip_possessive,
    token_key,
)

BIG_KINDS = frozenset({"country", "governorate", "province", "city", "region", "river", "lake"})
_STRONG_LOCATIVES = LOCATIVES - {"to", "from"}


class Found(NamedTuple):
    """A place mention: ``known`` when the gazetteer names it."""

    start: int
    end: int
    name: str
    known: bool
    weak: bool = False  # an unlisted name or a GeoNames alternate or hamlet


class _Run(NamedTuple):
    start: int
    end: int
    state: str | None  # "sub", "strong", "loc", "list" or None: what introduces the run
    post: str | None  # "place" or "not": the lower-case noun after the run
    found: bool  # a gazetteer name matched in it
    accepted: bool  # it yielded a place
    open_list: bool  # names listed after it inherit its place-ness


@dataclass
class _Scan:
    """The state of one scan over a text."""

    doc: Doc
    m: Matchers
    kinds: dict[str, str]
    blocked: list[bool]
    agencies: frozenset[int]
    places: list[Found] = field(default_factory=list)
    governments: list[Mention] = field(default_factory=list)
    runs: list[_Run] = field(default_factory=list)


@lru_cache(maxsize=100_000)
def _alternates(raw: str) -> tuple[tuple[str, str], ...]:
    """Other readings of a last word: "Iraq’s", "Syrias" -> Iraq, Syria; "Alghantou" -> Ghantou.

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


def _is_name(s: _Scan, i: int) -> bool:
    raw = s.doc.raw(i)
    low = s.doc.lowers[i]
    if raw in s.m.place_acronyms:
        return True
    return raw[0].isupper() and low not in FUNCTION_WORDS and low not in MONTHS_AND_DAYS


def _is_particle(s: _Scan, i: int, in_run: bool) -> bool:
    doc = s.doc
    low = doc.lowers[i]
    if low not in ARTICLE_WORDS or i + 1 >= len(doc.tokens) or not doc.tight[i + 1]:
        return False
    if not doc.is_capitalised(i + 1) or s.blocked[i + 1]:
        return False
    return doc.hyphen[i + 1] or low in ("al", "el") or in_run


def _runs(s: _Scan) -> list[tuple[int, int]]:
    doc, n = s.doc, len(s.doc.tokens)
    out = []
    i = 0
    while i < n:
        if s.blocked[i] or not (_is_name(s, i) or _is_particle(s, i, False)):
            i += 1
            continue
        j = i + 1
        while j < n and doc.tight[j] and not s.blocked[j]:
            if not (_is_name(s, j) or _is_particle(s, j, True)):
                break
            j += 1
        end = j
        while end > i and doc.lowers[end - 1] in ARTICLE_WORDS and not _is_name(s, end - 1):
            end -= 1
        if end > i:
            out.append((i, end))
        i = j
    return out


def _match_at(s: _Scan, p: int) -> tuple[int, PlaceHit] | None:
    doc, m = s.doc, s.m
    acronym = m.place_acronyms.get(doc.raw(p))
    if acronym is not None:
        return p + 1, PlaceHit(acronym or None, 2)
    best = None
    key = plain = ""
    generic_ok = doc.lowers[p] in ARTICLE_WORDS
    for j in range(p, len(doc.tokens)):
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


def _list_joined(doc: Doc, prev_end: int, start: int) -> bool:
    """Whether only a comma, "and" or "or" separates two runs."""
    if start == prev_end:
        return doc.comma_before(start)
    if start == prev_end + 1 and doc.lowers[prev_end] in ("and", "or"):
        return doc.gaps[prev_end].strip() in ("", ",") and doc.gaps[start].strip() == ""
    return False


def _state(s: _Scan, start: int) -> str | None:
    doc = s.doc
    prev = s.runs[-1] if s.runs else None
    if prev is not None and _list_joined(doc, prev.end, start):
        if prev.state == "sub":
            return "sub"
        if prev.open_list:
            return "list"
    if start >= 1 and doc.plain_gap(start):
        before = doc.lowers[start - 1]
        if before == "of" and start >= 2 and doc.plain_gap(start - 1):
            if doc.lowers[start - 2] in SUB_CITY_BEFORE:
                return "sub"
            if doc.lowers[start - 2] in PLACE_NOUNS_BEFORE:
                return "strong"
        if before in LOCATIVES:
            return "loc:" + before
    return None


def _post(doc: Doc, end: int) -> str | None:
    if end >= len(doc.tokens) or not doc.tight[end] or doc.is_capitalised(end):
        return None
    word = doc.lowers[end]
    if word in PLACE_NOUNS_AFTER:
        return "place"
    if word in SUB_CITY_BEFORE:
        return "sub"
    return "not" if word in NOT_PLACE_AFTER else None


def _next_ok(s: _Scan, start: int, end: int) -> bool:
    """Whether the run may go on after a small place's name ("Tafas Daraa", not "Jassem Ali")."""
    low = s.doc.lowers[end]
    if low in PLACE_SUFFIXES or low in TOPONYM_HEADS or _match_at(s, end) is not None:
        return True
    return sum(1 for k in range(start, end) if s.doc.lowers[k] not in ARTICLE_WORDS) > 1


def _judge(
    s: _Scan, p: int, end: int, hit: PlaceHit, run_end: int, state: str | None, post: str | None
) -> str | None:
    """What a gazetteer match is: "place", "quiet" (not listed), "skip", "gov" or None."""
    doc, name = s.doc, hit.name
    if name is None:
        return "skip"
    if end < len(doc.tokens) and doc.hyphen[end] and doc.lowers[end] in ADJECTIVE_SUFFIXES:
        return "skip"
    if is_dateline(doc, p, end, s.agencies):
        return "skip"
    kind = s.kinds.get(name, "")
    small = kind not in BIG_KINDS or hit.strength < 2
    if name in s.m.quiet or ("sub" in (state, post) and small):
        return "quiet"
    if hit.strength < 0 and post != "place" and (state is None or state == "sub"):
        return None
    if small and end < run_end and not _next_ok(s, p, end):
        return None
    if hit.strength <= 0 and end >= run_end and post == "not":
        return None
    if name in s.m.capitals and capital_is_government(doc, p, end):
        return "gov"
    return "place"


def _big_tail(s: _Scan, start: int, end: int) -> tuple[int, str] | None:
    """A city or bigger place ending a run of unknown words ("Millis Idlib"): (start, name)."""
    for k in range(start + 1, end):
        match = _match_at(s, k)
        if match is None or match[0] != end:
            continue
        name, strength = match[1]
        big = bool(name) and strength >= 1 and s.kinds.get(name) in BIG_KINDS
        if big and name not in s.m.capitals and not is_dateline(s.doc, k, end, s.agencies):
            return k, name
    return None


def _toponymic(doc: Doc, start: int, end: int) -> bool:
    first = next(k for k in range(start, end) if doc.lowers[k] not in ARTICLE_WORDS)
    has_article = any(doc.lowers[k] in ARTICLE_WORDS for k in range(start, end))
    return doc.lowers[first] in TOPONYM_HEADS or has_article


def _unknown(s: _Scan, start: int, end: int, state: str | None, post: str | None) -> str | None:
    """The text's spelling of a name it presents as a place, or None."""
    doc, m = s.doc, s.m
    words = [k for k in range(start, end) if doc.lowers[k] not in ARTICLE_WORDS]
    if not words or len(words) > 4 or state == "sub":
        return None
    if all(doc.lowers[k] in DIRECTIONS for k in words):
        return None
    if state == "list" and not _list_ends(doc, end):
        return None
    for k in words:
        raw = doc.raw(k)
        if doc.lowers[k] in NOT_NAME_WORDS or doc.keys[k] in m.demonyms:
            return None
        if (raw.isupper() and len(raw) > 1) or any(c.isdigit() for c in raw):
            return None
    if end < len(doc.tokens) and doc.lowers[end] in GOVERNMENT_VERBS:
        return None
    strong = state == "strong" or post == "place"
    if not strong:
        if post in ("not", "sub") or state is None:
            return None
        if state.startswith("loc:"):
            weak_preposition = state[4:] not in _STRONG_LOCATIVES
            if weak_preposition or not _toponymic(doc, start, end):
                return None
        if strip_possessive(doc.raw(end - 1)) != doc.raw(end - 1):
            return None
    while end - start > 1 and doc.lowers[end - 1] in PLACE_SUFFIXES:
        end -= 1  # "Qaryatayn Town"
    texts = [doc.raw(k) for k in range(start, end)]
    key = name_key(" ".join(texts))
    if key in m.actor_keys or key in m.place_keys:
        return None
    return display_name(texts, [doc.gaps[k] for k in range(start + 1, end)])


def _list_ends(doc: Doc, end: int) -> bool:
    """Whether a listed name ends at a comma, "and", "or" or the end of a sentence."""
    if end >= len(doc.tokens):
        return True
    return bool(set(doc.gaps[end]) & set(",.;:!?")) or doc.lowers[end] in ("and", "or")


def _backfill(s: _Scan, start: int) -> None:
    """ "al-Jafrah and al-Jneineh villages": earlier names of the list are places too."""
    for run in reversed(s.runs):
        if not _list_joined(s.doc, run.end, start) or run.found or run.accepted or run.post:
            return
        name = _unknown(s, run.start, run.end, "strong", None)
        if name is None:
            return
        s.places.append(Found(run.start, run.end, name, False, True))
        start = run.start


def _drop_listed(s: _Scan, start: int, sub_city: bool) -> None:
    """ "Al Ziraa and Al Halabiyeh roundabouts", "al-Zahraa and Nile Street neighborhoods":
    earlier names of the list are not places (nor towns, before a word for city districts)."""
    for run in reversed(s.runs):
        if not _list_joined(s.doc, run.end, start):
            return
        s.places = [
            f
            for f in s.places
            if not (
                run.start <= f.start
                and f.end <= run.end
                and (f.weak or (sub_city and s.kinds.get(f.name) not in BIG_KINDS))
            )
        ]
        start = run.start


def _scan_run(s: _Scan, start: int, end: int) -> None:
    doc = s.doc
    state = _state(s, start)
    post = _post(doc, end)
    found = accepted = False
    prev_ok = True
    p = start
    while p < end:
        match = _match_at(s, p)
        verdict = None
        if match is not None and prev_ok:
            verdict = _judge(s, p, match[0], match[1], end, state, post)
        if verdict is not None:
            found = True
            name = match[1].name
            if verdict == "place":
                s.places.append(Found(p, match[0], name, True, match[1].strength <= 0))
                accepted = True
            elif verdict == "gov":
                s.governments.append(Mention(p, match[0], s.m.capitals[name]))
            p, prev_ok = match[0], True
            continue
        low = doc.lowers[p]
        prev_ok = prev_ok and (
            low in DIRECTIONS or low in ARTICLE_WORDS or doc.keys[p] in s.m.demonyms
        )
        p += 1
    if not found:
        tail = _big_tail(s, start, end)
        stop = tail[0] if tail else end
        name = _unknown(s, start, stop, state, post if stop == end else None)
        if name is not None:
            s.places.append(Found(start, stop, name, False, True))
            accepted = True
        if tail:
            s.places.append(Found(tail[0], end, tail[1], True))
            accepted = True
    if accepted and post == "place":
        _backfill(s, start)
    if post in ("not", "sub"):
        _drop_listed(s, start, post == "sub")
    listing = state is not None and state != "sub"
    open_list = accepted and (listing or post == "place")
    s.runs.append(_Run(start, end, state, post, found, accepted, open_list))


def place_mentions(
    doc: Doc, m: Matchers, kinds: dict[str, str], blocked: list[bool], agencies: frozenset[int]
) -> tuple[list[Found], list[Mention]]:
    """Place mentions in text order, and capitals standing for their governments."""
    scan = _Scan(doc, m, kinds, blocked, agencies)
    for start, end in _runs(scan):
        _scan_run(scan, start, end)
    scan.places.sort()
    return scan.places, scan.governments
