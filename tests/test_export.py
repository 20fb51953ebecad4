"""Exports: CSV cells a spreadsheet would run as formulas are neutralised."""
from __future__ import annotations

import csv
import io

import pytest

from conflictscope.export import neutralise, write_acled_csv
from conflictscope.models import Event


@pytest.mark.parametrize(("value", "expected"), [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+1", "'+1"), ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"), ("\tcmd", "'\tcmd"), ("\rcmd", "'\rcmd"),
    ("Radwan Brigade", "Radwan Brigade"), ("a=b", "a=b"), ("", ""), (-3, -3), (35.5, 35.5), (None, None),
])
def test_export_neutralise(value: object, expected: object) -> None:
    assert neutralise(value) == expected


def test_export_acled_csv_neutralises_text_cells_not_numbers() -> None:
    event = Event(id="ev-1", report_id="r", source_file="=cmd|' /C calc'!A0", event_type="Battles",
                  sub_event_type="Armed clash", disorder_type="Political violence", event_date="2024-03-17",
                  actor1="@SUM(1+1)", notes="-2+3 killed", latitude=-12.5, longitude=-40.0)
    out = io.StringIO()
    write_acled_csv([event], out)
    row = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert (row["actor1"], row["notes"], row["source_file"]) == ("'@SUM(1+1)", "'-2+3 killed", "'=cmd|' /C calc'!A0")
    assert (row["latitude"], row["longitude"]) == ("-12.5", "-40.0")
