"""The review queue in the workbench: the list, walking it from event to event, moving on after a verdict."""
from __future__ import annotations

import re
from typing import Any

from .test_pages import BASE, token

Client = Any


def test_queue_lists_unreviewed_events_with_reasons(client: Client) -> None:
    data = client.get("/review.json").json()
    assert data["count"] == 4 and {q["id"] for q in data["queue"]} == {"ev-a", "ev-b", "ev-c", "ev-d"}
    assert all(q["url"].startswith(f"/events/{q['id']}?queue=1") for q in data["queue"])
    scores = [q["score"] for q in data["queue"]]
    assert scores == sorted(scores, reverse=True)
    battles = client.get("/review.json?type=Battles").json()
    assert {q["id"] for q in battles["queue"]} == {"ev-b", "ev-d"}
    assert all("type=Battles" in q["url"] for q in battles["queue"])
    page = client.get("/review").text
    assert 'id="queue-start"' in page and "Review queue" in page


def test_queue_event_page_walks_previous_and_next(client: Client) -> None:
    ids = [q["id"] for q in client.get("/review.json").json()["queue"]]
    second = client.get(f"/events/{ids[1]}?queue=1").text
    assert re.search(r'id="queue-position">2 of 4<', second)
    assert f'href="/events/{ids[0]}?queue=1"' in second and f'href="/events/{ids[2]}?queue=1"' in second
    assert 'name="queue_query" value="queue=1"' in second
    plain = client.get(f"/events/{ids[1]}").text
    assert 'id="queue-nav"' not in plain


def test_queue_verdict_moves_on_to_the_next_event(client: Client) -> None:
    ids = [q["id"] for q in client.get("/review.json").json()["queue"]]
    t = token(client)
    r = client.post(f"/events/{ids[0]}/decisions", headers={"Origin": BASE},
                    data={"action": "accept", "queue_query": "queue=1", "csrf_token": t})
    assert r.status_code == 303 and r.headers["location"] == f"/events/{ids[1]}?queue=1"
    assert [q["id"] for q in client.get("/review.json").json()["queue"]] == ids[1:]
    # an edit keeps the reviewer on the event page, with the queue's links
    r = client.post(f"/events/{ids[1]}/decisions", headers={"Origin": BASE},
                    data={"action": "edit", "field": "fatalities", "value": "3", "queue_query": "queue=1", "csrf_token": t})
    assert r.headers["location"] == f"/events/{ids[1]}?queue=1#review"
    # the last one: back to the (now empty) list
    for event_id in ids[2:]:
        client.post(f"/events/{event_id}/decisions", headers={"Origin": BASE},
                    data={"action": "reject", "queue_query": "queue=1", "csrf_token": t})
    assert client.get("/review.json").json()["count"] == 0


def test_possible_duplicates_offered_and_merged_with_one_click(client: Client) -> None:
    # ev-d (Al Bukamal, 2024-04-03, Battles) is one day and a kilometre from ev-b (2024-04-02)
    data = client.get("/events/ev-d.json").json()
    assert data["possible_duplicates"] == ["ev-b"]
    page = client.get("/events/ev-d").text
    form = re.search(r'<li data-event="ev-b">.*?</li>', page, re.S).group(0)
    assert 'name="action" value="merge"' in form and 'name="value" value="ev-b"' in form
    r = client.post("/events/ev-d/decisions", headers={"Origin": BASE},
                    data={"action": "merge", "value": "ev-b", "note": "duplicate of ev-b", "csrf_token": token(client)})
    assert r.status_code == 303
    assert client.get("/events/ev-d.json").json()["event"]["status"] == "merged"
    assert client.get("/events/ev-a.json").json()["possible_duplicates"] == []


def test_reviewer_name_from_serve_or_the_form(db_path: Any, open_client: Any) -> None:
    from conflictscope.web import create_app

    from .conftest import Client as AppClient

    app = create_app(str(db_path), reviewer="ana")
    c = AppClient(app)
    try:
        assert 'data-reviewer="ana"' in c.get("/events/ev-a").text
        t = token(c)
        c.post("/events/ev-a/decisions", headers={"Origin": BASE}, data={"action": "accept", "csrf_token": t})
        c.post("/events/ev-b/decisions", headers={"Origin": BASE},
               data={"action": "accept", "who": "bo", "csrf_token": t})
        who = {d["event_id"]: d["who"] for d in app.state.bench.store.decisions()}
        assert who == {"ev-a": "ana", "ev-b": "bo"}
    finally:
        c.close()
        app.state.bench.store.close()
