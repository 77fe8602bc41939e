"""The Whoosh index the build keeps: what a search finds, its filters, counts and errors, and
no Whoosh warning reaching users (how it is kept up to date: test_fulltext_index.py)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT

from generator.build import build
from generator.config import BuildConfig
from generator.errors import DossierError, InputError
from generator.facets import all_values, standard_facets
from generator.fulltext import fulltext_dir
from generator.fulltext_results import SearchFilters, request_from_params, results_json
from generator.fulltext_search import MAX_EXPANSION, search
from generator.gazetteer import load_gazetteer
from generator.models import Article

# slug: (title, date, source, places, actors, body). Designed so that every expectation below
# can be read off it; "convoy-aleppo-copy" is a near-duplicate of "convoy-aleppo".
CORPUS = {
    "convoy-aleppo": (
        "Aid convoy reaches Aleppo",
        "2017-03-01",
        "Coastal Wire",
        ["Aleppo"],
        ["Syrian Arab Army"],
        "An aid convoy of twelve trucks reached eastern Aleppo on Monday after weeks of delay. "
        "The trucks carried flour, medicine and blankets for families in the eastern districts.",
    ),
    "convoy-aleppo-copy": (
        "Aid convoy reaches Aleppo after delay",
        "2017-03-02",
        "Desert Post",
        ["Aleppo"],
        ["Syrian Arab Army"],
        "An aid convoy of twelve trucks reached eastern Aleppo on Monday after weeks of delay. "
        "The trucks carried flour, medicine and blankets for families in the eastern districts.",
    ),
    "convoy-hajin": (
        "Fighters attack supply column near Hajin",
        "2017-07",
        "Levant Monitor",
        ["Hajin"],
        ["Islamic State"],
        "Islamic State fighters attacked convoys near Hajin. The convoys carried fuel north.",
    ),
    "siege-raqqa": (
        "Siege of Raqqa tightens",
        "2018-01-15",
        "Levant Monitor",
        ["Raqqa"],
        ["Syrian Democratic Forces"],
        "The siege of Raqqa tightened as the Syrian Democratic Forces advanced street by street.",
    ),
    "damascus-talks": (
        "Talks in Damascus",
        "2018-02-10",
        "Coastal Wire",
        ["Damascus"],
        ["Russia", "Syrian Arab Army"],
        "Russian envoys met officials in Damascus about the free syrian army and a ceasefire.",
    ),
    "army-free": (
        "Army says roads are open",
        "2016-05-05",
        "Desert Post",
        ["Aleppo", "Damascus"],
        ["Syrian Arab Army"],
        "The syrian army said it is free to move between Aleppo and Damascus again.",
    ),
    "palmyra-note": (
        "Engineers clear mines around Palmyra",
        None,
        "Desert Post",
        ["Palmyra"],
        ["Russia"],
        "Russian engineers cleared mines around the ruins of Palmyra.",
    ),
    "mosul-convoy": (
        "Convoy leaves Mosul",
        "2016-10-20",
        "Desert Post",
        ["Mosul"],
        ["Islamic State"],
        "A convoy of families left Mosul as fighting with the Islamic State went on.",
    ),
}


def front_matter(slug: str) -> str:
    title, date, source, places, actors, body = CORPUS[slug]
    meta = {"title": title, "date": date, "source": source, "places": places, "actors": actors}
    lines = [f"{key}: {json.dumps(value)}" for key, value in meta.items() if value]
    return "---\n" + "\n".join(lines) + "\n---\n\n" + body + "\n"


def corpus_config(target: Path, slugs: list[str] | None = None) -> BuildConfig:
    """The designed corpus as raw markdown files, with the repository's gazetteer."""
    raw = target / "content" / "raw"
    raw.mkdir(parents=True)
    for slug in slugs or list(CORPUS):
        (raw / f"{slug}.md").write_text(front_matter(slug), encoding="utf-8")
    shutil.copytree(ROOT / "content" / "gazetteer", target / "content" / "gazetteer")
    return BuildConfig(
        raw_dir=raw,
        content_dir=target / "content" / "articles",
        gazetteer_dir=target / "content" / "gazetteer",
        out_dir=target / "site",
    )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> BuildConfig:
    config = corpus_config(tmp_path_factory.mktemp("corpus"))
    build(config)
    return config


