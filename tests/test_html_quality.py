"""The HTML cleaner may not do worse than calling trafilatura directly on the same pages.

Generates a small page set with ``bench/html_pages.py`` (3 pages in each of its 6 layouts) and
scores Dossier's cleaner and plain ``trafilatura.bare_extraction`` with
``bench/html_quality.py``: on every field, overall and within each layout, Dossier must get at
least as many pages right. ``python bench/html_quality.py --failures`` shows the details.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pytest
from benchload import load_bench

ROOT = Path(__file__).resolve().parent.parent
FIELDS = ("title", "date", "first_sentence", "last_sentence", "chrome_free")
PAGES = 18

pytestmark = pytest.mark.slow


quality = load_bench("html_quality")


class Scored(NamedTuple):
    """Truth records and each extractor's results, with a short repr for failure reports."""

    truths: list[dict]
    results: dict

    def __repr__(self) -> str:
        return f"<{len(self.truths)} scored pages>"


@pytest.fixture(scope="module")
def scored(tmp_path_factory: pytest.TempPathFactory) -> Scored:
    """Truth and both extractors' scores on a freshly generated page set."""
    folder = tmp_path_factory.mktemp("html_pages")
    quality.pages.generate(folder, count=PAGES)
    return Scored(*quality.evaluate(folder, runs=1))


def _lost(truths: list[dict], results: dict, field: str, rows: list[int]) -> list[str]:
    """Pages where trafilatura is right on ``field`` and Dossier is not."""
    dossier, direct = results["dossier"].scores, results["trafilatura"].scores
    return [truths[i]["file"] for i in rows if direct[i][field] and not dossier[i][field]]


def test_page_set_covers_every_layout(scored: Scored) -> None:
    truths, _ = scored
    layouts = [truth["layout"] for truth in truths]
    assert len(truths) == PAGES
    assert {layouts.count(layout) for layout in set(layouts)} == {3}
    assert len(set(layouts)) == 6


@pytest.mark.parametrize("field", FIELDS)
def test_not_worse_than_trafilatura(scored: Scored, field: str) -> None:
    truths, results = scored
    dossier, direct = results["dossier"].share(field), results["trafilatura"].share(field)
    lost = _lost(truths, results, field, list(range(len(truths))))
    assert dossier >= direct, f"{field}: {dossier:.0%} < {direct:.0%}; lost on {lost}"


@pytest.mark.parametrize("field", FIELDS)
def test_not_worse_on_any_layout(scored: Scored, field: str) -> None:
    truths, results = scored
    worse = []
    for layout in dict.fromkeys(truth["layout"] for truth in truths):
        rows = [i for i, truth in enumerate(truths) if truth["layout"] == layout]
        dossier = results["dossier"].share(field, rows)
        direct = results["trafilatura"].share(field, rows)
        if dossier < direct:
            worse.append(
                f"{layout} {dossier:.0%} < {direct:.0%} ({_lost(truths, results, field, rows)})"
            )
    assert not worse, f"{field}: " + "; ".join(worse)
