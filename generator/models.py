"""Frozen values that pass between the pipeline's stages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class SidecarMeta:
    """Per-file metadata from a ``manifest.jsonl``/``manifest.csv`` beside the raw files."""

    url: str | None = None
    publisher: str | None = None
    crawl_date: str | None = None
    extra: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class RawDocument:
    """One raw input file, decoded; never modified on disk."""

    relpath: str  # posix path relative to the raw directory
    path: Path
    text: str
    sha256: str  # of the file's bytes
    kind: str  # "text" | "html" | "markdown"
    sidecar: SidecarMeta = field(default_factory=SidecarMeta)
    # Short lines that recur across files of the same site: chrome, whatever they say.
    repeated: frozenset[str] = frozenset()
    damage: str | None = None  # what decoding lost (bad bytes), for a warning
    damage_line: int | None = None


@dataclass(frozen=True)
class RawSource:
    """A raw file as the first reading leaves it: what it is, without its text (kept small so
    100,000 of them fit in memory), and the keys of its short lines for the site profiles."""

    relpath: str
    path: Path
    sha256: str
    kind: str
    sidecar: SidecarMeta
    line_keys: tuple[int, ...]
    damage: tuple[str, int | None] | None = None  # what decoding lost, and on which line


@dataclass(frozen=True)
class Cleaned:
    """What the cleaner reads from a raw document, before places and actors."""

    title: str
    paragraphs: tuple[str, ...]
    date: str | None = None  # ISO YYYY-MM-DD (or YYYY-MM, YYYY by precision)
    date_precision: str | None = None  # "day" | "month" | "year" | None
    date_evidence: str | None = None  # the string the date was read from
    source: str | None = None  # publisher
    agency: str | None = None  # wire agency credited by the article
    byline: str | None = None  # author or translator
    standfirst: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Article:
    """A cleaned, enriched article: the front matter plus its markdown body."""

    slug: str
    title: str
    body: str  # markdown paragraphs separated by blank lines
    date: str | None = None
    date_precision: str | None = None
    date_evidence: str | None = None
    source: str | None = None
    agency: str | None = None
    byline: str | None = None
    standfirst: str | None = None
    places: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    url: str | None = None
    raw_file: str | None = None
    raw_sha256: str | None = None
    words: int = 0
    hand_edited: bool = False


@dataclass(frozen=True)
class Generated:
    """An article cleaned from a raw file and the markdown file text the build writes for it."""

    article: Article
    markdown: str


@dataclass(frozen=True)
class SiteFile:
    """A file of the site besides the pages: its path, a key naming its content (the same key,
    the same bytes) and how to make its text, called only when no earlier site has a file of
    that key to keep."""

    path: str
    key: str
    content: Callable[[], str | bytes]


@dataclass(frozen=True)
class ResultPreview:
    """One result as search.html shows it before its script runs."""

    url: str  # relative to the site's root
    title: str
    date: str | None
    source: str | None
    snippet: str


@dataclass(frozen=True)
class ArticleFiles:
    """What an article page offers to download: site paths of its cleaned markdown and of a
    byte-for-byte copy of its raw file (None when there is none), the raw file's own name and
    the SHA-256 of the copy."""

    markdown: str | None = None
    raw: str | None = None
    raw_name: str | None = None
    raw_sha256: str | None = None


@dataclass(frozen=True)
class Column:
    """One column of the data exports, as their Table Schema and data.html describe it."""

    name: str
    type: str  # Table Schema type in the JSON export; lists are "; "-joined strings in CSV
    description: str
    constraints: tuple[tuple[str, object], ...] = ()
