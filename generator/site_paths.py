"""Where each file of the site lives, relative to the site's root, and its public URL."""

from __future__ import annotations

from pathlib import PurePosixPath
from urllib.parse import quote

from generator.facets import FacetIndex, FacetValue

ARCHIVE_FEED = "feed.xml"
DATA_PAGE = "data.html"


def facet_dir(facet_index: FacetIndex) -> str:
    return facet_index.facet.title.lower()


def value_page(facet_index: FacetIndex, value: FacetValue, page: int = 1) -> str:
    """Site-relative path of one page of a facet value's article list."""
    suffix = "" if page == 1 else f".p{page}"
    return f"{facet_dir(facet_index)}/{value.slug}{suffix}.html"


def value_feed(facet_index: FacetIndex, value: FacetValue) -> str:
    """The Atom feed of a facet value, beside its first page."""
    return f"{facet_dir(facet_index)}/{value.slug}.xml"


def article_page(slug: str) -> str:
    return f"articles/{slug}.html"


def markdown_copy(slug: str) -> str:
    """The article's cleaned markdown, as it is in the content folder."""
    return f"articles/{slug}.md"


def raw_copy(slug: str, raw_file: str) -> str:
    """The copy of an article's raw file: always ``.txt``, so that a browser shows a raw HTML
    page as text and never runs it from the site's origin."""
    suffix = PurePosixPath(raw_file).suffix.lower()
    return f"raw/{slug}.txt" if suffix in ("", ".txt") else f"raw/{slug}{suffix}.txt"


def href(path: str) -> str:
    """A site path as a URL path: every character that needs it percent-encoded."""
    return quote(path, safe="/")


def public_url(base_url: str, path: str) -> str:
    """The absolute URL of a site path under ``base_url``."""
    return f"{base_url.rstrip('/')}/{href(path)}"


def relative(path: str, start: str) -> str:
    """A site path as a URL relative to the file ``start`` (both relative to the root)."""
    return "../" * start.count("/") + href(path)
