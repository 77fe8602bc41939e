"""A Python port of lunr.js 2.3.9's text processing, so lunr.py builds indexes lunr.js can search.

lunr.py 0.8.0 does not process text like lunr.js 2.3.9, whose index the browser queries:

* its Porter stemmer is a different implementation (step 1c: "convoy" -> "convoi", "try" ->
  "try"; lunr.js gives "convoy" and "tri");
* its trimmer leaves a word whole when it has an inner non-word character ("isil’s.", "u.n.")
  and counts non-ASCII letters as word characters; lunr.js strips every ``[^A-Za-z0-9_]`` at
  either end ("isil’s", "u.n", "café" -> "caf", "دمشق" -> "");
* its tokenizer splits on fewer whitespace characters than JavaScript's ``\\s``;
* its builder rounds term scores with ``round()``, not ``Math.round(x * 1000) / 1000``;
* its serialised terms are sorted by code point, lunr.js requires UTF-16 code-unit order.

This module ports lunr.js's tokenizer, trimmer, stop-word filter and stemmer, registers them
under lunr.js's names ("trimmer", "stopWordFilter", "stemmer") so a serialised index's pipeline
loads in lunr.js with its built-ins. :mod:`generator.lunr_index` builds the index itself.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import lunr  # noqa: F401  (imported first so lunr.py registers its functions before ours)
from lunr.pipeline import Pipeline
from lunr.stop_word_filter import WORDS as _LUNR_STOP_WORDS
from lunr.token import Token

# --- tokenizer: lunr.tokenizer splits on /[\s\-]+/ after toString().toLowerCase() ----------

#: Every character JavaScript's ``\s`` matches, plus the hyphen-minus.
SEPARATOR_CHARS = (
    "\t\n\v\f\r \u00a0\u1680"
    + "".join(chr(cp) for cp in range(0x2000, 0x200B))
    + "\u2028\u2029\u202f\u205f\u3000\ufeff-"
)
_TOKEN_RE = re.compile("[^" + re.escape(SEPARATOR_CHARS) + "]+")


def token_words(text: str) -> list[str]:
    """The token strings ``tokenize`` gives for a string, without positions or Token objects."""
    return _TOKEN_RE.findall(text.lower())


def _has_astral(text: str) -> bool:
    """Whether ``text`` holds a character outside the BMP (two UTF-16 code units)."""
    return not text.isascii() and max(text) > "\uffff"


def utf16_length(text: str) -> int:
    """Length of ``text`` in UTF-16 code units, as JavaScript's ``String.length``."""
    return len(text) + sum(1 for ch in text if ch > "\uffff")


def _clone(metadata: Mapping[str, Any] | None) -> dict[str, Any]:
    """Port of ``lunr.utils.clone``: a shallow copy that also copies list values."""
    return {k: list(v) if isinstance(v, list) else v for k, v in (metadata or {}).items()}


def tokenize(obj: object, metadata: Mapping[str, Any] | None = None) -> list[Token]:
    """Port of ``lunr.tokenizer``: lower-case, split on ``/[\\s\\-]+/``, positions in UTF-16."""
    if obj is None:
        return []
    if isinstance(obj, list | tuple):
        strings = ("" if item is None else str(item) for item in obj)  # lunr.utils.asString
        return [Token(string.lower(), _clone(metadata)) for string in strings]
    text = str(obj).lower()
    measure = utf16_length if _has_astral(text) else len
    tokens: list[Token] = []
    offset, consumed = 0, 0
    for match in _TOKEN_RE.finditer(text):
        offset += measure(text[consumed : match.start()])
        length = measure(match.group())
        token_metadata = _clone(metadata)
        token_metadata["position"] = [offset, length]
        token_metadata["index"] = len(tokens)
        tokens.append(Token(match.group(), token_metadata))
        offset, consumed = offset + length, match.end()
    return tokens


# --- trimmer: s.replace(/^\W+/, '').replace(/\W+$/, '') with ASCII \W -----------------------

_LEADING_NON_WORD = re.compile(r"^\W+", re.ASCII)
_TRAILING_NON_WORD = re.compile(r"\W+\Z", re.ASCII)


