"""Leftovers before an article's first sentence: share bars, counters, captions, credits, and
a summary printed above a wire dateline ("... said. MOSCOW (Sputnik) The ...").

Each reader looks at the start of the first paragraph and returns a :class:`Take` (where the
text resumes and what the leftover said) or None.
"""

from __future__ import annotations

import re
from dataclasses import replace

from generator.clean_chrome import CHROME_PHRASES, CHROME_WORDS
from generator.clean_credits import AGENCY_PATTERN, AGENCY_RE, agency_name
from generator.clean_norm import (
    STOPWORDS,
    ends_sentence,
    lower_stopword_ratio,
    split_sentences,
    stopword_ratio,
    words,
)
from generator.clean_stamp import Take, skip_sep, take_stamp
from generator.clean_tags import token_spans
from generator.dates import find_dates, has_year

_CAPTION = re.compile(
    r"\((?:[\w ]{0,20}\s)?(?:photo|photograph|image|picture|file photo)s?\b[^)]{0,40}\)",
    re.IGNORECASE,
)
# "... the victims. (TRT World and Agencies) Air strikes ..." closes a caption above the text:
# a credit naming agencies or an archive anywhere, a bare agency after a full stop, either
# perhaps repeated ("(AFP) (AFP)").
_CAPTION_CREDIT = re.compile(
    rf"(?:\s*\([^()]{{0,40}}\b(?i:agencies|archive|file|handout)\b[^()]{{0,20}}\)"
    rf"|(?:(?<=[.!?\"”])|^)\s*\((?i:{AGENCY_PATTERN})(?:\s[^()]{{0,20}})?\))"
    rf"(?:\s*\([^()]{{1,40}}\))*\s+(?=[A-Z\"“])"
)
_MEDIA_LABEL = re.compile(
    r"^(?:(?i:video|videos|photo|photos|gallery|watch|live|audio)|"
    r"(?:SHARE|SEND|TWEET|EMAIL|PRINT|SAVE)|(?i:(?:share|send|tweet|e-?mail|print|save)"
    r"(?:\s+(?:share|send|tweet|e-?mail|print|save|facebook|twitter|whatsapp))+))\s+(?=[A-Z])"
)
_URLISH = re.compile(r"(?:https?|www\.|\.(?:com|ly|co|net|org)\b|\w+\.\w+/)", re.IGNORECASE)
_COUNT = re.compile(r"\d{1,6}")


# Share-bar and media labels besides the generic chrome words ("Get short URL", "SEND").
_JUNK_WORDS = frozenset({"url", "photo", "video", "image", "send", "topic", "views"})


def _is_count(token: str) -> bool:
    return bool(_COUNT.fullmatch(token.strip("()[].,:;")))


def _is_label(token: str) -> bool:
    """A link, a chrome or share-bar word (not a function word like "About"), or an agency."""
    bare = token.strip("()[].,:;")
    word = bare.lower()
    return (
        bool(_URLISH.search(token))
        or (word in CHROME_WORDS and word not in STOPWORDS)
        or word in _JUNK_WORDS
        or agency_name(bare) is not None
    )


def _junk_signals(tokens: list[str]) -> list[int]:
    """Indexes of share-bar furniture: labels and links, and counts next to them or to other
    counts ("URL 0 38", "(1881) 0 25"); a count after a word is prose ("killed 35")."""
    labels = [_is_label(token) for token in tokens]
    counts = [_is_count(token) for token in tokens]
    marked = [a or b for a, b in zip(labels, counts, strict=True)]

    def counted(i: int) -> bool:
        return (i > 0 and marked[i - 1]) or (i + 1 < len(tokens) and marked[i + 1])

    return [i for i in range(len(tokens)) if labels[i] or (counts[i] and counted(i))]


def _prose_run(zone: list[str], signals: set[int]) -> bool:
    """Two lower-case words in a row (not furniture): a sentence, not a share bar."""
    lower = [token[:1].islower() and i not in signals for i, token in enumerate(zone)]
    return any(a and b for a, b in zip(lower, lower[1:], strict=False))


def _reads_as_prose(tokens: list[str]) -> bool:
    """Function words, or a lower-case content word (a verb): not a title-case link list."""
    return stopword_ratio(tokens) >= 0.15 or any(
        token[:1].islower() and token not in STOPWORDS for token in tokens
    )


def take_junk(text: str) -> Take | None:
    """Share-bar and counter leftovers before the first sentence ("Get short URL 0 38")."""
    spans = token_spans(text, 26)
    dates = find_dates(text[: spans[-1][1]] if spans else "", limit=1)
    if dates:
        spans = [span for span in spans if span[1] <= dates[0].start]
    tokens = [text[a:b] for a, b in spans]
    signals = [i for i in _junk_signals(tokens) if i < 25]
    found = set(signals)
    while signals:
        last = signals[-1]
        zone = tokens[: last + 1]
        rest = words(" ".join(tokens[last + 1 : last + 13]))
        if (
            len(signals) >= 2
            and last + 1 < len(tokens)
            and tokens[last + 1][:1].isupper()
            and lower_stopword_ratio(words(" ".join(zone))) <= 0.12
            and not any(ends_sentence(token) for token in zone[:-1])
            and not _prose_run(zone, found)
            and _reads_as_prose(rest)
        ):
            return Take(skip_sep(text, spans[last][1]))
        signals.pop()
    return None


def take_credit_stamp(text: str, order: str) -> Take | None:
    """An agency credit followed by the stamp ("... AFP Sunday 27 Apr 2014") in the first lines.

    What precedes it is the headline block: a summary of six words or more is the standfirst.
    """
    if not has_year(text, 0, 600):
        return None  # no stamp to end the credit
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


def take_caption(text: str) -> Take | None:
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
    return Take(skip_sep(text, match.end()), standfirst=summary)


def take_media_label(text: str) -> Take | None:
    """A lone "Video"/"Photos" label or a chrome phrase ("Print this page") before the text."""
    match = _MEDIA_LABEL.match(text) or CHROME_PHRASES.match(text)
    if match is None or not text[match.end() :].lstrip()[:1].isupper():
        return None
    return Take(skip_sep(text, match.end()))


def take_dated_credit(text: str, order: str) -> Take | None:
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


# "... summary. MOSCOW (Sputnik) The story": a wire dateline after the first sentences.
_MID_DATELINE = re.compile(
    rf"(?<=[.!?\"”])\s+[A-Z][A-Z'’.\-]+(?:[ ,]+[A-Z][A-Z'’.\-]+)*"
    rf"(?:,?\s+[A-Z][a-z]+\.?\s+\d{{1,2}})?(?:\s*\([^()]{{2,30}}\))?"
    rf"\s*\(((?i:{AGENCY_PATTERN}))\)\s*[-–—:]*\s+(?=[A-Z\"“])"
)
_SUMMARY_WORDS = 90


def take_summary_dateline(text: str) -> Take | None:
    """A summary of one to three sentences, then the story under a wire dateline: the
    summary is the standfirst, and the body starts after the dateline."""
    match = _MID_DATELINE.search(text, 0, 900)
    if match is None:
        return None
    sentences = [s for s in split_sentences(text[: match.start()]) if ends_sentence(s)]
    if not 1 <= len(sentences) <= 3 or len(words(" ".join(sentences))) > _SUMMARY_WORDS:
        return None
    return Take(match.end(), agency=agency_name(match.group(1)), standfirst=" ".join(sentences))
