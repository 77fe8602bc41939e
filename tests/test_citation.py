"""Citations in plain text and BibTeX: the right facts, escaped, deterministic."""

from __future__ import annotations

import html
import re

from generator.build import BuildReport
from generator.citation import bibtex_key, bibtex_text, bibtex_url, cite
from generator.config import BuildConfig
from generator.models import Article

SHA = "ab" * 32
ARTICLE = Article(
    slug="army-hajin",
    title="Syrian Army Enters Hajin",
    body="Text.",
    date="2018-03-12",
    date_precision="day",
    source="Levant Daily Monitor",
    byline="Jane Doe and John Roe",
    url="https://levant.example/2018/03/hajin?id=7#top",
    raw_file="army-hajin.txt",
    raw_sha256=SHA,
)


def test_plain_text_names_every_fact() -> None:
    citation = cite(ARTICLE, "", "articles/army-hajin.html", "Dossier")
    assert citation.plain.text("2024-05-06") == (
        "Jane Doe and John Roe. “Syrian Army Enters Hajin.” Levant Daily Monitor, 12 March 2018. "
        "Archived in Dossier: articles/army-hajin.html. "
        "Original URL: https://levant.example/2018/03/hajin?id=7#top. Accessed 2024-05-06. "
        f"Raw file SHA-256: {SHA}."
    )


def test_bibtex_entry() -> None:
    citation = cite(ARTICLE, "https://example.org/archive/", "articles/army-hajin.html", "Dossier")
    assert citation.bibtex.text("2024-05-06") == (
        "@misc{doe2018syrian-" + bibtex_key(ARTICLE).rsplit("-", 1)[1] + ",\n"
        "  author = {Jane Doe and John Roe},\n"
        "  title = {{Syrian Army Enters Hajin}},\n"
        "  organization = {Levant Daily Monitor},\n"
        "  date = {2018-03-12},\n"
        "  year = {2018},\n"
        "  month = mar,\n"
        "  url = {https://example.org/archive/articles/army-hajin.html},\n"
        "  urldate = {2024-05-06},\n"
        "  note = {Archived in Dossier. Original URL: "
        r"https://levant.example/2018/03/hajin?id=7\#top. "
        f"Raw file SHA-256: {SHA}.}},\n"
        "}"
    )


def test_missing_facts_are_left_out() -> None:
    bare = Article(slug="x", title="Who fired?", body="", date="2018-04", source=None)
    plain = cite(bare, "", "articles/x.html", "Dossier").plain.text("D")
    assert plain == "“Who fired?” April 2018. Archived in Dossier: articles/x.html. Accessed D."
    undated = cite(Article(slug="y", title="T", body=""), "", "articles/y.html", "Dossier")
    assert "“T.” n.d." in undated.plain.text()
    entry = undated.bibtex.text()
    assert "author" not in entry and "year" not in entry and "month" not in entry
    assert bibtex_key(Article(slug="y", title="The", body="")).startswith("anonnd-")


def test_bibtex_special_characters_are_escaped_and_braces_stay_balanced() -> None:
    title = r"50% of {Raqqa} & #1 \ a_b $5 ~x ^y"
    assert bibtex_text(title) == (
        r"50\% of \textbraceleft{}Raqqa\textbraceright{} \& \#1 \textbackslash{} a\_b \$5 "
        r"\textasciitilde{}x \textasciicircum{}y"
    )
    hostile = Article(
        slug="h",
        title="}@misc{evil, title={x",
        body="",
        byline="A {B",
        source="S}",
        url="https://x.example/a b{c}",
    )
    entry = cite(hostile, "", "articles/h.html", "Dossier").bibtex.text("2024-01-01")
    depth, entries = 0, 0
    for char in entry:  # BibTeX counts every brace, escaped or not
        entries += char == "@" and depth == 0
        depth += {"{": 1, "}": -1}.get(char, 0)
        assert depth >= 0
    assert depth == 0 and entries == 1
    assert r"Original URL: https://x.example/a b\textbraceleft{}c\textbraceright{}." in entry
    assert (
        bibtex_url("https://x.example/a b{c}\\d%20é")
        == "https://x.example/a%20b%7Bc%7D%5Cd%20%C3%A9"
    )


def test_bibtex_keys_are_deterministic_ascii_and_distinct() -> None:
    accented = Article(slug="e", title="Éclats à Alep", body="", byline="Émile Zöla", date="2017")
    key = bibtex_key(accented)
    assert key == bibtex_key(accented) and re.fullmatch(r"zola2017eclats-[0-9a-f]{6}", key)
    twin = Article(slug="f", title="Éclats à Alep", body="", byline="Émile Zöla", date="2017")
    assert bibtex_key(twin) != key


def test_article_page_shows_both_citations(fixture_build: tuple[BuildConfig, BuildReport]) -> None:
    site = fixture_build[0].out_dir
    page = (site / "articles" / "aleppo-page.html").read_text("utf-8")
    shown = re.findall(r'<pre class="citation" id="cite-(\w+)">(.*?)</pre>', page, re.S)
    assert [name for name, _ in shown] == ["plain", "bibtex"]
    for _, text in shown:
        assert text.count('<span class="access-date">[date]</span>') == 1
        text = html.unescape(re.sub(r"<[^>]+>", "", text))
        assert "articles/aleppo-page.html" in text and "Coastal Wire" in text
    assert '<script src="../assets/cite.js"></script>' in page
    assert "onclick" not in page and "<script>" not in page
