"""The Whoosh index kept up to date: after any edits, removals and additions it is the index
made from nothing (the same segments, so the same scores, ties and related lists), an edit
writes only its bucket again, and a build killed while writing leaves the last index."""

from __future__ import annotations

import pickle
import random
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import ROOT
from test_fulltext import CORPUS, built_articles, corpus_config, found

from generator.build import build
from generator.facets import standard_facets
from generator.fulltext import fulltext_dir, index_entries, index_segments, update_index
from generator.fulltext_related import Similar, related_articles, similarity_text
from generator.fulltext_search import search
from generator.fulltext_segments import BUCKETS, bucket
from generator.gazetteer import load_gazetteer
from generator.models import Article


def test_an_updated_index_equals_one_made_from_nothing(tmp_path: Path) -> None:
    config = corpus_config(tmp_path / "kept")
    build(config)
    edited = config.raw_dir / "siege-raqqa.md"
    edited.write_text(edited.read_text().replace("street by street", "convoy by convoy"))
    (config.raw_dir / "palmyra-note.md").unlink()
    (config.content_dir / "palmyra-note.md").unlink()  # else the build keeps it
    new = "---\ntitle: Convoy reaches Raqqa\ndate: 2018-03-01\n---\n\nA convoy reached Raqqa.\n"
    (config.raw_dir / "raqqa-convoy.md").write_text(new)
    build(config)
    fresh = corpus_config(tmp_path / "fresh", [s for s in CORPUS if s != "palmyra-note"])
    shutil.copy(edited, fresh.raw_dir / edited.name)
    (fresh.raw_dir / "raqqa-convoy.md").write_text(new)
    build(fresh)
    kept, made = fulltext_dir(config.content_dir), fulltext_dir(fresh.content_dir)
    for text in ("convoy", "raqqa OR aleppo", '"aid convoy"', "conv*", ""):
        assert search(kept, text, limit=100) == search(made, text, limit=100)
    articles = built_articles(fresh)
    assert related_articles(kept, articles, {}) == related_articles(made, articles, {})
    assert found(config, "convoy") >= {"siege-raqqa", "raqqa-convoy"}
    assert "palmyra-note" not in found(config, "")


# Words of the generated articles: few, so that articles share many and scores often tie.
WORDS = (  # noqa: SIM905  (a list of 28 words would take 30 lines)
    "convoy aid aleppo siege raqqa talks damascus army free syrian trucks flour medicine "
    "ceasefire envoy mines palmyra mosul fighters fuel bridge shelling hospital market "
    "refugees border camp winter"
).split()
QUERIES = (
    "convoy",
    "aid OR siege",
    "convoy aleppo",
    "convoy OR raqqa OR hospital OR winter",
    '"aid convoy"',
    "conv* OR *ees",
    "damascas~",
    "title:siege OR body:fuel",
    "place:syria AND (camp OR border)",
    "NOT convoy",
    "",
)


def generated(count: int, start: int = 0, seed: int = 5) -> list[Article]:
    """Articles of random words from :data:`WORDS`, every seventh a copy of the one before
    (scores that tie exactly)."""
    rng = random.Random(seed)
    places = ("Aleppo", "Raqqa", "Damascus", "Palmyra")
    articles: list[Article] = []
    for number in range(start, start + count):
        article = Article(
            slug=f"story-{number:03d}",
            title=" ".join(rng.choices(WORDS, k=4)).capitalize(),
            body=" ".join(rng.choices(WORDS, k=rng.randint(5, 80))) + ".",
            date=f"201{rng.randint(5, 9)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
            source=rng.choice(("Coastal Wire", "Desert Post")),
            places=(rng.choice(places),),
        )
        if number % 7 == 6 and articles:
            article = replace(articles[-1], slug=article.slug)
        articles.append(article)
    return articles


def layout(folder: Path) -> list[list[tuple[str, str]]]:
    """Each segment's (slug, digest) pairs, in index order, segments in their order."""
    segments = index_segments(folder)
    assert not any(segment.deletions for segment in segments)
    assert len(segments) <= BUCKETS
    return [list(segment.digests.items()) for segment in segments]


def answers(folder: Path, articles: list[Article]) -> tuple[object, ...]:
    """Every query's results (scores, order, counts) and every article's related list."""
    similar = Similar(folder)
    try:
        related = [similar.articles((a.slug, similarity_text(a), ())) for a in articles]
    finally:
        similar.close()
    return (*(search(folder, text, limit=1000) for text in QUERIES), related)


def test_an_index_kept_over_many_edits_equals_one_made_from_nothing(tmp_path: Path) -> None:
    """After each of edits, removals, additions and an undo: the same segments holding the
    same articles in the same order, so the same scores, ties, counts and related lists."""
    facets = standard_facets(load_gazetteer(ROOT / "content" / "gazetteer").ancestors)
    first = generated(90)
    steps = [first]
    steps.append(
        [replace(a, body=a.body + " convoy") if a.slug == "story-040" else a for a in first]
    )
    steps.append([*steps[-1][3:], *generated(4, start=90, seed=7)])  # 3 removed, 4 added
    steps.append(
        [replace(a, title="Winter siege") if i % 9 == 0 else a for i, a in enumerate(steps[-1])]
    )
    steps.append(first)  # everything undone
    kept = tmp_path / "kept"
    for number, articles in enumerate(steps):
        update_index(kept, index_entries(articles, facets))
        made = tmp_path / f"made-{number}"
        update_index(made, index_entries(articles, facets))
        assert layout(kept) == layout(made)
        assert len(layout(kept)) > BUCKETS // 2  # several segments, not one
        expected = answers(made, articles)
        assert answers(kept, articles) == expected
        assert all(results.total for results in expected[:-1])  # every query finds something
    assert update_index(kept, index_entries(first, facets), fresh=True).indexed == len(first)
    assert answers(kept, first) == answers(tmp_path / "made-0", first)


