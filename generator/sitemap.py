"""``sitemap.xml`` (sitemaps.org) of every page, for a site published at a known URL: a
sitemap must give absolute URLs, so a site without ``--base-url`` has none."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from xml.etree import ElementTree as ET

from generator.digest import code_fingerprint, digest
from generator.models import SiteFile
from generator.site_paths import public_url

SITEMAP = "sitemap.xml"
NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
MAX_URLS = 50_000  # per sitemap file, as the protocol allows


def sitemap_files(base_url: str, pages: Sequence[str]) -> tuple[SiteFile, ...]:
    """The sitemap of ``pages`` (site paths) under ``base_url``: one file, or an index of
    several when there are more pages than one sitemap may list; none without a base URL."""
    if not base_url:
        return ()
    urls = [public_url(base_url, page) for page in pages]
    chunks = [urls[start : start + MAX_URLS] for start in range(0, len(urls), MAX_URLS)]
    if len(chunks) <= 1:
        return (_file(SITEMAP, "urlset", "url", urls),)
    names = [f"sitemap-{number}.xml" for number in range(1, len(chunks) + 1)]
    index = [public_url(base_url, name) for name in names]
    parts = [_file(name, "urlset", "url", chunk) for name, chunk in zip(names, chunks, strict=True)]
    return (_file(SITEMAP, "sitemapindex", "sitemap", index), *parts)


def _file(path: str, root: str, item: str, urls: Sequence[str]) -> SiteFile:
    key = digest(code_fingerprint("sitemap"), path, root, *urls)
    return SiteFile(path, key, functools.partial(sitemap_xml, root, item, tuple(urls)))


def sitemap_xml(root: str, item: str, urls: Sequence[str]) -> bytes:
    """A ``urlset`` of page URLs or a ``sitemapindex`` of sitemap URLs."""
    top = ET.Element(root, xmlns=NAMESPACE)
    for url in urls:
        ET.SubElement(ET.SubElement(top, item), "loc").text = url
    ET.indent(top)
    return ET.tostring(top, encoding="utf-8", xml_declaration=True) + b"\n"
