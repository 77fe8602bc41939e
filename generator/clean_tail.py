"""Strip what follows the last sentence of an article's last paragraph.

Scraped bodies often close with credits ("Reporting by ...; Editing by ...", "- REUTERS",
"(With AFP and Reuters)"), staff names, "Read Also" and tag lists, counters, a publisher's
self-description, or a footer of links. These are recognised by shape and peeled off.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from generator.clean_chrome import CHROME_PHRASES, chrome_word_share
from generator.clean_credits import AGENCY_PATTERN, agencies_in, agency_name, parse_byline
from generator.clean_norm import (
    ends_sentence,
    lower_stopword_ratio,
    split_sentences,
    stopword_ratio,
    words,
)

_MARKER = re.compile(
    r"\b(?:read also|also read|read more|see also|related(?: articles| stories| news| posts)?|"
    r"more on this|tags|keywords|topics|filed under|share this|follow us)\b:?",
    re.IGNORECASE,
)
_CREDIT = re.compile(
    r"\b(?:(?:additional )?reporting by|editing by|writing by|compiled by|translated by|"
    r"edited by|written by)\b",
    re.IGNORECASE,
)
_CREDIT_START = re.compile(
    r"^[(\[]?(?:(?:additional )?reporting by|writing by|editing by|compiled by|edited by)\b",
    re.IGNORECASE,
)
_SOURCE_CREDIT = re.compile(
    r"(?:\s*\[[^\]]{1,30}\])?\s*(?:\b(?:Sources?|SOURCES?)\b:?\s+[A-Z][\w&.,' ]{1,50}"
    r"|\b[A-Z][\w&'\-]*(?:,?\s+(?:and\s+|&\s+)?[A-Z][\w&'\-]*){0,5}\s+"
    r"(?i:contributed to this (?:report|article|story)))\.?\s*$"
)
_SIGN_OFF = re.compile(
    rf"(?:\s*[-–—]{{1,2}}|(?<=[.!?\"”]))\s*\(?({AGENCY_PATTERN})\)?\s*\.?\s*$", re.IGNORECASE
)
# "(Photo Smoke rises over Raqqa on July 17 2017. by AFP)": a caption closing the text.
_CLOSING_CAPTION = re.compile(r"\s*\((?i:photos?|pictures?|images?|file photo)\b[^()]{0,300}\)\s*$")
# "... destroying 18 trucks [AFP]": an unterminated caption closed by a bracketed credit.
_CAPTION_END = re.compile(rf"[\[(](?i:{AGENCY_PATTERN}|[^\[\]()]{{0,30}}agencies)[\])]\s*$")
_PAREN_CREDIT = re.compile(r"\((?:with|source|sources|via|from)\b:?\s*([^)]{2,80})\)", re.I)
_SENTENCE_END = re.compile(r"(?<!\b[A-Z])(?<!\b[A-Z][a-z])(?<=[\w)\]\"'”’%])[.!?][\"'”’)]*(?=\s|$)")
_READER = re.compile(r"\b(?:you|your|our|us)\b", re.IGNORECASE)
_ABOUT_VERBS = r"(?:is|was|has|have|had|are|publishes|provides|offers)"


@dataclass(frozen=True)
class Tail:
    """The last paragraph without its sign-off, and what the sign-off said."""

    text: str
    agency: str | None = None
    byline: str | None = None


def _last_sentence_end(text: str) -> int:
    """Index just after the last real sentence end ("H." initials do not count), or -1."""
    for window in (300, 1500):  # the end is usually close: look there first
        last = -1
        for match in _SENTENCE_END.finditer(text, max(0, len(text) - window)):
            last = match.end()
        if last >= 0 or window >= len(text):
            return last
    return -1


def _capitals(tokens: list[str]) -> float:
    """Share of capitalised words: high in title-case link lists, low in prose."""
    return sum(1 for token in tokens if token[:1].isupper()) / max(1, len(tokens))


def _is_link_list(text: str) -> bool:
    """Headlines of linked stories: mostly capitalised words, or titles between bars."""
    return _capitals(words(text)) >= 0.5 or text.count(" | ") >= 2


def _is_listing(text: str) -> bool:
    """Link lists and footers: few function words, chrome words, capitalised titles, bars."""
    tokens = words(text)
    return stopword_ratio(tokens) < 0.15 or chrome_word_share(tokens) >= 0.06 or _is_link_list(text)


def _is_fragment_junk(fragment: str) -> bool:
    """A trailing piece without sentence shape: names, counters, link lists, labels (title-case
    headlines capitalise "From", "At": only lower-case function words count as prose)."""
    tokens = words(fragment)
    if not tokens:
        return True
    if len(tokens) <= 12:
        return True
    return (
        lower_stopword_ratio(tokens) < 0.15
        or chrome_word_share(tokens) >= 0.15
        or _capitals(tokens) >= 0.6
    )


def cut_fragment(text: str) -> tuple[str, str] | None:
    """Split off an unterminated trailing fragment that is not prose."""
    end = _last_sentence_end(text)
    if end <= 0 or end >= len(text.rstrip()):
        return None
    fragment = text[end:].strip()
    if not fragment or not (_is_fragment_junk(fragment) or _CAPTION_END.search(fragment)):
        return None
    return text[:end], fragment


def cut_caption(text: str) -> tuple[str, str] | None:
    """Cut a photo caption in brackets that closes the text ("(Photo ... by AFP)")."""
    match = _CLOSING_CAPTION.search(text, max(0, len(text) - 400))
    if match is None:
        return None
    return text[: match.start()], text[match.start() :]


def cut_marker(text: str) -> tuple[str, str] | None:
    """Cut "Read Also ...", "Tags ..." and the like when no prose follows: in the last third,
    or from the second third on when a list of linked headlines follows (a long footer)."""
    floor = len(text) * 2 // 3
    for match in reversed(list(_MARKER.finditer(text, len(text) // 3))):
        after = text[match.end() :]
        tokens = words(after)
        late = match.start() >= floor
        if (late and (len(tokens) <= 40 or _is_listing(after))) or _is_link_list(after):
            before = text[: match.start()]
            if match.group(0)[:1].isupper() or before.rstrip().endswith((".", "!", "?")):
                return before, text[match.start() :]
    return None


def cut_credit(text: str) -> tuple[str, str] | None:
    """Cut "Reporting by ...; Editing by ..." credits near the end."""
    floor = max(0, len(text) - 400)
    match = _CREDIT.search(text, floor)
    if match is None:
        return None
    return text[: match.start()], text[match.start() :]


def cut_sign_off(text: str) -> tuple[str, str] | None:
    """Cut a trailing agency sign-off ("- REUTERS", "--AFP", ".-AFP")."""
    match = _SIGN_OFF.search(text, max(0, len(text) - 40))
    if match is None:
        return None
    return text[: match.start()].rstrip(), match.group(1)


def cut_source_credit(text: str) -> tuple[str, str] | None:
    """Cut a closing "Source: X and agencies" or "X contributed to this report" (and the
    unterminated photo caption a bracketed credit before it closes: "... 18 trucks [AFP]")."""
    match = _SOURCE_CREDIT.search(text, max(0, len(text) - 140))
    if match is None:
        return None
    start = match.start()
    if text[start:].lstrip().startswith("[") and not ends_sentence(text[:start]):
        end = _last_sentence_end(text[:start])
        start = end if end > 0 else start
    return text[:start], text[start:]


@lru_cache(maxsize=16)
def _tail_sentences(text: str, window: int = 1200) -> tuple[str, ...]:
    """Sentences of the end of ``text``; a leading "" stands for everything before the window."""
    if len(text) <= window:
        return tuple(split_sentences(text))
    return ("", *split_sentences(text[-window:])[1:])


def cut_names_sentence(text: str) -> tuple[str, str] | None:
    """Cut a last "sentence" made only of capitalised names ("Ann Lee and Bo Chen.")."""
    sentences = _tail_sentences(text)
    if len(sentences) < 2:
        return None
    last = sentences[-1]
    tokens = words(last)
    if not 2 <= len(tokens) <= 12:
        return None
    if not all(token[:1].isupper() or token == "and" for token in tokens):
        return None
    if "and" in tokens or len(tokens) <= 4:
        return text[: text.rfind(last)].rstrip(), last
    return None


def cut_about(text: str, names: list[str]) -> tuple[str, str] | None:
    """Cut trailing sentences where the publisher describes itself ("X is the world's ...")."""
    sentences = _tail_sentences(text)
    if len(sentences) < 3 or not names:
        return None
    patterns = [
        re.compile(rf"\b{re.escape(name)}\s+{_ABOUT_VERBS}\b", re.I) for name in names if name
    ]
    count = 0
    for sentence in reversed(sentences[-3:]):
        if any(pattern.search(sentence) for pattern in patterns):
            count += 1
        else:
            break
    if not count or count >= len(sentences) - 1:
        return None
    first = sentences[-count]
    return text[: text.rfind(first)].rstrip(), first


def cut_promo(text: str) -> tuple[str, str] | None:
    """Cut a last sentence that addresses the reader ("sign up to our channel and ...")."""
    sentences = _tail_sentences(text)
    if len(sentences) < 2:
        return None
    last = sentences[-1]
    if not (CHROME_PHRASES.search(last) and _READER.search(last)):
        return None
    return text[: text.rfind(last)].rstrip(), last


def _credits_from(fragment: str) -> tuple[str | None, str | None]:
    """Agency and byline mentioned in a cut-off sign-off."""
    agency = None
    for match in _PAREN_CREDIT.finditer(fragment):
        found = agencies_in(match.group(1))
        if found:
            agency = ", ".join(found)
            break
    if agency is None and (name := agency_name(fragment.strip(" .-–—()"))) is not None:
        agency = name
    byline = None
    credit = _CREDIT.search(fragment)
    if credit is not None and credit.group(0).lower().endswith("reporting by"):
        byline = parse_byline("by " + fragment[credit.end() :].split(";")[0])
    return agency, byline


def cut_credit_paragraphs(paragraphs: list[str]) -> tuple[list[str], str | None]:
    """Drop closing paragraphs from a "Reporting by ..." credit on; return its reporter too."""
    for index in range(max(1, len(paragraphs) - 4), len(paragraphs)):
        if _CREDIT_START.match(paragraphs[index]):
            _, byline = _credits_from(paragraphs[index])
            return paragraphs[:index], byline
    return paragraphs, None


def strip_tail(text: str, names: list[str]) -> Tail:
    """Peel sign-offs, credits, markers and footers off the end of ``text``."""
    agency = byline = None
    for _ in range(10):
        before = text
        cut = cut_sign_off(text)
        if cut is not None:
            text, agency = cut[0], agency or agency_name(cut[1])
        else:
            cut = (
                cut_credit(text)
                or cut_source_credit(text)
                or cut_marker(text)
                or cut_about(text, names)
                or cut_promo(text)
                or cut_caption(text)
                or cut_fragment(text)
                or cut_names_sentence(text)
            )
            if cut is None or len(words(cut[0][:200])) < 5:
                break
            text = cut[0].rstrip()
            found_agency, found_byline = _credits_from(cut[1])
            agency, byline = agency or found_agency, byline or found_byline
        if text == before:
            break
    return Tail(text=text.strip(), agency=agency, byline=byline)
