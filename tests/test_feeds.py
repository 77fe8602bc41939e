"""Atom feeds of the archive and of every facet value, and the sitemap, as a reader parses them."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree as ET

import pytest
from conftest import copy_fixture

from generator.articles import newest_first
from generator.build import build
from generator.config import BuildConfig
from generator.facets import build_all, standard_facets
from generator.feeds import FEED_SIZE, Feed, feed_xml, feeds
from generator.models import Article

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
BASE_URL = "https://example.org/archive/"
NEWEST_FIRST = [
    "daraa-note",
    "aleppo-page",
    "raqqa-sdf",
    "army-hajin",
    "editors-summary",
    "palmyra-undated",
]


def parse_feed(path: Path) -> ET.Element:
    root = ET.parse(path).getroot()
    assert root.tag == f"{ATOM}feed"
    return root


def entry_links(feed: ET.Element) -> list[str]:
    return [
        entry.find(f"{ATOM}link[@rel='alternate']").get("href")
        for entry in feed.iter(f"{ATOM}entry")
    ]


def slugs_of(links: list[str]) -> list[str]:
    return [re.fullmatch(r".*articles/(.+)\.html", link).group(1) for link in links]


def assert_valid_atom(feed: ET.Element) -> None:
    """What RFC 4287 requires of a feed and its entries."""
    for tag in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{tag}") is not None, tag
    times = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
    assert times.fullmatch(feed.findtext(f"{ATOM}updated"))
    ids = [feed.findtext(f"{ATOM}id")]
    for entry in feed.iter(f"{ATOM}entry"):
        for tag in ("id", "title", "updated", "summary"):
            assert entry.find(f"{ATOM}{tag}") is not None, tag
        assert times.fullmatch(entry.findtext(f"{ATOM}updated"))
        ids.append(entry.findtext(f"{ATOM}id"))
    assert len(ids) == len(set(ids))
    assert all(re.match(r"(https?|urn):", i) for i in ids)


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> BuildConfig:
    """The fixture corpus built for a site published at BASE_URL."""
    config = copy_fixture(tmp_path_factory.mktemp("published"))
    config = dataclasses.replace(config, base_url=BASE_URL)
    build(config)
    return config


def test_archive_feed_lists_every_article_newest_first(fixture_build) -> None:
    site = fixture_build[0].out_dir
    feed = parse_feed(site / "feed.xml")
    assert_valid_atom(feed)
    assert slugs_of(entry_links(feed)) == NEWEST_FIRST
    assert feed.findtext(f"{ATOM}updated") == "2018-04-15T00:00:00Z"  # the newest article's day
    titles = [e.findtext(f"{ATOM}title") for e in feed.iter(f"{ATOM}entry")]
    assert titles[:2] == ["Field note from Daraa", "Aid Convoy Reaches Aleppo"]
    undated = list(feed.iter(f"{ATOM}entry"))[-1]
    assert undated.find(f"{ATOM}published") is None
    assert undated.findtext(f"{ATOM}id").startswith("urn:uuid:")


def test_every_facet_value_has_a_feed_beside_its_page(fixture_build) -> None:
    site = fixture_build[0].out_dir
    pages = [p for p in site.glob("*/*.html") if p.parent.name != "articles"]
    assert len(pages) > 20
    for page in pages:
        if ".p" in page.stem:
            continue  # later pages of a list share the first page's feed
        feed_path = page.with_suffix(".xml")
        feed = parse_feed(feed_path)
        assert_valid_atom(feed)
        html = page.read_text("utf-8")
        href = f"../{page.parent.name}/{feed_path.name}"
        assert 'type="application/atom+xml" title="' in html
        assert html.count(f'href="{href}"') == 2  # in the head and in the page
        for link in entry_links(feed):  # relative to the feed, and pointing at a page
            assert (feed_path.parent / unquote(link)).resolve().is_file(), link


def test_value_feed_holds_its_articles_newest_first(fixture_build) -> None:
    site = fixture_build[0].out_dir
    hajin = parse_feed(site / "places" / "hajin.xml")
    assert slugs_of(entry_links(hajin)) == ["army-hajin", "editors-summary"]
    assert hajin.findtext(f"{ATOM}updated") == "2018-03-12T00:00:00Z"
    assert hajin.findtext(f"{ATOM}title") == "Hajin · Places · Dossier"
    month = parse_feed(site / "dates" / "2018-03.xml")
    assert slugs_of(entry_links(month)) == ["raqqa-sdf", "army-hajin", "editors-summary"]
    undated = parse_feed(site / "dates" / "undated.xml")
    assert slugs_of(entry_links(undated)) == ["palmyra-undated"]
    assert undated.findtext(f"{ATOM}updated") == "1970-01-01T00:00:00Z"


def test_feed_links_are_in_the_heads_and_on_the_home_page(fixture_build) -> None:
    site = fixture_build[0].out_dir
    archive = '<link rel="alternate" type="application/atom+xml"'
    for page in ("index.html", "search.html", "articles/army-hajin.html", "places/syria.html"):
        assert archive in (site / page).read_text("utf-8"), page
    home = (site / "index.html").read_text("utf-8")
    assert '<a href="feed.xml" type="application/atom+xml">Atom feed</a>' in home


def test_summary_is_the_standfirst_or_the_start_of_the_body() -> None:
    body = " ".join(f"Word{i} of the *long* body." for i in range(200))
    long = Article(slug="long", title="Long", body=body, date="2018-01-02")
    brief = Article(slug="brief", title="Brief", body="Body.", standfirst="The standfirst.")
    feed = ET.fromstring(feed_xml(Feed("feed.xml", "T", "index.html", (long, brief)), "", "T"))
    first, second = (e.findtext(f"{ATOM}summary") for e in feed.iter(f"{ATOM}entry"))
    assert first.startswith("Word0 of the long body. Word1") and first.endswith(" …")
    assert len(first) <= 410
    assert second == "The standfirst."


def test_hostile_text_is_escaped_and_forbidden_characters_dropped() -> None:
    title = 'Evil <script>alert(1)</script> ]]> &amp; "q" \x01\x0b\ufffe\ud800 end'
    article = Article(slug="evil", title=title, body="<b>bold</b> \x1b text", byline="A & B")
    data = feed_xml(Feed("places/x.xml", f"{title} feed", "places/x.html", (article,)), "", "T")
    feed = ET.fromstring(data)  # a well-formed document
    entry = feed.find(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == 'Evil <script>alert(1)</script> ]]> &amp; "q"  end'
    assert entry.findtext(f"{ATOM}summary") == "<b>bold</b>  text"
    assert entry.find(f"{ATOM}author").findtext(f"{ATOM}name") == "A & B"
    assert b"<script>" not in data and b"&lt;script&gt;" in data
    assert entry.find(f"{ATOM}link").get("href") == "../articles/evil.html"


def test_a_feed_holds_the_newest_fifty() -> None:
    articles = [
        Article(
            slug=f"a{i:03}",
            title=f"A{i}",
            body="x",
            date=f"2018-{1 + i // 28:02}-{1 + i % 28:02}",
            source="S",
        )
        for i in range(80)
    ]
    articles.sort(key=newest_first)
    facets = build_all(standard_facets(lambda place: ()), articles)
    found = {feed.path: feed for feed in feeds(articles, facets, "T")}
    for path in ("feed.xml", "sources/s.xml"):
        assert [a.slug for a in found[path].articles] == [f"a{i:03}" for i in range(79, 29, -1)]
        feed = ET.fromstring(feed_xml(found[path], "", "T"))
        assert len(list(feed.iter(f"{ATOM}entry"))) == FEED_SIZE == 50
        assert feed.findtext(f"{ATOM}updated") == "2018-03-24T00:00:00Z"
    assert len(found["dates/2018-02.xml"].articles) == 28


def test_with_a_base_url_ids_and_links_are_absolute(published: BuildConfig) -> None:
    feed = parse_feed(published.out_dir / "places" / "hajin.xml")
    assert_valid_atom(feed)
    assert feed.findtext(f"{ATOM}id") == f"{BASE_URL}places/hajin.xml"
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == f"{BASE_URL}places/hajin.xml"
    assert entry_links(feed) == [
        f"{BASE_URL}articles/army-hajin.html",
        f"{BASE_URL}articles/editors-summary.html",
    ]
    ids = [e.findtext(f"{ATOM}id") for e in feed.iter(f"{ATOM}entry")]
    assert ids == entry_links(feed)


def test_sitemap_lists_every_page_only_with_a_base_url(fixture_build, published) -> None:
    assert not (fixture_build[0].out_dir / "sitemap.xml").exists()
    site = published.out_dir
    root = ET.parse(site / "sitemap.xml").getroot()
    assert root.tag == f"{SITEMAP}urlset"
    urls = [loc.text for loc in root.iter(f"{SITEMAP}loc")]
    assert all(url.startswith(BASE_URL) for url in urls)
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert sorted(urlsplit(url).path.removeprefix("/archive/") for url in urls) == pages
    assert len(urls) == len(set(urls))
    assert 'href="sitemap.xml"' in (site / "data.html").read_text("utf-8")
    assert 'href="sitemap.xml"' not in (fixture_build[0].out_dir / "data.html").read_text()
