"""The archive's Whoosh index, kept by the build beside the content for ``dossier search``.

This is the one module that imports Whoosh; :mod:`generator.fulltext_search` and
:mod:`generator.fulltext_related` take its names from here. Whoosh 2.7.4 is unmaintained and
its modules warn as they compile on new Pythons (invalid escape sequences), and it imports many
of them lazily, later, so every Whoosh module is imported once, here, with those warnings
silenced: nothing Whoosh compiles can warn afterwards.

The index in ``content/.dossier-cache/fulltext/`` holds every article once, with the digest of
what was indexed of it, in one segment per bucket of articles (:mod:`generator.fulltext_segments`
says which). A build writes again only the buckets holding a changed, added or removed article
and keeps the other segments as they are, so the index never holds deleted documents and is,
segment for segment, the index made from nothing: every score is the same. Writes rely on
Whoosh's commit, as its multi-segment writer does: the new segments' files are written first,
then the table of contents to a temporary file that is renamed over the old one (atomic on
POSIX), and only then are the dropped segments' files deleted (and any a killed build left), so
a build killed at any moment leaves the last committed index. An index that does not open is
made again.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import importlib
import inspect
import logging
import pkgutil
import re
import shutil
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.cache import cache_dir
from generator.digest import code_fingerprint, digest
from generator.errors import DossierError
from generator.facets import Facet, all_values
from generator.fulltext_segments import StoredSegment, order, plan
from generator.models import Article
from generator.search_index import markdown_to_text
from generator.search_records import start_day

with warnings.catch_warnings():
    warnings.simplefilter("ignore", SyntaxWarning)
    warnings.simplefilter("ignore", DeprecationWarning)
    import whoosh
    from whoosh import (
        analysis,
        classify,
        columns,
        fields,
        index,
        qparser,
        query,
        reading,
        sorting,
        writing,
    )
    from whoosh.writing import LockError

    for _module in pkgutil.walk_packages(whoosh.__path__, "whoosh."):
        # Compile them all now: Whoosh imports most of them lazily, mid-search. Optional
        # parts (Google App Engine, benchmarks) do not import.
        with contextlib.suppress(ImportError):
            importlib.import_module(_module.name)

__all__ = ["analysis", "classify", "fields", "index", "qparser", "query", "sorting"]

log = logging.getLogger(__name__)

FOLDER = "fulltext"
FORMAT = 2  # part of the index's name, with its schema's code
#: The fields a query's words are looked for in when it names none.
TEXT_FIELDS = ("title", "standfirst", "body")
TITLE_BOOST = 3.0
#: Filter facets: a filter of one facet keeps articles having all its values (``False``) or
#: any of them (``True``, facets an article has one value of).
FACETS: tuple[tuple[str, bool], ...] = (
    ("place", False),
    ("actor", False),
    ("source", True),
    ("year", True),
)
SEPARATOR = "\x1f"  # between a facet's values in one field (names hold commas and spaces)
LIMIT_MB = 256  # memory a writer fills before it sorts postings out to a file
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


@functools.cache
def index_name() -> str:
    """The index's name in its folder, from the code of its schema: an index with another
    schema is not opened but made again."""
    return f"dossier_{digest(str(FORMAT), inspect.getsource(schema))[:12]}"


def label_field(facet: str) -> str:
    """The column that keeps a facet's values as written, for counting them: one read per
    hit, where a field of terms would be inverted over every article at each search."""
    return f"{facet}_label"


def schema() -> fields.Schema:
    """Text fields (stemmed, title boosted), facet fields (``place:aleppo`` matches however it
    is written) with their values as written for counts, dates and the article's digest."""
    text = analysis.StemmingAnalyzer()
    values = analysis.RegexTokenizer(f"[^{SEPARATOR}]+")
    facet_fields = {}
    for name, _ in FACETS:
        facet_fields[name] = fields.TEXT(
            analyzer=values | analysis.LowercaseFilter(), phrase=False, stored=name == "source"
        )
        facet_fields[label_field(name)] = fields.COLUMN(columns.VarBytesColumn())
    return fields.Schema(
        slug=fields.ID(unique=True, stored=True, sortable=True),
        digest=fields.STORED(),
        title=fields.TEXT(analyzer=text, field_boost=TITLE_BOOST, stored=True),
        standfirst=fields.TEXT(analyzer=text),
        body=fields.TEXT(analyzer=text),
        date=fields.STORED(),
        # Days since 1970-01-01 of the first day the date can mean (undated: none, and last
        # when sorting newest first).
        day=fields.NUMERIC(int, bits=32, signed=True, sortable=True, default=0),
        **facet_fields,
    )


