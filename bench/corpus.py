"""A deterministic synthetic corpus of raw page dumps, for benchmarks at 1k-100k articles.

    python bench/corpus.py --articles 10000 --out bench/out/corpus-10k

Each article is a plain-text page dump shaped like the seeds in ``content/raw/``: a site-name
line, sometimes a crawl banner, the headline, a date stamp (2011-2024), sometimes a byline and a
standfirst, 4-12 paragraphs of about 500 words, and the site's own chrome (share prompts, "Read
more" links, advertisements, footers) repeated on every page of that site. A ``manifest.jsonl``
gives each file's url and publisher; ``truth.jsonl`` what was stamped (title, date, places and
actors put in); ``corpus-info.json`` the parameters, and is written last.

The text comes from a word-bigram chain learnt from the cleaned FA-KES bodies in
``content/articles/``, so word frequencies are those of real war reporting; sentences the
sources hold verbatim are rejected. Places, countries and actors are slots in the chain, filled
from ``content/gazetteer/`` with each name's real frequency in the sample archive (a few places
very frequent, a long tail). A few articles are wire copies of an earlier one under another
outlet. Article ``i`` depends only on the seed and ``i``: a 1k corpus is the first thousand files
of a 10k one, and the same arguments always give byte-identical files. The corpus changes only
when the source articles, the gazetteer or ``VERSION`` do.
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import json
import os
import random
import re
import shutil
import sys
import textwrap
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Generic, TypeVar

import yaml

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIR = ROOT / "content" / "articles"
GAZETTEER_DIR = ROOT / "content" / "gazetteer"
SEED = 20110315
VERSION = 1  # bump when the generator's output changes on purpose
INFO_NAME = "corpus-info.json"
MANIFEST_NAME = "manifest.jsonl"
TRUTH_NAME = "truth.jsonl"

START = "\x02"  # chain state before a sentence's first word
END = "\x03"  # chain token after its last word
PLACE, COUNTRY, ACTOR = "\x10P", "\x10C", "\x10A"  # slots filled from the gazetteer
SLOTS = (PLACE, COUNTRY, ACTOR)
SENTENCE_WORDS = (5, 45)
STANDFIRST_WORDS = (12, 40)  # a summary under the headline is a long sentence
HEADLINE_WORDS = (6, 14)
WIRE_COPY_SHARE = 0.03  # articles that reprint an earlier article's story
YEARS = {  # articles per year, roughly the war's news cycle
    2011: 3,
    2012: 7,
    2013: 9,
    2014: 9,
    2015: 10,
    2016: 12,
    2017: 11,
    2018: 10,
    2019: 7,
    2020: 5,
    2021: 4,
    2022: 4,
    2023: 4,
    2024: 3,
}
LAST_CRAWL = date(2025, 6, 30)


def _list(text: str) -> tuple[str, ...]:
    return tuple(text.split())


MONTHS = _list(
    "January February March April May June July August September October November December"
)
WEEKDAYS = _list("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
SMALL_WORDS = frozenset(_list("a an and as at by for from in into of on or the to with"))
COMMA_BEFORE = frozenset(_list("and but while which who after as although where when"))
EDGE_PUNCTUATION = ',;:"“”‘()[]*«»'

# Openings a headline or standfirst must not have: chrome the sources carry ("READ MORE WATCH
# ...", "Source AA"), and "Pictures ...", which the cleaner reads as a photo credit.
_NOT_OPENING = re.compile(
    r"(?:photo|image|picture|foto|credit|source)s?\b"
    r"|.*\b(?:read (?:more|also)|watch|related|click|share|subscribe)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")  # a headline with a date in it reads as a stamp

T = TypeVar("T")


class Weighted(Generic[T]):
    """Items drawn in proportion to their weights, using only ``rng.random()`` (stable)."""

    __slots__ = ("items", "cumulative", "total")

    def __init__(self, pairs: Iterable[tuple[T, float]]) -> None:
        self.items: list[T] = []
        self.cumulative: list[float] = []
        total = 0.0
        for item, weight in pairs:
            if weight > 0:
                total += weight
                self.items.append(item)
                self.cumulative.append(total)
        self.total = total

    def pick(self, rng: random.Random) -> T:
        return self.items[bisect.bisect_right(self.cumulative, rng.random() * self.total)]


@dataclass(frozen=True)
class Name:
    """A gazetteer entry: its canonical name and the spellings an article may use."""

    canonical: str
    spellings: tuple[str, ...]  # canonical name first


@dataclass(frozen=True)
class Model:
    """What the corpus is made of: the word chain, the source sentences and the names."""

    chain: dict[str, Weighted[str]]
    sources: frozenset[str]  # source sentences, to reject verbatim copies
    names: dict[str, Weighted[Name]]  # slot -> names by frequency
    fingerprint: str  # of the source articles and the gazetteer


# --- learning the model ----------------------------------------------------------------------


def _body(text: str) -> tuple[dict, str]:
    """Front matter and body of a cleaned article (markdown escapes undone)."""
    _, head, body = text.split("---\n", 2)
    return yaml.load(head, Loader=yaml.CSafeLoader) or {}, re.sub(r"\\(.)", r"\1", body)


def _tokens(sentence: str) -> list[str]:
    out = []
    for raw in sentence.split():
        token = raw.strip(EDGE_PUNCTUATION)
        if token:
            out.append(token)
    if out:
        out[-1] = out[-1].rstrip(".!?") or out[-1]
    return out


def split_sentences(paragraph: str) -> list[list[str]]:
    """Token lists of a paragraph's sentences."""
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z0-9\"“‘])", paragraph.strip())
    return [tokens for part in parts if len(tokens := _tokens(part)) >= 3]


