"""The search page's data: a lunr index prebuilt for lunr.js, and per-result metadata.

Both are ``.js`` files that assign a global (``window.DOSSIER_INDEX``, ``window.DOSSIER_DOCS``)
because the page loads them with ``<script src>``: browsers refuse ``fetch()`` from file://.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import quote

from markdown_it import MarkdownIt
from markdown_it.token import Token as MarkdownToken

from generator.lunr_builder import build_index, serialize_index
from generator.lunr_index import document_terms, serialize
from generator.models import Article
from generator.progress import Progress, no_progress

INDEX_PATH = "search/index.js"
DOCS_PATH = "search/docs.js"
INDEX_GLOBAL = "DOSSIER_INDEX"
DOCS_GLOBAL = "DOSSIER_DOCS"

#: Indexed fields and their boosts, in index order.
INDEX_FIELDS: tuple[tuple[str, int], ...] = (
    ("title", 10),
    ("body", 1),
    ("places", 1),
    ("actors", 1),
    ("source", 1),
)

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class SearchBundle:
    """Files for the site: (path relative to the site root, file text)."""

    files: tuple[tuple[str, str], ...]


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    """CommonMark with raw HTML as text, as the article pages render bodies."""
    return MarkdownIt("commonmark", {"html": False})


def _inline_text(children: Sequence[MarkdownToken]) -> str:
    """Text of inline tokens: text and code kept, line breaks as spaces, link targets dropped."""
    parts = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(_inline_text(child.children or []))
    return "".join(parts)


def markdown_to_text(markdown: str) -> str:
    """Plain text of a markdown body, one line per block."""
    blocks = []
    for token in _markdown().parse(markdown):
        if token.type == "inline":
            blocks.append(_inline_text(token.children or []))
        elif token.type in ("code_block", "fence"):
            blocks.append(token.content)
    return "\n".join(text for block in blocks if (text := block.strip()))


def ordered_articles(articles: Sequence[Article]) -> list[Article]:
    """Articles by slug; a slug may occur once (it is the index's ref)."""
    ordered = sorted(articles, key=lambda article: article.slug)
    for before, after in zip(ordered, ordered[1:], strict=False):
        if before.slug == after.slug:
            raise ValueError(f"duplicate article slug {before.slug!r}")
    return ordered


def search_document(article: Article, text: str) -> dict[str, str]:
    """The document lunr indexes for ``article`` (``text`` is its plain-text body)."""
    return {
        "ref": article.slug,
        "title": article.title,
        "body": text,
        "places": ", ".join(article.places),
        "actors": ", ".join(article.actors),
        "source": article.source or "",
    }


def with_parents(places: Sequence[str], parents: Mapping[str, Sequence[str]]) -> list[str]:
    """The places and every place containing them, so a filter on Syria finds Hajin."""
    return list(dict.fromkeys(name for p in places for name in (p, *parents.get(p, ()))))


def result_record(
    article: Article, text: str, parents: Mapping[str, Sequence[str]] | None = None
) -> dict[str, Any]:
    """What the search page shows for ``article`` in a result list."""
    return {
        "title": article.title,
        "date": article.date,
        "date_precision": article.date_precision,
        "source": article.source,
        "url": f"articles/{quote(article.slug, safe='')}.html",
        "places": with_parents(article.places, parents or {}),
        "actors": list(article.actors),
        "text": text,
    }


def script_safe_json(value: Any) -> str:
    """Deterministic JSON that can sit in a script without ending it or breaking a string."""
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    text = text.replace("</", "<\\/").replace("<!--", "<\\u0021--")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def global_assignment(name: str, value: Any) -> str:
    """A script assigning ``value`` to ``window.<name>``."""
    return f"window.{name} = {script_safe_json(value)};\n"


def search_documents(articles: Sequence[Article]) -> list[dict[str, str]]:
    """The documents lunr indexes, ordered by slug."""
    return [search_document(a, markdown_to_text(a.body)) for a in ordered_articles(articles)]


def serialized_index(
    documents: Sequence[dict[str, str]], progress: Progress = no_progress
) -> dict[str, Any]:
    """The lunr index of ``documents`` as lunr.js 2.3.9 would build and serialize it."""
    names = [name for name, _ in INDEX_FIELDS]
    terms = [document_terms(doc, "ref", names) for doc in progress("Indexing", documents)]
    if len({t.ref for t in terms}) == len(terms):
        return serialize(INDEX_FIELDS, terms)
    # A repeated ref: lunr.py's builder, which keeps its quirks (the site never has one).
    fields = [{"field_name": name, "boost": boost} for name, boost in INDEX_FIELDS]
    return serialize_index(build_index("ref", fields, documents))


def build_search_bundle(
    articles: Sequence[Article],
    parents: Mapping[str, Sequence[str]] | None = None,
    progress: Progress = no_progress,
) -> SearchBundle:
    """``search/index.js`` and ``search/docs.js`` for ``articles``; ``parents`` gives each
    place's containing places, which the search filters count too."""
    ordered = ordered_articles(articles)
    documents = search_documents(ordered)
    records = {
        doc["ref"]: result_record(article, doc["body"], parents)
        for article, doc in zip(ordered, documents, strict=True)
    }
    return SearchBundle(
        files=(
            (INDEX_PATH, global_assignment(INDEX_GLOBAL, serialized_index(documents, progress))),
            (DOCS_PATH, global_assignment(DOCS_GLOBAL, records)),
        )
    )
