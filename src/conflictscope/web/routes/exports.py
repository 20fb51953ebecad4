"""Exports of the map's selection: ACLED CSV and GeoJSON, the same filters as /events; each says
in a header how many events it holds and how many it left out (undated, or without coordinates)."""
from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from conflictscope.export import csv_text, to_geojson
from conflictscope.web.filters import parse_query
from conflictscope.web.render import bench, dumps

router = APIRouter()
# Each export says in this header what it holds and what it left out.
SUMMARY = "X-Conflictscope-Summary"


@router.get("/events.csv")
def events_csv(request: Request) -> Response:
    """The selection as ACLED CSV, with conflictscope's provenance columns."""
    found = bench(request).select(parse_query(request.query_params))
    undated = sum(1 for e in found if not e.event_date)
    return Response(csv_text(found), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="conflictscope-events.csv"',
                             SUMMARY: f"{len(found) - undated} events written; {undated} undated events left out "
                                      "(ACLED has no undated events; /events.json keeps them)"})


@router.get("/events.geojson")
def events_geojson(request: Request) -> Response:
    """The selection's events with coordinates as GeoJSON."""
    found = bench(request).select(parse_query(request.query_params))
    collection = to_geojson(found)
    left_out = len(found) - len(collection["features"])
    return Response(dumps(collection), media_type="application/geo+json",
                    headers={"Content-Disposition": 'attachment; filename="conflictscope-events.geojson"',
                             SUMMARY: f"{len(collection['features'])} events written; {left_out} events without "
                                      "coordinates left out"})
