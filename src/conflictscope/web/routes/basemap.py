"""The offline base map: world countries and the admin boundaries shipped with the gazetteer."""
from __future__ import annotations

from importlib import resources
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse, Response

from conflictscope.web.render import not_found

STATIC = Path(__file__).resolve().parent.parent / "static"
BASEMAPS = {"syria_admin1": "syria_admin1.geojson", "syria_admin2": "syria_admin2.geojson"}

router = APIRouter()


@router.get("/basemap/{name}.geojson")
def basemap(name: str) -> Response:
    if name == "countries":
        return FileResponse(STATIC / "vendor" / "countries-region.geojson",
                            media_type="application/geo+json", headers={"Cache-Control": "max-age=86400"})
    if name not in BASEMAPS:
        raise not_found("base map layer", name, "asking for countries, syria_admin1 or syria_admin2")
    data = (resources.files("conflictscope") / "data" / "places" / BASEMAPS[name]).read_bytes()
    return Response(data, media_type="application/geo+json", headers={"Cache-Control": "max-age=86400"})
