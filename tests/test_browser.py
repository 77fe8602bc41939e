"""The built site in headless Chromium, opened from file:// as a reader with a USB stick would."""

from __future__ import annotations

import bisect
import json
import re
import shutil
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from conftest import content_config
from pagewatch import Watch
from playwright.sync_api import Browser, BrowserContext, Page, expect
from sitecheck import broken_links

from generator.articles import newest_first
from generator.build import BuildReport, build
from generator.config import BuildConfig
from generator.facets import MONTHS
from generator.gazetteer import load_gazetteer
from generator.geomap import AREA_KINDS
from generator.models import Article
from generator.search_records import record_name
from generator.search_shards import REGISTER, chunk_name
from generator.search_shards_pack import decode_numbers

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "content" / "raw").glob("*.txt"))
WAIT_MS = 5_000  # for anything the page does by itself after loading

PAYLOAD_SCRIPT = "<script>window.__pwned=1</script>"
PAYLOAD_IMG = '<img src=x onerror="window.__pwned=1">'
PAYLOAD_LINK = "[x](javascript:window.__pwned=1)"
PAYLOAD_FRAME = '<iframe src="javascript:window.parent.__pwned=1"></iframe>'
PAYLOAD_SVG = '<svg onload="window.__pwned=1"></svg>'
PAYLOADS = (PAYLOAD_SCRIPT, PAYLOAD_IMG, PAYLOAD_LINK, PAYLOAD_FRAME, PAYLOAD_SVG)

# Plain text as scraped: the headline and first paragraph hold a script element, which the
# cleaner drops as leaked page code (the headline, left with a tag and a link, reads as code
# too); the longer paragraphs keep an image tag and a markdown link as text of the story.
HOSTILE_TXT = f"""Quixotic wire {PAYLOAD_SCRIPT} {PAYLOAD_IMG} {PAYLOAD_LINK} from Aleppo

12 March 2018 10:15

The quixotic reporter in Aleppo wrote {PAYLOAD_SCRIPT} into the first paragraph of a story \
about shelling that continued on Monday, and the page dump kept it.

A second paragraph about Aleppo carries an image tag {PAYLOAD_IMG} in the middle of a long \
sentence of ordinary prose, so that the cleaner keeps it as part of the quixotic story.

A third paragraph about the convoy to Aleppo carries a markdown link {PAYLOAD_LINK} in the \
middle of a long sentence of ordinary prose, so that it stays in the body of the story.

Residents of Aleppo said the quixotic payloads were harmless when shown as text on the page.
"""
# Markdown with front matter is taken as it is, so this one carries every payload in its
# title, standfirst, byline, source and body through to the pages.
HOSTILE_TITLE = f"Quixotic dispatch {PAYLOAD_SCRIPT} {PAYLOAD_IMG} {PAYLOAD_LINK}"
HOSTILE_SOURCE = f"Hostile Wire {PAYLOAD_SCRIPT} {PAYLOAD_FRAME}"
HOSTILE_BYLINE = f"Mallory {PAYLOAD_IMG} {PAYLOAD_SVG}"
HOSTILE_STANDFIRST = f"Quixotic summary {PAYLOAD_FRAME} {PAYLOAD_SCRIPT} {PAYLOAD_LINK}"
HOSTILE_MD = f"""---
title: '{HOSTILE_TITLE}'
date: 2018-03-14
source: '{HOSTILE_SOURCE}'
byline: '{HOSTILE_BYLINE}'
standfirst: '{HOSTILE_STANDFIRST}'
---

The quixotic dispatch opens with {PAYLOAD_SCRIPT} in its first paragraph about Aleppo.

{PAYLOAD_IMG} starts the second paragraph, and {PAYLOAD_LINK} ends it.

{PAYLOAD_SCRIPT}

{PAYLOAD_FRAME} and {PAYLOAD_SVG} close it.
"""
# A page dump quoting markdown image syntax with a protocol-relative URL.
TRACKER_TXT = """Zanzibari Relief Column Reaches Aleppo

12 March 2018 10:15

A zanzibari relief column reached Aleppo on Monday after a week on the road, aid workers said.

The page dump quoted an image ![pixel](//tracker.example/pixel.png) in the middle of a long \
sentence of ordinary prose about the relief column and its drivers.
"""


# ---- helpers -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Site:
    """A built site and the cleaned articles it was built from."""

    config: BuildConfig
    report: BuildReport
    articles: dict[str, dict[str, Any]]  # slug -> front matter
    bodies: dict[str, str]  # slug -> markdown body

    def url(self, path: str) -> str:
        return (self.config.out_dir / path).resolve().as_uri()

    def query(self, path: str, query: str) -> str:
        return f"{self.url(path)}?{query}"


def read_markdown(path: Path) -> tuple[dict[str, Any], str]:
    """The YAML front matter and the body of a cleaned article."""
    empty, head, body = path.read_text("utf-8").split("---\n", 2)
    data = yaml.safe_load(head)
    assert empty == "" and isinstance(data, dict), path
    return data, body


def site_of(config: BuildConfig, report: BuildReport) -> Site:
    files = {p.stem: read_markdown(p) for p in sorted(config.content_dir.glob("*.md"))}
    assert len(files) == report.articles
    articles = {slug: meta for slug, (meta, _) in files.items()}
    return Site(config, report, articles, {slug: body for slug, (_, body) in files.items()})


def result_slugs(page: Page) -> list[str]:
    """Article slugs of the search results, best first."""
    hrefs = page.locator("#search-results a.result-title").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    matches = [re.fullmatch(r"articles/(.+)\.html", href) for href in hrefs]
    assert all(matches), hrefs
    return [match.group(1) for match in matches if match]


def wait_for_results(page: Page) -> None:
    """Wait until the search script has answered the query in the URL."""
    expect(page.locator("#search-status")).to_contain_text("“", timeout=WAIT_MS)


