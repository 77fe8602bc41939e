"""Cleaned markdown files a build found holding just what it would write, known again by their
file-system identity, so a rebuild need not read every unchanged file of the content folder."""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Mapping
from pathlib import Path

from generator import sources
from generator.sources import Identity

Entry = tuple[Identity, bytes]  # the file's identity, a digest of its text


def text_digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


class ContentMemo:
    """Which content files held which text when an earlier build looked, and, for the next
    build, which hold it now (only files that had not changed just before this build began)."""

    def __init__(self, earlier: Mapping[str, Entry] | None = None) -> None:
        self._earlier = earlier or {}
        self._settled = time.time_ns() - sources.SETTLED_NS
        self.found: dict[str, Entry] = {}

    @property
    def changed(self) -> bool:
        """Whether what this build found differs from what the earlier one did."""
        return self.found != self._earlier

    def holds(self, path: Path, digest: bytes) -> bool:
        """Whether the file at ``path`` still holds the text of ``digest`` (a
        :func:`text_digest`), without reading it; True only when an earlier build saw it hold
        that text and it was not changed since."""
        name = os.fspath(path)
        known, seen = self._earlier.get(name), sources.identity(name)
        if known is None or seen is None or known != (seen, digest):
            return False
        self.found[name] = known
        return True

    def note(self, path: Path, digest: bytes) -> None:
        """Remember that the file at ``path`` holds the text of ``digest`` (read or written
        just now)."""
        name = os.fspath(path)
        seen = sources.identity(name)
        if seen is not None and max(seen[1], seen[2]) < self._settled:
            self.found[name] = (seen, digest)
