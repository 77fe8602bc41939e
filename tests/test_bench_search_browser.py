"""The search benchmark's measuring functions (``bench/search_browser.py``) on the fixture site:
Dossier's own search page and the benchmark's monolithic lunr page, from file:// and over the
benchmark's local HTTP server, plain and gzipped. Pagefind is left out (it needs npm). Nothing
here asserts a timing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from benchload import load_bench

from generator.build import BuildReport
from generator.config import BuildConfig

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent


bench = load_bench("search_browser")


@pytest.fixture(scope="module")
def target(fixture_build: tuple[BuildConfig, BuildReport]) -> Any:
    config, _ = fixture_build
    return bench.Target("fixture", config.out_dir, config.content_dir, config.gazetteer_dir)


@pytest.fixture(scope="module")
def monolithic(target: Any, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Any]]:
    """The monolithic page for the fixture site and the query set chosen from its index."""
    folder = tmp_path_factory.mktemp("monolithic")
    bench.write_monolithic(target, folder)
    return folder, bench.query_set(target, folder)


@pytest.fixture(scope="module")
def rare(monolithic: tuple[Path, list[Any]]) -> str:
    _, queries = monolithic
    return next(q.text for q in queries if q.kind == "rare word")


def test_query_set_is_chosen_from_the_index(
    target: Any, monolithic: tuple[Path, list[Any]]
) -> None:
    folder, queries = monolithic
    kinds = [q.kind for q in queries]
    assert kinds[:4] == ["rare word", "medium word", "common word", "most frequent word"]
    assert kinds[-1] == "prefix wildcard" and queries[-1].text.endswith("*")
    assert all(q.articles >= 1 for q in queries), queries
    assert queries[0].articles <= queries[3].articles
    assert len({q.text for q in queries}) == len(queries)
    saved = bench.read_stamp(folder / "queries.json")
    assert saved and saved["queries"] == [vars(q) for q in queries]
    bench.write_monolithic(target, folder)  # inputs unchanged: kept as it is
    (folder / "queries.json").unlink()
    assert bench.query_set(target, folder) == queries  # chosen again, the same


def test_dossier_first_query_from_file(browser: Any, target: Any, rare: str) -> None:
    """The page loads, then the query loads more files of the site; bytes are their sizes."""
    url = (target.site / "search.html").resolve().as_uri()
    cold = bench.measure_cold(browser, url, "file", rare, warm=2, reset="syrian")
    assert cold.failed == ()
    assert cold.shown >= 1
    assert 0 < cold.page_files < cold.files == len(cold.loaded)
    assert 0 < cold.page_bytes < cold.bytes == sum(size for _, size in cold.loaded)
    site = target.site.resolve().as_uri()
    assert all(url.startswith(site) for url, _ in cold.loaded)
    assert any("/search/" in url for url, _ in cold.loaded[cold.page_files :])
    assert cold.ready_ms > 0 and cold.cold_ms >= 0
    assert len(cold.warm_ms) == 2 and all(ms >= 0 for ms in cold.warm_ms)


def test_monolithic_page_loads_the_whole_index_first(
    browser: Any, target: Any, monolithic: tuple[Path, list[Any]], rare: str
) -> None:
    """It finds what Dossier finds, loads nothing for the query, and downloads more index
    than Dossier's first query for a rare word does."""
    folder, _ = monolithic
    mono = bench.measure_cold(browser, (folder / "search.html").as_uri(), "file", rare)
    dossier = bench.measure_cold(browser, (target.site / "search.html").as_uri(), "file", rare)
    assert mono.failed == () and dossier.failed == ()
    assert mono.hits == mono.shown == dossier.shown >= 1
    assert mono.files == mono.page_files and mono.bytes == mono.page_bytes
    whole = sum(p.stat().st_size for p in (folder / "search").glob("*.js"))
    assert mono.bytes > whole
    index = sum(size for url, size in mono.loaded if "/search/" in url)
    assert index == whole
    assert index > sum(size for url, size in dossier.loaded if "/search/" in url)


@pytest.mark.parametrize("system", ["dossier", "monolithic"])
def test_http_transfer_plain_and_gzipped(
    browser: Any, target: Any, monolithic: tuple[Path, list[Any]], rare: str, system: str
) -> None:
    """Over the local server the same files come, gzipped smaller than plain."""
    root = target.site if system == "dossier" else monolithic[0]
    measured = {}
    for transport in ("http", "gzip"):
        with bench.serving(root, compress=transport == "gzip") as base:
            measured[transport] = bench.measure_cold(browser, base + "search.html", transport, rare)
    plain, packed = measured["http"], measured["gzip"]
    assert plain.failed == () and packed.failed == ()
    assert plain.shown == packed.shown >= 1
    assert {url.split("/", 3)[3] for url, _ in plain.loaded} == {
        url.split("/", 3)[3] for url, _ in packed.loaded
    }
    assert 0 < packed.bytes < plain.bytes


def test_report_of_one_query(
    browser: Any,
    target: Any,
    monolithic: tuple[Path, list[Any]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    """measure_system fills a result per system; the report prints a row for each and the
    ratios to Dossier."""
    folder, queries = monolithic
    query = queries[0]
    settings = bench.Settings(runs=1, warm=1, systems=("dossier", "monolithic"), code=ROOT)
    results = []
    for name, root in (("dossier", target.site), ("monolithic", folder)):
        result = bench.SystemResult(name, *bench.folder_bytes(root / "search"))
        bench.measure_system(browser, bench.System(name, root), result, [query], settings, ["gzip"])
        assert result.failures == []
        (run,) = result.runs[query.text]["gzip"]
        assert len(run.warm_ms) == 1
        results.append(result)
    bench.print_size(target, [query], results)
    printed = capsys.readouterr().out
    rows = [line.split() for line in printed.splitlines()]
    assert [row[0] for row in rows if query.text in row[1:2]] == ["dossier", "monolithic"]
    assert "monolithic" in printed.split("first query, bytes, HTTP gzip")[1].split("\n")[0]
    assert "x)" in printed
