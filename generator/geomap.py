"""An offline map of the archive's places, drawn at build time as SVG geometry.

Country outlines come from Natural Earth (world-atlas 2.0.2's ``countries-50m.json``, shipped
in ``generator/data/world-atlas/``). The map is cropped to where most of the archive's places
are, projected equirectangularly (longitudes scaled by the cosine of the middle latitude),
clipped and simplified to the drawing's resolution. Places that are points (cities, towns,
villages, camps, crossings, dams, fields, regions at their centre) are dots sized by the square
root of their article count; areas (countries, governorates, districts) and lines (rivers) are
not dots: the countries the archive names are shaded and link to their pages instead.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.facets import FacetIndex
from generator.gazetteer import Place
from generator.outlines import clip_ring, path_data, rounded_ring, simplify
from generator.topojson import Point, Ring, Shape, load_shapes

WORLD = Path(__file__).resolve().parent / "data" / "world-atlas" / "countries-50m.json"
COUNTRIES = "countries"
# Places whose one coordinate is not where they are: areas and lines.
AREA_KINDS = frozenset(
    {"country", "governorate", "province", "district", "subdistrict", "river", "lake", "sea"}
)

WIDTH = 1000  # drawing units across; coordinates are whole units
TOLERANCE = 0.6  # units a simplified outline may stray from the original
CLIP_PAD = 3  # outlines are cut a little outside the frame, so no border stroke shows
CORE = (0.05, 0.95)  # the weighted quantiles of the places that set the core of the map
REACH = 0.6  # places further out than this many core widths are listed, not drawn
MIN_REACH = 2.0  # degrees
MARGIN = 0.1  # of the span, around the places drawn
MIN_MARGIN = 0.5  # degrees
MIN_SPAN = 3.0  # degrees across and down (one place: the country around it)
RATIO = (0.5, 0.8)  # least and greatest height over width
MAX_RADIUS = 16.0
MIN_RADIUS = 3.0
LABELS = 10  # the places with most articles get their name written beside the dot
FONT = 14  # units; a name is taken to be 0.58 em a letter wide


@dataclass(frozen=True)
class Located:
    """A place of the archive that has coordinates and articles."""

    key: str
    label: str
    count: int
    lon: float
    lat: float


@dataclass(frozen=True)
class Box:
    """A longitude/latitude rectangle, in degrees."""

    west: float
    south: float
    east: float
    north: float

    def contains(self, lon: float, lat: float) -> bool:
        return self.west <= lon <= self.east and self.south <= lat <= self.north


@dataclass(frozen=True)
class Dot:
    """A place drawn as a dot, in drawing units."""

    key: str
    label: str
    count: int
    x: int
    y: int
    r: float


@dataclass(frozen=True)
class Label:
    """A place's name written beside its dot."""

    text: str
    x: int
    y: int
    anchor: str  # "start" (right of the dot) or "end" (left of it)


@dataclass(frozen=True)
class Area:
    """A country the archive names, with its outline as SVG path data."""

    key: str
    label: str
    count: int
    d: str


@dataclass(frozen=True)
class Far:
    """A place outside the map, listed under it."""

    key: str
    label: str
    count: int


@dataclass(frozen=True)
class GeoMap:
    """Everything the template draws: the frame, outlines, dots and names."""

    width: int
    height: int
    box: Box
    land: str  # path data of the countries the archive does not name
    areas: tuple[Area, ...]
    dots: tuple[Dot, ...]  # biggest first, so small dots lie on top
    labels: tuple[Label, ...]
    far: tuple[Far, ...]  # most articles first


@dataclass(frozen=True)
class Projection:
    """Equirectangular projection of a box onto the drawing, north up."""

    box: Box
    k: float  # cosine of the middle latitude
    scale: float  # drawing units per degree of latitude

    def __call__(self, lon: float, lat: float) -> Point:
        return ((lon - self.box.west) * self.k * self.scale, (self.box.north - lat) * self.scale)

    @property
    def height(self) -> int:
        return round((self.box.north - self.box.south) * self.scale)


