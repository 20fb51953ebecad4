"""The analyst's workbench: a FastAPI app over the store, the actor registry and the gazetteer.

Pages and their JSON twins:

    /events            map, timeline, filters       /events.json  (+ .csv, .geojson exports)
    /events/ID         one event and its evidence   /events/ID.json   POST /events/ID/decisions
    /actors, /actors/NAME                           /actors.json, /actors/NAME.json
    /places, /places/NAME                           /places.json, /places/NAME.json
    /reports, /reports/ID                           /reports.json, /reports/ID.json

Every error, HTML or JSON, has one shape: {"error": {"status": ..., "message": ...}}.
"""
from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime, timedelta
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException

from conflictscope import __version__
from conflictscope.errors import ConflictscopeError
from conflictscope.export import csv_text, to_geojson
from conflictscope.models import Event
from conflictscope.query import STATUSES, EventQuery, QueryError, actor_names, involves, select_events
from conflictscope.resolve.actors import ActorRegistry
from conflictscope.resolve.places import Gazetteer
from conflictscope.store import Store
from conflictscope.store.rows import DECISION_ACTIONS, EDITABLE_FIELDS
from conflictscope.web import security, views
from conflictscope.web.filters import parse_query, to_params

HERE = Path(__file__).parent
EVENT_TYPES = ["Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
               "Strategic developments"]
MAP_COLUMNS = ["id", "latitude", "longitude", "event_type", "fatalities", "geo_precision", "event_date",
               "location", "actor1", "actor2", "status"]
BASEMAPS = {"syria_admin1": "syria_admin1.geojson", "syria_admin2": "syria_admin2.geojson"}
LIST_LIMIT = 500
_JSON_SUFFIXES = (".json", ".geojson", ".csv")
_CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")


class Workbench:
    """What the pages share: the open store, the reference data (loaded once) and recent selections.

    Selecting 10,000 events from the store takes about half a second, too slow for a map that
    should draw in under one, so the last few selections are kept and reused until the store's
    change log shows a write (by this app, the CLI or any other process).
    """

    CACHED_SELECTIONS = 8
    # A writer stamps its changes when it starts writing, so a change can become visible after
    # later ones; looking this far back before the newest change seen catches those.
    LOOK_BACK = timedelta(minutes=2)

    def __init__(self, store: Store) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._selections: OrderedDict[EventQuery, tuple[int, list[Event]]] = OrderedDict()
        self._version = 0
        self._since: str | None = None

    @cached_property
    def registry(self) -> ActorRegistry:
        return ActorRegistry.load()

    @cached_property
    def gazetteer(self) -> Gazetteer:
        return Gazetteer.load()

    def locate(self, place: str) -> tuple[float, float] | None:
        """Coordinates of a place name: the gazetteer's best match, else a stored event's."""
        found = self.gazetteer.lookup(place)
        if found:
            best = max(found, key=lambda p: p.population)
            return best.lat, best.lon
        for e in self.store.events(place=place, include_background=True):
            if e.latitude is not None and e.longitude is not None:
                return e.latitude, e.longitude
        return None

    def version(self) -> int:
        """The id of the newest change in the store's log: it grows with every write."""
        found = self.store.changes(since=self._since)
        if found:
            newest = max(found, key=lambda c: c["id"])
            self._version = max(self._version, int(newest["id"]))
            self._since = (datetime.fromisoformat(str(newest["at"])) - self.LOOK_BACK).isoformat()
        return self._version

    def select(self, f: EventQuery) -> list[Event]:
        """The events that pass the filters; a repeated selection is reused while nothing changed."""
        with self._lock:   # one selection at a time: a second request for it waits and reuses it
            version = self.version()
            cached = self._selections.get(f)
            if cached is not None and cached[0] == version:
                self._selections.move_to_end(f)
                return cached[1]
            found = select_events(self.store, f, registry=self.registry, locate=self.locate)
            self._selections[f] = (version, found)
            self._selections.move_to_end(f)
            while len(self._selections) > self.CACHED_SELECTIONS:
                self._selections.popitem(last=False)
            return found


def _dumps(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, default=str).encode("utf-8")


class JSON(JSONResponse):
    """JSON that also serialises dates and other plain values the store hands back."""

    def render(self, content: Any) -> bytes:
        return _dumps(content)


