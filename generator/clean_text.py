"""Clean a plain-text page dump: headline, stamp, credits, standfirst and body paragraphs.

The page is read as a sequence of units (:mod:`generator.clean_units`). Chrome units are
recognised by shape (:mod:`generator.clean_chrome`); the headline is the first title-like unit
that is not a site name or section label, and a stamp or dateline next to it gives the date
(:mod:`generator.clean_head`); the body runs from the first sentence to the last, with chrome
printed between sentences removed (:mod:`generator.clean_inline`) and lead-ins and sign-offs
peeled off the first and last paragraphs (:mod:`generator.clean_lead`,
:mod:`generator.clean_tail`). A summary the page prints twice, or before a wire dateline, is
the standfirst.

Choices: the sidecar's publisher wins over a name read from the text (it is metadata the
archive's editor supplied; names in text are guesses); a "Last updated" stamp is used only
when the page shows no other stamp, since it is then the only date the page prints.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from urllib.parse import urlparse

from generator.clean_chrome import drop_code_elements
from generator.clean_credits import same_name, strip_site_suffix
from generator.clean_head import Header, find_headline, read_header
from generator.clean_inline import drop_captions, drop_repeats, scrub_inline
from generator.clean_lead import HEADLINE_LABEL, Lead, strip_lead
from generator.clean_norm import (
    ends_sentence,
    fold,
    folds_to,
    normalise_space,
    repair,
    split_sentences,
    stopword_ratio,
    words,
)
from generator.clean_tail import Tail, cut_credit_paragraphs, strip_tail
from generator.clean_units import Unit, split_units
from generator.dates import DateHit, numeric_order, parse_date
from generator.errors import InputError
from generator.models import Cleaned, RawDocument
from generator.site_profile import MAX_WORDS

_READER = re.compile(r"\b(?:you|your|our|us)\b", re.IGNORECASE)
_URL_TOKEN = re.compile(r"\s*\b(?:https?\S+|www\.\S+|pic\.twitter\.com\S*)")


def body_units(units: list[Unit]) -> list[Unit]:
    """Body paragraphs: runs of text between chrome, up to the last substantial run."""
    runs: list[list[Unit]] = [[]]
    for unit in units:
        if unit.chrome:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append(unit)
    runs = [run for run in runs if run]
    if not runs:
        return []

    def substantial(run: list[Unit]) -> bool:
        total = 0
        for u in run:  # counted only until the run is long enough
            total += len(words(u.text[:400]))
            if total >= 40:
                return True
        return any(_is_sentence(u.text) for u in run)

    last = max([0] + [i for i, run in enumerate(runs) if substantial(run)])
    kept = [unit for run in runs[: last + 1] for unit in run]
    while len(kept) > 1 and not ends_sentence(kept[-1].text) and len(words(kept[-1].text)) < 8:
        kept.pop()
    return kept


def _is_sentence(text: str) -> bool:
    """A full sentence of article prose (not a promise to the reader, not a one-line bio)."""
    tokens = words(text[:600])
    if len(split_sentences(text[:600])) >= 2:
        return True
    return (
        len(tokens) >= 10
        and ends_sentence(text)
        and stopword_ratio(tokens) >= 0.2
        and not _READER.search(text)
    )


def _drop_urls(text: str) -> str:
    """``text`` without bare links and picture links."""
    if "http" not in text and "www." not in text and "pic.twitter" not in text:
        return text
    return _URL_TOKEN.sub("", text)


def choose_date(header: Header, lead: Lead, crawl_date: str | None) -> DateHit | None:
    """The stamp by the headline, else the body's lead-in stamp; "updated" stamps only alone.

    Stamps later than the crawl day (when the sidecar gives it) cannot be publication dates.
    """
    candidates = [*header.stamps, *([(lead.date, lead.updated)] if lead.date else [])]
    crawl = parse_date(crawl_date) if crawl_date else None
    if crawl is not None:
        candidates = [(hit, updated) for hit, updated in candidates if hit.iso <= crawl.iso]
    fresh = [hit for hit, updated in candidates if not updated]
    chosen = fresh or [hit for hit, _ in candidates]
    return chosen[0] if chosen else None


def _host_name(url: str | None) -> str | None:
    if not url:
        return None
    host = urlparse(url).hostname or ""
    parts = [p for p in host.split(".") if p not in {"www", "m", "amp"}]
    return parts[0] if parts else None


@dataclass(frozen=True)
class _Body:
    paragraphs: tuple[str, ...]
    lead: Lead
    tail: Tail
    credit_byline: str | None


def read_body(units: list[Unit], title: str, headline: str, order: str, names: list[str]) -> _Body:
    """Body paragraphs with lead-in, sign-off, credit paragraphs and leftover links removed."""
    paragraphs, credit_byline = cut_credit_paragraphs([u.text for u in body_units(units)])
    repeats = {fold(title), fold(headline)}
    kept = (scrub_inline(p) for p in paragraphs if not any(folds_to(p, r) for r in repeats))
    paragraphs = [p for p in kept if p]
    if not paragraphs:
        raise InputError("no article body found", line=units[0].line if units else None)
    lead = strip_lead(paragraphs[0], title, order)
    opening, summary = drop_repeats(lead.text)
    if summary and not lead.standfirst:
        lead = replace(lead, standfirst=summary)
    paragraphs[0] = opening or (title if len(paragraphs) == 1 else "")
    tail = strip_tail(paragraphs[-1], names)
    paragraphs[-1] = tail.text
    cleaned = (normalise_space(_drop_urls(drop_captions(p))) for p in paragraphs)
    return _Body(tuple(p for p in cleaned if p), lead, tail, credit_byline)


def mark_repeated(units: list[Unit], headline: int, repeated: frozenset[str]) -> list[Unit]:
    """Units below the headline that recur across the site's files are chrome."""
    if not repeated:
        return units
    return [
        replace(u, chrome=True) if i > headline and _is_repeated(u.text, repeated) else u
        for i, u in enumerate(units)
    ]