def found(config: BuildConfig, text: str, filters: SearchFilters | None = None) -> set[str]:
    return {hit.slug for hit in search(fulltext_dir(config.content_dir), text, filters, 100).hits}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("convoy", {"convoy-aleppo", "convoy-aleppo-copy", "convoy-hajin", "mosul-convoy"}),
        ("convoys", {"convoy-aleppo", "convoy-aleppo-copy", "convoy-hajin", "mosul-convoy"}),
        ('"free syrian army"', {"damascus-talks"}),
        ("free syrian army", {"damascus-talks", "army-free"}),
        ("convoy NOT aleppo", {"convoy-hajin", "mosul-convoy"}),
        ("siege OR talks", {"siege-raqqa", "damascus-talks"}),
        ("title:convoy", {"convoy-aleppo", "convoy-aleppo-copy", "mosul-convoy"}),
        ("conv*", {"convoy-aleppo", "convoy-aleppo-copy", "convoy-hajin", "mosul-convoy"}),
        (
            "*voy",
            {
                "convoy-aleppo",
                "convoy-aleppo-copy",
                "convoy-hajin",
                "mosul-convoy",
                "damascus-talks",
            },
        ),
        ("damascas~", {"damascus-talks", "army-free"}),
        ("place:syria AND mines", {"palmyra-note"}),
        ('place:"Deir ez-Zor Governorate"', {"convoy-hajin"}),
        ("actor:russia", {"damascus-talks", "palmyra-note"}),
        ("year:2018", {"siege-raqqa", "damascus-talks"}),
        ("source:'levant monitor'", {"convoy-hajin", "siege-raqqa"}),
    ],
)
def test_query_syntax_finds_the_articles_it_should(
    corpus: BuildConfig, text: str, expected: set[str]
) -> None:
    assert found(corpus, text) == expected


def test_title_words_rank_first_and_ties_go_newest_first(corpus: BuildConfig) -> None:
    hits = search(fulltext_dir(corpus.content_dir), "convoy", limit=10).hits
    assert [hit.slug for hit in hits][-1] == "convoy-hajin"  # the only one without it in its title
    assert hits[0].score >= hits[1].score >= hits[2].score > hits[3].score
    first = hits[0]
    assert (first.date, first.source, first.path) == (
        CORPUS[first.slug][1],
        CORPUS[first.slug][2],
        f"articles/{first.slug}.html",
    )


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (SearchFilters(place=("Syria",)), set(CORPUS) - {"mosul-convoy"}),
        (SearchFilters(place=("syria",)), set(CORPUS) - {"mosul-convoy"}),
        (SearchFilters(place=("Aleppo", "Damascus")), {"army-free"}),
        (SearchFilters(place=("Iraq",), actor=("Islamic State",)), {"mosul-convoy"}),
        (
            SearchFilters(source=("Coastal Wire", "Levant Monitor")),
            {"convoy-aleppo", "convoy-hajin", "siege-raqqa", "damascus-talks"},
        ),
        (
            SearchFilters(year=("2016", "2018")),
            {"siege-raqqa", "damascus-talks", "army-free", "mosul-convoy"},
        ),
        (
            SearchFilters(date_from="2017-01-01", date_to="2017-12-31"),
            {"convoy-aleppo", "convoy-aleppo-copy", "convoy-hajin"},
        ),
        (SearchFilters(date_from="2017-07-02"), {"siege-raqqa", "damascus-talks"}),
        (SearchFilters(date_to="2017-03-01"), {"convoy-aleppo", "army-free", "mosul-convoy"}),
        (SearchFilters(place=("Nowhere",)), set()),
    ],
)
def test_filters_keep_what_they_say(
    corpus: BuildConfig, filters: SearchFilters, expected: set[str]
) -> None:
    assert found(corpus, "", filters) == expected


def test_facet_counts_cover_every_hit_whatever_the_limit(corpus: BuildConfig) -> None:
    results = search(fulltext_dir(corpus.content_dir), "convoy OR army", limit=1)
    matching = {"convoy-aleppo", "convoy-aleppo-copy", "convoy-hajin", "mosul-convoy"}
    matching |= {"army-free", "damascus-talks"}
    assert results.total == len(matching) and len(results.hits) == 1
    articles = built_articles(corpus)
    facets = {f.name: f for f in standard_facets(load_gazetteer(corpus.gazetteer_dir).ancestors)}
    for name in ("place", "actor", "source"):
        expected = Counter(
            v for a in articles if a.slug in matching for v in all_values(facets[name], a)
        )
        assert {c.value: c.count for c in results.facet(name)} == expected
        counts = [c.count for c in results.facet(name)]
        assert counts == sorted(counts, reverse=True)
    years = Counter(a.date[:4] for a in articles if a.slug in matching and a.date)
    assert {c.value: c.count for c in results.facet("year")} == years
    assert dict((c.value, c.count) for c in results.facet("place"))["Syria"] == 5


def built_articles(config: BuildConfig) -> list[Article]:
    from generator.frontmatter import article_from_markdown

    return [
        article_from_markdown(path.read_text("utf-8"), path.stem)
        for path in sorted(config.content_dir.glob("*.md"))
    ]


