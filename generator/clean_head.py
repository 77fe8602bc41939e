"""The head of a page dump: site name, headline, and the stamps, credits and standfirst by it.

The headline is the first title-like unit before the first prose paragraph that is not a
site name, a section label or a header line (chrome, a stamp or a credit). A short name-like
line at the top is the site's name when a banner or menu follows it, when the headline repeats
it as a suffix ("... | Site"), or when stamp lines sit between it and a longer headline.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.clean_credits import (
    Credit,
    looks_like_name,
    parse_byline,
    parse_credit_line,
    same_name,
    strip_site_suffix,
)
from generator.clean_norm import ends_sentence, fold, folds_to, stopword_ratio, words
from generator.clean_stamp import take_stamp
from generator.clean_units import Unit, is_prose, title_like
from generator.dates import DateHit
from generator.errors import InputError

_SITE_WORDS = 5  # a site's name is short
_ABOVE = 3  # stamp and credit lines read above the headline
_HEADLINESE = 0.3  # headlines drop function words; a sentence-like line is a standfirst
# Share buttons printed beside the stamp under a headline ("12 March 2018 | Share | Tweet").
_SHARE_WORDS_TEXT = """
    share shares tweet email e-mail print save send whatsapp facebook twitter telegram linkedin
    pinterest reddit messenger comment comments on this article via
"""
_SHARE_WORDS = frozenset(_SHARE_WORDS_TEXT.split())


@dataclass
class Header:
    """What the lines around the headline say."""

    stamps: list[tuple[DateHit, bool]]
    credits: list[Credit]
    standfirst: str | None
    body_start: int


@dataclass(frozen=True)
class Stamp:
    """The dates of a stamp line, in order, each flagged when it is an "updated" stamp."""

    dates: tuple[tuple[DateHit, bool], ...]
    credit: Credit | None = None


def read_stamp(text: str, order: str) -> Stamp | None:
    """A line that is essentially a publication stamp: label, date, time, maybe more stamps
    ("Updated: 3 April 2018 | Published: 2 April 2018") or credits."""
    take = take_stamp(text, order)
    if take is None or take.date is None:
        return None
    dates = ((take.date, take.updated),)
    rest = text[take.end :].strip(" |-–—,")
    if not rest:
        return Stamp(dates)
    if len(rest) > 200:
        return None
    if (more := read_stamp(rest, order)) is not None:
        return Stamp(dates + more.dates, more.credit)
    byline = parse_byline(rest)
    credit = Credit(byline=byline) if byline else parse_credit_line(rest, name_only=True)
    if credit is not None or len(words(rest)) <= 3:
        return Stamp(dates, credit)
    return None


def is_header_line(unit: Unit, order: str) -> bool:
    """Chrome, a stamp or a credit line: never the headline."""
    return unit.chrome or bool(read_stamp(unit.text, order) or parse_credit_line(unit.text))


def _repeats_as_suffix(name: str, headline: str) -> bool:
    """The headline carries ``name`` as a site suffix or prefix ("Title | Name", "Name - Title")."""
    _, site = strip_site_suffix(headline, [name])
    return site is not None and same_name(site, name)


def _is_site_line(units: list[Unit], index: int, headline: int, order: str) -> bool:
    """Whether the short candidate ``index`` names the site rather than heading the article."""
    text = units[index].text
    size = len(words(text))
    if size > _SITE_WORDS:
        return False
    if index + 1 < len(units) and units[index + 1].chrome:
        return True  # a short name over a banner or menu
    if _repeats_as_suffix(text, units[headline].text):
        return True
    between = units[index + 1 : headline]
    title = words(units[headline].text)
    return (
        all(u.chrome for u in units[:index])
        and looks_like_name(text)
        and bool(between)
        and all(is_header_line(u, order) and not u.chrome for u in between)
        and len(title) > size
        and stopword_ratio(title) < _HEADLINESE
    )  # a masthead name, then the stamp, then the headline


def find_headline(units: list[Unit], order: str) -> tuple[int, int | None]:
    """Index of the headline unit, and of a site-name line above it (or None)."""
    first_prose = next((i for i, u in enumerate(units) if not u.chrome and is_prose(u.text)), 0)
    region = range(first_prose) if first_prose else range(min(len(units), 1))
    candidates = [
        i for i in region if not is_header_line(units[i], order) and title_like(units[i].text)
    ]
    site = None
    for position, index in enumerate(candidates):
        later = candidates[position + 1 :]
        if later and _is_site_line(units, index, later[0], order):
            site = index if site is None else site
            continue
        if later and len(words(units[index].text)) <= 3 and later[0] == index + 1:
            continue  # a section label or kicker over the headline
        return index, site
    fallback = next((i for i, u in enumerate(units) if not is_header_line(u, order)), None)
    if fallback is None or len(units) < 2 or len(words(units[fallback].text)) > 40:
        raise InputError("no headline found", line=units[0].line if units else None)
    return fallback, site


def _stamp_with_share_bar(unit: Unit, order: str) -> Stamp | None:
    """A stamp followed only by share buttons: chrome by shape, but it dates the article."""
    take = take_stamp(unit.text, order)
    if take is None or take.date is None:
        return None
    rest = words(unit.text[take.end :])
    if not rest or any(token.lower() not in _SHARE_WORDS for token in rest):
        return None
    return Stamp(((take.date, take.updated),))


def _read_credits(unit: Unit, order: str, header: Header) -> bool:
    """Record a stamp or credit line in ``header``; False when the unit is neither."""
    if unit.chrome:
        return False
    stamp = read_stamp(unit.text, order)
    if stamp:
        header.stamps.extend(stamp.dates)
        if stamp.credit:
            header.credits.append(stamp.credit)
            if stamp.credit.date:  # "Updated: 3 April 2018 - 2 April 2018 - Site"
                header.stamps.append((stamp.credit.date, False))
        return True
    credit = parse_credit_line(unit.text)
    if credit is None:
        return False
    header.credits.append(credit)
    if credit.date:
        header.stamps.append((credit.date, False))
    return True


def _first_above(units: list[Unit], headline: int, order: str, stop: int) -> int:
    """Start of the run of stamp and credit lines right above the headline (after ``stop``)."""
    start = headline
    while start - 1 > stop and headline - start < _ABOVE:
        above = units[start - 1]
        if above.chrome or not is_header_line(above, order):
            break
        start -= 1
    return start


def read_header(units: list[Unit], headline: int, order: str, site: int | None = None) -> Header:
    """Stamps and credits by the headline, and the standfirst before the first body paragraph."""
    header = Header(stamps=[], credits=[], standfirst=None, body_start=len(units))
    stop = -1 if site is None else site
    for unit in units[_first_above(units, headline, order, stop) : headline]:
        _read_credits(unit, order, header)
    title = fold(units[headline].text)
    index = headline + 1
    while index < len(units):
        unit = units[index]
        if unit.chrome and (shared := _stamp_with_share_bar(unit, order)) is not None:
            header.stamps.extend(shared.dates)
        elif unit.chrome or folds_to(unit.text, title) or _read_credits(unit, order, header):
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
    return any(not u.chrome and is_prose(u.text) for u in units[index + 1 :])


def _is_summary_before_stamp(units: list[Unit], index: int, order: str) -> bool:
    """A one-paragraph summary between the headline and the stamp line is the standfirst."""
    text = units[index].text
    if len(text) > 800 or not 8 <= len(words(text)) <= 80:
        return False
    following = next((u for u in units[index + 1 :] if not u.chrome), None)
    return following is not None and bool(
        read_stamp(following.text, order) or parse_credit_line(following.text)
    )