def _gazetteer_names(gazetteer: Path) -> tuple[dict[str, list[Name]], dict[str, str]]:
    """Names per slot, and the slot each spelling turns into when learning the chain."""
    places = yaml.load((gazetteer / "places.yaml").read_text("utf-8"), Loader=yaml.CSafeLoader)
    actors = yaml.load((gazetteer / "actors.yaml").read_text("utf-8"), Loader=yaml.CSafeLoader)
    names: dict[str, list[Name]] = {PLACE: [], COUNTRY: [], ACTOR: []}
    spelling_slot: dict[str, str] = {}
    countries = set()
    for entry in places["places"]:
        slot = COUNTRY if entry["type"] == "country" else PLACE
        spellings = tuple(dict.fromkeys([entry["name"], *entry.get("aliases", [])]))
        if slot == COUNTRY:
            countries.update(spellings)
        if entry["type"] != "neighbourhood":
            names[slot].append(Name(entry["name"], spellings))
        for spelling in spellings:
            spelling_slot.setdefault(spelling, slot)
    for entry in actors["actors"]:
        if entry["type"] == "state" and entry["name"] in countries:
            continue  # a country acting: the country slot covers it
        spellings = tuple(dict.fromkeys([entry["name"], *entry.get("aliases", [])]))
        names[ACTOR].append(Name(entry["name"], spellings))
        for spelling in spellings:
            spelling_slot.setdefault(spelling, ACTOR)
    return names, spelling_slot


def _mark_slots(tokens: list[str], phrases: dict[str, dict[str, str]], longest: int) -> list[str]:
    """Tokens with gazetteer names (longest match first) replaced by their slot."""
    out, i = [], 0
    while i < len(tokens):
        lengths = phrases.get(tokens[i])
        if lengths:
            for n in range(min(longest, len(tokens) - i), 0, -1):
                slot = lengths.get(" ".join(tokens[i : i + n]))
                if slot:
                    out.append(slot)
                    i += n
                    break
            else:
                out.append(tokens[i])
                i += 1
        else:
            out.append(tokens[i])
            i += 1
    return out


def fingerprint(source_dir: Path, gazetteer: Path) -> str:
    """SHA-256 over the generator's inputs and version."""
    digest = hashlib.sha256(f"dossier-corpus {VERSION}\n".encode())
    paths = [*sorted(source_dir.glob("*.md")), gazetteer / "places.yaml", gazetteer / "actors.yaml"]
    for path in paths:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