def projection(box: Box, width: int = WIDTH) -> Projection:
    """The projection that draws ``box`` ``width`` units across."""
    k = math.cos(math.radians((box.south + box.north) / 2))
    return Projection(box, k, width / ((box.east - box.west) * k))


# ---- which places, and where to crop ---------------------------------------------------


def located_places(index: FacetIndex, place: Callable[[str], Place | None]) -> list[Located]:
    """The facet's places that are points with coordinates, with their article counts."""
    found = []
    for value in index.values:
        known = place(value.key)
        if (
            known
            and known.kind not in AREA_KINDS
            and known.lat is not None
            and known.lon is not None
        ):
            found.append(Located(value.key, value.label, value.count, known.lon, known.lat))
    return found


def weighted_quantile(pairs: Iterable[tuple[float, int]], q: float) -> float:
    """The smallest value with at least ``q`` of the total weight at or below it."""
    ordered = sorted(pairs)
    target = q * sum(weight for _, weight in ordered)
    running = 0
    for value, weight in ordered:
        running += weight
        if running >= target:
            return value
    return ordered[-1][0]


def core_box(places: Sequence[Located]) -> Box:
    """Where the bulk of the articles are: the weighted 5-95 % range of both coordinates."""
    lons = [(p.lon, p.count) for p in places]
    lats = [(p.lat, p.count) for p in places]
    low, high = CORE
    return Box(
        weighted_quantile(lons, low),
        weighted_quantile(lats, low),
        weighted_quantile(lons, high),
        weighted_quantile(lats, high),
    )


def near_core(places: Sequence[Located]) -> list[Located]:
    """The places near the core of the map, without those far from it (Washington in an
    archive about Syria), which would shrink everything else to a corner."""
    core = core_box(places)
    reach_x = max(REACH * (core.east - core.west), MIN_REACH)
    reach_y = max(REACH * (core.north - core.south), MIN_REACH)
    around = Box(
        core.west - reach_x, core.south - reach_y, core.east + reach_x, core.north + reach_y
    )
    return [p for p in places if around.contains(p.lon, p.lat)]


def frame(places: Sequence[Located]) -> Box:
    """The box the map shows: the places with a margin, at least ``MIN_SPAN`` across and of a
    shape between the ``RATIO`` bounds."""
    west, east = min(p.lon for p in places), max(p.lon for p in places)
    south, north = min(p.lat for p in places), max(p.lat for p in places)
    pad_x = max(MARGIN * (east - west), MIN_MARGIN)
    pad_y = max(MARGIN * (north - south), MIN_MARGIN)
    west, east, south, north = west - pad_x, east + pad_x, south - pad_y, north + pad_y
    south, north = _widen(south, north, MIN_SPAN)
    south, north = max(south, -85.0), min(north, 85.0)
    k = math.cos(math.radians((south + north) / 2))
    west, east = _widen(west, east, MIN_SPAN / k)
    height, width = north - south, (east - west) * k
    low, high = RATIO
    if height > high * width:
        west, east = _widen(west, east, height / high / k)
    elif height < low * width:
        south, north = _widen(south, north, low * width)
    return Box(max(west, -180.0), max(south, -85.0), min(east, 180.0), min(north, 85.0))


def _widen(low: float, high: float, span: float) -> tuple[float, float]:
    """The interval around the same middle, at least ``span`` long."""
    if high - low >= span:
        return low, high
    middle = (low + high) / 2
    return middle - span / 2, middle + span / 2


# ---- outlines --------------------------------------------------------------------------


def outline(shape: Shape, project: Projection, rect: tuple[float, float, float, float]) -> str:
    """Path data of a shape's rings inside the frame, at the drawing's resolution."""
    rings = []
    for polygon in shape.polygons:
        for ring in polygon:
            if not _overlaps(ring, project.box):
                continue
            clipped = clip_ring([project(lon, lat) for lon, lat in ring], rect)
            if len(clipped) >= 3 and (drawn := rounded_ring(simplify(clipped, TOLERANCE))):
                rings.append(drawn)
    return path_data(rings)


