"""The archive's metadata as data: ``data/articles.csv`` and ``data/articles.json``, one row per
article, and a Frictionless ``datapackage.json`` describing both with a Table Schema.

The columns are declared once (:data:`COLUMNS`); the schema, the files and data.html are made
from that declaration. Lists (places, actors) are arrays in JSON and ``"; "``-joined in CSV.
"""

from __future__ import annotations

import csv
import functools
import io
import json
from collections.abc import Mapping, Sequence
from typing import Any

from generator.config import BuildConfig
from generator.digest import code_fingerprint, digest
from generator.models import Article, ArticleFiles, Column, SiteFile
from generator.site_paths import article_page, public_url
from generator.slugs import slugify
from generator.value_digest import ValueDigest

CSV_PATH = "data/articles.csv"
JSON_PATH = "data/articles.json"
DATAPACKAGE_PATH = "datapackage.json"
LIST_SEPARATOR = "; "
LIST_COLUMNS = ("places", "actors")

PAGE_NOTE = "absolute URL when the site was built with --base-url, else relative to the site root"
COLUMNS: tuple[Column, ...] = (
    Column(
        "slug",
        "string",
        "Stable name of the article, from its raw file's name.",
        (("required", True), ("unique", True)),
    ),
    Column("title", "string", "Headline.", (("required", True),)),
    Column(
        "date",
        "string",
        "Publication date as far as it is known: YYYY-MM-DD, YYYY-MM or YYYY; empty when "
        "undated. Never the crawl day or the date of an event.",
        (("pattern", r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?"),),
    ),
    Column(
        "date_precision",
        "string",
        "How much of the date is known.",
        (("enum", ("day", "month", "year")),),
    ),
    Column("date_evidence", "string", "The exact text the date was read from."),
    Column("source", "string", "Publisher: site name, dateline or sidecar manifest."),
    Column("agency", "string", "Wire agency the article credits."),
    Column("byline", "string", "Author or translator."),
    Column("standfirst", "string", "The summary under the headline."),
    Column(
        "places",
        "array",
        "Canonical names of the places the article mentions, first mention first (the "
        "places containing them are not listed).",
    ),
    Column("actors", "array", "Canonical names of the actors the article names."),
    Column("url", "string", "Original URL, as found."),
    Column(
        "raw_file", "string", "Raw file the article was cleaned from, relative to the raw folder."
    ),
    Column(
        "raw_sha256", "string", "SHA-256 of the raw file's bytes.", (("pattern", "[0-9a-f]{64}"),)
    ),
    Column("words", "integer", "Words in the body.", (("minimum", 0),)),
    Column("hand_edited", "boolean", "Whether an editor corrected the cleaned file by hand."),
    Column("page", "string", f"The article's page in the archive: {PAGE_NOTE}."),
    Column("markdown", "string", f"Download of the cleaned markdown: {PAGE_NOTE}."),
    Column(
        "raw",
        "string",
        f"Download of the raw file, byte for byte, as .txt: {PAGE_NOTE}; empty when the "
        "raw file is not in the archive.",
    ),
)


def article_row(article: Article, files: ArticleFiles, base_url: str) -> dict[str, Any]:
    """One article's row, lists as lists."""

    def location(path: str | None) -> str | None:
        return None if path is None else public_url(base_url, path) if base_url else path

    return {
        "slug": article.slug,
        "title": article.title,
        "date": article.date,
        "date_precision": article.date_precision,
        "date_evidence": article.date_evidence,
        "source": article.source,
        "agency": article.agency,
        "byline": article.byline,
        "standfirst": article.standfirst,
        "places": list(article.places),
        "actors": list(article.actors),
        "url": article.url,
        "raw_file": article.raw_file,
        "raw_sha256": article.raw_sha256,
        "words": article.words,
        "hand_edited": article.hand_edited,
        "page": location(article_page(article.slug)),
        "markdown": location(files.markdown),
        "raw": location(files.raw),
    }


def rows(
    articles: Sequence[Article], files: Mapping[str, ArticleFiles], base_url: str
) -> list[dict[str, Any]]:
    """Every article's row, newest first."""
    return [article_row(a, files.get(a.slug, ArticleFiles()), base_url) for a in articles]


def csv_text(table: Sequence[Mapping[str, Any]]) -> str:
    """RFC 4180 CSV with a header; empty cells for nulls, lists joined, booleans as words."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(column.name for column in COLUMNS)
    for row in table:
        writer.writerow(_csv_cell(row[column.name]) for column in COLUMNS)
    return out.getvalue()


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    return str(value)


def json_text(table: Sequence[Mapping[str, Any]]) -> str:
    """A JSON array of row objects, one a line, keys in column order."""
    lines = ",\n".join(json.dumps(row, ensure_ascii=False) for row in table)
    return f"[\n{lines}\n]\n" if lines else "[]\n"


def table_schema(csv_lists: bool) -> dict[str, Any]:
    """The Table Schema of the exports; in CSV, list columns are joined strings."""
    fields = []
    for column in COLUMNS:
        joined = csv_lists and column.name in LIST_COLUMNS
        description = column.description
        if joined:
            description += f' Joined with "{LIST_SEPARATOR}".'
        fields.append(
            {
                "name": column.name,
                "type": "string" if joined else column.type,
                "description": description,
                **({"constraints": dict(column.constraints)} if column.constraints else {}),
            }
        )
    return {"fields": fields, "primaryKey": ["slug"], "missingValues": [""]}


def datapackage(site_title: str, count: int) -> dict[str, Any]:
    """The Data Package describing both exports."""
    # The profiles say both files are tables (Data Package v1, read by v2 tools too): without
    # that, frictionless takes a JSON file for a plain file and checks nothing in it.
    common = {"profile": "tabular-data-resource", "encoding": "utf-8"}
    return {
        "profile": "tabular-data-package",
        "name": slugify(site_title, "archive"),
        "title": f"{site_title}: articles",
        "description": f"Metadata of the {count} articles of the archive, one row per article.",
        "resources": [
            {
                "name": "articles-csv",
                "path": CSV_PATH,
                "format": "csv",
                "mediatype": "text/csv",
                **common,
                "schema": table_schema(csv_lists=True),
            },
            {
                "name": "articles-json",
                "path": JSON_PATH,
                "format": "json",
                "mediatype": "application/json",
                **common,
                "schema": table_schema(csv_lists=False),
            },
        ],
    }


def export_files(
    articles: Sequence[Article],
    files: Mapping[str, ArticleFiles],
    config: BuildConfig,
    values: ValueDigest,
) -> tuple[SiteFile, ...]:
    """The CSV and JSON exports and the datapackage, keyed by the code and their values."""
    key = digest(code_fingerprint("exports"), config.base_url, values((articles, files)))
    table = functools.cache(lambda: rows(articles, files, config.base_url))
    package = json.dumps(datapackage(config.site_title, len(articles)), indent=2) + "\n"
    return (
        SiteFile(CSV_PATH, digest(key, CSV_PATH), lambda: csv_text(table())),
        SiteFile(JSON_PATH, digest(key, JSON_PATH), lambda: json_text(table())),
        SiteFile(DATAPACKAGE_PATH, digest("file", DATAPACKAGE_PATH, package), lambda: package),
    )
