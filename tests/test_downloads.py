"""Each article page offers its cleaned markdown and a byte-for-byte copy of its raw file."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from conftest import copy_fixture

from generator.build import BuildReport, build
from generator.config import BuildConfig
from generator.frontmatter import split_front_matter


def front_matter(path: Path) -> dict:
    return split_front_matter(path.read_text("utf-8"))[0]


def download_links(page: Path) -> dict[str, str]:
    """href -> download name of the page's download links."""
    html = page.read_text("utf-8")
    return dict(re.findall(r'<a href="([^"]+)" download="([^"]+)"', html))


def test_every_article_offers_its_markdown_and_raw_file(
    fixture_build: tuple[BuildConfig, BuildReport],
) -> None:
    config = fixture_build[0]
    site = config.out_dir
    for md in sorted(config.content_dir.glob("*.md")):
        slug, meta = md.stem, front_matter(md)
        page = site / "articles" / f"{slug}.html"
        links = download_links(page)
        assert links[f"../articles/{slug}.md"] == f"{slug}.md"  # beside the page
        assert (site / "articles" / f"{slug}.md").read_bytes() == md.read_bytes()
        raw_links = {href: name for href, name in links.items() if href.startswith("../raw/")}
        if slug == "editors-summary":  # written by hand: no raw file
            assert raw_links == {} and "Raw file</a>" not in page.read_text("utf-8")
            continue
        [(href, name)] = raw_links.items()
        assert name == Path(meta["raw_file"]).name
        copy = (page.parent / href).resolve()
        assert copy.suffix == ".txt" and copy.parent == (site / "raw").resolve()
        data = copy.read_bytes()
        assert data == (config.raw_dir / meta["raw_file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == meta["raw_sha256"]
        assert meta["raw_sha256"] in page.read_text("utf-8")
    assert sorted(p.name for p in (site / "raw").iterdir()) == [
        "aleppo-page.html.txt",
        "army-hajin.txt",
        "daraa-note.md.txt",
        "palmyra-undated.txt",
        "raqqa-sdf.txt",
    ]


def test_a_raw_file_changed_under_a_hand_edit_is_not_offered(tmp_path: Path) -> None:
    """The copy would not be the file the article was cleaned from, nor have its hash."""
    config = copy_fixture(tmp_path)
    build(config)
    path = config.content_dir / "army-hajin.md"
    edited = path.read_text("utf-8").replace("Syrian Army Enters Hajin", "Army Enters Hajin")
    path.write_text(edited, "utf-8")
    raw = config.raw_dir / "army-hajin.txt"
    raw.write_text(raw.read_text("utf-8").replace("two days", "three days"), "utf-8")
    build(config)
    page = config.out_dir / "articles" / "army-hajin.html"
    assert list(download_links(page)) == ["../articles/army-hajin.md"]
    assert not (config.out_dir / "raw" / "army-hajin.txt").exists()
    assert (config.out_dir / "articles" / "army-hajin.md").read_text("utf-8") == edited


def test_unchanged_copies_are_kept_from_the_previous_site(tmp_path: Path) -> None:
    """A rebuild links the copies of unchanged files and writes the changed one."""
    config = copy_fixture(tmp_path)
    build(config)
    site = config.out_dir
    kept = ("raw/raqqa-sdf.txt", "articles/raqqa-sdf.md", "data/articles.csv")
    before = {name: (site / name).stat().st_ino for name in (*kept, "raw/army-hajin.txt")}
    raw = config.raw_dir / "army-hajin.txt"
    raw.write_text(raw.read_text("utf-8").replace("two days", "three days"), "utf-8")
    build(config)
    assert all((site / name).stat().st_ino == before[name] for name in kept[:2])
    assert (site / "raw/army-hajin.txt").stat().st_ino != before["raw/army-hajin.txt"]
    assert (site / "raw/army-hajin.txt").read_bytes() == raw.read_bytes()
    copy = (site / "articles/army-hajin.md").read_text("utf-8")
    assert "three days" in copy and copy == (config.content_dir / "army-hajin.md").read_text()
    assert (site / "data/articles.csv").stat().st_ino != before["data/articles.csv"]  # its hash
