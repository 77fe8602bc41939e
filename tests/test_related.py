"""Related coverage on article pages: Whoosh's more-like-this, without the article itself and
its near-duplicates, the same from one build to the next, and not worked out again when
nothing changed."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import ROOT
from related_reference import reference_related
from test_fulltext import CORPUS, built_articles, corpus_config

from generator import fulltext
from generator.build import build, related_coverage
from generator.cache import open_cache
from generator.config import BuildConfig
from generator.errors import DossierError
from generator.frontmatter import article_from_markdown
from generator.fulltext import FulltextIndex, fulltext_dir, index_entries, update_index
from generator.fulltext_related import RELATED as LISTED
from generator.fulltext_related import related_articles, similarity_text
from generator.fulltext_scores import weighted_tree
from generator.fulltext_terms import _indexed_counts, term_counter
from generator.models import Article
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


# The lists are Whoosh's own: the in-memory scoring equals Whoosh's searcher driven article by
# article (tests/related_reference.py), on real articles and on indexes made to tie.


def index_of(folder: Path, articles: list[Article], segments: int = 1) -> Path:
    """An index of ``articles`` in ``folder``: the build's, or split into ``segments`` segments
    (each committed without merging) with the build's documents."""
    entries = index_entries(articles, [])
    if segments == 1:
        update_index(folder, entries, fresh=True)
        return folder
    folder.mkdir(parents=True)
    ix = fulltext.index.create_in(str(folder), fulltext.schema(), indexname=fulltext.index_name())
    for part in range(segments):
        writer = ix.writer()
        for entry in entries[part::segments]:
            writer.add_document(**fulltext.document(entry))
        writer.commit(merge=False)
    return folder


def sample_articles() -> list[Article]:
    folder = ROOT / "content" / "articles"
    return [
        article_from_markdown(p.read_text("utf-8"), p.stem) for p in sorted(folder.glob("*.md"))
    ]


def made_to_tie(count: int) -> list[Article]:
    """Articles drawn from a dozen words, many with the same text (equal scores, ties broken
    by slug) and some of one or two words."""
    words = "convoy aleppo siege raqqa shelling hospital aid truck border refugee camp idlib"
    vocabulary = words.split()
    articles = []
    for n in range(count):
        kind = n % 60  # each text about count / 60 times
        size = 1 + (kind * 7) % 23
        body = " ".join(vocabulary[(kind * k + k * k) % (3 + kind % 10)] for k in range(size))
        title = vocabulary[kind % 12] if kind % 3 else ""
        articles.append(Article(slug=f"t{(n * 37) % count:05d}", title=title, body=body))
    return articles


def test_the_sample_archive_gets_whoosh_lists(tmp_path: Path) -> None:
    articles = sample_articles()
    assert len(articles) > 700
    copies = find_near_duplicates(articles)
    for segments in (1, 3):
        folder = index_of(tmp_path / f"ix{segments}", articles, segments)
        found = related_articles(folder, articles, copies)
        assert len(found) > 700
        assert found == reference_related(folder, articles, copies)


@pytest.mark.parametrize("segments", [1, 4])
def test_articles_made_to_tie_get_whoosh_lists(tmp_path: Path, segments: int) -> None:
    articles = made_to_tie(400)
    folder = index_of(tmp_path / "ix", articles, segments)
    left_out = {a.slug: (articles[(i + 1) % 400].slug,) for i, a in enumerate(articles[::5])}
    found = related_articles(folder, articles, left_out)
    assert found == reference_related(folder, articles, left_out)
    texts = {a.slug: (a.title, a.body) for a in articles}
    # Lists holding articles of the same text: equal scores, ordered by slug.
    assert sum(len({texts[s] for s in slugs}) < len(slugs) for slugs in found.values()) > 50


def test_term_counts_are_the_analyzers(tmp_path: Path) -> None:
    folder = index_of(tmp_path / "ix", made_to_tie(10))
    searcher = fulltext.open_searcher(folder)
    field = searcher.schema["body"]
    texts = [similarity_text(a) for a in sample_articles()[::8]]
    texts += ["İstanbul ΟΔΟΣ'Β ΟΔΟΣ a I 3.5 u.s.a. snake_case Ünïcödé ﬁnal x" * 3, "", "the of"]
    fast = term_counter(field)
    for text in texts:
        assert fast(text) == _indexed_counts(field, text)
    searcher.close()


def test_terms_of_equal_frequency_join_as_whoosh_joins_them() -> None:
    from whoosh.matching import ListMatcher, UnionMatcher
    from whoosh.util import make_weighted_tree

    def shape(m: object) -> object:
        if isinstance(m, UnionMatcher):
            return (shape(m.a), shape(m.b))
        return m.id()  # type: ignore[attr-defined]

    for frequencies in ([3, 3, 3, 3, 3], [1, 2, 1, 2, 1], [0, 5, 0, 2, 2], [7, 1], [4, 4, 8]):
        pairs = [(f, ListMatcher([place])) for place, f in enumerate(frequencies)]
        assert weighted_tree(frequencies) == shape(make_weighted_tree(UnionMatcher, pairs))
