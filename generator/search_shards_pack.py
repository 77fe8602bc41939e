"""Helpers for the sharded search index: gzip-sized groups, JavaScript key order, front coding.

Kept apart from :mod:`generator.search_shards` because none of it knows about articles or lunr:
these are the small encoding rules the browser side (``search-engine.js``) mirrors.
"""

from __future__ import annotations

import os
import re
import zlib
from collections.abc import Iterable, Sequence

#: Compression level used to measure files: what static servers typically send.
GZIP_LEVEL = 6
#: Raw bytes added to a group between two measurements of its compressed size.
PROBE_BYTES = 1024

_ARRAY_INDEX = re.compile(r"(?:0|[1-9][0-9]*)\Z")
_ARRAY_INDEX_LIMIT = 2**32 - 1


def _gzip_compressor() -> zlib._Compress:
    """A deflate stream with a gzip header and trailer (``wbits=31``), as a server sends."""
    return zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, 31)


def gzip_size(text: str) -> int:
    """Bytes ``text`` takes gzip-compressed (UTF-8, level :data:`GZIP_LEVEL`)."""
    compressor = _gzip_compressor()
    return len(compressor.compress(text.encode("utf-8"))) + len(compressor.flush())


def pack_by_gzip(texts: Sequence[str], target: int, max_items: int | None = None) -> list[range]:
    """Split ``texts`` into consecutive groups that each compress to about ``target`` bytes.

    A group closes as soon as its measured gzip size reaches ``target`` (measured every
    :data:`PROBE_BYTES` raw bytes, so it overshoots by little) or it holds ``max_items``.
    Every group holds at least one text; a text bigger than ``target`` is a group of its own.
    """
    groups: list[range] = []
    start = 0
    while start < len(texts):
        end = _group_end(texts, start, target, max_items or len(texts))
        groups.append(range(start, end))
        start = end
    return groups


def _group_end(texts: Sequence[str], start: int, target: int, max_items: int) -> int:
    """End (exclusive) of the group that starts at ``texts[start]``."""
    compressor = _gzip_compressor()
    emitted, unmeasured = 0, 0
    for position in range(start, len(texts)):
        data = texts[position].encode("utf-8") + b","
        emitted += len(compressor.compress(data))
        unmeasured += len(data)
        if position + 1 - start >= max_items:
            return position + 1
        if unmeasured >= PROBE_BYTES:
            unmeasured = 0
            if emitted + len(compressor.copy().flush()) >= target:
                return position + 1
    return len(texts)


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