@lru_cache(maxsize=2)
def learn(source_dir: Path = SOURCE_DIR, gazetteer: Path = GAZETTEER_DIR) -> Model:
    """The word chain and name frequencies of the cleaned sample archive."""
    slot_names, spelling_slot = _gazetteer_names(gazetteer)
    phrases: dict[str, dict[str, str]] = defaultdict(dict)
    for spelling, slot in spelling_slot.items():
        phrases[spelling.split()[0]][spelling] = slot
    longest = max(len(s.split()) for s in spelling_slot)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    mentions: Counter[str] = Counter()
    sources = set()
    for path in sorted(source_dir.glob("*.md")):
        meta, body = _body(path.read_text("utf-8"))
        mentions.update(meta.get("places") or [])
        mentions.update(meta.get("actors") or [])
        for paragraph in body.split("\n\n"):
            for tokens in split_sentences(paragraph):
                sources.add(" ".join(tokens))
                state = START
                for token in [*_mark_slots(tokens, phrases, longest), END]:
                    counts[state][token] += 1
                    state = token
    chain = {state: Weighted(sorted(c.items())) for state, c in counts.items()}
    # Names weigh what they weigh in the sample archive; the ones it never names a little.
    names = {
        slot: Weighted((n, mentions[n.canonical] + 0.5) for n in entries)
        for slot, entries in slot_names.items()
    }
    return Model(chain, frozenset(sources), names, fingerprint(source_dir, gazetteer))


# --- sites -----------------------------------------------------------------------------------

SITE_FIRST = _list(
    "Levant Orient Euphrates Crescent Meridian Horizon Frontline Atlas Beacon Sentinel Capital "
    "Citizen Northern Eastern Cedar Jasmine Olive Desert Mashriq Barada Qasioun Sham Tigris "
    "Falcon Minaret Caravan Oasis Mirage Harbour"
)
SITE_SECOND = _list(
    "News Times Post Observer Monitor Herald Tribune Daily Review Dispatch Chronicle Report "
    "Press Wire Journal Today Online Insider Voice Gazette"
)
FIRST_NAMES = _list(
    "Ahmad Omar Lina Rami Sara Hassan Nour Karim Maya Tariq Rania Samer Dana Yusuf Leila John "
    "Anne David Maria Thomas Claire Peter Elena Marc Julia"
)
LAST_NAMES = _list(
    "Haddad Khalil Mansour Nasser Saleh Darwish Hamdan Azzam Kassab Qassem Farouk Sabbagh Morgan "
    "Fischer Dubois Rossi Walker Novak Lindqvist Moreau Brennan"
)
AGENCIES = ("AFP", "Reuters", "AP", "SANA", "Anadolu", "DPA")
BANNERS = (
    lambda site, day: "Skip to main content",
    lambda site, day: "Home  World  Middle East  Syria  Opinion  Video  Contact",
    lambda site, day: (
        f"{WEEKDAYS[day.weekday()]}, {day.day} {MONTHS[day.month - 1]} {day.year} | "
        "Login | Subscribe | Facebook Twitter Youtube"
    ),
    lambda site, day: f"Menu  Search  {site.name}  Latest  Politics  Conflict  Newsletter",
)
# Publication stamps, each a style a site keeps: (text of the stamp line, takes a byline).
STAMPS: tuple[Callable[[date, int, int], str], ...] = (
    lambda d, h, m: f"{d.day} {MONTHS[d.month - 1]} {d.year} {h:02d}:{m:02d}",
    lambda d, h, m: f"{MONTHS[d.month - 1]} {d.day}{_ordinal(d.day)}, {d.year}",
    lambda d, h, m: f"Published: {MONTHS[d.month - 1]} {d.day}, {d.year}",
    lambda d, h, m: f"{WEEKDAYS[d.weekday()][:3]} {d.day:02d} {MONTHS[d.month - 1][:3]} {d.year}",
    lambda d, h, m: f"{d.isoformat()} {h:02d}:{m:02d}",
    lambda d, h, m: f"{WEEKDAYS[d.weekday()]}, {d.day} {MONTHS[d.month - 1]} {d.year}",
    lambda d, h, m: f"Date of publication {d.day} {MONTHS[d.month - 1]} {d.year}",
    lambda d, h, m: f"Posted on {MONTHS[d.month - 1]} {d.day}, {d.year} at {h % 12 + 1}:{m:02d} pm",
)
SHARE_LINES = (
    "Share this:",
    "Share on Facebook  Share on Twitter  Share via Email",
    "Share  Tweet  WhatsApp  Email  Print",
    "Click to share on Telegram (Opens in new window)",
)
READ_MORE = ("Read more:", "READ MORE:", "Also read:", "Related:", "Read also:")
AD_LINES = ("Advertisement", "- Advertisement -", "Sponsored content", "ADVERTISEMENT")
NEWSLETTER = (
    "Subscribe to our newsletter",
    "Sign up here to get the latest news and updates delivered directly to your inbox.",
)


