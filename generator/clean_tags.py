"""Inline tag lists near the top of a flattened article ("... summary. Tags A B c d The text").

A tag list has no end marker once punctuation is gone; prose resumes at the first capitalised
word followed by lower-case words with a function word among them, or at a capitalised
function or number word ("At least", "Sixteen"), or where the summary above is echoed.
"""

from __future__ import annotations

import re

from generator.clean_norm import STOPWORDS, stopword_ratio, words

_TOKEN = re.compile(r"\S+")
_TAGS = re.compile(r"\b(?:Tags|Keywords|Topics)\b:?")
_NUMBER_WORDS_TEXT = """
    one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety
    hundred hundreds dozens dozen several many some most more nearly around about over
"""
_NUMBER_WORDS = frozenset(_NUMBER_WORDS_TEXT.split())


def token_spans(text: str, limit: int = 40) -> list[tuple[int, int]]:
    """Character spans of the first ``limit`` whitespace-separated tokens."""
    return [m.span() for _, m in zip(range(limit), _TOKEN.finditer(text), strict=False)]


def _flows(tokens: list[str], index: int) -> bool:
    """Token ``index`` opens prose: lower-case words follow, with a function word among them
    ("Syria into the early hours", "Syrian regime and Russian jets": a lower-case content word
    right after the capital is never a tag list's)."""
    ahead = tokens[index + 1 : index + 5]
    if not ahead or not ahead[0][:1].islower():
        return False
    if ahead[0] not in STOPWORDS and any(token in STOPWORDS for token in ahead[1:3]):
        return True
    for offset, token in enumerate(ahead[:3]):
        nxt = ahead[offset + 1] if offset + 1 < len(ahead) else ""
        if token in STOPWORDS and nxt[:1].islower():
            return True
    return False


def _is_starter(tokens: list[str], index: int) -> bool:
    """A capitalised function or number word ("The", "At", "Sixteen") before lower-case text."""
    word = tokens[index].strip("\"“”'")
    if len(word) > 1 and word.isupper():
        return False  # "US", "IS": acronyms, not "us", "is"
    bare = word.lower()
    if not (bare in STOPWORDS or bare in _NUMBER_WORDS or bare[:1].isdigit()):
        return False
    return any(token[:1].islower() for token in tokens[index + 1 : index + 4])


def _tags_end(after: str, standfirst: str | None) -> int | None:
    """Where the prose resumes after an inline tag list (character offset), or None."""
    spans = token_spans(after, 60)
    tokens = [after[a:b] for a, b in spans]
    capitals = [i for i, t in enumerate(tokens) if t[:1].isupper() or t[:1].isdigit()]
    flowing = [i for i in capitals if _flows(tokens, i)]
    starters = [i for i in capitals if _is_starter(tokens, i)]
    first = min(flowing[:1] + starters[:1], default=len(tokens))
    echo = words(standfirst or "")[:3]
    if len(echo) == 3 and echo[0][:1].isupper():
        # the text repeating the summary, unless prose resumed before (then the words echoed
        # belong to the article's own first sentence)
        for index in range(min(30, len(tokens), first + 1)):
            if [t.strip("\"“”'.,") for t in tokens[index : index + 3]] == echo:
                return spans[index][0]
    if first == len(tokens):
        return None
    preferred = [i for i in starters if first <= i <= first + 4]
    return spans[(preferred or [first])[0]][0]


def split_tags(text: str) -> tuple[str | None, str]:
    """Cut an inline tag list near the top; the summary before it becomes the standfirst."""
    match = _TAGS.search(text, 0, max(200, len(text) * 2 // 5))
    if match is None:
        return None, text
    before, after = text[: match.start()].strip(), text[match.end() :]
    before_words = words(before)
    standfirst = None
    if 6 <= len(before_words) <= 80 and stopword_ratio(before_words) >= 0.15:
        standfirst = before
    start = _tags_end(after, standfirst)
    if start is None:
        return None, text
    return standfirst, after[start:].strip()
