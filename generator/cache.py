"""The build cache: values from earlier builds, found by a digest of everything they depend on.

One SQLite file (``.dossier-cache/build.sqlite`` beside the content folder), so a write is one
transaction and a build killed at any moment leaves the file as it was. A key is a digest of
every input of the value, so an entry is never stale, only unused; entries a build did not use
are dropped at the end of it. Whatever goes wrong reading (a corrupt or foreign file, a value
that no longer unpickles) is a miss, and a cache that cannot be written is turned off: the
cache can make a build faster, never different.
"""

from __future__ import annotations

import contextlib
import logging
import pickle
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

CACHE_DIR = ".dossier-cache"
FILE_NAME = "build.sqlite"
SCHEMA = 1
_BATCH = 500  # keys per SELECT (SQLite limits the number of parameters)


class BuildCache:
    """Pickled values by (kind, key); does nothing when opened without a folder."""

    def __init__(self, folder: Path | None) -> None:
        self._db: sqlite3.Connection | None = None
        self._used: dict[str, set[str]] = {}
        if folder is not None:
            self._db = _connect(folder / FILE_NAME)

    @property
    def enabled(self) -> bool:
        return self._db is not None

    def keys(self, kind: str, keys: Sequence[str]) -> set[str]:
        """Which of ``keys`` have an entry (that may still turn out unreadable)."""
        self._used.setdefault(kind, set()).update(keys)
        return {key for key, _ in self._rows(kind, keys, "NULL")}

    def get_many(self, kind: str, keys: Sequence[str]) -> dict[str, Any]:
        """The values found for ``keys`` (missing and unreadable ones are left out)."""
        self._used.setdefault(kind, set()).update(keys)
        found: dict[str, Any] = {}
        for key, blob in self._rows(kind, keys):
            try:
                found[key] = pickle.loads(blob)
            except Exception:  # noqa: BLE001  (any bad value is a miss)
                log.debug("unreadable cache entry %s/%s", kind, key)
        return found

    def get(self, kind: str, key: str) -> Any | None:
        return self.get_many(kind, [key]).get(key)

    def put_many(self, kind: str, items: Iterable[tuple[str, Any]]) -> None:
        """Store values in one transaction; a failure turns the cache off for this build."""
        if self._db is None:
            return
        rows = [(kind, key, pickle.dumps(value, pickle.HIGHEST_PROTOCOL)) for key, value in items]
        self._used.setdefault(kind, set()).update(key for _, key, _ in rows)
        self._write(lambda db: db.executemany("INSERT OR REPLACE INTO entry VALUES (?,?,?)", rows))

    def put(self, kind: str, key: str, value: Any) -> None:
        self.put_many(kind, [(key, value)])

    def forget_unused(self, kind: str) -> None:
        """Drop the entries of ``kind`` this build neither read nor wrote."""
        if self._db is None:
            return
        used = self._used.get(kind, set())

        def prune(db: sqlite3.Connection) -> None:
            db.execute("CREATE TEMP TABLE IF NOT EXISTS used (key TEXT PRIMARY KEY)")
            db.execute("DELETE FROM used")
            db.executemany("INSERT OR IGNORE INTO used VALUES (?)", ((k,) for k in used))
            db.execute(
                "DELETE FROM entry WHERE kind = ? AND key NOT IN (SELECT key FROM used)", (kind,)
            )

        self._write(prune)

    def __enter__(self) -> BuildCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None

    def _rows(
        self, kind: str, keys: Sequence[str], column: str = "value"
    ) -> Iterator[tuple[str, bytes]]:
        if self._db is None:
            return
        try:
            for start in range(0, len(keys), _BATCH):
                batch = list(keys[start : start + _BATCH])
                marks = ",".join("?" * len(batch))
                yield from self._db.execute(
                    f"SELECT key, {column} FROM entry WHERE kind = ? AND key IN ({marks})",
                    (kind, *batch),
                )
        except sqlite3.Error as exc:
            log.warning("build cache unreadable (%s); building without it", exc)
            self.close()

    def _write(self, action: Any) -> None:
        if self._db is None:
            return
        try:
            with self._db:
                action(self._db)
        except sqlite3.Error as exc:
            log.warning("build cache not writable (%s); building without it", exc)
            self.close()


def _connect(path: Path) -> sqlite3.Connection | None:
    """The cache database, created if missing and recreated if it is not ours or corrupt."""
    for attempt in range(2):
        db: sqlite3.Connection | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(path, timeout=30)
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version != SCHEMA:
                db.executescript(
                    "DROP TABLE IF EXISTS entry;"
                    "CREATE TABLE entry (kind TEXT, key TEXT, value BLOB, PRIMARY KEY (kind, key));"
                    f"PRAGMA user_version = {SCHEMA};"
                )
            db.execute("SELECT count(*) FROM entry WHERE kind = ''").fetchone()
            return db
        except (sqlite3.Error, OSError) as exc:
            log.warning("build cache %s unusable (%s)", path, exc)
            if db is not None:
                db.close()
            if attempt == 0:
                with contextlib.suppress(OSError):
                    path.unlink()
    return None


NO_CACHE = BuildCache(None)


def cache_dir(content_dir: Path) -> Path:
    """The build cache's folder beside the content folder (``content/.dossier-cache``)."""
    return content_dir.parent / CACHE_DIR


def open_cache(content_dir: Path, enabled: bool = True) -> BuildCache:
    """The cache beside the content folder, or none."""
    return BuildCache(cache_dir(content_dir) if enabled else None)
