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


Identity = tuple[int, int, int]  # size, modification time (ns), inode


def _identity(path: str | Path) -> Identity | None:
    try:
        stat = os.lstat(path)
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns, stat.st_ino


def site_identities(folder: str) -> dict[str, Identity]:
    """Every file under ``folder`` (links included, not followed) by site-relative path."""
    found: dict[str, Identity] = {}
    pending = [""]
    while pending:
        relative = pending.pop()
        with os.scandir(os.path.join(folder, relative)) as entries:
            for entry in entries:
                path = f"{relative}/{entry.name}" if relative else entry.name
                if entry.is_dir(follow_symlinks=False):
                    pending.append(path)
                else:
                    stat = entry.stat(follow_symlinks=False)
                    found[path] = (stat.st_size, stat.st_mtime_ns, stat.st_ino)
    return found


class PageReuse:
    """Links unchanged files from the previous site and records the new site's ledger."""

    def __init__(self, previous_site: Path | None = None, ledger: Ledger | None = None) -> None:
        self._previous = None if previous_site is None else os.fspath(previous_site)
        self._ledger = ledger or {}
        self._folders: set[str] = set()
        self.written: dict[str, Kept] = {}
        self.linked = 0

    def unchanged(self, keys: Mapping[str, str | None]) -> bool:
        """Whether the previous site is already exactly the site of these file keys: the same
        files with the same keys, none touched since, and nothing else."""
        ledger = self._ledger
        if self._previous is None or len(keys) != len(ledger):
            return False
        for path, key in keys.items():
            kept = ledger.get(path)
            if key is None or kept is None or kept.key != key:
                return False
        try:
            found = site_identities(self._previous)
        except OSError:
            return False
        if found != {path: (k.size, k.mtime_ns, k.inode) for path, k in ledger.items()}:
            return False
        self.written = dict(ledger)
        return True

    def keep(self, path: str, key: str, target: Path) -> bool:
        """Link the previous site's file for ``path`` into ``target`` if its key is ``key``
        and it is as the last build left it, and record it; False when it must be written."""
        kept = self._ledger.get(path)
        if self._previous is None or kept is None or kept.key != key:
            return False
        old = os.path.join(self._previous, path)
        if _identity(old) != (kept.size, kept.mtime_ns, kept.inode):
            return False
        new = os.path.join(target, path)
        folder = os.path.dirname(new)
        if folder not in self._folders:
            os.makedirs(folder, exist_ok=True)
            self._folders.add(folder)
        try:
            os.link(old, new)  # the same inode: size, mtime and inode stay as recorded
        except OSError:
            try:
                shutil.copy2(old, new)
            except OSError:
                return False
            self.record(path, key, target)
        else:
            self.written[path] = kept
        self.linked += 1
        return True

    def record(self, path: str, key: str, target: Path) -> None:
        """Note the key of a file just written under ``target``."""
        identity = _identity(os.path.join(target, path))
        if identity is not None:
            self.written[path] = Kept(key, *identity)
