"""The pipeline: raw files -> cleaned markdown -> facets and search index -> site."""

from __future__ import annotations

import gc
import inspect
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator import ingest as raw_files
from generator import store
from generator.articles import article_from_cleaned, article_slugs, newest_first
from generator.cache import NO_CACHE, BuildCache, open_cache
from generator.clean import clean
from generator.config import BuildConfig
from generator.content_memo import ContentMemo, text_digest
from generator.digest import code_fingerprint, digest, folder_fingerprint
from generator.downloads import article_downloads
from generator.enrich import enrich
from generator.entities import UnknownName, unknown_names
from generator.errors import DossierError, InputError, Problem
from generator.exports import COLUMNS, export_files
from generator.facets import (
    FacetIndex,
    build_all,
    connect_all,
    search_filters,
    standard_facets,
)
from generator.feeds import feed_files
from generator.frontmatter import article_from_markdown, render_markdown
from generator.gazetteer import Gazetteer, load_gazetteer
from generator.geomap import GeoMap, draw_map
from generator.models import Article, Generated, RawDocument, RawSource
from generator.page_reuse import Kept, PageReuse, ledger_key
from generator.parallel import Failure
from generator.progress import Progress, no_progress
from generator.publish import publish
from generator.regenerate import generate_all
from generator.render import SiteData, site_outputs, write_site
from generator.search_shards import build_search_shards
from generator.similarity import index_fulltext, linked_copies, related_coverage
from generator.slugs import page_slug
from generator.sources import CleanJob, clean_jobs, read_job, scan_all
from generator.value_digest import ValueDigest

SITE_LEDGER = "site"
RAW_SCANS = "raw-scans"
CONTENT_FILES = "content-files"


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


@dataclass(frozen=True)
class BuildReport:
    """What a build did, for the one-line summary and for tests."""

    articles: int
    places: int
    actors: int
    undated: int
    problems: tuple[Problem, ...]
    seconds: float
    markdown_written: int = 0
    pages: int = 0

    @property
    def summary(self) -> str:
        return (
            f"{self.articles} articles, {self.places} places, {self.actors} actors, "
            f"{self.undated} undated, {plural(len(self.problems), 'warning')} "
            f"in {self.seconds:.1f}s"
        )


class StrictBuildError(DossierError):
    """Raised by a --strict build that met warnings; carries the report."""

    def __init__(self, report: BuildReport) -> None:
        super().__init__(f"{plural(len(report.problems), 'warning')} and --strict is on")
        self.report = report


@dataclass(frozen=True)
class IngestResult:
    articles: tuple[Article, ...]
    problems: tuple[Problem, ...]
    written: int
    markdown_digests: Mapping[str, str] = field(default_factory=dict)  # slug -> its file's text
    raw_hashes: Mapping[str, str] = field(default_factory=dict)  # raw file -> its SHA-256
    # slug -> its content file, for hand-written files whose name is not their slug
    renamed: Mapping[str, Path] = field(default_factory=dict)


def build(config: BuildConfig, progress: Progress = no_progress) -> BuildReport:
    """Build the static site from the raw files into ``config.out_dir``."""
    started = time.perf_counter()
    with open_cache(config.content_dir, config.cache) as cache:
        # Gather: clean every raw file into markdown, then everything the pages show.
        gazetteer = load_gazetteer(config.gazetteer_dir)
        ingested = ingest(config, gazetteer, progress, cache)
        articles = tuple(sorted(ingested.articles, key=newest_first))
        gc.freeze()  # they live as long as the build: collections need not walk them again
        facets = build_all(standard_facets(gazetteer.ancestors), articles)
        parents = place_parents(articles, gazetteer)
        search = build_search_shards(articles, search_filters(facets), progress, cache)
        downloads = article_downloads(
            articles,
            config.content_dir,
            config.raw_dir,
            ingested.markdown_digests,
            ingested.raw_hashes,
            ingested.renamed,
        )
        copies = linked_copies(articles, cache)
        fulltext = index_fulltext(config, articles, facets)
        data = SiteData(
            articles=articles,
            facets=facets,
            parents=parents,
            about_markdown=read_about(config),
            near_duplicates=copies,
            related=related_coverage(fulltext, articles, copies, cache, progress),
            search_preview=search.preview,
            connections=connect_all(facets),
            maps=facet_maps(facets, gazetteer),
            downloads=downloads.files,
            columns=COLUMNS,
        )
        # Write: render into a staging folder, keeping unchanged pages, and swap it in whole
        # (unless the site there is already exactly this one). Feeds and exports are keyed
        # by the values they show, digested once with the pages'.
        values = ValueDigest()
        files = (
            *search.site_files,
            *downloads.site_files,
            *feed_files(articles, facets, config, values),
            *export_files(articles, downloads.files, config, values),
        )
        site = site_outputs(data, config, files, values)
        reuse = previous_site(config.out_dir, cache)
        if not reuse.unchanged(site.keys):
            publish(config.out_dir, lambda target: write_site(target, site, reuse))
            cache.put(SITE_LEDGER, ledger_key(config.out_dir), reuse.written)
    gc.unfreeze()
    counts = {f.facet.name: len(f.values) for f in facets}
    report = BuildReport(
        articles=len(articles),
        places=counts.get("place", 0),
        actors=counts.get("actor", 0),
        undated=sum(1 for a in articles if a.date is None),
        problems=ingested.problems,
        seconds=time.perf_counter() - started,
        markdown_written=ingested.written,
        pages=site.pages,
    )
    if config.strict and report.problems:
        raise StrictBuildError(report)
    return report


