"""Build the gazetteer's places and lookup tables from the YAML files and GeoNames.

The editor's names and Syria's GeoNames names get a spelling-tolerant key
(:func:`generator.toponyms.name_key`); every GeoNames name also gets a plain key
(:func:`generator.toponyms.plain_name_key`), so "Putin" never reads as Putian nor "Sami" as
Samoa. Where keys collide the first claim wins, in this order: excluded names, the editor's
places, GeoNames countries, main names of GeoNames places (Syria, then neighbours, then the
world's big cities), then GeoNames alternate names.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from generator import gazetteer_geonames as geonames
from generator.errors import InputError
from generator.gazetteer_yaml import ActorEntry, ActorsFile, PlacesFile
from generator.toponyms import ARTICLES, name_key, plain_name_key

TRANSLITERATED = frozenset({"SY", "IQ", "LB", "JO", "TR", "PS"})
_DEMONYMS = (
    "Arab Kurdish Kurd Kurds Turkmen Turkoman Alawite Sunni Shiite Shia Druze Armenian Assyrian "
    "Circassian Palestinian Afghan Chechen Christian Syriac Yazidi Islamist Jihadist Western "
    "Arabic Persian Iraqi Lebanese Jordanian Israeli Russian Turkish Syrian American"
)
ETHNIC_DEMONYMS = tuple(_DEMONYMS.split())


class PlaceHit(NamedTuple):
    """What a place key names: ``name`` None for an excluded name; ``strength`` 2 for the
    editor's names, 1 for GeoNames main names, 0 for GeoNames alternates and hamlets, -1 for
    a GeoNames name that matches only in its tolerant spelling (trusted only in context)."""

    name: str | None
    strength: int


class ActorHit(NamedTuple):
    """What an actor key names: ``actor`` None for a name that is not an actor; ``proper``
    when the alias is a proper name, which matches only where the text capitalises it."""

    actor: str | None
    agency: bool = False
    proper: bool = False


@dataclass(frozen=True)
class Matchers:
    """Lookup tables for extraction, keyed by normalised keys (acronyms as written)."""

    place_keys: dict[str, PlaceHit]
    place_prefixes: frozenset[str]
    plain_keys: dict[str, PlaceHit]
    plain_prefixes: frozenset[str]
    place_acronyms: dict[str, str]
    actor_keys: dict[str, ActorHit]
    actor_prefixes: frozenset[str]
    actor_heads: frozenset[str]
    actor_proper_heads: frozenset[str]
    actor_words: dict[str, ActorHit]
    actor_acronyms: dict[str, ActorHit]
    acronym_forms: frozenset[str]
    modifiers: dict[str, dict[str, str]]
    modifier_prefixes: frozenset[str]
    noun_prefixes: frozenset[str]
    capitals: dict[str, str]
    state_actors: dict[str, str]
    demonyms: frozenset[str]
    generic: frozenset[str]
    countries: frozenset[str]
    quiet: frozenset[str]
    defaults: dict[str, str]
    default_prefixes: frozenset[str]
    default_heads: frozenset[str]
    default_rivals: dict[str, frozenset[str]]
    rival_states: frozenset[str]
    actor_starts: dict[str, bool] = field(default_factory=dict, compare=False)  # word -> may
    # start an actor name (filled while extracting)


@dataclass(frozen=True)
class PlaceRow:
    """A finished place."""

    name: str
    kind: str
    parent: str | None
    lat: float | None
    lon: float | None
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Built:
    """What :func:`build` returns."""

    places: tuple[PlaceRow, ...]
    matchers: Matchers


def is_acronym(text: str) -> bool:
    """ "SAA", "US", "T4": matched only as written."""
    return text.isalnum() and text.isupper() and len(text) <= 6


def _prefixes(keys: object) -> frozenset[str]:
    out = set()
    for key in keys:
        words = key.split(" ")
        out.update(" ".join(words[:i]) for i in range(1, len(words)))
    return frozenset(out)


def _acronym_forms(acronyms: dict[str, ActorHit]) -> frozenset[str]:
    """Every spelling an acronym is matched in: "ISIL", "ISIL's", "ISILs", "Isil", "Isil's"."""
    out = set()
    for acronym in acronyms:
        spellings = [acronym, acronym.title()] if len(acronym) >= 4 else [acronym]
        for text in spellings:
            out.update((text, text + "'s", text + "’s"))
        out.add(acronym + "s")
    return frozenset(out)


def _heads(keys: list[str]) -> frozenset[str]:
    """The first words of keys."""
    return frozenset(key.split(" ", 1)[0] for key in keys)


class _Places:
    """Accumulates places and their keys while merging the sources."""

    def __init__(self, reserved: set[str], generic: set[str]) -> None:
        self.rows: dict[str, dict] = {}
        self.keys: dict[str, PlaceHit] = {}
        self.plain: dict[str, PlaceHit] = {}
        self.acronyms: dict[str, str] = {}
        self.reserved = reserved
        self.generic = generic

    def claim(self, text: str, hit: PlaceHit) -> None:
        """An editor's name (or an excluded one): tolerant key."""
        if is_acronym(text):
            self.acronyms.setdefault(text, hit.name or "")
        elif (key := name_key(text)) and key not in self.keys:
            self.keys[key] = hit

    def claim_geonames(self, text: str, hit: PlaceHit, tolerant: bool) -> None:
        """A GeoNames name: plain key, and a tolerant key that needs context."""
        key = name_key(text)
        if not key or key in self.reserved:
            return
        if " " not in key and (key in self.generic or len(key) < 4):
            return
        plain = plain_name_key(text)
        if plain and plain not in self.plain and self.keys.get(key, hit).strength != 2:
            self.plain[plain] = hit
        if tolerant and key not in self.keys:
            self.keys[key] = PlaceHit(hit.name, -1)

    def add(self, name: str, kind: str, parent: str | None, coords, aliases) -> None:
        lat, lon = coords if coords else (None, None)
        self.rows[name] = dict(
            name=name, kind=kind, parent=parent, lat=lat, lon=lon, aliases=tuple(aliases)
        )


