"""Re-saving a report: idempotent when nothing changed, logged when the coding changed."""
from __future__ import annotations

import dataclasses

from sqlalchemy import func, select

from conflictscope.store import SaveResult, Store, schema

from .conftest import make_coded, make_event


def _row_counts(store: Store) -> dict[str, int]:
    with store._engine.connect() as conn:
        return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                for t in schema.metadata.sorted_tables}


def _actions(store: Store, since_id: int = 0) -> list[tuple[str, str, str]]:
    return [(c["entity"], c["entity_id"], c["action"]) for c in store.changes() if c["id"] > since_id]


def test_store_save_same_coding_twice_changes_nothing(store: Store) -> None:
    coded = make_coded(events=[make_event("ev-1"), make_event("ev-2", event_type="Battles")])
    first = store.save_coded(coded)
    rows_before, changes_before = _row_counts(store), store.changes()
    second = store.save_coded(make_coded(events=[make_event("ev-1"), make_event("ev-2", event_type="Battles")]))
    assert first == SaveResult("rep-1", new_report=True, events_created=2)
    assert second == SaveResult("rep-1", new_report=False, events_unchanged=2, skipped=True)
    assert _row_counts(store) == rows_before
    assert store.changes() == changes_before
    assert rows_before["events"] == 2 and rows_before["evidence"] == 4 and rows_before["mentions"] == 3


def test_store_recoding_with_same_events_logs_no_event_change(store: Store) -> None:
    store.save_coded(make_coded())
    last = store.changes()[-1]["id"]
    changed = make_coded(mentions=[])   # a new coding, same events
    result = store.save_coded(changed)
    assert result.events_unchanged == 1 and not result.skipped
    assert _actions(store, last) == [("report", "rep-1", "updated")]
    assert store.mentions() == []


def test_store_recoding_logs_created_updated_deleted(store: Store) -> None:
    store.save_coded(make_coded(events=[make_event("ev-keep"), make_event("ev-change"), make_event("ev-drop")]))
    last = store.changes()[-1]["id"]
    recoded = make_coded(events=[
        make_event("ev-keep"),
        make_event("ev-change", fatalities=3, evidence=[]),
        make_event("ev-new", event_type="Battles"),
    ])
    result = store.save_coded(recoded)
    assert result == SaveResult("rep-1", new_report=False, events_created=1, events_updated=1,
                                events_unchanged=1, events_deleted=1)
    event_changes = [a for a in _actions(store, last) if a[0] == "event"]
    assert sorted(event_changes) == [
        ("event", "ev-change", "updated"), ("event", "ev-drop", "deleted"), ("event", "ev-new", "created")]
    updated = next(c for c in store.changes() if c["entity_id"] == "ev-change" and c["action"] == "updated")
    assert updated["detail"]["fields"] == {"fatalities": [2, 3]}
    assert store.event("ev-drop") is None
    assert store.event("ev-drop", include_deleted=True).status == "deleted"
    assert [e.id for e in store.events()] == ["ev-change", "ev-keep", "ev-new"]
    assert store.event("ev-change").evidence == []
    assert store.event("ev-change").fatalities == 3


def test_store_decisions_survive_recoding_and_orphans_are_listed(store: Store) -> None:
    store.save_coded(make_coded(events=[make_event("ev-1"), make_event("ev-2")]))
    edit = store.add_decision("ev-1", "edit", field="fatalities", value="5", note="hospital list", who="ana")
    orphan = store.add_decision("ev-2", "accept", who="ana")
    store.save_coded(make_coded(events=[make_event("ev-1", notes="re-coded notes")]))
    event = store.event("ev-1")
    assert event.fatalities == 5 and event.status == "edited" and event.notes == "re-coded notes"
    assert [d["id"] for d in store.decisions()] == [edit, orphan]
    assert [d["id"] for d in store.orphaned_decisions()] == [orphan]
    # the event comes back when a later coding produces it again; the decision re-attaches
    store.save_coded(make_coded(events=[make_event("ev-1", notes="re-coded notes"), make_event("ev-2")]))
    assert store.orphaned_decisions() == []
    assert store.event("ev-2").status == "accepted"
    assert store.changes(entity="event")[-1]["action"] == "created"


def test_store_event_from_two_reports_keeps_both_claims(store: Store) -> None:
    store.save_coded(make_coded("rep-1", events=[make_event("ev-shared", report_id="rep-1")]))
    other = make_event("ev-shared", report_id="rep-2", source_file="b.txt", fatalities=4,
                       evidence_text="Four were killed.")
    result = store.save_coded(make_coded("rep-2", events=[other]))
    assert result.events_updated == 1 and result.events_created == 0
    claims = store.event_reports("ev-shared")
    assert [(c["report_id"], c["fatalities"], c["primary"]) for c in claims] == [
        ("rep-1", 2, True), ("rep-2", 4, False)]
    event = store.event("ev-shared")
    assert event.report_id == "rep-1" and event.fatalities == 2
    assert len(event.evidence) == 4   # both reports' evidence, first claim first
    assert [e.id for e in store.events(source_file="b.txt")] == ["ev-shared"]
    # the first report drops the event: it lives on from the second report's claim
    store.save_coded(make_coded("rep-1", events=[]))
    event = store.event("ev-shared")
    assert event is not None and event.report_id == "rep-2" and event.fatalities == 4
    assert [c["report_id"] for c in store.event_reports("ev-shared")] == ["rep-2"]
    updated = store.changes(entity="event")[-1]
    assert updated["action"] == "updated" and updated["detail"]["claim"] == "withdrawn"
    assert updated["detail"]["fields"]["fatalities"] == [2, 4]


def test_store_duplicate_event_ids_in_one_report_keep_the_first_and_warn(store: Store) -> None:
    first, second = make_event("ev-1"), make_event("ev-1", fatalities=9)
    store.save_coded(make_coded(events=[first, second]))
    assert store.event("ev-1").fatalities == 2
    warnings = [p for p in store.problems() if p.stage == "store"]
    assert len(warnings) == 1 and "ev-1" in warnings[0].message


def test_store_changes_since_filters_by_time(store: Store) -> None:
    store.save_coded(make_coded())
    first_at = store.changes()[-1]["at"]
    store.save_coded(make_coded(events=[dataclasses.replace(make_event(), fatalities=7)]))
    later = store.changes(since=first_at)
    assert all(c["at"] >= first_at for c in later)
    assert ("event", "ev-1", "updated") in [(c["entity"], c["entity_id"], c["action"]) for c in later]
    assert store.changes(since="2999-01-01") == []
