"""The event page of an event that re-coding replaced says where its review went."""
from __future__ import annotations

from pathlib import Path

from conflictscope.store import Store

from .conftest import make_event, sample_reports


def test_event_fate_page_links_the_successor(db_path: Path, open_client) -> None:
    with Store.open(str(db_path)) as store:
        store.add_decision("ev-a", "edit", field="fatalities", value="4", who="ana")
        first = sample_reports()[0]
        first.events = [make_event("ev-a2", event_date="2024-03-15")] + first.events[1:]
        assert store.save_coded(first).decisions_moved == 1
    client = open_client(db_path)
    twin = client.get("/events/ev-a.json").json()
    assert twin["event"]["status"] == "deleted" and twin["fate"]["successor"] == "ev-a2"
    page = client.get("/events/ev-a")
    assert page.status_code == 200 and 'href="/events/ev-a2"' in page.text
    assert client.get("/events/ev-a2.json").json()["event"]["fatalities"] == 4
    assert "fate" not in client.get("/events/ev-b.json").json()
