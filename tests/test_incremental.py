"""Rebuilds from the build cache: only what changed is cleaned and rendered again, and the
result is byte for byte what a build from nothing gives, whatever state the cache is in."""

from __future__ import annotations

import dataclasses
import os
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import copy_fixture

from generator import build as build_module
from generator import render, sources
from generator.build import build
from generator.cache import CACHE_DIR, FILE_NAME
from generator.config import BuildConfig

CHANGED = "army-hajin.txt"
SENTENCE = " A later correction added this sentence to the report."


def files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def change_raw(config: BuildConfig) -> None:
    path = config.raw_dir / CHANGED
    lines = path.read_text("utf-8").split("\n")
    longest = max(range(len(lines)), key=lambda i: len(lines[i]))
    lines[longest] += SENTENCE
    path.write_text("\n".join(lines), encoding="utf-8")


def from_nothing(tmp_path: Path, change: Callable[[BuildConfig], None]) -> BuildConfig:
    """The fixture with ``change`` made, built once without a cache."""
    config = dataclasses.replace(copy_fixture(tmp_path / "fresh"), cache=False)
    change(config)
    build(config)
    # Only the search index is there, made from nothing.
    assert not (config.content_dir.parent / CACHE_DIR / FILE_NAME).exists()
    return config


def assert_same_output(rebuilt: BuildConfig, fresh: BuildConfig) -> None:
    site, expected = files(rebuilt.out_dir), files(fresh.out_dir)
    assert sorted(site) == sorted(expected)
    assert [path for path in expected if site[path] != expected[path]] == []
    assert files(rebuilt.content_dir) == files(fresh.content_dir)


