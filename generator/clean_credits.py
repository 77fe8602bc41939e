"""Credits around an article: wire agencies, bylines, datelines and site names in titles."""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.clean_norm import fold, stopword_ratio, words
from generator.dates import DateHit, find_dates

# Wire and national news agencies: a domain vocabulary (who can be credited as "agency"),
# not a list of sites. Keys are matched case-insensitively as whole words.
AGENCIES: dict[str, str] = {
    "reuters": "Reuters",
    "thomson reuters": "Reuters",
    "afp": "AFP",
    "agence france-presse": "AFP",
    "agence france presse": "AFP",
    "ap": "AP",
    "associated press": "AP",
    "the associated press": "AP",
    "dpa": "DPA",
    "ansa": "ANSA",
    "efe": "EFE",
    "upi": "UPI",
    "xinhua": "Xinhua",
    "sana": "SANA",
    "tass": "TASS",
    "itar-tass": "TASS",
    "ria novosti": "RIA Novosti",
    "ria": "RIA Novosti",
    "interfax": "Interfax",
    "anadolu": "Anadolu Agency",
    "anadolu agency": "Anadolu Agency",
    "aa": "Anadolu Agency",
    "dha": "DHA",
    "irna": "IRNA",
    "isna": "ISNA",
    "fars": "Fars",
    "tasnim": "Tasnim",
    "kuna": "KUNA",
    "wam": "WAM",
    "mena": "MENA",
    "nna": "NNA",
    "qna": "QNA",
    "spa": "SPA",
    "petra": "Petra",
    "kyodo": "Kyodo",
    "yonhap": "Yonhap",
    "pti": "PTI",
    "bloomberg": "Bloomberg",
    "sputnik": "Sputnik",
}
AGENCY_PATTERN = "|".join(sorted((re.escape(key) for key in AGENCIES), key=len, reverse=True))
AGENCY_RE = re.compile(rf"\b(?:{AGENCY_PATTERN})\b", re.IGNORECASE)
_AGENCY_FULL = re.compile(rf"^\s*(?:{AGENCY_PATTERN})\s*$", re.IGNORECASE)
_DASHES = "-–—"
_SEGMENT_SPLIT = re.compile(r"\s*[–—|]\s*|\s+-\s+|^\s*-\s*|\s*-\s*$")
_BY = re.compile(
    r"^(?:(?P<role>translated|written|reported|compiled|edited|reporting|writing|editing|"
    r"additional reporting)\s+by|by)\s*:?\s+(?P<name>.+)$",
    re.IGNORECASE,
)
_TIME_ONLY = re.compile(
    r"^\d{1,2}[:.h]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,5}(?:[+\-]\d{1,2})?)?$",
    re.IGNORECASE,
)
_UPDATED = re.compile(r"^(?:last\s+)?(?:updated?|modified)\b", re.IGNORECASE)
_ROLE_NAMES = {"translated": "translator", "edited": "editor", "editing": "editor"}
# " | Site", " - Site", and "Headline- Site" (a dash against the word, then a space).
_SUFFIX_SEPARATORS = re.compile(r"\s+[|·»:]{1,2}\s+|\s*[-–—]{1,2}\s+")


@dataclass(frozen=True)
class Credit:
    """What a dateline or credit line says: date, publisher, agency, byline."""

    date: DateHit | None = None
    source: str | None = None
    agency: str | None = None
    byline: str | None = None


def agency_name(text: str) -> str | None:
    """Canonical agency name when ``text`` is exactly an agency."""
    if not _AGENCY_FULL.match(text):
        return None
    return AGENCIES[text.strip().lower()]


def agencies_in(text: str) -> list[str]:
    """Canonical names of all agencies mentioned in ``text``, in order, once each."""
    found: list[str] = []
    for match in AGENCY_RE.finditer(text):
        token = match.group(0)
        if len(token) <= 3 and not token.isupper():
            continue  # "ap", "aa", "ria" in lower case are ordinary words
        name = AGENCIES[token.lower()]
        if name not in found:
            found.append(name)
    return found


def parse_byline(text: str) -> str | None:
    """The name in "By X" / "translated by X", with the role when it is not the author's."""
    match = _BY.match(text.strip(" " + _DASHES))
    if not match:
        return None
    name = re.split(r"\s*[;|]\s*|\s+[-–—]\s+", match.group("name"))[0].strip(" ,.")
    tokens = words(name)
    if not tokens or len(tokens) > 8 or stopword_ratio(tokens) > 0.2:
        return None
    if not any(token[:1].isupper() for token in tokens):
        return None  # "by admin", "by staff": a login, not a byline
    role = (match.group("role") or "").lower()
    label = _ROLE_NAMES.get(role)
    return f"{name} ({label})" if label else name


