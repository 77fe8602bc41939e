"""The site's static files: copied from the templates' ``static`` folder, our own scripts
minified (rjsmin), so a reader opening the site from file:// reads fewer bytes."""

from __future__ import annotations

from pathlib import Path

import rjsmin


def minify_js(source: str) -> str:
    """``source`` without comments and needless whitespace (rjsmin keeps its meaning)."""
    return rjsmin.jsmin(source).rstrip("\n") + "\n"


def is_own_script(path: Path) -> bool:
    """Scripts written for Dossier; vendored ``*.min.js`` files are shipped as they are."""
    return path.suffix == ".js" and not path.name.endswith(".min.js")


def assets(static_dir: Path) -> list[tuple[str, bytes]]:
    """Every file under ``static_dir`` as the site ships it: relative path and bytes."""
    found = []
    for path in sorted(p for p in static_dir.rglob("*") if p.is_file()):
        if is_own_script(path):
            data = minify_js(path.read_text("utf-8")).encode("utf-8")
        else:
            data = path.read_bytes()
        found.append((path.relative_to(static_dir).as_posix(), data))
    return found


def copy_assets(static_dir: Path, target: Path) -> list[str]:
    """Copy every file under ``static_dir`` into ``target``; returns their relative paths."""
    copied = []
    for relative, data in assets(static_dir):
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_bytes(data)
        copied.append(relative)
    return copied
