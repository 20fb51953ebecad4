"""Review edits checked against the codebook: what is refused, why, and what follows an edit."""
from __future__ import annotations

import dataclasses
import time
from datetime import date
from pathlib import Path

import pytest

from conflictscope.edits import EDITABLE_FIELDS, check_edit, country_shape, derive, outside_country
from conflictscope.errors import ReferenceDataError, ReviewError
from conflictscope.models import Event

TODAY = date(2025, 1, 10)


def _event(**changes: object) -> Event:
    values: dict = dict(id="ev-1", report_id="rep-1", source_file="a.txt", event_type="Battles",
                        sub_event_type="Armed clash", disorder_type="Political violence", event_date="2024-03-17",
                        year=2024, time_precision=1, actor1="Radwan Brigade", inter1=2, inter2=1,
                        interaction="12", latitude=35.0, longitude=40.4, geo_precision=1, fatalities=2)
    values.update(changes)
    return Event(**values)


@pytest.mark.parametrize(("field", "value", "message"), [
    ("event_date", "yesterday", r"'yesterday' is not a date.*YYYY-MM-DD"),
    ("event_date", "2024-02-30", r"2024-02-30 is not a day of the calendar"),
    ("event_date", "2030-01-01", r"2030-01-01 is in the future"),
    ("event_date", "2024-3-1", r"not a date"),
    ("event_type", "Foo", r"'Foo' is not an ACLED event type.*Battles"),
    ("event_type", "Protests", r"sub-event type 'Armed clash' does not belong to 'Protests'.*Peaceful protest"),
    ("sub_event_type", "Skirmish", r"'Skirmish' is not an ACLED sub-event type"),
    ("latitude", "95", r"latitude 95.0 is out of range.*-90 to 90"),
    ("longitude", "-180.5", r"longitude -180.5 is out of range"),
    ("latitude", "nan", r"latitude takes a number"),
    ("fatalities", "-3", r"fatalities -3 is out of range.*from 0"),
    ("fatalities", "2.5", r"fatalities takes a whole number"),
    ("fatalities", "many", r"fatalities takes a whole number"),
    ("geo_precision", "9", r"geo_precision 9 is not a codebook code.*1 \(the named town\)"),
    ("time_precision", "0", r"time_precision 0 is not a codebook code"),
    ("inter1", "9", r"inter1 9 is not an inter code.*8 \(External/Other forces\)"),
    ("inter2", "zz", r"inter2 takes a whole number"),
    ("actor1", "  ", r"actor1 cannot be empty"),
    ("civilian_targeting", "maybe", r"civilian_targeting 'maybe' is not allowed"),
    ("confidence", "1.5", r"confidence 1.5 is out of range"),
    ("notes", "x" * 5001, r"notes is 5,001 characters long, more than the 5,000 allowed"),
    ("location", "x" * 301, r"more than the 300 allowed"),
    ("interaction", "zz", r"interaction follows inter1 or inter2.*editing inter1 or inter2"),
    ("year", "2023", r"year follows event_date"),
    ("disorder_type", "Demonstrations", r"disorder_type follows event_type"),
    ("status", "accepted", r"not an editable field"),
    ("colour", "red", r"not an editable field"),
])
def test_edits_refused_with_the_field_and_the_fix(field: str, value: str, message: str) -> None:
    with pytest.raises(ReviewError, match=message) as caught:
        check_edit(_event(), field, value, today=TODAY)
    assert caught.value.field == field


def test_edits_date_not_after_the_report_was_published() -> None:
    with pytest.raises(ReviewError, match=r"2024-03-20 is after the report was published \(2024-03-18\)"):
        check_edit(_event(), "event_date", "2024-03-20", published="2024-03-18T09:00:00", today=TODAY)
    assert check_edit(_event(), "event_date", "2024-03-18", published="2024-03-18", today=TODAY) == "2024-03-18"


@pytest.mark.parametrize(("field", "value", "expected"), [
    ("event_date", " 2024-02-29 ", "2024-02-29"),
    ("event_date", "", None),
    ("event_type", "Battles", "Battles"),
    ("sub_event_type", "Peaceful protest", "Peaceful protest"),
    ("latitude", "-90", -90.0),
    ("longitude", 180, 180.0),
    ("fatalities", "0", 0),
    ("fatalities", 7.0, 7),
    ("geo_precision", "3", 3),
    ("inter2", "", None),
    ("inter1", "8", 8),
    ("background", "yes", True),
    ("civilian_targeting", "Civilian targeting", "Civilian targeting"),
    ("actor2", "", ""),
])
def test_edits_accepted_take_the_field_type(field: str, value: object, expected: object) -> None:
    assert check_edit(_event(), field, value, today=TODAY) == expected


