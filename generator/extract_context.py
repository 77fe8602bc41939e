"""Context rules: capitals speaking for governments, countries acting, datelines."""

from __future__ import annotations

from collections.abc import Mapping

from generator.extract_text import Doc
from generator.extract_words import (
    ADDRESS_VERBS,
    ALLY_NOUNS,
    AUXILIARIES,
    GEOGRAPHIC_NOUNS,
    GOVERNMENT_NOUNS,
    GOVERNMENT_VERBS,
    LOCATIVES,
    PREPOSITIONS,
    RELATION_NOUNS,
    SOURCE_NOUNS,
)

_DASHES = ("(", "-", "–", "—", ":", ",")
_STATE_NOUNS = GOVERNMENT_NOUNS - {"rule", "control", "side"}
_PATRONS = frozenset(
    {"ally", "allies", "backer", "backers", "sponsor", "sponsors", "patron", "supporters"}
)


def _possessive(doc: Doc, end: int) -> bool:
    raw = doc.raw(end - 1)
    after = doc.gaps[end] if end < len(doc.words) else ""
    return raw[-2:] in ("'s", "’s") or after.startswith(("'", "’"))


def _adverb(doc: Doc, j: int) -> bool:
    """ "deliberately", "and directly": words that may stand between a subject and its verb."""
    low = doc.lowers[j]
    if low in AUXILIARIES or (len(low) > 4 and low.endswith("ly")):
        return True
    nxt = doc.lowers[j + 1] if j + 1 < len(doc.words) else ""
    return low == "and" and len(nxt) > 4 and nxt.endswith("ly")


def verb_follows(doc: Doc, end: int) -> bool:
    """Whether a government verb follows word ``end - 1`` in the same clause ("X has said")."""
    j, n = end, len(doc.words)
    while j < n and j - end < 4 and _adverb(doc, j) and doc.plain_gap(j):
        j += 1
    return (
        j < n
        and doc.lowers[j] in GOVERNMENT_VERBS
        and doc.plain_gap(j)
        and (doc.gaps[j].strip() == "")
    )


def _partner_follows(doc: Doc, end: int) -> bool:
    """ "Damascus and its allies", "Washington and Paris say": a capital in a pair of actors."""
    n = len(doc.words)
    if end + 1 >= n or doc.lowers[end] not in ("and", "or") or not doc.plain_gap(end):
        return False
    if doc.lowers[end + 1] in ("its", "their"):
        j = end + 2
        while j < n and j - end < 6 and doc.tight[j] and doc.lowers[j] not in ALLY_NOUNS:
            j += 1
        return j < n and doc.lowers[j] in ALLY_NOUNS
    j = end + 1
    while j < n and j - end < 4 and doc.caps[j] and doc.tight[j]:
        j += 1
    return j > end + 1 and verb_follows(doc, j)


def capital_is_government(doc: Doc, start: int, end: int) -> bool:
    """Whether a capital at words ``start``..``end`` stands for its government."""
    lowers, n = doc.lowers, len(doc.words)
    prev = lowers[start - 1] if start and doc.plain_gap(start) else ""
    before = lowers[start - 2] if start >= 2 and doc.plain_gap(start - 1) else ""
    if prev == "from" and before in SOURCE_NOUNS:
        return True
    if prev in LOCATIVES and prev not in ("to", "from", "between"):
        return False
    if prev in ("capital", "city", "town"):
        return False
    if _possessive(doc, end):
        return not (end < n and lowers[end] in GEOGRAPHIC_NOUNS)
    if prev in ("by", "against") or prev in ADDRESS_VERBS:
        return True
    if verb_follows(doc, end) or _partner_follows(doc, end):
        return prev not in PREPOSITIONS
    if prev == "with":
        return any(lowers[k] in RELATION_NOUNS for k in range(max(0, start - 4), start - 1))
    if prev == "of" and start >= 2:
        return lowers[start - 2] in GOVERNMENT_NOUNS
    return False


def _agent(doc: Doc, start: int, starts_by_end: Mapping[int, int]) -> bool:
    """ "backed by Iran and Russia", "its allies Russia and Iran", "objections from Russia":
    a country after "by", a word for allies or "from" a source noun, or listed after one."""
    for _ in range(8):
        if not start or not doc.plain_gap(start):
            return False
        prev = doc.lowers[start - 1]
        before = doc.lowers[start - 2] if start >= 2 else ""
        if prev == "by" or prev in _PATRONS or (prev == "from" and before in SOURCE_NOUNS):
            return True  # "backed by Iran", "its allies Russia and Iran", "objections from Russia"
        if prev in ("and", "or") and start - 1 in starts_by_end:
            start = starts_by_end[start - 1]
        elif doc.comma_before(start) and start in starts_by_end:
            start = starts_by_end[start]
        else:
            return False
    return False


def country_acts(doc: Doc, start: int, end: int, countries_at: Mapping[int, int]) -> bool:
    """Whether the country at ``start``..``end`` is the subject of a government verb, or the
    agent after "by"; ``countries_at`` maps the first word of each country mention to its end
    ("Israel and Jordan accept": both act)."""
    prev = doc.lowers[start - 1] if start and doc.plain_gap(start) else ""
    if _agent(doc, start, {e: s for s, e in countries_at.items()}):
        return True
    if prev == "of" and start >= 2 and doc.lowers[start - 2] in _STATE_NOUNS:
        return not _possessive(doc, end)  # "the goals of Israel", "the government of Turkey"
    if prev in PREPOSITIONS or prev in ("capital", "northern", "southern", "eastern", "western"):
        return False
    j, n = end, len(doc.words)
    while j < n:
        if doc.lowers[j] in ("and", "or") and doc.plain_gap(j) and j + 1 in countries_at:
            j = countries_at[j + 1]
        elif doc.comma_before(j) and j in countries_at:
            j = countries_at[j]
        else:
            break
    return not _possessive(doc, j) and verb_follows(doc, j)


def is_dateline(doc: Doc, start: int, end: int, agencies: frozenset[int]) -> bool:
    """ "MOSCOW (Sputnik) -", "DAMASCUS, Syria (AP) -", "Aleppo, SANA -": a dateline."""
    n = len(doc.words)
    words = [doc.raw(k) for k in range(start, end) if doc.keys[k]]
    shouting = all(w.isupper() and len(w) > 1 for w in words)
    opening = start == 0 or doc.raw(start - 1).isdigit() or bool(set(doc.gaps[start]) & set(".\n"))
    if not (shouting or opening):
        return False
    j = end
    if j + 1 < n and j not in agencies and doc.comma_before(j) and doc.is_capitalised(j):
        j += 1  # ", Syria"
    if j >= n:
        return False
    gap = doc.gaps[j].strip()
    if j in agencies and len(gap) <= 3 and "." not in gap:
        return True
    return shouting and gap[:1] in _DASHES
