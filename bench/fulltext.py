"""Time the Whoosh index and the related-coverage stage of the build on an archive.

Reads the cleaned articles and the gazetteer of a content folder (never writes there) and, in
a temporary folder: indexes them from nothing, updates the index with nothing changed and
after one edited article, times a few searches (facet counts included), and works out every
article's related coverage (on every core, as the build does). Prints wall and CPU seconds
of this process (the related stage's workers are other processes: their time shows in the
wall time only).

    python bench/fulltext.py                                # the sample archive, content/
    python bench/fulltext.py --content /tmp/p10k/content    # 10,000 synthetic articles
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.facets import standard_facets  # noqa: E402
from generator.frontmatter import article_from_markdown  # noqa: E402
from generator.fulltext import index_entries, update_index  # noqa: E402
from generator.fulltext_related import related_articles  # noqa: E402
from generator.fulltext_search import search  # noqa: E402
from generator.gazetteer import load_gazetteer  # noqa: E402
from generator.models import Article  # noqa: E402
from generator.neardup import find_near_duplicates  # noqa: E402

T = TypeVar("T")


def timed(label: str, action: Callable[[], T]) -> T:
    """Run ``action``, print its wall and CPU seconds."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = action()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"{label:<28} {wall:7.2f} s wall {cpu:7.2f} s cpu")
    return result


def read_articles(folder: Path) -> list[Article]:
    return [
        article_from_markdown(p.read_text("utf-8"), p.stem) for p in sorted(folder.glob("*.md"))
    ]


#: Rare, common and near-universal words, a phrase, a fuzzy word, a wildcard, two words, none.
QUERIES = (
    "convoy",
    "killed",
    "aleppo",
    "russia",
    '"free syrian army"',
    "damascas~",
    "conv*",
    "assume aleppo",
    "",
)


def time_searches(folder: Path, runs: int = 3) -> None:
    """Each of :data:`QUERIES` as ``dossier search`` runs it (facet counts included): the
    median of ``runs`` wall times, and the median over the queries."""
    medians = []
    for text in QUERIES:
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            found = search(folder, text)
            times.append(time.perf_counter() - started)
        medians.append(statistics.median(times))
        print(f"  search {text!r:<22} {found.total:6d} hits {medians[-1] * 1000:8.1f} ms")
    print(f"{'search, median query':<28} {statistics.median(medians) * 1000:7.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    args = parser.parse_args()
    articles = read_articles(args.content / "articles")
    facets = standard_facets(load_gazetteer(args.content / "gazetteer").ancestors)
    copies = find_near_duplicates(articles)
    print(f"{len(articles)} articles in {args.content}")
    entries = index_entries(articles, facets)
    edited = list(articles)
    edited[len(edited) // 2] = dataclasses.replace(
        edited[len(edited) // 2], body=edited[len(edited) // 2].body + "\n\nOne more line."
    )
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "fulltext"
        timed("index from nothing", lambda: update_index(folder, entries))
        timed("index, nothing changed", lambda: update_index(folder, entries))
        timed(
            "index, one article edited", lambda: update_index(folder, index_entries(edited, facets))
        )
        timed("index, edit undone", lambda: update_index(folder, entries))
        time_searches(folder)
        found = timed("related coverage", lambda: related_articles(folder, articles, copies))
    listed = sum(len(slugs) for slugs in found.values())
    print(f"{len(found)} articles with related coverage, {listed / max(1, len(found)):.2f} each")


if __name__ == "__main__":
    main()
