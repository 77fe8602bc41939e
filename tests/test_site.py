"""End to end: the fixture corpus builds into a site with exact facets and sound links."""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

from conftest import copy_fixture
from sitecheck import broken_links

from generator.build import BuildReport, build
from generator.config import BuildConfig
from generator.frontmatter import render_markdown

PLACES = {
    "Syria": 6,
    "Deir ez-Zor Governorate": 2,
    "Hajin": 2,
    "Raqqa": 2,
    "Raqqa Governorate": 2,
    "Abu Kamal": 1,
    "Iraq": 1,
    "Palmyra": 1,
    "Homs Governorate": 1,
    "Aleppo": 1,
    "Aleppo Governorate": 1,
    "Idlib": 1,
    "Idlib Governorate": 1,
    "Daraa": 1,
    "Daraa Governorate": 1,
}
ACTORS = {
    "Syrian Arab Army": 3,
    "Islamic State": 2,
    "Syrian Arab Air Force": 1,
    "Syrian Democratic Forces": 1,
    "US-led coalition": 1,
    "Syrian rebels": 1,
    "Russia": 1,
}
DATES = {"2018": 5, "2018-03": 3, "2018-04": 2, "Undated": 1}
SOURCES = {"Levant Daily Monitor": 2, "Archive editors": 2, "Coastal Wire": 1}


def facet_counts(site: Path, facet: str) -> dict[str, int]:
    """Read value -> count back from the facet's index page, as a reader sees it."""
    import re

    html = (site / f"{facet}.html").read_text()
    pairs = re.findall(r'<a href="[^"]+">([^<]+)</a> <span class="count">(\d+)</span>', html)
    return {label.replace("&#39;", "'"): int(count) for label, count in pairs}


def test_report_counts(fixture_build: tuple[BuildConfig, BuildReport]) -> None:
    _, report = fixture_build
    assert (report.articles, report.places, report.actors, report.undated) == (6, 15, 7, 1)
    assert report.problems == ()


def test_facet_pages_show_exact_counts(fixture_build: tuple[BuildConfig, BuildReport]) -> None:
    config, _ = fixture_build
    site = config.out_dir
    assert facet_counts(site, "places") == PLACES
    assert facet_counts(site, "actors") == ACTORS
    dates = facet_counts(site, "dates")
    assert {k: dates[k] for k in ("2018", "March 2018", "April 2018", "Undated")} == {
        "2018": 5,
        "March 2018": 3,
        "April 2018": 2,
        "Undated": 1,
    }
    assert facet_counts(site, "sources") == SOURCES


def test_every_page_exists_and_every_link_resolves(
    fixture_build: tuple[BuildConfig, BuildReport],
) -> None:
    site = fixture_build[0].out_dir
    for page in ["index.html", "search.html", "about.html", "places.html", "dates.html"]:
        assert (site / page).is_file()
    assert (site / "dates" / "undated.html").is_file()
    assert (site / "places" / "deir-ez-zor-governorate.html").is_file()
    assert len(list((site / "articles").glob("*.html"))) == 6
    for needed in ("search/manifest.js", "search/terms-0000.js", "search/doc/0/0.js"):
        assert (site / needed).is_file(), needed
    scripts = ("search-codec.js", "search-score.js", "search-engine.js", "search-view.js")
    for name in ("vendor/lunr.min.js", *scripts):
        assert (site / "assets" / name).is_file(), name
    for needed in ("search/facets.js", "search/cols-0000.js", "assets/search-filters.js"):
        assert (site / needed).is_file(), needed
    assert not (site / "search" / "index.js").exists()  # the monolithic index is not shipped
    assert not (site / "search" / "docs.js").exists()
    assert broken_links(site) == []


def test_place_page_lists_articles_newest_first(fixture_build) -> None:
    site = fixture_build[0].out_dir
    html = (site / "places" / "hajin.html").read_text()
    assert html.index("Syrian Army Enters Hajin") < html.index("Editors&#39; summary")
    assert "Deir ez-Zor Governorate" in html  # parent chain shown


def test_about_page_shows_archive_text(fixture_build) -> None:
    assert "About the fixture corpus" in (fixture_build[0].out_dir / "about.html").read_text()


