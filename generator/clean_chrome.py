"""Recognise site chrome by shape: leaked code, menus, share bars, labels, credits, banners.

The rules look at structure (length, punctuation density, code syntax, lists without function
words, several dates on one line) and use only a small vocabulary of words that mean chrome on
any site ("share", "advertisement", "subscribe", ...), never phrases of particular outlets.
"""

from __future__ import annotations

import re
from functools import lru_cache

from generator.clean_credits import agency_name
from generator.clean_norm import stopword_ratio, words
from generator.dates import find_dates

# Words that label site furniture on any site. A short line built from them is chrome.
_CHROME_WORDS_TEXT = """
    share shares shared sharing tweet email e-mail print whatsapp facebook twitter youtube
    instagram telegram linkedin pinterest reddit tumblr vk rss advertisement advertisements
    advertising sponsored ad ads subscribe subscription newsletter newsletters cookie cookies
    privacy login log sign signup register comment comments menu search home skip top scroll
    related tags tag topics keywords categories category previous next prev more read also
    follow copyright reserved rights contact terms policy about careers loading accept
    settings preferences consent manage
"""
CHROME_WORDS = frozenset(_CHROME_WORDS_TEXT.split())
CHROME_PHRASES = re.compile(
    r"\b(?:skip to (?:main )?content|back to top|scroll (?:up|to top)|read (?:also|more)|"
    r"also read|see also|related (?:articles?|posts?|stories|news|content|topics)|"
    r"(?:subscribe|sign up) (?:to|for|here|now)|newsletter|you may also like|"
    r"all rights reserved|cookie policy|privacy policy|terms of (?:use|service)|"
    r"this website uses cookies|we use cookies|accept cookies|report this ad|"
    r"share (?:this|on)|follow us|click here|leave a (?:comment|reply)|your inbox|"
    r"get short url|comment via|print this(?: page| article| story)?|more from|trending now|"
    r"most (?:read|popular)|\d+\s*min(?:ute)?s? read|reading time)\b",
    re.IGNORECASE,
)
_LABEL_PREFIX = re.compile(
    r"^\s*(?:tags?|keywords|topics|categories|category|filed under|read (?:also|more)|"
    r"also read|see also|related|source|sources|photo(?: credits?)?|photos?|image(?: credits?)?|"
    r"pictures?|credits?|caption|featured image|video)\s*[:|»>\-–—]",
    re.IGNORECASE,
)
_PHOTO_CREDIT = re.compile(
    r"^\s*[(\[]?\s*(?:photo|image|picture|foto|credit)s?(?:\s+credits?)?\b[^.]{0,80}[)\]]?\s*$",
    re.IGNORECASE,
)
_INITIALS = re.compile(r"^[\s\-–—/]*(?:[A-Z]\.\s*){1,4}(?:[\s/,\-–—]+(?:[A-Z]\.\s*){1,4})*$")
_NAME = r"[A-Z][\w.'’\-]*(?:\s+[\w.'’\-]+){0,3}"
_NAME_LIST = re.compile(
    rf"^{_NAME}(?:\s*/\s*{_NAME})+$"
)  # "Manar al-Freih / Hazem Sabbagh": staff credits joined by slashes
_CSS_RULE = re.compile(r"^\s*(?:@[a-z\-]+[^{]*\{|[\w#.*:\-\[\]=\"'>,\s]{1,80}\{\s*[a-z\-]+\s*:)")
_CSS_DECL = re.compile(r"[a-z\-]{3,}\s*:\s*[^;{}]+;")
_JS_TOKENS = re.compile(
    r"(?:\bfunction\s*\(|=>|\bvar\s+\w+\s*=|\bconst\s+\w+\s*=|\blet\s+\w+\s*=|\b(?:window|document)"
    r"\.\w+|\w+\.push\(|\}\s*\)\s*;|\b__\w+|\bgoogletag\b|\badsbygoogle\b|<\/?\w+[^>]*>|\w+\(\s*\)\s*;)"
)
_CODE_CHARS = re.compile(r"[{}\[\]();=<>$\\|_]")
_CODE_HINTS = ("{", "}", ";", "=", "<", "__", "()")
_STRONG_CODE = re.compile(r"[{};=<>]")
_MARKUP_LINE = re.compile(r"^\s*(?:<[^>]+>\s*)+$")
_SECOND_PERSON = re.compile(r"\b(?:you|your|our|us)\b", re.IGNORECASE)
_BREADCRUMB = re.compile(r"^(?:[^>»›/|]{1,30}\s[>»›/]\s){2,}[^>»›/|]{1,40}$")
_STAMP_LABEL = re.compile(
    r"^\s*(?:published|posted|updated|last updated|first published|date)\b", re.IGNORECASE
)
_MENU_SPLIT = re.compile(r"\s{2,}|\s*[|•·]\s*|\s+[/\-–—]\s+|\t")
# Items that make a line a stamp or credit rather than a menu: a byline or a stamp label.
_CREDIT_ITEM = re.compile(
    r"^(?:by\s|(?:published|posted|updated|last updated|first published|date)\b)", re.IGNORECASE
)
_CLOCK_ITEM = re.compile(r"^\d{1,2}[:.h]\d{2}\b")
_COUNTERS = re.compile(r"\(\s*\d+\s*\)|\btotal\s*:\s*[\d,.]+", re.IGNORECASE)
_DECORATION = re.compile(r"^[\W_]*$")
_COPYRIGHT = re.compile(r"^\s*(?:©|\(c\)|copyright\b)", re.IGNORECASE)
_LABEL_CHARS = 160
_SEPARATORS = ("|", "•", "·", "\t", "  ", " / ", " - ", " – ", " — ", ">", "»", "›")