def test_only_the_buckets_of_changed_articles_are_indexed_again(tmp_path: Path) -> None:
    facets = standard_facets(load_gazetteer(ROOT / "content" / "gazetteer").ancestors)
    articles = generated(90)
    folder = tmp_path / "index"
    first = update_index(folder, index_entries(articles, facets))
    assert (first.indexed, first.removed) == (len(articles), 0)
    before = index_segments(folder)
    assert update_index(folder, index_entries(articles, facets)).indexed == 0
    assert index_segments(folder) == before
    edited = articles[40]
    gone = next(a for a in articles if bucket(a.slug) == bucket(edited.slug) and a is not edited)
    changed = [
        replace(a, title="Raqqa encircled") if a is edited else a for a in articles if a is not gone
    ]
    update = update_index(folder, index_entries(changed, facets))
    rewritten = [a for a in changed if bucket(a.slug) == bucket(edited.slug)]
    assert (update.indexed, update.removed, update.articles) == (len(rewritten), 1, 89)
    assert update.content != first.content
    after = index_segments(folder)
    assert len(after) == len(before) == BUCKETS
    assert len({s.id for s in before} & {s.id for s in after}) == BUCKETS - 1  # the others kept
    assert {hit.slug for hit in search(folder, "encircled").hits} == {edited.slug}
    assert gone.slug not in {hit.slug for hit in search(folder, "", limit=1000).hits}
    files = {path.name for path in folder.iterdir()}
    assert not any(
        segment.id in name for segment in before if segment not in after for name in files
    )


@pytest.mark.parametrize(
    ("module", "owner", "method", "calls"),
    [("whoosh.writing", "SegmentWriter", "add_document", 20), ("whoosh.index", "TOC", "write", 0)],
)
def test_a_build_killed_while_writing_leaves_the_last_index(
    tmp_path: Path, module: str, owner: str, method: str, calls: int
) -> None:
    """A process killed as it writes the new segments, or just before it lists them: the
    index reads as before, and the next update deletes what it left and is exact."""
    facets = standard_facets(load_gazetteer(ROOT / "content" / "gazetteer").ancestors)
    articles = generated(60)
    folder = tmp_path / "index"
    update_index(folder, index_entries(articles, facets))
    before = answers(folder, articles)
    edited = [replace(a, body="Mosul bridge.") if i % 5 == 0 else a for i, a in enumerate(articles)]
    entries = tmp_path / "entries.pickle"
    entries.write_bytes(pickle.dumps(index_entries(edited, facets)))
    script = KILLED.format(
        module=module, owner=owner, method=method, calls=calls, folder=folder, entries=entries
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 9, done.stderr
    left = {path.name for path in folder.iterdir()}
    assert answers(folder, articles) == before
    update_index(folder, index_entries(edited, facets))
    update_index(tmp_path / "made", index_entries(edited, facets))
    assert layout(folder) == layout(tmp_path / "made")
    assert answers(folder, edited) == answers(tmp_path / "made", edited)
    listed = {segment.id for segment in index_segments(folder)}
    files = [p.name for p in folder.iterdir() if p.suffix == ".seg"]
    assert len(files) == len(listed) and all(any(i in f for i in listed) for f in files)
    assert left - {p.name for p in folder.iterdir()}  # the killed build's files are gone


KILLED = """
import os, pickle
from pathlib import Path
from generator.fulltext import update_index
from {module} import {owner}

original, done = {owner}.{method}, []

def stop(*args, **kwargs):
    done.append(1)
    if len(done) > {calls}:
        os._exit(9)
    return original(*args, **kwargs)

{owner}.{method} = stop
update_index(Path("{folder}"), pickle.loads(Path("{entries}").read_bytes()))
"""


def test_a_broken_index_is_made_again(tmp_path: Path) -> None:
    config = corpus_config(tmp_path)
    build(config)
    folder = fulltext_dir(config.content_dir)
    for path in folder.glob("*.seg"):
        path.write_bytes(b"not a segment")
    for path in folder.glob("*.toc"):
        path.write_bytes(b"not a table of contents")
    build(config)
    assert found(config, "convoy") == {
        "convoy-aleppo",
        "convoy-aleppo-copy",
        "convoy-hajin",
        "mosul-convoy",
    }


def test_no_cache_builds_the_index_from_nothing(tmp_path: Path) -> None:
    config = corpus_config(tmp_path)
    build(replace(config, cache=False))
    assert found(config, '"free syrian army"') == {"damascus-talks"}
    assert not (config.content_dir.parent / ".dossier-cache" / "build.sqlite").exists()
