"""A save that fails midway leaves nothing of that report behind."""
from __future__ import annotations

import pytest

from conflictscope.errors import StoreError
from conflictscope.store import Store

from .conftest import make_coded, make_event


class Boom(RuntimeError):
    pass


def _fail(*args: object, **kwargs: object) -> None:
    raise Boom("disk on fire")


@pytest.mark.parametrize("step", ["_write_mentions", "_write_presence", "_write_events", "_write_problems"])
def test_store_failed_save_of_new_report_stores_nothing(
    store: Store, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    earlier = make_coded("rep-1")
    store.save_coded(earlier)
    before = (store.events(), store.reports(), store.presence(), store.mentions(), store.changes(), store.problems())
    monkeypatch.setattr(Store, step, _fail)
    with pytest.raises(Boom):
        store.save_coded(make_coded("rep-2", events=[make_event("ev-2", report_id="rep-2")]))
    assert not store.has_report("rep-2")
    assert store.event("ev-2") is None
    after = (store.events(), store.reports(), store.presence(), store.mentions(), store.changes(), store.problems())
    assert after == before
    assert store.report("rep-1") == earlier.report


def test_store_failed_recoding_keeps_the_previous_coding(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    store.save_coded(make_coded("rep-1"))
    before = (store.events(), store.mentions(), store.changes())
    monkeypatch.setattr(Store, "_write_problems", _fail)   # the last step: all else is written
    with pytest.raises(Boom):
        store.save_coded(make_coded("rep-1", events=[make_event(fatalities=10)], mentions=[]))
    assert (store.events(), store.mentions(), store.changes()) == before
    monkeypatch.undo()
    assert store.save_coded(make_coded("rep-1", events=[make_event(fatalities=10)])).events_updated == 1


def test_store_value_too_large_is_a_store_error_and_stores_nothing(store: Store) -> None:
    too_big = make_event("ev-big", "rep-big", fatalities=2**63)
    with pytest.raises(StoreError, match=r"rep-big.*Nothing of this report was stored"):
        store.save_coded(make_coded("rep-big", events=[too_big]))
    assert not store.has_report("rep-big") and store.events() == []
