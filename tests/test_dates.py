"""The date core: one month table, one weekday table, real dates from parts, full date strings."""
from __future__ import annotations

import re

import pytest

from conflictscope.dates import (WEEKDAYS, make_date, match_date_segment, month_number, parse_date,
                                 parse_month_day, weekday_number)
from conflictscope.lexicon import section


@pytest.mark.parametrize(("name", "number"), [
    ("January", 1), ("jan", 1), ("Sept.", 9), ("sep", 9), ("SEPTEMBER", 9), ("May", 5), ("dec.", 12),
    ("Mayo", None), ("ſept", None), ("", None),
])
def test_dates_month_number(name, number):
    assert month_number(name) == number


def test_dates_every_month_form_the_patterns_read_has_a_number():
    header_month = section("dates").rx("month").pattern
    text_month = section("date_phrases", "dates").rx("month_name").pattern
    for name in section("dates").table("months"):
        assert re.fullmatch(header_month, name) and re.fullmatch(text_month, name.capitalize()), name


@pytest.mark.parametrize(("text", "number"), [
    ("last Friday night", 4), ("on MONDAY", 0), ("Sunday", 6), ("no day here", None),
])
def test_dates_weekday_number(text, number):
    assert weekday_number(text) == number


def test_dates_weekdays_start_on_monday():
    assert len(WEEKDAYS) == 7 and WEEKDAYS[0] == "monday" and WEEKDAYS[6] == "sunday"


@pytest.mark.parametrize(("parts", "iso"), [
    ((2024, 2, 29), "2024-02-29"), ((2023, 2, 29), None), ((2024, 13, 1), None), ((1899, 12, 31), None),
    ((2101, 1, 1), None), ((1900, 1, 1), "1900-01-01"),
])
def test_dates_make_date(parts, iso):
    assert make_date(*parts) == iso


@pytest.mark.parametrize(("text", "iso"), [
    ("21st of March, 2021", "2021-03-21"), ("Sep. 3, 2019", "2019-09-03"), ("13/12/2020", "2020-12-13"),
    ("12/13/2020", "2020-12-13"), ("5 Smarch 2024", None),
    # a long s matches "s" case-insensitively but is no month name: no date, and no crash
    ("5 ſept 2024", None),
])
def test_dates_parse_date(text, iso):
    assert parse_date(text) == iso


def test_dates_match_date_segment_keeps_the_label_and_the_span():
    segment = "  Updated: 3 June 2025 ."
    found = match_date_segment(segment)
    assert found is not None and (found.value, found.label) == ("2025-06-03", "updated")
    assert segment[found.start:found.end] == "Updated: 3 June 2025"


@pytest.mark.parametrize(("text", "month_day"), [
    ("Aug 18", (8, 18)), ("Feb. 29", (2, 29)), ("Feb 30", None), ("Aug 18 2022", None), ("ſep 5", None),
])
def test_dates_parse_month_day(text, month_day):
    assert parse_month_day(text) == month_day