def test_edits_derived_fields_follow_the_edit() -> None:
    moved = derive(_event(event_date="2023-12-31", sub_event_type="Peaceful protest", inter1=6, inter2=None),
                   {"event_date", "sub_event_type", "inter1", "inter2"})
    assert (moved.year, moved.event_type, moved.disorder_type, moved.interaction) == (
        2023, "Protests", "Demonstrations", "60")
    undated = derive(_event(event_date=None), {"event_date"})
    assert undated.year is None
    # fields not edited keep the machine's values
    assert derive(_event(interaction="xx"), {"notes"}).interaction == "xx"


def test_edits_derived_and_provenance_fields_are_not_editable() -> None:
    assert {"year", "disorder_type", "interaction", "status", "report_id", "evidence"}.isdisjoint(EDITABLE_FIELDS)
    assert {"event_type", "event_date", "latitude", "fatalities", "notes", "actor1"} <= EDITABLE_FIELDS


def test_edits_coordinates_outside_the_named_country_are_flagged() -> None:
    inside = derive(_event(country="Syria", latitude=35.3, longitude=40.1), {"latitude"})
    assert "coordinates-outside-country" not in inside.flags
    moved = derive(_event(country="Syria", latitude=33.3, longitude=44.4, flags=["caption"]), {"longitude"})
    assert moved.flags == ["caption", "coordinates-outside-country"]
    back = derive(dataclasses.replace(moved, longitude=40.1, latitude=35.3), {"longitude", "latitude"})
    assert back.flags == ["caption"]
    # a country without a known outline, or no coordinates: nothing to say
    assert derive(_event(country="", latitude=0.0, longitude=0.0), {"latitude"}).flags == []
    assert derive(_event(country="Syria", latitude=None), {"latitude"}).flags == []


# Each point lies inside the named country's bounding box; only its outline tells them apart.
@pytest.mark.parametrize(("country", "lat", "lon", "outside", "why"), [
    ("Syria", 32.34, 36.21, True, "Mafraq: 15 km south of the border, in Jordan"),
    ("Syria", 33.04, 40.28, True, "Rutba: the western Iraqi desert, 100 km from Syria"),
    ("Syria", 37.07, 37.38, True, "Gaziantep, in Turkey"),
    ("Syria", 34.44, 35.85, True, "Tripoli, in Lebanon"),
    ("Jordan", 32.62, 36.10, True, "Daraa, in Syria: the same border seen from the other side"),
    ("Syria", 32.62, 36.10, False, "Daraa, next to the Jordanian border"),
    ("Syria", 34.45, 40.92, False, "Albu Kamal, on the Iraqi border"),
    ("Syria", 36.82, 38.01, False, "Jarabulus, on the Turkish border"),
    ("Turkey", 36.83, 38.00, False, "Karkamis, across the river from Jarabulus"),
    ("Syria", 35.52, 35.78, False, "Latakia: the coast lies inside the tolerance, not inside the simplified line"),
    ("Iraq", 34.38, 40.98, False, "Al-Qaim, on the Syrian border"),
    ("Atlantis", 32.34, 36.21, False, "a country without an outline: nothing to say"),
])
def test_edits_outside_country_follows_the_outline_not_the_box(country: str, lat: float, lon: float,
                                                               outside: bool, why: str) -> None:
    assert outside_country(_event(country=country, latitude=lat, longitude=lon)) is outside, why


def test_edits_outside_country_is_quick_once_the_outline_is_read() -> None:
    event = _event(country="Syria", latitude=32.34, longitude=36.21)
    outside_country(event)
    started = time.perf_counter()
    for _ in range(100):
        outside_country(event)
    assert (time.perf_counter() - started) / 100 < 0.002


def test_edits_country_outlines_malformed_say_how_to_restore_them(tmp_path: Path) -> None:
    broken = tmp_path / "outlines.tsv"
    broken.write_text("# outlines\nSY {not a tab}\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=r"line 2 .* is not CODE<TAB>GeoJSON.*build_country_shapes"):
        country_shape("SY", broken)
    broken.write_text("SY\t{\"type\": \"Polygon\", \"coordinates\": 7}\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=r"the outline of SY .* is not a GeoJSON geometry"):
        country_shape("SY", broken)
    assert country_shape("XX", broken) is None