# A script or style element inside a line of text (or running over lines): leaked page code
# the dump kept, never words of the article. An opening tag is bounded so that a page of
# unclosed "<script" cannot make the scan quadratic.
_CODE_OPEN = re.compile(r"<(script|style|noscript)\b[^<>]{0,500}>", re.IGNORECASE)
_CODE_CLOSE = {
    kind: re.compile(rf"</{kind}\s*>", re.IGNORECASE) for kind in ("script", "style", "noscript")
}


def drop_code_elements(text: str) -> str:
    """``text`` without the script, style and noscript elements a page dump kept, each
    replaced by its line breaks (so later lines keep their numbers). Linear: each closing tag
    is looked for once from where its element opens, and a kind found unclosed once is not
    looked for again."""
    if "<" not in text:
        return text
    parts: list[str] = []
    done = 0  # text before this is settled
    unclosed: set[str] = set()
    for opening in _CODE_OPEN.finditer(text):
        kind = opening.group(1).lower()
        if opening.start() < done or kind in unclosed:
            continue
        closing = _CODE_CLOSE[kind].search(text, opening.end())
        if closing is None:
            unclosed.add(kind)
            continue
        breaks = text.count("\n", opening.start(), closing.end())
        parts += [text[done : opening.start()], "\n" * breaks or " "]
        done = closing.end()
    return "".join(parts) + text[done:] if parts else text


def is_code(line: str) -> bool:
    """Leaked CSS, JavaScript or markup."""
    text = line.strip()
    if not text or not any(mark in text for mark in _CODE_HINTS):
        return False
    if _MARKUP_LINE.match(text) or _CSS_RULE.match(text):
        return True
    if len(_CSS_DECL.findall(text)) >= 2 and ("{" in text or "}" in text):
        return True
    js_hits = len(_JS_TOKENS.findall(text))
    density = len(_CODE_CHARS.findall(text)) / len(text)
    if js_hits >= 2 or (js_hits >= 1 and density > 0.04):
        return True
    return len(text) >= 12 and density > 0.12 and bool(_STRONG_CODE.search(text))


def is_crawl_banner(line: str) -> bool:
    """A masthead line with several dates, counters or totals: the crawl day, not the article."""
    return _is_crawl_banner(line, words(line))


def _is_crawl_banner(line: str, tokens: list[str]) -> bool:
    """:func:`is_crawl_banner` of a line whose ``words`` are ``tokens``."""
    if len(tokens) > 80 or stopword_ratio(tokens) >= 0.15 or _STAMP_LABEL.match(line):
        return False
    dates = find_dates(line)
    return len(dates) >= 2 or (bool(dates) and bool(_COUNTERS.search(line)))


def is_staff_credit(line: str) -> bool:
    """Initials or slash-joined staff names that sign off an article ("- H.A.", "A. B / C. D")."""
    text = line.strip()
    return bool(_INITIALS.match(text) or (len(text) <= 60 and _NAME_LIST.match(text)))


