"""Places: the list with event counts, and one place's gazetteer entries, presence and events."""
from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from conflictscope.web import views
from conflictscope.web.render import JSON, LIST_LIMIT, bench, event_summary, not_found, page, split_twin

router = APIRouter()


@router.get("/places")
def places_page(request: Request) -> Response:
    """Places with their event counts."""
    counts = bench(request).store.place_counts()
    if request.url.path.endswith(".json"):
        return JSON({"places": [{"name": n, "events": c, "url": f"/places/{n}"} for n, c in counts]})
    return page(request, "places.html", counts=counts)


router.add_api_route("/places.json", places_page, methods=["GET"])


@router.get("/places/{name:path}")
def place_page(request: Request, name: str) -> Response:
    """One place: its gazetteer candidates, presence statements and events.

    Events are found by location and by admin area names, so a town's page can count its whole
    district: the page says how many events each kind of match brings.
    """
    name, twin = split_twin(name)
    workbench = bench(request)
    found = [e for e in workbench.store.events(place=name, include_background=True)]
    gazetteer = workbench.gazetteer.get(name)
    candidates = [gazetteer] if gazetteer else workbench.gazetteer.lookup(name)
    presence = [p for p in workbench.store.presence() if p.location == name or p.place_id == name]
    if not found and not candidates and not presence:
        raise not_found("place", name, "choosing one from /places")
    scope = views.place_scope(found, name)
    if twin:
        return JSON({"name": name, "gazetteer": [p.to_dict() for p in candidates],
                     "presence": [p.to_dict() for p in presence], "counted": scope,
                     "events": [dict(event_summary(e), match=views.place_match(e, name)) for e in found]})
    return page(request, "place.html", name=name, candidates=candidates, presence=presence, scope=scope,
                where={e.id: views.PLACE_MATCHES[views.place_match(e, name)] for e in found[:LIST_LIMIT]},
                events=found[:LIST_LIMIT], total=len(found),
                timeline=views.bars(views.monthly([e.event_date for e in found])))