def test_pages_do_not_overlap(corpus: BuildConfig) -> None:
    folder = fulltext_dir(corpus.content_dir)
    every = [hit.slug for hit in search(folder, "", limit=100).hits]
    pages = [
        hit.slug for offset in range(0, 8, 3) for hit in search(folder, "", None, 3, offset).hits
    ]
    assert pages == every and len(every) == len(CORPUS)
    assert every[-1] == "palmyra-note"  # undated: last when browsing newest first


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("foo:bar", "no field 'foo'"),
        ("day:[1 TO 2]", "no field 'day'"),
        ("convoy~3", "at most 2 letters"),
        ("the", "nothing to search for"),
        ("AND OR", "nothing to search for"),
        ("convoy " * 200, "characters long"),
        ("zq*", f"more than {MAX_EXPANSION:,} words"),
    ],
)
def test_a_bad_query_is_an_input_error_that_says_why(
    many_words: BuildConfig, text: str, message: str
) -> None:
    with pytest.raises(InputError, match=message):
        search(fulltext_dir(many_words.content_dir), text)


@pytest.fixture(scope="module")
def many_words(tmp_path_factory: pytest.TempPathFactory) -> BuildConfig:
    """The corpus plus an article of more distinct words than a wildcard may stand for."""
    config = corpus_config(tmp_path_factory.mktemp("many"), ["siege-raqqa"])
    words = " ".join(f"zq{n:05d}" for n in range(MAX_EXPANSION + 50))
    (config.raw_dir / "words.md").write_text(f"---\ntitle: Words\n---\n\n{words}\n")
    build(config)
    return config


def test_bad_filters_and_a_missing_index_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        SearchFilters(date_from="2017-02-30")
    with pytest.raises(InputError, match="after the to date"):
        SearchFilters(date_from="2018-01-01", date_to="2017-01-01")
    with pytest.raises(DossierError, match="run 'dossier build' first"):
        search(tmp_path / "nothing", "convoy")


def test_http_parameters_are_checked_and_the_limit_capped() -> None:
    asked = request_from_params({"q": ["convoy"], "place": ["Syria", "Aleppo"], "limit": ["500"]})
    assert asked.text == "convoy" and asked.limit == 100
    assert asked.filters.place == ("Syria", "Aleppo")
    for bad in ({"limit": ["-1"]}, {"limit": ["ten"]}, {"q": ["a", "b"]}, {"sort": ["new"]}):
        with pytest.raises(InputError):
            request_from_params(bad)


def test_json_output_of_the_cli(corpus: BuildConfig) -> None:
    args = ["search", "convoy", "--place", "Syria", "--content", str(corpus.content_dir), "--json"]
    result = CliRunner().invoke(main_command(), args)
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    assert list(answer) == ["query", "total", "hits", "facets"]
    assert answer["query"] == "convoy" and answer["total"] == 3
    assert list(answer["hits"][0]) == ["slug", "title", "date", "source", "score", "path"]
    assert list(answer["facets"]) == ["place", "actor", "source", "year"]
    assert {"value": "Syria", "count": 3} in answer["facets"]["place"]
    expected = search(fulltext_dir(corpus.content_dir), "convoy", SearchFilters(place=("Syria",)))
    assert answer == json.loads(json.dumps(results_json(expected)))


def test_human_output_and_errors_of_the_cli(corpus: BuildConfig, tmp_path: Path) -> None:
    content = ["--content", str(corpus.content_dir)]
    result = CliRunner().invoke(main_command(), ["search", '"free syrian army"', *content])
    assert result.exit_code == 0, result.output
    assert "2018-02-10 · Coastal Wire · Talks in Damascus · articles/damascus-talks.html" in (
        result.output
    )
    assert "Places: Damascus 1 · Damascus Governorate 1 · Syria 1" in result.output
    bad = CliRunner().invoke(main_command(), ["search", "foo:bar", *content])
    assert bad.exit_code == 1 and "Error: bad query 'foo:bar'" in bad.output
    assert "Traceback" not in bad.output
    missing = ["search", "x", "--content", str(tmp_path / "articles")]
    assert "run 'dossier build' first" in CliRunner().invoke(main_command(), missing).output


def main_command():  # noqa: ANN201  (click's group)
    from generator.cli import main

    return main


def test_no_whoosh_warning_reaches_users(corpus: BuildConfig, tmp_path: Path) -> None:
    """Whoosh's modules warn as they compile: make them compile again (a fresh bytecode
    cache), with every warning shown."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONPYCACHEPREFIX": str(tmp_path / "pyc")}
    command = [sys.executable, "-W", "default", "-m", "generator", "search"]
    for query in ("convoy OR sy* OR damascas~", '"free syrian army"'):
        args = [query, "--place", "Syria", "--content", str(corpus.content_dir)]
        done = subprocess.run([*command, *args], capture_output=True, text=True, env=env)
        assert done.returncode == 0 and done.stderr == "", done.stderr
        assert "match" in done.stdout
