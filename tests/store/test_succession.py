"""Review that survives re-coding: a decision follows its event to the successor, or is orphaned
loudly; stores made before reports had an identity are adopted, not duplicated."""
from __future__ import annotations

import dataclasses

from sqlalchemy import update

from conflictscope.ingest.identity import legacy_report_id, report_identity
from conflictscope.store import Store
from conflictscope.store.schema import reports
from conflictscope.store.succession import successor

from .conftest import make_coded, make_event


def test_succession_decision_moves_to_the_event_with_a_new_date(store: Store) -> None:
    store.save_coded(make_coded(events=[make_event("ev-tue")]))
    decision = store.add_decision("ev-tue", "edit", field="fatalities", value="7", who="ana")
    moved = make_event("ev-sun", event_date="2024-03-15", fatalities=2,
                       evidence_text=make_event().evidence_text.replace("attacked", "raided"))
    result = store.save_coded(make_coded(events=[moved]))
    assert result.decisions_moved == 1 and result.orphaned == ()
    assert [d["id"] for d in store.decisions("ev-sun")] == [decision]
    event = store.event("ev-sun")
    assert event.fatalities == 7 and event.status == "edited"      # the human value wins
    assert store.event("ev-tue") is None
    fate = store.event_fate("ev-tue")
    assert fate["action"] == "succeeded" and fate["successor"] == "ev-sun" and fate["decisions"] == [decision]
    assert store.orphaned_decisions() == []


def test_succession_chain_is_followed_to_the_event_that_exists(store: Store) -> None:
    store.save_coded(make_coded(events=[make_event("ev-a")]))
    store.add_decision("ev-a", "accept")
    store.save_coded(make_coded(events=[make_event("ev-b", event_date="2024-03-16")]))
    store.save_coded(make_coded(events=[make_event("ev-c", event_date="2024-03-15")]))
    fate = store.event_fate("ev-a")
    assert fate["successor"] == "ev-c" and fate["via"] == ["ev-b"]
    assert store.event("ev-c").status == "accepted"


def test_succession_sentence_gone_orphans_the_decision_and_says_so(store: Store) -> None:
    store.save_coded(make_coded(events=[make_event("ev-1")]))
    decision = store.add_decision("ev-1", "reject", note="duplicate", who="ana")
    other = make_event("ev-9", evidence_text="A convoy of trucks crossed the border at dawn on Friday.")
    result = store.save_coded(make_coded(events=[other]))
    assert result.decisions_moved == 0 and len(result.orphaned) == 1
    [problem] = [p for p in store.problems() if p.stage == "review"]
    assert problem.severity == "warning" and "ev-1" in problem.message and str(decision) in problem.message
    assert "You can fix this" in problem.message
    assert store.event("ev-9").status == "machine"                 # not given someone else's decision
    fate = store.event_fate("ev-1")
    assert fate["action"] == "orphaned" and "sentence" in fate["reason"]
    assert [d["id"] for d in store.orphaned_decisions()] == [decision]


def test_succession_prefers_the_same_sentence_then_the_nearest_date() -> None:
    old = make_event("ev-old", event_date="2024-03-17")
    far = make_event("ev-far", event_date="2024-01-01")
    near = make_event("ev-near", event_date="2024-03-16")
    elsewhere = make_event("ev-x", evidence_text="Protesters gathered outside the governor's office.")
    assert successor(old, [far, near, elsewhere]).id == "ev-near"
    assert successor(old, [elsewhere]) is None
    assert successor(old, [near, far]) == successor(old, [far, near])   # order does not decide


def test_succession_an_event_both_codings_tell_succeeds_no_other(store: Store) -> None:
    store.save_coded(make_coded(events=[make_event("ev-1"), make_event("ev-2", event_date="2024-03-10")]))
    store.add_decision("ev-2", "accept")
    result = store.save_coded(make_coded(events=[make_event("ev-1")]))
    assert result.decisions_moved == 0 and len(result.orphaned) == 1
    assert store.event("ev-1").status == "machine"
    assert [p.stage for p in store.problems()].count("review") == 1
    # the edit undone: the event comes back with its decision, and the orphan problem goes
    store.save_coded(make_coded(events=[make_event("ev-1"), make_event("ev-2", event_date="2024-03-10")]))
    assert store.event("ev-2").status == "accepted"
    assert [p.stage for p in store.problems()].count("review") == 0


def test_succession_legacy_row_is_adopted_by_its_file(store: Store) -> None:
    coded = make_coded()
    coded = dataclasses.replace(coded, report=dataclasses.replace(coded.report, url=None))
    text = coded.report.text
    legacy = legacy_report_id(None, text)
    old = dataclasses.replace(coded, report=dataclasses.replace(coded.report, id=legacy),
                              events=[make_event(report_id=legacy)])
    store.save_coded(old)
    with store._write() as conn:     # as schema 0001 stored it: no identity
        conn.execute(update(reports).values(identity=None))
    identity = report_identity(None, "north/a.txt")
    fresh = dataclasses.replace(coded.report, id="r-new", identity=identity, text=text)
    assert store.stored_id(fresh) == legacy
    edited = dataclasses.replace(fresh, text=text + " More was said.")
    assert store.stored_id(edited) == legacy                      # same path and file name
    moved = dataclasses.replace(edited, path="/elsewhere/a.txt")
    assert store.stored_id(moved) == "r-new"                      # neither its old text nor its old path
    store.save_coded(dataclasses.replace(old, report=dataclasses.replace(fresh, id=legacy)))
    copy = dataclasses.replace(fresh, id="r-copy", identity=report_identity(None, "south/a.txt"))
    assert store.stored_id(copy) == "r-copy"                     # adopted once; a copy is its own report
    assert store.stored_id(dataclasses.replace(fresh, text="other")) == legacy   # now by identity
    assert store.report_count() == 1