def _overlaps(ring: Ring, box: Box) -> bool:
    lons = [p[0] for p in ring]
    lats = [p[1] for p in ring]
    return not (
        max(lons) < box.west
        or min(lons) > box.east
        or max(lats) < box.south
        or min(lats) > box.north
    )


# ---- the map ---------------------------------------------------------------------------


def dots_of(places: Sequence[Located], project: Projection) -> tuple[Dot, ...]:
    """A dot per place, its area in proportion to its articles, biggest first."""
    most = max(p.count for p in places)
    dots = []
    for p in sorted(places, key=lambda p: (-p.count, p.label.casefold(), p.key)):
        x, y = project(p.lon, p.lat)
        r = max(MIN_RADIUS, MAX_RADIUS * math.sqrt(p.count / most))
        dots.append(Dot(p.key, p.label, p.count, round(x), round(y), round(r, 1)))
    return tuple(dots)


def labels_of(dots: Sequence[Dot], width: int, height: int) -> tuple[Label, ...]:
    """Names of the places with most articles, beside their dots where they overlap no other
    name and fit in the frame."""
    taken: list[tuple[float, float, float, float]] = []
    labels = []
    for dot in dots[:LABELS]:
        size = 0.58 * FONT * len(dot.label)
        for anchor, left in (("start", dot.x + dot.r + 3), ("end", dot.x - dot.r - 3 - size)):
            box = (left, dot.y - FONT / 2, left + size, dot.y + FONT / 2)
            fits = box[0] >= 0 and box[2] <= width and box[1] >= 0 and box[3] <= height
            if fits and not any(_intersects(box, other) for other in taken):
                taken.append(box)
                x = round(box[0] if anchor == "start" else box[2])
                labels.append(Label(dot.label, x, round(dot.y + FONT * 0.35), anchor))
                break
    return tuple(labels)


def _intersects(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def areas_of(
    shapes: Sequence[Shape],
    project: Projection,
    named: Callable[[str], tuple[str, str, int] | None],
) -> tuple[str, tuple[Area, ...]]:
    """The outlines of the countries in the frame: one path for those the archive does not
    name, and an area per country it names (``named`` gives its key, label and count)."""
    rect = (-CLIP_PAD, -CLIP_PAD, WIDTH + CLIP_PAD, project.height + CLIP_PAD)
    land, areas = [], []
    for shape in shapes:
        d = outline(shape, project, rect)
        if not d:
            continue
        if found := named(shape.name):
            areas.append(Area(*found, d))
        else:
            land.append(d)
    return "".join(land), tuple(sorted(areas, key=lambda a: a.key))


def draw_map(
    index: FacetIndex, place: Callable[[str], Place | None], world: Path = WORLD
) -> GeoMap | None:
    """The map of the facet's places (None when none has coordinates)."""
    located = located_places(index, place)
    if not located:
        return None
    box = frame(near_core(located))
    far = [p for p in located if not box.contains(p.lon, p.lat)]
    project = projection(box)
    counts = {v.key: v for v in index.values}

    def named(country: str) -> tuple[str, str, int] | None:
        known = place(country)
        value = counts.get(known.name) if known and known.kind in AREA_KINDS else None
        return (value.key, value.label, value.count) if value else None

    land, areas = areas_of(load_shapes(world, COUNTRIES), project, named)
    dots = dots_of([p for p in located if box.contains(p.lon, p.lat)], project)
    return GeoMap(
        width=WIDTH,
        height=project.height,
        box=box,
        land=land,
        areas=areas,
        dots=dots,
        labels=labels_of(dots, WIDTH, project.height),
        far=tuple(
            Far(p.key, p.label, p.count)
            for p in sorted(far, key=lambda p: (-p.count, p.label.casefold(), p.key))
        ),
    )
