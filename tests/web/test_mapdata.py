"""The map's data: compact rows with repeated texts sent once, kept per store version, gzipped;
the rivers layer clipped to the region."""
from __future__ import annotations

import gzip
import json
from typing import Any

from conflictscope.query import EventQuery
from conflictscope.store import Store
from conflictscope.web import mapdata
from conflictscope.web.workbench import Workbench

from .conftest import Client, make_event


def _decoded(payload: dict[str, Any]) -> list[dict[str, Any]]:
    """The rows as the map's script reads them: coded columns turned back into their texts."""
    coded = {payload["columns"].index(c) for c in payload["coded"]}
    return [{name: (payload["strings"][v] if i in coded and v is not None else v)
             for i, (name, v) in enumerate(zip(payload["columns"], row))} for row in payload["rows"]]


def test_mapdata_rows_send_repeated_texts_once() -> None:
    events = [make_event("ev-1"), make_event("ev-2", actor2=None, location="Hajin"), make_event("ev-3")]
    payload = mapdata.map_rows(events)
    assert payload["count"] == 3 and set(payload["coded"]) <= set(payload["columns"])
    assert len(payload["strings"]) == len(set(payload["strings"]))
    for row, event in zip(_decoded(payload), events):
        assert row == {c: getattr(event, c) for c in mapdata.MAP_COLUMNS}


def test_mapdata_map_json_is_gzipped_and_made_once_per_store_version(client: Client) -> None:
    r = client.get("/map.json", headers={"Accept-Encoding": "gzip"})
    assert r.headers["content-encoding"] == "gzip" and "Accept-Encoding" in r.headers["vary"]
    ids = {row["id"] for row in _decoded(r.json())}
    assert ids == {e["id"] for e in client.get("/events.json").json()["events"]}
    plain = client.get("/map.json", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers and plain.json() == r.json()
    bench = client.app.state.bench
    made = bench.map_data(EventQuery())
    assert bench.map_data(EventQuery()) is made                       # nothing written: kept
    assert json.loads(gzip.decompress(made.gzipped)) == json.loads(made.body)
    bench.store.add_decision("ev-a", "reject", note="duplicate")
    assert bench.map_data(EventQuery()) is not made                   # a write: made again
    assert "ev-a" not in {row["id"] for row in _decoded(client.get("/map.json").json())}


def test_mapdata_warm_makes_the_first_map_and_town_labels(client: Client) -> None:
    bench = client.app.state.bench
    assert not bench.warmed.is_set()
    bench.warm()
    assert bench.warmed.is_set()
    assert bench.map_data(EventQuery()) is bench.map_data(EventQuery())
    assert bench.town_labels() is bench.town_labels()


def test_mapdata_rivers_layer_is_lines_inside_the_region(client: Client) -> None:
    rivers = client.get("/basemap/rivers.geojson").json()
    assert rivers["type"] == "FeatureCollection" and len(rivers["features"]) >= 5
    countries = client.get("/basemap/countries.geojson").json()
    lons, lats = zip(*(p for f in countries["features"] for p in _points(f["geometry"]["coordinates"])))
    for f in rivers["features"]:
        assert f["geometry"]["type"] in {"LineString", "MultiLineString"}
        for lon, lat in _points(f["geometry"]["coordinates"]):
            assert min(lons) - 0.01 <= lon <= max(lons) + 0.01 and min(lats) - 0.01 <= lat <= max(lats) + 0.01
    missing = client.get("/basemap/roads.geojson")
    assert missing.status_code == 404 and "rivers" in missing.json()["error"]["message"]


def _points(coords: Any) -> list[tuple[float, float]]:
    if coords and isinstance(coords[0], (int, float)):
        return [(coords[0], coords[1])]
    return [p for c in coords for p in _points(c)]



def test_mapdata_a_server_started_again_on_an_unchanged_store_reuses_the_kept_map(db_path, monkeypatch) -> None:
    with Store.open(str(db_path)) as store:
        first = Workbench(store)
        first.warm()
        made = first.map_data(EventQuery())
    with Store.open(str(db_path)) as store:
        again = Workbench(store)
        monkeypatch.setattr(again, "select", _no_selection)
        again.warm()
        assert again.map_data(EventQuery()).gzipped == made.gzipped   # from disk: nothing selected
        store.add_decision("ev-a", "reject", note="duplicate")
        monkeypatch.undo()
        remade = again.map_data(EventQuery())                          # a write: made again, and kept
        assert "ev-a" not in {row["id"] for row in _decoded(json.loads(remade.body))}
    with Store.open(str(db_path)) as store:
        third = Workbench(store)
        monkeypatch.setattr(third, "select", _no_selection)
        third.warm()
        assert third.map_data(EventQuery()).body == remade.body


def test_mapdata_a_store_in_memory_keeps_no_map(monkeypatch) -> None:
    with Store.open("sqlite://") as store:
        bench = Workbench(store)
        bench.warm()
        assert bench._map_key() is None and bench._kept_map is None


def _no_selection(query: EventQuery) -> Any:
    raise AssertionError(f"the map should come from disk, not from selecting {query}")