def open_filters(page: Page) -> None:
    """Open the filters of the query on screen (their counts load only when asked)."""
    page.locator("#search-filters .filters-offer").click()
    expect(page.locator("#search-filters legend").first).to_be_visible()


def url_params(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def is_pwned(page: Page) -> bool:
    """Whether a payload ran. First waits until an image's error event has fired, as an
    injected onerror would have by then (the listener is the test's, so the page's policy,
    which refuses inline handlers, does not stop it; a refused payload is a violation the
    ``page`` fixture reports)."""
    page.evaluate(
        """() => {
          const probe = document.createElement("img");
          probe.addEventListener("error", () => { window.__probe = 1; });
          probe.src = "";
          document.body.append(probe);
        }"""
    )
    page.wait_for_function("window.__probe === 1", timeout=WAIT_MS)
    return page.evaluate("typeof window.__pwned !== 'undefined'")


def no_horizontal_scroll(page: Page) -> bool:
    return page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")


# ---- fixtures ------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def fixture_site(fixture_build: tuple[BuildConfig, BuildReport]) -> Site:
    return site_of(*fixture_build)


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The sample archive's five seed page dumps, with its gazetteer and about page, built."""
    assert len(SEEDS) == 5, SEEDS
    content = tmp_path_factory.mktemp("seed") / "content"
    (content / "raw").mkdir(parents=True)
    for seed in SEEDS:
        shutil.copy2(seed, content / "raw" / seed.name)
    shutil.copytree(ROOT / "content" / "gazetteer", content / "gazetteer")
    shutil.copy2(ROOT / "content" / "about.md", content / "about.md")
    config = content_config(content)
    report = build(config)
    assert report.articles == 5 and not report.problems, report
    return site_of(config, report)


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """A fresh corpus whose articles carry script, event-handler and javascript: payloads."""
    content = tmp_path_factory.mktemp("hostile") / "content"
    (content / "raw").mkdir(parents=True)
    (content / "raw" / "hostile-wire.txt").write_text(HOSTILE_TXT, "utf-8")
    (content / "raw" / "hostile-dispatch.md").write_text(HOSTILE_MD, "utf-8")
    (content / "raw" / "tracker-dump.txt").write_text(TRACKER_TXT, "utf-8")
    config = BuildConfig(
        raw_dir=content / "raw",
        content_dir=content / "articles",
        gazetteer_dir=ROOT / "content" / "gazetteer",
        out_dir=content.parent / "site",
    )
    report = build(config)
    assert report.articles == 3 and not report.problems, report
    return site_of(config, report)


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context()
    yield context
    context.close()


@pytest.fixture
def watch() -> Watch:
    return Watch()


@pytest.fixture
def page(context: BrowserContext, watch: Watch) -> Iterator[Page]:
    """A fresh page; afterwards, it must have loaded nothing but local files, without errors."""
    page = context.new_page()
    watch.attach(page)
    yield page
    assert watch.requests, "the page made no requests at all: nothing was recorded"
    assert watch.offsite() == []
    assert watch.problems == []


# ---- search --------------------------------------------------------------------------------

SEED_WORDS = {
    "000_c600c3dbdc25addd.txt": "Khabouri",
    "001_f69f3540a3bdc296.txt": "Shishani",
    "002_7f9207fcd4b22e86.txt": "Caravanat",
    "003_a3f8a9ac8286ba8d.txt": "Rizema",
    "004_a2c911d8e0e811de.txt": "Tasil",
}


def test_seed_words_are_distinctive() -> None:
    """Each search word below occurs in its own seed's raw file and in no other."""
    assert sorted(SEED_WORDS) == [seed.name for seed in SEEDS]
    for seed in SEEDS:
        word = re.compile(rf"\b{SEED_WORDS[seed.name]}\b")
        holders = [other.name for other in SEEDS if word.search(other.read_text("utf-8"))]
        assert holders == [seed.name]


@pytest.mark.parametrize("raw_name", sorted(SEED_WORDS))
def test_distinctive_word_finds_its_seed_first(seed_site: Site, page: Page, raw_name: str) -> None:
    """The seed is the first result, with its title, date, source and a highlighted snippet."""
    word = SEED_WORDS[raw_name]
    slug, meta = next((s, a) for s, a in seed_site.articles.items() if a["raw_file"] == raw_name)
    page.goto(seed_site.query("search.html", f"q={word}"))
    wait_for_results(page)

    assert result_slugs(page)[0] == slug
    first = page.locator("#search-results > li").first
    expect(first.locator("a.result-title")).to_have_text(meta["title"])
    if meta["date"]:
        expect(first.locator(".meta time")).to_have_text(meta["date"])
        expect(first.locator(".meta time")).to_have_attribute("datetime", meta["date"])
    else:
        expect(first.locator(".meta")).to_contain_text("Undated")
    if meta["source"]:
        expect(first.locator(".meta")).to_contain_text(meta["source"])
    marks = first.locator("p.snippet mark").all_inner_texts()
    assert marks and all(m.lower() == word.lower() for m in marks)

    first.locator("a.result-title").click()
    assert page.url == seed_site.url(f"articles/{slug}.html")
    expect(page.locator("h1")).to_have_text(meta["title"])


def test_dated_seeds_show_date_and_source(seed_site: Site) -> None:
    """At least three seeds exercise the date-and-source branch of the result above."""
    dated = [a for a in seed_site.articles.values() if a["date"] and a["source"]]
    assert len(dated) >= 3


def test_submitting_the_form_updates_url_and_results(seed_site: Site, page: Page) -> None:
    """A typed query goes into ?q=, replaces the results, and Back restores the previous ones."""
    page.goto(seed_site.query("search.html", "q=Khabouri"))
    wait_for_results(page)
    before = result_slugs(page)
    assert len(before) == 1

    page.locator("#q").fill("Shishani")
    page.locator("#search-form button[type=submit]").click()
    expect(page.locator("#search-status")).to_contain_text("Shishani")
    assert url_params(page) == {"q": ["Shishani"]}
    after = result_slugs(page)
    assert len(after) == 1 and after != before
    assert seed_site.articles[after[0]]["raw_file"] == "001_f69f3540a3bdc296.txt"
    expect(page).to_have_title(re.compile("^Shishani"))

    page.go_back()
    expect(page.locator("#search-status")).to_contain_text("Khabouri")
    assert result_slugs(page) == before
    expect(page.locator("#q")).to_have_value("Khabouri")


def indexed_text(article: dict[str, Any], body: str) -> str:
    """The fields the search index holds for an article, as one text."""
    places = " ".join(article.get("places") or [])
    actors = " ".join(article.get("actors") or [])
    return " ".join((article["title"], body, places, actors, article.get("source") or ""))


@pytest.mark.parametrize(
    ("site_name", "word", "expected"),
    [
        ("fixture_site", "convoy", {"aleppo-page", "army-hajin"}),
        ("fixture_site", "Monday", {"aleppo-page", "army-hajin"}),
        ("seed_site", "destroyed", {"000-c600c3dbdc25addd", "002-7f9207fcd4b22e86"}),
        ("seed_site", "Turkey", {"000-c600c3dbdc25addd", "001-f69f3540a3bdc296"}),
    ],
)
def test_words_lunr_py_stemmed_differently_are_found(
    request: pytest.FixtureRequest, page: Page, site_name: str, word: str, expected: set[str]
) -> None:
    """Words whose stems lunr.py and lunr.js disagree on find every article that has them."""
    site: Site = request.getfixturevalue(site_name)
    pattern = re.compile(rf"\b{word}\b", re.IGNORECASE)
    holders = {
        slug
        for slug, article in site.articles.items()
        if pattern.search(indexed_text(article, site.bodies[slug]))
    }
    assert holders == expected  # the corpus still sets the case up

    for query in (word, word.upper(), word.lower()):
        page.goto(site.query("search.html", f"q={query}"))
        expect(page.locator("#search-status")).to_contain_text(f"“{query}”")
        slugs = result_slugs(page)
        assert set(slugs) == expected, query
        for slug, item in zip(slugs, page.locator("#search-results > li").all(), strict=True):
            if pattern.search(f"{site.articles[slug]['title']} {site.bodies[slug]}"):
                marks = [m.lower() for m in item.locator("mark").all_inner_texts()]
                assert marks[:1] == [word.lower()], (query, slug)
            else:  # found through its source ("Islamic Invitation Turkey"), shown unmarked
                expect(item.locator(".meta")).to_contain_text(pattern)


# ---- filters -------------------------------------------------------------------------------


def test_place_filter_narrows_results_and_lives_in_the_url(seed_site: Site, page: Page) -> None:
    """Ticking a place keeps only its articles, adds place= to the URL and survives a reload."""
    page.goto(seed_site.query("search.html", "q=Deir"))
    wait_for_results(page)
    hits = result_slugs(page)
    assert len(hits) >= 3

    # A place some but not all of the results name, with the count the page shows for it.
    counts = {
        place: sum(1 for slug in hits if place in seed_site.articles[slug]["places"])
        for slug in hits
        for place in seed_site.articles[slug]["places"]
    }
    place = min((p for p, n in counts.items() if 1 < n < len(hits)), key=lambda p: (-counts[p], p))
    open_filters(page)
    box = page.locator(f'#search-filters input[name="place"][value="{place}"]')
    expect(box.locator("xpath=..").locator(".count")).to_have_text(str(counts[place]))

    box.check()
    expect(page.locator("#search-results > li")).to_have_count(counts[place])
    kept = result_slugs(page)
    assert all(place in seed_site.articles[slug]["places"] for slug in kept)
    assert url_params(page) == {"q": ["Deir"], "place": [place]}
    expect(page.locator("#search-status")).to_contain_text(f"{counts[place]} of {len(hits)}")

    page.reload()
    wait_for_results(page)
    expect(page.locator(f'#search-filters input[name="place"][value="{place}"]')).to_be_checked()
    assert result_slugs(page) == kept

    page.locator(f'#search-filters input[name="place"][value="{place}"]').uncheck()
    expect(page.locator("#search-results > li")).to_have_count(len(hits))
    assert url_params(page) == {"q": ["Deir"]}


# ---- sharded search on a larger archive ----------------------------------------------------

# A script loader for the engine that takes 1.5 s over one file.
SLOW_LOADER = """slow => window.DossierSearch.configure({
  loader: (url) => new Promise((resolve, reject) => {
    setTimeout(() => {
      const script = document.createElement("script");
      script.src = url;
      script.onload = resolve;
      script.onerror = () => reject(new Error("could not load " + url));
      document.head.appendChild(script);
    }, url.endsWith("/" + slow + ".js") ? 1500 : 0);
  }),
})"""

# Waits until everything a query's first page needs has loaded (the engine shares its loads).
QUERY_SETTLED = """async q => {
  const hits = await window.DossierSearch.search(q);
  await window.DossierSearch.documents(hits.slice(0, 10));
  await window.DossierSearch.filters(hits);
  await new Promise((resolve) => setTimeout(resolve, 50));
}"""

# The slugs of a query's hits, best first, as the engine ranks them.
RANKED = """q => DossierSearch.search(q)
  .then((hits) => DossierSearch.documents(hits))
  .then((records) => records.map((record) => record.ref))"""
PAGE_SIZE = 10  # results the search page shows at first and adds with "Show more"


@dataclass(frozen=True)
class Shards:
    """The sharded search files of a built site, read as the engine reads them."""

    folder: Path

    def data(self, name: str) -> Any:
        """What ``search/<name>.js`` registers."""
        text = (self.folder / f"{name}.js").read_text("utf-8")
        prefix, suffix = f"{REGISTER}(", ");\n"
        assert text.startswith(prefix) and text.endswith(suffix), name
        registered, data = json.loads(f"[{text[len(prefix) : -len(suffix)]}]")
        assert registered == name
        return data

    @property
    def manifest(self) -> dict[str, Any]:
        return self.data("manifest")

    def names(self) -> set[str]:
        """Every registered name: ``manifest``, ``terms-0003``, ``doc/0/17`` ..."""
        return {path.relative_to(self.folder).as_posix()[:-3] for path in self.folder.rglob("*.js")}

    def term_shard(self, term: str) -> str:
        firsts = self.manifest["termShards"].split(" ")
        return chunk_name("terms", max(0, bisect.bisect_right(firsts, term) - 1))

    def hits(self, term: str) -> set[int]:
        """Ordinals of the documents holding ``term`` in any field."""
        entry = next(e for e in self.data(self.term_shard(term)) if e[0] == term)
        numbers, at, ordinals = decode_numbers(entry[2]), 0, set()
        for _ in self.manifest["fields"]:
            count, at, ordinal = numbers[at], at + 1, 0
            for _ in range(count):
                delta = numbers[at]
                ordinal += delta // 2 if delta % 2 == 0 else -(delta + 1) // 2
                ordinals.add(ordinal)
                at += 3  # delta, tf, field length
        return ordinals

    def ordinals(self) -> dict[str, int]:
        """Article slug -> ordinal."""
        count = self.manifest["documents"]
        return {self.data(record_name(ordinal))["ref"]: ordinal for ordinal in range(count)}

    def column_chunk(self, ordinal: int) -> str:
        return chunk_name("cols", ordinal // self.manifest["columnChunk"])


def loaded_search_files(site: Site, requests: list[str]) -> list[str]:
    """Names of the search/ files the page asked for, in order."""
    folder = site.url("search") + "/"
    return [url[len(folder) : -len(".js")] for url in requests if url.startswith(folder)]


def indexed_texts(site: Site) -> dict[str, str]:
    return {slug: indexed_text(a, site.bodies[slug]) for slug, a in site.articles.items()}


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """300 of the sample archive's cleaned articles, built: enough for many search files."""
    content = tmp_path_factory.mktemp("sample") / "content"
    (content / "raw").mkdir(parents=True)
    for path in sorted((ROOT / "content" / "articles").glob("*.md"))[:300]:
        shutil.copy2(path, content / "raw" / path.name)  # markdown is taken as it is
    config = BuildConfig(
        raw_dir=content / "raw",
        content_dir=content / "articles",
        gazetteer_dir=ROOT / "content" / "gazetteer",
        out_dir=content.parent / "site",
    )
    report = build(config)
    assert report.articles == 300 and not report.problems, report
    return site_of(config, report)


@pytest.fixture(scope="session")
def sample_shards(sample_site: Site) -> Shards:
    shards = Shards(sample_site.config.out_dir / "search")
    kinds = {name.split("-")[0].split("/")[0] for name in shards.names()}
    assert kinds == {"manifest", "vocab", "terms", "pos", "doc", "facets", "cols"}
    assert len([n for n in shards.names() if n.startswith("terms-")]) > 3
    return shards


def test_first_query_loads_only_the_files_it_needs(
    sample_site: Site, sample_shards: Shards, page: Page, watch: Watch
) -> None:
    """From file://, a first one-word query loads the manifest, its word's term shard and the
    records of the results shown (with the rest of the text of those whose lead lacks the
    word): no monolithic index, no vocabulary, no filter columns, a small part of the search
    files. Opening the filters then loads the facets and the columns of its hits."""
    page.goto(sample_site.query("search.html", "q=convoy"))
    wait_for_results(page)
    expect(page.locator("#search-filters .filters-offer")).to_be_visible()
    page.wait_for_load_state("load")
    shown = result_slugs(page)
    hits = sample_shards.hits("convoy")
    assert PAGE_SIZE < len(hits) <= 50  # the corpus still sets the case up
    assert len(shown) == PAGE_SIZE
    ordinals = sample_shards.ordinals()
    assert {ordinals[slug] for slug in shown} <= hits

    loaded = loaded_search_files(sample_site, watch.requests)
    assert len(loaded) == len(set(loaded))  # nothing twice
    records = {record_name(ordinals[slug]) for slug in shown}
    more = {name for name in loaded if name.endswith("-more")}
    assert {name.removesuffix("-more") for name in more} <= records
    assert set(loaded) == {"manifest", sample_shards.term_shard("convoy"), *records, *more}
    assert loaded[0] == "manifest"
    assert len(loaded) < len(sample_shards.names()) / 10

    open_filters(page)
    columns = {sample_shards.column_chunk(ordinal) for ordinal in hits}
    assert set(loaded_search_files(sample_site, watch.requests)) - set(loaded) == {
        "facets",
        *columns,
    }
    scripts = [urlsplit(url).path.rsplit("/", 2)[-2:] for url in watch.requests]
    assert ["search", "index.js"] not in scripts and ["search", "docs.js"] not in scripts


def test_show_more_appends_the_next_results(sample_site: Site, page: Page) -> None:
    """Ten results come first; "Show more", pressed from the keyboard, appends the next ten
    in rank order and moves the focus to the first of them, until all are shown."""
    page.goto(sample_site.query("search.html", "q=syria"))
    wait_for_results(page)
    ranked = page.evaluate(RANKED, "syria")
    assert len(ranked) > 120
    results = page.locator("#search-results > li")
    expect(results).to_have_count(PAGE_SIZE)
    assert result_slugs(page) == ranked[:PAGE_SIZE]
    expect(page.locator("#search-status")).to_contain_text(
        f"{len(ranked)} articles match “syria”. Showing the best {PAGE_SIZE}."
    )
    expect(results.nth(PAGE_SIZE - 1).locator("p.snippet")).to_be_visible()

    more = page.get_by_role("button", name="Show more results")
    more.focus()
    page.keyboard.press("Enter")
    expect(results).to_have_count(2 * PAGE_SIZE)
    assert result_slugs(page) == ranked[: 2 * PAGE_SIZE]
    expect(results.nth(PAGE_SIZE).locator("a.result-title")).to_be_focused()
    expect(results.nth(2 * PAGE_SIZE - 1).locator("p.snippet")).to_be_visible()
    expect(page.locator("#search-status")).to_contain_text(f"Showing the best {2 * PAGE_SIZE}.")

    while len(result_slugs(page)) < len(ranked):
        count = len(result_slugs(page))
        more.click()
        expect(results).to_have_count(min(count + PAGE_SIZE, len(ranked)))
    assert result_slugs(page) == ranked
    expect(more).to_be_hidden()
    expect(page.locator("#search-status")).not_to_contain_text("Showing the best")


def test_fuzzy_query_finds_damascus(sample_site: Site, page: Page, watch: Watch) -> None:
    """A misspelt word with an edit distance (damascas~1) finds the Damascus articles (and
    those saying "Damascan": its stem is one edit away too)."""
    page.goto(sample_site.query("search.html", "q=damascas~1"))
    wait_for_results(page)
    texts = indexed_texts(sample_site)
    holders = {slug for slug, text in texts.items() if re.search(r"(?i)\bdamasc(us|an)\b", text)}
    assert len(holders) > 50
    exact = page.evaluate("q => DossierSearch.search(q).then(r => r.total)", "damascus")
    status = page.locator("#search-status").inner_text()
    found = re.match(r"(\d+) articles match “damascas~1”\. Showing the best 10\.", status)
    assert found and int(found.group(1)) >= exact > 50, status
    shown = result_slugs(page)
    assert len(shown) == PAGE_SIZE and set(shown) <= holders
    marks = {m.lower() for m in page.locator("#search-results mark").all_inner_texts()}
    assert "damascus" in marks and marks <= {"damascus", "damascan"}
    # Fuzzy terms match anywhere, among the terms within one edit in length ("damasca": 7).
    vocabulary = sorted(u.rsplit("/", 1)[1] for u in watch.requests if "/search/vocab-" in u)
    assert vocabulary == ["vocab-0006.js", "vocab-0007.js", "vocab-0008.js"]


def test_unparsable_query_searches_its_words(sample_site: Site, page: Page) -> None:
    """A query lunr cannot parse says so and shows what its plain words find."""
    page.goto(sample_site.query("search.html", "q=truce~x"))
    wait_for_results(page)
    status = page.locator("#search-status")
    expect(status).to_contain_text("“truce~x” is not a valid query (edit distance must be")
    expect(status).to_contain_text("so its words were searched instead.")
    found = result_slugs(page)
    page.goto(sample_site.query("search.html", "q=truce"))
    wait_for_results(page)
    assert found and found == result_slugs(page)


def test_a_newer_query_supersedes_a_slower_older_one(
    sample_site: Site, sample_shards: Shards, page: Page
) -> None:
    """While a query loads the page shows it is busy; a query typed meanwhile wins even when
    the older one finishes later."""
    assert sample_shards.term_shard("convoy") != sample_shards.term_shard("truce")
    page.goto(sample_site.url("search.html"))
    expect(page.locator("#search-status")).to_contain_text("300 articles in the archive.")
    page.evaluate(SLOW_LOADER, sample_shards.term_shard("convoy"))

    page.locator("#q").fill("convoy")
    page.locator("#search-form button[type=submit]").click()
    expect(page.locator("#search-status")).to_have_text("Searching…")
    expect(page.locator("#search-results")).to_have_attribute("aria-busy", "true")

    page.locator("#q").fill("truce")
    page.locator("#search-form button[type=submit]").click()
    wait_for_results(page)
    expect(page.locator("#search-status")).to_contain_text("“truce”")
    truce = result_slugs(page)
    assert truce == page.evaluate(RANKED, "truce")[:PAGE_SIZE]

    page.evaluate(QUERY_SETTLED, "convoy")  # the older query has all it needs by now
    expect(page.locator("#search-status")).to_contain_text("“truce”")
    assert result_slugs(page) == truce
    expect(page.locator("#search-results")).not_to_have_attribute("aria-busy", "true")
    expect(page.locator("#q")).to_have_value("truce")
    assert url_params(page) == {"q": ["truce"]}


def test_sample_site_has_no_broken_links(sample_site: Site) -> None:
    assert broken_links(sample_site.config.out_dir) == []


# ---- browsing ------------------------------------------------------------------------------


def test_browse_from_home_to_place_article_and_month(fixture_site: Site, page: Page) -> None:
    """Home → Places → Hajin → the article → its month page, which lists the article."""
    slug = "army-hajin"
    article = fixture_site.articles[slug]
    assert "Hajin" in article["places"] and article["date"] == "2018-03-12"

    page.goto(fixture_site.url("index.html"))
    page.get_by_role("navigation", name="Browse").get_by_role("link", name="Places").click()
    assert page.url == fixture_site.url("places.html")
    expect(page.locator("h1")).to_have_text("Places")

    page.locator("main").get_by_role("link", name="Hajin", exact=True).click()
    assert page.url == fixture_site.url("places/hajin.html")
    expect(page.locator("h1")).to_have_text("Hajin")

    page.locator("main").get_by_role("link", name=article["title"], exact=True).click()
    assert page.url == fixture_site.url(f"articles/{slug}.html")
    expect(page.locator("h1")).to_have_text(article["title"])

    page.locator("article header .meta time").get_by_role("link", name="2018-03-12").click()
    assert page.url == fixture_site.url("dates/2018-03.html")
    listed = page.locator("main ol.articles a.article-title")
    expect(listed.filter(has_text=article["title"])).to_have_count(1)
    march = {s for s, a in fixture_site.articles.items() if str(a["date"]).startswith("2018-03")}
    expect(listed).to_have_count(len(march))


def test_every_flow_loads_only_local_files(fixture_site: Site, page: Page, watch: Watch) -> None:
    """Search, filter and browse pages ask for nothing but files of the site itself."""
    page.goto(fixture_site.query("search.html", "q=syrian"))
    wait_for_results(page)
    open_filters(page)
    page.locator("#search-filters input[type=checkbox]").first.check()
    page.locator("#search-results a.result-title").first.click()
    expect(page.locator("h1")).to_be_visible()
    for path in ("index.html", "places.html", "dates.html", "sources.html", "about.html"):
        page.goto(fixture_site.url(path))
        expect(page.locator("h1").first).to_be_visible()

    site_root = fixture_site.url("")
    assert watch.offsite() == []
    assert all(url.startswith(site_root) for url in watch.requests), watch.requests
    for needed in ("assets/vendor/lunr.min.js", "assets/search-engine.js", "search/manifest.js"):
        assert fixture_site.url(needed) in watch.requests
    assert fixture_site.url("search/index.js") not in watch.requests
    assert watch.problems == []


# ---- timeline, map, child places and connections ---------------------------------------


def month_of(meta: dict[str, Any]) -> str | None:
    """The "YYYY-MM" an article is dated to, if its date has a month."""
    date = meta["date"]
    if date is None or meta.get("date_precision") == "year" or len(str(date)) < 7:
        return None
    return str(date)[:7]


def month_label(month: str) -> str:
    return f"{MONTHS[int(month[5:]) - 1]} {month[:4]}"


def articles_text(count: int) -> str:
    return f"{count} article" if count == 1 else f"{count} articles"


def listed_under(site: Site) -> dict[str, list[str]]:
    """Place -> the slugs its page lists (it and the places within it), newest first."""
    ancestors = load_gazetteer(site.config.gazetteer_dir).ancestors
    listed: dict[str, list[str]] = {}
    for slug in sorted(site.articles, key=lambda slug: newest_first(as_article(site, slug))):
        names = [n for p in site.articles[slug]["places"] for n in (p, *ancestors(p))]
        for name in dict.fromkeys(names):
            listed.setdefault(name, []).append(slug)
    return listed


def as_article(site: Site, slug: str) -> Article:
    meta = site.articles[slug]
    date = None if meta["date"] is None else str(meta["date"])
    return Article(slug=slug, title=meta["title"], body="", date=date)


def shown_counts(page: Page, heading: str) -> list[tuple[str, int]]:
    """(label, count) of the list under a heading of the page, in order."""
    section = page.locator("section").filter(has=page.get_by_role("heading", name=heading))
    items = section.locator("li")
    return [
        (item.locator("a").inner_text(), int(item.locator(".count").inner_text()))
        for item in items.all()
    ]


def top(counts: Counter[str], limit: int = 12) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].casefold(), kv[0]))[:limit]


