"""The synthetic benchmark corpus (``bench/corpus.py``): deterministic, and readable by the cleaner.

Fifty generated pages, made twice, must be byte-identical; each must clean to a title, a body
and the date its stamp line prints, with the sidecar manifest and the site profiles learnt from
the corpus applied as ``dossier build`` applies them.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from benchload import load_bench

from generator import ingest
from generator.clean import clean
from generator.errors import Problem
from generator.site_profile import learn_profiles

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = 50


corpus = load_bench("corpus")


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus") / "raw"
    corpus.write_corpus(folder, ARTICLES)
    return folder


def test_same_arguments_give_identical_bytes(generated: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    corpus.write_corpus(again, ARTICLES)
    first, second = _files(generated), _files(again)
    assert len([name for name in first if name.endswith(".txt")]) == ARTICLES
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
    assert corpus.is_current(again, ARTICLES)
    assert not corpus.is_current(again, ARTICLES + 1)


def test_a_smaller_corpus_is_the_start_of_a_larger_one(generated: Path, tmp_path: Path) -> None:
    small = tmp_path / "small"
    corpus.write_corpus(small, 10)
    files = {n: b for n, b in _files(small).items() if n.endswith(".txt")}
    assert files == {n: b for n, b in _files(generated).items() if n in files}


def test_every_page_cleans_to_its_title_body_and_stamped_date(generated: Path) -> None:
    problems: list[Problem] = []
    sidecars = ingest.read_manifests(generated, problems)
    raws = [ingest.read_raw(p, generated, sidecars.get(p.name)) for p in ingest.discover(generated)]
    assert problems == []
    assert len(raws) == ARTICLES
    truth = {
        row["file"]: row
        for row in map(json.loads, (generated / corpus.TRUTH_NAME).read_text("utf-8").splitlines())
    }
    profiles = learn_profiles(raws)
    wrong = []
    for raw in raws:
        cleaned = clean(replace(raw, repeated=profiles.repeated_lines(raw)))
        stamped = truth[raw.relpath]
        assert stamped["stamp"] in raw.text
        if not cleaned.title.strip() or not any(p.strip() for p in cleaned.paragraphs):
            wrong.append((raw.relpath, "no title or body"))
        if cleaned.date != stamped["date"]:
            wrong.append((raw.relpath, f"date {cleaned.date}, stamped {stamped['stamp']!r}"))
    assert wrong == []
