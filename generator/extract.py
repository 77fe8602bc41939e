"""Places and actors named in an article's text, as the gazetteer's canonical names.

``find_places`` and ``find_actors`` return names in order of first mention, without repeats.
The rules (CONVENTIONS.md): adjectives are not places ("Turkish border"); a capital speaking
or acting for its government is an actor, not a place ("Damascus said", "the offensive of
Damascus"); datelines, continents and macro-regions are not places; GeoNames names match only
where the text capitalises them; a name no gazetteer has is a place where the text presents it
as one ("the village of X") and keeps the text's spelling. Countries are places, and also
actors where they act ("Russia said", "backed by Iran").
"""

from __future__ import annotations

from functools import lru_cache

from generator.extract_actors import actor_mentions, default_mentions
from generator.extract_context import country_acts
from generator.extract_places import place_mentions
from generator.extract_scan import Found
from generator.extract_text import Doc, Mention, make_doc
from generator.gazetteer import Gazetteer, matchers
from generator.gazetteer_build import Matchers
from generator.toponyms import name_key, strip_possessive, token_key


def find_places(text: str, gazetteer: Gazetteer) -> tuple[str, ...]:
    """Canonical names of the places ``text`` mentions, in order of first mention."""
    return _analyse(text, gazetteer)[0]


def find_actors(text: str, gazetteer: Gazetteer) -> tuple[str, ...]:
    """Canonical names of the actors ``text`` mentions, in order of first mention."""
    return _analyse(text, gazetteer)[1]


@lru_cache(maxsize=16)
def _kinds(gazetteer: Gazetteer) -> dict[str, str]:
    return {name: place.kind for name, place in gazetteer.places.items()}


def _unique(names: list[str], key=lambda name: name) -> tuple[str, ...]:
    seen: set[str] = set()
    out = []
    for name in names:
        k = key(name)
        if k not in seen:
            seen.add(k)
            out.append(name)
    return tuple(out)


def _place_names(found: list[Found]) -> tuple[str, ...]:
    names = [f.name for f in found]
    known = {name_key(f.name) for f in found if f.known}
    unknown = {f.name for f in found if not f.known}
    kept = [n for n in names if n not in unknown or name_key(n) not in known]
    return _unique(kept, lambda n: n if n not in unknown else "?" + name_key(n))


@lru_cache(maxsize=32)
def _analyse(text: str, gazetteer: Gazetteer) -> tuple[tuple[str, ...], tuple[str, ...]]:
    m = matchers(gazetteer)
    doc = make_doc(text)
    actors = actor_mentions(doc, m)
    blocked = [False] * len(doc.words)
    for mention in actors:
        blocked[mention.start : mention.end] = [True] * (mention.end - mention.start)
    agencies = frozenset(a.start for a in actors if a.agency)
    found, governments = place_mentions(doc, m, _kinds(gazetteer), blocked, agencies)
    countries_at = {f.start: f.end for f in found if f.name in m.countries}
    states = [
        Mention(f.start, f.end, m.state_actors.get(f.name, f.name))
        for f in found
        if f.name in m.countries and country_acts(doc, f.start, f.end, countries_at)
    ]
    named = sorted([a for a in actors if a.name] + governments + states)
    named = sorted(named + default_mentions(doc, m, named))
    found = sorted(found + possessive_countries(doc, m, actors))
    return _place_names(found), _unique([a.name for a in named])


def possessive_countries(doc: Doc, m: Matchers, actors: list[Mention]) -> list[Found]:
    """ "Syria's government", "Russias air force": the country an actor's name opens with."""
    out = []
    for a in actors:
        word = doc.words[a.start]
        if not a.name or not doc.caps[a.start] or word[-1:] not in ("s", "S"):
            continue
        stem = strip_possessive(word)
        hit = m.place_keys.get(token_key(stem if stem != word else word[:-1]))
        if hit is not None and hit.strength == 2 and hit.name in m.countries:
            out.append(Found(a.start, a.start + 1, hit.name, True))
    return out
