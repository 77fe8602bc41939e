"""Turn cleaned documents into articles; name and order articles."""

from __future__ import annotations

import re
from collections.abc import Iterable

from generator.frontmatter import count_words
from generator.models import Article, Cleaned, RawDocument
from generator.slugs import file_stem, unique_slugs


def article_slugs(relpaths: Iterable[str]) -> dict[str, str]:
    """Stable slug per raw file, from its file name; clashing names get a hash suffix."""
    return unique_slugs(relpaths, fallback="article", stem=file_stem)


INLINE_MARKUP = re.compile(r"([\\`*_\[\]<>&])")
BLOCK_MARKER = re.compile(r"^([#>+=|-]|\d+(?=[.)]))", re.MULTILINE)
INDENT = re.compile(r"^[ \t]+", re.MULTILINE)


def escape_markdown(text: str) -> str:
    """Plain text as markdown that renders as the same text: no emphasis, links, lists, code."""
    escaped = INLINE_MARKUP.sub(r"\\\1", INDENT.sub("", text))
    return BLOCK_MARKER.sub(_escape_block_marker, escaped)


def _escape_block_marker(match: re.Match[str]) -> str:
    marker = match.group(1)
    return f"{marker}\\" if marker.isdigit() else f"\\{marker}"  # "1." becomes "1\."


def article_from_cleaned(slug: str, raw: RawDocument, cleaned: Cleaned) -> Article:
    """The article a raw document yields, before places and actors are found."""
    body = "\n\n".join(escape_markdown(p.strip()) for p in cleaned.paragraphs if p.strip())
    return Article(
        slug=slug,
        title=cleaned.title,
        body=body,
        date=cleaned.date,
        date_precision=cleaned.date_precision if cleaned.date else None,
        date_evidence=cleaned.date_evidence if cleaned.date else None,
        source=cleaned.source,
        agency=cleaned.agency,
        byline=cleaned.byline,
        standfirst=cleaned.standfirst,
        url=cleaned.url or raw.sidecar.url,
        raw_file=raw.relpath,
        raw_sha256=raw.sha256,
        words=count_words(body),
    )


def newest_first(article: Article) -> tuple[int, tuple[int, ...], str, str]:
    """Sort key: dated articles newest first, then undated; ties by title and slug.

    A date known only to the month or year sorts after the dated days of that period.
    """
    if article.date is None:
        return (1, (), article.title.casefold(), article.slug)
    parts = [int(part) for part in article.date.split("-")] + [0, 0]
    return (0, tuple(-part for part in parts[:3]), article.title.casefold(), article.slug)
