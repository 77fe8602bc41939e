"""Discover raw input files, decode them, and attach sidecar manifest metadata."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterator
from pathlib import Path

from generator.decode import decode_bytes
from generator.errors import InputError, Problem
from generator.models import RawDocument, SidecarMeta

KINDS = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".md": "markdown"}
KINDS[".markdown"] = "markdown"
MANIFEST_NAMES = ("manifest.jsonl", "manifest.csv")
# Files that document a folder of raw articles rather than being one.
NOT_ARTICLES = ("readme", "license", "licence", "notice", "changelog", "copying")
URL_KEYS = ("url", "link", "source_url")
PUBLISHER_KEYS = ("publisher", "source", "site", "site_name")
CRAWL_KEYS = ("crawl_date", "crawled", "crawled_at", "fetched", "retrieved")
MIB = 1024 * 1024
MAX_RAW_BYTES = 2 * MIB  # an article's page; the largest of the sample archive is 142 KB
MAX_CONTENT_BYTES = 16 * MIB  # a cleaned or hand-written article: markdown, never cleaned
MAX_MANIFEST_BYTES = 64 * MIB  # a manifest of some 200,000 files


def is_raw_article(path: Path) -> bool:
    """True for a file the build should treat as one raw article."""
    if path.name.startswith(".") or path.name in MANIFEST_NAMES:
        return False
    if path.stem.lower() in NOT_ARTICLES:
        return False
    return path.suffix.lower() in KINDS


def discover(raw_dir: Path, problems: list[Problem] | None = None) -> list[Path]:
    """Every raw article file under ``raw_dir``, sorted by relative path; a link to a folder
    is not followed (it could lead anywhere, or round in a circle) and becomes a problem."""
    if not raw_dir.is_dir():
        return []
    found = []
    for path in raw_dir.rglob("*"):
        if path.is_file():
            if is_raw_article(path):
                found.append(path)
        elif problems is not None and path.is_symlink() and path.is_dir():
            problems.append(Problem(path.as_posix(), "is a symlink to a folder; not followed"))
    return sorted(found, key=lambda p: p.relative_to(raw_dir).as_posix())


def decode(data: bytes, name: str) -> str:
    """The text of a file's bytes (see :mod:`generator.decode`); raises InputError."""
    return decode_bytes(data, name).text


def read_bounded(path: Path, limit: int) -> bytes:
    """A file's bytes; raises InputError, without reading it, for one larger than ``limit``
    (the cleaner's time grows faster than the size of a page, and memory with it)."""
    size = path.stat().st_size
    if size <= limit:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)  # it may have grown since
        size = len(data)
    if size > limit:
        raise InputError(f"is {size / MIB:.1f} MiB, over the {limit // MIB} MiB limit; skipped")
    return data


def _first(row: dict[str, str], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = row.get(key)
        if value not in (None, ""):
            return str(value)
    return None


def sidecar_from_row(row: dict[str, str]) -> SidecarMeta:
    """Map a manifest row's columns onto the metadata the cleaner understands."""
    known = {"file", *URL_KEYS, *PUBLISHER_KEYS, *CRAWL_KEYS}
    extra = tuple(sorted((k, str(v)) for k, v in row.items() if k not in known and v is not None))
    return SidecarMeta(
        url=_first(row, URL_KEYS),
        publisher=_first(row, PUBLISHER_KEYS),
        crawl_date=_first(row, CRAWL_KEYS),
        extra=extra,
    )


def _manifest_rows(path: Path) -> Iterator[tuple[int, dict[str, str] | InputError]]:
    """Each row of a manifest with its line number; a line that is not a row is an
    InputError in its place, so the lines after it are still read."""
    text = decode(read_bounded(path, MAX_MANIFEST_BYTES), str(path))
    if path.suffix == ".csv":
        reader = csv.DictReader(io.StringIO(text))
        try:
            for row in reader:
                yield reader.line_num, row
        except csv.Error as exc:  # the rest of the file cannot be told apart into rows
            yield reader.line_num, InputError(f"not valid CSV: {exc}", line=reader.line_num)
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, InputError(f"invalid JSON: {exc.msg}", line=number)
            continue
        if not isinstance(row, dict):
            row = InputError("each line must be a JSON object", line=number)
        yield number, row


def read_manifests(raw_dir: Path, problems: list[Problem]) -> dict[str, SidecarMeta]:
    """Sidecar metadata keyed by raw file path relative to ``raw_dir``."""
    sidecars: dict[str, SidecarMeta] = {}
    manifests = sorted(p for name in MANIFEST_NAMES for p in raw_dir.rglob(name) if p.is_file())
    root = raw_dir.resolve()
    for manifest in manifests:
        shown = manifest.as_posix()
        folder = manifest.parent.resolve()
        try:
            for number, row in _manifest_rows(manifest):
                if isinstance(row, InputError):
                    problems.append(Problem(shown, str(row), row.line))
                    continue
                name = row.get("file")
                if not name:
                    problems.append(Problem(shown, "row has no 'file' column", number))
                    continue
                target = _resolved(folder, str(name))
                if not target.is_file():
                    problems.append(Problem(shown, f"row names a missing file: {name}", number))
                    continue
                try:
                    key = target.relative_to(root).as_posix()
                except ValueError:
                    problems.append(Problem(shown, f"row names a file outside: {name}", number))
                    continue
                sidecars[key] = sidecar_from_row(row)
        except InputError as exc:
            problems.append(Problem(shown, str(exc), exc.line))
    return sidecars


def _resolved(folder: Path, name: str) -> Path:
    """``(folder / name).resolve()`` for a resolved ``folder``, asking the file system only
    about ``name`` itself when it is a plain file name (the common case, and much quicker)."""
    path = folder / name
    if "/" in name or "\\" in name or name in (".", "..") or path.is_symlink():
        return path.resolve()
    return path


def read_raw(path: Path, raw_dir: Path, sidecar: SidecarMeta | None = None) -> RawDocument:
    """Read and decode one raw file; raises InputError if it is not usable text."""
    relpath = path.relative_to(raw_dir).as_posix()
    if path.is_symlink() and not path.resolve().is_relative_to(raw_dir.resolve()):
        raise InputError("is a symlink that points outside the raw folder")
    data = read_bounded(path, MAX_RAW_BYTES)
    decoded = decode_bytes(data, relpath)
    text = decoded.text
    if not text.strip():
        raise InputError("is empty")
    return RawDocument(
        relpath=relpath,
        path=path,
        text=text.replace("\r\n", "\n").replace("\r", "\n"),
        sha256=hashlib.sha256(data).hexdigest(),
        kind=KINDS[path.suffix.lower()],
        sidecar=sidecar or SidecarMeta(),
        damage=decoded.damage,
        damage_line=decoded.line,
    )
