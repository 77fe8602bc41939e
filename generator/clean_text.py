"""Clean a plain-text page dump: headline, stamp, credits, standfirst and body paragraphs.

The page is read as a sequence of units (lines, or hard-wrapped blocks joined back). Chrome
units are recognised by shape (:mod:`generator.clean_chrome`); the headline is the first
title-like unit that is not a site name or section label; a stamp or dateline next to it
gives the date; the body runs from the first sentence to the last, with lead-ins and
sign-offs peeled off the first and last paragraphs (:mod:`generator.clean_lead`,
:mod:`generator.clean_tail`).

Choices: the sidecar's publisher wins over a name read from the text (it is metadata the
archive's editor supplied; names in text are guesses); a "Last updated" stamp is used only
when the page shows no other stamp, since it is then the only date the page prints.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlparse

from generator.clean_chrome import is_chrome
from generator.clean_credits import (
    Credit,
    parse_byline,
    parse_credit_line,
    same_name,
    strip_site_suffix,
)
from generator.clean_lead import HEADLINE_LABEL, Lead, strip_lead, take_stamp
from generator.clean_norm import (
    STOPWORDS,
    ends_sentence,
    fold,
    normalise_space,
    repair,
    split_sentences,
    stopword_ratio,
    words,
)
from generator.clean_tail import Tail, cut_credit_paragraphs, strip_tail
from generator.dates import DateHit, numeric_order, parse_date
from generator.errors import InputError
from generator.models import Cleaned, RawDocument

_READER = re.compile(r"\b(?:you|your|our|us)\b", re.IGNORECASE)
_URL_TOKEN = re.compile(r"\s*\b(?:https?\S+|www\.\S+|pic\.twitter\.com\S*)")


@dataclass(frozen=True)
class Unit:
    """One line (or re-joined wrapped block) of the page, with where it starts."""

    text: str
    line: int
    chrome: bool


@dataclass
class _Header:
    """What the lines around the headline say."""

    stamps: list[tuple[DateHit, bool]]
    credits: list[Credit]
    standfirst: str | None
    body_start: int


def _is_wrapped(lines: list[str]) -> bool:
    """Hard-wrapped prose: lines of nearly the same width that run on without punctuation."""
    if len(lines) < 2:
        return False
    inner = lines[:-1]
    width = max(len(line) for line in lines)
    if width > 100 or any(len(line) < max(40, width * 0.7) for line in inner):
        return False
    if sum(1 for line in inner if not ends_sentence(line)) < len(inner) / 2:
        return False
    if len(lines) >= 3:
        return True
    last_word = inner[0].rsplit(" ", 1)[-1].lower()
    return last_word in STOPWORDS or inner[0].endswith((",", "-")) or lines[1][:1].islower()


def split_units(text: str) -> list[Unit]:
    """Units of a page dump: each line, except that wrapped paragraphs are joined back."""
    units: list[Unit] = []
    block: list[tuple[int, str]] = []

    def flush() -> None:
        raw_lines = [raw for _, raw in block]
        if _is_wrapped([line.strip() for line in raw_lines]):
            joined = normalise_space(" ".join(raw_lines))
            units.append(Unit(joined, block[0][0], is_chrome(joined)))
        else:
            for number, raw in block:
                units.append(Unit(normalise_space(raw), number, is_chrome(raw)))
        block.clear()

    for number, raw in enumerate(text.splitlines(), start=1):
        if raw.strip() and normalise_space(raw):
            block.append((number, raw))
        elif block:
            flush()
    if block:
        flush()
    return units


def _is_prose(text: str) -> bool:
    count = len(words(text[:400]))
    return count >= 30 or (count >= 12 and ends_sentence(text))


def _title_like(text: str) -> bool:
    count = len(words(text))
    return 2 <= count <= 30 and len(text) <= 250 and not text.endswith((".", ":", ";", ","))


def _stamp(unit: Unit, order: str) -> tuple[DateHit, bool, Credit | None] | None:
    """A line that is essentially a publication stamp: label, date, time, maybe credits."""
    take = take_stamp(unit.text, order)
    if take is None or take.date is None:
        return None
    rest = unit.text[take.end :].strip(" |-–—,")
    if len(rest) > 200:
        return None
    if not rest:
        return take.date, take.updated, None
    byline = parse_byline(rest)
    credit = Credit(byline=byline) if byline else parse_credit_line(rest, name_only=True)
    if credit is not None or len(words(rest)) <= 3:
        return take.date, take.updated, credit
    return None


def _is_header_line(unit: Unit, order: str) -> bool:
    """Chrome, a stamp or a credit line: never the headline."""
    return unit.chrome or bool(_stamp(unit, order) or parse_credit_line(unit.text))


def find_headline(units: list[Unit], order: str) -> tuple[int, int | None]:
    """Index of the headline unit, and of a site-name line above it (or None)."""
    first_prose = next((i for i, u in enumerate(units) if not u.chrome and _is_prose(u.text)), 0)
    region = range(first_prose) if first_prose else range(min(len(units), 1))
    candidates = [
        i for i in region if not _is_header_line(units[i], order) and _title_like(units[i].text)
    ]
    site = None
    for position, index in enumerate(candidates):
        later = candidates[position + 1 :]
        size = len(words(units[index].text))
        following = units[index + 1] if index + 1 < len(units) else None
        if later and size <= 5 and following is not None and following.chrome:
            site = index  # a short name over a banner or menu: the site's name
            continue
        if later and size <= 3 and later[0] == index + 1:
            continue  # a section label or kicker over the headline
        return index, site
    fallback = next((i for i, u in enumerate(units) if not u.chrome), None)
    if fallback is None or len(units) < 2 or len(words(units[fallback].text)) > 40:
        raise InputError("no headline found", line=units[0].line if units else None)
    return fallback, site


def _read_credits(unit: Unit, order: str, header: _Header) -> bool:
    """Record a stamp or credit line in ``header``; False when the unit is neither."""
    if unit.chrome:
        return False
    stamp = _stamp(unit, order)
    if stamp:
        header.stamps.append(stamp[:2])
        if stamp[2]:
            header.credits.append(stamp[2])
        return True
    credit = parse_credit_line(unit.text)
    if credit is None:
        return False
    header.credits.append(credit)
    if credit.date:
        header.stamps.append((credit.date, False))
    return True


def read_header(units: list[Unit], headline: int, order: str) -> _Header:
    """Stamps, credits and standfirst between the headline and the first body paragraph."""
    header = _Header(stamps=[], credits=[], standfirst=None, body_start=len(units))
    title = fold(units[headline].text)
    if headline > 0:
        _read_credits(units[headline - 1], order, header)
    index = headline + 1
    while index < len(units):
        unit = units[index]
        if unit.chrome or fold(unit.text) == title or _read_credits(unit, order, header):
            pass
        elif header.standfirst is None and (
            _is_standfirst(units, index) or _is_summary_before_stamp(units, index, order)
        ):
            header.standfirst = unit.text
        else:
            break
        index += 1
    header.body_start = index
    return header


def _is_standfirst(units: list[Unit], index: int) -> bool:
    text = units[index].text
    if len(text) > 800:
        return False
    tokens = words(text)
    if ends_sentence(text) or not 8 <= len(tokens) <= 80 or stopword_ratio(tokens) < 0.1:
        return False
    return any(not u.chrome and _is_prose(u.text) for u in units[index + 1 :])


def _is_summary_before_stamp(units: list[Unit], index: int, order: str) -> bool:
    """A one-paragraph summary between the headline and the stamp line is the standfirst."""
    text = units[index].text
    if len(text) > 800 or not 8 <= len(words(text)) <= 80:
        return False
    following = next((u for u in units[index + 1 :] if not u.chrome), None)
    return following is not None and bool(
        _stamp(following, order) or parse_credit_line(following.text)
    )


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


def choose_date(header: _Header, lead: Lead, crawl_date: str | None) -> DateHit | None:
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
    header = read_header(units, headline, order)
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
