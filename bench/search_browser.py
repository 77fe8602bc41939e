"""What a reader's first search costs in headless Chromium: Dossier's sharded index against one
monolithic lunr index and against Pagefind, on the same built site, in one run.

    python bench/search_browser.py                          # 10,000 articles, about 25 minutes
    python bench/search_browser.py --sizes 1000 --sample --json bench/out/search-browser.json
    python bench/search_browser.py --site DIR --systems dossier pagefind --runs 1
    git archive HEAD | tar -x -C /tmp/snap && python bench/search_browser.py --code /tmp/snap

``--sizes 100000`` works the same way, but its build takes about an hour and the monolithic
index grows with the corpus (150 MB for 10,000 articles); a query that fails in the browser (a
crash, a timeout) is reported as failed and the rest goes on.

Sites. ``--sizes N`` builds the synthetic corpus (``bench/corpus.py``) with
``bench/build_scale.py``'s functions in ``bench/out/search-work-<N>`` (not build_scale's own
``work-<N>``, which it deletes), ``--sample`` the repository's ``content/``, copied to
``bench/out/search-work-sample`` so that its cleaned markdown is never rewritten. A work folder
is reused while its inputs (the corpus or content, and a digest of ``generator/`` and
``templates/``) are unchanged; ``--rebuild`` rebuilds it anyway. ``--site DIR`` measures DIR
without building; the cleaned markdown and gazetteer it was built from (``--content``,
``--gazetteer``, by default ``DIR/../content/...``) are needed for the monolithic index and the
query set.

Systems, each behind a page with ``#q``, Enter to search, and ``#search-results[data-query]``
set to the query once its results are on screen (to "" once the page is ready):

* ``dossier``: the site's own ``search.html``; its index files load lazily as ``<script>``.
* ``monolithic``: a benchmark-only page in ``bench/out/monolithic-<label>/`` that loads
  ``search/index.js`` and ``search/docs.js`` from ``generator.search_index.build_search_bundle``
  (the whole lunr index and every result record) before the first query, then runs
  ``lunr.Index.load(...).search(q)`` and shows the top 10 titles.
* ``pagefind``: Pagefind 1.x installed from npm into ``bench/out/pagefind-npm/`` (never a
  dependency of Dossier), run over a copy of the site's ``articles/*.html`` in
  ``bench/out/pagefind-<label>/`` (``<main>`` only, provenance excluded), and a page using its JS
  API (``pagefind.search(q)``, then ``data()`` of the first 10 results). It fetches its files,
  so from file:// it cannot work; that is checked and reported, and it is measured over HTTP only.

Queries (``choose_queries``), chosen by document frequency from the monolithic index so the set
is reproducible. Words are those written in lower case at least half the time (not names), in
their most frequent spelling: a rare word (in about 0.05% of the articles, at least 2), a medium
word (about 2%), a common word (about 20%), the most frequent word; then the city and the
single-word actor that the most articles name, the medium word with that city, and a prefix
wildcard (``convo*``).

Figures, for each system and query, in a fresh browser context each time:

* bytes of everything the page requested (HTML, CSS, scripts, index files, icon; its workers'
  requests too) until it was idle after the first query's results: over file:// the on-disk
  sizes of the requested files; over HTTP from a local server on 127.0.0.1, Playwright's
  ``Request.sizes()`` (response headers + body as transferred, which Chromium takes from CDP
  ``Network.loadingFinished`` ``encodedDataLength``), served plain and with
  ``Content-Encoding: gzip`` (level 6, text types only, as GitHub Pages compresses); ``+query``
  is the part requested after Enter;
* page ready: files, bytes (until idle) and ms (navigation start to ``data-query=""``) before
  any query;
* cold ms: from the Enter keydown on ``#q`` to ``data-query`` equal to the query
  (``performance.now()`` in the page), the page loaded and idle before the key;
* warm ms: the same query again in that page, after another query, its files already loaded.

Cold figures are medians over ``--runs`` fresh contexts (file:// and HTTP gzip; HTTP plain runs
once, for its bytes), warm over ``--warm`` repetitions. Nothing here asserts a timing; other work
on the machine slows everything, so the load average is printed.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import importlib.util
import json
import mimetypes
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from playwright.sync_api import (
    Browser,
    BrowserContext,
    Page,
    Playwright,
    Request,
    sync_playwright,
)
from playwright.sync_api import Error as PlaywrightError

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
NPM_DIR = OUT / "pagefind-npm"
STAMP = "search-browser-inputs.json"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
SHOWN = 10  # results the monolithic and Pagefind pages render
TIMEOUT_MS = 180_000
GZIP_SUFFIXES = frozenset({".html", ".css", ".js", ".mjs", ".json", ".svg", ".txt", ".xml"})
TRANSPORTS = ("file", "http", "gzip")  # file://, HTTP plain, HTTP with gzip
SYSTEMS = ("dossier", "monolithic", "pagefind")
QUERY_RULES = 2  # bump when choose_queries changes, so cached query sets are chosen again

# Runs in every page before its own scripts: notes the Enter keydown on #q and every time
# #search-results gets a data-query attribute, with performance.now().
INIT_SCRIPT = """(() => {
  const bench = { ready: null, enter: null, done: [] };
  window.__bench = bench;
  document.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && event.target && event.target.id === "q") {
      bench.enter = performance.now();
    }
  }, true);
  new MutationObserver((records) => {
    const now = performance.now();
    for (const record of records) {
      const query = record.target.getAttribute("data-query");
      if (record.target.id !== "search-results" || query === null) continue;
      if (bench.ready === null) bench.ready = now;
      bench.done.push({ q: query, t: now });
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-query"] });
})();"""

ANSWERED = """q => {
  const b = window.__bench;
  const hit = b.enter === null ? null : b.done.find((d) => d.q === q && d.t >= b.enter);
  return hit ? hit.t - b.enter : null;
}"""

PAGE_HEAD = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} (benchmark page)</title>
<link rel="stylesheet" href="assets/style.css">
<link rel="icon" href="assets/favicon.svg" type="image/svg+xml">
</head>
<body>
<main>
<h1>{title}</h1>
<form id="search-form" role="search">
  <input id="q" name="q" type="search" autocomplete="off">
  <button type="submit">Search</button>
</form>
<p id="search-status">Loading…</p>
<ol id="search-results"></ol>
</main>
"""

# The shared part of both benchmark pages: renders hits as a list of titles.
SHOW_JS = """  const form = document.getElementById("search-form");
  const input = document.getElementById("q");
  const statusLine = document.getElementById("search-status");
  const results = document.getElementById("search-results");
  function show(q, total, titles) {
    results.replaceChildren(...titles.map((title) => {
      const item = document.createElement("li");
      item.textContent = title;
      return item;
    }));
    statusLine.textContent = total + " articles match";
    results.dataset.total = String(total);
    results.dataset.query = q;
  }
"""

MONOLITHIC_PAGE = (
    PAGE_HEAD.format(title="Search, one monolithic lunr index")
    + """<script src="assets/vendor/lunr.min.js"></script>
<script src="search/index.js"></script>
<script src="search/docs.js"></script>
<script>
(function () {
  "use strict";
"""
    + SHOW_JS
    + """  const index = lunr.Index.load(window.DOSSIER_INDEX);
  const docs = window.DOSSIER_DOCS;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const q = input.value.trim();
    let hits = [];
    try { hits = index.search(q); } catch (error) { hits = []; }
    show(q, hits.length, hits.slice(0, SHOWN).map((hit) => docs[hit.ref].title));
  });
  statusLine.textContent = "Ready";
  results.dataset.query = "";
})();
</script>
</body>
</html>
"""
).replace("SHOWN", str(SHOWN))

PAGEFIND_PAGE = (
    PAGE_HEAD.format(title="Search, Pagefind")
    + """<script type="module">
"""
    + SHOW_JS
    + """  let pagefind = null;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const q = input.value.trim();
    const search = await pagefind.search(q);
    const data = await Promise.all(search.results.slice(0, SHOWN).map((r) => r.data()));
    show(q, search.results.length, data.map((d) => d.meta.title));
  });
  try {
    pagefind = await import("./pagefind/pagefind.js");
    statusLine.textContent = "Ready";
    results.dataset.query = "";
  } catch (error) {
    statusLine.textContent = "Pagefind did not load: " + error;
    document.body.dataset.error = String(error);
  }
</script>
</body>
</html>
"""
).replace("SHOWN", str(SHOWN))


# ---- sites ----------------------------------------------------------------------------------


def _bench_module(name: str) -> ModuleType:
    """A module of ``bench/`` (not a package), loaded by path as build_scale loads corpus.py."""
    key = f"dossier_bench_{name}"
    if key not in sys.modules:
        spec = importlib.util.spec_from_file_location(key, ROOT / "bench" / f"{name}.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[key] = module
        spec.loader.exec_module(module)
    return sys.modules[key]


@dataclass(frozen=True)
class Target:
    """A built site and the cleaned markdown and gazetteer it was built from."""

    label: str
    site: Path
    content: Path
    gazetteer: Path


def code_digest(code: Path) -> str:
    """The digest of ``generator/`` and ``templates/`` that build_scale prints."""
    version = _bench_module("build_scale").code_version(code)
    found = re.search(r"sha256 ([0-9a-f]+)", version)
    return found.group(1) if found else version


def files_digest(paths: Iterable[Path]) -> str:
    """A digest of the names, sizes and modification times of ``paths``."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        stat = path.stat()
        digest.update(f"{path.as_posix()}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def read_stamp(path: Path) -> dict[str, Any] | None:
    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None


def built(
    work: Path, inputs: dict[str, str], rebuild: bool, prepare: Callable[[], None], code: Path
) -> None:
    """Build ``work/site`` with ``code`` unless it was built from ``inputs`` (and ``rebuild``
    is off)."""
    scale = _bench_module("build_scale")
    stamp = work / STAMP
    if not rebuild and read_stamp(stamp) == inputs and (work / "site" / "search.html").is_file():
        print(f"  reusing {work / 'site'} (inputs unchanged; --rebuild to rebuild)")
        return
    print(f"  building {work / 'site'} …", flush=True)
    prepare()
    timing = scale.timed_build(work, code)
    print(f"  built in {timing.wall:.0f} s: {timing.summary}")
    stamp.write_text(json.dumps(inputs, indent=2, sort_keys=True) + "\n", "utf-8")


def work_target(label: str, work: Path) -> Target:
    content = work / "content"
    return Target(label, work / "site", content / "articles", content / "gazetteer")


def corpus_site(size: int, rebuild: bool, code: Path) -> Target:
    """The synthetic corpus of ``size`` articles, built in ``bench/out/work-<size>``."""
    scale = _bench_module("build_scale")
    corpus_module = scale._corpus_module()
    name = scale.label(size)
    corpus = OUT / f"corpus-{name}"
    if not corpus_module.is_current(corpus, size):
        print(f"  generating {corpus} …", flush=True)
        corpus_module.write_corpus(corpus, size, workers=os.cpu_count() or 1, progress=True)
    work = OUT / f"search-work-{name}"  # not build_scale's work-<size>, which it deletes
    info = json.loads((corpus / "corpus-info.json").read_text("utf-8"))
    inputs = {"corpus": info["fingerprint"], "code": code_digest(code)}
    built(work, inputs, rebuild, lambda: scale.prepare(corpus, work, code), code)
    return work_target(name, work)


def sample_site(rebuild: bool, code: Path) -> Target:
    """The repository's ``content/`` (raw files, cleaned markdown, gazetteer, about page),
    copied to ``bench/out/work-sample`` and built there."""
    content = code / "content"
    work = OUT / "search-work-sample"

    def prepare() -> None:
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(content, work / "content")

    files = [p for p in content.rglob("*") if p.is_file()]
    inputs = {"content": files_digest(files), "code": code_digest(code)}
    built(work, inputs, rebuild, prepare, code)
    return work_target("sample", work)


def given_site(site: Path, content: Path | None, gazetteer: Path | None) -> Target:
    """A site built elsewhere, measured as it is."""
    site = site.resolve()
    if not (site / "search.html").is_file():
        raise SystemExit(f"{site} is not a built Dossier site (no search.html)")
    name = re.sub(r"[^A-Za-z0-9_-]+", "-", f"{site.parent.name}-{site.name}").strip("-")
    return Target(
        f"site-{name}",
        site,
        (content or site.parent / "content" / "articles").resolve(),
        (gazetteer or site.parent / "content" / "gazetteer").resolve(),
    )


def folder_bytes(folder: Path) -> tuple[int, int]:
    """Bytes and files under ``folder``."""
    size = _bench_module("build_scale").folder_size(folder)
    return size.bytes, size.files


# ---- the monolithic lunr page and the query set ---------------------------------------------


@dataclass(frozen=True)
class Query:
    """One query of the set: why it was chosen, what is typed, in how many articles its
    terms are (the monolithic index's document frequency; for two words, either)."""

    kind: str
    text: str
    articles: int


def read_articles(content: Path, gazetteer: Path) -> tuple[list[Any], dict[str, tuple[str, ...]]]:
    """The articles of the cleaned markdown and every place's parents, as the build has them.

    ``generator`` is imported here so that ``--code`` decides which generator is measured."""
    from generator.build import place_parents
    from generator.frontmatter import article_from_markdown
    from generator.gazetteer import load_gazetteer

    paths = sorted(content.glob("*.md"))
    articles = [article_from_markdown(p.read_text("utf-8"), p.stem) for p in paths]
    return articles, place_parents(articles, load_gazetteer(gazetteer))


def assigned_json(text: str) -> Any:
    """The value of a ``window.NAME = {...};`` script."""
    return json.loads(text[text.index("=") + 1 : text.rstrip().rindex(";")])


def document_frequencies(index: dict[str, Any]) -> dict[str, int]:
    """Term -> number of documents holding it in any field, from a serialized lunr index."""
    frequencies = {}
    for term, posting in index["invertedIndex"]:
        refs: set[str] = set()
        for name, docs in posting.items():
            if name != "_index":
                refs.update(docs)
        frequencies[term] = len(refs)
    return frequencies


def typed_words(records: dict[str, Any], stem: Callable[[str], str]) -> dict[str, str]:
    """Term -> the word most often written for it in titles and texts, among words of four
    letters or more that are written in lower case at least half the time (not names)."""
    written = Counter(
        word
        for record in records.values()
        for word in re.findall(r"[A-Za-z]{4,}", f"{record['title']}\n{record['text']}")
    )
    lower: Counter[str] = Counter()
    every: Counter[str] = Counter()
    for word, count in written.items():
        every[word.lower()] += count
        if word.islower():
            lower[word] += count
    forms: dict[str, tuple[int, str]] = {}
    for word, count in every.items():
        if 2 * lower[word] < count:
            continue
        term = stem(word)
        best = forms.get(term)
        if best is None or (-count, word) < (-best[0], best[1]):
            forms[term] = (count, word)
    return {term: word for term, (_, word) in forms.items()}


def closest(candidates: dict[str, int], target: float, taken: set[str]) -> str:
    """The candidate whose frequency is nearest ``target`` (then the alphabetically first)."""
    free = {word: df for word, df in candidates.items() if word not in taken}
    return min(free, key=lambda word: (abs(free[word] - target), word))


def most_named(lists: Iterable[Iterable[str]], allowed: Callable[[str], bool]) -> str | None:
    """The name the most articles list (then the alphabetically first), among ``allowed``."""
    counts = Counter(name for names in lists for name in set(names) if allowed(name))
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return ranked[0][0] if ranked else None


def choose_queries(
    articles: Sequence[Any],
    parents: dict[str, tuple[str, ...]],
    index: dict[str, Any],
    records: dict[str, Any],
) -> list[Query]:
    """The fixed query set, by document frequency (see the module docstring)."""
    from generator.lunr_compat import stem

    frequencies = document_frequencies(index)
    words = typed_words(records, stem)
    single = re.compile(r"[A-Za-z]{4,}")
    place = most_named(
        (a.places for a in articles), lambda n: bool(single.fullmatch(n)) and bool(parents.get(n))
    )
    actor = most_named((a.actors for a in articles), lambda n: bool(single.fullmatch(n)))
    names = {n.lower() for a in articles for n in (*a.actors, *parents)}
    candidates = {
        word: frequencies[term]
        for term, word in words.items()
        if term in frequencies and frequencies[term] >= 2 and word not in names
    }
    total = len(records)
    queries: list[Query] = []
    taken: set[str] = set()
    for kind, share in (("rare word", 0.0005), ("medium word", 0.02), ("common word", 0.2)):
        word = closest(candidates, max(2.0, share * total), taken)
        taken.add(word)
        queries.append(Query(kind, word, candidates[word]))
    frequent = max(candidates, key=lambda word: (candidates[word], word))
    queries.append(Query("most frequent word", frequent, candidates[frequent]))
    for kind, name in (("city", place), ("actor", actor)):
        if name:
            queries.append(Query(kind, name, frequencies.get(stem(name.lower()), 0)))
    if place:
        medium = queries[1].text
        either = _either(index, [stem(medium), stem(place.lower())])
        queries.append(Query("two words", f"{medium} {place}", either))
    queries.append(prefix_query(index, queries[1].text))
    return queries


def _either(index: dict[str, Any], terms: Sequence[str]) -> int:
    """Documents holding any of ``terms``."""
    refs: set[str] = set()
    for term, posting in index["invertedIndex"]:
        if term in terms:
            for name, docs in posting.items():
                if name != "_index":
                    refs.update(docs)
    return len(refs)


def prefix_query(index: dict[str, Any], fallback: str) -> Query:
    """``convo*`` when some term starts with "convo", else the first five letters of
    ``fallback`` and a star."""
    terms = [term for term, _ in index["invertedIndex"]]
    prefix = "convo" if any(t.startswith("convo") for t in terms) else fallback[:5]
    either = _either(index, [t for t in terms if t.startswith(prefix)])
    return Query("prefix wildcard", f"{prefix}*", either)


def write_monolithic(target: Target, folder: Path, code: Path = ROOT) -> None:
    """The monolithic page, its index and records in ``folder``, unless its inputs are
    unchanged."""
    stamp = folder / STAMP
    inputs = {
        "content": files_digest(target.content.glob("*.md")),
        "site": files_digest([target.site / "search.html"]),
        "code": code_digest(code),
        "page": _digest(MONOLITHIC_PAGE),
    }
    if read_stamp(stamp) == inputs and (folder / "search.html").is_file():
        return
    from generator.search_index import build_search_bundle

    print(f"  writing the monolithic lunr index in {folder} …", flush=True)
    shutil.rmtree(folder, ignore_errors=True)
    articles, parents = read_articles(target.content, target.gazetteer)
    for relpath, text in build_search_bundle(articles, parents).files:
        path = folder / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    copy_assets(target.site, folder, code)
    (folder / "search.html").write_text(MONOLITHIC_PAGE, "utf-8")
    stamp.write_text(json.dumps(inputs, indent=2, sort_keys=True) + "\n", "utf-8")


def query_set(target: Target, folder: Path) -> list[Query]:
    """The query set chosen from the monolithic index in ``folder``, kept in
    ``folder/queries.json`` while that index and ``QUERY_RULES`` are unchanged."""
    saved = folder / "queries.json"
    inputs = {"index": read_stamp(folder / STAMP), "rules": QUERY_RULES}
    known = read_stamp(saved)
    if known and known.get("inputs") == inputs:
        return [Query(**q) for q in known["queries"]]
    articles, parents = read_articles(target.content, target.gazetteer)
    index = assigned_json((folder / "search" / "index.js").read_text("utf-8"))
    records = assigned_json((folder / "search" / "docs.js").read_text("utf-8"))
    queries = choose_queries(articles, parents, index, records)
    record = {"inputs": inputs, "queries": [asdict(q) for q in queries]}
    saved.write_text(json.dumps(record, indent=2, sort_keys=True) + "\n", "utf-8")
    return queries


def copy_assets(site: Path, folder: Path, code: Path) -> None:
    """lunr.min.js (from ``templates/static/vendor``), the site's style sheet and icon."""
    vendor = folder / "assets" / "vendor"
    vendor.mkdir(parents=True, exist_ok=True)
    shutil.copy2(code / "templates" / "static" / "vendor" / "lunr.min.js", vendor)
    for name in ("style.css", "favicon.svg"):
        if (site / "assets" / name).is_file():
            shutil.copy2(site / "assets" / name, folder / "assets" / name)


# ---- Pagefind -------------------------------------------------------------------------------


def install_pagefind(npm_dir: Path = NPM_DIR) -> str:
    """Pagefind 1.x in ``npm_dir`` (installed when missing); its version. Raises RuntimeError
    saying why when it cannot be installed or run."""
    if shutil.which("npm") is None or shutil.which("npx") is None:
        raise RuntimeError("npm is not installed")
    if not (npm_dir / "node_modules" / ".bin" / "pagefind").exists():
        npm_dir.mkdir(parents=True, exist_ok=True)
        print(f"  npm install pagefind@1 in {npm_dir} …", flush=True)
        _run(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(npm_dir), "pagefind@1"])
    return _run(["npx", "--no-install", "pagefind", "--version"], npm_dir).strip()


def _run(command: list[str], cwd: Path | None = None) -> str:
    try:
        done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=1800)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise RuntimeError(f"{' '.join(command)}: {exc}") from exc
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip()[-2000:]
        raise RuntimeError(f"{' '.join(command)} failed ({done.returncode}): {tail}")
    return done.stdout


def write_pagefind(target: Target, folder: Path, version: str, code: Path = ROOT) -> None:
    """A copy of the site's article pages (hard links) indexed by Pagefind, and the page."""
    pages = sorted((target.site / "articles").glob("*.html"))
    inputs = {"site": files_digest(pages), "pagefind": version, "page": _digest(PAGEFIND_PAGE)}
    if read_stamp(folder / STAMP) == inputs and (folder / "search.html").is_file():
        return
    print(f"  indexing {len(pages)} article pages with {version} in {folder} …", flush=True)
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "articles").mkdir(parents=True)
    link = _bench_module("build_scale")._link_or_copy
    for page in pages:
        link(str(page), str(folder / "articles" / page.name))
    copy_assets(target.site, folder, code)
    started = time.perf_counter()
    command = ["npx", "--no-install", "pagefind", "--site", str(folder), "--quiet"]
    command += ["--glob", "articles/*.html", "--root-selector", "main"]
    command += ["--exclude-selectors", ".provenance"]
    _run(command, NPM_DIR)
    print(f"  indexed in {time.perf_counter() - started:.0f} s")
    (folder / "search.html").write_text(PAGEFIND_PAGE, "utf-8")
    (folder / STAMP).write_text(json.dumps(inputs, indent=2, sort_keys=True) + "\n", "utf-8")