@dataclass(frozen=True)
class IndexEntry:
    """What the index holds of one article."""

    slug: str
    title: str
    standfirst: str
    body: str  # markdown
    date: str | None
    facets: tuple[tuple[str, tuple[str, ...]], ...]  # (facet, values) in FACETS order

    @functools.cached_property
    def digest(self) -> str:
        """What was indexed of the article, and by which code (worked out once: the plan and
        the writer both read it)."""
        values = (part for name, found in self.facets for part in (name, SEPARATOR.join(found)))
        parts = (self.slug, self.title, self.standfirst, self.body, self.date or "", *values)
        return digest(code_fingerprint("fulltext"), *parts)


def index_entries(articles: Iterable[Article], facets: Sequence[Facet]) -> tuple[IndexEntry, ...]:
    """The index entry of every article: each filter facet's values with the broader values
    containing them (an article about Aleppo is also about Syria), and its year."""
    by_name = {facet.name: facet for facet in facets}

    def values(article: Article, name: str) -> tuple[str, ...]:
        if name == "year":
            return (article.date[:4],) if article.date else ()
        return all_values(by_name[name], article) if name in by_name else ()

    return tuple(
        IndexEntry(
            slug=article.slug,
            title=article.title,
            standfirst=article.standfirst or "",
            body=article.body,
            date=article.date,
            facets=tuple((name, values(article, name)) for name, _ in FACETS),
        )
        for article in sorted(articles, key=lambda a: a.slug)
    )


@dataclass(frozen=True)
class FulltextIndex:
    """Where the index is, a digest naming what it holds, and what this build changed."""

    folder: Path
    content: str
    articles: int
    indexed: int  # articles (re-)indexed by this build
    removed: int


def fulltext_dir(content_dir: Path) -> Path:
    """The index folder of the archive whose cleaned articles are in ``content_dir``."""
    return cache_dir(content_dir) / FOLDER


def update_index(folder: Path, entries: Sequence[IndexEntry], fresh: bool = False) -> FulltextIndex:
    """Bring the index in ``folder`` up to ``entries``: only the buckets of changed, added and
    removed articles are indexed again, unless ``fresh``."""
    wanted = {entry.slug: entry for entry in entries}
    digests = {slug: wanted[slug].digest for slug in sorted(wanted)}
    ix, seen = _existing(folder)  # even when ``fresh``: rewriting it is one atomic commit
    held = {slug for segment in seen.segments for slug in segment.digests}
    content = digest(*(part for item in digests.items() for part in item))
    indexed = 0
    if ix is None:
        ix, seen = _writable(folder), Snapshot(0, ())
    if plan(seen.segments, digests, fresh).needed:
        indexed = _write(ix, seen, wanted, digests, fresh)
    return FulltextIndex(folder, content, len(wanted), indexed, len(held - wanted.keys()))


def open_searcher(folder: Path) -> Any:
    """A Whoosh searcher of the index in ``folder`` (close it); a clear error when no build
    made one or it does not read."""
    for attempt in range(2):
        try:
            if not _has_index(folder):
                raise DossierError(f"no search index in {folder}: run 'dossier build' first")
            return index.open_dir(str(folder), indexname=index_name()).searcher()
        except FileNotFoundError:  # a build replaced the index between two reads
            if attempt == 0:
                continue
            problem = "it keeps changing"
        except DossierError:
            raise
        except Exception as exc:  # noqa: BLE001  (whatever Whoosh trips on in a broken index)
            problem = f"it does not read ({exc})"
            _let_go(exc)
        break
    raise DossierError(f"the search index in {folder}: {problem}; run 'dossier build' again")


def index_segments(folder: Path) -> tuple[StoredSegment, ...]:
    """What each segment of the index in ``folder`` holds, in the order they are listed."""
    return _existing(folder)[1].segments


@dataclass(frozen=True)
class Snapshot:
    """What the segments of one commit (a generation) of the index hold."""

    generation: int
    segments: tuple[StoredSegment, ...]


def _existing(folder: Path) -> tuple[index.Index | None, Snapshot]:
    """The index in ``folder``, if one with this schema reads, and what its segments hold."""
    try:
        if not _has_index(folder):
            return None, Snapshot(-1, ())
        ix = index.open_dir(str(folder), indexname=index_name())
        return ix, _snapshot(ix)
    except Exception as exc:  # noqa: BLE001  (a broken index is made again, whatever broke)
        log.warning("search index %s unreadable (%s); indexing everything again", folder, exc)
        _let_go(exc)
    return None, Snapshot(-1, ())


