"""Names no gazetteer has: a run of capitalised words is a place where the text presents it as
one ("the village of X", "X and Y villages", "in Tal X", "between Hajin and X"), and keeps the
text's spelling."""

from __future__ import annotations

from generator.extract_context import is_dateline
from generator.extract_scan import BIG_KINDS, Found, Scan, list_joined, match_at
from generator.extract_text import Doc
from generator.extract_words import (
    ARTICLE_WORDS,
    DIRECTIONS,
    GOVERNMENT_VERBS,
    LOCATIVES,
    NAME_ENDINGS,
    NOT_NAME_WORDS,
    PLACE_SUFFIXES,
    PREPOSITIONS,
    TOPONYM_HEADS,
)
from generator.toponyms import display_name, name_key, strip_possessive

_STRONG_LOCATIVES = LOCATIVES - {"to", "from"}
_HEADS = TOPONYM_HEADS - DIRECTIONS
_LIST_ENDS = (PREPOSITIONS - {"from", "of", "by", "with", "for", "to", "about", "against"}) | {
    "and",
    "or",
    "while",
    "when",
    "where",
    "as",
    "since",
}


def _listed_tail(s: Scan, start: int, k: int, state: str | None) -> bool:
    """ "in Tal Al Senowbarat Al Qarasi Al Mansoura": a place listed after other names without
    a comma, in a run that the text presents as places."""
    doc = s.doc
    if state is None or state == "sub" or doc.lowers[k] not in ("al", "el") or doc.gaps[k] != " ":
        return False
    if k + 1 < len(doc.words) and doc.lowers[k + 1] in NAME_ENDINGS:
        return False
    return sum(1 for j in range(start, k) if doc.lowers[j] not in ARTICLE_WORDS) >= 2


def big_tail(s: Scan, start: int, end: int, state: str | None) -> tuple[int, str] | None:
    """A city or bigger place ending a run of unknown words ("Millis Idlib"), or a listed place
    after a spaced article ("Al Qarasi Al Mansoura"): (start, name)."""
    doc = s.doc
    for k in range(start + 1, end):
        match = match_at(s, k)
        if match is None or match[0] != end:
            continue
        name, strength = match[1]
        if not name or name in s.m.capitals or name in s.m.quiet:
            continue
        big = strength >= 1 and s.kinds.get(name) in BIG_KINDS
        listed = strength == 2 and _listed_tail(s, start, k, state)
        if (big or listed) and not is_dateline(doc, k, end, s.agencies):
            return k, name
    return None


def _toponymic(doc: Doc, start: int, end: int) -> bool:
    first = next(k for k in range(start, end) if doc.lowers[k] not in ARTICLE_WORDS)
    has_article = any(doc.lowers[k] in ARTICLE_WORDS for k in range(start, end))
    return doc.lowers[first] in TOPONYM_HEADS or has_article


def unknown(s: Scan, start: int, end: int, state: str | None, post: str | None) -> str | None:
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
    if end < len(doc.words) and doc.lowers[end] in GOVERNMENT_VERBS:
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
    """Whether a listed name ends at a comma, "and", "or", a preposition or conjunction
    ("Sifat near Aleppo", "Sifat while") or the end of a sentence."""
    if end >= len(doc.words):
        return True
    if set(doc.gaps[end]) & set(",.;:!?"):
        return True
    return not doc.caps[end] and doc.lowers[end] in _LIST_ENDS


def backfill(s: Scan, start: int) -> None:
    """ "al-Jafrah and al-Jneineh villages": earlier names of the list are places too."""
    for run in reversed(s.runs):
        if not list_joined(s.doc, run.end, start) or run.found or run.accepted or run.post:
            return
        name = unknown(s, run.start, run.end, "strong", None)
        if name is None:
            return
        s.places.append(Found(run.start, run.end, name, False, True))
        start = run.start


def drop_listed(s: Scan, start: int, sub_city: bool) -> None:
    """ "Al Ziraa and Al Halabiyeh roundabouts", "al-Zahraa and Nile Street neighborhoods":
    earlier names of the list are not places (nor towns, before a word for city districts)."""
    for run in reversed(s.runs):
        if not list_joined(s.doc, run.end, start):
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