def previous_site(out_dir: Path, cache: BuildCache) -> PageReuse:
    """What the last build published at ``out_dir``, for keeping its unchanged pages."""
    ledger = cache.get(SITE_LEDGER, ledger_key(out_dir))
    if not isinstance(ledger, dict) or not all(isinstance(k, Kept) for k in ledger.values()):
        return PageReuse()
    return PageReuse(out_dir.resolve(), ledger)


def ingest(
    config: BuildConfig,
    gazetteer: Gazetteer | None = None,
    progress: Progress = no_progress,
    cache: BuildCache = NO_CACHE,
) -> IngestResult:
    """Clean every raw file into ``config.content_dir``, keeping hand-edited files; articles
    whose inputs did not change since an earlier build come from ``cache``."""
    gazetteer = gazetteer or load_gazetteer(config.gazetteer_dir)
    problems: list[Problem] = []
    paths = raw_files.discover(config.raw_dir, problems)
    slugs = article_slugs(p.relative_to(config.raw_dir).as_posix() for p in paths)
    sources = scan_raw(config.raw_dir, paths, problems, progress, cache)
    jobs = clean_jobs(config.raw_dir, sources, slugs, cleaning_context(config))
    del sources  # the line keys of 100,000 files are not small
    outcomes = generate_all(article_from_job, jobs, gazetteer, config.gazetteer_dir, cache)
    memo = ContentMemo(_mapping(cache.get(CONTENT_FILES, content_key(config.content_dir))))
    articles: list[Article] = []
    digests: dict[str, str] = {}
    written = 0
    for job, outcome in zip(jobs, progress("Cleaning", outcomes), strict=True):
        if isinstance(outcome, Failure):
            shown = _shown(config.raw_dir, job.source.relpath)
            problems.append(Problem(shown, outcome.message, outcome.line))
            continue
        article, wrote, text = keep_or_write(config.content_dir, outcome, problems, memo)
        if article:
            articles.append(article)
            digests[article.slug] = text
        written += wrote
    renamed: dict[str, Path] = {}
    for article, text, path in hand_written(
        config.content_dir, set(slugs.values()), gazetteer, problems
    ):
        articles.append(article)
        digests[article.slug] = text
        if path.stem != article.slug:
            renamed[article.slug] = path
    if memo.changed:
        cache.put(CONTENT_FILES, content_key(config.content_dir), memo.found)
    cache.forget_unused(CONTENT_FILES)
    hashes = {job.source.relpath: job.source.sha256 for job in jobs}
    return IngestResult(tuple(articles), tuple(problems), written, digests, hashes, renamed)


def content_key(content_dir: Path) -> str:
    """Where the cache keeps what the files of ``content_dir`` held."""
    return digest("content files", content_dir.resolve().as_posix())


def _mapping(value: object) -> dict:
    """A cached mapping, or an empty one for a missing or foreign value."""
    return value if isinstance(value, dict) else {}


def scan_raw(
    raw_dir: Path,
    paths: Sequence[Path],
    problems: list[Problem],
    progress: Progress,
    cache: BuildCache,
) -> list[RawSource]:
    """Scan the raw files, reading only those that changed since the last build's scan."""
    key = digest(code_fingerprint("sources"), raw_dir.resolve().as_posix())
    earlier = _mapping(cache.get(RAW_SCANS, key))
    sources, scans = scan_all(raw_dir, paths, problems, progress, earlier)
    if scans != earlier:
        cache.put(RAW_SCANS, key, scans)
    cache.forget_unused(RAW_SCANS)
    return sources


def cleaning_context(config: BuildConfig) -> str:
    """What every article depends on besides its own file: the cleaning code and the
    gazetteer (other code can change without cleaning anything again)."""
    steps = [inspect.getsource(step) for step in CLEANING_STEPS]
    code = code_fingerprint("clean", "enrich", "articles", "frontmatter", "sources")
    return digest(code, *steps, folder_fingerprint(config.gazetteer_dir))


