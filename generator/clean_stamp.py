"""A publication stamp at the start of a text, and what a lead-in reader takes off.

Shared by the head reader (:mod:`generator.clean_head`) and the lead-in readers
(:mod:`generator.clean_lead`, :mod:`generator.clean_leftovers`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.dates import DateHit, date_at

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
_SEP = re.compile(r"^[\s.,:;|\-–—)]*")


@dataclass(frozen=True)
class Take:
    """What a lead-in reader took off: where the text resumes, and what the lead-in said."""

    end: int
    date: DateHit | None = None
    updated: bool = False
    agency: str | None = None
    byline: str | None = None
    title: bool = False
    standfirst: str | None = None


def skip_sep(text: str, pos: int) -> int:
    return pos + _SEP.match(text[pos:]).end()


def take_stamp(text: str, order: str) -> Take | None:
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
    return Take(skip_sep(text, end), date=stamp, updated=bool(label and label.group("updated")))
