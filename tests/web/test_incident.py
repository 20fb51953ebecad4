"""An incident several reports tell: one event on the map and table, each source on the event page."""
from __future__ import annotations

from conflictscope.models import CodedReport, Report
from web.conftest import make_event


def test_a_second_report_of_one_clash_joins_it_and_the_page_lists_both(client) -> None:
    store = client.app.state.bench.store
    text = "Radwan Brigade fighters clashed with IS cells near Al Bukamal, three dead."
    store.save_coded(CodedReport(report=Report(id="rep-3", text=text, source_file="c.txt", publisher="Local Post"),
                                 events=[make_event("ev-e", report_id="rep-3", source_file="c.txt",
                                                    event_type="Battles", sub_event_type="Armed clash",
                                                    event_date="2024-04-02", actor1="Radwan Brigade",
                                                    actor2="IS: Islamic State", location="Al Bukamal",
                                                    latitude=34.4536, longitude=40.9367, geo_precision=2,
                                                    fatalities=3, evidence=[], evidence_text=text,
                                                    evidence_end=len(text))]))
    listed = client.get("/events.json").json()["events"]
    assert "ev-e" not in {e["id"] for e in listed} and "ev-b" in {e["id"] for e in listed}
    page = client.get("/events/ev-e")
    assert page.status_code == 200 and 'id="incident"' in page.text
    assert "c.txt" in page.text and "a.txt" in page.text and "(the reports give 3 to 5)" in page.text
    twin = client.get("/events/ev-e.json").json()
    assert twin["incident"]["event"]["fatalities"] == 3
    assert sorted(r["id"] for r in twin["incident"]["reports"]) == ["ev-b", "ev-e"]
