"""One event: its fields, the evidence highlighted in every report that claims it, and review."""
from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from conflictscope.edits import EDITABLE_FIELDS
from conflictscope.errors import ReviewError
from conflictscope.query import EventQuery
from conflictscope.store import Store
from conflictscope.store.rows import DECISION_ACTIONS
from conflictscope.web import security, views
from conflictscope.web.routes import review
from conflictscope.web.render import JSON, bench, error, not_found, page, split_twin, too_large, wants_json

router = APIRouter()


def event_context(store: Store, event_id: str) -> dict[str, Any]:
    """What the event page shows: the event, each report's claim with its highlighted text, decisions."""
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
    made = store.decisions(event_id)
    taken_back = {int(d["value"]): d["id"] for d in made if d["action"] == "undo"}
    return {"event": event, "claims": claims, "shown_reports": shown_reports, "anchors": anchors,
            "decisions": made, "undone": taken_back, "fields": views.field_rows(event),
            "fate": store.event_fate(event_id) if event.status == "deleted" else None}


def reviewing(request: Request, event_id: str, params: Any) -> dict[str, Any]:
    """The event page's context with the review aids: the queue's links (when walking it, from
    `params`) and the events it may repeat, to merge with one click."""
    workbench = bench(request)
    ctx = event_context(workbench.store, event_id)
    walked = review.queue_filters(params)
    ctx["queue"] = review.queue_nav(workbench, event_id, walked) if walked is not None else None
    live = ctx["event"].status not in ("deleted", "merged", "rejected")
    everything = workbench.select(EventQuery())
    ctx["duplicates"] = views.duplicates(ctx["event"], everything) if live else []
    ctx["incident"] = incident(workbench.store, event_id, everything)
    return ctx


def incident(store: Any, event_id: str, fused: list[Any]) -> dict[str, Any] | None:
    """The incident an event belongs to when several reports tell it: the fused event and each
    report's own event (what each source said)."""
    found = next((e for e in fused if event_id in e.fused_from and len(e.fused_from) > 1), None)
    if found is None:
        return None
    members = [m for m in (store.event(i) for i in found.fused_from) if m is not None]
    return {"event": found, "members": members}


@router.get("/events/{event_id}")
def event_page(request: Request, event_id: str) -> Response:
    """One event, its evidence in each report that claims it, and the review form."""
    event_id, twin = split_twin(event_id)
    ctx = reviewing(request, event_id, request.query_params)
    if twin:
        return JSON({"event": ctx["event"].to_dict(), "reports": ctx["claims"], "decisions": ctx["decisions"],
                     "highlighted": {str(i): a for i, a in ctx["anchors"].items()},
                     "possible_duplicates": [e.id for e in ctx["duplicates"]],
                     **({"incident": {"event": ctx["incident"]["event"].to_dict(),
                                      "reports": [m.to_dict() for m in ctx["incident"]["members"]]}}
                        if ctx["incident"] else {}),
                     **({"fate": ctx["fate"]} if ctx["fate"] else {})})
    return page(request, "event.html", actions=REVIEW_ACTIONS, editable=sorted(EDITABLE_FIELDS), **ctx)


# Decisions after which a reviewer walking the queue is taken to the next event.
MOVES_ON = ("accept", "reject", "merge")
# The form offers these; `undo` has its own button on each decision in the history.
REVIEW_ACTIONS = tuple(a for a in DECISION_ACTIONS if a != "undo")


def refused_edit(request: Request, event_id: str, exc: ReviewError, sent: dict[str, Any]) -> Response:
    """A 422 for an edit the codebook does not allow: the reason beside the field, as JSON or on the page."""
    body = {"error": {"status": 422, "message": str(exc), "field": exc.field}}
    if wants_json(request):
        return JSON(body, status_code=422)
    ctx = reviewing(request, event_id, dict(parse_qsl(str(sent.get("queue_query") or ""))))
    return page(request, "event.html", status=422, actions=REVIEW_ACTIONS, editable=sorted(EDITABLE_FIELDS),
                refused=body["error"], sent={k: str(v) for k, v in sent.items() if k != security.FIELD}, **ctx)


@router.post("/events/{event_id}/decisions")
async def decide(request: Request, event_id: str) -> Response:
    """Record a reviewer's decision, from this site's form or script only (CSRF token, Origin)."""
    store = bench(request).store
    as_json = request.headers.get("content-type", "").startswith("application/json")
    if len(await request.body()) > request.app.state.max_body:   # a body sent without its length
        return too_large(request)
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
    # in the queue, a verdict on the event moves on to the next one (worked out before it leaves the queue)
    onward = review.next_after(bench(request), event_id, str(data.get("queue_query") or "")) \
        if action in MOVES_ON else None
    try:
        decision_id = store.add_decision(event_id, action, field=field if action == "edit" else None,
                                         value=value if action in ("edit", "merge", "undo") else None,
                                         note=str(data.get("note") or ""),
                                         who=str(data.get("who") or request.app.state.reviewer or "web"))
    except ReviewError as exc:
        return refused_edit(request, event_id, exc, data)
    if wants_json(request):
        event = store.event(event_id)
        return JSON({"decision_id": decision_id, "event": event.to_dict() if event else None},
                    status_code=201)
    if onward:
        return RedirectResponse(onward, status_code=303)
    stay = review.queue_filters(dict(parse_qsl(str(data.get("queue_query") or ""))))
    return RedirectResponse(f"{review.in_queue_url(event_id, stay) if stay else f'/events/{event_id}'}#review",
                            status_code=303)
