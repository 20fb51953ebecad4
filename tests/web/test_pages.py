"""In-process tests of the web app: pages, JSON twins, filters, escaping, review and CSRF."""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

BASE = "http://127.0.0.1:8765"   # the clients' base URL (tests/web/conftest.py)
Client = Any


def token(client: Client) -> str:
    """Load a page so the app sets the CSRF cookie, and read the token from the form."""
    page = client.get("/events/ev-a")
    found = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert found
    return found.group(1)


@pytest.mark.parametrize("path", [
    "/events", "/events/ev-a", "/actors", "/actors/Radwan Brigade", "/actors/Hezbollah", "/places",
    "/places/Al Bukamal", "/reports", "/reports/rep-1",
])
def test_pages_html_and_json_twin_ok(client: Client, path: str) -> None:
    html = client.get(path)
    assert html.status_code == 200
    assert html.headers["content-type"].startswith("text/html")
    twin = client.get(path.replace("/events", "/events", 1) + ".json")
    assert twin.status_code == 200
    assert twin.headers["content-type"].startswith("application/json")


def test_events_json_lists_events_with_their_shape(client: Client) -> None:
    data = client.get("/events.json").json()
    assert [e["id"] for e in data["events"]] == ["ev-a", "ev-b", "ev-d", "ev-c"]
    assert data["events"][0]["evidence"][0]["text"] == "attacked"


@pytest.mark.parametrize("query, expected", [
    ("type=Battles", {"ev-b", "ev-d"}),
    ("since=2024-04-01&until=2024-04-30", {"ev-b", "ev-d"}),
    ("background=0", {"ev-a", "ev-b", "ev-d"}),
    ("source=b.txt", {"ev-d"}),
    ("place=Al Bukamal", {"ev-b", "ev-d"}),
    ("place=Al Mayadin&radius=20", {"ev-a"}),
    ("place=34.45,40.94&radius=150", {"ev-a", "ev-b", "ev-d"}),
    # Hezbollah's units (Radwan Brigade) come with it; without them, nothing.
    ("actor=Hezbollah", {"ev-b"}),
    ("actor=Hezbollah&affiliated=0", set()),
    ("actor=islamic state", {"ev-b"}),
    ("status=edited", set()),
])
def test_events_filters_select_events(client: Client, query: str, expected: set[str]) -> None:
    found = {e["id"] for e in client.get("/events.json?" + query).json()["events"]}
    assert found == expected
    rows = client.get("/map.json?" + query).json()
    assert {r[0] for r in rows["rows"]} == expected


def test_events_bad_filter_has_the_one_error_shape(client: Client) -> None:
    r = client.get("/events.json?status=bogus")
    assert r.status_code == 400
    assert set(r.json()) == {"error"}
    assert "status" in r.json()["error"]["message"]


@pytest.mark.parametrize(("query", "said"), [
    ("since=2024-13-45", "not a day of the calendar"), ("type=Foo", "not an ACLED event type"),
    ("since=2024-05-01&until=2024-04-01", "is after until"),
])
def test_events_bad_filters_answered_400_with_the_reason(client: Client, query: str, said: str) -> None:
    for path in ("/events.json", "/map.json", "/events.csv"):
        r = client.get(f"{path}?{query}")
        assert r.status_code == 400 and said in r.json()["error"]["message"], path
    page = client.get(f"/events?{query}")
    assert page.status_code == 400
    assert said in re.search(r'<p class="filter-error" id="filter-error" role="alert">(.*?)</p>', page.text).group(1)


def test_exports_follow_the_filter(client: Client) -> None:
    rows = list(csv.DictReader(io.StringIO(client.get("/events.csv?type=Battles").text)))
    assert {r["event_id_cnty"] for r in rows} == {"ev-b", "ev-d"}
    geo = client.get("/events.geojson?type=Battles").json()
    assert {f["properties"]["event_id_cnty"] for f in geo["features"]} == {"ev-b", "ev-d"}


def test_event_page_escapes_report_text_and_highlights_evidence(client: Client) -> None:
    page = client.get("/events/ev-a").text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>bold</b>" not in page and "<i>attack</i>" not in page
    assert re.search(r'<mark id="ev0-0" class="evidence[^"]*" data-fields="event_type"[^>]*>attacked</mark>', page)
    assert "killing two</mark>" in page
    report = client.get("/reports/rep-1").text
    assert "<script>alert(1)</script>" not in report and "&lt;script&gt;" in report


def test_unknown_pages_are_404_in_both_shapes(client: Client) -> None:
    assert client.get("/events/nope").status_code == 404
    r = client.get("/actors/Nobody At All.json")
    assert r.status_code == 404 and r.json()["error"]["status"] == 404


def test_review_without_token_is_refused(client: Client) -> None:
    token(client)
    r = client.post("/events/ev-a/decisions", data={"action": "reject"})
    assert r.status_code == 403
    assert client.get("/events/ev-a.json").json()["event"]["status"] == "machine"


