"""The review queue: unreviewed events of the map's selection, most doubtful first, and the
previous/next links an event page shows while a reviewer walks it."""
from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import Response

from conflictscope.doubt import neighbours
from conflictscope.query import EventQuery, QueryError
from conflictscope.web.filters import parse_query, to_params
from conflictscope.web.render import JSON, bench, page
from conflictscope.web.workbench import Workbench

QUEUE = "queue"   # the parameter that puts an event page in the queue, with the filters after it
LISTED = 500

router = APIRouter()


def in_queue_url(event_id: str, query: EventQuery) -> str:
    """The event page as a step of the queue over `query`'s selection."""
    return f"/events/{event_id}?{urlencode({QUEUE: '1', **to_params(query)})}"


def queue_filters(params: Any) -> EventQuery | None:
    """The selection an event page walks the queue of: None when the page is not in the queue."""
    if QUEUE not in params:
        return None
    try:
        return parse_query({k: v for k, v in params.items() if k != QUEUE})
    except QueryError:
        return None


def queue_nav(workbench: Workbench, event_id: str, query: EventQuery) -> dict[str, Any]:
    """Where an event stands in the queue: position, total, previous and next pages, the list."""
    queue = workbench.queue(query)
    position, before, after = neighbours(queue, event_id)
    listed = to_params(query)
    return {"position": position, "total": len(queue), "query": urlencode({QUEUE: "1", **listed}),
            "prev": in_queue_url(before, query) if before else None,
            "next": in_queue_url(after, query) if after else None,
            "list": "/review" + (f"?{urlencode(listed)}" if listed else "")}


def next_after(workbench: Workbench, event_id: str, sent: str) -> str | None:
    """The page to go to after a decision made in the queue (`sent`: the page's queue query)."""
    query = queue_filters(dict(parse_qsl(sent)))
    if query is None:
        return None
    _position, _before, after = neighbours(workbench.queue(query), event_id)
    return in_queue_url(after, query) if after else "/review" + (f"?{urlencode(to_params(query))}"
                                                                 if to_params(query) else "")


@router.get("/review")
def review_page(request: Request) -> Response:
    """The queue: unreviewed events of the selection, most doubtful first, with the reasons."""
    f = parse_query(request.query_params)
    queue = bench(request).queue(f)
    if request.url.path.endswith(".json"):
        return JSON({"filters": to_params(f), "count": len(queue), "queue": [
            {"id": d.event.id, "score": d.score, "reasons": list(d.reasons), "url": in_queue_url(d.event.id, f),
             "event_date": d.event.event_date, "event_type": d.event.event_type, "location": d.event.location}
            for d in queue]})
    return page(request, "review.html", queue=queue[:LISTED], total=len(queue), filters=f,
                urls={d.event.id: in_queue_url(d.event.id, f) for d in queue[:LISTED]})


router.add_api_route("/review.json", review_page, methods=["GET"])
