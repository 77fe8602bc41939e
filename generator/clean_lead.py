"""Strip what precedes the first sentence of an article's first paragraph.

Scraped bodies often open with a stamp ("Published July 5 2015", "Tue 05 Jul 2016"), a repeat
of the headline, an agency or byline credit, a dateline ("BEIRUT -"), share-bar leftovers
("Get short URL 0 38"), a photo caption, a tag list, or a summary before a wire dateline
(:mod:`generator.clean_leftovers`). Each is recognised by its shape and peeled off in turn;
what was read (date, agency, byline, standfirst) is returned with the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache

from generator.clean_credits import AGENCY_PATTERN, agencies_in, agency_name
from generator.clean_inline import opens_prose
from generator.clean_leftovers import (
    take_caption,
    take_credit_stamp,
    take_dated_credit,
    take_junk,
    take_media_label,
    take_summary_dateline,
)
from generator.clean_norm import (
    stopword_ratio,
    words,
)
from generator.clean_stamp import Take, skip_sep, take_stamp
from generator.clean_tags import split_tags, token_spans
from generator.dates import DateHit, date_at

# Labels scraped into or before a headline: "title: ...", "URGENT ...", "BREAKING: ...".
HEADLINE_LABEL = re.compile(
    r"^(?:(?i:title|headline|breaking(?: news)?|urgent|updated?|exclusive|watch|video|live)\s*:\s*"
    r"|(?:BREAKING(?: NEWS)?|URGENT|UPDATED?|EXCLUSIVE|WATCH|VIDEO|LIVE)\b[\s:\-–—|]*)"
)
_BY = re.compile(r"^by\s+", re.IGNORECASE)
# "Dominic Evans Khaled Yacoub Oweis. Syrian activists ...": reporters signing as a sentence.
_NAME_SENTENCE = re.compile(r"^((?:[A-Z][\w'’\-]+\s+){1,7}[A-Z][\w'’\-]+)\.\s+(?=[A-Z\"“])")
_AGENCY_START = re.compile(rf"^\(?((?i:{AGENCY_PATTERN}))\)?\s*[-–—:]*\s+(?=[A-Z\"“(])")
_DATELINE_AGENCY = re.compile(
    rf"^((?:[A-Z][\w'’\-]*,?\s+){{0,2}})\(?((?i:{AGENCY_PATTERN}))\)?\s*[-–—]+\s*(?=[A-Z\"“])"
)
_CAPS_CREDIT = re.compile(r"^[A-Z]{2,5}\s+(?=[A-Z])")
_DATELINE_DASH = re.compile(
    r"^((?:[A-Z][\w'’.\-]*[ ,/]+){0,3}[A-Z][\w'’.]*)\s*(?:\(([^)]{2,30})\))?\s*[-–—]+\s+(?=\S)"
)
_DATELINE_PAREN = re.compile(
    r"^([A-Z]{3,}(?:[ ,]+[A-Z]{3,})*)(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
    r"\s*\(([^)]{2,30})\)\s*[-–—:]*\s+"
)
_DATELINE_CAPS = re.compile(
    r"^([A-Z]{5,}|[A-Z]{3,}(?:[ -][A-Z]{3,})+)(?:,?\s+([A-Z][a-z]+))?[,:]?\s+(?=[A-Z])"
)
_VOWELS = re.compile(r"[AEIOUY]")
_ACRONYM = re.compile(r"[A-Z]{2,4}")


@dataclass(frozen=True)
class Lead:
    """The first paragraph without its lead-in, and what the lead-in said."""

    text: str
    date: DateHit | None = None
    updated: bool = False
    agency: str | None = None
    byline: str | None = None
    standfirst: str | None = None


_PUNCT = str.maketrans("", "", "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~“”‘’«»–—…")


def _norm_token(token: str) -> str:
    return token.lower().translate(_PUNCT)


@lru_cache(maxsize=64)
def _title_tokens(title: str) -> tuple[str, ...]:
    return tuple(t for t in (_norm_token(x) for x in title.split()) if t)


def match_title(text: str, title: str) -> int:
    """Length of the prefix of ``text`` that repeats ``title`` (a few token slips allowed), or 0."""
    wanted = _title_tokens(title)
    if len(wanted) < 2:
        return 0
    spans = token_spans(text, len(wanted) + 8)
    have = [_norm_token(text[a:b]) for a, b in spans]
    first = next((token for token in have if token), "")
    if first not in wanted[:2]:
        return 0  # a repeat starts where the headline starts (or lacks its first word)
    i = j = errors = 0
    allowed = max(1, len(wanted) // 8)
    while i < len(wanted) and j < len(have):
        if have[j] == "" or have[j] == wanted[i]:
            i, j = i + (have[j] != ""), j + 1
        elif j + 1 < len(have) and have[j + 1] == wanted[i]:
            j, errors = j + 1, errors + 1
        elif i + 1 < len(wanted) and have[j] == wanted[i + 1]:
            i, errors = i + 1, errors + 1
        elif i == len(wanted) - 1:
            i, errors = i + 1, errors + 1  # a last word the repeat lacks: keep the text's word
        else:
            i, j, errors = i + 1, j + 1, errors + 1
        if errors > allowed:
            return 0
    if i < len(wanted) or j == 0:
        return 0
    return spans[j - 1][1]


def take_title(text: str, title: str) -> Take | None:
    """A repeat of the headline (optionally labelled "title:", "URGENT", ...)."""
    label = HEADLINE_LABEL.match(text)
    offset = label.end() if label else 0
    end = match_title(text[offset:], title)
    if not end:
        return None
    return Take(skip_sep(text, offset + end + _cut_short_end(text[offset + end :])), title=True)


def _cut_short_end(text: str) -> int:
    """Length of an acronym that ends a headline the page's title line cut short ("... Syrian
    state | TV A bomb blast killed"): capitals right before the first sentence, no agency."""
    spans = token_spans(text, 8)
    tokens = [text[a:b] for a, b in spans]
    for index in (1, 2):
        head = tokens[:index]
        if len(tokens) <= index or not all(_ACRONYM.fullmatch(t) for t in head):
            return 0
        if any(agency_name(t) for t in head):
            return 0
        if opens_prose(tokens, index):
            return spans[index - 1][1]
    return 0


