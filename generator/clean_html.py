"""Clean an HTML page with trafilatura (main text, metadata) and htmldate (publication date).

trafilatura runs with options that favour precision (no comments, no tables, no link or image
markup, no cross-document deduplication, so each page is cleaned the same way whatever came
before it); the date comes from htmldate through trafilatura's ``date_extraction_params``,
asking for the original publication date rather than the last update. The text cleaners'
lead and sign-off readers then tidy the first and last paragraphs.
"""

from __future__ import annotations

import re

from trafilatura import bare_extraction
from trafilatura.settings import Extractor

from generator.clean_chrome import is_chrome
from generator.clean_credits import same_name, strip_site_suffix
from generator.clean_lead import HEADLINE_LABEL, strip_lead
from generator.clean_norm import fold, normalise_space, repair, words
from generator.clean_tail import strip_tail
from generator.dates import numeric_order
from generator.errors import InputError
from generator.models import Cleaned, RawDocument

_AROUND = r"[^\"'<>]{0,40}"


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


def _extract(raw: RawDocument) -> dict[str, object]:
    document = bare_extraction(raw.text, options=_options(raw))
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
    if paragraphs and fold(paragraphs[0]) == fold(title):
        paragraphs = paragraphs[1:]
    if not paragraphs:
        raise InputError("no article text found in the HTML page")
    lead = strip_lead(paragraphs[0], title, numeric_order(paragraphs[0]))
    paragraphs[0] = lead.text
    source = raw.sidecar.publisher or site or suffix_site or host
    tail = strip_tail(paragraphs[-1], [name for name in (source, site) if name])
    paragraphs[-1] = tail.text
    paragraphs = [p for p in paragraphs if p]
    if not paragraphs:
        raise InputError("no article text found in the HTML page")

    iso = _text(data.get("date"))
    evidence = date_evidence(raw.text, iso) if iso else None
    if iso is None and lead.date is not None:
        iso, evidence = lead.date.iso, lead.date.evidence
    byline = _text(data.get("author")) or lead.byline or tail.byline
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
