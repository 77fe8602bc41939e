"""Render the site's pages from articles and facets with jinja2 templates."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markdown_it import MarkdownIt
from markupsafe import Markup

from generator.assets import assets
from generator.citation import cite
from generator.config import BuildConfig
from generator.csp import page_policy
from generator.digest import code_fingerprint, digest, folder_fingerprint
from generator.facets import UNDATED, Connections, FacetIndex, FacetValue, narrower
from generator.geomap import GeoMap
from generator.models import Article, ArticleFiles, Column, ResultPreview, SiteFile
from generator.page_reuse import PageReuse
from generator.progress import Progress, no_progress
from generator.site_paths import (
    ARCHIVE_FEED,
    DATA_PAGE,
    article_page,
    facet_dir,
    value_feed,
    value_page,
)
from generator.sitemap import sitemap_files
from generator.timeline import Timeline, archive_months, draw_timeline, groups
from generator.value_digest import ValueDigest

HOME_LATEST = 20
HOME_TOP_VALUES = 12
NO_FILES = ArticleFiles()


@dataclass(frozen=True)
class SiteData:
    """Everything the pages show, known before the first page is written."""

    articles: tuple[Article, ...]  # newest first
    facets: tuple[FacetIndex, ...]
    parents: Mapping[str, tuple[str, ...]]  # place -> parent chain, nearest first
    about_markdown: str
    near_duplicates: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # slug -> slugs
    related: Mapping[str, tuple[str, ...]] = field(
        default_factory=dict
    )  # slug -> slugs, best first
    search_preview: tuple[ResultPreview, ...] = ()  # what search.html lists before a query
    connections: tuple[Connections, ...] = ()  # the values most reported with each value
    maps: Mapping[str, GeoMap] = field(default_factory=dict)  # facet name -> its index's map
    downloads: Mapping[str, ArticleFiles] = field(default_factory=dict)  # slug -> its files
    columns: tuple[Column, ...] = ()  # of the data exports, for data.html


@dataclass(frozen=True)
class Pager:
    """One page of a paginated list and links to its neighbours."""

    number: int
    total: int
    items: tuple[Article, ...]
    previous: str | None
    next: str | None


def markdown_renderer() -> MarkdownIt:
    """CommonMark without raw HTML or images: article text can never add markup or load
    anything."""
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    return md.disable("image")


def environment(templates_dir: Path) -> Environment:
    env = Environment(
        loader=FileSystemLoader(templates_dir),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    md = markdown_renderer()
    env.filters["markdown"] = lambda text: _markup(md.render(text or ""))
    return env


def _markup(html: str) -> Markup:
    return Markup(html)  # markdown-it output with raw HTML disabled is safe


class Links:
    """Site-relative paths for articles and facet values, made relative to a page."""

    def __init__(self, data: SiteData) -> None:
        self._by_key = {
            (f.facet.name, v.key): value_page(f, v) for f in data.facets for v in f.values
        }

    def value(self, facet: str, key: str) -> str | None:
        return self._by_key.get((facet, key))


@dataclass(frozen=True)
class PageJob:
    """One page to render: where it goes, with which template and values."""

    path: str
    template: str
    context: Mapping[str, object]


def page_jobs(data: SiteData, page_size: int) -> list[PageJob]:
    """Every page of the site, in a stable order."""
    by_slug = {a.slug: a for a in data.articles}
    span = archive_months(data.articles)
    timeline = archive_timeline(data, span)
    jobs = [
        PageJob(
            "index.html",
            "index.html",
            {
                "latest": data.articles[:HOME_LATEST],
                "article_count": len(data.articles),
                "timeline": timeline,
                "mapped": tuple(data.maps),  # the facets whose index page has a map
            },
        ),
        PageJob("search.html", "search.html", {"preview": data.search_preview}),
        PageJob(
            "about.html", "about.html", {"about": data.about_markdown, "has_map": bool(data.maps)}
        ),
        PageJob(
            DATA_PAGE,
            "data.html",
            {"columns": data.columns, "article_count": len(data.articles)},
        ),
    ]
    for article in data.articles:
        also = tuple(by_slug[s] for s in data.near_duplicates.get(article.slug, ()))
        files = data.downloads.get(article.slug, NO_FILES)
        related = tuple(by_slug[s] for s in data.related.get(article.slug, ()))
        context = {"article": article, "also": also, "files": files, "related": related}
        jobs.append(PageJob(article_page(article.slug), "article.html", context))
    for facet_index in data.facets:
        facet = facet_index.facet
        index_page = {
            "facet_index": facet_index,
            "timeline": timeline if facet.periods else None,
            "geomap": data.maps.get(facet.name),
        }
        jobs.append(PageJob(f"{facet_dir(facet_index)}.html", "facet_index.html", index_page))
        children = narrower(facet_index)
        related = [c for c in data.connections if c.facet == facet.name]
        for value in facet_index.values:
            members = [by_slug[s] for s in value.articles]
            summary = {
                "children": children.get(value.key, ()),
                "connections": tuple(
                    (c.other.title, c.top[value.key]) for c in related if c.top.get(value.key)
                ),
            }
            months = facet.periods(value.key) if facet.periods else span
            jobs += value_jobs(facet_index, value, members, page_size, months, summary)
    return jobs


def archive_timeline(data: SiteData, span: Sequence[str]) -> Timeline | None:
    """The whole archive's articles per month, each bar linking to its month's page (of the
    facet whose values are periods)."""
    periods = next((f for f in data.facets if f.facet.periods), None)
    if periods is None:
        return None
    pages = {v.key: value_page(periods, v) for v in periods.values}
    return draw_timeline(data.articles, span, pages.get)


def value_jobs(
    facet_index: FacetIndex,
    value: FacetValue,
    members: Sequence[Article],
    page_size: int,
    months: Sequence[str],
    summary: Mapping[str, object],
) -> list[PageJob]:
    """The pages of a value's article list. With a timeline over ``months`` each page lists
    its articles under month headings, and a bar links to the page and heading where its
    month starts; the first page also shows the ``summary`` (narrower values, connections)."""
    pagers = list(paginate(facet_index, value, members, page_size))
    grouped = [groups(pager.items) for pager in pagers]
    where: dict[str, str] = {}
    for pager, found in zip(pagers, grouped, strict=True):
        path = value_page(facet_index, value, pager.number)
        for group in found:
            where.setdefault(group.key, f"{path}#{group.anchor}")
    chart = draw_timeline(members, months, where.get) if months else None
    nothing = {key: () for key in summary}
    return [
        PageJob(
            value_page(facet_index, value, pager.number),
            "facet_value.html",
            {
                "facet_index": facet_index,
                "value": value,
                "pager": pager,
                "timeline": chart,
                "groups": found if chart else None,
                **(summary if pager.number == 1 else nothing),
            },
        )
        for pager, found in zip(pagers, grouped, strict=True)
    ]


def render_page(env: Environment, job: PageJob, shared: Mapping[str, object]) -> str:
    """The HTML of one page; links are made relative to the page's folder."""
    root = "../" * job.path.count("/")
    template = env.get_template(job.template)
    return template.render(root=root, path=job.path, **shared, **job.context)


