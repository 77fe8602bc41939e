"""The whole sample archive, built as `make build` builds it and opened from file:// in
headless Chromium: every way of browsing it is reachable from the home page."""

# The browser fixtures of test_browser are imported, and pytest passes them by name.
# ruff: noqa: F811

from __future__ import annotations

import csv
import json
import shutil
from collections import deque
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import content_config
from playwright.sync_api import BrowserContext, Page, expect
from sitecheck import is_external, page_links
from test_browser import Site, context, page, site_of, watch  # noqa: F401

from generator.build import build

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The repository's sample archive (raw files, gazetteer, about page), built from nothing."""
    content = tmp_path_factory.mktemp("archive") / "content"
    shutil.copytree(ROOT / "content" / "raw", content / "raw")
    shutil.copytree(ROOT / "content" / "gazetteer", content / "gazetteer")
    shutil.copy2(ROOT / "content" / "about.md", content / "about.md")
    config = content_config(content)
    report = build(config)
    assert report.articles > 700 and not report.problems, report.summary
    return site_of(config, report)


def reachable(site_dir: Path, start: str = "index.html") -> set[str]:
    """Every file of the site a reader reaches by following links from ``start`` (pages are
    followed on, other files are only reached)."""
    seen = {start}
    queue = deque([start])
    while queue:
        here = site_dir / queue.popleft()
        for tag, _, url in page_links(here):
            if tag != "a" or is_external(url) or not urlsplit(url).path:
                continue
            target = (here.parent / unquote(urlsplit(url).path)).resolve()
            name = target.relative_to(site_dir.resolve()).as_posix()
            if name not in seen and target.is_file():
                seen.add(name)
                if name.endswith(".html"):
                    queue.append(name)
    return seen


def test_every_page_feed_export_and_download_is_reached_from_home(archive: Site) -> None:
    """Following links from index.html reaches every article, every facet value page (and
    its later pages), every feed, the data exports and every article's downloads."""
    site_dir = archive.config.out_dir
    reached = reachable(site_dir)
    wanted = {
        path.relative_to(site_dir).as_posix()
        for pattern in ("*.html", "*/*.html", "*.xml", "*/*.xml", "data/*", "raw/*", "articles/*")
        for path in site_dir.glob(pattern)
    }
    assert wanted - reached == set()
    assert {"search.html", "places.html", "data.html", "datapackage.json", "feed.xml"} <= reached
    for slug in archive.articles:
        assert {f"articles/{slug}.html", f"articles/{slug}.md"} <= reached


def related_link(page: Page) -> str:
    """The first related-coverage link of the article page shown."""
    return page.locator("ul.related a").first.get_attribute("href") or ""


def test_timeline_month_article_related_and_citation(archive: Site, page: Page) -> None:
    """Home → a timeline bar → its month page → an article → a related article → its
    citation, copied with one click."""
    page.goto(archive.url("index.html"))
    bars = page.locator("figure.timeline svg").get_by_role("link")
    assert bars.count() > 12
    month = bars.last.get_attribute("href")
    bars.last.click()
    assert page.url == archive.url(month or "")
    expect(page.locator("main ol.articles a.article-title").first).to_be_visible()
    page.locator("main ol.articles a.article-title").first.click()
    assert "/articles/" in page.url
    related = page.locator("ul.related a")
    expect(related.first).to_be_visible()
    target = related_link(page)
    related.first.click()
    assert page.url == archive.url(f"articles/{Path(target).name}")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.locator("button.copy[data-copy='cite-plain']").click()
    expect(page.locator("#cite-plain-status")).not_to_be_empty()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.locator("#cite-plain").inner_text()
    assert "[date]" not in copied and "Raw file SHA-256" in copied


def test_map_place_connection_and_feed(archive: Site, page: Page) -> None:
    """Home → Map → the biggest dot → its place page (parents, children, actors reported
    there) → an actor → its places; and the place's feed."""
    page.goto(archive.url("index.html"))
    page.locator("main").get_by_role("link", name="Map", exact=True).click()
    dots = page.locator("#map svg a.dot")
    assert dots.count() > 20
    counts = [int(label.split(": ")[1].split()[0]) for label in dot_labels(page)]
    biggest = counts.index(max(counts))
    name = dot_labels(page)[biggest].split(": ")[0]
    dots.nth(biggest).click()
    expect(page.locator("h1")).to_have_text(name)
    actors = page.locator("div.value-summary ul.related a[href*='actors/']")
    expect(actors.first).to_be_visible()
    actor = actors.first.inner_text()
    actors.first.click()
    expect(page.locator("h1")).to_have_text(actor)
    expect(page.locator("div.value-summary ul.related a[href*='places/']").first).to_be_visible()
    page.locator("p.feed a").click()
    assert page.url.endswith(".xml")
    assert actor in page.evaluate("document.documentElement.textContent")


def dot_labels(page: Page) -> list[str]:
    return [
        label or ""
        for label in page.locator("#map svg a.dot").evaluate_all(
            "dots => dots.map(d => d.querySelector('title').textContent)"
        )
    ]


def test_data_exports_hold_every_article(archive: Site, page: Page) -> None:
    """Home → Data → the CSV and JSON downloads: one row per article, the same slugs."""
    page.goto(archive.url("index.html"))
    page.locator("nav a[href='data.html']").click()
    csv_href = page.locator("a[href='data/articles.csv']").first.get_attribute("href")
    site_dir = archive.config.out_dir
    with (site_dir / (csv_href or "")).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    records = json.loads((site_dir / "data" / "articles.json").read_text("utf-8"))
    assert {row["slug"] for row in rows} == set(archive.articles)
    assert [r["slug"] for r in records] == [row["slug"] for row in rows]


def test_search_from_home_finds_and_opens_an_article(
    archive: Site, context: BrowserContext, page: Page
) -> None:
    """Home → the search box → results → an article page."""
    page.goto(archive.url("index.html"))
    page.locator("#home-q").fill("Aleppo convoy")
    page.locator("#home-q").press("Enter")
    first = page.locator("#search-results a.result-title").first
    expect(first).to_be_visible()
    title = first.inner_text()
    first.click()
    expect(page.locator("h1")).to_have_text(title)
