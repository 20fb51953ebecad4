"""The map's filters: an `EventQuery` read from a query string, and written back as one.

The pages, their JSON twins and the exports select events with `conflictscope.query.select_events`,
as the CLI does, so they always agree.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict
from datetime import date

from conflictscope import codebook
from conflictscope.query import STATUSES, EventQuery, QueryError

_OFF = ("0", "off", "false", "no")
_MAX_SEARCH = 200   # characters in a free-text search
_PARAMETER_NAMES = {"event_type": "type", "radius_km": "radius", "text": "q", "model_proposals": "proposals"}   # EventQuery field -> parameter


def parse_query(params: Mapping[str, str]) -> EventQuery:
    """Read the filters from query parameters; empty values mean no filter."""
    def text(name: str) -> str | None:
        value = (params.get(name) or "").strip()
        return value or None

    radius_km = _radius(text("radius"))
    if len(text("q") or "") > _MAX_SEARCH:
        raise QueryError(f"the search q is {len(text('q') or ''):,} characters long, more than the {_MAX_SEARCH} "
                         "allowed. You can fix this by searching for a few words")
    status = text("status")
    if status is not None and status not in (*STATUSES, "all"):
        raise QueryError(f"unknown status {status!r}. You can fix this by using one of: "
                         f"{', '.join(STATUSES)}, all")
    since, until = _date(text("since"), "since"), _date(text("until"), "until")
    if since and until and since[:len(until)] > until[:len(since)]:
        raise QueryError(f"since {since} is after until {until}, so no event could match. You can fix this "
                         "by swapping the two dates")
    return EventQuery(
        since=since, until=until, event_type=_event_type(text("type")), actor=text("actor"),
        affiliated=text("affiliated") not in _OFF,
        place=text("place"), radius_km=radius_km, source=text("source"), status=status,
        background=text("background") not in _OFF, text=text("q"),
        model_proposals=text("proposals") not in _OFF,   # proposals=0 leaves out a learned model's proposals
    )


def to_params(query: EventQuery) -> dict[str, str]:
    """The filters as query parameters, only those set (the inverse of `parse_query`)."""
    found: dict[str, str] = {}
    for key, value in asdict(query).items():
        if key in ("affiliated", "background", "model_proposals"):
            if not value:
                found[_PARAMETER_NAMES.get(key, key)] = "0"
        elif value is not None:
            found[_PARAMETER_NAMES.get(key, key)] = f"{value:g}" if isinstance(value, float) else str(value)
    return found


def _radius(radius: str | None) -> float | None:
    if radius is None:
        return None
    try:
        radius_km = float(radius)
    except ValueError:
        raise QueryError(f"radius {radius!r} is not a number. You can fix this by giving "
                         "the radius in kilometres, e.g. radius=25") from None
    if radius_km < 0:
        raise QueryError(f"radius {radius!r} is negative. You can fix this by giving a "
                         "radius of 0 km or more")
    return radius_km


def _date(value: str | None, name: str) -> str | None:
    """A since/until value that is a day, month or year of the calendar (a prefix covers it all)."""
    if value is None:
        return None
    parts = value.split("-")
    fix = "You can fix this by writing it as YYYY-MM-DD (or YYYY-MM, YYYY), e.g. 2024-03-17"
    if not (1 <= len(parts) <= 3 and all(p.isdigit() for p in parts) and len(parts[0]) == 4
            and all(len(p) == 2 for p in parts[1:])):
        raise QueryError(f"{name} {value!r} is not a date. {fix}")
    try:
        date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)
    except ValueError:
        raise QueryError(f"{name} {value!r} is not a day of the calendar (month 01-12, a day the month has). "
                         f"{fix}") from None
    return value


def _event_type(value: str | None) -> str | None:
    """The event type filter, if the codebook knows it (any case)."""
    if value is None:
        return None
    names = codebook.load().type_names
    if value.casefold() not in {n.casefold() for n in names}:
        raise QueryError(f"type {value!r} is not an ACLED event type. You can fix this by using one of: "
                         f"{', '.join(names)}")
    return value
