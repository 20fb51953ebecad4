"""Records saved and read back equal the originals, field by field."""
from __future__ import annotations

import dataclasses
import itertools
import json
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conflictscope.models import TEXT_NAMED, CodedReport, Event, Evidence, Mention, Problem
from conflictscope.store import Store, rows

from .conftest import BACKENDS, make_coded, make_event, make_report, wiped_postgres


def test_store_report_roundtrip(store: Store) -> None:
    coded = make_coded()
    store.save_coded(coded)
    assert store.report("rep-1") == coded.report
    assert store.report("missing") is None
    assert store.has_report("rep-1") and not store.has_report("missing")
    assert store.report_count() == 1


def test_store_reports_listing_has_sources_but_no_text(store: Store) -> None:
    store.save_coded(make_coded("rep-1"))
    store.save_coded(make_coded("rep-2"))
    listed = store.reports()
    assert [r.id for r in listed] == ["rep-1", "rep-2"]
    assert listed[0] == dataclasses.replace(make_report("rep-1"), text="")


def test_store_event_roundtrip_with_evidence_and_flags(store: Store) -> None:
    coded = make_coded()
    store.save_coded(coded)
    original = coded.events[0]
    stored = store.event(original.id)
    assert stored is not None
    for f in dataclasses.fields(Event):
        assert getattr(stored, f.name) == getattr(original, f.name), f.name
    assert store.events() == [original]


def test_store_presence_mentions_affiliations_problems_roundtrip(store: Store) -> None:
    coded = make_coded()
    store.save_coded(coded)
    assert store.presence() == coded.presence
    assert store.presence(actor="Fatemiyoun") == coded.presence
    assert store.presence(actor="IRGC") == []
    assert store.mentions() == [("rep-1", m) for m in coded.mentions]
    assert store.mentions("place") == [("rep-1", coded.mentions[1])]
    assert store.mentions("actor", unresolved_only=True) == [("rep-1", coded.mentions[2])]
    assert store.affiliations() == [("rep-1", *coded.affiliations[0])]
    assert store.affiliations("IRGC") == [("rep-1", *coded.affiliations[0])]
    assert store.problems() == coded.problems


def test_store_record_problem_outside_a_report(store: Store) -> None:
    problem = Problem("broken.html", "ingest", "not UTF-8. You can fix this by --encoding=latin-1")
    store.record_problem(problem)
    assert store.problems() == [problem]
    assert store.problems("broken.html") == [problem]
    assert store.problems("other.txt") == []


def test_store_uncoded_report_is_stored_without_events(store: Store) -> None:
    report = make_report("rep-ar", language="ar")
    result = store.save_coded(CodedReport(report=report, coded=False))
    assert result.new_report and result.events_created == 0
    assert store.report("rep-ar") == report
    assert store.events() == []


# --- property: any Event survives the trip ---------------------------------------------------

_ids = itertools.count()
_text = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=40)  # NUL: below
_opt_text = st.none() | _text
_int = st.integers(min_value=-(2**31), max_value=2**31 - 1)   # INTEGER columns: 32-bit on PostgreSQL
_opt_int = st.none() | _int
_float = st.floats(allow_nan=False, allow_infinity=False)
_evidence = st.builds(Evidence, field=_text, value=_text, text=_text, start=_int, end=_int, origin=_text)


@st.composite
def _events(draw: st.DrawFn) -> Event:
    return Event(
        id=f"prop-{next(_ids)}-{draw(_text)}", report_id="prop-report",
        **{name: draw(_text) for name in (
            "source_file", "event_type", "sub_event_type", "disorder_type", "actor1", "assoc_actor_1",
            "actor2", "assoc_actor_2", "interaction", "civilian_targeting", "region", "country",
            "admin1", "admin2", "admin3", "location", "source", "source_scale", "notes", "tags",
            "evidence_text", "coder_version")},
        **{name: draw(_opt_int) for name in ("year", "time_precision", "inter1", "inter2", "iso", "geo_precision")},
        **{name: draw(_int) for name in ("fatalities", "evidence_start", "evidence_end")},
        event_date=draw(_opt_text), place_id=draw(_opt_text),
        latitude=draw(st.none() | _float), longitude=draw(st.none() | _float),
        confidence=draw(_float), background=draw(st.booleans()), caption=draw(st.booleans()),
        evidence=draw(st.lists(_evidence, max_size=4)),
        flags=draw(st.lists(_text, max_size=4)), explanation=draw(st.lists(_text, max_size=3)),
        status=draw(st.sampled_from(["machine", "accepted", "edited"])),
    )


@pytest.fixture(scope="module", params=BACKENDS)
def memory_store(request: pytest.FixtureRequest) -> Iterator[Store]:
    with Store.open("sqlite://" if request.param == "sqlite" else wiped_postgres()) as opened:
        yield opened


@pytest.mark.slow   # a property run: 75 generated events
@settings(max_examples=75, deadline=None)
@given(event=_events())
def test_store_event_roundtrip_property(memory_store: Store, event: Event) -> None:
    report = make_report(f"report-of-{event.id}")
    event = dataclasses.replace(event, report_id=report.id)
    memory_store.save_coded(CodedReport(report=report, events=[event]))
    assert memory_store.event(event.id) == event


def test_store_record_problem_twice_stores_it_once(store: Store) -> None:
    coded = make_coded()
    store.save_coded(coded)
    for p in coded.problems:   # the pipeline may also record the problems save_coded stored
        store.record_problem(p)
    store.record_problem(Problem("x.bin", "ingest", "binary file"))
    store.record_problem(Problem("x.bin", "ingest", "binary file"))
    assert store.problems() == coded.problems + [Problem("x.bin", "ingest", "binary file")]


def test_store_plain_matches_to_dict() -> None:
    coded = make_coded()
    assert rows.plain(coded) == json.loads(json.dumps(coded.to_dict()))


def test_store_nul_is_kept_as_replacement_character(store: Store) -> None:
    event = make_event(notes="bad\x00byte", flags=["x\x00"])
    report = make_report(text="odd\x00text")
    store.save_coded(CodedReport(report=report, events=[event]))
    assert store.report("rep-1").text == "odd\ufffdtext"
    stored = store.event("ev-1")
    assert stored.notes == "bad\ufffdbyte" and stored.flags == ["x\x00"]   # JSON keeps it escaped
    last = store.changes()[-1]["id"]
    recoded = CodedReport(report=report, events=[event], problems=[Problem("rep-1", "nlp", "slow")])
    store.save_coded(recoded)   # a new coding with the same event: nothing to log for it
    assert [c["entity"] for c in store.changes() if c["id"] > last] == ["report"]


def test_store_unresolved_mentions_include_groups_named_as_written(store: Store) -> None:
    """A group the coder named as written (no actor file holds it) is listed with the unresolved names, for a
    user to add to an actor file; a group an actor file resolves is not."""
    coded = make_coded()
    named = Mention("actor", "Falcons Brigade", 0, 15, "Falcons Brigade", f"resolve.actors.v1:{TEXT_NAMED}", 0.7)
    coded = dataclasses.replace(coded, mentions=[*coded.mentions, named])
    store.save_coded(coded)
    listed = [m for _, m in store.mentions("actor", unresolved_only=True)]
    assert named in listed and coded.mentions[2] in listed and coded.mentions[0] not in listed