def chrome_word_share(tokens: list[str]) -> float:
    """Share of tokens that are generic chrome words."""
    if not tokens:
        return 0.0
    return sum(1 for token in tokens if token.lower() in CHROME_WORDS) / len(tokens)


def is_link_list(line: str) -> bool:
    """A run of capitalised labels with no function words, like a menu or share bar."""
    return _is_link_list(line, words(line))


def _is_link_list(line: str, tokens: list[str]) -> bool:
    """:func:`is_link_list` of a line whose ``words`` are ``tokens``."""
    if len(tokens) < 2 or len(tokens) > 25 or re.search(r"[.!?]\s*$", line):
        return False
    capitals = sum(1 for token in tokens if token[:1].isupper())
    return (
        capitals / len(tokens) >= 0.8
        and stopword_ratio(tokens) <= 0.05
        and (chrome_word_share(tokens) >= 0.3)
    )


def menu_items(line: str) -> list[str]:
    """The items of a line split at bars, dots, spaced slashes or dashes, tabs and wide gaps."""
    return [item.strip() for item in _MENU_SPLIT.split(line.strip()) if item.strip()]


def _undated(item: str) -> str:
    """``item`` with its printed dates cut out."""
    for hit in reversed(find_dates(item)):
        item = item[: hit.start] + " " + item[hit.end :]
    return item


def is_menu_label(item: str) -> bool:
    """A menu, banner or share-bar item: at most three words besides a date, or chrome words."""
    if len(item) > _LABEL_CHARS:
        return False  # eight words and a date never run this long
    tokens = words(_undated(item))
    return len(tokens) <= 3 or (len(tokens) <= 8 and chrome_word_share(tokens) >= 0.5)


def _is_credit_item(item: str) -> bool:
    return bool(_CREDIT_ITEM.match(item)) or agency_name(item.strip("()")) is not None


def _is_time_item(item: str) -> bool:
    """A date or a clock time: what a banner or a stamp shows besides its labels."""
    return bool(_CLOCK_ITEM.match(item) or find_dates(item, limit=1))


def is_menu(line: str) -> bool:
    """Items separated by gaps, bars or dots ("News  World  Sport", "Home | About"), crumbs, or
    a banner that shows the day beside its labels ("14 May 2019 - Tuesday | Home | Contact us").

    A line with a byline, a stamp label or an agency among its items is a credit line, and a
    date or time with fewer than three labels (or two chrome-word labels) is a stamp.
    """
    text = line.strip()
    if (sum(map(text.count, _SEPARATORS)) + 1) * _LABEL_CHARS < len(text):
        return False  # too few separators for items of menu size
    if _BREADCRUMB.match(text):
        return True
    items = menu_items(text)
    if len(items) < 3 or not all(is_menu_label(item) for item in items):
        return False
    if any(_is_credit_item(item) for item in items):
        return False
    labels = [item for item in items if not _is_time_item(item)]
    if len(labels) == len(items):
        return len(items) >= 4
    label_words = words(" ".join(labels))
    return len(labels) >= 3 or (len(labels) >= 2 and chrome_word_share(label_words) >= 0.5)


@lru_cache(maxsize=1 << 16)  # a site's furniture repeats on every one of its pages
def is_chrome(line: str) -> bool:
    """True for a line that is site furniture rather than article text."""
    if is_menu(line):
        return True
    text = line.strip()
    if not text or _DECORATION.match(text):
        return True
    if len(text) > 600:
        return is_code(text)  # long lines: only leaked scripts and styles are chrome
    if is_code(text) or is_staff_credit(text) or _PHOTO_CREDIT.match(text):
        return True
    tokens = words(text)
    if len(tokens) <= 20 and _COPYRIGHT.match(text):
        return True
    if len(tokens) <= 12 and (CHROME_PHRASES.search(text) or _LABEL_PREFIX.match(text)):
        return True
    if len(tokens) <= 30 and CHROME_PHRASES.search(text) and _SECOND_PERSON.search(text):
        return True  # "Sign up here to get the latest news ... directly to your inbox."
    if len(tokens) <= 6 and chrome_word_share(tokens) >= 0.5:
        return True
    if _LABEL_PREFIX.match(text) and stopword_ratio(tokens) < 0.15:
        return True
    return _is_link_list(text, tokens) or _is_crawl_banner(text, tokens)