def _wants_json(request: Request) -> bool:
    if request.url.path.endswith(_JSON_SUFFIXES):
        return True
    accept = request.headers.get("accept", "")
    content_type = request.headers.get("content-type", "")
    return ("application/json" in accept and "text/html" not in accept) or content_type.startswith("application/json")


def _split_twin(name: str) -> tuple[str, bool]:
    """("NAME", True) for "NAME.json": a path parameter and whether the JSON twin is asked for."""
    return (name[:-5], True) if name.endswith(".json") else (name, False)


def _event_summary(e: Event) -> dict[str, Any]:
    return {k: getattr(e, k) for k in ("id", "event_date", "event_type", "sub_event_type", "actor1", "actor2",
                                       "location", "admin1", "fatalities", "status", "source_file", "background")}


def create_app(store_url: str | None = None) -> FastAPI:
    """The web application over the store at `store_url` (a path or database URL; None: default)."""
    store = Store.open(store_url)
    bench = Workbench(store)
    env = Environment(loader=FileSystemLoader(HERE / "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    env.globals.update(version=__version__, type_colours=TYPE_COLOURS, urlencode=urlencode)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # select every event once in the background, so the first map opens quickly
        threading.Thread(target=bench.select, args=(EventQuery(),), daemon=True).start()
        yield
        store.close()

    app = FastAPI(title="conflictscope", version=__version__, lifespan=lifespan, docs_url=None,
                  redoc_url=None, openapi_url=None)
    app.state.bench = bench
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    def page(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        context.update(request=request, csrf_token=security.token_for(request))
        return HTMLResponse(env.get_template(template).render(**context), status_code=status)

    def error(request: Request, status: int, message: str) -> Response:
        body = {"error": {"status": status, "message": message}}
        if _wants_json(request):
            return JSON(body, status_code=status)
        return page(request, "error.html", status=status, error=body["error"])

    @app.middleware("http")
    async def headers(request: Request, call_next: Any) -> Response:
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", _CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        new = getattr(request.state, "new_csrf", None)
        if new:
            response.set_cookie(security.COOKIE, new, httponly=True, samesite="strict", path="/")
        return response

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}. You can fix this by starting from /events"
        return error(request, exc.status_code, message)

    @app.exception_handler(QueryError)
    async def query_error(request: Request, exc: QueryError) -> Response:
        return error(request, 400, str(exc))

    @app.exception_handler(ConflictscopeError)
    async def library_error(request: Request, exc: ConflictscopeError) -> Response:
        return error(request, 400, str(exc))

    def not_found(what: str, name: str, fix: str) -> HTTPException:
        return HTTPException(404, f"no {what} {name!r}. You can fix this by {fix}")

    # --- events and the map ----------------------------------------------------------------------

    @app.get("/", include_in_schema=False)
    def home() -> RedirectResponse:
        return RedirectResponse("/events", status_code=307)

    @app.get("/events")
    def events_page(request: Request) -> HTMLResponse:
        f = parse_query(request.query_params)
        query = urlencode(to_params(f))
        return page(request, "map.html", filters=f, query=query, event_types=EVENT_TYPES, statuses=STATUSES,
                    actors=sorted(a.name for a in bench.registry),
                    sources=sorted({r.source_file for r in store.reports() if r.source_file}))

    @app.get("/events.json")
    def events_json(request: Request) -> JSON:
        f = parse_query(request.query_params)
        found = bench.select(f)
        return JSON({"filters": to_params(f), "count": len(found),
                     "events": [dict(e.to_dict(), url=f"/events/{e.id}") for e in found]})

    @app.get("/map.json")
    def map_json(request: Request) -> Response:
        """The map's data: one compact row per event, the same filters as /events.json."""
        f = parse_query(request.query_params)
        rows = [[getattr(e, c) for c in MAP_COLUMNS] for e in bench.select(f)]
        return Response(_dumps({"columns": MAP_COLUMNS, "rows": rows, "count": len(rows)}),
                        media_type="application/json")

    @app.get("/events.csv")
    def events_csv(request: Request) -> Response:
        f = parse_query(request.query_params)
        return Response(csv_text(bench.select(f)), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="conflictscope-events.csv"'})

    @app.get("/events.geojson")
    def events_geojson(request: Request) -> Response:
        f = parse_query(request.query_params)
        return Response(_dumps(to_geojson(bench.select(f))), media_type="application/geo+json",
                        headers={"Content-Disposition": 'attachment; filename="conflictscope-events.geojson"'})

    def event_context(event_id: str) -> dict[str, Any]:
        event = store.event(event_id, include_deleted=True)
        if event is None:
            raise not_found("event", event_id, "choosing an event on the map at /events")
        claims = store.event_reports(event_id)
        shown_reports = []
        placed: set[int] = set()
        for n, claim in enumerate(claims):
            report = store.report(claim["report_id"])
            text = report.text if report else ""
            chosen = [i for i in views.evidence_in(text, event.evidence) if i not in placed]
            placed.update(chosen)
            sentence = [(claim["evidence_start"], claim["evidence_end"])] if claim.get("evidence_end") else []
            shown_reports.append({"claim": claim, "report": report, "evidence": chosen,
                                  "segments": views.segments(text, event.evidence, chosen, sentence, f"ev{n}")})
        anchors = {i: f"ev{n}-{i}" for n, r in enumerate(shown_reports) for i in r["evidence"]}
        return {"event": event, "claims": claims, "shown_reports": shown_reports, "anchors": anchors,
                "decisions": store.decisions(event_id), "fields": views.field_rows(event)}

    @app.get("/events/{event_id}")
    def event_page(request: Request, event_id: str) -> Response:
        event_id, twin = _split_twin(event_id)
        ctx = event_context(event_id)
        if twin:
            return JSON({"event": ctx["event"].to_dict(), "reports": ctx["claims"], "decisions": ctx["decisions"],
                         "highlighted": {str(i): a for i, a in ctx["anchors"].items()}})
        return page(request, "event.html", actions=DECISION_ACTIONS, editable=sorted(EDITABLE_FIELDS), **ctx)

    @app.post("/events/{event_id}/decisions")
    async def decide(request: Request, event_id: str) -> Response:
        as_json = request.headers.get("content-type", "").startswith("application/json")
        try:
            data = await request.json() if as_json else dict(await request.form())
        except ValueError:
            return error(request, 400, "the request body is not valid JSON. You can fix this by sending "
                                       '{"action": "accept"} and the like')
        if not isinstance(data, dict):
            return error(request, 400, 'the request body must be a JSON object such as {"action": "accept"}')
        why = security.refusal(request, request.headers.get(security.HEADER) or data.get(security.FIELD))
        if why:
            return error(request, 403, why)
        if store.event(event_id) is None:
            raise not_found("event", event_id, "choosing an event on the map at /events")
        action = str(data.get("action") or "")
        value = data.get("value")
        field = data.get("field") or None
        if action == "merge":
            value = str(value or "").strip()
            if not value or value == event_id or store.event(value) is None:
                return error(request, 400, f"cannot merge event {event_id} into {value!r}: no such other "
                                           "event. You can fix this by giving the id of the event it repeats")
        decision_id = store.add_decision(event_id, action, field=field if action == "edit" else None,
                                         value=value if action in ("edit", "merge") else None,
                                         note=str(data.get("note") or ""), who=str(data.get("who") or "web"))
        if _wants_json(request):
            event = store.event(event_id)
            return JSON({"decision_id": decision_id, "event": event.to_dict() if event else None},
                        status_code=201)
        return RedirectResponse(f"/events/{event_id}#review", status_code=303)

    # --- actors ----------------------------------------------------------------------------------

    @app.get("/actors")
    def actors_page(request: Request) -> Response:
        counts = store.actor_counts()
        known = {a.name for a in bench.registry}
        if request.url.path.endswith(".json"):
            return JSON({"actors": [{"name": n, "events": c, "in_registry": n in known, "url": f"/actors/{n}"}
                                    for n, c in counts]})
        return page(request, "actors.html", counts=counts, known=known)

    app.add_api_route("/actors.json", actors_page, methods=["GET"])

    @app.get("/actors/{name:path}")
    def actor_page(request: Request, name: str) -> Response:
        name, twin = _split_twin(name)
        registry = bench.registry
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
                "events": [_event_summary(e) for e in found],
            })
        network = views.actor_network(actor, ancestors, units, claims, {a.name for a in registry}) if actor else None
        timeline = views.bars(views.monthly([e.event_date for e in found] + [p.period_start for p in presence]))
        return page(request, "actor.html", name=name, actor=actor, units=units, ancestors=ancestors, claims=claims,
                     presence=presence, events=found[:LIST_LIMIT], total=len(found), network=network,
                     timeline=timeline, presence_months=views.monthly([p.period_start for p in presence]))

    # --- places ----------------------------------------------------------------------------------

    @app.get("/places")
    def places_page(request: Request) -> Response:
        counts = store.place_counts()
        if request.url.path.endswith(".json"):
            return JSON({"places": [{"name": n, "events": c, "url": f"/places/{n}"} for n, c in counts]})
        return page(request, "places.html", counts=counts)

    app.add_api_route("/places.json", places_page, methods=["GET"])

    @app.get("/places/{name:path}")
    def place_page(request: Request, name: str) -> Response:
        name, twin = _split_twin(name)
        found = [e for e in store.events(place=name, include_background=True)]
        gazetteer = bench.gazetteer.get(name)
        candidates = [gazetteer] if gazetteer else bench.gazetteer.lookup(name)
        presence = [p for p in store.presence() if p.location == name or p.place_id == name]
        if not found and not candidates and not presence:
            raise not_found("place", name, "choosing one from /places")
        if twin:
            return JSON({"name": name, "gazetteer": [p.to_dict() for p in candidates],
                         "presence": [p.to_dict() for p in presence], "events": [_event_summary(e) for e in found]})
        return page(request, "place.html", name=name, candidates=candidates, presence=presence,
                    events=found[:LIST_LIMIT], total=len(found),
                    timeline=views.bars(views.monthly([e.event_date for e in found])))

    # --- reports (sources) -----------------------------------------------------------------------

    @app.get("/reports")
    def reports_page(request: Request) -> Response:
        found = store.reports()
        if request.url.path.endswith(".json"):
            return JSON({"reports": [dict(r.to_dict(), url=f"/reports/{r.id}") for r in found]})
        return page(request, "reports.html", reports=found)

    app.add_api_route("/reports.json", reports_page, methods=["GET"])

    @app.get("/reports/{report_id:path}")
    def report_page(request: Request, report_id: str) -> Response:
        report_id, twin = _split_twin(report_id)
        report = store.report(report_id)
        if report is None:
            raise not_found("report", report_id, "choosing one from /reports")
        coded = [e for e in store.events(source_file=report.source_file, include_background=True,
                                         include_rejected=True)
                 if e.report_id == report.id or any(c["report_id"] == report.id for c in store.event_reports(e.id))] \
            if report.source_file else []
        if twin:
            return JSON({"report": report.to_dict(), "events": [_event_summary(e) for e in coded],
                         "problems": [p.to_dict() for p in store.problems(report.id)]})
        spans = [ev for e in coded for ev in e.evidence]
        chosen = views.evidence_in(report.text, spans)
        sentences = [(e.evidence_start, e.evidence_end) for e in coded if e.report_id == report.id]
        return page(request, "report.html", report=report, events=coded, problems=store.problems(report.id),
                    segments=views.segments(report.text, spans, chosen, sentences, "ev"), spans=spans)

    # --- base map --------------------------------------------------------------------------------

    @app.get("/basemap/{name}.geojson")
    def basemap(name: str) -> Response:
        if name == "countries":
            return FileResponse(HERE / "static" / "vendor" / "countries-region.geojson",
                                media_type="application/geo+json", headers={"Cache-Control": "max-age=86400"})
        if name not in BASEMAPS:
            raise not_found("base map layer", name, "asking for countries, syria_admin1 or syria_admin2")
        data = (resources.files("conflictscope") / "data" / "places" / BASEMAPS[name]).read_bytes()
        return Response(data, media_type="application/geo+json", headers={"Cache-Control": "max-age=86400"})

    return app


TYPE_COLOURS = {
    "Battles": "#d62728", "Explosions/Remote violence": "#ff7f0e", "Violence against civilians": "#9467bd",
    "Protests": "#2ca02c", "Riots": "#8c564b", "Strategic developments": "#1f77b4",
}
