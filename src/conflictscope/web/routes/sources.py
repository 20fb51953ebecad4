"""Sources: the stored reports, and one report's text with every event coded from it highlighted."""
from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from conflictscope.web import views
from conflictscope.web.render import JSON, bench, event_summary, not_found, page, split_twin

router = APIRouter()


@router.get("/reports")
def reports_page(request: Request) -> Response:
    """The stored reports, in the order they were stored."""
    found = bench(request).store.reports()
    if request.url.path.endswith(".json"):
        return JSON({"reports": [dict(r.to_dict(), url=f"/reports/{r.id}") for r in found]})
    return page(request, "reports.html", reports=found)


router.add_api_route("/reports.json", reports_page, methods=["GET"])


@router.get("/reports/{report_id:path}")
def report_page(request: Request, report_id: str) -> Response:
    """One report: its text with the evidence of its events highlighted, its events and problems."""
    report_id, twin = split_twin(report_id)
    store = bench(request).store
    report = store.report(report_id)
    if report is None:
        raise not_found("report", report_id, "choosing one from /reports")
    coded = [e for e in store.events(source_file=report.source_file, include_background=True,
                                     include_rejected=True)
             if e.report_id == report.id or any(c["report_id"] == report.id for c in store.event_reports(e.id))] \
        if report.source_file else []
    if twin:
        return JSON({"report": report.to_dict(), "events": [event_summary(e) for e in coded],
                     "problems": [p.to_dict() for p in store.problems(report.id)]})
    spans = [ev for e in coded for ev in e.evidence]
    chosen = views.evidence_in(report.text, spans)
    sentences = [(e.evidence_start, e.evidence_end) for e in coded if e.report_id == report.id]
    return page(request, "report.html", report=report, events=coded, problems=store.problems(report.id),
                segments=views.segments(report.text, spans, chosen, sentences, "ev"), spans=spans)