def _is_repeated(text: str, repeated: frozenset[str]) -> bool:
    """Whether ``text``, spaced as the site profile compares, is one of the ``repeated`` lines
    (all of at most MAX_WORDS words: a longer text is not split in full)."""
    if len(text.split(None, MAX_WORDS)) > MAX_WORDS:
        return False
    return " ".join(text.split()) in repeated


def clean_text(raw: RawDocument) -> Cleaned:
    """Clean a plain-text page dump into title, date, credits, standfirst and paragraphs."""
    text = drop_code_elements(repair(raw.text))
    units = split_units(text)
    if not units:
        raise InputError("empty document")
    order = numeric_order(text)
    headline, site_index = find_headline(units, order)
    units = mark_repeated(units, headline, raw.repeated)
    header = read_header(units, headline, order, site_index)
    site = units[site_index].text if site_index is not None else None
    dateline = next((c.source for c in header.credits if c.source), None)
    known = [n for n in (raw.sidecar.publisher, site, dateline, _host_name(raw.sidecar.url)) if n]
    headline_text = HEADLINE_LABEL.sub("", units[headline].text)
    title, suffix_site = strip_site_suffix(headline_text, known)
    source = raw.sidecar.publisher or site or dateline or suffix_site
    names = [n for n in (source, site, suffix_site) if n]
    body = read_body(units[header.body_start :], title, headline_text, order, names)
    if not body.paragraphs or not title:
        raise InputError("no article body found", line=units[headline].line)

    hit = choose_date(header, body.lead, raw.sidecar.crawl_date)
    agency = next((c.agency for c in header.credits if c.agency), None)
    byline = next((c.byline for c in header.credits if c.byline), None)
    byline = byline or body.lead.byline or body.tail.byline or body.credit_byline
    if byline and source and same_name(byline, source):
        byline = None
    return Cleaned(
        title=title,
        paragraphs=body.paragraphs,
        date=hit.iso if hit else None,
        date_precision=hit.precision if hit else None,
        date_evidence=hit.evidence if hit else None,
        source=source,
        agency=agency or body.lead.agency or body.tail.agency,
        byline=byline,
        standfirst=header.standfirst or body.lead.standfirst,
        url=raw.sidecar.url,
    )
