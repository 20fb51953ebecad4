"""The map's filters: parsed from a query string, applied through the store and the registry.

What the store can filter (period, type, source, background) it does; the rest (an actor with
its affiliated units, a place with a radius, a review status) is applied here to the events it
returns, so the web pages and their exports always agree.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass

from conflictscope.geo import haversine_km, parse_point
from conflictscope.models import Event
from conflictscope.resolve.actors import ActorRegistry
from conflictscope.store import Store

STATUSES = ("machine", "accepted", "edited", "rejected", "merged")
_HIDDEN = ("rejected", "merged")


class FilterError(ValueError):
    """A filter value that cannot be used; the message says which and how to fix it."""


@dataclass(frozen=True)
class EventFilter:
    """The filters of the map page, as given in its query string."""

    since: str | None = None
    until: str | None = None
    event_type: str | None = None
    actor: str | None = None
    affiliated: bool = True        # with the actor, its units (ActorRegistry.descendants)
    place: str | None = None
    radius_km: float | None = None
    source: str | None = None      # the report's file name
    status: str | None = None      # one of STATUSES, or "all"; None: every status not hidden
    background: bool = True

    @classmethod
    def from_query(cls, query: Mapping[str, str]) -> EventFilter:
        """Read the filters from query parameters; empty values mean no filter."""
        def text(name: str) -> str | None:
            value = (query.get(name) or "").strip()
            return value or None

        radius = text("radius")
        radius_km: float | None = None
        if radius is not None:
            try:
                radius_km = float(radius)
            except ValueError:
                raise FilterError(f"radius {radius!r} is not a number. You can fix this by giving "
                                  "the radius in kilometres, e.g. radius=25") from None
            if radius_km < 0:
                raise FilterError(f"radius {radius!r} is negative. You can fix this by giving a "
                                  "radius of 0 km or more")
        status = text("status")
        if status is not None and status not in (*STATUSES, "all"):
            raise FilterError(f"unknown status {status!r}. You can fix this by using one of: "
                              f"{', '.join(STATUSES)}, all")
        for name in ("since", "until"):
            value = text(name)
            if value is not None and not _looks_like_date(value):
                raise FilterError(f"{name} {value!r} is not a date. You can fix this by writing "
                                  "it as YYYY-MM-DD (or YYYY-MM, YYYY)")
        return cls(
            since=text("since"), until=text("until"), event_type=text("type"), actor=text("actor"),
            affiliated=text("affiliated") not in ("0", "off", "false", "no"),
            place=text("place"), radius_km=radius_km, source=text("source"), status=status,
            background=text("background") not in ("0", "off", "false", "no"),
        )

    def to_query(self) -> dict[str, str]:
        """The filters as query parameters, only those set (the inverse of `from_query`)."""
        names = {"event_type": "type", "radius_km": "radius"}
        found: dict[str, str] = {}
        for key, value in asdict(self).items():
            if key in ("affiliated", "background"):
                if not value:
                    found[key] = "0"
            elif value is not None:
                found[names.get(key, key)] = f"{value:g}" if isinstance(value, float) else str(value)
        return found


def _looks_like_date(value: str) -> bool:
    parts = value.split("-")
    return 1 <= len(parts) <= 3 and all(p.isdigit() for p in parts) and len(parts[0]) == 4


def actor_names(actor: str, registry: ActorRegistry, *, affiliated: bool = True) -> list[str]:
    """The actor, the words as typed and, when `affiliated`, the units that belong to it in the registry."""
    known = registry.get(actor)
    if known is None:
        lowered = actor.lower()
        known = next((a for a in registry if a.name.lower() == lowered
                      or any(alias.lower() == lowered for alias in a.aliases)), None)
    if known is None:
        return [actor]
    # the words typed stay a name too: an alias may belong to several actors ("Islamic State")
    names = [known.name, *(registry.descendants(known.name) if affiliated else [])]
    return names + ([actor] if actor.lower() != known.name.lower() else [])


def involves(event: Event, names: list[str]) -> bool:
    """Whether any of `names` (any case, part of a name) is among the event's actors."""
    fields = [event.actor1, event.actor2, *event.assoc_actor_1.split(";"), *event.assoc_actor_2.split(";")]
    lowered = [f.strip().lower() for f in fields if f.strip()]
    return any(n.lower() in f for n in names for f in lowered)






def select_events(
    store: Store, registry: ActorRegistry, f: EventFilter,
    locate: Callable[[str], tuple[float, float] | None],
) -> list[Event]:
    """The events that pass every filter, in the store's order (by date, undated last).

    Args:
        locate: the coordinates of a place name (gazetteer), used when a radius is given.
    """
    names = actor_names(f.actor, registry, affiliated=f.affiliated) if f.actor else []
    centre: tuple[float, float] | None = None
    if f.place and f.radius_km is not None:
        centre = parse_point(f.place) or locate(f.place)
        if centre is None:
            raise FilterError(f"no coordinates known for the place {f.place!r}. You can fix this by "
                              "choosing a place from the gazetteer, or giving 'lat,lon'")
    found = store.events(
        since=f.since, until=f.until, event_type=f.event_type,
        # one name goes to the store as it is; several (affiliated units) are matched below
        actor=names[0] if len(names) == 1 else None,
        place=f.place if centre is None else None,
        source_file=f.source, include_background=f.background,
        include_rejected=f.status in (*_HIDDEN, "all"),
    )
    if len(names) > 1:
        found = [e for e in found if involves(e, names)]
    if centre is not None:
        radius = f.radius_km or 0.0
        found = [e for e in found if e.latitude is not None and e.longitude is not None
                 and haversine_km(centre[0], centre[1], e.latitude, e.longitude) <= radius]
    if f.status not in (None, "all"):
        found = [e for e in found if e.status == f.status]
    return found
