"""Nothing dropped unsaid: undated events counted, exports saying what they leave out, place pages
saying whether they count the town or its district."""
from __future__ import annotations

from typing import Any

import pytest

from conflictscope.web import views

from .conftest import make_event

Client = Any


def _undate(client: Client, event_id: str) -> None:
    client.app.state.bench.store.add_decision(event_id, "edit", field="event_date", value="")


def test_undated_events_counted_in_the_json_and_the_export_summaries(client: Client) -> None:
    _undate(client, "ev-b")
    data = client.get("/events.json").json()
    assert (data["count"], data["undated"]) == (4, 1)
    csv = client.get("/events.csv")
    assert "ev-b" not in csv.text
    assert csv.headers["X-Conflictscope-Summary"].startswith("3 events written; 1 undated events left out")
    geo = client.get("/events.geojson")
    assert geo.headers["X-Conflictscope-Summary"] == "4 events written; 0 events without coordinates left out"


def test_map_page_has_room_for_undated_events_and_the_export_summary(client: Client) -> None:
    text = client.get("/events").text
    assert 'id="undated"' in text and 'id="undated-list"' in text and 'id="export-summary"' in text


def test_place_page_says_whether_it_counts_the_town_or_its_district(client: Client) -> None:
    data = client.get("/places/Al Mayadin.json").json()
    assert {s["match"]: s["events"] for s in data["counted"]} == {"town": 1, "admin2": 3}
    assert {e["id"]: e["match"] for e in data["events"]}["ev-a"] == "town"
    page = client.get("/places/Al Mayadin").text
    assert "1 at the place itself" in page and "3 in the district of that name (admin2)" in page
    assert "The places list counts only events at the place itself" in page
    listed = dict((p["name"], p["events"]) for p in client.get("/places.json").json()["places"])
    assert listed["Al Mayadin"] == 1


@pytest.mark.parametrize(("changes", "expected"), [
    ({}, "town"),
    ({"location": "al mayadin"}, "town"),
    ({"location": "Elsewhere", "place_id": "ocha:1"}, "admin2"),
    ({"location": "Elsewhere", "admin2": "", "admin1": "Al Mayadin"}, "admin1"),
    ({"location": "Al Mayadin city", "admin2": ""}, "partial"),
])
def test_views_place_match(changes: dict, expected: str) -> None:
    assert views.place_match(make_event("ev-x", **changes), "Al Mayadin") == expected


def test_free_text_search_over_notes_and_evidence(client: Client) -> None:
    found = client.get("/events.json?q=KILLING TWO").json()
    assert found["filters"] == {"q": "KILLING TWO"}
    assert {e["id"] for e in found["events"]} == {"ev-a", "ev-b", "ev-c"}   # ev-d has no evidence
    client.app.state.bench.store.add_decision("ev-d", "edit", field="notes", value="hospital list")
    assert [e["id"] for e in client.get("/events.json?q=hospital").json()["events"]] == ["ev-d"]
    assert 'name="q"' in client.get("/events?q=hospital").text


def test_town_labels_come_from_the_gazetteer_by_zoom(client: Client) -> None:
    data = client.get("/basemap/towns.json").json()
    assert data["columns"] == ["name", "lat", "lon", "zoom"]
    rows = data["rows"]
    zooms = [r[3] for r in rows]
    assert zooms == sorted(zooms) and set(zooms) <= {5, 6, 8, 11}
    by_name = {r[0]: r[3] for r in rows}
    assert by_name["Damascus"] == 5 and by_name.get("Al Mayadin", 8) >= 6