def trim(word: str) -> str:
    """Port of ``lunr.trimmer``'s update: drop leading and trailing ``[^A-Za-z0-9_]`` runs."""
    return _TRAILING_NON_WORD.sub("", _LEADING_NON_WORD.sub("", word, count=1), count=1)


# --- stemmer: lunr.js's own Porter implementation, regex by regex ---------------------------

_DOT = "[^\n\r\u2028\u2029]"  # JavaScript's "." without the s flag
_END = r"\Z"  # JavaScript's "$" without the m flag

_c = "[^aeiou]"  # consonant
_v = "[aeiouy]"  # vowel
_C = _c + "[^aeiouy]*"  # consonant sequence
_V = _v + "[aeiou]*"  # vowel sequence

_MGR0 = re.compile(f"^({_C})?{_V}{_C}")  # [C]VC... is m>0
_MEQ1 = re.compile(f"^({_C})?{_V}{_C}({_V})?{_END}")  # [C]VC[V] is m=1
_MGR1 = re.compile(f"^({_C})?{_V}{_C}{_V}{_C}")  # [C]VCVC... is m>1
_S_V = re.compile(f"^({_C})?{_v}")  # vowel in stem

_1A = re.compile(f"^({_DOT}+?)(ss|i)es{_END}")
_1A_2 = re.compile(f"^({_DOT}+?)([^s])s{_END}")
_1B = re.compile(f"^({_DOT}+?)eed{_END}")
_1B_2 = re.compile(f"^({_DOT}+?)(ed|ing){_END}")
_LAST_CHAR = re.compile(f"{_DOT}{_END}")
_1B_SUFFIX = re.compile(f"(at|bl|iz){_END}")
_1B_DOUBLE = re.compile(f"([^aeiouylsz])\\1{_END}")
_1B_CVC = re.compile(f"^{_C}{_v}[^aeiouwxy]{_END}")
_1C = re.compile(f"^({_DOT}+?[^aeiou])y{_END}")
# Suffix tables in lunr.js's order, as "from:to" (an empty "to" deletes the suffix).
_STEP2 = dict(
    re.findall(
        r"(\w+):(\w*)",
        "ational:ate tional:tion enci:ence anci:ance izer:ize bli:ble alli:al entli:ent eli:e "
        "ousli:ous ization:ize ation:ate ator:ate alism:al iveness:ive fulness:ful ousness:ous "
        "aliti:al iviti:ive biliti:ble logi:log",
    )
)
_STEP3 = dict(re.findall(r"(\w+):(\w*)", "icate:ic ative: alize:al iciti:ic ical:ic ful: ness:"))
_2 = re.compile(f"^({_DOT}+?)({'|'.join(_STEP2)}){_END}")
_3 = re.compile(f"^({_DOT}+?)({'|'.join(_STEP3)}){_END}")
_4 = re.compile(
    f"^({_DOT}+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)"
    + _END
)
_4_2 = re.compile(f"^({_DOT}+?)(s|t)(ion){_END}")
_5 = re.compile(f"^({_DOT}+?)e{_END}")
_5_LL = re.compile(f"ll{_END}")
_5_CVC = re.compile(f"^{_C}{_v}[^aeiouwxy]{_END}")


def _to_code_units(text: str) -> str:
    """Spell astral characters as surrogate pairs, so regexes see what JavaScript sees."""
    units = []
    for ch in text:
        point = ord(ch) - 0x10000
        units.append(ch if point < 0 else chr(0xD800 + (point >> 10)) + chr(0xDC00 + point % 1024))
    return "".join(units)


def _from_code_units(text: str) -> str:
    """Join surrogate pairs back into characters (a lone surrogate stays as it is)."""
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


def _drop_last(word: str) -> str:
    """``w.replace(/.$/, "")``."""
    return _LAST_CHAR.sub("", word, count=1)


def _step1ab(w: str) -> str:
    """Plurals, then -eed, -ed and -ing."""
    if (m := _1A.search(w)) or (m := _1A_2.search(w)):
        w = m.group(1) + m.group(2)
    if m := _1B.search(w):
        if _MGR0.search(m.group(1)):
            w = _drop_last(w)
    elif (m := _1B_2.search(w)) and _S_V.search(m.group(1)):
        w = m.group(1)
        if _1B_SUFFIX.search(w):
            w += "e"
        elif _1B_DOUBLE.search(w):
            w = _drop_last(w)
        elif _1B_CVC.search(w):
            w += "e"
    return w


