"""The one event query: what the store leaves, `select_events` applies (actors' units, radius)."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from conflictscope.models import Actor, CodedReport, Event, Report
from conflictscope.query import EventQuery, QueryError, actor_names, involves, select_events
from conflictscope.store import Store

# Points about 0 km, 60 km and 220 km east of the centre (0, 0) along the equator.
def event(event_id: str, event_type: str, **values: Any) -> Event:
    return Event(id=event_id, report_id="r", source_file="r.txt", event_type=event_type, sub_event_type="",
                 disorder_type="", **values)


EVENTS = [
    event("ev-1", "Battles", event_date="2024-01-01", actor1="Parent Force", latitude=0.0, longitude=0.0),
    event("ev-2", "Battles", event_date="2024-01-02", actor1="Unit One",
          assoc_actor_1="Local Helpers; Other Group", latitude=0.0, longitude=0.54),
    event("ev-3", "Protests", event_date="2024-01-03", actor1="Protesters", latitude=0.0, longitude=1.98),
    event("ev-4", "Protests", event_date="2024-01-04", actor1="Protesters"),
]


class Registry:
    """Just what `actor_names` asks of an ActorRegistry."""

    def __init__(self) -> None:
        self.actors = {"Parent Force": Actor(name="Parent Force", inter=1, aliases=("PF",)),
                       "Unit One": Actor(name="Unit One", inter=1, parent="Parent Force")}

    def get(self, name: str) -> Actor | None:
        return self.actors.get(name)

    def __iter__(self) -> Iterator[Actor]:
        return iter(self.actors.values())

    def descendants(self, name: str) -> list[str]:
        return [a.name for a in self.actors.values() if a.parent == name]


@pytest.fixture(scope="module")
def store() -> Iterator[Store]:
    with Store.open("sqlite://") as opened:
        opened.save_coded(CodedReport(report=Report(id="r", text="t", source_file="r.txt"), events=EVENTS))
        yield opened


def ids(found: list[Event]) -> list[str]:
    return [e.id for e in found]


@pytest.mark.parametrize(("query", "expected"), [
    (EventQuery(), ["ev-1", "ev-2", "ev-3", "ev-4"]),
    (EventQuery(event_type="battles"), ["ev-1", "ev-2"]),
    (EventQuery(actor="parent force"), ["ev-1"]),          # no registry: the name as typed
    (EventQuery(place="0,0", radius_km=100), ["ev-1", "ev-2"]),
    (EventQuery(place="0,0", radius_km=0), ["ev-1"]),
    (EventQuery(place="0,0", radius_km=500, event_type="Protests"), ["ev-3"]),
])
def test_query_select_events_without_reference_data(store: Store, query: EventQuery, expected: list[str]) -> None:
    assert ids(select_events(store, query)) == expected


@pytest.mark.parametrize(("query", "expected"), [
    (EventQuery(actor="Parent Force"), ["ev-1", "ev-2"]),               # with its unit
    (EventQuery(actor="Parent Force", affiliated=False), ["ev-1"]),
    (EventQuery(actor="pf"), ["ev-1", "ev-2"]),                         # an alias
    (EventQuery(actor="other group"), ["ev-2"]),                        # not in the registry
])
def test_query_select_events_with_a_registry(store: Store, query: EventQuery, expected: list[str]) -> None:
    assert ids(select_events(store, query, registry=Registry())) == expected


def test_query_radius_around_a_named_place_uses_locate(store: Store) -> None:
    query = EventQuery(place="Somewhere", radius_km=100)
    assert ids(select_events(store, query, locate=lambda name: (0.0, 1.98))) == ["ev-3"]
    with pytest.raises(QueryError, match=r"no coordinates known for the place 'Somewhere'.*lat,lon"):
        select_events(store, query, locate=lambda name: None)
    with pytest.raises(QueryError, match="Somewhere"):
        select_events(store, query)


def test_query_actor_names_and_involves() -> None:
    assert actor_names("PF", None) == ["PF"]
    assert actor_names("PF", Registry()) == ["Parent Force", "Unit One", "PF"]
    assert actor_names("Parent Force", Registry(), affiliated=False) == ["Parent Force"]
    assert involves(EVENTS[1], ["helpers"]) and not involves(EVENTS[1], ["helpers; other"])


def test_query_include_hidden_follows_status() -> None:
    assert not EventQuery().include_hidden and not EventQuery(status="edited").include_hidden
    assert EventQuery(status="all").include_hidden and EventQuery(status="merged").include_hidden

