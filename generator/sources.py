"""Raw files read in two passes, so neither holds every text at once and the cache can skip one.

The first pass reads each file for what the whole archive needs (its hash and the keys of its
short lines, for the site profiles) and keeps no text. A :class:`CleanJob` then names all that
an article depends on: the file's bytes, its sidecar metadata, its slug, which of its lines the
site profile calls chrome, the gazetteer and the program. Its :attr:`~CleanJob.key` finds the
article a previous build cleaned from the same inputs; only the others are read again, by
:func:`read_job`, and cleaned.
"""

from __future__ import annotations

import os
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from generator import ingest as raw_files
from generator.digest import digest
from generator.errors import InputError, Problem
from generator.models import RawDocument, RawSource, SidecarMeta
from generator.progress import Progress
from generator.site_profile import SiteProfiles, file_keys, lines_with_keys


@dataclass(frozen=True)
class CleanJob:
    """One raw file to turn into an article, with everything the article depends on."""

    slug: str
    source: RawSource
    raw_dir: Path
    repeated: frozenset[int]  # keys of its lines the site profile calls chrome
    context: str  # fingerprint of the program and the gazetteer

    @property
    def key(self) -> str:
        """The cache key of the article: a digest of every input."""
        s = self.source
        meta = repr((s.sidecar.url, s.sidecar.publisher, s.sidecar.crawl_date, s.sidecar.extra))
        repeated = ",".join(map(str, sorted(self.repeated)))
        return digest(self.context, self.slug, s.relpath, s.kind, s.sha256, meta, repeated)


def scan(raw_dir: Path, path: Path, sidecar: SidecarMeta | None) -> RawSource:
    """Read one raw file for its identity and line keys; raises InputError if unusable."""
    raw = raw_files.read_raw(path, raw_dir, sidecar)
    keys = tuple(sorted(file_keys(raw.text)))
    damage = (raw.damage, raw.damage_line) if raw.damage else None
    return RawSource(raw.relpath, raw.path, raw.sha256, raw.kind, raw.sidecar, keys, damage)


Identity = tuple[int, int, int, int, int]  # size, mtime and ctime (ns), inode, device
#: A file as an earlier build scanned it: its identity then, hash, kind, line keys and what
#: decoding it lost (plain tuples: 10,000 of them load and store quickly).
Scanned = tuple[Identity, str, str, tuple[int, ...], tuple[str, int | None] | None]
SETTLED_NS = 2_000_000_000  # a file changed this close to a scan may change again unseen


def identity(path: str) -> Identity | None:
    """What the file system says about a file's bytes without reading them: any write
    changes its ctime, which no program can set back."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino, stat.st_dev


def scan_all(
    raw_dir: Path,
    paths: Sequence[Path],
    problems: list[Problem],
    progress: Progress,
    earlier: Mapping[str, Scanned] | None = None,
) -> tuple[list[RawSource], dict[str, Scanned]]:
    """Scan every raw file with its sidecar metadata; unreadable files become problems.
    A file whose identity is the one ``earlier`` scanned is not read again; returns the scans
    to remember (of files that had not changed just before the scan began)."""
    earlier = earlier or {}
    sidecars = raw_files.read_manifests(raw_dir, problems)
    settled = time.time_ns() - SETTLED_NS
    sources, scans = [], {}
    root = os.path.join(os.fspath(raw_dir), "")
    for path in progress("Reading", paths):
        name = os.fspath(path)
        relpath = _relative(root, name) or path.relative_to(raw_dir).as_posix()
        sidecar = sidecars.get(relpath)
        seen, known = identity(name), earlier.get(relpath)
        try:
            if seen is not None and known is not None and known[0] == seen:
                _, sha256, kind, keys, damage = known
                meta = sidecar or SidecarMeta()
                source = RawSource(relpath, path, sha256, kind, meta, keys, damage)
            else:
                source = scan(raw_dir, path, sidecar)
        except InputError as exc:
            problems.append(Problem((raw_dir / relpath).as_posix(), str(exc), exc.line))
            continue
        if source.damage:  # read all the same, the bad bytes shown as U+FFFD
            problems.append(Problem((raw_dir / relpath).as_posix(), *source.damage))
        sources.append(source)
        if seen is not None and max(seen[1], seen[2]) < settled:
            scans[relpath] = (seen, source.sha256, source.kind, source.line_keys, source.damage)
    return sources, scans


def _relative(root: str, name: str) -> str | None:
    """``name`` below the folder ``root`` (ending in a separator) as a posix path, quickly
    (None when it is not spelt that way: pathlib knows better)."""
    return name[len(root) :] if os.sep == "/" and name.startswith(root) else None


def clean_jobs(
    raw_dir: Path, sources: Sequence[RawSource], slugs: Mapping[str, str], context: str
) -> list[CleanJob]:
    """A job per scanned file, with the chrome lines its site profile learnt."""
    profiles = SiteProfiles()
    for source in sources:
        profiles.learn(source, source.line_keys)
    return [
        CleanJob(
            slug=slugs[s.relpath],
            source=replace(s, line_keys=()),  # learnt: no longer needed
            raw_dir=raw_dir,
            repeated=profiles.repeated_keys(s, s.line_keys),
            context=context,
        )
        for s in sources
    ]


def read_job(job: CleanJob) -> RawDocument:
    """The raw document of a job, read again, with its chrome lines; raises InputError if
    the file changed since it was scanned."""
    raw = raw_files.read_raw(job.source.path, job.raw_dir, job.source.sidecar)
    if raw.sha256 != job.source.sha256:
        raise InputError("changed while the build was reading it; build again")
    return replace(raw, repeated=lines_with_keys(raw.text, job.repeated))
