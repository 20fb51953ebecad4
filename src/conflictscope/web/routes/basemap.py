"""The offline base map: world countries and the admin boundaries shipped with the gazetteer.

Boundary layers are the `<area>_admin<level>.geojson` files in `data/places/`: a file added
there is a layer at `/basemap/<area>_admin<level>.geojson`, drawn by the map pages.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse, Response

from conflictscope.web.render import not_found

STATIC = Path(__file__).resolve().parent.parent / "static"
PLACES = resources.files("conflictscope") / "data" / "places"
_ADMIN_FILE = re.compile(r"(?P<name>\w+_admin(?P<level>\d+))\.geojson")
_HEADERS = {"Cache-Control": "max-age=86400"}

router = APIRouter()


@lru_cache(maxsize=1)
def admin_layers() -> tuple[tuple[str, int], ...]:
    """The shipped boundary layers as (name, admin level), by name."""
    found = (_ADMIN_FILE.fullmatch(entry.name) for entry in PLACES.iterdir())
    return tuple(sorted((m["name"], int(m["level"])) for m in found if m))


@router.get("/basemap/{name}.geojson")
def basemap(name: str) -> Response:
    """One base-map layer: the world's countries or a shipped boundary layer."""
    if name == "countries":
        return FileResponse(STATIC / "vendor" / "countries-region.geojson",
                            media_type="application/geo+json", headers=_HEADERS)
    layers = [layer for layer, _level in admin_layers()]
    if name not in layers:
        known = ["countries", *layers]
        fix = f"{', '.join(known[:-1])} or {known[-1]}" if layers else "countries"
        raise not_found("base map layer", name, f"asking for {fix}")
    data = (PLACES / f"{name}.geojson").read_bytes()
    return Response(data, media_type="application/geo+json", headers=_HEADERS)