def _step1c_to_4(w: str) -> str:
    """Final y after a consonant, then the double, -ic-/-ful/-ness and -ant/-ence suffixes."""
    if m := _1C.search(w):
        w = m.group(1) + "i"
    if (m := _2.search(w)) and _MGR0.search(m.group(1)):
        w = m.group(1) + _STEP2[m.group(2)]
    if (m := _3.search(w)) and _MGR0.search(m.group(1)):
        w = m.group(1) + _STEP3[m.group(2)]
    if m := _4.search(w):
        if _MGR1.search(m.group(1)):
            w = m.group(1)
    elif (m := _4_2.search(w)) and _MGR1.search(m.group(1) + m.group(2)):
        w = m.group(1) + m.group(2)
    return w


def _step5(w: str) -> str:
    """Final -e and -ll."""
    if m := _5.search(w):
        stem = m.group(1)
        if _MGR1.search(stem) or (_MEQ1.search(stem) and not _5_CVC.search(stem)):
            w = stem
    if _5_LL.search(w) and _MGR1.search(w):
        w = _drop_last(w)
    return w


@lru_cache(maxsize=1 << 17)
def stem(word: str) -> str:
    """Port of lunr.js 2.3.9's ``porterStemmer`` (lengths and regexes in UTF-16 code units)."""
    astral = _has_astral(word)
    w = _to_code_units(word) if astral else word
    if len(w) < 3:
        return word
    initial_y = w[0] == "y"
    if initial_y:
        w = "Y" + w[1:]
    w = _step5(_step1c_to_4(_step1ab(w)))
    if initial_y:
        w = "y" + w[1:]
    return _from_code_units(w) if astral else w


# --- pipeline functions, registered under lunr.js's labels ----------------------------------

#: lunr.js 2.3.9's English stop words (identical to lunr.py 0.8.0's list; a test checks).
STOP_WORDS = frozenset(_LUNR_STOP_WORDS)


def trimmer(token: Token, i: int | None = None, tokens: list[Token] | None = None) -> Token:
    """Pipeline function: ``lunr.trimmer``."""
    return token.update(lambda string, _metadata: trim(string))


def stop_word_filter(
    token: Token, i: int | None = None, tokens: list[Token] | None = None
) -> Token | None:
    """Pipeline function: ``lunr.stopWordFilter`` (drops the token if it is a stop word)."""
    return None if str(token) in STOP_WORDS else token


def stemmer(token: Token, i: int | None = None, tokens: list[Token] | None = None) -> Token:
    """Pipeline function: ``lunr.stemmer``."""
    return token.update(lambda string, _metadata: stem(string))


class _QuietOverwrite(logging.Filter):
    """Hides lunr.py's notice that a registered function is being replaced (we mean to)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("Overwriting existing registered function")


def _register() -> None:
    """Register the ports under lunr.js's names, replacing lunr.py's own functions."""
    logger, quiet = logging.getLogger("lunr.pipeline"), _QuietOverwrite()
    logger.addFilter(quiet)
    try:
        Pipeline.register_function(trimmer, "trimmer")
        Pipeline.register_function(stop_word_filter, "stopWordFilter")
        Pipeline.register_function(stemmer, "stemmer")
    finally:
        logger.removeFilter(quiet)


_register()


def index_terms(text: str) -> list[str]:
    """The terms lunr.js's default indexing pipeline makes of ``text``."""
    pipeline = Pipeline()
    pipeline.add(trimmer, stop_word_filter, stemmer)
    return [str(token) for token in pipeline.run(tokenize(text))]


def query_terms(term: str) -> list[str]:
    """The terms lunr.js's default search pipeline makes of one query term."""
    return [stem(term)]


def js_round(value: float) -> float:
    """JavaScript's ``Math.round`` (halves round up) for the finite scores used here."""
    floor = math.floor(value)
    return float(floor + 1 if value - floor >= 0.5 else floor)


def utf16_key(term: str) -> bytes:
    """Sort key giving JavaScript's string order (UTF-16 code units)."""
    return term.encode("utf-16-be", "surrogatepass")
