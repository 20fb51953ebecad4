"""Review through the web: edits the codebook refuses answered 422 beside the field, derived
fields follow, every decision can be undone from the event's history."""
from __future__ import annotations

import re
from typing import Any

import pytest

from .test_pages import BASE, token

Client = Any


@pytest.mark.parametrize(("field", "value"), [
    ("event_date", "yesterday"), ("event_date", "2024-02-30"), ("event_date", "2030-01-01"),
    ("event_type", "Foo"), ("latitude", "95"), ("fatalities", "-3"), ("geo_precision", "9"),
    ("interaction", "zz"), ("actor1", ""), ("inter1", "12"),
])
def test_review_invalid_edit_json_is_422_naming_the_field(client: Client, field: str, value: str) -> None:
    h = {"X-CSRF-Token": token(client), "Origin": BASE}
    r = client.post("/events/ev-a/decisions", json={"action": "edit", "field": field, "value": value}, headers=h)
    assert r.status_code == 422
    error = r.json()["error"]
    assert error["status"] == 422 and error["field"] == field and "You can fix this" in error["message"]
    assert client.get("/events/ev-a.json").json()["decisions"] == []


def test_review_invalid_edit_form_shows_the_reason_beside_the_field(client: Client) -> None:
    t = token(client)
    r = client.post("/events/ev-a/decisions", headers={"Origin": BASE}, data={
        "action": "edit", "field": "latitude", "value": "95", "note": "from the map", "csrf_token": t})
    assert r.status_code == 422
    beside = re.search(r'<tr data-field="latitude".*?</tr>', r.text, re.S)
    assert beside and 'id="error-latitude"' in beside.group(0) and "out of range" in beside.group(0)
    assert 'id="review-error"' in r.text
    # the form keeps what was typed, so the reviewer corrects it rather than starting again
    assert 'value="95"' in r.text and 'value="from the map"' in r.text
    assert '<option value="latitude" selected>' in r.text


def test_review_edit_moves_the_derived_fields(client: Client) -> None:
    h = {"X-CSRF-Token": token(client), "Origin": BASE}
    r = client.post("/events/ev-a/decisions", json={"action": "edit", "field": "event_date", "value": "2023-11-05"},
                    headers=h)
    assert r.status_code == 201 and r.json()["event"]["year"] == 2023
    r = client.post("/events/ev-a/decisions", json={"action": "edit", "field": "sub_event_type",
                                                    "value": "Peaceful protest"}, headers=h)
    event = r.json()["event"]
    assert (event["event_type"], event["disorder_type"]) == ("Protests", "Demonstrations")
    csv_text = client.get("/events.csv?type=Protests&since=2023&until=2023").text
    assert "ev-a" in csv_text and ",2023," in csv_text


def test_review_undo_from_the_history(client: Client) -> None:
    t = token(client)
    client.post("/events/ev-a/decisions", headers={"Origin": BASE}, data={
        "action": "edit", "field": "fatalities", "value": "9", "csrf_token": t})
    page = client.get("/events/ev-a").text
    decision = re.search(r'name="action" value="undo">\s*<input type="hidden" name="value" value="(\d+)"', page)
    assert decision, "each decision in the history has an undo button"
    r = client.post("/events/ev-a/decisions", headers={"Origin": BASE}, data={
        "action": "undo", "value": decision.group(1), "csrf_token": t})
    assert r.status_code == 303
    data = client.get("/events/ev-a.json").json()
    assert (data["event"]["fatalities"], data["event"]["status"]) == (2, "machine")
    assert 'class="undone"' in client.get("/events/ev-a").text
    again = client.post("/events/ev-a/decisions", json={"action": "undo", "value": decision.group(1)},
                        headers={"X-CSRF-Token": t, "Origin": BASE})
    assert again.status_code == 422 and "already undone" in again.json()["error"]["message"]


def test_review_coordinates_outside_the_country_are_flagged_on_the_page(client: Client) -> None:
    h = {"X-CSRF-Token": token(client), "Origin": BASE}
    for field, value in (("latitude", "33.3"), ("longitude", "44.4")):   # Baghdad, for an event in Syria
        assert client.post("/events/ev-a/decisions", json={"action": "edit", "field": field, "value": value},
                           headers=h).status_code == 201
    assert "coordinates-outside-country" in client.get("/events/ev-a.json").json()["event"]["flags"]
    assert "coordinates-outside-country" in client.get("/events/ev-a").text
    assert "coordinates-outside-country" in client.get("/events.csv").text
