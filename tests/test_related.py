"""Related coverage on article pages: Whoosh's more-like-this, without the article itself and
its near-duplicates, the same from one build to the next, and not worked out again when
nothing changed."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from test_fulltext import CORPUS, built_articles, corpus_config

from generator.build import build, related_coverage
from generator.cache import open_cache
from generator.config import BuildConfig
from generator.errors import DossierError
from generator.fulltext import FulltextIndex, fulltext_dir
from generator.fulltext_related import RELATED as LISTED
from generator.fulltext_related import related_articles
from generator.neardup import find_near_duplicates

SECTION = re.compile(r"<h2>Related coverage</h2>\s*<ul class=\"related\">(.*?)</ul>", re.S)
LINK = re.compile(r'<a href="\.\./articles/([^"]+)\.html">([^<]*)</a> · ([^<]*?)(?: · <time|</li>)')


def related_on_page(config: BuildConfig, slug: str) -> list[tuple[str, str, str]]:
    html = (config.out_dir / "articles" / f"{slug}.html").read_text("utf-8")
    section = SECTION.search(html)
    return LINK.findall(section.group(1)) if section else []


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildConfig:
    config = corpus_config(tmp_path_factory.mktemp("related"))
    build(config)
    return config


def test_article_pages_list_related_coverage_after_also_published_by(built: BuildConfig) -> None:
    html = (built.out_dir / "articles" / "convoy-aleppo.html").read_text("utf-8")
    assert (
        html.index("Also published by") < html.index("Related coverage") < html.index("Provenance")
    )
    listed = related_on_page(built, "convoy-aleppo")
    slugs = [slug for slug, _, _ in listed]
    assert 0 < len(slugs) <= LISTED and len(set(slugs)) == len(slugs)
    assert "convoy-aleppo" not in slugs  # itself
    assert "convoy-aleppo-copy" not in slugs  # its near-duplicate, under "Also published by"
    for slug, title, source in listed:
        assert (title, source) == (CORPUS[slug][0], CORPUS[slug][2])


def test_related_lists_are_whoosh_more_like_this_ranked(built: BuildConfig) -> None:
    articles = built_articles(built)
    found = related_articles(fulltext_dir(built.content_dir), articles, {})
    # Without near-duplicates left out, the copy is the most similar article of all.
    assert found["convoy-aleppo"][0] == "convoy-aleppo-copy"
    assert found["convoy-aleppo-copy"][0] == "convoy-aleppo"
    pages = {slug: [s for s, _, _ in related_on_page(built, slug)] for slug in CORPUS}
    copies = find_near_duplicates(articles)
    expected = related_articles(fulltext_dir(built.content_dir), articles, copies)
    assert pages == {slug: list(expected.get(slug, ())) for slug in CORPUS}


def test_two_builds_give_the_same_pages(built: BuildConfig, tmp_path: Path) -> None:
    again = corpus_config(tmp_path)
    build(again)
    for page in sorted((built.out_dir / "articles").glob("*.html")):
        assert page.read_bytes() == (again.out_dir / "articles" / page.name).read_bytes()


def test_a_no_op_rebuild_takes_them_from_the_cache(built: BuildConfig) -> None:
    """The cached lists are used as they are: the index is not even opened."""
    build(built)
    articles = built_articles(built)
    copies = find_near_duplicates(articles)
    index = fulltext_index_of(built)
    gone = replace(index, folder=built.content_dir.parent / "no-index-here")
    with open_cache(built.content_dir) as cache:
        cached = related_coverage(gone, articles, copies, cache)
        assert dict(cached) == related_articles(index.folder, articles, copies)
    with (
        pytest.raises(DossierError, match="run 'dossier build' first"),
        open_cache(built.content_dir, enabled=False) as cache,
    ):
        related_coverage(gone, articles, copies, cache)


def fulltext_index_of(config: BuildConfig) -> FulltextIndex:
    from generator.build import index_fulltext
    from generator.facets import build_all, standard_facets
    from generator.gazetteer import load_gazetteer

    articles = built_articles(config)
    facets = build_all(standard_facets(load_gazetteer(config.gazetteer_dir).ancestors), articles)
    return index_fulltext(config, articles, facets)


def test_related_titles_are_escaped(tmp_path: Path) -> None:
    config = corpus_config(tmp_path, ["siege-raqqa"])
    hostile = '---\ntitle: "<script>alert(1)</script> Raqqa siege"\n---\n\n'
    hostile += "Raqqa under siege: the Syrian Democratic Forces advanced into Raqqa.\n"
    (config.raw_dir / "hostile.md").write_text(hostile)
    build(config)
    html = (config.out_dir / "articles" / "siege-raqqa.html").read_text("utf-8")
    assert "Related coverage" in html and "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Raqqa siege" in html