# ---- a local server -------------------------------------------------------------------------

_gzipped: dict[tuple[str, int, int], bytes] = {}
_gzip_lock = threading.Lock()


def gzipped(path: Path) -> bytes:
    """``path`` gzip-compressed at level 6, computed once per version of the file."""
    stat = path.stat()
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    with _gzip_lock:
        if key not in _gzipped:
            _gzipped[key] = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        return _gzipped[key]


class Handler(SimpleHTTPRequestHandler):
    """Serves a folder over HTTP/1.1, quietly, without compression."""

    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # else headers and body wait for delayed ACKs (40 ms)
    compress = False

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")  # as GitHub Pages sends
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base's name)
        pass

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        wanted = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.compress and wanted and path.suffix in GZIP_SUFFIXES and path.is_file()):
            super().do_GET()
            return
        body = gzipped(path)
        self.send_response(200)
        self.send_header("Content-Type", mimetypes.guess_type(path.name)[0] or "text/plain")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Last-Modified", self.date_time_string(int(path.stat().st_mtime)))
        self.end_headers()
        self.wfile.write(body)


class GzipHandler(Handler):
    """Serves text files with ``Content-Encoding: gzip`` to clients that accept it."""

    compress = True


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):  # the browser hung up
            super().handle_error(request, client_address)


