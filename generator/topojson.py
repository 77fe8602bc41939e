"""Decode TopoJSON topologies (quantized, delta-encoded arcs) into shapes in degrees.

Only what the site's map needs from the TopoJSON specification: a transform, arcs, and a
geometry collection of Polygon and MultiPolygon geometries.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

Point = tuple[float, float]  # longitude, latitude
Ring = tuple[Point, ...]
Polygon = tuple[Ring, ...]  # the outer ring, then its holes


@dataclass(frozen=True)
class Transform:
    """How quantized integer positions map to longitude and latitude."""

    scale: Point = (1.0, 1.0)
    translate: Point = (0.0, 0.0)


@dataclass(frozen=True)
class Shape:
    """One geometry of a collection: its name, id and polygons."""

    name: str
    id: str | None
    polygons: tuple[Polygon, ...]


def transform_of(topology: Mapping[str, Any]) -> Transform | None:
    """The topology's transform, or None when its arcs hold plain positions."""
    found = topology.get("transform")
    if not found:
        return None
    return Transform(tuple(found["scale"]), tuple(found["translate"]))


def decode_arc(arc: Sequence[Sequence[float]], transform: Transform | None) -> tuple[Point, ...]:
    """Positions of one arc: quantized arcs hold a first position and then deltas."""
    if transform is None:
        return tuple((float(p[0]), float(p[1])) for p in arc)
    (kx, ky), (dx, dy) = transform.scale, transform.translate
    x = y = 0
    points = []
    for position in arc:
        x += position[0]
        y += position[1]
        points.append((x * kx + dx, y * ky + dy))
    return tuple(points)


def decode_arcs(topology: Mapping[str, Any]) -> tuple[tuple[Point, ...], ...]:
    """Every arc of the topology, decoded."""
    transform = transform_of(topology)
    return tuple(decode_arc(arc, transform) for arc in topology["arcs"])


def stitch(indexes: Iterable[int], arcs: Sequence[tuple[Point, ...]]) -> Ring:
    """A ring from its arcs; a negative index ``~i`` is arc ``i`` reversed, and each arc after
    the first starts where the one before ended, so that shared position is kept once."""
    ring: list[Point] = []
    for index in indexes:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(points[1:] if ring else points)
    return tuple(ring)


def polygons_of(
    geometry: Mapping[str, Any], arcs: Sequence[tuple[Point, ...]]
) -> tuple[Polygon, ...]:
    """The polygons of a Polygon or MultiPolygon geometry (none for any other type)."""
    kind = geometry.get("type")
    if kind == "Polygon":
        parts = [geometry["arcs"]]
    elif kind == "MultiPolygon":
        parts = geometry["arcs"]
    else:
        return ()
    return tuple(tuple(stitch(ring, arcs) for ring in polygon) for polygon in parts)


def shapes(topology: Mapping[str, Any], collection: str) -> tuple[Shape, ...]:
    """The shapes of one geometry collection of the topology, named by ``properties.name``."""
    arcs = decode_arcs(topology)
    found = []
    for geometry in topology["objects"][collection]["geometries"]:
        name = str((geometry.get("properties") or {}).get("name", ""))
        ident = geometry.get("id")
        polygons = polygons_of(geometry, arcs)
        if polygons:
            found.append(Shape(name, None if ident is None else str(ident), polygons))
    return tuple(found)


@lru_cache(maxsize=2)
def load_shapes(path: Path, collection: str) -> tuple[Shape, ...]:
    """The shapes of a TopoJSON file's collection, decoded once per process."""
    return shapes(json.loads(path.read_text("utf-8")), collection)
