"""Each article's downloads: its cleaned markdown and a byte-for-byte copy of its raw file.

A copy is keyed by what it holds (the markdown's text digest, the raw file's SHA-256), so a
rebuild keeps the previous site's copy of an unchanged file instead of reading it again. A raw
copy is offered only when the raw file still has the hash the article was cleaned from (a
hand-edited article may outlive a change to its raw file); its name ends in ``.txt`` so that
a raw HTML page is shown as text, never run, from the site's origin.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.digest import digest
from generator.errors import DossierError
from generator.models import Article, ArticleFiles, SiteFile
from generator.site_paths import markdown_copy, raw_copy


@dataclass(frozen=True)
class Downloads:
    """The downloads of every article, and the files that hold them."""

    files: Mapping[str, ArticleFiles]  # slug -> its downloads
    site_files: tuple[SiteFile, ...]


def article_downloads(
    articles: Sequence[Article],
    content_dir: Path,
    raw_dir: Path,
    markdown_digests: Mapping[str, str],
    raw_hashes: Mapping[str, str],
    renamed: Mapping[str, Path] | None = None,
) -> Downloads:
    """The downloads of ``articles``: ``markdown_digests`` names the text of each article's
    content file (by slug), ``raw_hashes`` the SHA-256 of each raw file (by relative path),
    ``renamed`` the content files not named ``<slug>.md``."""
    renamed = renamed or {}
    files: dict[str, ArticleFiles] = {}
    site_files: list[SiteFile] = []
    for article in articles:
        markdown = raw = None
        if (text_digest := markdown_digests.get(article.slug)) is not None:
            markdown = markdown_copy(article.slug)
            source = renamed.get(article.slug) or content_dir / f"{article.slug}.md"
            key = digest("markdown copy", markdown, text_digest)
            site_files.append(SiteFile(markdown, key, functools.partial(read_markdown, source)))
        sha = article.raw_sha256
        if article.raw_file and sha and raw_hashes.get(article.raw_file) == sha:
            raw = raw_copy(article.slug, article.raw_file)
            source = raw_dir / article.raw_file
            key = digest("raw copy", raw, sha)
            site_files.append(SiteFile(raw, key, functools.partial(read_raw, source, sha)))
        files[article.slug] = ArticleFiles(
            markdown=markdown,
            raw=raw,
            raw_name=PurePosixPath(article.raw_file).name if raw and article.raw_file else None,
            raw_sha256=sha if raw else None,
        )
    return Downloads(files, tuple(site_files))


def read_markdown(path: Path) -> str:
    """A content file's text, as the build read it (UTF-8, newlines as ``\\n``)."""
    return path.read_text("utf-8")


def read_raw(path: Path, sha256: str) -> bytes:
    """A raw file's bytes, which must still have the hash the page shows."""
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != sha256:
        raise DossierError(f"{path.as_posix()} changed during the build; build again")
    return data
