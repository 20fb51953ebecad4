"""The map's query string to an EventQuery and back."""
from __future__ import annotations

import pytest

from conflictscope.query import EventQuery, QueryError
from conflictscope.web.filters import parse_query, to_params


@pytest.mark.parametrize(("params", "expected"), [
    ({}, EventQuery()),
    ({"type": " Battles ", "actor": "", "radius": "2.5", "place": "Hajin"},
     EventQuery(event_type="Battles", place="Hajin", radius_km=2.5)),
    ({"affiliated": "0", "background": "no", "status": "all", "since": "2024-03"},
     EventQuery(affiliated=False, background=False, status="all", since="2024-03")),
    ({"q": " hospital figure "}, EventQuery(text="hospital figure")),
])
def test_filters_parse_and_write_back(params: dict[str, str], expected: EventQuery) -> None:
    query = parse_query(params)
    assert query == expected
    assert parse_query(to_params(query)) == query


@pytest.mark.parametrize(("params", "message"), [
    ({"radius": "far"}, r"radius 'far' is not a number.*radius=25"),
    ({"radius": "-1"}, r"radius '-1' is negative"),
    ({"status": "bogus"}, r"unknown status 'bogus'.*machine, accepted"),
    ({"since": "March"}, r"since 'March' is not a date.*YYYY-MM-DD"),
    ({"since": "2024-13-45"}, r"since '2024-13-45' is not a day of the calendar"),
    ({"until": "2024-02-30"}, r"until '2024-02-30' is not a day of the calendar"),
    ({"until": "2024-3-1"}, r"until '2024-3-1' is not a date"),
    ({"since": "2024-13"}, r"since '2024-13' is not a day of the calendar"),
    ({"type": "Foo"}, r"type 'Foo' is not an ACLED event type.*Battles"),
    ({"q": "x" * 201}, r"the search q is 201 characters long"),
    ({"since": "2024-05-01", "until": "2024-04-30"}, r"since 2024-05-01 is after until 2024-04-30.*swapping"),
    ({"since": "2024-05", "until": "2024-04-30"}, r"since 2024-05 is after until 2024-04-30"),
])
def test_filters_bad_values_say_how_to_fix(params: dict[str, str], message: str) -> None:
    with pytest.raises(QueryError, match=message):
        parse_query(params)


@pytest.mark.parametrize(("since", "until"), [("2024-03-15", "2024-03"), ("2024", "2024-01-01"), ("2024-03-01", "2024-03-01")])
def test_filters_since_within_until_is_fine(since: str, until: str) -> None:
    assert parse_query({"since": since, "until": until, "type": "battles"}).event_type == "battles"
