"""The offline map: cropping, projection, clipping, simplification and the drawn values."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from generator.facets import build_all, standard_facets
from generator.gazetteer import Place, load_gazetteer
from generator.geomap import (
    MAX_RADIUS,
    MIN_SPAN,
    RATIO,
    Located,
    draw_map,
    frame,
    projection,
    weighted_quantile,
)
from generator.models import Article
from generator.outlines import clip_ring, path_data, rounded_ring, simplify

ROOT = Path(__file__).resolve().parent.parent


def articles_naming(counts: dict[str, int]) -> list[Article]:
    """``count`` articles naming each place."""
    return [
        Article(slug=f"{name}-{i}", title=f"{name} {i}", body="", places=(name,))
        for name, count in counts.items()
        for i in range(count)
    ]


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer(ROOT / "content" / "gazetteer")


def places_index(gazetteer, counts: dict[str, int]):
    return build_all(standard_facets(gazetteer.ancestors), articles_naming(counts))[0]


def test_weighted_quantile() -> None:
    pairs = [(3.0, 1), (1.0, 8), (2.0, 1)]
    assert weighted_quantile(pairs, 0.05) == 1.0
    assert weighted_quantile(pairs, 0.85) == 2.0
    assert weighted_quantile(pairs, 0.95) == 3.0
    assert weighted_quantile([(7.0, 1)], 0.95) == 7.0


def test_simplify_keeps_what_shows_at_the_resolution() -> None:
    line = [(0.0, 0.0), (1.0, 0.1), (2.0, -0.1), (3.0, 0.0), (4.0, 5.0), (5.0, 0.0)]
    assert simplify(line, 0.5) == [(0.0, 0.0), (3.0, 0.0), (4.0, 5.0), (5.0, 0.0)]
    # A closed ring (first point repeated last) keeps its corners and drops the rest.
    square = [(0, 0), (5, 0), (10, 0), (10, 5), (10, 10), (5, 10.2), (0, 10), (0, 5), (0, 0)]
    assert simplify(square, 0.5) == [(0, 0), (10, 0), (10, 10), (0, 10), (0, 0)]


def test_clip_ring_cuts_at_the_frame() -> None:
    square = [(-5.0, -5.0), (5.0, -5.0), (5.0, 5.0), (-5.0, 5.0), (-5.0, -5.0)]
    clipped = clip_ring(square, (0, 0, 10, 10))
    assert {(round(x, 6), round(y, 6)) for x, y in clipped} == {(0, 0), (5, 0), (5, 5), (0, 5)}
    assert clip_ring([(20.0, 20.0), (30.0, 20.0), (30.0, 30.0)], (0, 0, 10, 10)) == []
    assert clip_ring([], (0, 0, 10, 10)) == []


def test_rings_become_short_relative_path_data() -> None:
    ring = rounded_ring([(0.2, 0.1), (10.4, 0.0), (9.9, 10.0), (0.0, 10.3), (0.1, 0.2)])
    assert ring == [(0, 0), (10, 0), (10, 10), (0, 10)]
    assert (
        path_data([ring, [(20, 20), (24, 18), (22, 25)]]) == "M0 0l10 0 0 10-10 0zM20 20l4-2-2 7z"
    )
    assert rounded_ring([(0.0, 0.0), (0.4, 0.0), (0.4, 0.4)]) is None  # smaller than a unit


def test_frame_of_one_place_is_the_country_around_it() -> None:
    box = frame([Located("Aleppo", "Aleppo", 3, 37.16, 36.2)])
    assert box.contains(37.16, 36.2)
    assert box.north - box.south == pytest.approx(MIN_SPAN)
    assert (box.west + box.east) / 2 == pytest.approx(37.16)
    project = projection(box)
    x, y = project(37.16, 36.2)
    assert (round(x), round(y)) == (500, round(project.height / 2))
    assert RATIO[0] <= project.height / 1000 <= RATIO[1]


def test_frame_keeps_its_shape_for_a_long_thin_spread() -> None:
    places = [Located(str(lon), str(lon), 1, float(lon), 35.0) for lon in range(30, 50)]
    project = projection(frame(places))
    assert project.height / 1000 == pytest.approx(RATIO[0], abs=0.01)


def test_no_place_with_coordinates_draws_no_map(gazetteer) -> None:
    index = places_index(gazetteer, {"Syria": 3, "Nowhere-in-particular": 2})
    assert draw_map(index, gazetteer.place) is None


def test_map_crops_to_where_most_articles_are(gazetteer) -> None:
    """Far places with few articles are listed, not drawn; areas are not dots; the countries
    the archive names are shaded areas linking to their pages."""
    counts = {"Aleppo": 40, "Damascus": 30, "Idlib": 10, "Moscow": 3, "Washington": 2}
    index = places_index(gazetteer, {**counts, "Syria": 1})
    drawn = draw_map(index, gazetteer.place)
    assert drawn is not None and drawn == draw_map(index, gazetteer.place)  # deterministic
    assert [(d.key, d.count) for d in drawn.dots] == [
        ("Aleppo", 40),
        ("Damascus", 30),
        ("Idlib", 10),
    ]
    assert [(f.key, f.count) for f in drawn.far] == [("Moscow", 3), ("Washington", 2)]
    box = drawn.box
    # Aleppo (36.2 N, 37.2 E) to Damascus (33.5 N, 36.3 E) with a margin, widened to its shape.
    assert (
        33 < box.west < 36 < 37.5 < box.east < 41 and 31 < box.south < 33.5 < 36.3 < box.north < 38
    )
    assert all(0 <= d.x <= drawn.width and 0 <= d.y <= drawn.height for d in drawn.dots)
    aleppo, damascus, idlib = drawn.dots
    assert aleppo.r == MAX_RADIUS and idlib.r == pytest.approx(
        MAX_RADIUS * math.sqrt(10 / 40), 0.01
    )
    assert aleppo.y < damascus.y  # north is up
    areas = {a.key: a.count for a in drawn.areas}
    assert areas["Syria"] == 81 and "Russia" not in areas and "United States" not in areas
    assert drawn.land  # the neighbours the archive does not name
    assert {label.text for label in drawn.labels} == {"Aleppo", "Damascus", "Idlib"}


def test_places_of_equal_weight_far_apart_are_all_drawn(gazetteer) -> None:
    drawn = draw_map(places_index(gazetteer, {"Aleppo": 1, "Moscow": 1}), gazetteer.place)
    assert drawn is not None and {d.key for d in drawn.dots} == {"Aleppo", "Moscow"}
    assert drawn.far == ()
    assert drawn.box.contains(37.16, 36.2) and drawn.box.contains(37.62, 55.76)


def test_a_lookup_without_coordinates_or_with_areas_only(gazetteer) -> None:
    """Only points with coordinates are dots; one point still makes a map."""
    known = {
        "Camp": Place("Camp", "camp", None, 33.0, 36.0),
        "Province": Place("Province", "governorate", None, 34.0, 37.0),
        "Lost": Place("Lost", "village", None, None, None),
    }
    index = places_index(gazetteer, {"Camp": 2, "Province": 5, "Lost": 9})
    drawn = draw_map(index, known.get)
    assert drawn is not None and [d.key for d in drawn.dots] == ["Camp"]
    assert drawn.box.contains(36.0, 33.0) and drawn.areas == () and drawn.far == ()
