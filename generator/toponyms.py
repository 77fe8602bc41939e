"""Normalised keys for names written in many transliterations, and a word tokeniser.

``name_key("Deir Ezzur") == name_key("Deir al-Zor") == name_key("Dayr az-Zawr")``. A key drops
diacritics, apostrophes and Arabic articles (al-, el-, ez-, ash-, ...), treats hyphens as spaces,
folds the vowel spellings of Arabic transliteration (e/a/i, o/u/ou, ee/i, ei/ey/ay, aw/ou),
q/k, dh/d, th/t, doubled letters and a final -ah/-eh. It keeps a word's consonants and its first
vowel's quality, so Iraq and Arak, Syria and Sarah stay apart.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

_ARTICLE_WORDS = "al el il ul ar er as es ash esh at et ath ad ed adh az ez an en l"
ARTICLES = frozenset(_ARTICLE_WORDS.split())
_APOSTROPHES = "'’‘`´ʿʾʼ"
_FOLD = str.maketrans(
    {
        **{c: "" for c in _APOSTROPHES},
        "ı": "i",
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
        "ð": "d",
        "þ": "th",
    }
)
_ASSIMILATED = re.compile(r"^[ae](sh|th|dh|[tdrszn])(?=\1[a-z]{2})")
_DIGRAPHS = (
    ("dj", "j"),
    ("q", "k"),
    ("ck", "k"),
    ("ph", "f"),
    ("dh", "d"),
    ("th", "t"),
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("ei", "ay"),
    ("ey", "ay"),
    ("ai", "ay"),
)
_W_VOWEL = re.compile(r"aw(?![aeiouy])")
_VOWELS = re.compile(r"[aeiou]+")
_DOUBLES = re.compile(r"(.)\1+")
_SYNONYMS = {"kfar": "kafr", "kafar": "kafr", "kfr": "kafr", "jbal": "jabal", "jabl": "jabal"}
_SPLIT = re.compile(r"[^0-9a-z]+")
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


class Token(NamedTuple):
    """A word of a text: its span and its text."""

    start: int
    end: int
    text: str


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Strip diacritics and apostrophes, keep letters, digits and separators."""
    if text.isascii():
        return text.translate(_FOLD)
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=200_000)
def token_key(word: str) -> str:
    """The key of one word; "" for an Arabic article."""
    text = fold(word).lower()
    if not text.isascii() or not text.isalnum():
        text = "".join(_SPLIT.split(text))
    if text in ARTICLES or not text:
        return ""
    if text.isdigit():
        return text
    match = _ASSIMILATED.match(text)
    if match:
        text = text[match.end() - len(match.group(1)) :]
    for old, new in _DIGRAPHS:
        text = text.replace(old, new)
    text = _W_VOWEL.sub("u", text)
    if text.endswith("y") and len(text) > 2:
        text = text[:-1] + "i"
    head, rest = text[0], text[1:]
    head = {"e": "a", "o": "u"}.get(head, head)
    text = head + _VOWELS.sub(lambda m: "u" if set(m.group()) <= {"o", "u"} else "a", rest)
    text = _DOUBLES.sub(r"\1", text)
    if len(text) > 3 and text.endswith("ah"):
        text = text[:-1]
    return _SYNONYMS.get(text, text)


@lru_cache(maxsize=200_000)
def plain_key(word: str) -> str:
    """A word as written, without case, diacritics, apostrophes or Arabic article."""
    text = "".join(_SPLIT.split(fold(word).lower()))
    return "" if text in ARTICLES else text


@lru_cache(maxsize=200_000)
def plain_name_key(name: str) -> str:
    """The plain key of a name of one or more words (no spelling variants folded)."""
    words = _SPLIT.split(fold(name).lower())
    return " ".join(k for k in (plain_key(w) for w in words if w) if k)


@lru_cache(maxsize=200_000)
def name_key(name: str) -> str:
    """The key of a name of one or more words."""
    words = _SPLIT.split(fold(name).lower())
    return " ".join(k for k in (token_key(w) for w in words if w) if k)


def tokenize(text: str) -> tuple[Token, ...]:
    """The words of ``text`` with their spans (apostrophes inside a word are kept)."""
    return tuple(Token(m.start(), m.end(), m.group()) for m in WORD.finditer(text))


def strip_possessive(word: str) -> str:
    """ "Iraq’s" -> "Iraq"; other words unchanged."""
    if len(word) > 3 and word[-2] in "'’" and word[-1] in "sS":
        return word[:-2]
    return word


def display_name(words: list[str], gaps: list[str]) -> str:
    """A tidy spelling of a name taken from a text: "al Jafrah" -> "Al-Jafrah".

    ``gaps`` holds the separators between consecutive ``words``. A leading Arabic article is
    written "Al-", one inside the name "al-".
    """
    out: list[str] = []
    for i, word in enumerate(words):
        word = strip_possessive(word) if i == len(words) - 1 else word
        if i and not out[-1].endswith("-"):
            out.append("-" if gaps[i - 1].strip() in {"-", "‐", "–"} else " ")
        if word.lower() in {"al", "el"} and i < len(words) - 1:
            out.append("Al-" if i == 0 else "al-")
        else:
            out.append(word)
    return "".join(out)
