"""Slugs are safe on every file system, stable and unique."""

from __future__ import annotations

from generator.articles import article_slugs
from generator.slugs import is_slug, page_slug, slugify, unique_slugs


def test_slugify_is_safe() -> None:
    assert slugify("../../etc/passwd") == "etc-passwd"
    assert slugify("CON") == "con-item"
    assert slugify("Deir ez-Zor") == "deir-ez-zor"
    assert slugify("Ḩamāh") == "hamah"
    assert len(slugify("x" * 300)) <= 80
    assert slugify("!!!").startswith("item-")
    assert slugify("دمشق").startswith("item-")


def test_hand_written_stems_become_safe_slugs() -> None:
    assert page_slug("notes-2017") == "notes-2017"  # a slug already: its page keeps its name
    made = {
        stem: page_slug(stem) for stem in ["My Notes", "my notes", "CON", "a\\b", "..", "ü" * 300]
    }
    assert all(is_slug(slug) for slug in made.values()), made
    assert len(set(made.values())) == len(made)
    assert made["My Notes"].startswith("my-notes-") and made["CON"].startswith("con-")
    assert made[".."].startswith("article-")
    assert not is_slug("con") and not is_slug("a--b") and not is_slug("x" * 90)


def test_clashing_names_get_distinct_stable_suffixes() -> None:
    slugs = unique_slugs(["Raqqa", "raqqa", "Homs"])
    assert slugs["Homs"] == "homs"
    assert slugs["Raqqa"] != slugs["raqqa"]
    assert unique_slugs(["raqqa", "Raqqa"]) == {k: slugs[k] for k in ("raqqa", "Raqqa")}


def test_article_slugs_come_from_file_names() -> None:
    slugs = article_slugs(["a/one.txt", "b/one.html", "two.txt"])
    assert slugs["two.txt"] == "two"
    assert slugs["a/one.txt"].startswith("one-") and slugs["b/one.html"].startswith("one-")
    assert slugs["a/one.txt"] != slugs["b/one.html"]


def test_plain_text_renders_as_the_same_text() -> None:
    from generator.articles import escape_markdown
    from generator.render import markdown_renderer

    text = "1. *Not* a list: [x](javascript:alert(1)) ![p](//h/p.png) <b>&amp; _u_ `c` # h"
    html = markdown_renderer().render(escape_markdown(text))
    assert html.strip() == (
        "<p>1. *Not* a list: [x](javascript:alert(1)) ![p](//h/p.png) "
        "&lt;b&gt;&amp;amp; _u_ `c` # h</p>"
    )
    for block in ("# heading", "> quote", "- item", "+ item", "3) item", "===", "    code"):
        assert markdown_renderer().render(escape_markdown(block)).startswith("<p>")
