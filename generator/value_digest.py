"""Digests of the values templates get, for the keys of pages the build can keep.

Kept apart from :mod:`generator.digest` so that the cleaning code's fingerprint, which names
that module, does not change with it.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Mapping
from typing import Any

#: Metadata of a dataclass field computed from the others (a chart's geometry from its
#: counts): left out of the digest, which the fields it comes from already decide.
DERIVED = "dossier.derived"


class ValueDigest:
    """Digests of plain values, dataclasses and the objects templates get, memoised by
    identity for the life of one build (the values are frozen and kept alive meanwhile).

    Fields marked :data:`DERIVED` are left out. Functions are named by module and qualified
    name: their code is in the code fingerprint, and what a closure captures reaches a page
    only through the values it computed.
    Raises TypeError for anything else, so nothing unknown is silently keyed by its type.
    """

    def __init__(self) -> None:
        self._memo: dict[int, tuple[Any, bytes]] = {}

    def __call__(self, value: Any) -> str:
        return self._bytes(value).hex()

    def _bytes(self, value: Any) -> bytes:
        key = id(value)  # looked up first: most values are seen again (pages share articles)
        if (hit := self._memo.get(key)) is not None and hit[0] is value:
            return hit[1]
        if value is None or isinstance(value, bool | int | float | str):
            result = hashlib.sha256(
                f"{type(value).__name__}:{value!r}".encode("utf-8", "surrogatepass")
            ).digest()
        else:
            result = hashlib.sha256(self._parts(value)).digest()
        self._memo[key] = (value, result)
        return result

    def _parts(self, value: Any) -> bytes:
        kind = type(value)
        name = f"{kind.__module__}.{kind.__qualname__}:".encode()
        if kind is tuple and (plain := _encoded(value)) is not None:
            return name + b"plain:" + plain
        if isinstance(value, tuple | list):
            return name + b"".join(map(self._bytes, value))
        if isinstance(value, frozenset | set):
            return name + b"".join(sorted(map(self._bytes, value)))
        if isinstance(value, Mapping):
            return name + b"".join(self._bytes(k) + self._bytes(v) for k, v in value.items())
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            fields = tuple(
                getattr(value, f.name)
                for f in dataclasses.fields(value)
                if not f.metadata.get(DERIVED)
            )
            if (plain := _encoded(fields)) is not None:  # most values: hashed in one go
                return name + b"plain:" + plain
            return name + b"".join(map(self._bytes, fields))
        if isinstance(value, Callable) and hasattr(value, "__qualname__"):  # type: ignore[arg-type]
            return name + f"{value.__module__}.{value.__qualname__}".encode()
        if hasattr(value, "__dict__") and kind.__module__.startswith("generator."):
            return name + self._bytes(vars(value))
        raise TypeError(f"cannot digest a {kind.__qualname__}")


_SCALARS = frozenset({type(None), bool, int, float})


def _encoded(values: tuple[Any, ...]) -> bytes | None:
    """Scalars and tuples of scalars, each length-prefixed (strings as UTF-8, the rest by
    their ``repr``, which names type and value exactly); None for anything else."""
    parts = []
    for value in values:
        kind = type(value)
        if kind is str:
            data = value.encode("utf-8", "surrogatepass")
            parts += [b"s%d:" % len(data), data]
        elif kind in _SCALARS or (
            kind is tuple and all(type(v) is str or type(v) in _SCALARS for v in value)
        ):
            data = repr(value).encode("utf-8", "surrogatepass")
            parts += [b"r%d:" % len(data), data]
        else:
            return None
    return b"".join(parts)