@contextmanager
def serving(root: Path, compress: bool) -> Iterator[str]:
    """``root`` served on a free port of 127.0.0.1; yields the base URL."""
    handler = partial(GzipHandler if compress else Handler, directory=str(root))
    server = Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


# ---- measuring ------------------------------------------------------------------------------


@dataclass
class Traffic:
    """What one page (and its workers) requested, and what is still in flight, from
    Playwright's request events. Bytes are, over file://, the on-disk size of each requested
    file and, over HTTP, Playwright's ``Request.sizes()``: response headers and body as
    transferred, which Chromium reports in CDP ``Network.loadingFinished``'s
    ``encodedDataLength``."""

    transport: str
    finished: list[Request] = field(default_factory=list)
    pending: set[int] = field(default_factory=set)
    failed: list[str] = field(default_factory=list)
    last_event: float = field(default_factory=time.monotonic)
    _sizes: dict[int, int] = field(default_factory=dict)

    def attach(self, page: Page) -> None:
        page.on("request", self._started)
        page.on("requestfinished", self._finished)
        page.on("requestfailed", self._failed)

    def _started(self, request: Request) -> None:
        self.pending.add(id(request))
        self.last_event = time.monotonic()

    def _finished(self, request: Request) -> None:
        self.pending.discard(id(request))
        self.finished.append(request)
        self.last_event = time.monotonic()

    def _failed(self, request: Request) -> None:
        self.pending.discard(id(request))
        self.failed.append(f"{request.url} {request.failure}")
        self.last_event = time.monotonic()

    def settle(self, page: Page, quiet_s: float = 0.3, limit_s: float = 30.0) -> None:
        """Wait until nothing is in flight and nothing happened for ``quiet_s`` seconds."""
        deadline = time.monotonic() + limit_s
        while time.monotonic() < deadline:
            if not self.pending and time.monotonic() - self.last_event >= quiet_s:
                return
            page.wait_for_timeout(50)

    def size(self, request: Request) -> int:
        if id(request) not in self._sizes:
            if self.transport == "file":
                self._sizes[id(request)] = file_size(request.url)
            else:
                sizes = request.sizes()
                self._sizes[id(request)] = sizes["responseHeadersSize"] + sizes["responseBodySize"]
        return self._sizes[id(request)]

    def loaded(self) -> list[tuple[str, int]]:
        """URL and bytes of every finished request, in the order they finished."""
        return [(request.url, self.size(request)) for request in self.finished]

    def totals(self) -> tuple[int, int]:
        """Files and bytes so far."""
        return len(self.finished), sum(self.size(request) for request in self.finished)


