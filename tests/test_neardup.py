"""Near-duplicates: the same story in two outlets is linked; shared boilerplate is not."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from conftest import copy_fixture

from generator import neardup
from generator.build import build
from generator.models import Article
from generator.neardup import find_near_duplicates

STORY = (
    "Government forces retook the town after three days of heavy fighting with militants, "
    "a military source said on Sunday, adding that engineers were clearing mines from the "
    "main road while residents began returning to their homes in the eastern districts. "
    "The source said dozens of fighters had withdrawn towards the desert overnight."
)
OTHER = (
    "Aid agencies warned on Monday that food stocks in the besieged suburbs would run out "
    "within a fortnight unless convoys were allowed through the checkpoints on the highway, "
    "and urged all parties to agree a pause in the shelling of residential areas."
)
FOOTER = " Follow us on social media for the latest news from the region and around the world."


def art(slug: str, body: str) -> Article:
    return Article(slug=slug, title=slug, body=body)


def test_edited_copy_is_linked_both_ways() -> None:
    copy = STORY.replace("on Sunday", "on Sunday evening").replace("dozens", "scores")
    found = find_near_duplicates([art("a", STORY), art("b", copy), art("c", OTHER)])
    assert found == {"a": ("b",), "b": ("a",)}


def test_shared_footer_alone_does_not_link() -> None:
    assert find_near_duplicates([art("a", STORY + FOOTER), art("c", OTHER + FOOTER)]) == {}


def test_order_of_articles_does_not_matter() -> None:
    articles = [
        art("b", STORY),
        art("a", STORY + " Extra closing words here today."),
        art("c", OTHER),
    ]
    assert find_near_duplicates(articles) == find_near_duplicates(articles[::-1])


def test_article_page_links_the_other_outlet(tmp_path: Path) -> None:
    config = copy_fixture(tmp_path)
    original = (config.raw_dir / "raqqa-sdf.txt").read_text()
    (config.raw_dir / "raqqa-copy.txt").write_text(
        original.replace("Levant Daily Monitor", "Gulf Echo")
    )
    report = build(config)
    assert report.articles == 7
    page = (config.out_dir / "articles" / "raqqa-sdf.html").read_text()
    assert "Also published by" in page
    assert 'href="../articles/raqqa-copy.html"' in page
    assert "Also published by" not in (config.out_dir / "articles" / "army-hajin.html").read_text()


def test_a_search_from_an_earlier_one_finds_what_one_from_nothing_finds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Random edits, additions and removals, with a low boilerplate limit so shingles cross it
    both ways: every step agrees with a search from nothing."""
    monkeypatch.setattr(neardup, "MAX_POSTINGS", 3)
    monkeypatch.setattr(neardup, "SAMPLE_EVERY", 2)
    rng = random.Random(7)
    words = [f"w{i}" for i in range(40)]
    stories = [" ".join(rng.choices(words, k=60)) for _ in range(4)]

    def variant() -> str:
        story = rng.choice(stories).split()
        cut = rng.randrange(len(story))
        return " ".join(story[:cut] + rng.choices(words, k=rng.randrange(1, 20)) + story[cut:])

    bodies = {f"a{i}": variant() for i in range(14)}
    state = neardup.NearDupState()
    for _step in range(40):
        slug = rng.choice([*bodies, "new"])
        if rng.random() < 0.15 and len(bodies) > 3:
            bodies.pop(slug, None)
        else:
            bodies[slug if slug != "new" else f"a{rng.randrange(100)}"] = variant()
        articles = [art(s, b) for s, b in bodies.items()]
        found, state = neardup.near_duplicates(articles, state)
        assert found == find_near_duplicates(articles)
    assert neardup.near_duplicates(articles, state)[1] is state  # nothing changed: no new state
