"""Read and check the archive's gazetteer files (places.yaml, actors.yaml).

Every problem raises :class:`InputError` naming the file and the line of the faulty entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.errors import InputError

_KINDS = (
    "country governorate province district subdistrict city town village region river lake "
    "sea camp crossing neighbourhood dam mountain airbase island"
)
PLACE_KINDS = frozenset(_KINDS.split()) | {"oil field", "gas field"}
ACTOR_KINDS = frozenset({"state", "armed force", "armed group", "party", "coalition", "tribe"})
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_GEONAMES_REF = re.compile(r"^[A-Z]{2}(\.[0-9A-Z]{1,3})?$")


@dataclass(frozen=True)
class PlaceEntry:
    """One place as the archive's editor wrote it."""

    name: str
    kind: str
    parent: str | None
    coords: tuple[float, float] | None
    aliases: tuple[str, ...]
    geonames: str | None
    line: int


@dataclass(frozen=True)
class GeonamesPolicy:
    """How much of GeoNames is merged into the gazetteer."""

    all_places_of: tuple[str, ...] = ("SY",)
    neighbours: tuple[str, ...] = ()
    neighbour_min_population: int = 15000
    world_min_population: int = 1_000_000


@dataclass(frozen=True)
class PlacesFile:
    """The contents of places.yaml."""

    path: Path
    places: tuple[PlaceEntry, ...]
    excluded: tuple[str, ...]
    generic_words: tuple[str, ...]
    geonames: GeonamesPolicy


@dataclass(frozen=True)
class Form:
    """Modifiers that combine with nouns into aliases ("Russian" + "warplanes")."""

    modifiers: tuple[str, ...]
    nouns: tuple[str, ...]


@dataclass(frozen=True)
class ActorEntry:
    """One actor (or one name that is not an actor) as the editor wrote it."""

    name: str
    kind: str
    aliases: tuple[str, ...]
    country: str | None
    capitals: tuple[str, ...]
    forms: tuple[Form, ...]
    line: int


@dataclass(frozen=True)
class Default:
    """A bare noun ("the army") naming ``actor`` unless the article names another state's
    ``nouns`` (a noun group: "the Turkish army ... the army")."""

    words: tuple[str, ...]
    actor: str
    nouns: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class ActorsFile:
    """The contents of actors.yaml."""

    path: Path
    actors: tuple[ActorEntry, ...]
    not_actors: tuple[ActorEntry, ...]
    defaults: tuple[Default, ...] = ()


