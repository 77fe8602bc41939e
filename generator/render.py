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
from generator.config import BuildConfig
from generator.digest import code_fingerprint, digest, folder_fingerprint
from generator.facets import UNDATED, FacetIndex, FacetValue
from generator.models import Article, ResultPreview, SiteFile
from generator.page_reuse import PageReuse
from generator.progress import Progress, no_progress
from generator.value_digest import ValueDigest

HOME_LATEST = 20
HOME_TOP_VALUES = 12


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


def facet_dir(facet_index: FacetIndex) -> str:
    return facet_index.facet.title.lower()


def value_page(facet_index: FacetIndex, value: FacetValue, page: int = 1) -> str:
    """Site-relative path of one page of a facet value's article list."""
    suffix = "" if page == 1 else f".p{page}"
    return f"{facet_dir(facet_index)}/{value.slug}{suffix}.html"


def article_page(slug: str) -> str:
    return f"articles/{slug}.html"


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
    jobs = [
        PageJob(
            "index.html",
            "index.html",
            {"latest": data.articles[:HOME_LATEST], "article_count": len(data.articles)},
        ),
        PageJob("search.html", "search.html", {"preview": data.search_preview}),
        PageJob("about.html", "about.html", {"about": data.about_markdown}),
    ]
    for article in data.articles:
        also = tuple(by_slug[s] for s in data.near_duplicates.get(article.slug, ()))
        related = tuple(by_slug[s] for s in data.related.get(article.slug, ()))
        context = {"article": article, "also": also, "related": related}
        jobs.append(PageJob(article_page(article.slug), "article.html", context))
    for facet_index in data.facets:
        path = f"{facet_dir(facet_index)}.html"
        jobs.append(PageJob(path, "facet_index.html", {"facet_index": facet_index}))
        for value in facet_index.values:
            members = [by_slug[s] for s in value.articles]
            jobs += [
                PageJob(
                    value_page(facet_index, value, pager.number),
                    "facet_value.html",
                    {"facet_index": facet_index, "value": value, "pager": pager},
                )
                for pager in paginate(facet_index, value, members, page_size)
            ]
    return jobs


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
    data: SiteData, config: BuildConfig, extra_files: Sequence[SiteFile]
) -> SiteOutputs:
    """Every page with its key, the extra files (search index) and the static assets."""
    env = environment(config.templates_dir)
    shared = shared_values(data, config)
    key = page_keys(config, shared)
    jobs = page_jobs(data, config.page_size)
    pages = [Output(job.path, key(job), partial(render_page, env, job, shared)) for job in jobs]
    extra = [Output(file.path, file.key, file.content) for file in extra_files]
    static = [
        Output(f"assets/{path}", digest("asset", path, data), partial(bytes, data))
        for path, data in assets(config.templates_dir / "static")
    ]
    return SiteOutputs((*pages, *extra, *static), len(pages))


def shared_values(data: SiteData, config: BuildConfig) -> dict[str, object]:
    """What every page's template gets besides its own values."""
    return {
        "site_title": config.site_title,
        "base_url": config.base_url,
        "facets": data.facets,
        "parents": data.parents,
        "links": Links(data),
        "facet_dir": facet_dir,
        "value_page": value_page,
        "article_page": article_page,
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


def page_keys(config: BuildConfig, shared: Mapping[str, object]) -> Callable[[PageJob], str | None]:
    """A page's key: the program, templates and gazetteer, the shared values and its own
    (None, so the page is always rendered, when a value cannot be digested)."""
    values = ValueDigest()
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
