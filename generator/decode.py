"""Raw bytes to text: byte-order marks, UTF-8 (damaged or not), legacy encodings, mojibake.

Scraped pages come in every encoding and are often mangled on the way: UTF-8 read as
Windows-1252 and saved again ("donâ€™t"), a few stray bytes in an otherwise UTF-8 file, or
a Windows-1252 file with no declaration. The rules, in order:

- a byte-order mark names the encoding (UTF-32, UTF-8, UTF-16);
- NUL bytes or many control bytes mean a binary file, which is refused;
- valid UTF-8 is UTF-8;
- UTF-8 with no more bad bytes than good non-ASCII characters is damaged UTF-8: the bad bytes
  become U+FFFD and the caller is told where (a warning, so nothing is lost in silence);
- anything else is a legacy encoding: Windows-1252 when it reads as Western text, else what
  ``charset-normalizer`` detects;
- ``ftfy.fix_encoding`` then repairs mojibake, and the control characters no page can show
  (and XML refuses) are dropped.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import ftfy
from charset_normalizer import from_bytes

from generator.errors import InputError

BOMS = (  # UTF-32 first: its little-endian mark starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control bytes that no text file holds (tab, newlines and escape, of terminal dumps, aside).
CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1a\x1c-\x1f\x7f]")
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
MAX_CONTROL_SHARE = 0.01  # of the bytes; past it a file is binary
# Windows-1252 text in a Western language has few non-ASCII letters; Cyrillic or Arabic
# text misread as Windows-1252 is nearly all of them.
MAX_WESTERN_ACCENTS = 0.3


@dataclass(frozen=True)
class Decoded:
    """A file's text, and what decoding it lost (for a warning) and on which line."""

    text: str
    damage: str | None = None
    line: int | None = None


def decode_bytes(data: bytes, name: str) -> Decoded:
    """The text of a file's bytes; raises InputError for a binary or undecodable file."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            return Decoded(tidy(_with_bom(data, codec, name)))
    if looks_binary(data):
        raise InputError(f"{name} looks like a binary file, not text")
    try:
        return Decoded(tidy(data.decode("utf-8")))
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    replaced = data.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd")
    good = sum(1 for c in replaced if c > "\x7f" and c != "\ufffd")
    if 0 < good >= bad:
        line = data.count(b"\n", 0, first_bad) + 1
        damage = f"is not valid UTF-8: {bad} bad byte(s), the first at byte {first_bad}, shown as �"
        return Decoded(tidy(replaced), damage, line)
    return Decoded(tidy(legacy(data, name)))


def _with_bom(data: bytes, codec: str, name: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name} starts with a {codec.upper()} byte-order mark but is not valid "
            f"{codec.upper()} (byte {exc.start})"
        ) from exc


def looks_binary(data: bytes) -> bool:
    """True for bytes with a NUL or more control bytes than any text has."""
    if b"\x00" in data:
        return True
    return len(CONTROL_BYTES.findall(data)) > MAX_CONTROL_SHARE * len(data)


def legacy(data: bytes, name: str) -> str:
    """Text in a single-byte or legacy encoding: Windows-1252, the commonest on the web, when
    it reads as Western text, else the encoding ``charset-normalizer`` finds likeliest."""
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None  # it uses bytes Windows-1252 leaves undefined
    if western is not None:
        letters = [c for c in western if c.isalpha()]
        accented = sum(1 for c in letters if c > "\x7f")
        if accented <= MAX_WESTERN_ACCENTS * len(letters):
            return western
    best = from_bytes(data).best()
    if best is None:
        raise InputError(f"{name} is not valid text in any encoding I can detect")
    return str(best)


def tidy(text: str) -> str:
    """Text with mojibake repaired and the control characters no page shows dropped."""
    return CONTROL_CHARS.sub("", ftfy.fix_encoding(text))
