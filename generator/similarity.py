"""What the build works out across articles and keeps between builds in its cache:
near-duplicates, the Whoosh index ``dossier search`` reads, and related coverage."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType

from generator.cache import BuildCache
from generator.config import BuildConfig
from generator.digest import code_fingerprint, digest
from generator.facets import Facet, FacetIndex
from generator.fulltext import FulltextIndex, fulltext_dir, index_entries, update_index
from generator.fulltext_related import related_articles
from generator.models import Article
from generator.neardup import NearDupState, near_duplicates
from generator.progress import Progress, no_progress

NEAR_DUPLICATES = "near-duplicates"
RELATED = "related"


def linked_copies(articles: Sequence[Article], cache: BuildCache) -> Mapping[str, tuple[str, ...]]:
    """Near-duplicates of every article, with what earlier builds worked out about them."""
    version = code_fingerprint("neardup")
    known = cache.get(NEAR_DUPLICATES, version)
    earlier = known if isinstance(known, NearDupState) else NearDupState()
    found, state = near_duplicates(articles, earlier)
    if state is not earlier:
        cache.put(NEAR_DUPLICATES, version, state)
    cache.forget_unused(NEAR_DUPLICATES)
    return found


def index_fulltext(
    config: BuildConfig, articles: Sequence[Article], facets: Sequence[FacetIndex]
) -> FulltextIndex:
    """The Whoosh index ``dossier search`` reads, brought up to date beside the content (made
    from nothing when the build runs without its cache)."""
    declared: list[Facet] = [index.facet for index in facets]
    entries = index_entries(articles, declared)
    return update_index(fulltext_dir(config.content_dir), entries, fresh=not config.cache)


def related_coverage(
    fulltext: FulltextIndex,
    articles: Sequence[Article],
    copies: Mapping[str, tuple[str, ...]],
    cache: BuildCache,
    progress: Progress = no_progress,
) -> Mapping[str, tuple[str, ...]]:
    """Each article's most similar others, worked out again only when the index or the
    near-duplicates changed (any edit changes every score a little)."""
    key = digest(
        code_fingerprint("fulltext_related"),
        fulltext.content,
        *(part for slug, others in sorted(copies.items()) for part in (slug, *others, "")),
    )
    found = cache.get(RELATED, key)
    if not isinstance(found, dict):
        found = related_articles(fulltext.folder, articles, copies, progress)
        cache.put(RELATED, key, found)
    cache.forget_unused(RELATED)
    return MappingProxyType(found)
