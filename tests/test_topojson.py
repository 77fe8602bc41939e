"""The TopoJSON decoder on a hand-made topology and on the shipped Natural Earth file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.topojson import Transform, decode_arc, load_shapes, shapes, stitch

WORLD = Path(__file__).resolve().parent.parent / "generator/data/world-atlas/countries-50m.json"

# Two squares side by side in quantized units, sharing the edge x = 2 (arc 0); the transform
# puts quantized (x, y) at (10 + x / 2, 20 + y / 4).
TOPOLOGY = {
    "type": "Topology",
    "transform": {"scale": [0.5, 0.25], "translate": [10, 20]},
    "arcs": [
        [[2, 0], [0, 4]],  # (2,0) -> (2,4), the shared edge
        [[2, 4], [-2, 0], [0, -4], [2, 0]],  # (2,4) -> (0,4) -> (0,0) -> (2,0)
        [[2, 0], [2, 0], [0, 4], [-2, 0]],  # (2,0) -> (4,0) -> (4,4) -> (2,4)
    ],
    "objects": {
        "squares": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "id": "1", "properties": {"name": "West"}, "arcs": [[0, 1]]},
                {"type": "Polygon", "properties": {"name": "East"}, "arcs": [[2, ~0]]},
                {"type": "MultiPolygon", "id": 3, "arcs": [[[0, 1]], [[2, -1]]]},
                {"type": None},
            ],
        }
    },
}
WEST = ((11.0, 20.0), (11.0, 21.0), (10.0, 21.0), (10.0, 20.0), (11.0, 20.0))
EAST = ((11.0, 20.0), (12.0, 20.0), (12.0, 21.0), (11.0, 21.0), (11.0, 20.0))


def test_quantized_arcs_are_delta_decoded_and_transformed() -> None:
    transform = Transform((0.5, 0.25), (10, 20))
    assert decode_arc([[2, 4], [-2, 0], [0, -4]], transform) == ((11, 21), (10, 21), (10, 20))
    assert decode_arc([[1.5, 2], [3, 4]], None) == ((1.5, 2.0), (3.0, 4.0))  # plain positions


def test_rings_stitch_arcs_reversing_negative_indexes() -> None:
    west, east, both = shapes(TOPOLOGY, "squares")  # the empty geometry is left out
    assert (west.name, west.id, west.polygons) == ("West", "1", ((WEST,),))
    assert (east.name, east.id, east.polygons) == ("East", None, ((EAST,),))
    assert (both.name, both.id, both.polygons) == ("", "3", ((WEST,), (EAST,)))
    arcs = [((0.0, 0.0), (1.0, 0.0)), ((1.0, 0.0), (1.0, 1.0), (0.0, 0.0))]
    assert stitch([0, 1], arcs) == ((0, 0), (1, 0), (1, 1), (0, 0))
    assert stitch([~1, ~0], arcs) == ((0, 0), (1, 1), (1, 0), (0, 0))


def test_shipped_countries_decode_to_closed_rings_where_they_are() -> None:
    countries = load_shapes(WORLD, "countries")
    topology = json.loads(WORLD.read_text("utf-8"))
    assert len(countries) == len(topology["objects"]["countries"]["geometries"]) == 241
    assert all(ring[0] == ring[-1] for c in countries for p in c.polygons for ring in p)
    syria = next(c for c in countries if c.name == "Syria")
    assert syria.id == "760"
    points = [point for polygon in syria.polygons for ring in polygon for point in ring]
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    assert min(lons) == pytest.approx(35.7, abs=0.1) and max(lons) == pytest.approx(42.4, abs=0.1)
    assert min(lats) == pytest.approx(32.3, abs=0.1) and max(lats) == pytest.approx(37.3, abs=0.1)
