"""Reading events back: filters, decisions on top, counts."""
from __future__ import annotations

import pytest

from conflictscope.errors import StoreError
from conflictscope.query import EventQuery
from conflictscope.store import Store

from .conftest import make_coded, make_event


@pytest.fixture
def filled(store: Store) -> Store:
    store.save_coded(make_coded("rep-1", events=[
        make_event("ev-a", "rep-1", event_date="2024-03-01"),
        make_event("ev-b", "rep-1", event_date="2024-03-20", event_type="Battles",
                   actor1="Military Forces of Syria (2024-)", actor2="Islamic State (Syria)",
                   assoc_actor_2="", location="Palmyra", admin1="Homs", place_id="ocha:C3000"),
        make_event("ev-c", "rep-1", event_date="2024-04-02", background=True),
        make_event("ev-d", "rep-1", event_date=None),
    ]))
    return store


@pytest.mark.parametrize(("filters", "expected"), [
    ({}, ["ev-a", "ev-b", "ev-c", "ev-d"]),
    ({"since": "2024-03-10"}, ["ev-b", "ev-c"]),
    ({"until": "2024-03"}, ["ev-a", "ev-b"]),
    ({"since": "2024-03-01", "until": "2024-03-01"}, ["ev-a"]),
    ({"event_type": "battles"}, ["ev-b"]),
    ({"actor": "islamic state"}, ["ev-b"]),
    ({"actor": "Civilians (Syria)"}, ["ev-a", "ev-c", "ev-d"]),
    ({"place": "homs"}, ["ev-b"]),
    ({"place": "ocha:C3000"}, ["ev-b"]),
    ({"source_file": "a.txt"}, ["ev-a", "ev-b", "ev-c", "ev-d"]),
    ({"source_file": "zzz.txt"}, []),
    ({"include_background": False}, ["ev-a", "ev-b", "ev-d"]),
    ({"limit": 2}, ["ev-a", "ev-b"]),
    ({"actor": "%"}, []),
])
def test_store_events_filters(filled: Store, filters: dict, expected: list[str]) -> None:
    assert [e.id for e in filled.events(**filters)] == expected


def test_store_decisions_apply_on_read(filled: Store) -> None:
    filled.add_decision("ev-a", "edit", field="sub_event_type", value="Armed clash", who="ana")
    filled.add_decision("ev-b", "reject", note="duplicate of ev-a")
    filled.add_decision("ev-c", "accept")
    assert [e.id for e in filled.events(event_type="Battles")] == ["ev-a"]
    assert filled.events(source_file="zzz.txt") == []   # an edited event still obeys other filters
    assert [e.id for e in filled.events()] == ["ev-a", "ev-c", "ev-d"]
    assert [(e.id, e.status) for e in filled.events(include_rejected=True)][:3] == [
        ("ev-a", "edited"), ("ev-b", "rejected"), ("ev-c", "accepted")]
    assert filled.event("ev-b").status == "rejected"
    logged = [(c["entity_id"], c["action"]) for c in filled.changes(entity="event")][-3:]
    assert logged == [("ev-a", "updated"), ("ev-b", "deleted"), ("ev-c", "updated")]
    decision = filled.decisions("ev-a")[0]
    assert (decision["action"], decision["field"], decision["value"], decision["who"]) == (
        "edit", "sub_event_type", "Armed clash", "ana")


def test_store_edit_values_take_the_field_type(filled: Store) -> None:
    filled.add_decision("ev-a", "edit", field="fatalities", value="7")
    filled.add_decision("ev-a", "edit", field="latitude", value="35.5")
    filled.add_decision("ev-a", "edit", field="background", value="yes")
    filled.add_decision("ev-a", "edit", field="event_date", value="")
    event = filled.event("ev-a")
    assert (event.fatalities, event.latitude, event.background, event.event_date) == (7, 35.5, True, None)


@pytest.mark.parametrize(("args", "kwargs", "message"), [
    (("ev-a", "approve"), {}, r"unknown decision 'approve'.*accept, edit"),
    (("ev-a", "edit"), {"field": "colour", "value": "red"}, r"cannot edit field 'colour'.*choosing one of"),
    (("ev-a", "edit"), {"field": "fatalities", "value": "many"}, r"fatalities of event ev-a to 'many'.*whole number"),
    (("ev-zzz", "accept"), {}, r"no event ev-zzz.*conflictscope events"),
])
def test_store_bad_decisions_say_how_to_fix(filled: Store, args: tuple, kwargs: dict, message: str) -> None:
    with pytest.raises(StoreError, match=message):
        filled.add_decision(*args, **kwargs)
    assert filled.decisions() == []


def test_store_actor_and_place_counts(filled: Store) -> None:
    filled.add_decision("ev-d", "reject")
    actors = dict(filled.actor_counts())
    assert actors["Unidentified Armed Group (Syria)"] == 2
    assert actors["Civilians (Syria)"] == 2
    assert actors["Islamic State (Syria)"] == 1
    assert filled.actor_counts()[0][1] == 2
    assert filled.place_counts() == [("Al Mayadin", 2), ("Palmyra", 1)]


@pytest.mark.parametrize(("query", "expected"), [
    (EventQuery(), ["ev-a", "ev-c", "ev-d"]),
    (EventQuery(status="all"), ["ev-a", "ev-b", "ev-c", "ev-d"]),
    (EventQuery(status="rejected"), ["ev-b"]),
    (EventQuery(status="accepted"), ["ev-c"]),
    (EventQuery(status="machine", background=False), ["ev-a", "ev-d"]),
    (EventQuery(since="2024-03", until="2024-03", status="all"), ["ev-a", "ev-b"]),
])
def test_store_find_events_applies_an_event_query(filled: Store, query: EventQuery, expected: list[str]) -> None:
    filled.add_decision("ev-b", "reject")
    filled.add_decision("ev-c", "accept")
    assert [e.id for e in filled.find_events(query)] == expected


def test_store_find_events_leaves_a_radius_to_select_events(filled: Store) -> None:
    with pytest.raises(ValueError, match=r"within 5 km of 'Palmyra'.*select_events"):
        filled.find_events(EventQuery(place="Palmyra", radius_km=5))
