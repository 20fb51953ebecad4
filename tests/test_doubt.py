"""The review queue: unreviewed events ordered by the signs of doubt, with the reasons."""
from __future__ import annotations

from conflictscope.doubt import doubt, neighbours, review_queue
from conflictscope.models import Event


def _event(event_id: str, **changes: object) -> Event:
    values: dict = dict(id=event_id, report_id="r", source_file="a.txt", event_type="Battles",
                        sub_event_type="Armed clash", disorder_type="Political violence", event_date="2024-03-17",
                        actor1="Known Brigade", actor2="Other Front", location="Hajin", confidence=0.9, geo_precision=1)
    values.update(changes)
    return Event(**values)


def test_doubt_orders_unreviewed_events_most_doubtful_first() -> None:
    events = [
        _event("calm"), _event("calm-2"),
        _event("unsure", confidence=0.3),
        _event("disputed", flags=["fatalities-differ", "date-unknown"], event_date=None),
        _event("new-actor", actor1="Brand New Group", location="Hajin"),
        _event("done", confidence=0.1, status="accepted"),
    ]
    queue = review_queue(events)
    assert [d.event.id for d in queue] == ["disputed", "unsure", "new-actor", "calm", "calm-2"]
    reasons = {d.event.id: d.reasons for d in queue}
    assert "the reports give different fatality figures" in reasons["disputed"]
    assert "confidence 0.30" in reasons["unsure"]
    assert reasons["new-actor"] == ("first sighting of Brand New Group",)
    assert "done" not in reasons   # reviewed events leave the queue


def test_doubt_first_place_and_approximate_location() -> None:
    from collections import Counter

    found = doubt(_event("e", location="Nowhere", geo_precision=3), Counter({"Known Brigade": 2, "Other Front": 2}),
                  Counter({"Nowhere": 1}))
    assert found.reasons == ("first event at Nowhere", "location only approximate")


def test_doubt_neighbours() -> None:
    queue = review_queue([_event("a", confidence=0.1), _event("b", confidence=0.5), _event("c", confidence=0.8)])
    assert neighbours(queue, "a") == (0, None, "b")
    assert neighbours(queue, "b") == (1, "a", "c")
    assert neighbours(queue, "c") == (2, "b", None)
    assert neighbours(queue, "gone") == (None, None, "a")
    assert neighbours([], "gone") == (None, None, None)


def test_views_duplicates_same_place_or_near_one_day_apart() -> None:
    from conflictscope.web.views import duplicates

    this = _event("this", event_date="2024-03-17", latitude=35.0, longitude=40.4)
    others = [
        _event("same", event_date="2024-03-17", latitude=35.0, longitude=40.4),
        _event("next-day-near", event_date="2024-03-18", location="Elsewhere", latitude=35.05, longitude=40.4),
        _event("far", event_date="2024-03-17", location="Elsewhere", latitude=36.0, longitude=40.4),
        _event("week-later", event_date="2024-03-24"),
        _event("rejected", status="rejected"),
        _event("undated", event_date=None),
        this,
    ]
    assert [e.id for e in duplicates(this, others)] == ["same", "next-day-near"]
    assert duplicates(_event("x", event_date=None), others) == []


def test_model_proposals_and_disputes_come_first_in_the_queue() -> None:
    events = [_event("calm"), _event("unsure", confidence=0.3),
              _event("proposed", flags=["model-proposed"], confidence=0.4),
              _event("disputed", flags=["model-disagrees"])]
    queue = review_queue(events)
    assert [d.event.id for d in queue][:2] == ["proposed", "disputed"]
    reasons = {d.event.id: d.reasons for d in queue}
    assert "proposed by a learned model where the rules found no event" in reasons["proposed"]
    assert "a learned model reads another event type in this sentence" in reasons["disputed"]