def one_of(rng: random.Random, items: Sequence[T]) -> T:
    """``rng.choice`` from ``rng.random()`` alone, which every Python version draws alike."""
    return items[int(rng.random() * len(items))]


def _ordinal(day: int) -> str:
    if 10 <= day % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


@dataclass(frozen=True)
class Site:
    """One synthetic outlet and the page layout it prints every article with."""

    name: str
    domain: str
    stamp: int  # index into STAMPS
    banner: int | None  # index into BANNERS
    byline: float  # share of articles with a "By ..." line
    standfirst: float  # share of articles with a summary under the headline
    suffix: str | None  # " | Site" after headlines
    dateline: float  # share of bodies opening "ALEPPO (AFP) -"
    read_more: str | None
    ads: str | None
    share: str
    footer: tuple[str, ...]
    wrap: int | None  # hard-wrapped paragraphs at this width
    url_style: int


def make_sites(count: int, seed: int = SEED) -> list[Site]:
    """``count`` outlets with distinct names and layouts."""
    rng = random.Random(seed * 7919 + count)
    pairs = [(a, b) for a in SITE_FIRST for b in SITE_SECOND]
    sites = []
    for _ in range(count):
        first, second = pairs.pop(int(rng.random() * len(pairs)))
        name = f"{first} {second}" if rng.random() < 0.7 else f"The {first} {second}"
        domain = (first + second).lower() + one_of(rng, (".com", ".net", ".org", ".co.uk"))
        footer = [f"© {2010 + int(rng.random() * 15)} {name}. All rights reserved."]
        if rng.random() < 0.5:
            footer.insert(0, NEWSLETTER[0])
            footer.insert(1, NEWSLETTER[1])
        if rng.random() < 0.4:
            footer.append(f"Follow us on Twitter @{first}{second}")
        sites.append(
            Site(
                name=name,
                domain=domain,
                stamp=int(rng.random() * len(STAMPS)),
                banner=int(rng.random() * len(BANNERS)) if rng.random() < 0.5 else None,
                byline=one_of(rng, (0.0, 0.5, 0.9)),
                standfirst=one_of(rng, (0.0, 0.3, 0.7)),
                suffix=one_of(rng, (f" | {name}", f" - {name}")) if rng.random() < 0.25 else None,
                dateline=one_of(rng, (0.0, 0.0, 0.3)),
                read_more=one_of(rng, READ_MORE) if rng.random() < 0.6 else None,
                ads=one_of(rng, AD_LINES) if rng.random() < 0.5 else None,
                share=one_of(rng, SHARE_LINES),
                footer=tuple(footer),
                wrap=one_of(rng, (72, 78)) if rng.random() < 0.15 else None,
                url_style=int(rng.random() * 3),
            )
        )
    return sites


# --- writing articles ------------------------------------------------------------------------


@dataclass
class Fill:
    """Fills an article's slots: mostly its own few places and actors, sometimes others."""

    model: Model
    rng: random.Random
    focus: dict[str, list[Name]] = field(default_factory=dict)
    used: dict[str, list[str]] = field(default_factory=lambda: {s: [] for s in SLOTS})

    def __post_init__(self) -> None:
        rng = self.rng
        sizes = {PLACE: 1 + int(rng.random() * 4), COUNTRY: 1, ACTOR: 1 + int(rng.random() * 3)}
        for slot, size in sizes.items():
            self.focus[slot] = [self.model.names[slot].pick(self.rng) for _ in range(size)]

    def __call__(self, slot: str) -> str:
        rng, focus = self.rng, self.focus[slot]
        if rng.random() < 0.7:
            name = focus[int(rng.random() ** 2 * len(focus))]
        else:
            name = self.model.names[slot].pick(rng)
        if name.canonical not in self.used[slot]:
            self.used[slot].append(name.canonical)
        keep = {PLACE: 0.85, COUNTRY: 0.9, ACTOR: 0.6}[slot]
        if len(name.spellings) == 1 or rng.random() < keep:
            return name.canonical
        return name.spellings[1 + int(rng.random() * (len(name.spellings) - 1))]