def test_pagination_links_every_page(tmp_path: Path) -> None:
    config = copy_fixture(tmp_path)
    config = BuildConfig(**{**config.__dict__, "page_size": 2})
    build(config)
    pages = sorted(p.name for p in (config.out_dir / "places").glob("syria*.html"))
    assert pages == ["syria.html", "syria.p2.html", "syria.p3.html"]
    assert 'href="../places/syria.p2.html"' in (config.out_dir / "places/syria.html").read_text()
    assert broken_links(config.out_dir) == []


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    first = copy_fixture(tmp_path / "a")
    second = copy_fixture(tmp_path / "b")
    build(first)
    build(second)
    build(second)  # a rebuild over existing markdown changes nothing either
    comparison = filecmp.dircmp(first.out_dir, second.out_dir)
    assert _all_same(comparison)
    for md in first.content_dir.glob("*.md"):
        assert md.read_bytes() == (second.content_dir / md.name).read_bytes()


def _all_same(comparison: filecmp.dircmp) -> bool:
    _, mismatch, errors = filecmp.cmpfiles(
        comparison.left, comparison.right, comparison.common_files, shallow=False
    )
    if mismatch or errors or comparison.left_only or comparison.right_only:
        return False
    return all(_all_same(sub) for sub in comparison.subdirs.values())


def test_hand_edited_article_is_kept_and_raw_change_is_reported(tmp_path: Path) -> None:
    config = copy_fixture(tmp_path)
    build(config)
    path = config.content_dir / "army-hajin.md"
    edited = path.read_text().replace("Syrian Army Enters Hajin", "Army Enters Hajin (corrected)")
    path.write_text(edited)
    report = build(config)
    assert path.read_text() == edited
    assert (
        "Army Enters Hajin (corrected)" in (config.out_dir / "articles/army-hajin.html").read_text()
    )
    assert report.problems == ()
    raw = config.raw_dir / "army-hajin.txt"
    raw.write_text(raw.read_text().replace("two days", "three days"))
    report = build(config)
    assert path.read_text() == edited
    assert [p.path for p in report.problems] == [path.as_posix()]
    assert "raw file army-hajin.txt changed" in report.problems[0].message


def test_generated_article_follows_its_raw_file(tmp_path: Path) -> None:
    config = copy_fixture(tmp_path)
    build(config)
    raw = config.raw_dir / "raqqa-sdf.txt"
    raw.write_text(raw.read_text().replace("eleven air strikes", "twelve air strikes"))
    build(config)
    assert "twelve air strikes" in (config.content_dir / "raqqa-sdf.md").read_text()


def test_bad_files_are_reported_and_the_rest_builds(tmp_path: Path) -> None:
    config = copy_fixture(tmp_path)
    (config.raw_dir / "empty.txt").write_text("")
    (config.raw_dir / "binary.txt").write_bytes(b"\x00\x01\x02garbage")
    (config.raw_dir / "broken.md").write_text("---\ntitle: [oops\n---\nbody\n")
    (config.content_dir / "bad-edit.md").write_text("---\ntitle: ok\ndate: yesterday\n---\nx\n")
    report = build(config)
    assert report.articles == 6
    where = sorted(Path(p.path).name for p in report.problems)
    assert where == ["bad-edit.md", "binary.txt", "broken.md", "empty.txt"]
    broken = next(p for p in report.problems if p.path.endswith("broken.md"))
    assert broken.line == 3 and "not valid YAML" in broken.message
    assert broken_links(config.out_dir) == []


def test_failed_build_keeps_previous_site(tmp_path: Path) -> None:
    config = copy_fixture(tmp_path)
    build(config)
    before = (config.out_dir / "index.html").read_text()
    (config.gazetteer_dir / "places.yaml").write_text("places: [unclosed\n")
    try:
        build(config)
    except Exception as exc:  # noqa: BLE001 - any failure must leave the site intact
        assert "places.yaml" in str(exc)
    else:
        raise AssertionError("a broken gazetteer must fail the build")
    assert (config.out_dir / "index.html").read_text() == before
    assert not list(tmp_path.glob(".site.*"))


def test_written_markdown_round_trips(fixture_build) -> None:
    from generator.frontmatter import article_from_markdown

    config, _ = fixture_build
    for path in config.content_dir.glob("*.md"):
        article = article_from_markdown(path.read_text(), path.stem)
        if not article.hand_edited:
            assert render_markdown(article) == path.read_text()


def test_raw_files_are_never_modified(tmp_path: Path) -> None:
    config = copy_fixture(tmp_path)
    before = {p: p.read_bytes() for p in config.raw_dir.rglob("*") if p.is_file()}
    build(config)
    assert {p: p.read_bytes() for p in config.raw_dir.rglob("*") if p.is_file()} == before
    shutil.rmtree(config.out_dir)
