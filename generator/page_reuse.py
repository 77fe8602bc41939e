"""Pages of the previous site that a build can keep instead of rendering them again.

Every file the build writes has a key: a digest of all it is made from (for a page, the program,
the templates, the gazetteer and every value the template gets; for another file, its text).
The ledger of the last published site says which key each of its files had, and the file's
size, modification time and inode as the build left it. A file whose key is unchanged and that
nobody touched since is hard-linked into the staging folder (copied where links are not
possible); the rest are written. Nothing ever writes into a file in place, so a link never
changes the previous site, and the staging folder still replaces the site in one rename.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from generator.digest import digest


@dataclass(frozen=True)
class Kept:
    """One file of a published site: its key, and how it looked when the build wrote it."""

    key: str
    size: int
    mtime_ns: int
    inode: int


Ledger = Mapping[str, Kept]  # site-relative path -> file


def ledger_key(out_dir: Path) -> str:
    """Where the cache keeps the ledger of the site published at ``out_dir``."""
    return digest("site ledger", out_dir.resolve().as_posix())


def _identity(path: Path) -> tuple[int, int, int] | None:
    try:
        stat = os.lstat(path)
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns, stat.st_ino


class PageReuse:
    """Links unchanged files from the previous site and records the new site's ledger."""

    def __init__(self, previous_site: Path | None = None, ledger: Ledger | None = None) -> None:
        self._previous = previous_site
        self._ledger = ledger or {}
        self.written: dict[str, Kept] = {}
        self.linked = 0

    def keep(self, path: str, key: str, target: Path) -> bool:
        """Link the previous site's file for ``path`` into ``target`` if its key is ``key``
        and it is as the last build left it; False when it must be written."""
        kept = self._ledger.get(path)
        if self._previous is None or kept is None or kept.key != key:
            return False
        old = self._previous / path
        if _identity(old) != (kept.size, kept.mtime_ns, kept.inode):
            return False
        new = target / path
        new.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(old, new)
        except OSError:
            try:
                shutil.copy2(old, new)
            except OSError:
                return False
        self.linked += 1
        return True

    def record(self, path: str, key: str, target: Path) -> None:
        """Note the key of a file just written or linked under ``target``."""
        identity = _identity(target / path)
        if identity is not None:
            self.written[path] = Kept(key, *identity)
