"""How to cite an article: plain text and BibTeX, with the reader's access date left as a
placeholder (pages must not change from day to day) that ``cite.js`` fills in."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import quote

from generator.facets import MONTHS
from generator.models import Article
from generator.site_paths import public_url
from generator.slugs import short_hash

ACCESS_PLACEHOLDER = "[date]"
BIBTEX_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun")
BIBTEX_MONTHS += ("jul", "aug", "sep", "oct", "nov", "dec")
BIBTEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    # BibTeX counts braces even when escaped, so escaped braces would unbalance the field.
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "$": r"\$",
    "&": r"\&",
    "%": r"\%",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
BIBTEX_SPECIAL = re.compile(r"[\\{}$&%#_~^]")
# Characters a URL field may hold as they are; the rest (braces, backslash, spaces, non-ASCII)
# are percent-encoded, so the field stays balanced and verbatim.
URL_SAFE = "!#$%&'()*+,-./:;=?@[]~_"
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
STOPWORDS = frozenset({"a", "an", "the", "of", "in", "on", "at", "to", "and"})


@dataclass(frozen=True)
class Cited:
    """A citation's text around the access date."""

    before: str
    after: str

    def text(self, accessed: str = ACCESS_PLACEHOLDER) -> str:
        return f"{self.before}{accessed}{self.after}"


@dataclass(frozen=True)
class Citation:
    plain: Cited
    bibtex: Cited


def cite(article: Article, base_url: str, page: str, site_title: str) -> Citation:
    """The citations of ``article``, whose page is ``page`` (a site path)."""
    archived = public_url(base_url, page) if base_url else page
    return Citation(
        plain_text(article, archived, site_title), bibtex(article, archived, site_title)
    )


def one_line(text: str) -> str:
    """``text`` with control characters dropped and runs of whitespace as one space."""
    return " ".join(CONTROL.sub(" ", text).split())


def human_date(date: str | None) -> str:
    """'2018-04-02' reads '2 April 2018', '2018-04' 'April 2018'; no date reads 'n.d.'."""
    if not date:
        return "n.d."
    parts = date.split("-")
    if len(parts) == 1:
        return parts[0]
    month = MONTHS[int(parts[1]) - 1]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{int(parts[2])} {month} {parts[0]}"


def _sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else f"{text}."


def plain_text(article: Article, archived: str, site_title: str) -> Cited:
    """Author. “Title.” Source, date. Archive URL. Original URL. Accessed … Raw file SHA-256."""
    parts = [_sentence(one_line(article.byline))] if article.byline else []
    parts.append(f"“{_sentence(one_line(article.title))}”")
    parts.append(_sentence(", ".join(filter(None, (article.source, human_date(article.date))))))
    parts.append(f"Archived in {one_line(site_title)}: {archived}.")
    if article.url:
        parts.append(f"Original URL: {one_line(article.url)}.")
    before = " ".join([*parts, "Accessed "])
    after = "." + (f" Raw file SHA-256: {article.raw_sha256}." if article.raw_sha256 else "")
    return Cited(before, after)


def bibtex_text(text: str) -> str:
    """Text for a BibTeX field in braces: every special character escaped."""
    return BIBTEX_SPECIAL.sub(lambda m: BIBTEX_ESCAPES[m.group()], one_line(text))


def bibtex_url(url: str) -> str:
    """A URL for a verbatim ``url`` field: nothing in it can unbalance the braces."""
    return quote(one_line(url), safe=URL_SAFE)


def _word(text: str | None) -> str:
    ascii_text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    words = [w for w in re.findall(r"[a-z0-9]+", ascii_text.lower()) if w not in STOPWORDS]
    return words[0] if words else ""


def bibtex_key(article: Article) -> str:
    """A deterministic key: author's surname (or source), year, first title word, and a
    short hash of the slug so that no two articles of the archive share it."""
    first_author = re.split(r",| and ", article.byline)[0].split() if article.byline else []
    who = _word(first_author[-1]) if first_author else _word(article.source)
    year = article.date[:4] if article.date else "nd"
    return f"{who or 'anon'}{year}{_word(article.title)}-{short_hash(article.slug)[:6]}"


def bibtex(article: Article, archived: str, site_title: str) -> Cited:
    """A ``@misc`` entry: BibTeX's year and month and biblatex's date, url and urldate."""
    fields = []
    if article.byline:
        fields.append(("author", bibtex_text(article.byline)))
    fields.append(("title", "{" + bibtex_text(article.title) + "}"))
    if article.source:
        fields.append(("organization", bibtex_text(article.source)))
    if article.date:
        fields += [("date", article.date), ("year", article.date[:4])]
    fields.append(("url", bibtex_url(archived)))
    lines = [f"@misc{{{bibtex_key(article)},"]
    lines += [f"  {name} = {{{value}}}," for name, value in fields]
    if article.date and len(article.date) >= 7:
        lines.insert(-1, f"  month = {BIBTEX_MONTHS[int(article.date[5:7]) - 1]},")
    note = [f"Archived in {bibtex_text(site_title)}."]
    if article.url:
        note.append(f"Original URL: {bibtex_text(article.url)}.")
    if article.raw_sha256:
        note.append(f"Raw file SHA-256: {article.raw_sha256}.")
    after = "},\n" + f"  note = {{{' '.join(note)}}},\n}}"
    return Cited("\n".join(lines) + "\n  urldate = {", after)
