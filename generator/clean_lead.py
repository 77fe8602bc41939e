"""Strip what precedes the first sentence of an article's first paragraph.

Scraped bodies often open with a stamp ("Published July 5 2015", "Tue 05 Jul 2016"), a repeat
of the headline, an agency or byline credit, a dateline ("BEIRUT -"), share-bar leftovers
("Get short URL 0 38"), a photo caption, or a tag list. Each is recognised by its shape and
peeled off in turn; what was read (date, agency, byline, standfirst) is returned with the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache

from generator.clean_chrome import CHROME_PHRASES, CHROME_WORDS
from generator.clean_credits import AGENCY_PATTERN, AGENCY_RE, agencies_in, agency_name
from generator.clean_norm import (
    ends_sentence,
    lower_stopword_ratio,
    split_sentences,
    stopword_ratio,
    words,
)
from generator.clean_tags import split_tags, token_spans
from generator.dates import DateHit, date_at, find_dates

# Labels scraped into or before a headline: "title: ...", "URGENT ...", "BREAKING: ...".
HEADLINE_LABEL = re.compile(
    r"^(?:(?i:title|headline|breaking(?: news)?|urgent|updated?|exclusive|watch|video|live)\s*:\s*"
    r"|(?:BREAKING(?: NEWS)?|URGENT|UPDATED?|EXCLUSIVE|WATCH|VIDEO|LIVE)\b[\s:\-–—|]*)"
)
_LABEL = re.compile(
    r"(?:(?P<updated>(?:last\s+)?updated?|modified)(?:\s+(?:at|on))?|published(?:\s+(?:at|on))?"
    r"|first\s+published(?:\s+on)?|posted(?:\s+(?:at|on))?|date\s+of\s+publication|"
    r"publication\s+date|released|issued|date)\s*:?\s*",
    re.IGNORECASE,
)
_TIME = re.compile(
    r"(?:\s*(?:[,|\-–—]\s*|at\s+)?\d{1,2}[:h.]\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?"
    r"|\s+(?:at\s+)?(?:[01]\d|2[0-3])[0-5]\d(?:\s*[AP]M\b)?(?=\s+[A-Z(])"
    r"|\s+(?:[01]\d|2[0-3])[0-5]\d[0-5]\d(?=\s)"
    r"|\s+at\s+\d{3,4}\b)"
    r"(?:\s*(?-i:UTC|GMT|[A-Z]{2,4}T)\b(?:\s*[+\-]\s*\d{1,2}(?::?\d{2})?)?)?",
    re.IGNORECASE,
)
_CLOCK_FIRST = re.compile(
    r"\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*(?-i:[A-Z]{2,4}T?))?\s*[,|\-–—]?\s*", re.IGNORECASE
)
_UPDATED_PAREN = re.compile(r"\s*\((?:updated|update|modified)[^)]{0,40}\)", re.IGNORECASE)
_SEP = re.compile(r"^[\s.,:;|\-–—]*")
_BY = re.compile(r"^by\s+", re.IGNORECASE)
_NAME_SENTENCE = re.compile(r"^((?:[A-Z][\w'’\-]+\s+){1,3}[A-Z][\w'’\-]+)\.\s+(?=[A-Z\"“])")
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
_CAPTION = re.compile(
    r"\((?:[\w ]{0,20}\s)?(?:photo|photograph|image|picture|file photo)s?\b[^)]{0,40}\)",
    re.IGNORECASE,
)
# "... the victims. (TRT World and Agencies) Air strikes ..." closes a caption above the text.
_CAPTION_CREDIT = re.compile(
    rf"(?:(?<=[.!?\"”])|^)\s*\((?:[^()]{{0,40}}\b(?i:agencies|archive|file|handout)\b[^()]{{0,20}}|"
    rf"(?i:{AGENCY_PATTERN})(?:\s[^()]{{0,20}})?)\)\s+(?=[A-Z\"“])"
)
_MEDIA_LABEL = re.compile(
    r"^(?:(?i:video|videos|photo|photos|gallery|watch|live|audio)|"
    r"(?:SHARE|SEND|TWEET|EMAIL|PRINT|SAVE)|(?i:(?:share|send|tweet|e-?mail|print|save)"
    r"(?:\s+(?:share|send|tweet|e-?mail|print|save|facebook|twitter|whatsapp))+))\s+(?=[A-Z])"
)
_URLISH = re.compile(r"(?:https?|www\.|\.(?:com|ly|co|net|org)\b|\w+\.\w+/)", re.IGNORECASE)
_COUNT = re.compile(r"\d{1,6}")
_VOWELS = re.compile(r"[AEIOUY]")


@dataclass(frozen=True)
class Lead:
    """The first paragraph without its lead-in, and what the lead-in said."""

    text: str
    date: DateHit | None = None
    updated: bool = False
    agency: str | None = None
    byline: str | None = None
    standfirst: str | None = None


@dataclass(frozen=True)
class _Take:
    end: int
    date: DateHit | None = None
    updated: bool = False
    agency: str | None = None
    byline: str | None = None
    title: bool = False
    standfirst: str | None = None


def _skip_sep(text: str, pos: int) -> int:
    return pos + _SEP.match(text[pos:]).end()


def take_stamp(text: str, order: str) -> _Take | None:
    """A leading publication stamp: optional label, a date, then time and "(updated ...)"."""
    label = _LABEL.match(text)
    pos = label.end() if label else 0
    if (clock := _CLOCK_FIRST.match(text, pos)) is not None:
        pos = clock.end()  # "Published: 12:30, 5 July 2017"
    hit = date_at(text, pos, order)
    if hit is None or (hit.precision != "day" and text[hit.end :].lstrip()[:1].islower()):
        return None  # "March 2016 saw ...": a sentence about a month, not a stamp
    end = hit.end
    if (time := _TIME.match(text, end)) is not None:
        end = time.end()
    if (paren := _UPDATED_PAREN.match(text, end)) is not None:
        end = paren.end()
    evidence = text[:end].strip(" ,|-–—")
    stamp = DateHit(hit.iso, hit.precision, evidence, 0, end)
    return _Take(_skip_sep(text, end), date=stamp, updated=bool(label and label.group("updated")))


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


def take_title(text: str, title: str) -> _Take | None:
    """A repeat of the headline (optionally labelled "title:", "URGENT", ...)."""
    label = HEADLINE_LABEL.match(text)
    offset = label.end() if label else 0
    end = match_title(text[offset:], title)
    return _Take(_skip_sep(text, offset + end), title=True) if end else None


def take_byline(text: str, title: str) -> _Take | None:
    """ "by Name Name [and Name]" before the headline repeat or the first sentence."""
    by = _BY.match(text)
    if by is None:
        return None
    spans = token_spans(text[by.end() :], 14)
    for index in range(1, len(spans)):
        if match_title(text[by.end() + spans[index][0] :], title):
            name = text[by.end() : by.end() + spans[index - 1][1]]
            return _Take(by.end() + spans[index - 1][1], byline=name.strip(" ,"))
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
    return _Take(end, byline=text[by.end() : end].strip(" ,"))


def take_credit_after_title(text: str) -> _Take | None:
    """An agency or short all-caps credit printed right after a headline repeat."""
    if (sentence := _NAME_SENTENCE.match(text)) is not None:
        name = sentence.group(1)
        if stopword_ratio(words(name)) == 0:
            return _Take(sentence.end(), byline=name)
    caps = _CAPS_CREDIT.match(text)
    if caps is None:
        return None
    name = agency_name(caps.group(0))
    rest = text[caps.end() :]
    # a stray tag ("NGO", "TV") counts only when a credit or stamp follows, never "US President"
    if name or _AGENCY_START.match(rest) or date_at(rest, 0) is not None:
        return _Take(caps.end(), agency=name)
    return None


def take_agency(text: str) -> _Take | None:
    """A leading agency credit: "AFP ", "(Reuters) - ", "SANA – "."""
    match = _AGENCY_START.match(text)
    if match is None or (name := agency_name(match.group(1))) is None:
        return None
    return _Take(match.end(), agency=name)


def take_dateline(text: str) -> _Take | None:
    """A place dateline: "BEIRUT (Reuters) -", "Beirut London- ", "QAMISHLI Syria "."""
    for pattern in (_DATELINE_AGENCY, _DATELINE_PAREN, _DATELINE_DASH):
        match = pattern.match(text)
        if match is not None and stopword_ratio(words(match.group(1))) == 0:
            credit = match.group(2)
            found = agencies_in(match.group(1))
            agency = agency_name(credit) if credit else (found[0] if found else None)
            return _Take(match.end(), agency=agency)
    match = _DATELINE_CAPS.match(text)
    if match is None or agency_name(match.group(1)) or len(_VOWELS.findall(match.group(1))) < 2:
        return None
    end = match.end()
    if match.group(2):
        follower = words(text[end:])[:1]
        if not follower or follower[0].lower() not in {"a", "an", "the", "at", "in", "on", "two"}:
            end = match.start(2)
    return _Take(end)


def _junk_signal(token: str) -> bool:
    bare = token.strip("()[].,:;")
    return (
        bool(_COUNT.fullmatch(bare))
        or bool(_URLISH.search(token))
        or bare.lower() in CHROME_WORDS
        or bare.lower() in {"url", "photo", "video", "image"}
        or agency_name(bare) is not None
    )


def take_junk(text: str) -> _Take | None:
    """Share-bar and counter leftovers before the first sentence ("Get short URL 0 38")."""
    spans = token_spans(text, 26)
    dates = find_dates(text[: spans[-1][1]] if spans else "", limit=1)
    if dates:
        spans = [span for span in spans if span[1] <= dates[0].start]
    tokens = [text[a:b] for a, b in spans]
    signals = [i for i, token in enumerate(tokens[:25]) if _junk_signal(token)]
    while signals:
        last = signals[-1]
        zone = tokens[: last + 1]
        rest = words(" ".join(tokens[last + 1 : last + 13]))
        if (
            len(signals) >= 2
            and last + 1 < len(tokens)
            and tokens[last + 1][:1].isupper()
            and stopword_ratio(words(" ".join(zone))) <= 0.12
            and not any(ends_sentence(token) for token in zone[:-1])
            and stopword_ratio(rest) >= 0.15
        ):
            return _Take(_skip_sep(text, spans[last][1]))
        signals.pop()
    return None


def take_credit_stamp(text: str, order: str) -> _Take | None:
    """An agency credit followed by the stamp ("... AFP Sunday 27 Apr 2014") in the first lines.

    What precedes it is the headline block: a summary of six words or more is the standfirst.
    """
    for match in AGENCY_RE.finditer(text, 0, 500):
        if not match.group(0)[:1].isupper():
            continue
        stamp = take_stamp(text[match.end() :].lstrip(" ,"), order)
        if stamp is None:
            continue
        before = text[: match.start()].strip(" -–—,")
        if len(split_sentences(before)) > 2:
            return None
        offset = len(text) - len(text[match.end() :].lstrip(" ,"))
        summary = before if len(words(before)) >= 6 else None
        return replace(
            stamp, end=offset + stamp.end, agency=agency_name(match.group(0)), standfirst=summary
        )
    return None


def take_caption(text: str) -> _Take | None:
    """A photo caption closed by "(Photo AFP)" or "(X and Agencies)" within the first lines.

    The caption is the sentence just before the credit; a sentence above it is the standfirst.
    """
    match = _CAPTION.search(text, 0, 700) or _CAPTION_CREDIT.search(text, 0, 700)
    if match is None:
        return None
    sentences = split_sentences(text[: match.start()])
    if len(sentences) > 3 or len(words(text[: match.start()])) > 120:
        return None
    summary = " ".join(sentences[:-1]) if len(sentences) >= 2 else None
    return _Take(_skip_sep(text, match.end()), standfirst=summary)


def take_media_label(text: str) -> _Take | None:
    """A lone "Video"/"Photos" label or a chrome phrase ("Print this page") before the text."""
    match = _MEDIA_LABEL.match(text) or CHROME_PHRASES.match(text)
    if match is None or not text[match.end() :].lstrip()[:1].isupper():
        return None
    return _Take(_skip_sep(text, match.end()))


def take_dated_credit(text: str, order: str) -> _Take | None:
    """Credits after a headline repeat, ending in the stamp ("- Reports REUTERS ... 16.05.2017")."""
    spans = token_spans(text, 16)
    for index, (start, _) in enumerate(spans):
        stamp = take_stamp(text[start:], order)
        if stamp is None or stamp.date is None:
            continue
        zone = words(text[:start])
        if index and lower_stopword_ratio(zone) <= 0.1 and not ends_sentence(text[:start].rstrip()):
            return replace(stamp, end=start + stamp.end)
        return None
    return None


def _merge(lead: Lead, take: _Take) -> Lead:
    return Lead(
        text=lead.text,
        date=lead.date or take.date,
        updated=lead.updated if lead.date else take.updated,
        agency=lead.agency or take.agency,
        byline=lead.byline or take.byline,
        standfirst=lead.standfirst or take.standfirst,
    )


def _takers(order: str, title: str, after_title: bool) -> list[Callable[[str], _Take | None]]:
    """The lead-in readers, in the order they are tried."""
    takers: list[Callable[[str], _Take | None]] = [
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
