"""The offline base map: world countries, the admin boundaries shipped with the gazetteer, and
town labels from the gazetteer (`/basemap/towns.json`), each kind from a zoom level on.

Boundary layers are the `<area>_admin<level>.geojson` files in `data/places/`: a file added
there is a layer at `/basemap/<area>_admin<level>.geojson`, drawn by the map pages.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, Response

from conflictscope.resolve.places import Gazetteer
from conflictscope.web.render import bench, dumps, not_found

STATIC = Path(__file__).resolve().parent.parent / "static"
PLACES = resources.files("conflictscope") / "data" / "places"
_ADMIN_FILE = re.compile(r"(?P<name>\w+_admin(?P<level>\d+))\.geojson")
_HEADERS = {"Cache-Control": "max-age=86400"}

# The zoom from which the map labels each kind of gazetteer place: big places first, villages close up.
LABEL_ZOOM = {"capital": 5, "city": 6, "town": 8, "village": 11}

router = APIRouter()


@lru_cache(maxsize=1)
def admin_layers() -> tuple[tuple[str, int], ...]:
    """The shipped boundary layers as (name, admin level), by name."""
    found = (_ADMIN_FILE.fullmatch(entry.name) for entry in PLACES.iterdir())
    return tuple(sorted((m["name"], int(m["level"])) for m in found if m))


def town_labels(gazetteer: Gazetteer) -> bytes:
    """The gazetteer's towns as label rows [name, lat, lon, zoom from which shown], biggest first."""
    places = sorted((p for p in gazetteer.places.values() if p.kind in LABEL_ZOOM),
                    key=lambda p: (LABEL_ZOOM[p.kind], -p.population, p.name))
    return dumps({"columns": ["name", "lat", "lon", "zoom"],
                  "rows": [[p.name, round(p.lat, 4), round(p.lon, 4), LABEL_ZOOM[p.kind]] for p in places]})


@router.get("/basemap/towns.json")
def towns(request: Request) -> Response:
    """Town labels for the map, from the gazetteer (made once per app)."""
    state = request.app.state
    if getattr(state, "town_labels", None) is None:
        state.town_labels = town_labels(bench(request).gazetteer)
    return Response(state.town_labels, media_type="application/json", headers=_HEADERS)


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