def keep_or_write(
    content_dir: Path, generated: Generated, problems: list[Problem], memo: ContentMemo
) -> tuple[Article | None, bool, str]:
    """The article to publish for a cleaned document, whether its file was written, and a
    digest of the file's text: a hand-edited file wins and is never overwritten; an
    unreadable one is left out."""
    article = generated.article
    known = text_digest(generated.markdown)
    try:
        if memo.holds(store.article_path(content_dir, article.slug), known):
            return article, False, known.hex()
        stored = store.read_stored(content_dir, article.slug)
        if stored.text == generated.markdown:
            memo.note(stored.path, known)
            return article, False, known.hex()
        if stored.hand_edited and stored.text is not None:
            edited = store.keep_hand_edit(stored, article, problems)
            return edited, False, text_digest(stored.text).hex()
        store.write_atomic(stored.path, generated.markdown)
        return article, True, known.hex()
    except InputError as exc:
        shown = store.article_path(content_dir, article.slug).as_posix()
        problems.append(Problem(shown, f"{exc} (left as it is, not in the site)", exc.line))
        return None, False, ""


def article_from_job(slug: str, job: CleanJob, gazetteer: Gazetteer) -> Generated:
    """Read a raw file again, clean and enrich it, and render its markdown file."""
    article = article_from_raw(slug, read_job(job), gazetteer)
    return Generated(article, render_markdown(article))


def article_from_raw(slug: str, raw: RawDocument, gazetteer: Gazetteer) -> Article:
    """Clean and enrich one raw document; markdown with front matter is taken as it is."""
    if raw.kind != "markdown":
        return enrich(article_from_cleaned(slug, raw, clean(raw)), gazetteer)
    article = article_from_markdown(raw.text, slug)
    article = replace(article, raw_file=raw.relpath, raw_sha256=raw.sha256, hand_edited=False)
    return article if article.places or article.actors else enrich(article, gazetteer)


#: The steps of this module that shape an article (their code is part of its cache key).
CLEANING_STEPS = (article_from_job, article_from_raw)


def hand_written(
    content_dir: Path, known: set[str], gazetteer: Gazetteer, problems: list[Problem]
) -> list[tuple[Article, str, Path]]:
    """Articles in the content folder that no raw file produces, each with a digest of its
    file's text and the file; a file whose name is not a safe slug gets one made from it."""
    found = []
    taken = set(known)
    for path in store.orphan_files(content_dir, known):
        slug = page_slug(path.stem)
        if slug in taken:  # only a file named to clash would do it
            problems.append(Problem(path.as_posix(), f"its page name {slug} is taken; rename it"))
            continue
        try:
            text = store.read_text(path, content_dir)
            article = article_from_markdown(text, slug)
        except InputError as exc:
            problems.append(Problem(path.as_posix(), str(exc), exc.line))
            continue
        taken.add(slug)
        if not article.hand_edited and article.raw_file:
            problems.append(
                Problem(path.as_posix(), f"its raw file {article.raw_file} is gone; kept it")
            )
        if not article.places and not article.actors:
            article = enrich(article, gazetteer)
        found.append((article, text_digest(text).hex(), path))
    return found


def unknown_entities(
    content_dir: Path, gazetteer_dir: Path, min_articles: int = 2
) -> tuple[UnknownName, ...]:
    """Names in the cleaned articles that the gazetteer does not know, most used first."""
    articles = []
    for path in sorted(content_dir.glob("*.md")):
        try:
            text = store.read_text(path, content_dir)
            articles.append(article_from_markdown(text, page_slug(path.stem)))
        except InputError:
            continue  # the build reports bad files; here they only lack their names
    return unknown_names(articles, load_gazetteer(gazetteer_dir), min_articles)


def place_parents(articles: Sequence[Article], gazetteer: Gazetteer) -> dict[str, tuple[str, ...]]:
    """Parent chain of every place the articles name, and of those parents."""
    names = {name for a in articles for p in a.places for name in (p, *gazetteer.ancestors(p))}
    return {name: gazetteer.ancestors(name) for name in sorted(names)}


def facet_maps(facets: Sequence[FacetIndex], gazetteer: Gazetteer) -> dict[str, GeoMap]:
    """The map of the places facet (none when no place has coordinates)."""
    places = next((f for f in facets if f.facet.name == "place"), None)
    drawn = draw_map(places, gazetteer.place) if places else None
    return {"place": drawn} if drawn else {}


def read_about(config: BuildConfig) -> str:
    """The archive's own about text, from ``about.md`` beside the articles folder."""
    about = config.content_dir.parent / "about.md"
    return about.read_text("utf-8") if about.is_file() else ""


def _shown(root: Path, relpath: str) -> str:
    return (root / relpath).as_posix()