def chain_tokens(model: Model, rng: random.Random, low: int, high: int) -> list[str]:
    """A sentence's tokens (slots unfilled) of ``low``-``high`` tokens, not a source sentence."""
    chain, rand, find = model.chain, rng.random, bisect.bisect_right
    tokens: list[str] = []
    for _ in range(12):
        tokens, state = [], START
        while len(tokens) <= high:
            step = chain[state]  # Weighted.pick, inlined: this loop is most of the time
            state = step.items[find(step.cumulative, rand() * step.total)]
            if state == END:
                break
            tokens.append(state)
        if low <= len(tokens) <= high and " ".join(tokens) not in model.sources:
            return tokens
    return tokens[:high]


def sentence(
    model: Model, rng: random.Random, fill: Fill, size: tuple[int, int] = SENTENCE_WORDS
) -> str:
    """One sentence of body text, with its slots filled and a few commas."""
    tokens = chain_tokens(model, rng, *size)
    words = [fill(t) if t in SLOTS else t for t in tokens]
    for i in range(1, len(words) - 1):
        if words[i + 1] in COMMA_BEFORE and rng.random() < 0.35:
            words[i] += ","
    text = " ".join(words)
    return text[:1].upper() + text[1:] + "."


def headline(model: Model, rng: random.Random, fill: Fill) -> str:
    """A title-cased headline of 6-14 words, without sentence punctuation or dates."""
    while True:
        tokens = chain_tokens(model, rng, *HEADLINE_WORDS)
        text = " ".join(fill(t) if t in SLOTS else t for t in tokens)
        words = [w for w in text.split() if any(c.isalnum() for c in w)]
        if not 4 <= len(words) <= HEADLINE_WORDS[1] + 2:
            continue  # long actor names can swell it
        if not _NOT_OPENING.match(text) and not _YEAR.search(text):
            break
    words[-1] = words[-1].rstrip(".!?…:-")
    return " ".join(
        w if i and w.lower() in SMALL_WORDS else w[:1].upper() + w[1:] for i, w in enumerate(words)
    )


def body(model: Model, seed: int, index: int) -> tuple[list[str], Fill]:
    """The paragraphs of article ``index`` (about 500 words), and what filled its slots."""
    rng = random.Random(_derive(seed, index, "body"))
    fill = Fill(model, rng)
    # About 500 words (Irwin-Hall: a bell curve from random() alone, sd 130).
    total = min(1200, max(180, int(500 + 225 * (sum(rng.random() for _ in range(4)) - 2))))
    count = 4 + int(rng.random() * 9)
    shares = [0.5 + rng.random() for _ in range(count)]
    paragraphs = []
    for share in shares:
        budget = max(12, int(total * share / sum(shares)))
        sentences, words = [], 0
        while words < budget:
            text = sentence(model, rng, fill)
            sentences.append(text)
            words += text.count(" ") + 1
        paragraphs.append(" ".join(sentences))
    return paragraphs, fill


def _derive(seed: int, index: int, purpose: str) -> int:
    return int.from_bytes(hashlib.sha256(f"{seed}:{index}:{purpose}".encode()).digest()[:8], "big")


_YEAR_WEIGHTS = Weighted(YEARS.items())


def _day(rng: random.Random) -> date:
    year = _YEAR_WEIGHTS.pick(rng)
    days = (date(year + 1, 1, 1) - date(year, 1, 1)).days
    return date(year, 1, 1) + timedelta(days=int(rng.random() * days))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:70].rstrip("-")


