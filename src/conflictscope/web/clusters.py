"""The map's clusters, made on the server: what the browser draws at each zoom, before any period
is selected.

The clusters are the ones Leaflet.markercluster makes (its greedy grid clustering, reproduced: the
events in the map's row order, each put in the nearest cluster, else paired with the nearest lone
event, within `RADIUS_PX` screen pixels at each zoom, from the finest clustered zoom up), so the
browser need not cluster thousands of events before the first draw; it draws the few hundred
clusters and events of the zoom shown. Where a period is selected, the browser clusters the events
of that period itself, as it does from the zoom at which this stops (`ZOOMS`).
"""
from __future__ import annotations

import math
from collections import Counter
from typing import Any, Iterable

RADIUS_PX = 45          # markercluster's maxClusterRadius, as the map's script sets it
ZOOMS = range(4, 9)     # the map's minZoom up to the last zoom clustered here; finer zooms: in the browser
FINEST = 10             # the finest zoom markercluster clusters at (disableClusteringAtZoom - 1)
_MAX_LATITUDE = 85.0511287798


def _project(lat: float, lon: float, zoom: int) -> tuple[float, float]:
    """Leaflet's EPSG:3857 pixel coordinates of a point at a zoom."""
    scale = 256 * 2 ** zoom
    sin = math.sin(math.radians(max(min(lat, _MAX_LATITUDE), -_MAX_LATITUDE)))
    y = 0.5 - math.log((1 + sin) / (1 - sin)) / (4 * math.pi)
    return (lon / 360 + 0.5) * scale, y * scale


class _Node:
    """A cluster at a zoom: its lone events (row indexes), its child clusters, its parent."""

    __slots__ = ("zoom", "rows", "children", "parent", "centre")

    def __init__(self, zoom: int, centre: tuple[float, float] | None = None) -> None:
        self.zoom, self.rows, self.children = zoom, [], []
        self.parent: _Node | None = None
        self.centre = centre   # the first event's place: where markercluster files the cluster

    def descendants(self) -> Iterable[int]:
        yield from self.rows
        for child in self.children:
            yield from child.descendants()


class _Grid:
    """markercluster's DistanceGrid: things in square cells, the nearest within one cell's size."""

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[Any]] = {}
        self.points: dict[int, tuple[float, float]] = {}

    def add(self, thing: Any, point: tuple[float, float]) -> None:
        self.cells.setdefault(self._cell(point), []).append(thing)
        self.points[id(thing)] = point

    def remove(self, thing: Any) -> None:
        point = self.points.pop(id(thing), None)
        if point is not None:
            cell = self.cells[self._cell(point)]
            cell.remove(thing)

    def near(self, point: tuple[float, float]) -> Any:
        cx, cy = self._cell(point)
        best, found = RADIUS_PX * RADIUS_PX, None
        for y in (cy - 1, cy, cy + 1):
            for x in (cx - 1, cx, cx + 1):
                for thing in self.cells.get((x, y), ()):
                    px, py = self.points[id(thing)]
                    d = (px - point[0]) ** 2 + (py - point[1]) ** 2
                    if d < best or (d <= best and found is None):
                        best, found = d, thing
        return found

    @staticmethod
    def _cell(point: tuple[float, float]) -> tuple[int, int]:
        return math.floor(point[0] / RADIUS_PX), math.floor(point[1] / RADIUS_PX)


class _Lone:
    """An event not (yet) in a cluster at some zoom: its row and its parent cluster."""

    __slots__ = ("row", "parent", "latlon")

    def __init__(self, row: int, latlon: tuple[float, float]) -> None:
        self.row, self.latlon = row, latlon
        self.parent: _Node | None = None


