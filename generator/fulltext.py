"""The archive's Whoosh index, kept by the build beside the content for ``dossier search``.

This is the one module that imports Whoosh; :mod:`generator.fulltext_search` and
:mod:`generator.fulltext_related` take its names from here. Whoosh 2.7.4 is unmaintained and
its modules warn as they compile on new Pythons (invalid escape sequences), and it imports many
of them lazily, later, so every Whoosh module is imported once, here, with those warnings
silenced: nothing Whoosh compiles can warn afterwards.

The index is one Whoosh segment in ``content/.dossier-cache/fulltext/`` holding every article
once, with the digest of what was indexed of it. A build re-indexes only the articles whose
digest changed (and drops the removed ones), then merges into one segment again, so the index
holds no deleted documents: its statistics, and so every score, are those of an index made from
nothing. Writes rely on Whoosh's commit: new segment files are written first, then the table of
contents to a temporary file that is renamed over the old one (atomic on POSIX), and only then
are the old files deleted, so a build killed at any moment leaves the last committed index. A
rewrite from nothing goes through the same commit (``mergetype=CLEAR``); an index that does not
open is made again.
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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.cache import cache_dir
from generator.digest import code_fingerprint, digest
from generator.errors import DossierError
from generator.facets import Facet, all_values
from generator.models import Article
from generator.search_index import markdown_to_text
from generator.search_records import start_day

with warnings.catch_warnings():
    warnings.simplefilter("ignore", SyntaxWarning)
    warnings.simplefilter("ignore", DeprecationWarning)
    import whoosh
    from whoosh import analysis, classify, fields, index, qparser, query, sorting, writing
    from whoosh.util.numeric import byte_to_length, length_to_byte
    from whoosh.writing import LockError

    for _module in pkgutil.walk_packages(whoosh.__path__, "whoosh."):
        # Compile them all now: Whoosh imports most of them lazily, mid-search. Optional
        # parts (Google App Engine, benchmarks) do not import.
        with contextlib.suppress(ImportError):
            importlib.import_module(_module.name)

__all__ = ["analysis", "classify", "fields", "index", "qparser", "query", "sorting"]

log = logging.getLogger(__name__)

FOLDER = "fulltext"
FORMAT = 1  # part of the index's name, with its schema's code
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
REWRITE_SHARE = 0.5  # above this share of changed articles, index everything from nothing
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


@functools.cache
def index_name() -> str:
    """The index's name in its folder, from the code of its schema: an index with another
    schema is not opened but made again."""
    return f"dossier_{digest(str(FORMAT), inspect.getsource(schema))[:12]}"


def label_field(facet: str) -> str:
    """The field that keeps a facet's values as written, for counting them."""
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
        facet_fields[label_field(name)] = fields.TEXT(analyzer=values, phrase=False)
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

    @property
    def digest(self) -> str:
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
    """Bring the index in ``folder`` up to ``entries``: only changed, added and removed
    articles are indexed again, unless ``fresh`` (or most of them changed)."""
    wanted = {entry.slug: entry for entry in entries}
    ix, stored = _existing(folder)  # even when ``fresh``: rewriting it is one atomic commit
    stored = {} if fresh else stored
    changed = [slug for slug in sorted(wanted) if stored.get(slug) != wanted[slug].digest]
    removed = sorted(stored.keys() - wanted.keys())
    content = digest(*(part for slug in sorted(wanted) for part in (slug, wanted[slug].digest)))
    if fresh or ix is None or len(changed) + len(removed) > REWRITE_SHARE * len(wanted):
        _write(_writable(folder, ix), [wanted[slug] for slug in sorted(wanted)], (), clear=True)
        return FulltextIndex(folder, content, len(wanted), len(wanted), len(removed))
    if changed or removed:
        _write(ix, [wanted[slug] for slug in changed], [*changed, *removed], clear=False)
    return FulltextIndex(folder, content, len(wanted), len(changed), len(removed))


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


def _existing(folder: Path) -> tuple[index.Index | None, dict[str, str]]:
    """The index in ``folder``, if one with this schema reads, and the digest of each article
    it holds."""
    try:
        if not _has_index(folder):
            return None, {}
        ix = index.open_dir(str(folder), indexname=index_name())
        with ix.reader() as reader:
            stored = {found["slug"]: found["digest"] for found in reader.all_stored_fields()}
        return ix, stored
    except Exception as exc:  # noqa: BLE001  (a broken index is made again, whatever broke)
        log.warning("search index %s unreadable (%s); indexing everything again", folder, exc)
        _let_go(exc)
    return None, {}


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


def _writable(folder: Path, ix: index.Index | None) -> index.Index:
    """``ix``, or a new empty index in ``folder`` (replacing whatever does not open there)."""
    if ix is not None:
        return ix
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
    ix: index.Index, added: Sequence[IndexEntry], deleted: Sequence[str], clear: bool
) -> None:
    """One commit: delete ``deleted``, add ``added``; then one segment without deleted
    documents (``clear``: ``added`` replaces everything)."""
    try:
        writer = ix.writer(timeout=30.0, limitmb=256)
    except LockError as exc:
        message = f"the search index in {ix.storage.folder} is locked by another build"
        raise DossierError(message) from exc
    _sum_stored_lengths(writer)
    try:
        for slug in deleted:
            writer.delete_by_term("slug", slug)
        for entry in added:
            writer.add_document(**document(entry))
    except BaseException:
        writer.cancel()
        raise
    if clear:
        writer.commit(mergetype=writing.CLEAR)
    else:
        writer.commit(optimize=True)


def _sum_stored_lengths(writer: Any) -> None:
    """Make ``writer`` total each field's length from the lengths it stores per document.

    Whoosh keeps a document's field length in one byte, approximately, but totals the exact
    lengths, which scores use (BM25's average length). A merge totals the stored bytes, so an
    index merged after an update would score a little differently from one made from nothing;
    counting the stored lengths from the start makes them score alike.
    """
    perdoc = writer.perdocwriter
    add_field = perdoc.add_field

    def add_stored_length(fieldname: str, field: Any, value: Any, length: int) -> None:
        add_field(fieldname, field, value, byte_to_length(length_to_byte(length)) if length else 0)

    perdoc.add_field = add_stored_length


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
        found[name] = found[label_field(name)] = _text(SEPARATOR.join(values))
    day = start_day(entry.date)
    if day is not None:
        found["day"] = day
    return found


def _text(text: str) -> str:
    """Text Whoosh can encode (a lone surrogate would stop the build)."""
    return _LONE_SURROGATE.sub("\ufffd", text)