def test_review_from_foreign_origin_is_refused(client: Client) -> None:
    t = token(client)
    r = client.post("/events/ev-a/decisions", data={"action": "reject", "csrf_token": t},
                    headers={"Origin": "http://evil.example"})
    assert r.status_code == 403
    r = client.post("/events/ev-a/decisions", json={"action": "reject"},
                    headers={"X-CSRF-Token": t, "Sec-Fetch-Site": "cross-site"})
    assert r.status_code == 403


def test_review_edit_persists_across_reopen(client: Client, db_path: Path, open_client: Any) -> None:
    t = token(client)
    r = client.post("/events/ev-a/decisions", headers={"Origin": BASE}, data={
        "action": "edit", "field": "fatalities", "value": "3", "note": "hospital figure", "csrf_token": t})
    assert r.status_code == 303
    client.app.state.bench.store.close()
    again = open_client(db_path)
    data = again.get("/events/ev-a.json").json()
    assert data["event"]["fatalities"] == 3 and data["event"]["status"] == "edited"
    assert data["decisions"][-1]["note"] == "hospital figure" and data["decisions"][-1]["at"]
    assert "hospital figure" in again.get("/events/ev-a").text


def test_review_json_accept_merge_and_reject(client: Client) -> None:
    t = token(client)
    h = {"X-CSRF-Token": t, "Origin": BASE}
    assert client.post("/events/ev-a/decisions", json={"action": "accept"}, headers=h).status_code == 201
    bad_merge = client.post("/events/ev-d/decisions", json={"action": "merge", "value": "nope"}, headers=h)
    assert bad_merge.status_code == 422 and bad_merge.json()["error"]["field"] == "value"
    r = client.post("/events/ev-d/decisions", json={"action": "merge", "value": "ev-b"}, headers=h)
    assert r.status_code == 201 and r.json()["event"]["status"] == "merged"
    bad = client.post("/events/ev-a/decisions", json={"action": "edit", "field": "status", "value": "x"}, headers=h)
    assert bad.status_code == 422 and "editable" in bad.json()["error"]["message"]
    ids = {e["id"] for e in client.get("/events.json").json()["events"]}
    assert "ev-d" not in ids
    assert {e["id"] for e in client.get("/events.json?status=merged").json()["events"]} == {"ev-d"}


def test_actor_page_shows_aliases_affiliations_presence(client: Client) -> None:
    data = client.get("/actors/Hezbollah.json").json()
    assert "Radwan Brigade" in data["units"]
    assert data["presence"][0]["location"] == "Al Bukamal"
    assert [e["id"] for e in data["events"]] == ["ev-b"]
    page = client.get("/actors/Radwan Brigade").text
    assert 'id="network"' in page and "Hezbollah" in page


def test_static_assets_are_local(client: Client) -> None:
    page = client.get("/events").text
    assert "http://" not in page.replace(BASE, "") and "https://" not in page
    for path in ["/static/vendor/leaflet/leaflet.js", "/static/vendor/markercluster/leaflet.markercluster.js",
                 "/static/map.js", "/basemap/countries.geojson", "/basemap/syria_admin1.geojson",
                 "/basemap/syria_admin2.geojson"]:
        assert client.get(path).status_code == 200, path


def test_basemap_layers_are_the_shipped_admin_files(client: Client) -> None:
    from conflictscope.web.routes.basemap import admin_layers

    assert {level for _name, level in admin_layers()} == {1, 2}
    listed = re.search(r'<script type="application/json" id="basemap-layers">([^<]*)</script>',
                       client.get("/events").text)
    assert listed and json.loads(listed.group(1)) == [{"name": n, "level": lv} for n, lv in admin_layers()]
    for name, _level in admin_layers():
        assert client.get(f"/basemap/{name}.geojson").json()["type"] == "FeatureCollection"
    missing = client.get("/basemap/nowhere_admin9.geojson")
    assert missing.status_code == 404
    assert all(name in missing.json()["error"]["message"] for name, _level in admin_layers())


def test_selection_cache_sees_writes_from_other_store_handles(client: Client, db_path: Path) -> None:
    from conflictscope.store import Store

    assert "ev-c" in {e["id"] for e in client.get("/events.json").json()["events"]}
    with Store.open(str(db_path)) as other:   # as the CLI would, in another process
        other.add_decision("ev-c", "reject", note="duplicate")
    assert "ev-c" not in {e["id"] for e in client.get("/events.json").json()["events"]}
    assert "ev-c" not in {r[0] for r in client.get("/map.json").json()["rows"]}


def test_cli_serve_is_registered_and_local_by_default() -> None:
    from click.testing import CliRunner

    from conflictscope.cli import main

    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    assert "127.0.0.1" in result.output and "8765" in result.output
    assert "--serve" in CliRunner().invoke(main, ["demo", "--help"]).output