def _yaml_places(acc: _Places, pf: PlacesFile) -> None:
    for word in pf.excluded:
        acc.claim(word, PlaceHit(None, 2))
    for entry in pf.places:
        acc.add(entry.name, entry.kind, entry.parent, entry.coords, entry.aliases)
        acc.claim(entry.name, PlaceHit(entry.name, 2))
    for entry in pf.places:
        for alias in entry.aliases:
            acc.claim(alias, PlaceHit(entry.name, 2))


def _countries(acc: _Places) -> dict[str, str]:
    names = {}
    for iso, (name, _capital) in geonames.countries().items():
        hit = acc.keys.get(name_key(name))
        if hit and hit.name:
            names[iso] = hit.name
            continue
        acc.add(name, "country", None, None, ())
        acc.claim_geonames(name, PlaceHit(name, 1), tolerant=False)
        names[iso] = name
    return names


def _country_of(acc: _Places, name: str | None) -> str | None:
    seen = set()
    while name and name not in seen:
        seen.add(name)
        row = acc.rows.get(name)
        if row is None or row["kind"] == "country":
            return name
        name = row["parent"]
    return None


def _geonames_places(acc: _Places, pf: PlacesFile, country_names: dict[str, str]) -> None:
    policy = pf.geonames
    admin1 = {e.geonames: e.name for e in pf.places if e.geonames and "." in e.geonames}
    groups = [geonames.records(c) for c in policy.all_places_of]
    groups += [geonames.records(c, policy.neighbour_min_population) for c in policy.neighbours]
    groups.append(geonames.big_cities(policy.world_min_population))
    geonames.release()
    alternates: list[tuple[str, tuple[str, ...]]] = []  # taken for all_places_of only
    for records in groups:
        for rec in records:
            local = rec.country in policy.all_places_of
            country = country_names.get(rec.country)
            parent = admin1.get(f"{rec.country}.{rec.admin1}", country)
            hit = acc.keys.get(name_key(rec.name))
            row = acc.rows.get(hit.name) if hit and hit.name else None
            if row is not None and hit.strength == 2 and _country_of(acc, row["name"]) == country:
                if row["lat"] is None:
                    row["lat"], row["lon"] = rec.lat, rec.lon
                if row["parent"] is None and row["kind"] != "country":
                    row["parent"] = parent
                alternates.append((row["name"], rec.alternates if local else ()))
                continue
            name = geonames.clean_name(rec.name) if rec.country in TRANSLITERATED else rec.name
            if name in acc.rows or (hit is not None and hit.strength == 2):
                continue
            if plain_name_key(rec.name) in acc.plain:
                continue
            kind = "city" if rec.population >= 100_000 else "town"
            kind = kind if rec.population >= 10_000 else "village"
            acc.add(name, kind, parent, (rec.lat, rec.lon), rec.alternates[:8])
            strength = 1 if rec.population >= 1000 else 0
            for text in (rec.name, name):
                acc.claim_geonames(text, PlaceHit(name, strength), tolerant=local)
            alternates.append((name, rec.alternates if local else ()))
    for name, names in alternates:
        for alternate in names:
            acc.claim_geonames(alternate, PlaceHit(name, 0), tolerant=True)


def _check_parents(acc: _Places, pf: PlacesFile) -> None:
    for entry in pf.places:
        parent = acc.rows[entry.name]["parent"]
        if parent is not None and parent not in acc.rows:
            raise InputError(
                f"{pf.path}:{entry.line}: unknown parent '{parent}' of '{entry.name}'", entry.line
            )


@dataclass(frozen=True)
class _ActorTables:
    keys: dict[str, ActorHit]  # tolerant keys of names of two words or more
    words: dict[str, ActorHit]  # plain keys of one-word names
    acronyms: dict[str, ActorHit]
    modifiers: dict[str, dict[str, str]]


