"""Find and parse printed dates: day-month-year words, month-day-year, ISO and numeric forms.

Everything is precompiled regular expressions and :mod:`datetime` validation; no guessing
library is involved, so results are deterministic and fast. Month names are English plus
the common French, Spanish, Italian, German and Portuguese forms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

MIN_YEAR = 1990
MAX_YEAR = date.today().year + 1

_MONTHS: dict[str, int] = {}
for _num, _names in enumerate(
    (
        "january jan janvier janv enero ene gennaio gen januar jän janeiro",
        "february feb febr février fevrier févr fevr febrero febbraio februar fevereiro fev",
        "march mar mars marzo märz marz março marco",
        "april apr avril avr abril aprile abr",
        "may mai mayo maggio mag maio",
        "june jun juin junio giugno giu juni junho",
        "july jul juillet juil julio luglio lug juli julho",
        "august aug août aout agosto ago",
        "september sep sept septembre septiembre settembre set setembro",
        "october oct octobre octubre ottobre ott oktober okt outubro out",
        "november nov novembre noviembre novembro",
        "december dec décembre decembre déc diciembre dic dicembre dezember dez dezembro",
    ),
    start=1,
):
    for _name in _names.split():
        _MONTHS.setdefault(_name, _num)

_MONTH_ALT = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WEEKDAY = (
    r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\.?"
    r"|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
)
MONTH = rf"(?P<mon>{_MONTH_ALT})\.?"
WEEKDAY_PREFIX = rf"(?:(?:{_WEEKDAY}),?\s+)?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|º)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})(?!\d)"

# Alternatives, tried in this order at every position; named groups are per-branch.
_PATTERNS: tuple[tuple[str, str], ...] = (
    ("iso", r"(?<!\d)(?P<year>(?:19|20)\d{2})-(?P<mnum>[01]?\d)-(?P<day>[0-3]?\d)(?!\d)"),
    ("ymd", r"(?<!\d)(?P<year>(?:19|20)\d{2})([/.])(?P<mnum>[01]?\d)\2(?P<day>[0-3]?\d)(?!\d)"),
    ("num", r"(?<![\d.])(?P<a>[0-3]?\d)([/.\-])(?P<b>[0-3]?\d)\2" + _YEAR),
    ("dmy", rf"\b{WEEKDAY_PREFIX}{_DAY}(?:\s+(?:of|de))?[\s\-/.]*{MONTH},?[\s\-/]*{_YEAR}"),
    ("mdy", rf"\b{WEEKDAY_PREFIX}{MONTH},?[\s\-/]*{_DAY}(?:,\s*|\s*)(?:de\s+)?{_YEAR}"),
    ("my", rf"\b{MONTH},?\s+{_YEAR}"),
)
_COMPILED = tuple(
    (kind, re.compile(rf"(?:{pattern})", re.IGNORECASE)) for kind, pattern in _PATTERNS
)
# Every form holds a four-digit year, and no date runs further than this around its year:
# searches look only near a year, which keeps long texts cheap.
_YEAR_HINT = re.compile(r"(?:19|20)\d\d")
_BEFORE_YEAR = 60
_AFTER_YEAR = 12
_DAY_BEFORE = re.compile(r"\d(?:st|nd|rd|th)?\s*(?:of\s+)?\Z", re.IGNORECASE)
_NUMERIC_TAIL = re.compile(r"[/.\-](?:19|20)\d{2}(?!\d)")
_ANY_NUMERIC = re.compile(r"(?<![\d.])([0-3]?\d)([/.\-])([0-3]?\d)\2(?:19|20)\d{2}(?!\d)")


@dataclass(frozen=True)
class DateHit:
    """A date read from text: ISO value, its precision and the exact span it came from."""

    iso: str
    precision: str  # "day" | "month" | "year"
    evidence: str
    start: int
    end: int


def _valid(year: int, month: int, day: int) -> bool:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return False
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def numeric_order(text: str) -> str:
    """Return "mdy" when the text's unambiguous numeric dates put the month first, else "dmy"."""
    day_first = month_first = 0
    for tail in _NUMERIC_TAIL.finditer(text):  # a numeric date ends in "/2016", ".2016", "-2016"
        match = _ANY_NUMERIC.search(text, max(0, tail.start() - 5), tail.end())
        if match is None:
            continue
        a, b = int(match.group(1)), int(match.group(3))
        if a > 12 >= b:
            day_first += 1
        elif b > 12 >= a:
            month_first += 1
    return "mdy" if month_first > day_first else "dmy"


def _numeric_parts(match: re.Match[str], order: str) -> tuple[int, int] | None:
    """(month, day) of an all-numeric date, or None when it cannot be a date."""
    a, b = int(match.group("a")), int(match.group("b"))
    if match.group(2) == ".":
        order = "dmy"  # nobody writes month.day.year
    if a > 12 and b <= 12:
        return b, a
    if b > 12 and a <= 12:
        return a, b
    if a > 12 or b > 12:
        return None
    return (b, a) if order == "dmy" else (a, b)