def _split_agency(byline: str) -> tuple[str, str | None]:
    """ "Jane Doe, AFP" -> ("Jane Doe", "AFP")."""
    name, _, rest = byline.rpartition(",")
    credited = agency_name(rest) if name else None
    return (name.strip(), credited) if credited else (byline, None)


def looks_like_name(text: str) -> bool:
    """A short capitalised phrase: a publisher or place name, not a sentence."""
    tokens = words(text)
    if not 1 <= len(tokens) <= 6 or text.rstrip().endswith("."):
        return False
    capitals = sum(1 for token in tokens if token[:1].isupper() or token.lower() in {"of", "the"})
    return capitals == len(tokens)


def parse_credit_line(line: str, name_only: bool = False) -> Credit | None:
    """Read a dateline/credit line like "July 4th, 2017 – Fort Russ News –" or "– SANA – ...".

    Returns None unless every dash-delimited segment is a date, an agency, a byline or a
    short name, so ordinary sentences with dashes are never taken for credits. With
    ``name_only`` (the rest of a stamp line) a lone publisher name is accepted too.
    """
    text = line.strip()
    if not text or len(text) > 160 or text.endswith((".", "?", "!")):
        return None
    segments = [segment for segment in _SEGMENT_SPLIT.split(text) if segment and segment.strip()]
    if not segments:
        return None
    hit: DateHit | None = None
    source = agency = byline = None
    updated = False
    for segment in segments:
        segment = segment.strip()
        dates = find_dates(segment, limit=1)
        if _TIME_ONLY.match(segment):
            continue
        if dates and len(words(segment.replace(dates[0].evidence, ""))) <= 3:
            if _UPDATED.match(segment):
                updated = True  # a later "Updated:" stamp is read but never used
            else:
                hit = hit or dates[0]
        elif (name := agency_name(segment.strip("()"))) is not None:
            agency = agency or name
        elif (person := parse_byline(segment)) is not None:
            person, credited = _split_agency(person)
            byline, agency = byline or person, agency or credited
        elif looks_like_name(segment):
            # a name after the date or a credit is the publisher; before it, a section label
            if name_only or hit or agency or byline:
                source = source or segment
        else:
            return None
    if hit is None and agency is None and byline is None and not (name_only and source):
        return Credit() if updated and name_only else None
    return Credit(date=hit, source=source, agency=agency, byline=byline)


_NAME_NOISE = frozenset({"the", "news", "online", "com", "www", "english", "international"})


def same_name(a: str, b: str) -> bool:
    """Loose equality of publisher names ("Jordan Times" ~ "The Jordan Times", "Al-Manar" ~
    "Al Manar TV Website Archive")."""
    fa = [t for t in fold(a).replace("-", " ").split() if t not in _NAME_NOISE]
    fb = [t for t in fold(b).replace("-", " ").split() if t not in _NAME_NOISE]
    if not fa or not fb:
        return False
    if "".join(fa) == "".join(fb):
        return True
    shorter, longer = sorted((fa, fb), key=len)
    return len(shorter) >= 2 and all(token in longer for token in shorter)


def _is_site(name: str, sep: str, known: list[str]) -> bool:
    """Whether ``name``, cut off a headline at ``sep``, names the site."""
    if any(same_name(name, other) for other in known if other):
        return True
    if re.fullmatch(r"(?:www\.)?[\w\-]+(?:\.[a-z]{2,})+", name, re.IGNORECASE):
        return True
    piped = sep.strip()[0] in "|·»" or sep.strip() == "::"
    return piped and looks_like_name(name)


def strip_site_suffix(title: str, known: list[str]) -> tuple[str, str | None]:
    """Remove a trailing " | Site" / " - Site" (or a leading "Site - ") from a headline.

    Returns (title, site or None). A pipe-like separator (|, ::, », ·) before a short name is
    always a site suffix; a dash only when the name matches a publisher known from the page or
    its metadata, because headlines also end in attributions ("... - Homs Governor"). Section
    names between the headline and the site ("... - Region - World - Site") go with it.
    """
    separators = list(_SUFFIX_SEPARATORS.finditer(title))
    if not separators:
        return title, None
    first, last = separators[0], separators[-1]
    head, tail, sep = title[: last.start()].strip(), title[last.end() :].strip(), last.group(0)
    if len(words(head)) >= 2 and _is_site(tail, sep, known):
        for match in reversed(separators[:-1]):
            section = head[match.end() :].strip()
            if match.group(0) != sep or len(words(section)) > 2 or not looks_like_name(section):
                break
            head = head[: match.start()].strip()
        return head, tail
    prefix, rest = title[: first.start()].strip(), title[first.end() :].strip()
    if len(words(rest)) >= 2 and any(same_name(prefix, other) for other in known if other):
        return rest, prefix
    return title, None
