"""Clean an HTML page with trafilatura (main text, metadata) and htmldate (publication date).

trafilatura runs with options that favour precision (no comments, no tables, no link or image
markup, no cross-document deduplication, so each page is cleaned the same way whatever came
before it); the date comes from htmldate through trafilatura's ``date_extraction_params``,
asking for the original publication date rather than the last update. The text cleaners'
lead and sign-off readers then tidy the first and last paragraphs.
"""

from __future__ import annotations

import html
import re

from lxml.html import HtmlElement, fragment_fromstring, tostring
from trafilatura import bare_extraction
from trafilatura.settings import Extractor
from trafilatura.utils import load_html

from generator.clean_chrome import is_chrome
from generator.clean_credits import same_name, strip_site_suffix
from generator.clean_lead import HEADLINE_LABEL, strip_lead
from generator.clean_norm import fold, normalise_space, repair, words
from generator.clean_tail import cut_credit_paragraphs, strip_tail
from generator.dates import numeric_order
from generator.errors import InputError
from generator.models import Cleaned, RawDocument

_AROUND = r"[^\"'<>]{0,40}"
# A table cell holding page sections (nested tables, headings, forms) or a run of prose marks a
# table that lays out the page rather than one that holds data.
_SECTION_TAGS = frozenset({"table", "h1", "h2", "h3", "form", "iframe"})
_PROSE_CELL = 400
_CELLS = "./tr/td|./tr/th|./*/tr/td|./*/tr/th"
_ROWS = "./thead|./tbody|./tfoot|./tr|./*/tr"
_INLINE_TAGS = frozenset({"a", "b", "i", "em", "strong", "font", "span", "br", "u", "small"})
_BLANK_LINES = re.compile(r"(?:<br\s*/?>\s*){2,}")


def _options(raw: RawDocument) -> Extractor:
    """trafilatura settings: main text only, metadata on, the original publication date."""
    date_params = {"original_date": True, "extensive_search": False}
    if raw.sidecar.crawl_date:
        date_params["max_date"] = raw.sidecar.crawl_date
    return Extractor(
        output_format="python",
        precision=True,
        comments=False,
        tables=False,
        images=False,
        links=False,
        formatting=False,
        dedup=False,
        url=raw.sidecar.url,
        with_metadata=True,
        date_params=date_params,
    )


def _is_layout_table(table: HtmlElement) -> bool:
    """True for a table that lays out the page rather than one that holds data."""
    for cell in table.xpath(_CELLS):
        if len(cell.text_content()) > _PROSE_CELL:
            return True
        if any(element.tag in _SECTION_TAGS for element in cell.iterdescendants()):
            return True
    return False


def _break_paragraphs(cell: HtmlElement) -> None:
    """Text runs that blank lines (<br><br>) separate in a layout cell become paragraphs."""
    if any(not isinstance(child.tag, str) or child.tag not in _INLINE_TAGS for child in cell):
        return
    inner = (cell.text or "") + "".join(tostring(child, encoding="unicode") for child in cell)
    parts = [part for part in _BLANK_LINES.split(inner) if part.strip()]
    if len(parts) < 2:
        return
    for child in list(cell):
        cell.remove(child)
    cell.text = None
    for part in parts:
        cell.append(fragment_fromstring(part, create_parent="p"))


def unwrap_layout_tables(tree: HtmlElement) -> HtmlElement:
    """Turn tables that lay out the page into plain blocks, so the page is read like any other.

    trafilatura runs with tables off (data tables are not prose), which would drop the whole
    article of a legacy page built from layout tables, and htmldate's quick search does not look
    into table cells for a printed date. Data tables are left alone.
    """
    for table in [table for table in tree.iter("table") if _is_layout_table(table)]:
        cells = table.xpath(_CELLS)
        for part in [*table.xpath(_ROWS), *cells]:
            part.tag = "div"
        table.tag = "div"
        for cell in cells:
            _break_paragraphs(cell)
    return tree


def _extract(raw: RawDocument) -> dict[str, object]:
    tree = load_html(raw.text)
    if tree is None:
        raise InputError("no article text found in the HTML page")
    document = bare_extraction(unwrap_layout_tables(tree), options=_options(raw))
    if document is None:
        raise InputError("no article text found in the HTML page")
    return document.as_dict() if hasattr(document, "as_dict") else dict(document)


