"""Actors: the list with event counts, and one actor's registry entry, network, presence and events."""
from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from conflictscope.query import actor_names, involves
from conflictscope.web import views
from conflictscope.web.render import JSON, LIST_LIMIT, bench, event_summary, not_found, page, split_twin

router = APIRouter()


@router.get("/actors")
def actors_page(request: Request) -> Response:
    """Actors with their event counts, and whether the registry knows them."""
    workbench = bench(request)
    counts = workbench.store.actor_counts()
    known = {a.name for a in workbench.registry}
    if request.url.path.endswith(".json"):
        return JSON({"actors": [{"name": n, "events": c, "in_registry": n in known, "url": f"/actors/{n}"}
                                for n, c in counts]})
    return page(request, "actors.html", counts=counts, known=known)


router.add_api_route("/actors.json", actors_page, methods=["GET"])


@router.get("/actors/{name:path}")
def actor_page(request: Request, name: str) -> Response:
    """One actor: registry entry, affiliation network, presence and events (its units' included)."""
    name, twin = split_twin(name)
    store = bench(request).store
    registry = bench(request).registry
    actor = registry.get(name)
    names = actor_names(name, registry) if actor else [name]
    found = [e for e in store.events(include_background=True) if involves(e, names)] if actor else \
        store.events(actor=name, include_background=True)
    if actor is None and not found:
        raise not_found("actor", name, "choosing one from /actors")
    units = registry.descendants(name) if actor else []
    ancestors = registry.ancestors(name) if actor else []
    claims = store.affiliations(name)
    presence = store.presence(actor=name)
    if twin:
        return JSON({
            "actor": actor.to_dict() if actor else {"name": name, "in_registry": False},
            "ancestors": ancestors, "units": units,
            "claimed_affiliations": [{"report_id": r, "actor": a, "affiliation": aff.to_dict()}
                                     for r, a, aff in claims],
            "presence": [p.to_dict() for p in presence],
            "events": [event_summary(e) for e in found],
        })
    network = views.actor_network(actor, ancestors, units, claims, {a.name for a in registry}) if actor else None
    timeline = views.bars(views.monthly([e.event_date for e in found] + [p.period_start for p in presence]))
    return page(request, "actor.html", name=name, actor=actor, units=units, ancestors=ancestors, claims=claims,
                presence=presence, events=found[:LIST_LIMIT], total=len(found), network=network,
                timeline=timeline, presence_months=views.monthly([p.period_start for p in presence]))
