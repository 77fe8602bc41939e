"""Helpers for the sharded search index: sized groups, number strings, JS key order, front coding.

Kept apart from :mod:`generator.search_shards` because none of it knows about articles or lunr:
these are the small encoding rules the browser side (``search-engine.js``) mirrors.
"""

from __future__ import annotations

import os
import re
import zlib
from collections.abc import Iterable, Sequence
from functools import lru_cache

#: Compression level used to measure files: what static servers typically send.
GZIP_LEVEL = 6

_ARRAY_INDEX = re.compile(r"(?:0|[1-9][0-9]*)\Z")
_ARRAY_INDEX_LIMIT = 2**32 - 1


def gzip_size(text: str) -> int:
    """Bytes ``text`` takes gzip-compressed (UTF-8, level :data:`GZIP_LEVEL`), as a server
    sends it; for reports only, never for deciding what goes where."""
    compressor = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, 31)
    return len(compressor.compress(text.encode("utf-8"))) + len(compressor.flush())


def pack_by_size(texts: Sequence[str], target: int, max_items: int | None = None) -> list[range]:
    """Split ``texts`` into consecutive groups of about ``target`` UTF-8 bytes each.

    A group closes as soon as it reaches ``target`` bytes (counting a separator after each
    text) or holds ``max_items``, so it overshoots by at most its last text; every group
    holds at least one text. Raw bytes, not compressed ones, because a site opened
    from file:// reads its files uncompressed, and because they cut the same everywhere.
    """
    groups: list[range] = []
    start, size = 0, 0
    limit = max_items or len(texts) or 1
    for position, text in enumerate(texts):
        size += len(text.encode("utf-8")) + 1
        if size >= target or position + 1 - start >= limit:
            groups.append(range(start, position + 1))
            start, size = position + 1, 0
    if start < len(texts):
        groups.append(range(start, len(texts)))
    return groups


#: Digits of the number strings: 32 that end a number and 32 that go on (JSON- and URL-safe).
LAST_DIGITS = "0123456789abcdefghijklmnopqrstuv"
MORE_DIGITS = "wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_"
_DIGIT_VALUE = {c: (i, False) for i, c in enumerate(LAST_DIGITS)} | {
    c: (i, True) for i, c in enumerate(MORE_DIGITS)
}


def encode_number(value: int) -> str:
    """A non-negative integer in base 32, most significant digit first; the last digit is
    from :data:`LAST_DIGITS`, the others from :data:`MORE_DIGITS` (so numbers need no
    separator): 5 -> "5", 32 -> "x0"."""
    if value < 0:
        raise ValueError(f"cannot encode the negative number {value}")
    digits = [LAST_DIGITS[value & 31]]
    value >>= 5
    while value:
        digits.append(MORE_DIGITS[value & 31])
        value >>= 5
    return "".join(reversed(digits))


#: Numbers below this are encoded by table lookup (a term's postings hold millions of them).
_TABLE_SIZE = 1 << 15


@lru_cache(maxsize=1)
def _codes() -> list[str]:
    """The code of every number below :data:`_TABLE_SIZE` (made on first use, not at import)."""
    return [encode_number(value) for value in range(_TABLE_SIZE)]


@lru_cache(maxsize=1)
def _code_values() -> dict[str, int]:
    return {code: value for value, code in enumerate(_codes())}


def encode_numbers(values: Iterable[int]) -> str:
    """Non-negative integers as one string of :func:`encode_number` codes."""
    values = values if isinstance(values, list) else list(values)
    if values and min(values) < 0:
        raise ValueError(f"cannot encode the negative number {min(values)}")
    table = _codes()
    try:
        return "".join([table[value] for value in values])
    except IndexError:  # some number is too big for the table
        return "".join(table[v] if v < _TABLE_SIZE else encode_number(v) for v in values)


_CODE = re.compile(f"[{re.escape(MORE_DIGITS)}]*[{LAST_DIGITS}]")


def decode_number(code: str) -> int:
    """The number one code of :func:`encode_number` stands for."""
    value = 0
    for char in code:
        value = value * 32 + _DIGIT_VALUE[char][0]
    return value


def decode_numbers(text: str) -> list[int]:
    """Inverse of :func:`encode_numbers` (incremental builds read the cached strings with it;
    the browser has its own copy). Raises ValueError on a string that is not one."""
    codes = _CODE.findall(text)
    if sum(map(len, codes)) != len(text):
        raise ValueError("not a number string (a stray character, or it ends inside a number)")
    table = _code_values()
    try:
        return [table[code] for code in codes]
    except KeyError:  # a number beyond the table
        return [table[code] if code in table else decode_number(code) for code in codes]


def is_array_index(key: str) -> bool:
    """Whether JavaScript treats the property name ``key`` as an array index ("0", "42")."""
    return bool(_ARRAY_INDEX.match(key)) and int(key) < _ARRAY_INDEX_LIMIT


def js_key_order(keys: Iterable[str]) -> list[str]:
    """The order ``Object.keys`` lists an object parsed from JSON with ``keys`` in this order.

    Array-index keys come first in numeric order, the other keys after them as written.
    """
    keys = list(keys)
    indices = sorted((key for key in keys if is_array_index(key)), key=int)
    return indices + [key for key in keys if not is_array_index(key)]


def _code_units(term: str) -> bytes:
    """``term`` as UTF-16 code units (two bytes each), JavaScript's view of a string."""
    return term.encode("utf-16-be", "surrogatepass")


def _shared_units(previous: bytes, current: bytes) -> int:
    """Code units two UTF-16 strings share at the start, never splitting a surrogate pair."""
    shared = len(os.path.commonprefix([previous, current])) // 2
    if shared and 0xD8 <= current[2 * shared - 2] <= 0xDB:  # a high surrogate: keep its pair
        shared -= 1
    return shared


def front_code(terms: Sequence[str]) -> str:
    """Sorted ``terms`` as one string: per term the code units it shares with the one before
    (hexadecimal), "|", and the rest; terms separated by spaces (no term holds whitespace)."""
    parts = []
    previous = b""
    for term in terms:
        if " " in term:
            raise ValueError(f"term {term!r} holds a space")
        current = _code_units(term)
        shared = _shared_units(previous, current)
        rest = current[2 * shared :].decode("utf-16-be", "surrogatepass")
        parts.append(f"{shared:x}|{rest}")
        previous = current
    return " ".join(parts)


def front_decode(text: str) -> list[str]:
    """Inverse of :func:`front_code` (the tests use it; the browser has its own copy)."""
    terms: list[str] = []
    previous = b""
    for part in text.split(" ") if text else []:
        shared, _, rest = part.partition("|")
        current = previous[: 2 * int(shared, 16)] + _code_units(rest)
        terms.append(current.decode("utf-16-be", "surrogatepass"))
        previous = current
    return terms
