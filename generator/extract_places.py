"""Find place names in a text.

A place name is a run of capitalised words (with Arabic articles: "Tall al-Safa"). Inside a run
the longest gazetteer name is taken at each word (:mod:`generator.extract_scan`); context decides
whether it is a place, a capital acting for its government, a part of a city or nothing; a run
that holds no gazetteer name goes to :mod:`generator.extract_unknown`.
"""

from __future__ import annotations

from generator.extract_context import capital_is_government, is_dateline
from generator.extract_scan import (
    BIG_KINDS,
    Found,
    Run,
    Scan,
    list_joined,
    match_at,
    runs,
)
from generator.extract_text import Doc, Mention
from generator.extract_unknown import (
    add_listed,
    anchored,
    backfill,
    big_tail,
    drop_listed,
    split_listed,
    unknown,
)
from generator.extract_words import (
    ADJECTIVE_SUFFIXES,
    ARTICLE_WORDS,
    AUXILIARIES,
    DIRECTIONS,
    FUNCTION_WORDS,
    GOVERNMENT_VERBS,
    LOCATIVES,
    MEDIA_NOUNS,
    NOT_PLACE_AFTER,
    PLACE_NOUNS_AFTER,
    PLACE_NOUNS_BEFORE,
    PLACE_SUFFIXES,
    QUANTIFIERS,
    SUB_CITY_BEFORE,
    TOPONYM_HEADS,
)
from generator.gazetteer_build import Matchers, PlaceHit

_CLAUSE_WORDS = FUNCTION_WORDS | GOVERNMENT_VERBS | AUXILIARIES


def _state(s: Scan, start: int) -> str | None:
    doc = s.doc
    prev = s.runs[-1] if s.runs else None
    if prev is not None and list_joined(doc, prev.end, start):
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
        listing = before in ("including", "namely") and start >= 2
        if listing and doc.lowers[start - 2] in PLACE_NOUNS_BEFORE:
            return "strong"  # "villages including X and Y"
    return None


def _post(doc: Doc, end: int) -> str | None:
    if end >= len(doc.words) or not doc.tight[end] or doc.is_capitalised(end):
        return None
    word = doc.lowers[end]
    if word in PLACE_NOUNS_AFTER:
        return "place"
    if word in SUB_CITY_BEFORE:
        return "sub"
    return "not" if word in NOT_PLACE_AFTER else None


def _next_ok(s: Scan, start: int, end: int) -> bool:
    """Whether the run may go on after a small place's name ("Tafas Daraa", not "Jassem Ali")."""
    low = s.doc.lowers[end]
    if low in PLACE_SUFFIXES or low in TOPONYM_HEADS or match_at(s, end) is not None:
        return True
    return sum(1 for k in range(start, end) if s.doc.lowers[k] not in ARTICLE_WORDS) > 1


def _attributive(s: Scan, p: int, end: int, name: str) -> bool:
    """ "US President", "US strikes": a country's acronym used as an adjective."""
    doc = s.doc
    if end != p + 1 or end >= len(doc.words) or not doc.tight[end] or doc.hyphen[end]:
        return False
    if name not in s.m.countries or doc.words[p] not in s.m.place_acronyms:
        return False
    low = doc.lowers[end]
    if low in GOVERNMENT_VERBS and p and doc.lowers[p - 1] in QUANTIFIERS:
        return True  # "no US strikes": a noun, not "the US strikes"
    return low not in _CLAUSE_WORDS and not low.isdigit()


def _judge(
    s: Scan, p: int, end: int, hit: PlaceHit, run_end: int, state: str | None, post: str | None
) -> str | None:
    """What a gazetteer match is: "place", "quiet" (not listed), "skip", "gov" or None."""
    doc, name = s.doc, hit.name
    if name is None:
        return "skip"
    if end < len(doc.words) and doc.hyphen[end] and doc.lowers[end] in ADJECTIVE_SUFFIXES:
        return "skip"
    if _attributive(s, p, end, name) or is_dateline(doc, p, end, s.agencies):
        return "skip"
    if s.media and " ".join(k for k in doc.keys[p:end] if k) in s.media:
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


def _scan_run(s: Scan, start: int, end: int) -> None:
    doc = s.doc
    state = _state(s, start)
    post = _post(doc, end)
    found = accepted = False
    prev_ok = True
    first = len(s.places)
    p = start
    while p < end:
        match = match_at(s, p)
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
    if state in ("strong", "list") and _leftover(s, start, end, first):
        pieces = anchored(s, start, end)
        if pieces:
            del s.places[first:]
            found = accepted = add_listed(s, pieces, end, post)
    if not found:
        tail = big_tail(s, start, end, state)
        stop = tail[0] if tail else end
        for a, b in split_listed(doc, start, stop):
            name = unknown(s, a, b, state, post if b == end else None)
            if name is not None:
                s.places.append(Found(a, b, name, False, True))
                accepted = True
        if tail:
            s.places.append(Found(tail[0], end, tail[1], True))
            accepted = True
    if accepted and post == "place":
        backfill(s, start)
    if post in ("not", "sub"):
        drop_listed(s, start, post == "sub")
    listing = state is not None and state != "sub"
    open_list = accepted and (listing or post == "place")
    s.runs.append(Run(start, end, state, post, found, accepted, open_list))


def _leftover(s: Scan, start: int, end: int, first: int) -> bool:
    """Whether words of a run are left out of the places found in it ("Ebtaa Dael Tal
    al-Samn" with only Ebtaa and Dael found)."""
    covered = {k for f in s.places[first:] for k in range(f.start, f.end)}
    doc = s.doc
    return any(
        k not in covered
        and doc.lowers[k] not in ARTICLE_WORDS
        and doc.lowers[k] not in DIRECTIONS
        and doc.lowers[k] not in PLACE_SUFFIXES
        for k in range(start, end)
    )


def _media_names(doc: Doc, spans: list[tuple[int, int]]) -> frozenset[str]:
    """Keys of Arabic names that the text gives to media outlets ("TV station al-Mayadeen",
    "Al-Watan newspaper"): not places anywhere in the text."""
    out = set()
    n = len(doc.words)
    for start, end in spans:
        if doc.lowers[start] not in ("al", "el"):
            continue
        before = start and doc.plain_gap(start) and doc.lowers[start - 1] in MEDIA_NOUNS
        after = end < n and doc.tight[end] and doc.lowers[end] in MEDIA_NOUNS
        if before or after:
            out.add(" ".join(k for k in doc.keys[start:end] if k))
    return frozenset(out)


def place_mentions(
    doc: Doc, m: Matchers, kinds: dict[str, str], blocked: list[bool], agencies: frozenset[int]
) -> tuple[list[Found], list[Mention]]:
    """Place mentions in text order, and capitals standing for their governments."""
    scan = Scan(doc, m, kinds, blocked, agencies)
    spans = runs(scan)
    scan.media = _media_names(doc, spans)
    for start, end in spans:
        _scan_run(scan, start, end)
    scan.places.sort()
    return scan.places, scan.governments
