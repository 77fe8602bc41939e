"""The site's static files: our scripts minified and still valid, vendored files untouched."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from generator.assets import copy_assets

STATIC = Path(__file__).resolve().parent.parent / "templates" / "static"
NODE = shutil.which("node")


def test_own_scripts_are_minified_and_vendored_files_kept(tmp_path: Path) -> None:
    copied = copy_assets(STATIC, tmp_path)
    expected = sorted(p.relative_to(STATIC).as_posix() for p in STATIC.rglob("*") if p.is_file())
    assert copied == expected
    lunr = "vendor/lunr.min.js"
    assert (tmp_path / lunr).read_bytes() == (STATIC / lunr).read_bytes()
    assert (tmp_path / "style.css").read_bytes() == (STATIC / "style.css").read_bytes()
    scripts = [name for name in copied if name.endswith(".js") and name != lunr]
    assert "search-engine.js" in scripts
    for name in scripts:
        minified, source = (tmp_path / name).read_text(), (STATIC / name).read_text()
        assert len(minified) < 0.8 * len(source), name
        assert "/*" not in minified.replace("/*/", ""), name  # comments are gone
    again = tmp_path / "again"
    copy_assets(STATIC, again)
    assert all((again / n).read_bytes() == (tmp_path / n).read_bytes() for n in copied)


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_minified_scripts_still_parse(tmp_path: Path) -> None:
    for name in copy_assets(STATIC, tmp_path):
        if name.endswith(".js"):
            done = subprocess.run([str(NODE), "--check", str(tmp_path / name)], capture_output=True)
            assert done.returncode == 0, (name, done.stderr.decode())
