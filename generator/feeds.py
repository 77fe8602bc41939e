"""Atom feeds (RFC 4287): the archive's newest articles in ``feed.xml`` and each facet value's
beside its page (``places/<slug>.xml``), serialized by ElementTree so no text can add markup.

Feeds are deterministic: a feed is as new as its newest article (never the build time). Entry
ids are the articles' absolute URLs when the site's URL is known, else ``urn:uuid:`` names made
from the slug and raw file hash; links are relative to the feed unless the site's URL is known.
"""

from __future__ import annotations

import functools
import re
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from xml.etree import ElementTree as ET

from generator.config import BuildConfig
from generator.digest import code_fingerprint, digest
from generator.facets import FacetIndex
from generator.models import Article, SiteFile
from generator.search_index import markdown_to_text
from generator.search_records import snippet_text
from generator.site_paths import (
    ARCHIVE_FEED,
    article_page,
    public_url,
    relative,
    value_feed,
    value_page,
)
from generator.value_digest import ValueDigest

ATOM = "http://www.w3.org/2005/Atom"
FEED_SIZE = 50  # newest articles per feed
SUMMARY_CHARS = 400
#: ``updated`` of an undated article: Atom requires one, and the epoch sorts it last.
UNDATED_TIME = "1970-01-01T00:00:00Z"
#: Namespace of the ``urn:uuid:`` names of a site without a public URL.
ID_NAMESPACE = uuid.UUID("6f1d3c52-7c55-4d2e-9a8e-3b9d5a1f0e21")
# Characters XML 1.0 does not allow in a document, even escaped (with lone surrogates).
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class Feed:
    """One feed: where it goes, its title, the page it stands for, and its articles."""

    path: str
    title: str
    page: str
    articles: tuple[Article, ...]  # newest first


def feeds(articles: Sequence[Article], facets: Sequence[FacetIndex], site_title: str) -> list[Feed]:
    """The archive's feed and one per value of every facet."""
    by_slug = {a.slug: a for a in articles}
    found = [Feed(ARCHIVE_FEED, site_title, "index.html", tuple(articles[:FEED_SIZE]))]
    for index in facets:
        for value in index.values:
            found.append(
                Feed(
                    value_feed(index, value),
                    f"{value.label} · {index.facet.title} · {site_title}",
                    value_page(index, value),
                    tuple(by_slug[s] for s in value.articles[:FEED_SIZE]),
                )
            )
    return found


def feed_files(
    articles: Sequence[Article],
    facets: Sequence[FacetIndex],
    config: BuildConfig,
    values: ValueDigest,
) -> list[SiteFile]:
    """Every feed as a site file, keyed by the code and everything the feed shows."""
    code = code_fingerprint("feeds")
    summaries = functools.cache(summary)  # an article is in a dozen feeds: summed up once
    return [
        SiteFile(
            feed.path,
            digest(code, config.base_url, config.site_title, values(feed)),
            functools.partial(feed_xml, feed, config.base_url, config.site_title, summaries),
        )
        for feed in feeds(articles, facets, config.site_title)
    ]


def xml_text(text: str) -> str:
    """``text`` without the characters an XML 1.0 document cannot hold."""
    return NOT_XML.sub("", text)


def atom_time(date: str | None) -> str:
    """An RFC 3339 time for an ISO date known to the day, month or year (its first day)."""
    if not date:
        return UNDATED_TIME
    year, month, day = ([*date.split("-"), "01", "01"])[:3]
    return f"{year}-{month}-{day}T00:00:00Z"


def summary(article: Article) -> str:
    """The standfirst, or the start of the body as plain text."""
    text = article.standfirst or markdown_to_text(article.body).replace("\n", " ")
    cut = snippet_text(text, SUMMARY_CHARS)
    return cut if cut == text else f"{cut} …"


def entry_id(article: Article, base_url: str) -> str:
    if base_url:
        return public_url(base_url, article_page(article.slug))
    name = f"{article.slug}\n{article.raw_sha256 or ''}"
    return uuid.uuid5(ID_NAMESPACE, name).urn


def feed_id(feed: Feed, base_url: str, site_title: str) -> str:
    if base_url:
        return public_url(base_url, feed.path)
    return uuid.uuid5(ID_NAMESPACE, f"feed\n{site_title}\n{feed.path}").urn


def feed_xml(
    feed: Feed, base_url: str, site_title: str, summed: Callable[[Article], str] = summary
) -> bytes:
    """The Atom document of ``feed`` (``summed`` gives an entry's summary)."""

    def link(path: str) -> str:
        return public_url(base_url, path) if base_url else relative(path, feed.path)

    top = ET.Element("feed", xmlns=ATOM)
    _text(top, "title", feed.title)
    _text(top, "id", feed_id(feed, base_url, site_title))
    times = [atom_time(a.date) for a in feed.articles]
    _text(top, "updated", max(times, default=UNDATED_TIME))
    ET.SubElement(top, "link", rel="self", type="application/atom+xml", href=link(feed.path))
    ET.SubElement(top, "link", rel="alternate", type="text/html", href=link(feed.page))
    _text(ET.SubElement(top, "author"), "name", site_title)
    _text(top, "generator", "Dossier")
    for article, time in zip(feed.articles, times, strict=True):
        entry = ET.SubElement(top, "entry")
        _text(entry, "title", article.title)
        _text(entry, "id", entry_id(article, base_url))
        _text(entry, "updated", time)
        if article.date:
            _text(entry, "published", time)
        page = link(article_page(article.slug))
        ET.SubElement(entry, "link", rel="alternate", type="text/html", href=page)
        if author := article.byline or article.source:
            _text(ET.SubElement(entry, "author"), "name", author)
        _text(entry, "summary", summed(article)).set("type", "text")
    ET.indent(top)
    return ET.tostring(top, encoding="utf-8", xml_declaration=True) + b"\n"


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = xml_text(text)
    return element
