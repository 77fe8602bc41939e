"""Clean a plain-text page dump: headline, stamp, credits, standfirst and body paragraphs.

The page is read as a sequence of units (:mod:`generator.clean_units`). Chrome units are
recognised by shape (:mod:`generator.clean_chrome`); the headline is the first title-like unit
that is not a site name or section label, and a stamp or dateline next to it gives the date
(:mod:`generator.clean_head`); the body runs from the first sentence to the last, with lead-ins
and sign-offs peeled off the first and last paragraphs (:mod:`generator.clean_lead`,
:mod:`generator.clean_tail`).

Choices: the sidecar's publisher wins over a name read from the text (it is metadata the
archive's editor supplied; names in text are guesses); a "Last updated" stamp is used only
when the page shows no other stamp, since it is then the only date the page prints.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlparse

from generator.clean_credits import same_name, strip_site_suffix
from generator.clean_head import Header, find_headline, read_header
from generator.clean_lead import HEADLINE_LABEL, Lead, strip_lead
from generator.clean_norm import (
    ends_sentence,
    fold,
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
        total = sum(len(words(u.text[:400])) for u in run)
        return total >= 40 or any(_is_sentence(u.text) for u in run)

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


def _drop_repeats(text: str) -> str:
    """Drop a lead sentence that the next sentence repeats and extends (or a doubled opening)."""
    tokens = text.split()
    head = tokens[:6]
    if len(head) == 6:
        for offset in range(6, min(len(tokens) // 2, 90) + 1):
            if (
                tokens[offset : offset + 6] == head
                and tokens[:offset] == tokens[offset : 2 * offset]
            ):
                return " ".join(tokens[offset:])
    sentences = split_sentences(text[:3000])
    if len(sentences) < 2:
        return text
    folded = [fold(sentence) for sentence in sentences[:8]]
    drop = {
        i
        for i in range(len(folded) - 1)
        if len(folded[i].split()) >= 5 and folded[i + 1].startswith(folded[i])
    }
    if not drop:
        return text
    return " ".join(s for i, s in enumerate(split_sentences(text)) if i not in drop)


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
    paragraphs = [p for p in paragraphs if fold(p) not in repeats]
    if not paragraphs:
        raise InputError("no article body found", line=units[0].line if units else None)
    lead = strip_lead(paragraphs[0], title, order)
    paragraphs[0] = _drop_repeats(lead.text) or (title if len(paragraphs) == 1 else "")
    tail = strip_tail(paragraphs[-1], names)
    paragraphs[-1] = tail.text
    cleaned = (normalise_space(_URL_TOKEN.sub("", p)) for p in paragraphs)
    return _Body(tuple(p for p in cleaned if p), lead, tail, credit_byline)


def clean_text(raw: RawDocument) -> Cleaned:
    """Clean a plain-text page dump into title, date, credits, standfirst and paragraphs."""
    text = repair(raw.text)
    units = split_units(text)
    if not units:
        raise InputError("empty document")
    order = numeric_order(text)
    headline, site_index = find_headline(units, order)
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