def file_size(url: str) -> int:
    """On-disk size of the file a file:// URL names (0 when there is none)."""
    try:
        return os.stat(url2pathname(unquote(urlsplit(url).path))).st_size
    except OSError:
        return 0


@dataclass(frozen=True)
class Cold:
    """One first query in a fresh browser context."""

    transport: str
    page_files: int  # before the query, the page loaded and idle
    page_bytes: int
    ready_ms: float  # navigation start to data-query=""
    files: int  # page and first query together
    bytes: int
    cold_ms: float  # Enter keydown to data-query == the query
    shown: int  # results on screen
    hits: int | None  # matching articles, when the page says (data-total)
    warm_ms: tuple[float, ...] = ()
    failed: tuple[str, ...] = ()
    loaded: tuple[tuple[str, int], ...] = ()


def launch(playwright: Playwright) -> Browser:
    """Debian's Chromium, headless."""
    return playwright.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=list(CHROMIUM_ARGS)
    )


def open_ready(context: BrowserContext, url: str, transport: str) -> tuple[Page, Traffic]:
    """A page at ``url``, loaded, ready (``data-query`` set) and idle."""
    page = context.new_page()
    page.add_init_script(INIT_SCRIPT)
    traffic = Traffic(transport)
    traffic.attach(page)
    page.goto(url, wait_until="load", timeout=TIMEOUT_MS)
    page.wait_for_function("() => window.__bench.ready !== null", timeout=TIMEOUT_MS)
    traffic.settle(page)
    return page, traffic