@dataclass(frozen=True)
class Generated:
    """One article file's name and text, and what it was made with."""

    file: str
    text: str
    url: str
    publisher: str
    truth: dict


class Corpus:
    """Article ``i`` of the corpus for ``seed`` and ``sites``; independent of the corpus size."""

    def __init__(self, sites: int = 20, seed: int = SEED, model: Model | None = None) -> None:
        self.model = model or learn()
        self.seed = seed
        self.sites = make_sites(sites, seed)
        # A few outlets carry most of the archive.
        self.site_weights = Weighted((s, 1 / (r + 1) ** 0.9) for r, s in enumerate(self.sites))

    def article(self, index: int) -> Generated:
        rng = random.Random(_derive(self.seed, index, "page"))
        site = self.site_weights.pick(rng)
        day = _day(rng)
        copy_of = None
        if index > 0 and rng.random() < WIRE_COPY_SHARE:
            copy_of = max(0, index - 1 - int(rng.random() * 200))
        paragraphs, fill = body(self.model, self.seed, copy_of if copy_of is not None else index)
        if copy_of is not None:
            paragraphs = paragraphs[: max(3, len(paragraphs) - int(rng.random() * 2))]
            day = _day(random.Random(_derive(self.seed, copy_of, "page")))  # same day's story
            day = max(date(2011, 1, 1), day + timedelta(days=int(rng.random() * 2)))
        in_body = {slot: list(names) for slot, names in fill.used.items()}
        # Headline and standfirst come from this page's own chain draws but the body's names.
        fill.rng = rng
        title = headline(self.model, rng, fill)
        lines = [site.name]
        if site.banner is not None:
            crawl = min(LAST_CRAWL, day + timedelta(days=1 + int(rng.random() * 2000)))
            lines.append(BANNERS[site.banner](site, crawl))
        lines += ["", title + (site.suffix or ""), ""]
        standfirst = None
        if rng.random() < site.standfirst:
            while standfirst is None or _NOT_OPENING.match(standfirst):
                standfirst = sentence(self.model, rng, fill, STANDFIRST_WORDS)
        if standfirst:
            lines += [standfirst, ""]
        stamp = STAMPS[site.stamp](day, int(rng.random() * 24), int(rng.random() * 60))
        lines.append(stamp)
        if rng.random() < site.byline:
            first = one_of(rng, FIRST_NAMES)
            last = one_of(rng, LAST_NAMES)
            lines.append(f"By {first} {last}")
        lines.append("")
        if rng.random() < site.dateline:
            where = fill(PLACE).upper()
            agency = one_of(rng, AGENCIES)
            paragraphs = [f"{where} ({agency}) - {paragraphs[0]}", *paragraphs[1:]]
        for number, paragraph in enumerate(paragraphs):
            if site.wrap:
                lines += textwrap.wrap(paragraph, site.wrap)
            else:
                lines.append(paragraph)
            lines.append("")
            last = number == len(paragraphs) - 1
            if not last and site.read_more and rng.random() < 0.12:
                other = headline(self.model, rng, fill)
                lines += [f"{site.read_more} {other}", ""]
            elif not last and site.ads and number == 1:
                lines += [site.ads, ""]
        lines += [site.share, ""]
        tags = list(dict.fromkeys(fill.used[PLACE][:3] + fill.used[ACTOR][:2]))
        if tags and site.read_more:
            lines += ["Tags: " + ", ".join(tags), ""]
        lines += [*site.footer, ""]
        name = f"{index:06d}_{hashlib.sha256(f'{self.seed}:{index}'.encode()).hexdigest()[:16]}"
        return Generated(
            file=f"{name}.txt",
            text="\n".join(lines),
            url=_url(site, day, title, index),
            publisher=site.name,
            truth={
                "file": f"{name}.txt",
                "title": title,
                "date": day.isoformat(),
                "stamp": stamp,
                "publisher": site.name,
                "standfirst": standfirst,
                "places": in_body[PLACE] + in_body[COUNTRY],
                "actors": in_body[ACTOR],
                "wire_copy_of": copy_of,
            },
        )

    def articles(self, count: int, start: int = 0) -> Iterator[Generated]:
        for index in range(start, start + count):
            yield self.article(index)


