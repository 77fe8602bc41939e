"""Chrome and repeats inside a paragraph, where flattened pages leave them between sentences.

Recognised by shape: a media counter ("Slideshow (3 Images)", "[Click to enlarge]"), a photo
credit with the caption it closes ("... Damascus August 21 2013. REUTERS/Bassam Khabieh"), the
title of an embedded video ("... Ali Mustafa reports - YouTube"), and a picture credit followed
by the title-case headline of a linked story ("AP Photo Hussein Malla Over 20 Daesh Terrorists
Killed in SDF Operations"), which ends where prose resumes. A doubled opening (a summary printed
again as the first sentence) is read off as well.
"""

from __future__ import annotations

import re
from itertools import takewhile

from generator.clean_credits import AGENCY_PATTERN, agency_name
from generator.clean_norm import STOPWORDS, ends_sentence, fold, split_sentences, words
from generator.dates import date_at, has_year

_MEDIA_COUNTER = re.compile(
    r"\s*\b(?:slideshow|gallery|photos?|images?|pictures?|videos?)\s*"
    r"\(\d+\s*(?:images?|photos?|pictures?|videos?|slides?)\)",
    re.IGNORECASE,
)
_COUNTER_HINT = re.compile(r"\(\d+\s*(?i:images?|photos?|pictures?|videos?|slides?)\)")
_UI_HINT = re.compile(r"[\[(](?i:click|tap)\b[^\[\]()]{0,30}[\])]")
_SPACES = re.compile(r" {2,}")
# "REUTERS/Bassam Khabieh": an agency, a slash and the photographer.
_SLASH = re.compile(r"/(?=[A-Z])")
_AGENCY_BEFORE = re.compile(rf"\b(?:{AGENCY_PATTERN})\Z", re.IGNORECASE)
_NAME_TOKEN = re.compile(r"\s*([A-Z][\w'’.\-]*)")
_FILE_PHOTO = re.compile(r"/(?:File(?: Photo)?|Handout)\b", re.IGNORECASE)
# "... Ediz Tiyansan reports - YouTube": the title an embedded player shows.
_EMBED = re.compile(
    r"(?:(?<=[.!?\"”])|^)\s*[^.!?]{3,200}?\s[-–—|]\s(?:YouTube|Vimeo|Dailymotion)\b"
)
# A picture credit between sentences: an agency or a photo label, then the photographer.
_PICTURE_CREDIT = re.compile(rf"[.!?\"”](\s+)((?:AP |AFP )?Photos?|(?i:{AGENCY_PATTERN}))(?=\s+\S)")
# "(TRT World and Agencies)", "(Reuters)", "(IHA Photo)" between sentences: a picture credit.
_PAREN_CREDIT = re.compile(
    rf"\s\((?:[^()]{{0,40}}\b(?i:agencies|archive|handout|file photo)\b[^()]{{0,20}}"
    rf"|(?i:{AGENCY_PATTERN})(?:\s(?i:photo))?|[A-Z]{{2,5}}\s(?i:photo))\)(?=\s+[A-Z\"“0-9])"
)
# "... Where will it end? The White Helmets (SyriaCivilDef) April 29 2017": an embedded post,
# signed with the author's handle in brackets and the day it was posted.
_HANDLE = re.compile(r"\((\w{3,30})\)\s+(?=[A-Z])")
_POST_WORDS = 40
_PHOTO_WORDS = re.compile(r"\b(?:photos?|pictures?|images?|pictured|shows?|seen|file)\b", re.I)
_REPORTING = frozenset({"said", "says", "say", "told"})  # also names ("Rodi Said")
_CAPTION_WORDS = 60
_ZONE_TOKENS = 40
_NAME_PARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|az|ez|an|bin|ibn|abu)-", re.IGNORECASE)


def _photographer_end(text: str, pos: int) -> int:
    """End of the photographer's name after a slash credit: at most two capitalised words."""
    end = pos
    for _ in range(2):
        match = _NAME_TOKEN.match(text, end)
        word = match.group(1).lower().strip(".") if match else ""
        if match is None or (word in STOPWORDS and word not in _REPORTING):
            break
        end = match.end()
    if (file := _FILE_PHOTO.match(text, end)) is not None:
        end = file.end()
    return end