def _hierarchy(places: list[tuple[int, float, float]], low: int) -> _Node:
    """markercluster's cluster tree of the placed rows (row, lat, lon), from FINEST up to `low`."""
    top = _Node(low - 1)
    clusters = {z: _Grid() for z in range(low, FINEST + 1)}
    lone = {z: _Grid() for z in range(low, FINEST + 1)}
    for row, lat, lon in places:
        event = _Lone(row, (lat, lon))
        for zoom in range(FINEST, low - 1, -1):
            point = _project(lat, lon, zoom)
            near = clusters[zoom].near(point)
            if near is not None:
                _attach(near, event)
                break
            other = lone[zoom].near(point)
            if other is not None:
                _pair(other, event, zoom, clusters, lone, low)
                break
            lone[zoom].add(event, point)
        else:
            _attach(top, event)
    return top


def _attach(node: _Node, event: _Lone) -> None:
    node.rows.append(event.row)
    event.parent = node


def _pair(other: _Lone, event: _Lone, zoom: int, clusters: dict[int, _Grid], lone: dict[int, _Grid],
          low: int) -> None:
    """A new cluster at `zoom` of a lone event and a new one, with one-child clusters filling the
    zooms down to the lone event's former parent."""
    parent = other.parent
    assert parent is not None
    parent.rows.remove(other.row)
    node = _Node(zoom, other.latlon)
    clusters[zoom].add(node, _project(*other.latlon, zoom))
    _attach(node, other)
    _attach(node, event)
    for z in range(zoom - 1, parent.zoom, -1):
        up = _Node(z, other.latlon)
        up.children.append(node)
        node.parent = up
        clusters[z].add(up, _project(*other.latlon, z))
        node = up
    parent.children.append(node)
    node.parent = parent
    for z in range(zoom, low - 1, -1):
        lone[z].remove(other)


def _level(top: _Node, zoom: int) -> tuple[list[_Node], list[int]]:
    """The clusters drawn at a zoom and the rows drawn alone."""
    found: list[_Node] = []
    alone: list[int] = []
    stack = [top]
    while stack:
        node = stack.pop()
        if node.zoom == zoom:
            found.append(node)
            continue
        alone.extend(node.rows)
        stack.extend(node.children)
    return found, alone


def cluster_levels(rows: list[list[Any]], columns: list[str], type_order: list[str]) -> dict[str, Any]:
    """The map's clusters and lone events at each of `ZOOMS`, from its rows (see `mapdata.map_rows`).

    Returns `zooms`: per zoom (as text), `clusters` as [lat, lon, events, fatalities, event type
    (the commonest; ties go to the codebook's order), south, west, north, east] and `alone` as the
    row indexes drawn as events of their own; with the `radius` used.
    """
    at = {name: columns.index(name) for name in ("latitude", "longitude", "event_type", "fatalities")}
    places = [(i, r[at["latitude"]], r[at["longitude"]]) for i, r in enumerate(rows)
              if r[at["latitude"]] is not None and r[at["longitude"]] is not None]
    rank = {name: i for i, name in enumerate(type_order)}
    top = _hierarchy(places, ZOOMS.start)
    zooms = {}
    for zoom in ZOOMS:
        nodes, alone = _level(top, zoom)
        zooms[str(zoom)] = {"clusters": [_summary(node, rows, at, rank) for node in nodes], "alone": sorted(alone)}
    return {"radius": RADIUS_PX, "zooms": zooms}


def _summary(node: _Node, rows: list[list[Any]], at: dict[str, int], rank: dict[Any, int]) -> list[Any]:
    members = [rows[i] for i in node.descendants()]
    lats = [r[at["latitude"]] for r in members]
    lons = [r[at["longitude"]] for r in members]
    kinds = Counter(r[at["event_type"]] for r in members)
    commonest = min(kinds, key=lambda k: (-kinds[k], rank.get(k, len(rank)), str(k)))
    dead = sum(r[at["fatalities"]] or 0 for r in members)
    return [round(sum(lats) / len(lats), 5), round(sum(lons) / len(lons), 5), len(members), dead, commonest,
            min(lats), min(lons), max(lats), max(lons)]