def timed_query(page: Page, query: str) -> float:
    """Type ``query`` into #q, press Enter, wait for its results; ms from keydown to results."""
    page.evaluate("() => { window.__bench.enter = null; }")
    page.locator("#q").fill(query)
    page.locator("#q").press("Enter")
    page.wait_for_function(f"q => ({ANSWERED})(q) !== null", arg=query, timeout=TIMEOUT_MS)
    return float(page.evaluate(ANSWERED, query))


def results_shown(page: Page) -> tuple[int, int | None]:
    """Results on screen and, when the page gives it, how many articles matched."""
    shown = page.locator("#search-results > li").count()
    total = page.locator("#search-results").get_attribute("data-total")
    return shown, int(total) if total is not None else None


def measure_cold(
    browser: Browser,
    url: str,
    transport: str,
    query: str,
    warm: int = 0,
    reset: str | None = None,
) -> Cold:
    """The first ``query`` in a fresh context at ``url``; then, when ``warm``, that many
    repetitions of it in the same page, each after the ``reset`` query."""
    context = browser.new_context()
    try:
        page, traffic = open_ready(context, url, transport)
        ready_ms = float(page.evaluate("window.__bench.ready"))
        page_files, page_bytes = traffic.totals()
        cold_ms = timed_query(page, query)
        traffic.settle(page)
        files, total = traffic.totals()
        shown, hits = results_shown(page)
        warm_ms = []
        for _ in range(warm):
            timed_query(page, reset or query)
            warm_ms.append(timed_query(page, query))
        return Cold(
            transport=transport,
            page_files=page_files,
            page_bytes=page_bytes,
            ready_ms=ready_ms,
            files=files,
            bytes=total,
            cold_ms=cold_ms,
            shown=shown,
            hits=hits,
            warm_ms=tuple(warm_ms),
            failed=tuple(traffic.failed),
            loaded=tuple(traffic.loaded()[:files]),
        )
    finally:
        context.close()