def _text(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = normalise_space(repair(value))
    return text or None


def date_evidence(html: str, iso: str) -> str:
    """The attribute value or text around the first occurrence of ``iso`` in the page."""
    match = re.search(_AROUND + re.escape(iso) + _AROUND, html)
    return match.group(0).strip() if match else iso


def _overlap(a: str, b: str) -> float:
    """Share of the words of ``a`` that also occur in ``b``."""
    first, second = set(fold(a).split()), set(fold(b).split())
    return len(first & second) / len(first) if first else 0.0


def _standfirst(description: str | None, title: str, paragraphs: list[str]) -> str | None:
    """The page's description, unless it only repeats the title or the opening paragraph."""
    if not description or len(words(description)) < 6:
        return None
    opening = " ".join(paragraphs[:2])
    if fold(opening).startswith(fold(description)[:60]) or _overlap(description, opening) >= 0.6:
        return None
    if _overlap(description, title) >= 0.8:
        return None
    return description


_TITLE_TAG = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_TITLE_SEPARATOR = re.compile(r"^\s*[|\-–—:·•]\s*")


def site_from_title_tag(html_text: str, headline: str) -> str | None:
    """The site name a page's <title> adds after its headline ("Headline - Site")."""
    match = _TITLE_TAG.search(html_text)
    if not match:
        return None
    tag = normalise_space(html.unescape(re.sub(r"<[^>]+>", "", match.group(1))))
    if not fold(tag).startswith(fold(headline)) or len(tag) <= len(headline):
        return None
    rest = tag[len(headline) :]
    if not _TITLE_SEPARATOR.match(rest):
        return None
    name = _TITLE_SEPARATOR.sub("", rest).strip()
    return name if 0 < len(words(name)) <= 6 else None


def clean_html(raw: RawDocument) -> Cleaned:
    """Clean an HTML page into title, date, credits, standfirst and paragraphs."""
    data = _extract(raw)
    site = _text(data.get("sitename"))
    host = _text(data.get("hostname"))
    known = [name for name in (raw.sidecar.publisher, site, host) if name]
    title = _text(data.get("title"))
    if not title:
        raise InputError("the HTML page has no title")
    title, suffix_site = strip_site_suffix(HEADLINE_LABEL.sub("", title), known)

    lines = [normalise_space(repair(line)) for line in str(data.get("text") or "").splitlines()]
    paragraphs = [line for line in lines if line and not is_chrome(line)]
    paragraphs, credit_byline = cut_credit_paragraphs(paragraphs)
    if paragraphs and fold(paragraphs[0]) == fold(title):
        paragraphs = paragraphs[1:]
    if not paragraphs:
        raise InputError("no article text found in the HTML page")
    lead = strip_lead(paragraphs[0], title, numeric_order(paragraphs[0]))
    paragraphs[0] = lead.text
    source = (
        raw.sidecar.publisher or site or suffix_site or site_from_title_tag(raw.text, title) or host
    )
    tail = strip_tail(paragraphs[-1], [name for name in (source, site) if name])
    paragraphs[-1] = tail.text
    paragraphs = [p for p in paragraphs if p]
    if not paragraphs:
        raise InputError("no article text found in the HTML page")

    iso = _text(data.get("date"))
    evidence = date_evidence(raw.text, iso) if iso else None
    if iso is None and lead.date is not None:
        iso, evidence = lead.date.iso, lead.date.evidence
    byline = _text(data.get("author")) or lead.byline or tail.byline or credit_byline
    if byline and source and same_name(byline, source):
        byline = None
    return Cleaned(
        title=title,
        paragraphs=tuple(paragraphs),
        date=iso,
        date_precision="day" if iso and len(iso) == 10 else ("month" if iso else None),
        date_evidence=evidence,
        source=source,
        agency=lead.agency or tail.agency,
        byline=byline,
        standfirst=_standfirst(_text(data.get("description")), title, paragraphs),
        url=_text(data.get("url")) or raw.sidecar.url,
    )