def _slash_credit(text: str, pos: int) -> tuple[int, int] | None:
    """Span of the next "AGENCY/" of a photo credit ("REUTERS/", "Reuters/") from ``pos``."""
    while (slash := _SLASH.search(text, pos)) is not None:
        pos = slash.end()
        agency = _AGENCY_BEFORE.search(text, max(0, slash.start() - 40), slash.start())
        if agency is not None and agency.group(0)[:1].isupper():
            return agency.start(), slash.end()
    return None


def _drop_slash_credits(text: str) -> str:
    """Remove "REUTERS/Name" credits and the caption sentence each one closes."""
    pos = 0
    while (credit := _slash_credit(text, pos)) is not None:
        end = _photographer_end(text, credit[1])
        before = text[: credit[0]].rstrip()
        caption = split_sentences(before[-1500:])[-1:] if before.endswith((".", '"', "”")) else []
        start = credit[0]
        if caption and len(words(caption[0])) <= _CAPTION_WORDS:
            start = before.rfind(caption[0])
        text = text[:start].rstrip() + " " + text[end:].lstrip()
        pos = start
    return text.strip()


def _is_caption(sentence: str) -> bool:
    """A picture's caption: short, and dated ("... Idlib September 10 2016") or about a photo."""
    return len(words(sentence)) <= _CAPTION_WORDS and bool(
        _PHOTO_WORDS.search(sentence) or has_year(sentence)
    )


def drop_captions(text: str) -> str:
    """Remove credits in brackets between sentences ("... Idlib September 10 2016. (Reuters)
    Local civil defence ..."), with the caption they close when it reads as one."""
    if "(" not in text:
        return text.strip()  # no credit in brackets
    while (credit := _PAREN_CREDIT.search(text)) is not None:
        before = text[: credit.start()]
        caption = split_sentences(before[-1500:])[-1:] if before.strip() else []
        start = credit.start()
        if caption and _is_caption(caption[0]):
            start = before.rfind(caption[0])
        text = text[:start].rstrip() + " " + text[credit.end() :].lstrip()
    return text.strip()


def _drop_embedded_posts(text: str) -> str:
    """Remove embedded social-media posts: the signature "Author (handle) Month D YYYY" and the
    unterminated words before it (the post's text)."""
    pos = 0
    while (handle := _HANDLE.search(text, pos)) is not None:
        pos = handle.end()
        posted = date_at(text, handle.end())
        if posted is None or posted.precision != "day":
            continue
        before = text[: handle.start()]
        post = split_sentences(before[-1500:])[-1:] if before.strip() else []
        start = handle.start()
        if post and not ends_sentence(post[0]) and len(words(post[0])) <= _POST_WORDS:
            start = before.rfind(post[0])
        text = text[:start].rstrip() + " " + text[posted.end :].lstrip()
        pos = start
    return text


def _is_lower_word(token: str) -> bool:
    """A lower-case word of prose (not a name particle like "al-Sham" or "ez-Zor")."""
    return token[:1].islower() and not _NAME_PARTICLE.match(token)


def _is_content(token: str) -> bool:
    return _is_lower_word(token) and token not in STOPWORDS


def opens_prose(tokens: list[str], index: int) -> bool:
    """Token ``index`` starts a sentence: a function or number word with a lower-case content
    word before the next capitalised function word ("The Syrian army", "According to the ANF
    News media"), or a capital followed at once by lower-case words, a content word among them
    ("Reuters reported citing"); title-case headlines lower-case only "of", "in", "to"."""
    token = tokens[index].strip("\"“”'(")
    if not token[:1].isupper() and not token[:1].isdigit():
        return False
    ahead = [t.strip("\"“”'(),.") for t in tokens[index + 1 : index + 6]]
    if token.lower() in STOPWORDS or token[:1].isdigit():
        for word in ahead:
            if word[:1].isupper() and word.lower() in STOPWORDS:
                return False
            if _is_content(word):
                return True
        return False
    run = list(takewhile(_is_lower_word, ahead))
    return len(run) >= 2 and any(_is_content(word) for word in run)


