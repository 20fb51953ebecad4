"""End to end in headless Chromium: the bundled samples on the map, filtered, reviewed.

Run with `pytest -m browser`; needs /usr/bin/chromium (Debian's `chromium` package) and the
`browser` extra (playwright, which drives that Chromium; no browser is downloaded). Screenshots
of the main pages go to tests/web/screenshots/ (git-ignored) for a person to look at.
"""
from __future__ import annotations

import json
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from conflictscope import codebook

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"
SHOTS = Path(__file__).parent / "screenshots"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        # a page elsewhere whose name now points at this computer (DNS rebinding)
        "--host-resolver-rules=MAP attacker.example 127.0.0.1"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The bundled samples ingested into a store, served by uvicorn on a free local port."""
    uvicorn = pytest.importorskip("uvicorn")
    from conflictscope.ingest import read_paths
    from conflictscope.pipeline import Resources, ingest
    from conflictscope.store import Store
    from conflictscope.web import create_app

    db = tmp_path_factory.mktemp("browser") / "samples.db"
    samples = resources.files("conflictscope") / "data" / "samples"
    with resources.as_file(samples) as folder, Store.open(str(db)) as store:
        ingest(read_paths([str(folder)]), store, Resources.load())
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(str(db)), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser_page() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: install Debian's chromium package (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="the browser extra is not installed: "
                                   "pip install -e '.[browser]'")
    with tempfile.TemporaryDirectory() as profile, sync_api.sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, args=ARGS, headless=True, viewport={"width": 1400, "height": 950})
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.js_errors = errors
        yield page
        context.close()


def _open_map(page: Any, server: str) -> None:
    """The map page, opened and drawn."""
    page.goto(server + "/events")
    page.wait_for_selector("#map[data-drawn='1']", state="attached", timeout=20_000)


def _shot(page: Any, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_browser_map_filter_open_event_edit_and_reload(server: str, browser_page: Any) -> None:
    page = browser_page
    _open_map(page, server)
    stats = page.evaluate("window.mapStats")
    # the base map draws the governorates with the events, the districts once they are drawn
    assert page.evaluate("window.conflictscopeBase.then(b => b.admin.map(l => l.level))") == [1]
    page.wait_for_selector("#map[data-districts='1']", state="attached", timeout=10_000)
    assert stats["events"] >= 5 and stats["markers"] >= 1
    assert page.locator("#map path.leaflet-interactive, #map .marker-cluster, #map canvas").count() > 0
    assert page.locator("#timeline-svg rect").count() > 1
    # the bars take the codebook's colours, which the page hands the script
    fills = set(page.eval_on_selector_all("#timeline-svg rect[fill]", "rs => rs.map(r => r.getAttribute('fill'))"))
    assert fills and fills <= set(codebook.load().colours().values())
    _shot(page, "map")

    # drag across the start of the timeline: the table keeps only events of that period
    box = page.locator("#timeline-svg").bounding_box()
    page.mouse.move(box["x"] + 30, box["y"] + 60)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.3, box["y"] + 60, steps=5)
    page.mouse.up()
    assert page.inner_text("#brush-range").startswith("period:")
    brushed = page.locator("#event-table tbody tr").count()
    assert 1 <= brushed < stats["events"]
    page.click("#brush-clear")
    assert page.locator("#event-table tbody tr").count() == stats["events"]

    # filter by type through the form: the map and the table follow
    page.select_option("select[name=type]", "Violence against civilians")
    page.click("#apply")
    page.wait_for_selector("#map[data-drawn='1']", state="attached", timeout=20_000)
    assert "type=Violence" in page.url
    types = page.locator("#event-table tbody tr td:nth-child(2)").all_inner_texts()
    assert types and all(t.strip() == "Violence against civilians" for t in types)
    filtered = page.evaluate("window.mapStats.events")
    assert filtered < stats["events"]
    assert "type=Violence" in page.get_attribute("#export-csv", "href")

    # the timeline brush (as a script selects it) narrows the table and the export links
    first_date = page.locator("#event-table tbody tr td:first-child").first.inner_text()
    n = page.evaluate("(d) => window.selectPeriod(d, d)", first_date)
    assert 1 <= n <= filtered
    assert f"since={first_date}" in page.get_attribute("#export-geojson", "href")

    # open an event; its evidence is highlighted in the report text
    page.locator("#event-table tbody a").first.click()
    page.wait_for_selector("#event-id")
    event_id = page.inner_text("#event-id")
    marks = page.locator("mark.evidence")
    assert marks.count() >= 1
    background = marks.first.evaluate("m => getComputedStyle(m).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    _shot(page, "event")

    # edit a field through the review form; after a reload the edit is still there
    page.locator("tr[data-field=fatalities] button.edit-field").click()
    page.fill("#review-value", "7")
    page.fill("#review-note", "figure from the hospital")
    page.click("#review-submit")
    page.wait_for_load_state()
    page.reload()
    assert page.inner_text("tr[data-field=fatalities] td.value").strip() == "7"
    assert page.inner_text("#event-status").strip() == "edited"
    assert "figure from the hospital" in page.inner_text("#decisions")
    data = page.evaluate(f"fetch('/events/{event_id}.json').then(r => r.json())")
    assert data["event"]["fatalities"] == 7

    # the actor page of the event's first actor
    page.locator("tr[data-field=actor1] td.value a").click()
    page.wait_for_selector("#actor-name")
    assert page.locator("table#presence").count() == 1

    # an actor with a parent: the network drawing links to it
    page.goto(server + "/actors/Fatemiyoun Division")
    assert page.locator("#network .node").count() >= 2
    # presence over time on a map: the sample bulletin places the division in al-Quriyah
    page.wait_for_selector("#presence-map[data-points]")
    assert int(page.get_attribute("#presence-map", "data-points")) >= 1
    _shot(page, "actor")
    page.goto(server + "/places/Hajin")
    page.wait_for_selector("#place-name")
    _shot(page, "place")
    assert not page.js_errors, page.js_errors


def test_browser_merge_suggestion_accepted(server: str, browser_page: Any) -> None:
    page = browser_page
    page.goto(server + "/events.json")
    ids = [e["id"] for e in page.evaluate("JSON.parse(document.body.innerText)")["events"]]
    suggested = page.evaluate("""async (ids) => {
        for (const id of ids) {
            const data = await (await fetch('/events/' + id + '.json')).json();
            if (data.possible_duplicates.length) { return [id, data.possible_duplicates[0]]; }
        }
        return null;
    }""", ids)
    assert suggested, "the bundled samples hold one event told twice (Sokhneh, 2025-10-13)"
    event_id, other = suggested
    page.goto(f"{server}/events/{event_id}")
    item = page.locator(f"#duplicates li[data-event='{other}']")
    assert item.count() == 1
    with page.expect_navigation():
        item.locator("button.merge-into").click()
    assert page.inner_text("#event-status").strip() == "merged"
    assert f"duplicate of {other}" in page.inner_text("#decisions")
    assert page.locator("#duplicates").count() == 0
    assert not page.js_errors, page.js_errors


def test_browser_cross_site_form_is_refused(server: str, browser_page: Any) -> None:
    page = browser_page
    page.goto(server + "/events.json")
    event_id = page.evaluate("document.body.innerText && JSON.parse(document.body.innerText).events[0].id")
    # a page elsewhere (about:blank here) posting a form with no token to the app is refused
    page.goto("about:blank")
    page.set_content(f'<form method="post" action="{server}/events/{event_id}/decisions">'
                     '<input name="action" value="reject"></form>')
    with page.expect_navigation():
        page.evaluate("document.forms[0].submit()")
    assert "403" in page.content() or "refused" in page.content() or "another site" in page.content()
    page.goto(f"{server}/events/{event_id}.json")
    assert '"status": "rejected"' not in page.content()


def test_browser_invalid_edit_is_refused_beside_the_field_and_undo_works(server: str, browser_page: Any) -> None:
    page = browser_page
    page.goto(server + "/events.json")
    event_id = page.evaluate("JSON.parse(document.body.innerText).events[1].id")
    page.goto(f"{server}/events/{event_id}")
    before = page.inner_text("tr[data-field=latitude] td.value").strip()
    # an impossible latitude: refused (422), the reason next to the field, the typed value kept
    page.locator("tr[data-field=latitude] button.edit-field").click()
    page.fill("#review-value", "95")
    with page.expect_navigation() as nav:
        page.click("#review-submit")
    assert nav.value.status == 422
    assert "out of range" in page.inner_text("#error-latitude")
    assert page.locator("#review-error").is_visible()
    assert page.input_value("#review-value") == "95"
    assert page.inner_text("tr[data-field=latitude] td.value").strip().startswith(before)
    # a valid edit, then undone from the history: the machine's value is back
    page.goto(f"{server}/events/{event_id}")
    page.locator("tr[data-field=fatalities] button.edit-field").click()
    old = page.input_value("#review-value")
    page.fill("#review-value", "41")
    page.click("#review-submit")
    page.wait_for_load_state()
    assert page.inner_text("tr[data-field=fatalities] td.value").strip() == "41"
    page.locator("#decisions button.undo").last.click()
    page.wait_for_load_state()
    assert page.inner_text("tr[data-field=fatalities] td.value").strip() == (old or "0")
    assert page.locator("#decisions tr.undone").count() == 1
    assert not page.js_errors, page.js_errors


def test_browser_timeline_survives_dates_that_are_not_days(server: str, browser_page: Any) -> None:
    page = browser_page
    columns = ["id", "latitude", "longitude", "event_type", "fatalities", "geo_precision", "event_date",
               "location", "actor1", "actor2", "status"]
    dates = ["2024-03-17", "2024-02-30", "yesterday", "2024-03", None, "", "0001-01-01", 20240301, "2024-04-02"]
    rows = [[f"ev-{i}", 35.0, 40.4, "Battles", 1, 1, d, "Hajin", "A", "B", "machine"] for i, d in enumerate(dates)]
    body = json.dumps({"columns": columns, "rows": rows, "count": len(rows)})
    page.route("**/map.json*", lambda route: route.fulfill(status=200, content_type="application/json", body=body))
    try:
        page.goto(server + "/events")
        page.wait_for_selector("#timeline-svg rect", timeout=20_000)
        assert page.locator("#filter-error").is_hidden()
    finally:
        page.unroute("**/map.json*")
    assert not page.js_errors, page.js_errors


def test_browser_filter_errors_show_the_servers_message(server: str, browser_page: Any) -> None:
    page = browser_page
    page.goto(server + "/events?place=Nowhere-at-all&radius=10")
    page.wait_for_selector("#filter-error:not([hidden])", timeout=20_000)
    message = page.inner_text("#filter-error")
    assert "Nowhere-at-all" in message and "HTTP" not in message
    page.goto(server + "/events?since=2024-13-45")
    assert "not a day of the calendar" in page.inner_text("#filter-error")
    assert not page.js_errors, page.js_errors


def test_browser_timeline_intact_after_a_date_edit(server: str, browser_page: Any) -> None:
    page = browser_page
    page.goto(server + "/events.json")
    event_id = page.evaluate("JSON.parse(document.body.innerText).events[2].id")
    page.goto(f"{server}/events/{event_id}")
    page.locator("tr[data-field=event_date] button.edit-field").click()
    page.fill("#review-value", "2024-02-30")
    with page.expect_navigation() as nav:
        page.click("#review-submit")
    assert nav.value.status == 422
    page.fill("#review-value", "2023-06-01")
    page.click("#review-submit")
    page.wait_for_load_state()
    assert page.inner_text("tr[data-field=event_date] td.value").strip() == "2023-06-01"
    page.goto(server + "/events")
    page.wait_for_selector("#timeline-svg rect", timeout=20_000)
    assert page.locator("#filter-error").is_hidden()
    assert not page.js_errors, page.js_errors


def test_browser_undated_events_listed_beside_the_timeline(server: str, browser_page: Any) -> None:
    page = browser_page
    page.goto(server + "/events.json")
    data = page.evaluate("JSON.parse(document.body.innerText)")
    event_id = data["events"][0]["id"]
    page.goto(f"{server}/events/{event_id}")
    page.locator("tr[data-field=event_date] button.edit-field").click()
    page.fill("#review-value", "")
    page.click("#review-submit")
    page.wait_for_load_state()
    undated = data["undated"] + 1
    _open_map(page, server)
    assert page.locator("#undated").is_visible()
    assert page.inner_text("#undated-count").startswith(f"{undated} event")
    page.click("#undated-count")
    assert page.locator("#undated-list li a").count() == undated
    assert page.locator(f"#undated-list a[href='/events/{event_id}']").count() == 1
    summary = page.inner_text("#export-summary")
    assert f"{data['count'] - undated} events ({undated} without a date left out" in summary
    assert not page.js_errors, page.js_errors


def test_browser_rebinding_request_is_refused(server: str, browser_page: Any) -> None:
    page = browser_page
    port = server.rsplit(":", 1)[1]
    response = page.goto(f"http://attacker.example:{port}/events.json")
    assert response.status == 400
    assert "is not an address of this workbench" in page.inner_text("body")
    assert '"events"' not in page.content()


def test_browser_csv_cell_starting_with_equals_is_neutralised(server: str, browser_page: Any) -> None:
    page = browser_page
    page.goto(server + "/events.json")
    event_id = page.evaluate("JSON.parse(document.body.innerText).events.filter(e => e.event_date)[0].id")
    page.goto(f"{server}/events/{event_id}")
    page.locator("tr[data-field=notes] button.edit-field").click()
    page.fill("#review-value", '=HYPERLINK("http://attacker.example","open")')
    with page.expect_navigation():
        page.click("#review-submit")
    assert page.inner_text("tr[data-field=notes] td.value").startswith("=HYPERLINK(")
    text = page.evaluate("fetch('/events.csv').then(r => r.text())")
    assert "'=HYPERLINK(" in text
    assert ',"=HYPERLINK' not in text and ",=HYPERLINK" not in text


def test_browser_table_sorts_pages_and_follows_the_map_view(server: str, browser_page: Any) -> None:
    page = browser_page
    columns = ["id", "latitude", "longitude", "event_type", "fatalities", "geo_precision", "event_date",
               "location", "actor1", "actor2", "status"]
    rows = [[f"ev-{i:03d}", 35.0 if i % 2 else 33.5, 40.4 if i % 2 else 36.3, "Battles", i % 17, 1,
             f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}", "East" if i % 2 else "West", f"A{i}", "", "machine"]
            for i in range(250)]
    body = json.dumps({"columns": columns, "rows": rows, "count": len(rows)})
    page.route("**/map.json*", lambda route: route.fulfill(status=200, content_type="application/json", body=body))
    try:
        _open_map(page, server)
    finally:
        page.unroute("**/map.json*")
    assert page.locator("#event-table tbody tr").count() == 100
    assert page.inner_text("#page-info") == "1–100 of 250"
    page.click("#page-next")
    page.click("#page-next")
    assert page.inner_text("#page-info") == "201–250 of 250" and page.is_disabled("#page-next")
    # sort by fatalities, highest first (a second click turns the order round)
    page.click("#event-table th[data-sort=fatalities]")
    page.click("#event-table th[data-sort=fatalities]")
    assert page.inner_text("#page-info").startswith("1–100")
    figures = [int(t) for t in page.locator("#event-table tbody tr td:nth-child(6)").all_inner_texts()]
    assert figures[0] == 16 and figures == sorted(figures, reverse=True)
    assert page.get_attribute("#event-table th[data-sort=fatalities]", "aria-sort") == "descending"
    # follow the map: zoomed on the eastern points, the western ones leave the table
    page.check("#follow-view")
    page.evaluate("window.conflictscopeMap.setView([35.0, 40.4], 11) && null")
    deadline = time.monotonic() + 10
    while not page.inner_text("#page-info").endswith("of 125"):
        assert time.monotonic() < deadline, page.inner_text("#page-info")
        time.sleep(0.1)
    locations = set(page.locator("#event-table tbody tr td:nth-child(5)").all_inner_texts())
    assert locations == {"East"}
    assert not page.js_errors, page.js_errors


def test_browser_review_queue_walked_with_the_keyboard(server: str, browser_page: Any) -> None:
    page = browser_page
    page.goto(server + "/review.json")
    queue = [q["id"] for q in page.evaluate("JSON.parse(document.body.innerText)")["queue"]]
    assert len(queue) >= 3
    page.goto(server + "/review")
    page.click("#queue-start")
    page.wait_for_selector("#queue-nav")
    assert page.inner_text("#event-id") == queue[0]
    assert page.inner_text("#queue-position").startswith("1 of ")
    with page.expect_navigation():
        page.keyboard.press("n")
    assert page.inner_text("#event-id") == queue[1]
    with page.expect_navigation():
        page.keyboard.press("p")
    assert page.inner_text("#event-id") == queue[0]
    # typing in the form does not walk the queue
    page.focus("#review-note")
    page.keyboard.press("n")
    assert page.inner_text("#event-id") == queue[0]
    page.locator("#review-note").blur()
    with page.expect_navigation():
        page.keyboard.press("a")
    assert page.inner_text("#event-id") == queue[1]
    assert page.inner_text("#queue-position") == f"1 of {len(queue) - 1}"
    page.goto(f"{server}/events/{queue[0]}.json")
    assert '"status": "accepted"' in page.content()
    assert not page.js_errors, page.js_errors



def test_browser_readable_map_labels_clusters_scale_and_fatalities(server: str, browser_page: Any) -> None:
    page = browser_page
    _open_map(page, server)
    page.wait_for_selector("#map[data-labels]", state="attached", timeout=20_000)
    assert page.locator(".leaflet-control-scale-line").count() == 1
    # a town label visible at a zoom where towns are labelled
    page.evaluate("window.conflictscopeMap.setView([35.0207, 40.4511], 9) && null")
    page.wait_for_selector(".town-label span", timeout=10_000)
    assert page.locator(".town-label span").first.is_visible()
    names = set(page.locator(".town-label span").all_inner_texts())
    assert names and len(names) <= 250
    _shot(page, "map-labels")
    # far out, villages go and only big places stay
    page.evaluate("window.conflictscopeMap.setView([34.8, 38.9], 5) && null")
    time.sleep(0.5)
    assert int(page.get_attribute("#map", "data-labels")) < len(names) + 50
    # clusters wear the colour of their commonest event type and carry their fatality total
    colours = set(codebook.load().colours().values())
    fills = page.eval_on_selector_all(".cluster-icon", "els => els.map(e => getComputedStyle(e).backgroundColor)")
    assert fills, "the samples cluster when the whole theatre is in view"

    def hex_of(rgb: str) -> str:
        r, g, b = (int(x) for x in rgb[rgb.index("(") + 1:rgb.index(")")].split(",")[:3])
        return f"#{r:02x}{g:02x}{b:02x}"
    assert {hex_of(f) for f in fills} <= {c.lower() for c in colours}
    _shot(page, "map-clusters")
    # fatalities beside the event counts on the timeline
    assert page.locator("#timeline-svg polyline.fatalities-line").count() == 1
    assert "fatalities (line): peak" in page.text_content("#timeline-dead")
    assert not page.js_errors, page.js_errors


def test_browser_first_draw_is_marked_and_rivers_drawn_under_the_events(server: str, browser_page: Any) -> None:
    page = browser_page
    _open_map(page, server)
    # the mark the map benchmark reads: set once, after navigation started, every marker clustered
    marks = page.evaluate("performance.getEntriesByName('mapDrawn', 'mark').map(m => m.startTime)")
    assert len(marks) == 1 and 0 < marks[0] == pytest.approx(page.evaluate("window.mapDrawn"), abs=5)
    stats = page.evaluate("window.mapStats")
    assert stats["markers"] >= 1
    # rivers: SVG paths in their own pane, below the markers' pane, with a switch in the layer control
    page.wait_for_selector("#map[data-rivers]", state="attached", timeout=10_000)
    assert int(page.get_attribute("#map", "data-rivers")) >= 5
    assert page.locator(".leaflet-rivers-pane svg path").count() >= 5
    stroke = page.eval_on_selector(".leaflet-rivers-pane svg path", "p => p.getAttribute('stroke')")
    assert stroke == "#3b7fc4"
    below = page.evaluate("+getComputedStyle(document.querySelector('.leaflet-rivers-pane')).zIndex < "
                          "+getComputedStyle(document.querySelector('.leaflet-overlay-pane')).zIndex")
    assert below
    assert "Rivers" in page.text_content(".leaflet-control-layers")
    page.evaluate("window.conflictscopeMap.setView([35.3, 40.1], 8) && null")   # the Euphrates by Deir ez-Zor
    _shot(page, "map-rivers")
    assert not page.js_errors, page.js_errors


_BROWSER_CLUSTERS = """z => { let group = null;
  window.conflictscopeMap.eachLayer(l => { if (l._topClusterLevel) { group = l; } });
  const found = [];
  (function walk(c) { if (c._zoom === z) { found.push([c._childCount, c._latlng.lat, c._latlng.lng]); return; }
                      c._childClusters.forEach(walk); })(group._topClusterLevel);
  return found; }"""


def test_browser_server_clusters_are_markerclusters_own(server: str, browser_page: Any) -> None:
    page = browser_page
    _open_map(page, server)
    zoom = round(page.evaluate("window.conflictscopeMap.getZoom()"))
    level = page.evaluate("fetch('/map.json').then(r => r.json()).then(d => d.clusters.zooms)")[str(zoom)]
    # the first draw shows the server's clusters of the zoom, as markercluster's icons
    assert page.locator(".cluster-icon").count() == len(level["clusters"]) > 0
    # a period covering every date: markercluster clusters the same events in the browser, alike
    page.evaluate("window.selectPeriod('0000-01-01', '9999-12-31') && null")
    page.wait_for_selector(".cluster-icon", timeout=10_000)
    ours = sorted((k[2], round(k[0], 4), round(k[1], 4)) for k in level["clusters"])
    theirs = sorted((n, round(lat, 4), round(lon, 4)) for n, lat, lon in page.evaluate(_BROWSER_CLUSTERS, zoom))
    assert ours == theirs
    page.evaluate("window.selectPeriod(null) && null")
    # zoomed in past the server's zooms and out again, quickly: markercluster's clusters, then the server's
    page.evaluate("(m => { m.setZoom(10, {animate: false}); m.setZoom(5, {animate: false}); })(window.conflictscopeMap) || null")
    page.wait_for_selector(".cluster-icon", timeout=10_000)
    time.sleep(0.5)
    level = page.evaluate("fetch('/map.json').then(r => r.json()).then(d => d.clusters.zooms)")["5"]
    assert page.locator(".cluster-icon").count() == len(level["clusters"])
    assert not page.js_errors, page.js_errors


def test_browser_marker_popup_made_on_click(server: str, browser_page: Any) -> None:
    page = browser_page
    _open_map(page, server)
    rows = page.evaluate("fetch('/map.json').then(r => r.json()).then(d => d.rows)")
    lat, lon = next((r[1], r[2]) for r in rows if r[1] is not None)
    # zoomed in past clustering, the event's own circle answers a click with its popup
    page.evaluate(f"window.conflictscopeMap.setView([{lat}, {lon}], 13, {{animate: false}}) && null")
    time.sleep(0.5)
    box = page.locator("#map").bounding_box()
    point = page.evaluate(f"(p => [p.x, p.y])(window.conflictscopeMap.latLngToContainerPoint([{lat}, {lon}]))")
    page.mouse.click(box["x"] + point[0], box["y"] + point[1])
    page.wait_for_selector(".leaflet-popup .open-event", timeout=5_000)
    assert page.get_attribute(".leaflet-popup .open-event", "href").startswith("/events/")
    assert not page.js_errors, page.js_errors
