"""The term index kept between builds: updating it for changed articles gives exactly what a
build from nothing gives, and the search files made from it are the same bytes."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from generator.cache import BuildCache
from generator.frontmatter import article_from_markdown
from generator.models import Article
from generator.search_blocks import fixed_payload, joined, make_blocks, replaced
from generator.search_index import ordered_articles, search_documents
from generator.search_shards import STATE, build_search_shards, state_key
from generator.search_shards_pack import encode_numbers
from generator.search_state import TermState, build_state, changed_ordinals, updated_state

ARTICLES = Path(__file__).resolve().parent.parent / "content" / "articles"


def archive() -> list[Article]:
    """120 sample articles and one whose slug is an array index (lunr.js lists it first)."""
    paths = sorted(ARTICLES.glob("*.md"))[:120]
    articles = [article_from_markdown(p.read_text("utf-8"), p.stem) for p in paths]
    return ordered_articles([*articles, replace(articles[0], slug="42", title="Numbered")])


def edited(articles: list[Article]) -> list[Article]:
    """Three articles changed: a new word, a word gone, a retitled one with new places."""
    changed = list(articles)
    changed[3] = replace(changed[3], body=changed[3].body + "\n\nA zanzibarian quokka appeared.")
    changed[10] = replace(changed[10], body=changed[10].body.replace("Syria", "Elsewhere"))
    changed[0] = replace(changed[0], title="A convoy of quokkas", places=("Raqqa",))
    return changed


def test_updating_the_state_equals_building_it_again() -> None:
    before, after = archive(), edited(archive())
    state = build_state(before, search_documents(before))
    changed = changed_ordinals(state, after)
    assert changed == [0, 3, 10]
    updated = updated_state(state, after, changed)
    assert updated == build_state(after, search_documents(after))
    assert "zanzibarian" in updated.postings and "zanzibarian" not in state.postings
    assert updated.term_indexes() != state.term_indexes()  # a new term shifts later numbers
    assert updated_state(updated, after, []) is updated


def test_changed_ordinals_refuses_other_articles_or_too_many_changes() -> None:
    articles = archive()
    state = build_state(articles, search_documents(articles))
    assert changed_ordinals(state, articles) == []
    assert changed_ordinals(state, articles[1:]) is None  # one article fewer
    retitled = [replace(a, title=a.title + " (updated)") for a in articles]
    assert changed_ordinals(state, retitled) is None


def test_search_files_from_the_cached_state_are_the_same_bytes(tmp_path: Path) -> None:
    before, after = archive(), edited(archive())
    with BuildCache(tmp_path) as cache:
        build_search_shards(before, (), cache=cache)
        kept = cache.get(STATE, state_key())
        assert isinstance(kept, TermState) and kept.refs == tuple(a.slug for a in before)
        incremental = build_search_shards(after, (), cache=cache)
    from_nothing = build_search_shards(after, ())
    assert incremental.files == from_nothing.files
    assert [f.key for f in incremental.site_files] == [f.key for f in from_nothing.site_files]


def test_blocks_join_to_the_string_encoded_in_one_go() -> None:
    items = [(o, (o % 3 + 1, 40 + o % 7)) for o in (0, 5, 255, 256, 700, 701, 1500)]
    blocks = make_blocks(items, zigzag=True)
    assert len(blocks) == 4  # ordinals 0-255, 256-511, 512-767, 1280-1535
    direct = [len(items)]
    previous = 0
    for ordinal, payload in items:
        direct += [2 * (ordinal - previous), *payload]
        previous = ordinal
    assert joined([blocks], zigzag=True) == encode_numbers(direct)
    fresh = [(300, (9, 9))]
    redone = replaced(blocks, {256, 1500}, fresh, True, fixed_payload(2))
    expected = sorted([i for i in items if i[0] not in (256, 1500)] + fresh)
    assert redone == make_blocks(expected, zigzag=True)
    assert replaced(blocks, {o for o, _ in items}, [], True, fixed_payload(2)) == ()