def _to_hit(kind: str, match: re.Match[str], order: str) -> DateHit | None:
    groups = match.groupdict()
    year = int(groups["year"])
    if kind == "num":
        parts = _numeric_parts(match, order)
        if parts is None:
            return None
        month, day = parts
    elif kind in ("iso", "ymd"):
        month, day = int(groups["mnum"]), int(groups["day"])
    elif kind == "my" and _DAY_BEFORE.search(
        match.string, max(0, match.start() - 12), match.start()
    ):
        return None  # "31 February 2017": an invalid day, not a month
    else:
        month = _MONTHS[groups["mon"].lower()]
        day = int(groups["day"]) if kind != "my" else 1
    if not _valid(year, month, day):
        return None
    if kind == "my":
        iso, precision = f"{year:04d}-{month:02d}", "month"
    else:
        iso, precision = f"{year:04d}-{month:02d}-{day:02d}", "day"
    evidence = match.group(0).strip(" ,")
    return DateHit(iso, precision, evidence, match.start(), match.end())


def _first_hit(
    kind: str, pattern: re.Pattern[str], text: str, pos: int, end: int, order: str
) -> DateHit | None:
    """The leftmost valid date of one form starting in ``text[pos:end]``."""
    match = pattern.search(text, pos, end)
    while match is not None:
        hit = _to_hit(kind, match, order)
        if hit is not None:
            return hit
        match = pattern.search(text, match.start() + 1, end)
    return None


def _date_near(text: str, pos: int, order: str) -> DateHit | None:
    """The leftmost date at or after ``pos``, looking only around the years printed there."""
    for year in _YEAR_HINT.finditer(text, pos):
        start = max(pos, year.start() - _BEFORE_YEAR)
        end = min(len(text), year.end() + _AFTER_YEAR)
        found = [_first_hit(kind, pattern, text, start, end, order) for kind, pattern in _COMPILED]
        candidates = [hit for hit in found if hit is not None]
        if candidates:
            return min(candidates, key=lambda hit: (hit.start, -hit.end))
    return None


def has_year(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether ``text[start:end]`` prints a four-digit year: no date can be read without one."""
    return _YEAR_HINT.search(text, start, len(text) if end is None else end) is not None


def find_dates(text: str, order: str | None = None, limit: int = 0) -> list[DateHit]:
    """All non-overlapping dates in ``text``, left to right (at most ``limit`` if given)."""
    if _YEAR_HINT.search(text) is None:
        return []
    order = order or numeric_order(text)
    hits: list[DateHit] = []
    pos = 0
    while pos < len(text):
        best = _date_near(text, pos, order)
        if best is None:
            break
        hits.append(best)
        if limit and len(hits) >= limit:
            break
        pos = best.end
    return hits


def date_at(text: str, pos: int = 0, order: str | None = None) -> DateHit | None:
    """The date that starts exactly at ``pos`` (longest form wins), or None."""
    if not text[pos : pos + 1].isalnum() or _YEAR_HINT.search(text, pos, pos + 80) is None:
        return None
    order = order or "dmy"
    best: DateHit | None = None
    for kind, pattern in _COMPILED:
        match = pattern.match(text, pos)
        if match is None:
            continue
        hit = _to_hit(kind, match, order)
        if hit is not None and (best is None or hit.end > best.end):
            best = hit
    return best


def parse_date(text: str, order: str | None = None) -> DateHit | None:
    """Parse a string that is (essentially) one date; None when it holds no valid date."""
    stripped = text.strip()
    if re.fullmatch(r"(?:19|20)\d{2}", stripped):
        year = int(stripped)
        if MIN_YEAR <= year <= MAX_YEAR:
            return DateHit(stripped, "year", stripped, 0, len(stripped))
        return None
    hits = find_dates(stripped, order=order, limit=1)
    return hits[0] if hits else None


_STAMP_REST = re.compile(
    r"(?:[\s,|·•\-–—/]|(?:at\s+)?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s*[ap]\.?m\.?)?"
    r"|\b(?:GMT|UTC|EST|EDT|CET|CEST|AST|EET|EEST)\b(?:\s*[+-]\d{1,2})?)*",
    re.IGNORECASE,
)


@lru_cache(maxsize=1 << 16)
def is_date_stamp(text: str) -> bool:
    """Whether ``text`` is a date and nothing else, perhaps with a time and zone
    ("December 25th, 2014", "25 Dec 2014 10:15 GMT")."""
    stripped = text.strip()
    hit = parse_date(stripped) if _YEAR_HINT.search(stripped) else None
    if hit is None:
        return False
    return _STAMP_REST.fullmatch(stripped[: hit.start] + " " + stripped[hit.end :]) is not None
