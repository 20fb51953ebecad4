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
])
def test_filters_bad_values_say_how_to_fix(params: dict[str, str], message: str) -> None:
    with pytest.raises(QueryError, match=message):
        parse_query(params)
