"""A text prepared for extraction: its words, their keys and how they are joined."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

from generator.toponyms import WORD, plain_key, token_key

_DOTTED = re.compile(r"\b([A-Z])\.([A-Z])\.(?:([A-Z])\.)?")
_DOTTED_HINT = re.compile(r"[A-Z]\.[A-Z]\.")  # cheaper to scan for than _DOTTED
_SPLIT = re.compile(f"({WORD.pattern})")
_HYPHENS = frozenset({"-", "‐", "‑"})
_BREAKS = frozenset('.;:!?()[]{}"“”')


class Mention(NamedTuple):
    """Words ``start``..``end`` (exclusive) of a text naming ``name`` (None: a non-actor)."""

    start: int
    end: int
    name: str | None
    agency: bool = False


@dataclass(frozen=True, eq=False)
class Doc:
    """Words of a text with their keys; ``gaps[i]`` is what separates word i from word i-1,
    ``tight[i]``: word i follows word i-1 in one phrase."""

    text: str
    words: tuple[str, ...]
    keys: tuple[str, ...]
    plains: tuple[str, ...]
    lowers: tuple[str, ...]
    caps: tuple[bool, ...]
    gaps: tuple[str, ...]
    tight: tuple[bool, ...]
    hyphen: tuple[bool, ...]
    clear: tuple[bool, ...]

    @property
    def n(self) -> int:
        """The number of words."""
        return len(self.words)

    def raw(self, i: int) -> str:
        """The word as written."""
        return self.words[i]

    def is_capitalised(self, i: int) -> bool:
        """Whether word ``i`` starts with a capital letter."""
        return self.caps[i]

    def plain_gap(self, i: int) -> bool:
        """Whether only spaces or commas separate word ``i`` from word ``i - 1``."""
        return 0 < i < len(self.words) and self.clear[i]

    def comma_before(self, i: int) -> bool:
        """Whether word ``i`` follows a comma (and nothing else but spaces)."""
        return 0 < i < len(self.words) and self.gaps[i].strip() == ","


@lru_cache(maxsize=4096)
def _gap_kind(gap: str) -> tuple[bool, bool, bool]:
    """(tight, hyphen, clear) of the text between two words."""
    hyphen = gap in _HYPHENS
    tight = hyphen or (gap.strip(" ") == "" and 0 < len(gap) <= 2)
    return tight, hyphen, not (set(gap) & _BREAKS)


@lru_cache(maxsize=200_000)
def _word_info(word: str) -> tuple[str, str, str, bool]:
    """(tolerant key, plain key, lower case, capitalised) of a word."""
    return token_key(word), plain_key(word), word.lower(), word[0].isupper()


def make_doc(text: str) -> Doc:
    """Tokenise ``text`` ("U.S." is read as "US")."""
    if "." in text and _DOTTED_HINT.search(text):
        text = _DOTTED.sub(lambda m: "".join(g for g in m.groups() if g), text)
    parts = _SPLIT.split(text)
    words = tuple(parts[1::2])
    gaps = tuple(parts[0:-1:2])
    kinds = list(map(_gap_kind, gaps))
    if kinds:
        kinds[0] = (False, kinds[0][1], kinds[0][2])
    tight, hyphen, clear = zip(*kinds, strict=True) if kinds else ((), (), ())
    keys, plains, lowers, caps = (
        zip(*map(_word_info, words), strict=True) if words else ((), (), (), ())
    )
    return Doc(
        text=text,
        words=words,
        keys=keys,
        plains=plains,
        lowers=lowers,
        caps=caps,
        gaps=gaps,
        tight=tight,
        hyphen=hyphen,
        clear=clear,
    )


def longest(
    doc: Doc, i: int, keys: dict[str, Any], prefixes: frozenset[str]
) -> tuple[int, Any] | None:
    """The longest phrase of ``keys`` starting at word ``i``: (end, value) or None."""
    best = None
    key = ""
    dkeys, tight = doc.keys, doc.tight
    for j in range(i, len(dkeys)):
        if j > i and not tight[j]:
            break
        part = dkeys[j]
        if not part:
            continue
        key = f"{key} {part}" if key else part
        value = keys.get(key)
        if value is not None:
            best = (j + 1, value)
        if key not in prefixes:
            break
    return best
