"""The map page: events on a map and a timeline, with filters; its JSON twin and the map's data."""
from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from conflictscope import codebook
from conflictscope.query import STATUSES, EventQuery, QueryError
from conflictscope.web.filters import parse_query, to_params
from conflictscope.web.render import JSON, bench, page

router = APIRouter()


@router.get("/", include_in_schema=False)
def home() -> RedirectResponse:
    """The map is the home page."""
    return RedirectResponse("/events", status_code=307)


@router.get("/events")
def events_page(request: Request) -> HTMLResponse:
    """The map page: filters, map, timeline and table; the data comes from /map.json.

    Filters the server cannot use still give the page (400), the reason shown above the map.
    """
    try:
        f, problem = parse_query(request.query_params), None
    except QueryError as exc:
        f, problem = EventQuery(), str(exc)
    query = urlencode(to_params(f))
    workbench = bench(request)
    book = codebook.load()
    # the map's script colours events by type from this, in the codebook's order
    config = {"types": [{"name": t.name, "colour": t.colour} for t in book.event_types]}
    return page(request, "map.html", status=400 if problem else 200, filter_error=problem,
                filters=f, query=query, event_types=book.type_names, statuses=STATUSES,
                map_config=config, actors=workbench.actor_names, sources=workbench.sources())


@router.get("/events.json")
def events_json(request: Request) -> JSON:
    """The selected events in full, with the filters that selected them."""
    f = parse_query(request.query_params)
    found = bench(request).select(f)
    return JSON({"filters": to_params(f), "count": len(found), "undated": sum(1 for e in found if not e.event_date),
                 "events": [dict(e.to_dict(), url=f"/events/{e.id}") for e in found]})


@router.get("/map.json")
def map_json(request: Request) -> Response:
    """The map's data: one compact row per event (see `mapdata.map_rows`), the same filters as
    /events.json; made once per selection and store version."""
    return bench(request).map_data(parse_query(request.query_params)).response(request)
