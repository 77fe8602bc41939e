"""Citations, downloads, feeds and data in headless Chromium, opened from file://."""

# The browser fixtures of test_browser are imported, and pytest passes them by name.
# ruff: noqa: F811

from __future__ import annotations

import datetime
from xml.etree import ElementTree as ET

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from test_browser import (  # noqa: F401
    WAIT_MS,
    Site,
    context,
    fixture_site,
    hostile_site,
    page,
    watch,
)

from generator.citation import cite
from generator.exports import COLUMNS
from generator.feeds import ATOM
from generator.frontmatter import article_from_markdown

pytestmark = pytest.mark.browser

NO_CLIPBOARD_API = (
    "Object.defineProperty(navigator, 'clipboard', {value: undefined, configurable: true});"
)


def expected_citations(site: Site, slug: str, accessed: str) -> tuple[str, str]:
    text = (site.config.content_dir / f"{slug}.md").read_text("utf-8")
    article = article_from_markdown(text, slug)
    citation = cite(article, "", f"articles/{slug}.html", site.config.site_title)
    return citation.plain.text(accessed), citation.bibtex.text(accessed)


def clipboard(page: Page) -> str:
    return page.evaluate("navigator.clipboard.readText()")


@pytest.mark.parametrize("api", ["clipboard", "execCommand"])
def test_copy_puts_the_exact_citation_in_the_clipboard(
    fixture_site: Site, context: BrowserContext, page: Page, api: str
) -> None:
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    if api == "execCommand":  # a browser without the asynchronous clipboard
        page.add_init_script(NO_CLIPBOARD_API)
    page.goto(fixture_site.url("articles/army-hajin.html"))
    today = datetime.date.today().isoformat()
    plain, bibtex = expected_citations(fixture_site, "army-hajin", today)
    expect(page.locator("#cite-plain .access-date")).to_have_text(today, timeout=WAIT_MS)
    expect(page.locator("#cite-bibtex .access-date")).to_have_text(today)
    assert page.locator("#cite-plain").text_content() == plain
    for name, expected in (("plain", plain), ("bibtex", bibtex)):
        button = page.locator(f"button[data-copy='cite-{name}']")
        expect(button).to_be_visible()
        button.click()
        expect(page.locator(f"#cite-{name}-status")).to_have_text("Copied.", timeout=WAIT_MS)
        if api == "execCommand":
            page.evaluate("delete navigator.clipboard")  # the real one, to read what was copied
        assert clipboard(page) == expected
        if api == "execCommand":
            page.evaluate(NO_CLIPBOARD_API)
    assert "Levant Daily Monitor, 12 March 2018." in plain
    assert f"urldate = {{{today}}}" in bibtex


def test_without_scripts_the_citation_keeps_its_placeholder(
    fixture_site: Site, browser: Browser
) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(fixture_site.url("articles/army-hajin.html"))
        expect(page.locator("#cite-plain")).to_contain_text("Accessed [date].")
        expect(page.locator("button[data-copy]").first).to_be_hidden()
    finally:
        context.close()


def test_raw_html_copy_is_shown_as_text_and_never_run(fixture_site: Site, page: Page) -> None:
    page.goto(fixture_site.url("articles/aleppo-page.html"))
    link = page.locator("a[download='aleppo-page.html']")
    expect(link).to_have_attribute("href", "../raw/aleppo-page.html.txt")
    page.goto(fixture_site.url("raw/aleppo-page.html.txt"))
    assert page.evaluate("document.contentType") == "text/plain"
    assert page.evaluate("typeof window.tracker") == "undefined"  # its script did not run
    assert page.locator("script").count() == 0
    raw = (fixture_site.config.raw_dir / "aleppo-page.html").read_text("utf-8")
    assert page.locator("body").inner_text().strip() == raw.strip()


def test_feeds_and_data_are_reachable_from_the_home_page(fixture_site: Site, page: Page) -> None:
    page.goto(fixture_site.url("index.html"))
    expect(page.locator("main a[href='feed.xml']")).to_have_text("Atom feed")
    page.locator("main a[href='data.html']").click()
    assert page.url == fixture_site.url("data.html")
    expect(page.locator("table.columns-table tbody tr")).to_have_count(len(COLUMNS))
    for href in ("data/articles.csv", "data/articles.json", "datapackage.json"):
        expect(page.locator(f"a[href='{href}']")).to_have_count(1)
    expect(page.locator("nav a[href='data.html']")).to_have_text("Data")
    page.goto(fixture_site.url("places/hajin.html"))
    feed = page.locator("p.feed a")
    expect(feed).to_have_attribute("href", "../places/hajin.xml")
    feed.click()
    assert page.url == fixture_site.url("places/hajin.xml")
    text = page.evaluate("document.documentElement.textContent")
    assert "Syrian Army Enters Hajin" in text


def test_hostile_titles_are_text_in_feeds_and_citations(hostile_site: Site, page: Page) -> None:
    feed = ET.parse(hostile_site.config.out_dir / "feed.xml").getroot()
    titles = [entry.findtext(f"{{{ATOM}}}title") for entry in feed.iter(f"{{{ATOM}}}entry")]
    hostile = next(t for t in titles if t.startswith("Quixotic dispatch"))
    assert "<script>" in hostile and "onerror" in hostile  # as text, in a well-formed feed
    slug = next(s for s, a in hostile_site.articles.items() if a["title"] == hostile)
    page.goto(hostile_site.url(f"articles/{slug}.html"))
    expect(page.locator("#cite-plain")).to_contain_text(hostile)
    assert page.evaluate("typeof window.__pwned") == "undefined"
