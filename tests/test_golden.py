"""Golden cleaned markdown for the five seeds, and its agreement with expected.jsonl.

Run ``pytest tests/test_golden.py --update-golden`` after a deliberate change to the cleaner
or the gazetteer, and review the diff of tests/golden/ like any other change.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from generator.build import ingest
from generator.config import BuildConfig
from generator.frontmatter import article_from_markdown

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
GOLDEN = Path(__file__).resolve().parent / "golden" / "seeds"
RAW_SEEDS = sorted((ROOT / "content" / "raw").glob("*.txt"))
EXPECTED = {
    row["file"]: row
    for row in map(
        json.loads, (ROOT / "tests" / "golden" / "expected.jsonl").read_text().splitlines()
    )
}


@pytest.fixture(scope="module")
def cleaned(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The markdown ``dossier ingest`` writes for the seeds, keyed by raw file name."""
    work = tmp_path_factory.mktemp("seeds")
    for seed in RAW_SEEDS:
        shutil.copy(seed, work / seed.name)
    config = BuildConfig(
        raw_dir=work, content_dir=work / "articles", gazetteer_dir=ROOT / "content/gazetteer"
    )
    result = ingest(config)
    assert not result.problems
    return {a.raw_file: (config.content_dir / f"{a.slug}.md").read_text() for a in result.articles}


def test_expected_file_is_the_shared_one() -> None:
    if SEEDS.is_dir():
        assert (SEEDS / "expected.jsonl").read_text() == (
            GOLDEN.parent / "expected.jsonl"
        ).read_text()


def test_seeds_match_golden_files(cleaned: dict[str, str], update_golden: bool) -> None:
    assert set(cleaned) == set(EXPECTED)
    for name, text in cleaned.items():
        golden = GOLDEN / name.replace(".txt", ".md")
        if update_golden:
            golden.write_text(text, encoding="utf-8")
        assert golden.read_text("utf-8") == text, f"{name} differs from {golden}"


def sentences(text: str) -> list[str]:
    return re.split(r"(?<=[.!?])\s+(?=[A-Z“\"'])", " ".join(text.split()))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_agrees_with_careful_reader(cleaned: dict[str, str], name: str) -> None:
    expected = EXPECTED[name]
    article = article_from_markdown(cleaned[name], "x")
    assert article.title == expected["title"]
    assert article.date == expected["date"]
    assert article.source == expected["source"]
    assert article.standfirst == expected["standfirst"]
    paragraphs = article.body.split("\n\n")
    assert sentences(paragraphs[0])[0] == " ".join(expected["first_sentence"].split())
    assert sentences(paragraphs[-1])[-1] == " ".join(expected["last_sentence"].split())
    everything = " ".join([article.title, article.standfirst or "", article.body])
    for chrome in expected["boilerplate"]:
        assert " ".join(chrome.split()) not in " ".join(everything.split())


def f1(found: tuple[str, ...], wanted: list[str]) -> float:
    key = lambda s: s.casefold()  # noqa: E731
    hits = len({key(f) for f in found} & {key(w) for w in wanted})
    if not found or not wanted:
        return float(found == () and wanted == [])
    precision, recall = hits / len(found), hits / len(wanted)
    return 0.0 if hits == 0 else 2 * precision * recall / (precision + recall)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_places_and_actors(cleaned: dict[str, str], name: str) -> None:
    article = article_from_markdown(cleaned[name], "x")
    assert f1(article.places, EXPECTED[name]["places"]) >= 0.85, article.places
    assert f1(article.actors, EXPECTED[name]["actors"]) >= 0.85, article.actors