def _snapshot(ix: index.Index) -> Snapshot:
    """What the last commit of ``ix`` holds (its generation read first: a commit in between
    makes it look older, never newer)."""
    generation = ix.latest_generation()
    with ix.reader() as reader:
        return Snapshot(generation, _stored(reader))


def _stored(reader: Any) -> tuple[StoredSegment, ...]:
    """What each segment ``reader`` reads holds (an index without any has none)."""
    return tuple(
        StoredSegment(
            leaf.segment().segment_id(),
            {found["slug"]: found["digest"] for found in leaf.all_stored_fields()},
            leaf.has_deletions(),
        )
        for leaf, _ in reader.leaf_readers()
        if isinstance(leaf, reading.SegmentReader)
    )


def _has_index(folder: Path) -> bool:
    """Whether ``folder`` holds a table of contents of an index of this schema (Whoosh's own
    test opens it, and takes a broken one for none)."""
    return folder.is_dir() and any(folder.glob(f"_{index_name()}_*.toc"))


def _let_go(error: BaseException) -> None:
    """Close the files Whoosh left open when it gave up on a broken index (its frames in the
    traceback hold them), without the ResourceWarning that would otherwise follow."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        error.__traceback__ = None
        gc.collect()


def _writable(folder: Path) -> index.Index:
    """A new empty index in ``folder``, replacing whatever does not open there."""
    if folder.exists() and not folder.is_dir():
        folder.unlink()
    folder.mkdir(parents=True, exist_ok=True)
    for leftover in folder.iterdir():  # other formats, a broken index, a killed writer's files
        if leftover.is_dir():
            shutil.rmtree(leftover, ignore_errors=True)
        else:
            leftover.unlink(missing_ok=True)
    return index.create_in(str(folder), schema(), indexname=index_name())


def _write(
    ix: index.Index,
    seen: Snapshot,
    wanted: Mapping[str, IndexEntry],
    digests: Mapping[str, str],
    fresh: bool,
) -> int:
    """One commit bringing ``ix`` (last seen as ``seen``) to ``wanted``: each bucket to write
    again as a new segment, the segments kept, all in bucket order; the number of articles
    indexed."""
    try:
        writer = ix.writer(timeout=30.0, limitmb=LIMIT_MB)
    except LockError as exc:
        message = f"the search index in {ix.storage.folder} is locked by another build"
        raise DossierError(message) from exc
    try:
        if writer.generation != seen.generation + 1:  # another build committed since
            seen = _snapshot(ix)
        todo = plan(seen.segments, digests, fresh)
        kept = {segment.segment_id(): segment for segment in writer.segments}
        new = {n: _segment(ix, [wanted[slug] for slug in todo.write[n]]) for n in todo.write}
        final = [new[n] if n in new else kept[todo.keep[n]] for n in order(todo)]
    except BaseException:
        writer.cancel()
        raise
    # Whoosh calls the merge policy with the old segments and lists what it returns (this
    # writer adds no document, so no segment of its own).
    writer.commit(mergetype=lambda _writer, _old: final)
    return todo.written


def _segment(ix: index.Index, entries: Sequence[IndexEntry]) -> Any:
    """A new segment of ``entries``, in that order, not yet listed in the index: a writer that
    does not lock (the caller's holds the lock) and shares its temporary folder, as the
    sub-writers of Whoosh's ``MpWriter(multisegment=True)`` do."""
    writer = writing.SegmentWriter(ix, _lk=False, limitmb=LIMIT_MB)
    try:
        for entry in entries:
            writer.add_document(**document(entry))
        return writer._finalize_segment()
    except BaseException:
        writer._close_segment()  # files it wrote are deleted by the next commit
        raise


def document(entry: IndexEntry) -> dict[str, Any]:
    """The fields Whoosh indexes for ``entry``."""
    found: dict[str, Any] = {
        "slug": entry.slug,
        "digest": entry.digest,
        "title": _text(entry.title),
        "standfirst": _text(entry.standfirst),
        "body": _text(markdown_to_text(entry.body)),
        "date": entry.date or "",
    }
    for name, values in entry.facets:
        found[name] = _text(SEPARATOR.join(values))
        found[label_field(name)] = found[name].encode("utf-8")
    day = start_day(entry.date)
    if day is not None:
        found["day"] = day
    return found


def _text(text: str) -> str:
    """Text Whoosh can encode (a lone surrogate would stop the build)."""
    return _LONE_SURROGATE.sub("\ufffd", text)
