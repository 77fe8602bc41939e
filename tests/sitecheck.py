"""Helpers that read a built site the way a browser would: links and resources."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class LinkParser(HTMLParser):
    """Collects every href/src/action of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str, str]] = []  # (tag, attribute, value)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src", "action") and value is not None:
                self.links.append((tag, name, value))


def page_links(page: Path) -> list[tuple[str, str, str]]:
    parser = LinkParser()
    parser.feed(page.read_text("utf-8"))
    return parser.links


def is_external(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme or parts.netloc)


def broken_links(site: Path) -> list[str]:
    """Internal links that do not point at an existing file, and external resources."""
    problems = []
    for page in sorted(site.rglob("*.html")):
        for tag, attribute, url in page_links(page):
            where = f"{page.relative_to(site)}: <{tag} {attribute}={url!r}>"
            if is_external(url):
                if tag != "a" or urlsplit(url).scheme not in ("http", "https", "mailto"):
                    problems.append(f"{where} loads from outside the site")
                continue
            path = unquote(urlsplit(url).path)
            if not path:
                continue  # a fragment or query on the same page
            if path.startswith("/"):
                problems.append(f"{where} is absolute: breaks under a project path and file://")
                continue
            target = (page.parent / path).resolve()
            if not target.is_file():
                problems.append(f"{where} points at no file")
    return problems
