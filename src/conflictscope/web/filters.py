"""The map's filters: an `EventQuery` read from a query string, and written back as one.

The pages, their JSON twins and the exports select events with `conflictscope.query.select_events`,
as the CLI does, so they always agree.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict

from conflictscope.query import STATUSES, EventQuery, QueryError

_OFF = ("0", "off", "false", "no")
_PARAMETER_NAMES = {"event_type": "type", "radius_km": "radius"}   # EventQuery field -> parameter


def parse_query(params: Mapping[str, str]) -> EventQuery:
    """Read the filters from query parameters; empty values mean no filter."""
    def text(name: str) -> str | None:
        value = (params.get(name) or "").strip()
        return value or None

    radius_km = _radius(text("radius"))
    status = text("status")
    if status is not None and status not in (*STATUSES, "all"):
        raise QueryError(f"unknown status {status!r}. You can fix this by using one of: "
                         f"{', '.join(STATUSES)}, all")
    for name in ("since", "until"):
        value = text(name)
        if value is not None and not _looks_like_date(value):
            raise QueryError(f"{name} {value!r} is not a date. You can fix this by writing "
                             "it as YYYY-MM-DD (or YYYY-MM, YYYY)")
    return EventQuery(
        since=text("since"), until=text("until"), event_type=text("type"), actor=text("actor"),
        affiliated=text("affiliated") not in _OFF,
        place=text("place"), radius_km=radius_km, source=text("source"), status=status,
        background=text("background") not in _OFF,
    )


def to_params(query: EventQuery) -> dict[str, str]:
    """The filters as query parameters, only those set (the inverse of `parse_query`)."""
    found: dict[str, str] = {}
    for key, value in asdict(query).items():
        if key in ("affiliated", "background"):
            if not value:
                found[key] = "0"
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


def _looks_like_date(value: str) -> bool:
    parts = value.split("-")
    return 1 <= len(parts) <= 3 and all(p.isdigit() for p in parts) and len(parts[0]) == 4