def split_listed(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """ "Tal Al Senowbarat Al Qarasi": names listed without commas, cut before a spaced "Al"
    that follows two words of a name (not before "al-Sharqi", which ends a name)."""
    cuts = [start]
    words = 0
    for k in range(start, end - 1):
        low = doc.lowers[k]
        spaced = doc.gaps[k] == " " and doc.gaps[k + 1] == " "
        if low in ("al", "el") and words >= 2 and spaced and doc.lowers[k + 1] not in NAME_ENDINGS:
            cuts.append(k)
            words = 0
            continue
        if low not in ARTICLE_WORDS:
            words += 1
    return list(zip(cuts, [*cuts[1:], end], strict=True))


def _anchor(s: Scan, p: int, piece: int, end: int) -> tuple[int, str] | None:
    """A gazetteer name at word ``p`` of a list without commas that stands on its own: not the
    second word of "Tal X" or "X al-Y", nor followed by "al-Y": (end, name)."""
    doc = s.doc
    if p > piece and (
        doc.lowers[p - 1] in TOPONYM_HEADS
        or doc.lowers[p - 1] in ARTICLE_WORDS
        or doc.lowers[p] in ARTICLE_WORDS
    ):
        return None
    match = match_at(s, p)
    if match is None or not match[1].name or match[1].strength < 1:
        return None
    stop, name = match[0], match[1].name
    if name in s.m.quiet or (stop < end and doc.lowers[stop] in ARTICLE_WORDS):
        return None
    return stop, name


def _new_name(doc: Doc, p: int, piece: int) -> bool:
    """Whether word ``p`` opens another name ("Abdin Kafr Ain Kafr Sajna": at each "Kafr")."""
    if doc.lowers[p] not in _HEADS:
        return False
    if doc.lowers[p - 1] not in _HEADS:
        return True
    return p - 2 >= piece and doc.lowers[p - 2] in _HEADS  # "Kafr Ain | Kafr"


def anchored(s: Scan, start: int, end: int) -> list[tuple[int, int, str | None]]:
    """ "the towns of Housh Salhiya Nishabiya", "Tal Minnis Sarmada": names listed without
    commas, cut around the gazetteer's names among them: (start, end, name or None)."""
    pieces: list[tuple[int, int, str | None]] = []
    p = piece = start
    while p < end:
        if p > piece and _new_name(s.doc, p, piece):
            pieces.append((piece, p, None))  # "Tal Alam Deir Qaq": a new name
            piece = p
        found = _anchor(s, p, piece, end)
        if found is None:
            p += 1
            continue
        if piece < p:
            pieces.append((piece, p, None))
        pieces.append((p, found[0], found[1]))
        p = piece = found[0]
    if piece < end:
        pieces.append((piece, end, None))
    return pieces if len(pieces) > 1 and any(name for _, _, name in pieces) else []


def _piece_ok(s: Scan, pieces: list[tuple[int, int, str | None]], n: int) -> bool:
    """Whether an unlisted piece of a list without commas reads as a name of the list: an
    Arabic name, or one followed by another place, a comma, "and" or a direction (not "Aleppo
    Nearly 30", the start of a sentence whose full stop was lost)."""
    doc = s.doc
    a, b, _ = pieces[n]
    if _toponymic(doc, a, b):
        return True
    if n + 1 < len(pieces):
        c, d, name = pieces[n + 1]
        if name or _toponymic(doc, c, d):
            return True
    return _list_ends(doc, b) or (b < len(doc.words) and doc.lowers[b] in DIRECTIONS)


def add_listed(
    s: Scan, pieces: list[tuple[int, int, str | None]], end: int, post: str | None
) -> bool:
    """Add the places of a list without commas: the gazetteer's names and the text's others."""
    for n, (a, b, name) in enumerate(pieces):
        whole = match_at(s, a)
        if name is None and whole is not None and whole[0] == b and whole[1].name:
            name = whole[1].name  # "Kafr Sajna" after "Kafr Ain"
        if name is not None:
            s.places.append(Found(a, b, name, True))
        elif _piece_ok(s, pieces, n):
            text = unknown(s, a, b, "strong", post if b == end else None)
            if text is not None:
                s.places.append(Found(a, b, text, False, True))
    return True
