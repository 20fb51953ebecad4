"""Administrative names for a point: governorate and district.

Countries with shipped boundaries (``boundaries`` in ``data/places/gazetteers.json``, e.g. UN OCHA /
UNCS boundaries, CC BY 3.0 IGO): point in polygon with a shapely STRtree. Elsewhere: the admin1 of
the nearest GeoNames place of the shipped index (admin2 unknown). Boundaries are loaded once, on
first use.
"""
from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from shapely.geometry import Point, shape
from shapely.strtree import STRtree

from ..geo import haversine_km

# Beyond this, the nearest GeoNames place says little about the point's province or country.
MAX_NEAREST_KM = 150.0


@dataclass(frozen=True)
class _Layer:
    tree: STRtree
    geoms: tuple
    names: tuple[str, ...]


@dataclass(frozen=True)
class _Points:
    tree: STRtree
    points: tuple
    rows: tuple[tuple[str, str, float, float], ...]   # country_iso, admin1, lat, lon


def _load_layer(filename: str) -> _Layer:
    path = resources.files("conflictscope").joinpath("data", "places", filename)
    with path.open(encoding="utf-8") as fh:
        features = json.load(fh)["features"]
    geoms = tuple(shape(f["geometry"]) for f in features)
    names = tuple(f["properties"]["NAME_EN"] for f in features)
    return _Layer(STRtree(geoms), geoms, names)


@lru_cache(maxsize=1)
def _boundaries() -> tuple[tuple[str, _Layer, _Layer], ...]:
    """(country, admin1 layer, admin2 layer) for every country with shipped boundaries."""
    path = resources.files("conflictscope").joinpath("data", "places", "gazetteers.json")
    sets = json.loads(path.read_text(encoding="utf-8")).get("boundaries", [])
    return tuple((b["country"], _load_layer(b["admin1"]), _load_layer(b["admin2"])) for b in sets)


@lru_cache(maxsize=1)
def _geonames() -> _Points:
    rows = []
    bounded = {country for country, _, _ in _boundaries()}
    path = resources.files("conflictscope").joinpath("data", "places", "geonames_index.tsv")
    with path.open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh, delimiter="\t"):
            if r["country_iso"] not in bounded:
                rows.append((r["country_iso"], r["admin1"], float(r["lat"]), float(r["lon"])))
    points = tuple(Point(lon, lat) for _, _, lat, lon in rows)
    return _Points(STRtree(points), points, tuple(rows))


def _containing(layer: _Layer, pt: Point) -> str | None:
    for i in layer.tree.query(pt, predicate="intersects"):
        return layer.names[int(i)]
    return None


def _in_boundaries(lat: float, lon: float) -> tuple[str | None, str | None, str | None]:
    """(country, admin1, admin2) from the shipped boundaries, Nones outside them."""
    for country, adm1, adm2 in _boundaries():
        a1, a2 = _in_layers(adm1, adm2, lat, lon)
        if a1 is not None:
            return country, a1, a2
    return None, None, None


def _in_layers(adm1: _Layer, adm2: _Layer, lat: float, lon: float) -> tuple[str | None, str | None]:
    pt = Point(lon, lat)
    a1 = _containing(adm1, pt)
    if a1 is None:
        # boundaries are simplified to ~300 m: accept a point just outside the outline
        idx = adm1.tree.nearest(pt)
        if idx is None or adm1.geoms[int(idx)].distance(pt) > 0.005:
            return None, None
        a1 = adm1.names[int(idx)]
    a2 = _containing(adm2, pt)
    if a2 is None:
        idx = adm2.tree.nearest(pt)
        a2 = adm2.names[int(idx)] if idx is not None else None
    return a1, a2


def _nearest_geonames(lat: float, lon: float) -> tuple[str, str] | None:
    pts = _geonames()
    idx = pts.tree.nearest(Point(lon, lat))
    if idx is None:
        return None
    cc, a1, plat, plon = pts.rows[int(idx)]
    if haversine_km(lat, lon, plat, plon) > MAX_NEAREST_KM:
        return None
    return cc, a1


def admin_for_point(lat: float, lon: float) -> tuple[str | None, str | None]:
    """(admin1, admin2) of a WGS84 point.

    Inside shipped boundaries: their governorate and district names ("Deir-ez-Zor", "Abu Kamal").
    Elsewhere in the region: the GeoNames admin1 of the nearest indexed place ("Al Anbar") and None.
    (None, None) when the point is outside the covered region.
    """
    _, a1, a2 = _in_boundaries(lat, lon)
    if a1 is not None:
        return a1, a2
    near = _nearest_geonames(lat, lon)
    if near is None:
        return None, None
    return (near[1] or None), None


def country_for_point(lat: float, lon: float) -> str | None:
    """ISO code of the country of a point: that of the shipped boundaries containing it, else that of
    the nearest GeoNames place (approximate within a few km of a border), None outside the region."""
    country, _, _ = _in_boundaries(lat, lon)
    if country is not None:
        return country
    near = _nearest_geonames(lat, lon)
    return near[0] if near else None