def paginate(
    facet_index: FacetIndex, value: FacetValue, members: Sequence[Article], size: int
) -> Iterator[Pager]:
    """Split a value's articles into pages with file names of their own."""
    total = max(1, -(-len(members) // size))
    for number in range(1, total + 1):
        previous = value_page(facet_index, value, number - 1) if number > 1 else None
        following = value_page(facet_index, value, number + 1) if number < total else None
        yield Pager(
            number=number,
            total=total,
            items=tuple(members[(number - 1) * size : number * size]),
            previous=previous,
            next=following,
        )


@dataclass(frozen=True)
class Output:
    """One file of the site: its path, a key naming its content (None: it cannot be kept
    from an earlier site) and how to make its text or bytes."""

    path: str
    key: str | None
    content: Callable[[], str | bytes]


@dataclass(frozen=True)
class SiteOutputs:
    """Every file of the site, pages first, and how many of them are pages."""

    files: tuple[Output, ...]
    pages: int

    @property
    def keys(self) -> dict[str, str | None]:
        return {file.path: file.key for file in self.files}


def site_outputs(
    data: SiteData,
    config: BuildConfig,
    extra_files: Sequence[SiteFile],
    values: ValueDigest | None = None,
) -> SiteOutputs:
    """Every page with its key, the extra files (search index, feeds, exports, downloads), the
    sitemap and the static assets; ``values`` digests the pages' values (shared with the
    extra files' keys, so each article is digested once)."""
    env = environment(config.templates_dir)
    shared = shared_values(data, config)
    key = page_keys(config, shared, values or ValueDigest())
    jobs = page_jobs(data, config.page_size)
    pages = [Output(job.path, key(job), partial(render_page, env, job, shared)) for job in jobs]
    sitemap = sitemap_files(config.base_url, [job.path for job in jobs])
    extra = [Output(file.path, file.key, file.content) for file in (*extra_files, *sitemap)]
    static = [
        Output(f"assets/{path}", digest("asset", path, data), partial(bytes, data))
        for path, data in assets(config.templates_dir / "static")
    ]
    return SiteOutputs((*pages, *extra, *static), len(pages))


def shared_values(data: SiteData, config: BuildConfig) -> dict[str, object]:
    """What every page's template gets besides its own values."""
    return {
        "site_title": config.site_title,
        "csp": page_policy(),
        "base_url": config.base_url,
        "facets": data.facets,
        "parents": data.parents,
        "links": Links(data),
        "facet_dir": facet_dir,
        "value_page": value_page,
        "article_page": article_page,
        "value_feed": value_feed,
        "archive_feed": ARCHIVE_FEED,
        "data_page": DATA_PAGE,
        "cite": cite,
        "undated": UNDATED,
        "top": HOME_TOP_VALUES,
    }


def write_site(
    target: Path,
    site: SiteOutputs,
    reuse: PageReuse | None = None,
    progress: Progress = no_progress,
) -> None:
    """Write every file of ``site`` under ``target``; those whose key did not change are taken
    from the previous site (``reuse``)."""
    reuse = reuse or PageReuse()
    for file in progress("Writing", site.files):
        if file.key is None or not reuse.keep(file.path, file.key, target):
            _write(target / file.path, file.content())
            if file.key is not None:
                reuse.record(file.path, file.key, target)


def page_keys(
    config: BuildConfig, shared: Mapping[str, object], values: ValueDigest
) -> Callable[[PageJob], str | None]:
    """A page's key: the program, templates and gazetteer, the shared values and its own
    (None, so the page is always rendered, when a value cannot be digested)."""
    try:
        common = digest(
            code_fingerprint("render"),
            folder_fingerprint(config.templates_dir),
            folder_fingerprint(config.gazetteer_dir),
            values(shared),
        )
    except TypeError:
        return lambda job: None

    def key(job: PageJob) -> str | None:
        try:
            return digest(common, job.path, job.template, values(job.context))
        except TypeError:
            return None

    return key


def _write(path: Path, content: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)  # never write through a link to the previous site's file
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="\n")