def _url(site: Site, day: date, title: str, index: int) -> str:
    if site.url_style == 0:
        return f"https://www.{site.domain}/{day.year}/{day.month:02d}/{_slug(title)}"
    if site.url_style == 1:
        return f"https://{site.domain}/news/{_slug(title)}-{index}"
    return f"https://www.{site.domain}/article/{index + 100000}.html"


# --- the corpus folder -----------------------------------------------------------------------


def info(count: int, sites: int, seed: int, model: Model) -> dict:
    """What ``corpus-info.json`` says; a folder whose file matches need not be regenerated."""
    return {
        "articles": count,
        "sites": sites,
        "seed": seed,
        "version": VERSION,
        "fingerprint": model.fingerprint,
    }


def is_current(out: Path, count: int, sites: int = 20, seed: int = SEED) -> bool:
    """Whether ``out`` already holds exactly this corpus."""
    path = out / INFO_NAME
    if not path.is_file():
        return False
    try:
        stored = json.loads(path.read_text("utf-8"))
    except ValueError:
        return False
    wanted = {"articles": count, "sites": sites, "seed": seed, "version": VERSION}
    fresh = fingerprint(SOURCE_DIR, GAZETTEER_DIR)
    return all(stored.get(k) == v for k, v in wanted.items()) and stored.get("fingerprint") == fresh


def write_corpus(
    out: Path,
    count: int,
    sites: int = 20,
    seed: int = SEED,
    workers: int = 1,
    progress: bool = False,
) -> None:
    """Write the corpus into ``out``, article by article; built aside, then swapped in."""
    if out.exists() and any(out.iterdir()) and not (out / INFO_NAME).is_file():
        raise SystemExit(f"{out} exists and is not a generated corpus; not overwriting it")
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = out.parent / f".{out.name}.writing-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    corpus = Corpus(sites, seed)
    started = time.perf_counter()
    with (
        open(staging / MANIFEST_NAME, "w", encoding="utf-8", newline="\n") as manifest,
        open(staging / TRUTH_NAME, "w", encoding="utf-8", newline="\n") as truth,
    ):
        for done, article in enumerate(_generate(corpus, count, workers), start=1):
            (staging / article.file).write_text(article.text, encoding="utf-8", newline="\n")
            row = {"file": article.file, "url": article.url, "publisher": article.publisher}
            manifest.write(json.dumps(row, ensure_ascii=False) + "\n")
            truth.write(json.dumps(article.truth, ensure_ascii=False) + "\n")
            if progress and done % 5000 == 0:
                rate = done / (time.perf_counter() - started)
                print(f"  {done} articles, {rate:.0f}/s", file=sys.stderr)
    stamp = json.dumps(info(count, sites, seed, corpus.model), indent=2) + "\n"
    (staging / INFO_NAME).write_text(stamp, encoding="utf-8")
    if out.exists():
        shutil.rmtree(out)
    os.rename(staging, out)


def _generate(corpus: Corpus, count: int, workers: int) -> Iterator[Generated]:
    """Articles 0..count-1 in order, made by ``workers`` processes (fork) when above one."""
    if workers <= 1 or count < 2000:
        yield from corpus.articles(count)
        return
    import multiprocessing

    global _WORKER_CORPUS
    _WORKER_CORPUS = corpus  # inherited by the forked workers
    chunk = 500
    starts = range(0, count, chunk)
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        for batch in pool.imap(_chunk, [(s, min(chunk, count - s)) for s in starts]):
            yield from batch


_WORKER_CORPUS: Corpus | None = None


def _chunk(span: tuple[int, int]) -> list[Generated]:
    assert _WORKER_CORPUS is not None
    return list(_WORKER_CORPUS.articles(span[1], span[0]))


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000, help="how many articles")
    parser.add_argument("--out", type=Path, required=True, help="folder to write (replaced)")
    parser.add_argument("--sites", type=int, default=20, help="synthetic outlets (10-30)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    write_corpus(args.out, args.articles, args.sites, args.seed, args.workers, progress=True)
    seconds = time.perf_counter() - started
    print(f"{args.articles} articles in {args.out} in {seconds:.1f}s")


if __name__ == "__main__":
    main()
