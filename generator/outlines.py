"""Plane geometry for drawing outlines: clipping to a frame, simplifying to a resolution, and
SVG path data in whole units."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

Point = tuple[float, float]

MIN_AREA = 2.0  # square units: smaller rings (islands) are left out


def clip_ring(ring: Sequence[Point], rect: tuple[float, float, float, float]) -> list[Point]:
    """The part of a closed ring inside ``rect`` (x0, y0, x1, y1), Sutherland-Hodgman."""
    x0, y0, x1, y1 = rect
    points = list(ring)
    for axis, bound, above in ((0, x0, True), (0, x1, False), (1, y0, True), (1, y1, False)):
        if not points:
            break
        points = _clip_edge(points, axis, bound, above)
    return points


def _clip_edge(points: list[Point], axis: int, bound: float, above: bool) -> list[Point]:
    """The ring cut along one side of the frame: ``axis`` 0 is x, 1 is y; ``above`` keeps
    what is at or beyond ``bound``."""

    def inside(p: Point) -> bool:
        return p[axis] >= bound if above else p[axis] <= bound

    out: list[Point] = []
    previous = points[-1]  # the edge from the last point back to the first comes first
    for current in points:
        if inside(current):
            if not inside(previous):
                out.append(_crossing(previous, current, axis, bound))
            out.append(current)
        elif inside(previous):
            out.append(_crossing(previous, current, axis, bound))
        previous = current
    return out


def _crossing(a: Point, b: Point, axis: int, bound: float) -> Point:
    t = (bound - a[axis]) / (b[axis] - a[axis])
    other = a[1 - axis] + t * (b[1 - axis] - a[1 - axis])
    return (bound, other) if axis == 0 else (other, bound)


def simplify(points: Sequence[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker: the fewest points within ``tolerance`` of the line (the first and
    last are kept; a closed ring's farthest point splits it)."""
    points = _thin(points, tolerance)
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    limit = tolerance * tolerance
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        dx, dy = bx - ax, by - ay
        length = dx * dx + dy * dy
        best, index = 0.0, -1
        for i in range(first + 1, last):
            px, py = points[i]
            if length:
                cross = dx * (py - ay) - dy * (px - ax)
                distance = cross * cross / length
            else:
                distance = (px - ax) ** 2 + (py - ay) ** 2
            if distance > best:
                best, index = distance, i
        if best > limit:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def _thin(points: Sequence[Point], tolerance: float) -> list[Point]:
    """Drop points closer than ``tolerance`` to the last one kept (the last always stays)."""
    if len(points) < 3:
        return list(points)
    kept = [points[0]]
    limit = tolerance * tolerance
    for x, y in points[1:-1]:
        lx, ly = kept[-1]
        if (x - lx) ** 2 + (y - ly) ** 2 >= limit:
            kept.append((x, y))
    kept.append(points[-1])
    return kept


def rounded_ring(points: Sequence[Point]) -> list[tuple[int, int]] | None:
    """Whole-unit points without repeats, or None when the ring is too small to see."""
    out: list[tuple[int, int]] = []
    for x, y in points:
        p = (round(x), round(y))
        if not out or out[-1] != p:
            out.append(p)
    while len(out) > 1 and out[-1] == out[0]:
        out.pop()
    if len(out) < 3 or abs(_area(out)) < MIN_AREA:
        return None
    return out


def _area(points: Sequence[tuple[int, int]]) -> float:
    return (
        sum(
            x0 * y1 - x1 * y0
            for (x0, y0), (x1, y1) in zip(points, (*points[1:], points[0]), strict=True)
        )
        / 2
    )


def path_data(rings: Iterable[Sequence[tuple[int, int]]]) -> str:
    """SVG path data of closed rings in relative moves: ``M10 20l3-1 2 4z``."""
    parts = []
    for ring in rings:
        (x, y), rest = ring[0], ring[1:]
        steps = []
        for nx, ny in rest:
            steps += [nx - x, ny - y]
            x, y = nx, ny
        parts.append(f"M{ring[0][0]} {ring[0][1]}l{_numbers(steps)}z")
    return "".join(parts)


def _numbers(values: Iterable[int]) -> str:
    """Numbers separated only where needed: a minus sign separates by itself."""
    out = []
    for value in values:
        if out and value >= 0:
            out.append(" ")
        out.append(str(value))
    return "".join(out)
