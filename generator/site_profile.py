"""Learn a site's chrome from repetition: short lines that recur across its files.

Navigation, footers, share prompts and newsletter boxes repeat on every page of a site;
an article's own sentences do not. Files belong to one site when their sidecar manifest
names the same publisher, else when they share a folder.
"""

from __future__ import annotations

import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from generator.dates import is_date_stamp
from generator.models import RawDocument, SidecarMeta


class FromSite(Protocol):
    """A raw file, read or only scanned: where it is and who published it."""

    @property
    def relpath(self) -> str: ...

    @property
    def sidecar(self) -> SidecarMeta: ...


MIN_FILES = 3  # a line in this many files of a site is chrome...
MAX_WORDS = 15  # ...when it is this short: long repeated paragraphs are duplicated stories


def site_key(raw: FromSite) -> str:
    """Which site a raw file comes from: its publisher, else its folder."""
    if raw.sidecar.publisher:
        return f"publisher:{raw.sidecar.publisher}"
    return "folder:" + raw.relpath.rpartition("/")[0]


def line_key(line: str) -> int | None:
    """A stable hash of a short line, ignoring case and spacing; None for other lines."""
    words = line.split()
    if not words or len(words) > MAX_WORDS:
        return None
    return zlib.crc32(" ".join(words).casefold().encode("utf-8"))


def file_keys(text: str) -> set[int]:
    keys = {line_key(line) for line in text.splitlines()}
    keys.discard(None)
    return keys  # type: ignore[return-value]


@dataclass
class SiteProfiles:
    """Per site, in how many files each short line occurs."""

    counts: dict[str, Counter[int]] = field(default_factory=lambda: defaultdict(Counter))

    def learn(self, raw: FromSite, keys: Iterable[int]) -> None:
        """Count the short lines of one file (``keys``: its ``file_keys``)."""
        self.counts[site_key(raw)].update(keys)

    def repeated_keys(self, raw: FromSite, keys: Iterable[int]) -> frozenset[int]:
        """Those of a file's ``keys`` that recur in enough files of its site to be chrome."""
        counts = self.counts.get(site_key(raw))
        if not counts:
            return frozenset()
        return frozenset(key for key in keys if counts[key] >= MIN_FILES)

    def repeated_lines(self, raw: RawDocument) -> frozenset[str]:
        """The lines of ``raw`` that recur in enough files of its site to be chrome."""
        return lines_with_keys(raw.text, self.repeated_keys(raw, file_keys(raw.text)))


def lines_with_keys(text: str, keys: frozenset[int]) -> frozenset[str]:
    """The short lines of ``text`` whose key is in ``keys``, spaced as the cleaner compares;
    never a date stamp: a site's articles of one day share theirs ("December 25th, 2014"),
    and it is their date, not chrome."""
    if not keys:
        return frozenset()
    return frozenset(
        " ".join(line.split())
        for line in text.splitlines()
        if line_key(line) in keys and not is_date_stamp(line)
    )


def learn_profiles(raws: Iterable[RawDocument]) -> SiteProfiles:
    """Site profiles learnt from every raw file."""
    profiles = SiteProfiles()
    for raw in raws:
        profiles.learn(raw, file_keys(raw.text))
    return profiles
