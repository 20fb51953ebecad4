"""Exports of the map's selection: ACLED CSV and GeoJSON, the same filters as /events."""
from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from conflictscope.export import csv_text, to_geojson
from conflictscope.web.filters import parse_query
from conflictscope.web.render import bench, dumps

router = APIRouter()


@router.get("/events.csv")
def events_csv(request: Request) -> Response:
    """The selection as ACLED CSV, with conflictscope's provenance columns."""
    f = parse_query(request.query_params)
    return Response(csv_text(bench(request).select(f)), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="conflictscope-events.csv"'})


@router.get("/events.geojson")
def events_geojson(request: Request) -> Response:
    """The selection's events with coordinates as GeoJSON."""
    f = parse_query(request.query_params)
    return Response(dumps(to_geojson(bench(request).select(f))), media_type="application/geo+json",
                    headers={"Content-Disposition": 'attachment; filename="conflictscope-events.geojson"'})