class _Doc:
    """A parsed YAML file with the node tree kept for line numbers."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{path}: cannot read gazetteer file: {exc}") from exc
        try:
            self.data = yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader
            self.node = yaml.compose(text, Loader=_LOADER)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
            line = mark.line + 1 if mark is not None else None
            problem = getattr(exc, "problem", None) or str(exc)
            raise self.error(f"invalid YAML: {problem}", line) from exc
        if not isinstance(self.data, dict):
            raise self.error("the file must be a mapping of sections", 1)

    def error(self, message: str, line: int | None) -> InputError:
        where = f"{self.path}:{line}" if line else str(self.path)
        return InputError(f"{where}: {message}", line)

    def section(self, key: str) -> tuple[Any, Any]:
        """The value and node of a top-level section (None, None when absent)."""
        for key_node, value_node in getattr(self.node, "value", ()):
            if key_node.value == key:
                return self.data.get(key), value_node
        return None, None

    def items(self, key: str, required: bool = False) -> list[tuple[Any, int]]:
        """The entries of a top-level list with their line numbers."""
        value, node = self.section(key)
        if value is None:
            if required:
                raise self.error(f"missing section '{key}'", 1)
            return []
        if not isinstance(value, list):
            raise self.error(f"'{key}' must be a list", _line(node))
        return [(item, _line(sub)) for item, sub in zip(value, node.value, strict=True)]


def _line(node: Any) -> int:
    return node.start_mark.line + 1 if node is not None else 1


def _text(doc: _Doc, entry: dict, key: str, line: int, required: bool = True) -> str | None:
    value = entry.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        raise doc.error(f"'{key}' must be a non-empty string", line)
    return value.strip()


def _texts(doc: _Doc, entry: dict, key: str, line: int) -> tuple[str, ...]:
    value = entry.get(key) or []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise doc.error(f"'{key}' must be a list of non-empty strings", line)
    return tuple(v.strip() for v in value)


def _mapping(doc: _Doc, entry: Any, line: int, allowed: set[str]) -> dict:
    if not isinstance(entry, dict):
        raise doc.error("an entry must be a mapping with at least 'name' and 'type'", line)
    unknown = sorted(set(entry) - allowed)
    if unknown:
        raise doc.error(f"unknown field(s) {', '.join(map(str, unknown))}", line)
    return entry


def _coords(doc: _Doc, value: Any, line: int) -> tuple[float, float] | None:
    if value is None:
        return None
    ok = (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
    )
    if not ok or not (-90 <= value[0] <= 90 and -180 <= value[1] <= 180):
        raise doc.error("'coords' must be [latitude, longitude] in degrees", line)
    return float(value[0]), float(value[1])


def read_places(path: Path) -> PlacesFile:
    """Parse and check places.yaml."""
    doc = _Doc(path)
    fields = {"name", "type", "parent", "aliases", "coords", "geonames"}
    places: list[PlaceEntry] = []
    seen: dict[str, int] = {}
    for raw, line in doc.items("places", required=True):
        entry = _mapping(doc, raw, line, fields)
        name = _text(doc, entry, "name", line)
        kind = _text(doc, entry, "type", line)
        if kind not in PLACE_KINDS:
            raise doc.error(f"unknown place type '{kind}' (one of {sorted(PLACE_KINDS)})", line)
        geonames = _text(doc, entry, "geonames", line, required=False)
        if geonames and not _GEONAMES_REF.match(geonames):
            raise doc.error("'geonames' must look like SY or SY.07 (country.admin1)", line)
        if name in seen:
            raise doc.error(f"place '{name}' is already defined on line {seen[name]}", line)
        seen[name] = line
        places.append(
            PlaceEntry(
                name=name,
                kind=kind,
                parent=_text(doc, entry, "parent", line, required=False),
                coords=_coords(doc, entry.get("coords"), line),
                aliases=_texts(doc, entry, "aliases", line),
                geonames=geonames,
                line=line,
            )
        )
    return PlacesFile(
        path=path,
        places=tuple(places),
        excluded=_word_list(doc, "excluded"),
        generic_words=_word_list(doc, "generic_words"),
        geonames=_policy(doc),
    )


def _word_list(doc: _Doc, key: str) -> tuple[str, ...]:
    out = []
    for item, line in doc.items(key):
        if not isinstance(item, str) or not item.strip():
            raise doc.error(f"'{key}' must be a list of names", line)
        out.append(item.strip())
    return tuple(out)


def _policy(doc: _Doc) -> GeonamesPolicy:
    value, node = doc.section("geonames")
    if value is None:
        return GeonamesPolicy()
    line = _line(node)
    entry = _mapping(doc, value, line, set(GeonamesPolicy.__dataclass_fields__))
    codes = {k: _texts(doc, entry, k, line) for k in ("all_places_of", "neighbours")}
    numbers = {}
    for key in ("neighbour_min_population", "world_min_population"):
        number = entry.get(key, getattr(GeonamesPolicy, key))
        if not isinstance(number, int) or isinstance(number, bool) or number < 0:
            raise doc.error(f"'{key}' must be a whole number", line)
        numbers[key] = number
    return GeonamesPolicy(**codes, **numbers)


def read_actors(path: Path) -> ActorsFile:
    """Parse and check actors.yaml."""
    doc = _Doc(path)
    nouns = _noun_groups(doc)
    fields = {"name", "type", "aliases", "country", "capitals", "forms"}
    entries = doc.items("actors", required=True)
    actors = tuple(_actor(doc, raw, line, nouns, fields, ACTOR_KINDS) for raw, line in entries)
    others = tuple(
        _actor(doc, raw, line, nouns, {"name", "type", "aliases"}, None)
        for raw, line in doc.items("not_actors")
    )
    seen: dict[str, int] = {}
    for entry in actors + others:
        if entry.name in seen:
            message = f"'{entry.name}' is already defined on line {seen[entry.name]}"
            raise doc.error(message, entry.line)
        seen[entry.name] = entry.line
    names = {entry.name for entry in actors}
    defaults = tuple(_default(doc, raw, line, nouns, names) for raw, line in doc.items("defaults"))
    return ActorsFile(path=path, actors=actors, not_actors=others, defaults=defaults)


def _default(
    doc: _Doc, raw: Any, line: int, nouns: dict[str, tuple[str, ...]], names: set[str]
) -> Default:
    entry = _mapping(doc, raw, line, {"words", "actor", "unless"})
    actor = _text(doc, entry, "actor", line)
    if actor not in names:
        raise doc.error(f"unknown actor '{actor}'", line)
    unless = _texts(doc, entry, "unless", line)
    expanded = tuple(n for w in unless for n in nouns.get(w, (w,)))
    return Default(_texts(doc, entry, "words", line), actor, expanded, line)


def _noun_groups(doc: _Doc) -> dict[str, tuple[str, ...]]:
    value, node = doc.section("nouns")
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise doc.error("'nouns' must map group names to lists of nouns", _line(node))
    return {str(k): _texts(doc, value, k, _line(node)) for k in value}


def _actor(
    doc: _Doc,
    raw: Any,
    line: int,
    nouns: dict[str, tuple[str, ...]],
    fields: set[str],
    kinds: frozenset[str] | None,
) -> ActorEntry:
    entry = _mapping(doc, raw, line, fields)
    kind = _text(doc, entry, "type", line)
    if kinds is not None and kind not in kinds:
        raise doc.error(f"unknown actor type '{kind}' (one of {sorted(kinds)})", line)
    forms = []
    for form in entry.get("forms") or []:
        form = _mapping(doc, form, line, {"modifiers", "nouns"})
        words = _texts(doc, form, "nouns", line)
        expanded = tuple(n for w in words for n in nouns.get(w, (w,)))
        forms.append(Form(_texts(doc, form, "modifiers", line), expanded))
    return ActorEntry(
        name=_text(doc, entry, "name", line),
        kind=kind,
        aliases=_texts(doc, entry, "aliases", line),
        country=_text(doc, entry, "country", line, required=False),
        capitals=_texts(doc, entry, "capitals", line),
        forms=tuple(forms),
        line=line,
    )
