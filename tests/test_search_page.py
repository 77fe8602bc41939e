# ruff: noqa: F811  (pytest fixtures imported from test_browser are used as arguments)
"""The search page's filters, date range, orders and browsing, in headless Chromium from file://.

The filter logic (``search-filters.js``) is also checked in Node on made-up columns, fast.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from test_browser import (  # noqa: F401  (fixtures)
    PAGE_SIZE,
    RANKED,
    Site,
    Watch,
    context,
    page,
    result_slugs,
    sample_site,
    url_params,
    wait_for_results,
    watch,
)

ROOT = Path(__file__).resolve().parent.parent
FILTERS_JS = ROOT / "templates" / "static" / "search-filters.js"
NODE = shutil.which("node")


def start_day(iso: str | None) -> int | None:
    if not iso:
        return None
    parts = [int(p) for p in str(iso).split("-")] + [1, 1]
    return (date(parts[0], parts[1], parts[2]) - date(1970, 1, 1)).days


def newest_first(site: Site, slugs: list[str]) -> list[str]:
    """``slugs`` by date, newest first, undated last; ties in slug (ordinal) order."""
    days = {slug: start_day(site.articles[slug].get("date")) for slug in slugs}
    dated = sorted((s for s in slugs if days[s] is not None), key=lambda s: (-days[s], s))
    return dated + sorted(s for s in slugs if days[s] is None)


# ---- in the browser --------------------------------------------------------------------------


@pytest.mark.browser
def test_an_empty_query_browses_the_archive_newest_first(sample_site: Site, page: Page) -> None:
    page.goto(sample_site.url("search.html"))
    expect(page.locator("#search-results")).to_have_attribute("data-query", "")
    expect(page.locator("#search-status")).to_contain_text("300 articles in the archive.")
    expected = newest_first(sample_site, list(sample_site.articles))
    assert result_slugs(page) == expected[:PAGE_SIZE]
    actor = "Islamic State"
    holders = [slug for slug, a in sample_site.articles.items() if actor in a["actors"]]
    assert 10 < len(holders) < 300
    page.locator(f'#search-filters input[name="actor"][value="{actor}"]').check()
    expect(page.locator("#search-status")).to_contain_text(f"{len(holders)} of 300 articles pass")
    assert result_slugs(page) == newest_first(sample_site, holders)[:PAGE_SIZE]
    assert url_params(page) == {"actor": [actor]}


@pytest.mark.browser
def test_opening_the_page_shows_the_archive_without_loading_columns(
    sample_site: Site, page: Page, watch: Watch
) -> None:
    """The archive view and its counts come from facets.js alone, and equal what the filter
    columns give; "Show more" past the newest that facets.js lists loads the columns."""
    page.goto(sample_site.url("search.html"))
    expect(page.locator("#search-results")).to_have_attribute("data-query", "")
    expect(page.locator("#search-results")).to_have_attribute("data-total", "300")
    archive_counts = page.locator("#search-filters").inner_text()
    assert "cols-" not in " ".join(watch.requests)
    expected = newest_first(sample_site, list(sample_site.articles))
    more = page.get_by_role("button", name="Show more results")
    for pages in range(2, 12):  # 110 shown: past the 100 listed
        more.click()
        expect(page.locator("#search-results > li")).to_have_count(pages * PAGE_SIZE)
    assert result_slugs(page) == expected[:110]
    assert any("/search/cols-" in url for url in watch.requests)

    page.goto(sample_site.query("search.html", "sort=oldest"))  # an order needs the columns
    expect(page.locator("#search-results")).to_have_attribute("data-query", "")
    expect(page.locator("#search-status")).to_contain_text("Showing the 10 oldest.")
    assert page.locator("#search-filters").inner_text() == archive_counts


@pytest.mark.browser
def test_sources_combine_with_or_and_keep_their_counts(sample_site: Site, page: Page) -> None:
    """Ticking a second source adds its articles; each source's count stays what it would
    give alone, while place counts follow the results."""
    page.goto(sample_site.query("search.html", "q=aleppo"))
    wait_for_results(page)
    ranked = page.evaluate(RANKED, "aleppo")
    sources = [sample_site.articles[slug].get("source") for slug in ranked]
    counts = {s: sources.count(s) for s in set(sources) if s}
    first, second = sorted(counts, key=lambda s: (-counts[s], s))[:2]
    page.get_by_role("button", name=f"Filter these {len(ranked)} results").click()
    boxes = page.locator('#search-filters input[name="source"]')
    box = boxes.and_(page.locator(f'[value="{first}"]'))
    expect(box.locator("xpath=..").locator(".count")).to_have_text(str(counts[first]))
    box.check()
    status = page.locator("#search-status")
    expect(status).to_contain_text(f"{counts[first]} of {len(ranked)} articles matching")
    other = boxes.and_(page.locator(f'[value="{second}"]'))
    expect(other.locator("xpath=..").locator(".count")).to_have_text(str(counts[second]))
    other.check()
    both = counts[first] + counts[second]
    expect(status).to_contain_text(f"{both} of {len(ranked)} articles matching")
    expected = [
        slug for slug in ranked if sample_site.articles[slug].get("source") in (first, second)
    ]
    assert result_slugs(page) == expected[:PAGE_SIZE]


@pytest.mark.browser
def test_a_query_offers_its_filters_and_loads_their_columns_only_when_opened(
    sample_site: Site, page: Page, watch: Watch
) -> None:
    """The first results cost no filter columns; opening the filters loads them, shows the
    counts of the hits and focuses the first filter, and the next query keeps them open."""
    page.goto(sample_site.query("search.html", "q=aleppo"))
    wait_for_results(page)
    ranked = page.evaluate(RANKED, "aleppo")
    offer = page.get_by_role("button", name=f"Filter these {len(ranked)} results")
    expect(offer).to_have_attribute("aria-expanded", "false")
    expect(page.locator("#search-filters")).to_contain_text("By dates, places, actors, sources")
    assert not any("/search/cols-" in url or "/search/facets" in url for url in watch.requests)
    more = page.get_by_role("button", name="Show more results")
    more.click()
    expect(page.locator("#search-results > li")).to_have_count(2 * PAGE_SIZE)
    offer.click()
    expect(page.locator('#search-filters input[name="from"]')).to_be_focused()
    expect(page.locator("#search-results > li")).to_have_count(2 * PAGE_SIZE)  # kept as shown
    assert any("/search/cols-" in url for url in watch.requests)
    place = "Aleppo"
    holders = [slug for slug in ranked if place in sample_site.articles[slug]["places"]]
    box = page.locator(f'#search-filters input[name="place"][value="{place}"]')
    expect(box.locator("xpath=..").locator(".count")).to_have_text(str(len(holders)))

    page.locator("#q").fill("damascus")
    page.locator("#q").press("Enter")
    expect(page.locator("#search-results")).to_have_attribute("data-query", "damascus")
    expect(page.locator('#search-filters input[name="place"]').first).to_be_visible()


@pytest.mark.browser
def test_a_date_range_and_an_order_narrow_and_sort(sample_site: Site, page: Page) -> None:
    page.goto(sample_site.query("search.html", "q=syria&from=2016-01-01&to=2016-12-31"))
    wait_for_results(page)
    ranked = page.evaluate(RANKED, "syria")
    low, high = start_day("2016-01-01"), start_day("2016-12-31")
    inside = [
        s for s in ranked if low <= (start_day(sample_site.articles[s].get("date")) or -1) <= high
    ]
    assert 0 < len(inside) < len(ranked)
    expect(page.locator("#search-status")).to_contain_text(f"{len(inside)} of {len(ranked)}")
    assert result_slugs(page) == inside[:PAGE_SIZE]  # best match first within the range
    expect(page.locator('#search-filters input[name="from"]')).to_have_value("2016-01-01")

    page.locator("#search-sort").select_option("oldest")
    expect(page.locator("#search-status")).to_contain_text("Showing the 10 oldest.")
    expected = list(reversed(newest_first(sample_site, inside)))
    days = [start_day(sample_site.articles[s].get("date")) for s in result_slugs(page)]
    assert days == [start_day(sample_site.articles[s].get("date")) for s in expected[:PAGE_SIZE]]
    assert url_params(page)["sort"] == ["oldest"]

    page.get_by_role("button", name="Clear filters").click()
    expect(page.locator("#search-status")).to_contain_text(f"{len(ranked)} articles match")
    assert url_params(page) == {"q": ["syria"], "sort": ["oldest"]}


@pytest.mark.browser
def test_a_quoted_phrase_finds_its_words_in_order(sample_site: Site, page: Page) -> None:
    page.goto(sample_site.query("search.html", "q=free syrian army"))
    wait_for_results(page)
    words = len(page.evaluate(RANKED, "free syrian army"))
    page.goto(sample_site.query("search.html", 'q="free syrian army"'))
    wait_for_results(page)
    status = page.locator("#search-status").inner_text()
    phrase = re.compile(r"(?i)\bfree[\s-]+syrian[\s-]+arm(?:y|ys|ies)\b")  # stems alike
    holders = [
        slug
        for slug, article in sample_site.articles.items()
        if phrase.search(article["title"]) or phrase.search(sample_site.bodies[slug])
    ]
    assert 5 < len(holders) < words
    assert status.startswith(f"{len(holders)} articles match")
    assert set(result_slugs(page)) <= set(holders)


# ---- the filter logic in Node ----------------------------------------------------------------

NODE_SCRIPT = r"""
const filters = require(process.argv[2]);
const facets = [
  { name: "place", title: "Places", values: ["Syria", "Aleppo", "Raqqa"], single: false,
    broader: [[], [0], [0]] },
  { name: "source", title: "Sources", values: ["SANA", "Reuters"], single: true },
];
// ordinal -> [day or null, [place numbers], [source numbers]]
const docs = [  // each document names its places; Syria contains Aleppo and Raqqa
  [filters.dayNumber("2016-03-01"), [1], [0]],
  [filters.dayNumber("2017-05-02"), [2], [1]],
  [null, [0], [0]],
  [filters.dayNumber("2016-12-31"), [1, 2], [1]],
  [filters.dayNumber("2015-01-01"), [], []],
];
const columns = {
  facets: facets,
  day: (o) => docs[o][0],
  year: (o) => docs[o][0] === null ? null : new Date(docs[o][0] * 86400000).getUTCFullYear(),
  values: (o, f) => docs[o][1 + f],
};
const hits = docs.map((_, ordinal) => ({ ordinal: ordinal }));
const run = (state) => {
  const out = filters.apply(hits, columns, state);
  const counts = {};
  out.panels.forEach((p) => { counts[p.name] = Object.fromEntries(p.counts); });
  return { kept: out.kept.map((h) => h.ordinal), counts: counts };
};
process.stdout.write(JSON.stringify({
  none: run({ filters: {} }),
  aleppo: run({ filters: { place: ["Aleppo"] } }),
  both: run({ filters: { place: ["Aleppo", "Raqqa"] } }),
  sana: run({ filters: { source: ["SANA"] } }),
  sources: run({ filters: { source: ["SANA", "Reuters"] } }),
  range: run({ filters: {}, from: "2016-01-01", to: "2016-12-31" }),
  year: run({ filters: { year: ["2016"] } }),
  newest: filters.sorted(hits, columns, "newest").map((h) => h.ordinal),
  oldest: filters.sorted(hits, columns, "oldest").map((h) => h.ordinal),
  ranked: filters.ranked({ counts: new Map([["b", 2], ["a", 2], ["c", 5]]), chronological: false },
    ["z"], 2),
  bad: [filters.dayNumber("2016-13-01"), filters.dayNumber("x"), filters.dayNumber("1970-01-02")],
}));
"""


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_filter_logic(tmp_path: Path) -> None:
    script = tmp_path / "filters.js"
    script.write_text(NODE_SCRIPT, encoding="utf-8")
    done = subprocess.run(
        [str(NODE), str(script), str(FILTERS_JS)], capture_output=True, check=True, timeout=60
    )
    got = json.loads(done.stdout)
    assert got["none"]["kept"] == [0, 1, 2, 3, 4]
    assert got["none"]["counts"]["place"] == {"Syria": 4, "Aleppo": 2, "Raqqa": 2}
    assert got["none"]["counts"]["year"] == {"2016": 2, "2017": 1, "2015": 1}
    assert got["aleppo"]["kept"] == [0, 3]
    assert got["aleppo"]["counts"]["place"] == {"Syria": 2, "Aleppo": 2, "Raqqa": 1}
    assert got["both"]["kept"] == [3]  # places: all ticked values
    assert got["sana"]["kept"] == [0, 2]
    assert got["sana"]["counts"]["source"] == {"SANA": 2, "Reuters": 2}  # as if alone
    assert got["sana"]["counts"]["place"] == {"Syria": 2, "Aleppo": 1}
    assert got["sources"]["kept"] == [0, 1, 2, 3]  # sources: any ticked value
    assert got["range"]["kept"] == [0, 3]  # undated articles fall outside any range
    assert got["year"]["kept"] == [0, 3]
    assert got["year"]["counts"]["year"] == {"2016": 2, "2017": 1, "2015": 1}
    assert got["newest"] == [1, 3, 0, 4, 2] and got["oldest"] == [4, 0, 3, 1, 2]
    assert got["ranked"] == [["c", 5], ["a", 2], ["z", 0]]
    assert got["bad"] == [None, None, 1]


@pytest.mark.browser
def test_the_page_lists_the_newest_articles_without_loading_a_record(
    sample_site: Site, page: Page, watch: Watch, browser: Browser
) -> None:
    """search.html is written with the newest results in it, exactly as its script would show
    them, so that opening the page loads no record and works without JavaScript; once the
    list has been replaced, browsing again loads the records."""
    page.goto(sample_site.url("search.html"))
    expect(page.locator("#search-results")).to_have_attribute("data-query", "")
    assert not any("/search/doc/" in url for url in watch.requests)
    expected = newest_first(sample_site, list(sample_site.articles))[:PAGE_SIZE]
    assert result_slugs(page) == expected
    written = page.locator("#search-results").inner_html()

    page.locator("#q").fill("aleppo")
    page.locator("#q").press("Enter")
    expect(page.locator("#search-results")).to_have_attribute("data-query", "aleppo")
    page.go_back()
    expect(page.locator("#search-results")).to_have_attribute("data-query", "")
    assert any("/search/doc/" in url for url in watch.requests)
    rendered = page.locator("#search-results").inner_html()
    assert normal_markup(rendered) == normal_markup(written)

    static = browser.new_context(java_script_enabled=False).new_page()
    static.goto(sample_site.url("search.html"))
    assert result_slugs(static) == expected
    static.context.close()


def normal_markup(html: str) -> str:
    """Markup with the whitespace between tags left out."""
    return re.sub(r">\s+<", "><", html.strip())
