"""A text prepared for extraction: its words, their keys and how they are joined."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, NamedTuple

from generator.toponyms import Token, plain_key, token_key, tokenize

_DOTTED = re.compile(r"\b([A-Z])\.([A-Z])\.(?:([A-Z])\.)?")
_HYPHENS = frozenset({"-", "‐", "‑"})
_BREAKS = frozenset('.;:!?()[]{}"“”')


class Mention(NamedTuple):
    """Words ``start``..``end`` (exclusive) of a text naming ``name`` (None: a non-actor)."""

    start: int
    end: int
    name: str | None
    agency: bool = False


@dataclass(frozen=True)
class Doc:
    """Words of a text with their keys; ``tight[i]``: word i follows word i-1 in one phrase."""

    text: str
    tokens: tuple[Token, ...]
    keys: tuple[str, ...]
    plains: tuple[str, ...]
    lowers: tuple[str, ...]
    gaps: tuple[str, ...]
    tight: tuple[bool, ...]
    hyphen: tuple[bool, ...]

    def raw(self, i: int) -> str:
        """The word as written."""
        return self.tokens[i].text

    def is_capitalised(self, i: int) -> bool:
        """Whether word ``i`` starts with a capital letter."""
        return self.tokens[i].text[0].isupper()

    def plain_gap(self, i: int) -> bool:
        """Whether only spaces or commas separate word ``i`` from word ``i - 1``."""
        return 0 < i < len(self.tokens) and not (set(self.gaps[i]) & _BREAKS)

    def comma_before(self, i: int) -> bool:
        """Whether word ``i`` follows a comma (and nothing else but spaces)."""
        return 0 < i < len(self.tokens) and self.gaps[i].strip() == ","


def make_doc(text: str) -> Doc:
    """Tokenise ``text`` ("U.S." is read as "US")."""
    text = _DOTTED.sub(lambda m: "".join(g for g in m.groups() if g), text)
    tokens = tokenize(text)
    gaps = tuple(
        text[tokens[i - 1].end : tok.start] if i else text[: tok.start]
        for i, tok in enumerate(tokens)
    )
    tight = tuple(
        bool(i) and (g in _HYPHENS or (g.strip(" ") == "" and 0 < len(g) <= 2))
        for i, g in enumerate(gaps)
    )
    return Doc(
        text=text,
        tokens=tokens,
        keys=tuple(token_key(t.text) for t in tokens),
        plains=tuple(plain_key(t.text) for t in tokens),
        lowers=tuple(t.text.lower() for t in tokens),
        gaps=gaps,
        tight=tight,
        hyphen=tuple(g in _HYPHENS for g in gaps),
    )


def longest(
    doc: Doc, i: int, keys: dict[str, Any], prefixes: frozenset[str]
) -> tuple[int, Any] | None:
    """The longest phrase of ``keys`` starting at word ``i``: (end, value) or None."""
    best = None
    key = ""
    for j in range(i, len(doc.tokens)):
        if j > i and not doc.tight[j]:
            break
        part = doc.keys[j]
        if not part:
            continue
        key = f"{key} {part}" if key else part
        value = keys.get(key)
        if value is not None:
            best = (j + 1, value)
        if key not in prefixes:
            break
    return best
