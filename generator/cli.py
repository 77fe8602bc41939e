"""The ``dossier`` command: a thin layer over the library in generator.build and friends."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TypeVar

import click

from generator.build import BuildReport, StrictBuildError, build, ingest
from generator.config import BuildConfig
from generator.errors import DossierError

T = TypeVar("T")


def progress_bar(label: str, items: Sequence[T]) -> Iterable[T]:
    """A click progress bar on a terminal; silence elsewhere (CI, pipes)."""
    if not sys.stderr.isatty():
        yield from items
        return
    with click.progressbar(items, label=f"{label:<10}", file=sys.stderr) as bar:
        yield from bar


def print_problems(report_problems: Iterable[object]) -> None:
    for problem in report_problems:
        click.echo(str(problem), err=True)


def print_report(report: BuildReport) -> None:
    print_problems(report.problems)
    click.echo(report.summary)


raw_option = click.option(
    "--raw",
    "raw_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default="content/raw",
    show_default=True,
    help="Folder of raw articles (.txt, .html, .md), searched recursively.",
)
content_option = click.option(
    "--content",
    "content_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default="content/articles",
    show_default=True,
    help="Folder of cleaned markdown articles (written by the build, editable by hand).",
)
gazetteer_option = click.option(
    "--gazetteer",
    "gazetteer_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default="content/gazetteer",
    show_default=True,
    help="Folder of the archive's places.yaml and actors.yaml.",
)
strict_option = click.option(
    "--strict", is_flag=True, help="Fail (exit status 1) if any file gives a warning."
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="dossier")
def main() -> None:
    """Dossier: turn scraped news articles into a static, searchable, offline archive."""


@main.command("build")
@raw_option
@content_option
@gazetteer_option
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default="site",
    show_default=True,
    help="Folder the static site is written to (replaced whole at the end).",
)
@click.option(
    "--base-url",
    default="",
    help="Public URL of the site, e.g. https://you.github.io/archive/ for a Pages project.",
)
@strict_option
def build_command(
    raw_dir: Path,
    content_dir: Path,
    gazetteer_dir: Path,
    out_dir: Path,
    base_url: str,
    strict: bool,
) -> None:
    """Clean raw articles into markdown, index them and render the site."""
    config = BuildConfig(
        raw_dir=raw_dir,
        content_dir=content_dir,
        gazetteer_dir=gazetteer_dir,
        out_dir=out_dir,
        base_url=base_url,
        strict=strict,
    )
    try:
        print_report(build(config, progress_bar))
    except StrictBuildError as exc:
        print_report(exc.report)
        raise click.ClickException(str(exc)) from exc
    except DossierError as exc:
        raise click.ClickException(str(exc)) from exc


@main.command("ingest")
@raw_option
@content_option
@gazetteer_option
@strict_option
def ingest_command(raw_dir: Path, content_dir: Path, gazetteer_dir: Path, strict: bool) -> None:
    """Only clean raw articles into markdown (no index, no site)."""
    config = BuildConfig(raw_dir=raw_dir, content_dir=content_dir, gazetteer_dir=gazetteer_dir)
    try:
        result = ingest(config, progress=progress_bar)
    except DossierError as exc:
        raise click.ClickException(str(exc)) from exc
    print_problems(result.problems)
    click.echo(
        f"{len(result.articles)} articles, {result.written} files written, "
        f"{len(result.problems)} warnings"
    )
    if strict and result.problems:
        raise click.ClickException(f"{len(result.problems)} warnings and --strict is on")


@main.command("serve")
@raw_option
@content_option
@gazetteer_option
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default="site",
    show_default=True,
    help="Folder of the built site to serve.",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, help="Port to listen on (0: any free).")
@click.option("--no-build", is_flag=True, help="Serve the site as it is; do not build first.")
@click.option("--no-watch", is_flag=True, help="Do not rebuild when content/ or templates/ change.")
def serve_command(
    raw_dir: Path,
    content_dir: Path,
    gazetteer_dir: Path,
    out_dir: Path,
    host: str,
    port: int,
    no_build: bool,
    no_watch: bool,
) -> None:
    """Serve the site locally; rebuild and reload the browser when content changes."""
    from generator.serve import serve

    config = BuildConfig(
        raw_dir=raw_dir, content_dir=content_dir, gazetteer_dir=gazetteer_dir, out_dir=out_dir
    )
    try:
        serve(
            config,
            host=host,
            port=port,
            build_first=not no_build,
            watch=not no_watch,
            on_event=lambda message: click.echo(message, err=True),
        )
    except DossierError as exc:
        raise click.ClickException(str(exc)) from exc