def test_timeline_bar_opens_its_month_page(sample_site: Site, page: Page) -> None:
    """Home and Dates: a bar per month with articles; the busiest month's bar opens its month
    page, which lists exactly that month's articles."""
    months = Counter(m for meta in sample_site.articles.values() if (m := month_of(meta)))
    month, count = max(months.items(), key=lambda kv: (kv[1], kv[0]))
    assert count <= sample_site.config.page_size  # the month page shows them all
    expected = sorted(a["title"] for a in sample_site.articles.values() if month_of(a) == month)
    for start in ("index.html", "dates.html"):
        page.goto(sample_site.url(start))
        chart = page.locator("figure.timeline svg")
        expect(chart.get_by_role("link")).to_have_count(len(months))
        bar = chart.get_by_role("link", name=f"{month_label(month)}: {articles_text(count)}")
        bar.click()
        assert page.url == sample_site.url(f"dates/{month}.html")
        expect(page.locator("h1")).to_have_text(month_label(month))
        titles = page.locator("main ol.articles a.article-title").all_inner_texts()
        assert sorted(titles) == expected


def test_place_timeline_bar_lands_on_the_page_and_heading_of_its_month(
    sample_site: Site, page: Page
) -> None:
    """A place listed over several pages: the bar of a month that starts on a later page and
    runs on to the next opens the page where it starts, at the month's heading, under which
    are that month's articles of that page."""
    size = sample_site.config.page_size
    place, members = max(listed_under(sample_site).items(), key=lambda kv: (len(kv[1]), kv[0]))
    assert len(members) > 2 * size
    pages: dict[str, list[int]] = {}  # month -> the pages its articles are on
    for position, slug in enumerate(members):
        if month := month_of(sample_site.articles[slug]):
            pages.setdefault(month, []).append(position // size + 1)
    # A month that starts after the first page and runs on to the next one.
    later = [m for m, numbers in pages.items() if numbers[0] > 1]
    month = max(later, key=lambda m: (pages[m][-1] > pages[m][0], pages[m][0], m))
    assert pages[month][-1] > pages[month][0]
    number = pages[month][0]
    count = sum(1 for slug in members if month_of(sample_site.articles[slug]) == month)

    page.goto(sample_site.url("places.html"))
    page.locator("main ul.values").get_by_role("link", name=place, exact=True).click()
    first_page = page.url
    bar = page.locator("figure.timeline svg").get_by_role(
        "link", name=f"{month_label(month)}: {articles_text(count)}"
    )
    bar.click()
    assert page.url == f"{first_page[: -len('.html')]}.p{number}.html#m-{month}"
    heading = page.locator(f"h2#m-{month}")
    expect(heading).to_have_text(month_label(month))
    expect(heading).to_be_in_viewport()
    on_page = members[(number - 1) * size : number * size]
    here = [
        sample_site.articles[s]["title"]
        for s in on_page
        if month_of(sample_site.articles[s]) == month
    ]
    titles = page.locator(f"h2#m-{month} + ol.articles a.article-title").all_inner_texts()
    assert titles == here


def test_map_dot_from_home_opens_the_place_page(fixture_site: Site, page: Page) -> None:
    """Home → Map → a dot → its place page; areas (governorates, countries) are no dots."""
    page.goto(fixture_site.url("index.html"))
    page.locator("main").get_by_role("link", name="Map", exact=True).click()
    assert page.url == fixture_site.url("places.html") + "#map"
    dots = page.locator("#map svg a.dot")
    hajin = [s for s, a in fixture_site.articles.items() if "Hajin" in a["places"]]
    gazetteer = load_gazetteer(fixture_site.config.gazetteer_dir)
    named = {p for a in fixture_site.articles.values() for p in a["places"]}
    points = {p for p in named if gazetteer.places[p].kind not in AREA_KINDS}
    assert {"Hajin", "Aleppo"} <= points and "Syria" not in points
    expect(dots).to_have_count(len(points))
    page.locator("#map svg").get_by_role("link", name=f"Hajin: {articles_text(len(hajin))}").click()
    assert page.url == fixture_site.url("places/hajin.html")
    expect(page.locator("h1")).to_have_text("Hajin")


def test_child_places_and_connections_count_the_built_articles(
    sample_site: Site, page: Page
) -> None:
    """A place page lists the places within it and the actors most reported there, an actor
    page the places most reported with it, with the counts of the articles."""
    listed = listed_under(sample_site)
    parent_of = load_gazetteer(sample_site.config.gazetteer_dir).ancestors
    children: dict[str, Counter[str]] = {}
    for name, slugs in listed.items():
        if parents := parent_of(name):
            children.setdefault(parents[0], Counter())[name] = len(slugs)
    place = max(children, key=lambda p: (len(children[p]), p))
    actors = Counter(a for slug in listed[place] for a in sample_site.articles[slug]["actors"])

    page.goto(sample_site.url("places.html"))
    page.locator("main ul.values").get_by_role("link", name=place, exact=True).click()
    assert shown_counts(page, f"Places in {place}") == top(children[place], limit=1000)
    assert shown_counts(page, f"Actors most reported with {place}") == top(actors)

    actor = actors.most_common(1)[0][0]
    page.get_by_role("link", name=actor, exact=True).first.click()
    expect(page.locator("h1")).to_have_text(actor)
    places = Counter(
        p
        for p, slugs in listed.items()
        for slug in slugs
        if actor in sample_site.articles[slug]["actors"]
    )
    assert shown_counts(page, f"Places most reported with {actor}") == top(places)


# ---- hostile text --------------------------------------------------------------------------


def no_markup_from_text(page: Page) -> None:
    """No element a payload would make, no event-handler attribute, no javascript: link."""
    assert page.locator("main script, main img, main iframe, main object, main embed").count() == 0
    handlers = "[...document.querySelectorAll('*')].flatMap(e => [...e.attributes])"
    assert page.evaluate(f"{handlers}.filter(a => a.name.startsWith('on')).length") == 0
    assert page.locator("a[href^='javascript' i]").count() == 0
    assert not is_pwned(page)


def test_hostile_article_pages_show_markup_as_text(hostile_site: Site, page: Page) -> None:
    """Script, onerror, iframe, svg onload and javascript: payloads in the title, standfirst,
    byline, source and body never run or link."""
    page.goto(hostile_site.url("articles/hostile-dispatch.html"))
    expect(page.locator("h1")).to_have_text(HOSTILE_TITLE)
    expect(page).to_have_title(re.compile(re.escape(HOSTILE_TITLE)))
    body = page.locator("article .body")
    for payload in PAYLOADS:
        expect(body).to_contain_text(payload)
    for text in (HOSTILE_SOURCE, HOSTILE_BYLINE, HOSTILE_STANDFIRST.split(" [x]")[0]):
        expect(page.locator("main")).to_contain_text(text)
    no_markup_from_text(page)

    # From the plain-text dump the cleaner drops lines holding a script element as leaked page
    # code; what it keeps must still be text.
    wire = hostile_site.articles["hostile-wire"]
    page.goto(hostile_site.url("articles/hostile-wire.html"))
    body = page.locator("article .body")
    expect(body).to_contain_text(PAYLOAD_IMG)
    expect(body).to_contain_text(PAYLOAD_LINK)
    expect(page.locator("h1")).to_have_text(wire["title"])
    no_markup_from_text(page)


def hostile_source_page(site: Site, suffix: str = ".html") -> str:
    found = sorted(site.config.out_dir.glob(f"sources/hostile-wire-*{suffix}"))
    assert len(found) == 1, found
    return found[0].relative_to(site.config.out_dir).as_posix()


def test_hostile_text_is_text_wherever_it_is_listed(
    hostile_site: Site, page: Page, watch: Watch
) -> None:
    """The home page, the facet indexes and the value pages list the hostile title and source
    as text, and nothing in them runs."""
    shown = {
        "index.html": HOSTILE_TITLE,
        "sources.html": HOSTILE_SOURCE,
        hostile_source_page(hostile_site): HOSTILE_TITLE,
        "places/aleppo.html": HOSTILE_TITLE,
        "dates/2018-03.html": HOSTILE_TITLE,
        "dates/2018.html": HOSTILE_TITLE,
    }
    for path, text in shown.items():
        page.goto(hostile_site.url(path))
        expect(page.locator("main")).to_contain_text(text)
        no_markup_from_text(page)
    expect(page.locator("h1")).to_be_visible()
    assert watch.problems == []


def test_hostile_feeds_are_text_in_the_browser(hostile_site: Site, page: Page) -> None:
    """Opened in the browser, a feed shows as its XML source (Chromium's viewer): the payloads
    are text in it, no element they would make exists and nothing runs."""
    for path in ("feed.xml", hostile_source_page(hostile_site, ".xml")):
        page.goto(hostile_site.url(path))
        expect(page.locator("body")).to_contain_text(HOSTILE_TITLE)
        expect(page.locator("body")).to_contain_text(HOSTILE_BYLINE)
        assert page.locator("script, img, iframe, svg, object, embed").count() == 0, path
        handlers = "[...document.querySelectorAll('*')].flatMap(e => [...e.attributes])"
        assert page.evaluate(f"{handlers}.filter(a => a.name.startsWith('on')).length") == 0
        assert page.evaluate("typeof window.__pwned") == "undefined", path


INJECTED = (
    '<style>main { display: none }</style><div id="inj-style" style="display: none">x</div>'
    '<script>window.__pwned = "script"</script>'
    '<img id="inj-img" src="" onerror="window.__pwned = \'onerror\'">'
    '<a id="inj-link" href="javascript:window.__pwned = \'link\'">injected link</a>'
)


def test_the_policy_itself_refuses_injected_markup(
    hostile_site: Site, browser: Browser, tmp_path: Path
) -> None:
    """Were markup ever to reach a page, the page's policy would refuse to run or apply it,
    while the page's own script still runs: a copy of an article page with a script element,
    an inline handler, a javascript: link and inline styles written into it. Without the
    policy the same page runs the script (so the test would see it)."""
    site = tmp_path / "site"
    shutil.copytree(hostile_site.config.out_dir, site)
    article = (site / "articles" / "hostile-dispatch.html").read_text("utf-8")
    meta = re.search(r'<meta http-equiv="Content-Security-Policy"[^>]*>\n', article)
    assert meta is not None
    injected = article.replace('<main id="main">', f'<main id="main">{INJECTED}', 1)
    (site / "articles" / "injected.html").write_text(injected, "utf-8")
    (site / "articles" / "open.html").write_text(injected.replace(meta[0], ""), "utf-8")

    context = browser.new_context()
    try:
        page = context.new_page()
        watch = Watch()
        watch.attach(page)
        page.goto((site / "articles" / "injected.html").as_uri())
        expect(page.locator("button.copy").first).to_be_visible()  # cite.js ran
        expect(page.locator(".access-date").first).not_to_have_text("[date]")
        expect(page.locator("main")).to_be_visible()  # the <style> block was refused
        expect(page.locator("#inj-style")).to_be_visible()  # and so was the style attribute
        page.locator("#inj-link").click()
        page.wait_for_timeout(200)
        assert page.evaluate("typeof window.__pwned") == "undefined"
        refused = {v.split()[0] for v in watch.violations()}
        assert refused >= {"script-src-elem", "script-src-attr", "style-src-elem"}, refused
        assert "style-src-attr" in refused, refused

        page.goto((site / "articles" / "open.html").as_uri())
        page.wait_for_function("window.__pwned !== undefined", timeout=WAIT_MS)
    finally:
        context.close()


def test_hostile_search_results_show_markup_as_text(hostile_site: Site, page: Page) -> None:
    """The search page builds results from the same text without ever parsing it as HTML."""
    page.goto(hostile_site.query("search.html", "q=quixotic"))
    wait_for_results(page)
    assert set(result_slugs(page)) == {"hostile-dispatch", "hostile-wire"}
    dispatch = page.locator("#search-results > li").filter(
        has=page.locator("a[href='articles/hostile-dispatch.html']")
    )
    expect(dispatch.locator("a.result-title")).to_have_text(HOSTILE_TITLE)
    expect(dispatch.locator("a.result-title mark")).to_have_text("Quixotic")
    expect(dispatch.locator("p.snippet")).to_contain_text(PAYLOAD_SCRIPT)
    expect(page.locator("#search-results")).to_contain_text(PAYLOAD_IMG)
    results = page.locator("#search-results")
    assert results.locator("script, img, iframe, svg").count() == 0
    assert results.locator("a:not(.result-title)").count() == 0
    no_markup_from_text(page)


def test_page_dump_text_cannot_load_from_another_host(
    hostile_site: Site, context: BrowserContext
) -> None:
    """Markdown image syntax quoted in a plain-text dump must not become a remote image."""
    page = context.new_page()
    watch = Watch()
    watch.attach(page)
    page.goto(hostile_site.url("articles/tracker-dump.html"))
    expect(page.locator("h1")).to_have_text("Zanzibari Relief Column Reaches Aleppo")
    page.wait_for_load_state("load")
    assert page.locator("main img").count() == 0
    assert watch.offsite() == []


# ---- layout and keyboard -------------------------------------------------------------------


def test_phone_viewport_article_pages_fit(browser: Browser, seed_site: Site) -> None:
    """At 390×844 no article page scrolls sideways and the site navigation stays in view."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    try:
        page = context.new_page()
        watch = Watch()
        watch.attach(page)
        for slug in seed_site.articles:
            page.goto(seed_site.url(f"articles/{slug}.html"))
            assert page.evaluate("window.innerWidth") == 390
            assert no_horizontal_scroll(page), slug
            nav = page.get_by_role("navigation", name="Browse")
            expect(nav).to_be_visible()
            for link in nav.get_by_role("link").all():
                expect(link).to_be_in_viewport()
                box = link.bounding_box()
                assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390, slug
        assert watch.offsite() == [] and watch.problems == []
    finally:
        context.close()


def test_tab_from_top_focuses_skip_link_first(fixture_site: Site, page: Page) -> None:
    """The first Tab lands on a visible "Skip to content" link that jumps past the header."""
    page.goto(fixture_site.url("index.html"))
    page.keyboard.press("Tab")
    focused = page.locator(":focus")
    expect(focused).to_have_text("Skip to content")
    expect(focused).to_have_attribute("href", "#main")
    expect(focused).to_be_in_viewport()

    page.keyboard.press("Enter")
    assert urlsplit(page.url).fragment == "main"
    page.keyboard.press("Tab")
    assert page.evaluate("document.getElementById('main').contains(document.activeElement)")