def _actor_tables(af: ActorsFile) -> _ActorTables:
    keys: dict[str, ActorHit] = {}
    words: dict[str, ActorHit] = {}
    acronyms: dict[str, ActorHit] = {}
    modifiers: dict[str, dict[str, str]] = {}

    def claim(text: str, hit: ActorHit) -> None:
        if is_acronym(text):
            acronyms.setdefault(text, hit)
            return
        key = name_key(text)
        parts = [w for w in text.replace("-", " ").split() if w.lower() not in ARTICLES]
        hit = hit._replace(proper=bool(parts) and parts[0][0].isupper())
        if " " in key:
            keys.setdefault(key, hit)
        elif key:
            words.setdefault(plain_name_key(text), hit)

    for entry in af.not_actors:
        for text in (entry.name, *entry.aliases):
            claim(text, ActorHit(None, entry.kind == "news agency"))
    for entry in af.actors:
        names = entry.aliases if entry.kind == "state" else (entry.name, *entry.aliases)
        for text in names:
            claim(text, ActorHit(entry.name))
    for entry in af.actors:
        for form in entry.forms:
            for modifier in form.modifiers:
                by_noun = modifiers.setdefault(name_key(modifier), {})
                for noun in form.nouns:
                    by_noun.setdefault(name_key(noun), entry.name)
                    claim(f"{modifier} {noun}", ActorHit(entry.name))
    return _ActorTables(keys, words, acronyms, modifiers)


def _default_tables(af: ActorsFile) -> dict:
    """Bare nouns naming the war's own side, and the words of other states' forms that stop
    them."""
    words = {name_key(w): d.actor for d in af.defaults for w in d.words}
    rivals: dict[str, set[str]] = {}
    for d in af.defaults:
        rivals.setdefault(d.actor, set()).update(name_key(n).rsplit(" ", 1)[-1] for n in d.nouns)
    own = {d.actor for d in af.defaults}
    return dict(
        defaults=words,
        default_prefixes=_prefixes(words),
        default_heads=_heads(list(words)),
        default_rivals={k: frozenset(v) for k, v in rivals.items()},
        rival_states=frozenset(a.name for a in af.actors if a.kind == "state") - own,
    )


def _resolve(acc: _Places, af: ActorsFile, entry: ActorEntry, name: str) -> str:
    hit = acc.keys.get(name_key(name)) or acc.plain.get(plain_name_key(name))
    if hit is None or hit.name is None:
        raise InputError(f"{af.path}:{entry.line}: unknown place '{name}'", entry.line)
    return hit.name


def build(pf: PlacesFile, af: ActorsFile) -> Built:
    """Merge the editor's files with GeoNames into places and matchers."""
    tables = _actor_tables(af)
    modifiers = tables.modifiers
    demonyms = {k for k in modifiers if " " not in k} | {name_key(d) for d in ETHNIC_DEMONYMS}
    reserved = set(tables.keys) | set(map(name_key, tables.words)) | set(modifiers) | demonyms
    acc = _Places(reserved, {name_key(w) for w in pf.generic_words})
    _yaml_places(acc, pf)
    country_names = _countries(acc)
    _geonames_places(acc, pf, country_names)
    _check_parents(acc, pf)
    capitals, states = {}, {}
    for entry in af.actors:
        for capital in entry.capitals:
            capitals.setdefault(_resolve(acc, af, entry, capital), entry.name)
        if entry.country:
            states.setdefault(_resolve(acc, af, entry, entry.country), entry.name)
    nouns = {noun for by_noun in modifiers.values() for noun in by_noun}
    rows = tuple(PlaceRow(**row) for row in acc.rows.values())
    matchers = Matchers(
        place_keys=acc.keys,
        place_prefixes=_prefixes(acc.keys),
        plain_keys=acc.plain,
        plain_prefixes=_prefixes(acc.plain),
        place_acronyms=acc.acronyms,
        actor_keys=tables.keys,
        actor_prefixes=_prefixes(tables.keys),
        actor_heads=_heads([*(k for k, hit in tables.keys.items() if not hit.proper), *modifiers]),
        actor_proper_heads=_heads([k for k, hit in tables.keys.items() if hit.proper]),
        actor_words=tables.words,
        actor_acronyms=tables.acronyms,
        acronym_forms=_acronym_forms(tables.acronyms),
        modifiers=modifiers,
        modifier_prefixes=_prefixes(modifiers),
        noun_prefixes=_prefixes(nouns) | frozenset(nouns),
        capitals=capitals,
        state_actors=states,
        demonyms=frozenset(demonyms),
        generic=frozenset(acc.generic),
        countries=frozenset(r.name for r in rows if r.kind == "country"),
        quiet=frozenset(r.name for r in rows if r.kind == "neighbourhood"),
        **_default_tables(af),
    )
    return Built(places=rows, matchers=matchers)