class Counter:
    """Counts calls of a function it wraps."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, owner: Any, name: str) -> None:
        self.calls = 0
        wrapped = getattr(owner, name)

        def counted(*args: Any, **kwargs: Any) -> Any:
            self.calls += 1
            return wrapped(*args, **kwargs)

        monkeypatch.setattr(owner, name, counted)


@pytest.fixture
def built(tmp_path: Path) -> BuildConfig:
    config = copy_fixture(tmp_path / "cached")
    build(config)
    return config


def test_a_changed_article_is_the_only_one_cleaned_again(
    built: BuildConfig, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cleaned = Counter(monkeypatch, build_module, "article_from_job")
    rendered = Counter(monkeypatch, render, "render_page")
    change_raw(built)
    build(built)
    assert cleaned.calls == 1
    pages = build(dataclasses.replace(built, cache=False)).pages
    assert 0 < rendered.calls - pages < pages / 2  # the article's page and those listing it
    assert_same_output(built, from_nothing(tmp_path, change_raw))


def test_a_rebuild_with_no_change_cleans_and_renders_nothing(
    built: BuildConfig, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cleaned = Counter(monkeypatch, build_module, "article_from_job")
    rendered = Counter(monkeypatch, render, "render_page")
    report = build(built)
    assert (cleaned.calls, rendered.calls, report.markdown_written) == (0, 0, 0)
    assert_same_output(built, from_nothing(tmp_path, lambda config: None))


def test_a_corrupt_cache_file_is_rebuilt(built: BuildConfig, tmp_path: Path) -> None:
    database = built.content_dir.parent / CACHE_DIR / FILE_NAME
    database.write_bytes(b"not a database" * 100)
    change_raw(built)
    build(built)
    assert_same_output(built, from_nothing(tmp_path, change_raw))
    build(built)  # and the cache works again
    assert_same_output(built, from_nothing(tmp_path / "again", change_raw))


@pytest.mark.parametrize("value", [b"", b"\x80\x05garbage", b"\x80\x04K\x01."])
def test_unreadable_or_foreign_entries_are_misses(
    built: BuildConfig, tmp_path: Path, value: bytes
) -> None:
    database = built.content_dir.parent / CACHE_DIR / FILE_NAME
    with sqlite3.connect(database) as db:
        db.execute("UPDATE entry SET value = ?", (value,))
    db.close()
    change_raw(built)
    build(built)
    assert_same_output(built, from_nothing(tmp_path, change_raw))


def test_a_page_changed_in_the_site_is_written_again(built: BuildConfig, tmp_path: Path) -> None:
    page = built.out_dir / "articles" / "army-hajin.html"
    page.write_text(page.read_text("utf-8") + "<!-- touched -->", encoding="utf-8")
    build(built)
    assert_same_output(built, from_nothing(tmp_path, lambda config: None))


def test_a_template_change_renders_every_page(
    built: BuildConfig, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(built.templates_dir, templates)
    base = templates / "base.html"
    base.write_text(base.read_text("utf-8").replace("A static archive", "An archive"), "utf-8")
    rendered = Counter(monkeypatch, render, "render_page")
    report = build(dataclasses.replace(built, templates_dir=templates))
    assert rendered.calls == report.pages
    assert "An archive built with Dossier" in (built.out_dir / "index.html").read_text("utf-8")


def test_a_hand_edit_after_a_cached_build_is_kept(built: BuildConfig) -> None:
    path = built.content_dir / "army-hajin.md"
    edited = path.read_text("utf-8").replace("Syrian Army Enters Hajin", "Army in Hajin (fixed)")
    path.write_text(edited, encoding="utf-8")
    report = build(built)
    assert path.read_text("utf-8") == edited
    assert report.markdown_written == 0
    assert "Army in Hajin (fixed)" in (built.out_dir / "articles/army-hajin.html").read_text()


def test_the_cleaning_fingerprint_covers_what_cleaning_imports_and_no_more() -> None:
    from generator.digest import _imported

    cleaning = _imported(["clean", "enrich", "articles", "frontmatter", "sources"])
    assert {"clean_text", "clean_html", "clean_norm", "extract_places", "gazetteer"} <= cleaning
    assert not cleaning & {"render", "search_shards", "search_index", "neardup", "build"}


def test_a_rebuild_with_no_change_leaves_the_site_as_it_is(built: BuildConfig) -> None:
    folder = built.out_dir.stat().st_ino
    before = {p: p.stat().st_ino for p in built.out_dir.rglob("*")}
    build(built)
    assert built.out_dir.stat().st_ino == folder  # not swapped for a new folder
    assert {p: p.stat().st_ino for p in built.out_dir.rglob("*")} == before


@pytest.mark.parametrize("touch", ["stray", "asset", "removed"])
def test_a_site_changed_by_hand_is_published_again(
    built: BuildConfig, tmp_path: Path, touch: str
) -> None:
    site = built.out_dir
    if touch == "stray":
        (site / "articles" / "notes.txt").write_text("mine", encoding="utf-8")
    elif touch == "asset":
        (site / "assets" / "style.css").write_text("body {}", encoding="utf-8")
    else:
        (site / "places.html").unlink()
    build(built)
    assert_same_output(built, from_nothing(tmp_path, lambda config: None))


def test_unchanged_raw_files_are_not_read_again_and_a_rewrite_is_caught(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A raw file is known again by size, times, inode and device; rewritten with the same
    size and modification time, its ctime still gives it away."""
    monkeypatch.setattr(sources, "SETTLED_NS", 0)  # the fixture's files are only just written
    config = copy_fixture(tmp_path / "cached")
    build(config)
    scanned = Counter(monkeypatch, sources, "scan")
    build(config)
    assert scanned.calls == 0
    path = config.raw_dir / CHANGED
    before = path.stat()
    change_same_size(config)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    build(config)
    assert scanned.calls == 1
    assert_same_output(config, from_nothing(tmp_path, change_same_size))


def change_same_size(config: BuildConfig) -> None:
    path = config.raw_dir / CHANGED
    path.write_text(path.read_text("utf-8").replace("Hajin", "Hajjn", 1), encoding="utf-8")


def test_a_hand_edit_keeping_size_and_mtime_is_still_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sources, "SETTLED_NS", 0)
    config = copy_fixture(tmp_path / "cached")
    build(config)
    build(config)  # the content files are now known by their identity
    path = config.content_dir / "army-hajin.md"
    before = path.stat()
    edited = path.read_text("utf-8").replace("Syrian Army Enters Hajin", "Syrian Army Enters Hajjn")
    path.write_text(edited, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    build(config)
    assert path.read_text("utf-8") == edited
    assert "Syrian Army Enters Hajjn" in (config.out_dir / "articles/army-hajin.html").read_text()
