"""The ``dossier`` command: a thin layer over the library in generator.build and friends."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from generator.build import BuildReport, StrictBuildError, build, ingest, unknown_entities
from generator.config import BuildConfig
from generator.errors import DossierError, Problem
from generator.fulltext import fulltext_dir
from generator.fulltext_results import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    SearchFilters,
    results_json,
    results_text,
)
from generator.fulltext_search import search

T = TypeVar("T")
F = TypeVar("F", bound=Callable[..., Any])


def progress_bar(label: str, items: Sequence[T]) -> Iterable[T]:
    """A click progress bar on a terminal; silence elsewhere (CI, pipes)."""
    if not sys.stderr.isatty():
        yield from items
        return
    with click.progressbar(items, label=f"{label:<10}", file=sys.stderr) as bar:
        yield from bar


def print_problems(problems: Iterable[Problem]) -> None:
    for problem in problems:
        click.echo(str(problem), err=True)


def print_report(report: BuildReport) -> None:
    print_problems(report.problems)
    click.echo(report.summary)


def folder_option(flag: str, default: str, help: str) -> Callable[[F], F]:  # noqa: A002
    """A ``--flag DIR`` option whose value becomes the BuildConfig field ``flag_dir``."""
    return click.option(
        flag,
        f"{flag.lstrip('-')}_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=default,
        show_default=True,
        help=help,
    )


def input_options(command: F) -> F:
    """The folders every command reads: raw files, cleaned markdown, gazetteer."""
    for option in reversed(
        [
            folder_option(
                "--raw", "content/raw", "Folder of raw articles (.txt, .html, .md), recursively."
            ),
            folder_option(
                "--content",
                "content/articles",
                "Folder of cleaned markdown articles (written by the build, editable by hand).",
            ),
            folder_option(
                "--gazetteer", "content/gazetteer", "Folder of the archive's places/actors YAML."
            ),
        ]
    ):
        command = option(command)
    return command


strict_option = click.option(
    "--strict", is_flag=True, help="Fail (exit status 1) if any file gives a warning."
)


def library_errors(action: Callable[[], T]) -> T:
    """Run a library call, turning its user-facing errors into clean CLI errors."""
    try:
        return action()
    except DossierError as exc:
        raise click.ClickException(str(exc)) from exc


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="dossier")
def main() -> None:
    """Dossier: turn scraped news articles into a static, searchable, offline archive."""


@main.command("build")
@input_options
@folder_option("--out", "site", "Folder the site is written to (replaced whole at the end).")
@click.option(
    "--base-url",
    default="",
    help="Public URL of the site, e.g. https://you.github.io/archive/ for a Pages project.",
)
@strict_option
@click.option(
    "--no-cache",
    is_flag=True,
    help="Clean and render everything, without reading or writing .dossier-cache/.",
)
def build_command(no_cache: bool, **options: Any) -> None:
    """Clean raw articles into markdown, index them and render the site."""
    try:
        report = build(BuildConfig(**options, cache=not no_cache), progress_bar)
    except StrictBuildError as exc:
        print_report(exc.report)
        raise click.ClickException(str(exc)) from exc
    except DossierError as exc:
        raise click.ClickException(str(exc)) from exc
    print_report(report)


@main.command("ingest")
@input_options
@strict_option
def ingest_command(strict: bool, **folders: Path) -> None:
    """Only clean raw articles into markdown (no index, no site)."""
    result = library_errors(lambda: ingest(BuildConfig(**folders), progress=progress_bar))
    print_problems(result.problems)
    click.echo(
        f"{len(result.articles)} articles, {result.written} files written, "
        f"{len(result.problems)} warnings"
    )
    if strict and result.problems:
        raise click.ClickException(f"{len(result.problems)} warnings and --strict is on")


@main.command("entities")
@folder_option("--content", "content/articles", "Folder of cleaned markdown articles.")
@folder_option("--gazetteer", "content/gazetteer", "Folder of the archive's places/actors YAML.")
@click.option("--limit", default=50, show_default=True, help="Show at most this many names.")
@click.option("--min-articles", default=2, show_default=True, help="Skip rarer names.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines for scripts.")
def entities_command(
    content_dir: Path, gazetteer_dir: Path, limit: int, min_articles: int, as_json: bool
) -> None:
    """List capitalised names the gazetteer does not know, most used first."""
    found = library_errors(lambda: unknown_entities(content_dir, gazetteer_dir, min_articles))
    for entry in found[:limit]:
        if as_json:
            click.echo(
                json.dumps({"name": entry.name, "count": entry.count, "articles": entry.articles})
            )
            continue
        shown = ", ".join(entry.articles[:5]) + (" …" if entry.count > 5 else "")
        click.echo(f"{entry.count:5}  {entry.name}  ({shown})")


def filter_options(command: F) -> F:
    """``--place``, ``--actor``, ``--source``, ``--year`` (repeatable) and a date range."""
    for option in reversed(
        [
            click.option(
                "--place",
                multiple=True,
                metavar="P",
                help="Only articles about P or a place in it (repeat: all of them).",
            ),
            click.option(
                "--actor",
                multiple=True,
                metavar="A",
                help="Only articles naming A (repeat: all of them).",
            ),
            click.option(
                "--source",
                multiple=True,
                metavar="S",
                help="Only articles from S (repeat: any of them).",
            ),
            click.option(
                "--year",
                multiple=True,
                metavar="YYYY",
                help="Only articles of that year (repeat: any of them).",
            ),
            click.option(
                "--from",
                "date_from",
                metavar="YYYY-MM-DD",
                help="Only articles dated from this day.",
            ),
            click.option(
                "--to", "date_to", metavar="YYYY-MM-DD", help="Only articles dated up to this day."
            ),
        ]
    ):
        command = option(command)
    return command


@main.command("search")
@click.argument("query")
@filter_options
@click.option(
    "--limit",
    default=DEFAULT_LIMIT,
    show_default=True,
    type=click.IntRange(0, MAX_LIMIT),
    help="Show at most this many articles.",
)
@click.option(
    "--offset",
    default=0,
    show_default=True,
    type=click.IntRange(0),
    help="Skip this many articles first (the next page).",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object for scripts.")
@folder_option(
    "--content",
    "content/articles",
    "Folder of cleaned markdown articles (the build keeps the index beside it).",
)
def search_command(
    query: str, limit: int, offset: int, as_json: bool, content_dir: Path, **filters: Any
) -> None:
    """Search the archive's full-text index, with filters and counts."""
    results = library_errors(
        lambda: search(fulltext_dir(content_dir), query, SearchFilters(**filters), limit, offset)
    )
    if as_json:
        click.echo(json.dumps(results_json(results), ensure_ascii=False))
    else:
        click.echo(results_text(results, offset=offset))


@main.command("serve")
@input_options
@folder_option("--out", "site", "Folder of the built site to serve.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, help="Port to listen on (0: any free).")
@click.option("--no-build", is_flag=True, help="Serve the site as it is; do not build first.")
@click.option("--no-watch", is_flag=True, help="Do not rebuild when content/ or templates/ change.")
def serve_command(host: str, port: int, no_build: bool, no_watch: bool, **folders: Path) -> None:
    """Serve the site locally; rebuild and reload the browser when content changes."""
    from generator.serve import serve

    library_errors(
        lambda: serve(
            BuildConfig(**folders),
            host=host,
            port=port,
            build_first=not no_build,
            watch=not no_watch,
            on_event=lambda message: click.echo(message, err=True),
        )
    )
