"""Find the places and actors an article's body names, by the archive's gazetteer."""

from __future__ import annotations

from dataclasses import replace

from generator.extract import find_actors, find_places
from generator.gazetteer import Gazetteer
from generator.models import Article


def enrich(article: Article, gazetteer: Gazetteer) -> Article:
    """The article with its places and actors, canonical names in order of first mention."""
    return replace(
        article,
        places=find_places(article.body, gazetteer),
        actors=find_actors(article.body, gazetteer),
    )