def take_byline(text: str, title: str) -> Take | None:
    """ "by Name Name [and Name]" before the headline repeat or the first sentence."""
    by = _BY.match(text)
    if by is None:
        return None
    spans = token_spans(text[by.end() :], 14)
    for index in range(1, len(spans)):
        if match_title(text[by.end() + spans[index][0] :], title):
            name = text[by.end() : by.end() + spans[index - 1][1]]
            return Take(by.end() + spans[index - 1][1], byline=name.strip(" ,"))
    names: list[tuple[int, int]] = []
    for a, b in spans:
        token = text[by.end() + a : by.end() + b]
        if token.lower() == "and" or (token[:1].isupper() and token.lower() not in {"the", "a"}):
            names.append((a, b))
        else:
            break
    if len(names) < 2:
        return None
    names = names[:-1]  # the last capitalised word starts the sentence
    end = by.end() + names[-1][1]
    return Take(end, byline=text[by.end() : end].strip(" ,"))


def _name_sentence(text: str) -> re.Match[str] | None:
    """A leading sentence made only of capitalised names ("Reuters Staff.")."""
    sentence = _NAME_SENTENCE.match(text)
    if sentence is None or stopword_ratio(words(sentence.group(1))) > 0:
        return None
    return sentence


def take_credit_after_title(text: str) -> Take | None:
    """A byline sentence, an agency or a short all-caps credit right after a headline repeat."""
    if (sentence := _name_sentence(text)) is not None:
        name = sentence.group(1)
        found = agencies_in(name)
        return Take(sentence.end(), byline=name, agency=found[0] if found else None)
    caps = _CAPS_CREDIT.match(text)
    if caps is None:
        return None
    name = agency_name(caps.group(0))
    rest = text[caps.end() :]
    # a stray tag ("NGO", "TV") counts only when a credit or stamp follows, never "US President"
    if name or _AGENCY_START.match(rest) or date_at(rest, 0) is not None:
        return Take(caps.end(), agency=name)
    return None


def take_agency(text: str) -> Take | None:
    """A leading agency credit: "AFP ", "(Reuters) - ", "SANA – " (not "Reuters Staff.")."""
    match = _AGENCY_START.match(text)
    if (
        match is None
        or _name_sentence(text) is not None
        or (name := agency_name(match.group(1))) is None
    ):
        return None
    return Take(match.end(), agency=name)


def take_dateline(text: str) -> Take | None:
    """A place dateline: "BEIRUT (Reuters) -", "Beirut London- ", "QAMISHLI Syria "."""
    for pattern in (_DATELINE_AGENCY, _DATELINE_PAREN, _DATELINE_DASH):
        match = pattern.match(text)
        if match is not None and stopword_ratio(words(match.group(1))) == 0:
            credit = match.group(2)
            found = agencies_in(match.group(1))
            agency = agency_name(credit) if credit else (found[0] if found else None)
            return Take(match.end(), agency=agency)
    match = _DATELINE_CAPS.match(text)
    if match is None or agency_name(match.group(1)) or len(_VOWELS.findall(match.group(1))) < 2:
        return None
    end = match.end()
    if match.group(2):
        follower = words(text[end:])[:1]
        if not follower or follower[0].lower() not in {"a", "an", "the", "at", "in", "on", "two"}:
            end = match.start(2)
    return Take(end)


def _merge(lead: Lead, take: Take) -> Lead:
    return Lead(
        text=lead.text,
        date=lead.date or take.date,
        updated=lead.updated if lead.date else take.updated,
        agency=lead.agency or take.agency,
        byline=lead.byline or take.byline,
        standfirst=lead.standfirst or take.standfirst,
    )


def _takers(order: str, title: str, after_title: bool) -> list[Callable[[str], Take | None]]:
    """The lead-in readers, in the order they are tried."""
    takers: list[Callable[[str], Take | None]] = [
        lambda s: take_stamp(s, order),
        lambda s: take_title(s, title),
        lambda s: take_byline(s, title),
        take_agency,
    ]
    if after_title:
        takers += [lambda s: take_dated_credit(s, order), take_credit_after_title]
    return takers + [
        lambda s: take_credit_stamp(s, order),
        take_dateline,
        take_junk,
        take_caption,
        take_media_label,
        take_summary_dateline,
    ]


def strip_lead(text: str, title: str, order: str) -> Lead:
    """Peel stamps, headline repeats, credits and leftovers off the start of ``text``.

    When nothing but the lead-in is left (a page that is only headline and stamp), what it
    said is kept and the returned text is empty.
    """
    lead = Lead(text=text)
    rest = text
    after_title = False
    for _ in range(12):
        takers = _takers(order, title, after_title)
        take = next((t for t in (taker(rest) for taker in takers) if t and t.end > 0), None)
        if take is None:
            break
        lead = _merge(lead, take)
        if len(words(rest[take.end : take.end + 120])) < 4:
            rest = ""
            break
        after_title = after_title or take.title
        rest = rest[take.end :]
    standfirst, rest = split_tags(rest)
    return replace(lead, text=rest.strip(), standfirst=lead.standfirst or standfirst)