def probe_file(browser: Browser, page_path: Path) -> str | None:
    """Why the page at ``page_path`` does not work from file:// (None when it does)."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.add_init_script(INIT_SCRIPT)
        page.goto(page_path.resolve().as_uri(), wait_until="load")
        page.wait_for_function(
            "() => window.__bench.ready !== null || document.body.dataset.error !== undefined",
            timeout=30_000,
        )
        return page.evaluate("document.body.dataset.error || null")
    finally:
        context.close()


@dataclass(frozen=True)
class Settings:
    """What to measure, how often, with which generator."""

    runs: int  # fresh contexts per cold figure
    warm: int  # warm repetitions per query
    systems: tuple[str, ...]
    code: Path


@dataclass(frozen=True)
class System:
    """A search page to measure: ``page`` inside ``root``."""

    name: str
    root: Path
    page: str = "search.html"


@dataclass
class SystemResult:
    """Every cold measurement of one system: query -> transport -> runs."""

    name: str
    index_bytes: int
    index_files: int
    runs: dict[str, dict[str, list[Cold]]] = field(default_factory=dict)
    file_url: str = "works"  # or why not
    note: str = ""
    failures: list[str] = field(default_factory=list)


def measure_system(
    browser: Browser,
    system: System,
    result: SystemResult,
    queries: Sequence[Query],
    settings: Settings,
    transports: Sequence[str] = TRANSPORTS,
) -> None:
    """Cold runs of every query over every transport into ``result``; warm repetitions in the
    last HTTP gzip run (after the query before in the set). A query that fails in the browser
    (a crash, a timeout) is noted and the others go on."""
    for transport in transports:
        with _base_url(system, transport) as base:
            for i, query in enumerate(queries):
                reset = queries[i - 1].text if len(queries) > 1 else None
                count = 1 if transport == "http" else settings.runs
                done = result.runs.setdefault(query.text, {}).setdefault(transport, [])
                try:
                    for run in range(count):
                        warm = settings.warm if transport == "gzip" and run == count - 1 else 0
                        url = base + system.page
                        done.append(measure_cold(browser, url, transport, query.text, warm, reset))
                except PlaywrightError as exc:
                    failure = f"{transport} {query.text!r}: {exc.message.splitlines()[0]}"
                    result.failures.append(failure)
                    print(f"    {system.name:10} {failure}")
                    continue
                print(f"    {system.name:10} {transport:4} {query.text!r}: {_brief(done)}")


@contextmanager
def _base_url(system: System, transport: str) -> Iterator[str]:
    if transport == "file":
        yield system.root.resolve().as_uri() + "/"
        return
    with serving(system.root, compress=transport == "gzip") as base:
        yield base


def _brief(runs: Sequence[Cold]) -> str:
    cold = statistics.median(r.cold_ms for r in runs)
    last = runs[-1]
    return f"{last.files} files {_size(last.bytes)}, cold {cold:.0f} ms, {last.shown} shown"


# ---- reporting ------------------------------------------------------------------------------


def _size(count: float | None) -> str:
    if count is None:
        return "-"
    for unit, scale in (("MiB", 2**20), ("KiB", 2**10)):
        if count >= scale:
            return f"{count / scale:.1f} {unit}"
    return f"{count:.0f} B"


def _median(values: Iterable[float]) -> float | None:
    values = list(values)
    return statistics.median(values) if values else None


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


def figure(result: SystemResult, query: str, transport: str, name: str) -> float | None:
    """The median of one figure over the cold runs of ``query`` over ``transport``."""
    runs = result.runs.get(query, {}).get(transport, [])
    if name == "warm_ms":
        return _median(w for r in runs for w in r.warm_ms)
    if name == "query_bytes":
        return _median(r.bytes - r.page_bytes for r in runs)
    if name == "ready_and_cold_ms":
        return _median(r.ready_ms + r.cold_ms for r in runs)
    return _median(getattr(r, name) for r in runs)


def print_table(results: Sequence[SystemResult], queries: Sequence[Query]) -> None:
    head = (
        f"  {'system':10} {'query':24} {'hits':>6} {'shown':>5} {'files':>5} {'file://':>10} "
        f"{'HTTP raw':>10} {'HTTP gzip':>10} {'+query gz':>10} {'cold file':>9} "
        f"{'cold gzip':>9} {'warm':>6}"
    )
    print(head)
    for query in queries:
        for result in results:
            runs = result.runs.get(query.text, {})
            last = next((r[-1] for r in runs.values() if r), None)
            if last is None:
                continue
            hits = "" if last.hits is None else str(last.hits)
            print(
                f"  {result.name:10} {query.text[:24]:24} {hits:>6} {last.shown:>5} "
                f"{last.files:>5} {_size(figure(result, query.text, 'file', 'bytes')):>10} "
                f"{_size(figure(result, query.text, 'http', 'bytes')):>10} "
                f"{_size(figure(result, query.text, 'gzip', 'bytes')):>10} "
                f"{_size(figure(result, query.text, 'gzip', 'query_bytes')):>10} "
                f"{_ms(figure(result, query.text, 'file', 'cold_ms')):>9} "
                f"{_ms(figure(result, query.text, 'gzip', 'cold_ms')):>9} "
                f"{_ms(figure(result, query.text, 'gzip', 'warm_ms')):>6}"
            )


def across(
    result: SystemResult, queries: Sequence[Query], transport: str, name: str
) -> float | None:
    """The median over the queries of a per-query median."""
    values = [figure(result, q.text, transport, name) for q in queries]
    return _median(v for v in values if v is not None)


def print_summary(results: Sequence[SystemResult], queries: Sequence[Query]) -> None:
    print("  page ready, before any query (medians over every fresh context):")
    for result in results:
        parts = []
        for transport in TRANSPORTS:
            runs = [r for q in result.runs.values() for r in q.get(transport, [])]
            if runs:
                files = runs[-1].page_files
                size = _size(_median(r.page_bytes for r in runs))
                ready = _ms(_median(r.ready_ms for r in runs))
                parts.append(f"{transport} {files} files {size} {ready} ms")
        print(f"    {result.name:10} " + "; ".join(parts))
    base = next((r for r in results if r.name == "dossier"), None)
    lines = (
        ("first query, bytes, file://", "file", "bytes", _size),
        ("first query, bytes, HTTP raw", "http", "bytes", _size),
        ("first query, bytes, HTTP gzip", "gzip", "bytes", _size),
        ("of which after Enter, gzip", "gzip", "query_bytes", _size),
        ("page ready, ms, HTTP gzip", "gzip", "ready_ms", _ms),
        ("cold ms, file://", "file", "cold_ms", _ms),
        ("cold ms, HTTP gzip", "gzip", "cold_ms", _ms),
        ("page ready + cold ms, gzip", "gzip", "ready_and_cold_ms", _ms),
        ("warm ms, HTTP gzip", "gzip", "warm_ms", _ms),
    )
    print(f"  medians over the {len(queries)} queries (ratio to dossier):")
    for title, transport, name, show in lines:
        reference = across(base, queries, transport, name) if base else None
        parts = []
        for result in results:
            value = across(result, queries, transport, name)
            if value is None:
                parts.append(f"{result.name} -")
                continue
            ratio = f" ({value / reference:.1f}x)" if reference and result is not base else ""
            parts.append(f"{result.name} {show(value)}{ratio}")
        print(f"    {title:30} " + ", ".join(parts))


def print_size(target: Target, queries: Sequence[Query], results: Sequence[SystemResult]) -> None:
    print(f"\n{target.label}: {target.site}")
    print("  queries: " + "; ".join(f"{q.kind} {q.text!r} ({q.articles})" for q in queries))
    for result in results:
        extra = f"; file://: {result.file_url}" if result.file_url != "works" else ""
        note = f"; {result.note}" if result.note else ""
        note += f"; FAILED: {'; '.join(result.failures)}" if result.failures else ""
        print(
            f"  {result.name:10} index on disk {_size(result.index_bytes)} in "
            f"{result.index_files} files{extra}{note}"
        )
    print_table(results, queries)
    print_summary(results, queries)


# ---- the run --------------------------------------------------------------------------------


def measure_target(browser: Browser, target: Target, settings: Settings) -> dict[str, Any]:
    """Every system on one site; prints the figures and returns them."""
    if not any(target.content.glob("*.md")):
        raise SystemExit(f"no cleaned markdown in {target.content} (--content)")
    monolithic = OUT / f"monolithic-{target.label}"
    write_monolithic(target, monolithic, settings.code)  # the query set comes from it
    queries = query_set(target, monolithic)
    results = []
    if "dossier" in settings.systems:
        result = SystemResult("dossier", *folder_bytes(target.site / "search"))
        measure_system(browser, System("dossier", target.site), result, queries, settings)
        results.append(result)
    if "monolithic" in settings.systems:
        result = SystemResult("monolithic", *folder_bytes(monolithic / "search"))
        measure_system(browser, System("monolithic", monolithic), result, queries, settings)
        results.append(result)
    if "pagefind" in settings.systems:
        found = measure_pagefind(browser, target, queries, settings)
        results += [found] if found else []
    print_size(target, queries, results)
    return {
        "label": target.label,
        "site": str(target.site),
        "queries": [asdict(q) for q in queries],
        "systems": [_plain(r) for r in results],
    }


def measure_pagefind(
    browser: Browser, target: Target, queries: Sequence[Query], settings: Settings
) -> SystemResult | None:
    """Pagefind over HTTP, after checking whether it works from file://; None (and why,
    printed) when it cannot be installed or run here."""
    folder = OUT / f"pagefind-{target.label}"
    try:
        version = install_pagefind()
        write_pagefind(target, folder, version, settings.code)
    except RuntimeError as exc:
        print(f"  pagefind: not measured: {exc}")
        return None
    result = SystemResult("pagefind", *folder_bytes(folder / "pagefind"), note=version)
    why = probe_file(browser, folder / "search.html")
    result.file_url = "works" if why is None else f"does not work ({why})"
    transports = TRANSPORTS if why is None else ("http", "gzip")
    measure_system(browser, System("pagefind", folder), result, queries, settings, transports)
    return result


def _plain(result: SystemResult) -> dict[str, Any]:
    data = asdict(result)
    for transports in data["runs"].values():
        for runs in transports.values():
            for run in runs:
                run["loaded"] = [list(pair) for pair in run["loaded"]]
    return data


def targets(args: argparse.Namespace, code: Path) -> list[Target]:
    if args.site:
        return [given_site(args.site, args.content, args.gazetteer)]
    found = [corpus_site(size, args.rebuild, code) for size in args.sizes]
    if args.sample:
        found.append(sample_site(args.rebuild, code))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10000], help="corpus sizes")
    parser.add_argument("--sample", action="store_true", help="also the repository's content/")
    parser.add_argument("--site", type=Path, help="measure this built site, without building")
    parser.add_argument("--content", type=Path, help="with --site: its cleaned markdown")
    parser.add_argument("--gazetteer", type=Path, help="with --site: its gazetteer folder")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the work folders")
    parser.add_argument("--runs", type=int, default=3, help="fresh contexts per figure")
    parser.add_argument("--warm", type=int, default=5, help="warm repetitions per query")
    parser.add_argument(
        "--systems",
        nargs="+",
        choices=SYSTEMS,
        default=list(SYSTEMS),
        help="which to measure (the monolithic index is built anyway: the queries come from it)",
    )
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument(
        "--code",
        type=Path,
        default=ROOT,
        help="project folder whose generator/ builds the sites and the monolithic index "
        "(e.g. a `git archive` snapshot); default: this checkout",
    )
    args = parser.parse_args()
    code = args.code.resolve()
    if code != ROOT:
        sys.path.insert(0, str(code))  # before anything imports generator
    settings = Settings(args.runs, args.warm, tuple(args.systems), code)
    print(f"code: {_bench_module('build_scale').code_version(code)}")
    print(f"chromium: {CHROMIUM}; machine: {os.cpu_count()} cores, load {_load()}")
    figures = []
    with sync_playwright() as playwright:
        browser = launch(playwright)
        print(f"browser: {browser.version}")
        for target in targets(args, code):
            figures.append(measure_target(browser, target, settings))
        browser.close()
    print(f"\nload average after: {_load()}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1) + "\n", "utf-8")


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


if __name__ == "__main__":
    main()
