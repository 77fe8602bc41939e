"""Context rules: capitals speaking for governments, countries acting, datelines."""

from __future__ import annotations

from collections.abc import Mapping

from generator.extract_text import Doc
from generator.extract_words import (
    AUXILIARIES,
    GEOGRAPHIC_NOUNS,
    GOVERNMENT_NOUNS,
    GOVERNMENT_VERBS,
    LOCATIVES,
    PREPOSITIONS,
    RELATION_NOUNS,
)

_DASHES = ("(", "-", "–", "—", ":", ",")


def _possessive(doc: Doc, end: int) -> bool:
    raw = doc.raw(end - 1)
    after = doc.gaps[end] if end < len(doc.tokens) else ""
    return raw[-2:] in ("'s", "’s") or after.startswith(("'", "’"))


def verb_follows(doc: Doc, end: int) -> bool:
    """Whether a government verb follows word ``end - 1`` in the same clause ("X has said")."""
    j, n = end, len(doc.tokens)
    while j < n and doc.lowers[j] in AUXILIARIES and j - end < 3 and doc.plain_gap(j):
        j += 1
    return (
        j < n
        and doc.lowers[j] in GOVERNMENT_VERBS
        and doc.plain_gap(j)
        and (doc.gaps[j].strip() == "")
    )


def capital_is_government(doc: Doc, start: int, end: int) -> bool:
    """Whether a capital at words ``start``..``end`` stands for its government."""
    lowers, n = doc.lowers, len(doc.tokens)
    prev = lowers[start - 1] if start and doc.plain_gap(start) else ""
    if prev in LOCATIVES and prev not in ("to", "from", "between"):
        return False
    if prev in ("capital", "city", "town"):
        return False
    if _possessive(doc, end):
        return not (end < n and lowers[end] in GEOGRAPHIC_NOUNS)
    if verb_follows(doc, end):
        return prev not in PREPOSITIONS
    if prev in ("by", "against"):
        return True
    if prev == "with":
        return any(lowers[k] in RELATION_NOUNS for k in range(max(0, start - 4), start - 1))
    if prev == "of" and start >= 2:
        return lowers[start - 2] in GOVERNMENT_NOUNS
    return False


def country_acts(doc: Doc, start: int, end: int, countries_at: Mapping[int, int]) -> bool:
    """Whether the country at ``start``..``end`` is the subject of a government verb, or the
    agent after "by"; ``countries_at`` maps the first word of each country mention to its end
    ("Israel and Jordan accept": both act)."""
    prev = doc.lowers[start - 1] if start and doc.plain_gap(start) else ""
    if prev == "by":
        return True
    if prev in PREPOSITIONS or prev in ("capital", "northern", "southern", "eastern", "western"):
        return False
    j, n = end, len(doc.tokens)
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
    n = len(doc.tokens)
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
