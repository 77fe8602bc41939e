"""Text normalisation and the small measures of prose the cleaners share."""

from __future__ import annotations

import re

_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_LINE_BREAKS = re.compile(r"[\n\r\x0b\x0c\x1c-\x1f\x85\u2028\u2029]")
_MOJIBAKE_APOSTROPHE = re.compile(
    r"(?<=\w)\ufffd+_(?=\w)|(?:(?<=\s)|^)\ufffd+_(?=\w)|(?<=\w)\ufffd+_"
)
_MOJIBAKE_DASH = re.compile(r"\s+\ufffd+_\s+")
_REPLACEMENT = re.compile(r"\ufffd+")
_WORD = re.compile(r"[^\W\d_][\w'’\-]*|\d+(?:[.,]\d+)*", re.UNICODE)
_TERMINAL = re.compile(r"[.!?…][\"'”’»)\]]*\s*$")
# A sentence ends at . ! ? (plus closing quotes) followed by space and a capital, digit or quote;
# a single capital letter ("H.", "U.") or a known abbreviation before the dot is not an end.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’»)\]]*\s+(?=[\"“‘«(\[]?[A-Z0-9\u00c0-\u024f])")
_NOT_END = re.compile(
    r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Col|Lt|Capt|Sgt|Maj|Rev|St|Sen|Rep|Gov|Jr|Sr|No|"
    r"Nos|vs|etc|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|approx|est|Inc|Ltd|Co))\.$"
)

_STOPWORDS_TEXT = """
    a an the and or but if of to in on at by for from with as into onto over under about after
    before between during against without within through across near than then that this these
    those which who whom whose what when where while is are was were be been being has have had
    do does did will would shall should can could may might must not no it its he she they them
    their his her we our us you your i me my there here also said says say told according
"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())


def normalise_space(text: str) -> str:
    """Collapse runs of spaces (incl. no-break and thin spaces) and trim; line breaks stay."""
    if not text.isascii():  # the invisible characters are all outside ASCII
        text = text.translate(_INVISIBLE)
    if not text.isprintable() and _LINE_BREAKS.search(text):  # breaks are never printable
        return _SPACES.sub(" ", text).strip()
    return " ".join(text.split())  # the same, faster, when every separator is a space


def repair(text: str) -> str:
    """Undo common damage in scraped text: U+FFFD+"_" between spaces stood for a dash; inside or
    at the edge of a word for an apostrophe or quote (dropped, as the source drops them)."""
    if "\ufffd" not in text:
        return text
    text = _MOJIBAKE_APOSTROPHE.sub("", text)
    text = _MOJIBAKE_DASH.sub(" – ", text)
    return _REPLACEMENT.sub("", text)


def words(text: str) -> list[str]:
    """Word and number tokens of ``text``."""
    return _WORD.findall(text)


def stopword_ratio(tokens: list[str]) -> float:
    """Share of tokens that are function words: high for prose, low for lists and labels."""
    if not tokens:
        return 0.0
    return sum(1 for token in tokens if token.lower() in STOPWORDS) / len(tokens)


def lower_stopword_ratio(tokens: list[str]) -> float:
    """Share of tokens that are lower-case function words (a "Said" in a name does not count)."""
    if not tokens:
        return 0.0
    return sum(1 for token in tokens if token in STOPWORDS) / len(tokens)


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends with terminal punctuation (closing quotes allowed)."""
    return bool(_TERMINAL.search(text))


def split_sentences(text: str) -> list[str]:
    """Split prose into sentences, keeping initials and common abbreviations intact."""
    sentences: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.start()  # just after the full stop: the abbreviation test needs the last word
        if _NOT_END.search(text, max(start, end - 10), end):
            continue
        sentences.append(text[start : match.start()].strip())
        start = match.end()
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return [sentence for sentence in sentences if sentence]


_FOLD_DROP = str.maketrans("", "", "'’")


def fold(text: str) -> str:
    """Lower-case alphanumeric skeleton used to compare headlines and names."""
    return " ".join(words(text.translate(_FOLD_DROP).lower()))


def folds_to(text: str, folded: str) -> bool:
    """Whether ``fold(text) == folded``, without folding a text far too long to match."""
    return len(text) <= 2 * len(folded) + 40 and fold(text) == folded