def _ends_clause(token: str) -> bool:
    """Closing punctuation after a word (not an initial like "S." or "U.S.")."""
    return (
        token.endswith((".", "!", "?", ":", ";", ","))
        and len(token.strip(".")) > 1
        and (token.count(".") <= 1)
    )


def _zone_end(tokens: list[str]) -> int | None:
    """Where prose resumes after a picture credit and a linked headline (token index), or None
    when the words are not a credit: a name must follow, then only capitalised words and
    lower-case function words ("Syrian Army Repels Attack on Aqareb East of Hama")."""
    first = tokens[0][:1] if tokens else ""
    if len(tokens) < 4 or not (first.isupper() or first.isdigit()) or opens_prose(tokens, 0):
        return None  # "SANA said ...", "Reuters Television showed ...": prose, not a credit
    for index in range(1, min(len(tokens), _ZONE_TOKENS)):
        if _ends_clause(tokens[index - 1]) or _is_content(tokens[index - 1].strip("(),")):
            return None  # a sentence ended, or a lower-case content word: not a title-case run
        if opens_prose(tokens, index) or _is_dateline(tokens, index):
            return index if index >= 2 else None
    return None


def _is_dateline(tokens: list[str], index: int) -> bool:
    """ "MOSCOW (Sputnik)": a place in capitals and an agency in brackets open the story."""
    token = tokens[index]
    return (
        len(token) >= 3
        and token.isupper()
        and any(
            t.startswith("(") and agency_name(t.strip("(),")) for t in tokens[index + 1 : index + 4]
        )
    )


def _drop_picture_credits(text: str) -> str:
    """Remove picture credits and the linked-story headlines that follow them."""
    pos = 0
    while (credit := _PICTURE_CREDIT.search(text, pos)) is not None:
        start = credit.end()
        if not credit.group(2)[:1].isupper():
            pos = start
            continue
        spans = [m.span() for m in re.finditer(r"\S+", text[start : start + 600])]
        end = _zone_end([text[start + a : start + b] for a, b in spans])
        if end is None:
            pos = start
            continue
        text = text[: credit.start(1)] + " " + text[start + spans[end][0] :]
        pos = credit.start(1)
    return text


def scrub_inline(text: str) -> str:
    """``text`` without media counters, photo credits and captions, embedded-video titles and
    linked-story headlines printed between its sentences."""
    if _COUNTER_HINT.search(text):
        text = _MEDIA_COUNTER.sub("", text)
    if _UI_HINT.search(text):
        text = _SPACES.sub(" ", _UI_HINT.sub("", text))
    if "/" in text:
        text = _drop_slash_credits(text)
    if "YouTube" in text or "Vimeo" in text or "Dailymotion" in text:
        text = _EMBED.sub("", text)
    if ")" in text:
        text = _drop_embedded_posts(text)
    return _drop_picture_credits(text).strip()


def _bare(token: str) -> str:
    return token.rstrip('.,;:!?"”’)')


def drop_repeats(text: str) -> tuple[str, str | None]:
    """Drop an opening the text prints twice (returned as the summary it is), or a lead
    sentence that the next sentence repeats and extends."""
    tokens = text.split(maxsplit=200)[:200]
    opening = " ".join(tokens[:3])
    if len(tokens) < 12 or text.find(opening, len(opening), 1500) < 0:
        return _drop_extended(text), None  # the opening words are not printed again
    bare = [_bare(token) for token in tokens]
    head = bare[:6]
    if len(head) == 6:
        for offset in range(6, min(len(bare) // 2, 90) + 1):
            if bare[offset : offset + 6] == head and bare[:offset] == bare[offset : 2 * offset]:
                return " ".join(text.split()[offset:]), " ".join(tokens[:offset])
    return _drop_extended(text), None


def _drop_extended(text: str) -> str:
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
