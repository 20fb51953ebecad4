"""Fusion over a store: reviewers split and merge incidents, undo that, and later reports join."""
from __future__ import annotations

from conflictscope.models import CodedReport, Event, Report
from conflictscope.query import fuse_stored
from conflictscope.store import Store

PLACES = {"Hajin": (34.6869, 40.8392), "Al-Asharah": (34.8211, 40.6267)}


def coded(rid: str, published: str, place: str, eid: str) -> CodedReport:
    lat, lon = PLACES[place]
    text = f"A drone struck a car near {place}, killing two men."
    event = Event(id=eid, report_id=rid, source_file=f"{rid}.txt", event_type="Explosions/Remote violence",
                  sub_event_type="Air/drone strike", disorder_type="Political violence", event_date="2024-03-11",
                  year=2024, time_precision=1, actor1="Unidentified Military Forces", location=place,
                  latitude=lat, longitude=lon, geo_precision=1, place_id=f"place:{place}", fatalities=2,
                  evidence_text=text, evidence_end=len(text))
    return CodedReport(report=Report(id=rid, text=text, source_file=f"{rid}.txt", published=published),
                       events=[event])


def incidents(store: Store) -> list[tuple[str, ...]]:
    return sorted(tuple(e.fused_from) for e in fuse_stored(store, store.events()).events)


def test_split_merge_undo_and_a_later_report(tmp_path):
    with Store.open(str(tmp_path / "f.db")) as store:
        store.save_coded(coded("r1", "2024-03-11", "Hajin", "ev-a"))
        store.save_coded(coded("r2", "2024-03-12", "Hajin", "ev-b"))
        store.save_coded(coded("r3", "2024-03-12", "Al-Asharah", "ev-c"))
        assert incidents(store) == [("ev-a", "ev-b"), ("ev-c",)]
        split = store.add_decision("ev-b", "split", who="analyst")
        assert incidents(store) == [("ev-a",), ("ev-b",), ("ev-c",)]
        store.add_decision("ev-b", "undo", value=split, who="analyst")
        assert incidents(store) == [("ev-a", "ev-b"), ("ev-c",)]
        store.add_decision("ev-c", "merge", value="ev-a", who="analyst")
        assert incidents(store) == [("ev-a", "ev-b", "ev-c")]
        store.save_coded(coded("r4", "2024-03-10", "Hajin", "ev-d"))   # an earlier-published report arrives
        [one] = fuse_stored(store, store.events()).events
        assert one.id == "ev-d" and one.fused_from == ["ev-d", "ev-a", "ev-b", "ev-c"]
