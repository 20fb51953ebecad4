"""One event query for the store, the CLI and the web UI.

`EventQuery` holds every filter a person can set. The store applies what SQL can (period, type,
one actor name, a place name, source file, background, review status: `Store.find_events`);
`select_events` resolves the rest with reference data (an actor with its aliases and affiliated
units, a place and a radius around it) and applies it to what the store returns, so the CLI, the
pages and their exports all select the same events. The CLI builds a query from its options, the
web UI from its query string (`conflictscope.web.filters`).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from conflictscope.geo import haversine_km, parse_point
from conflictscope.models import Event

if TYPE_CHECKING:
    from conflictscope.fuse import Fusion
    from conflictscope.resolve.actors import ActorRegistry
    from conflictscope.store import Store

# The review states of an event: the coder's output, then what the last decision left.
STATUSES = ("machine", "accepted", "edited", "rejected", "merged")
HIDDEN_STATUSES = frozenset({"rejected", "merged"})   # left out unless asked for by status


class QueryError(ValueError):
    """A filter value that cannot be used; the message says which and how to fix it."""


@dataclass(frozen=True)
class EventQuery:
    """Which events to select; None (or the default) leaves a filter out."""

    since: str | None = None       # ISO date, inclusive; a prefix ("2024-03") covers the month
    until: str | None = None
    event_type: str | None = None  # ACLED event type, any case
    actor: str | None = None       # part of an actor's name, any case
    affiliated: bool = True        # with the actor, its units (ActorRegistry.descendants)
    place: str | None = None       # part of a place name or a place id; the centre, with a radius
    radius_km: float | None = None
    source: str | None = None      # the report's file name
    status: str | None = None      # one of STATUSES, or "all"; None: every status not hidden
    background: bool = True
    model_proposals: bool = True   # False leaves out events a learned model proposed (flag "model-proposed")
    text: str | None = None        # words in the notes or the evidence, any case

    @property
    def include_hidden(self) -> bool:
        """Whether rejected and merged events may be selected."""
        return self.status in (*HIDDEN_STATUSES, "all")


def select_events(
    store: Store, query: EventQuery, *, registry: ActorRegistry | None = None,
    locate: Callable[[str], tuple[float, float] | None] | None = None,
) -> list[Event]:
    """The events that pass every filter of `query`, in the store's order (by date, undated last).

    Args:
        registry: with it, an actor is found by its aliases too and, when `query.affiliated`,
            with its units; without it, the actor is matched as typed.
        locate: the coordinates of a place name, used when a radius is given and the place is
            not "lat,lon".
    """
    names = actor_names(query.actor, registry, affiliated=query.affiliated) if query.actor else []
    centre = _centre(query, locate)
    found = store.find_events(replace(
        query,
        # one name goes to the store as it is; several (affiliated units) are matched below
        actor=names[0] if len(names) == 1 else None,
        place=query.place if centre is None else None,
        radius_km=None,
    ))
    if len(names) > 1:
        found = [e for e in found if involves(e, names)]
    if centre is not None:
        radius = query.radius_km or 0.0
        found = [e for e in found if e.latitude is not None and e.longitude is not None
                 and haversine_km(centre[0], centre[1], e.latitude, e.longitude) <= radius]
    return found


def fuse_stored(store: Store, events: list[Event]) -> "Fusion":
    """The incidents the events tell, fused across reports (`conflictscope.fuse`), with the reports
    they come from and the reviewers' decisions: an event merged into another (hidden from reads)
    joins it; an event split off stays alone."""
    from .fuse import fuse

    every = store.decisions()
    undone = {str(d["value"]) for d in every if d["action"] == "undo"}
    decisions = [d for d in every if str(d["id"]) not in undone]
    merged_into = {d["event_id"]: d["value"] for d in decisions if d["action"] == "merge" and isinstance(d["value"], str)}
    alone = {d["event_id"] for d in decisions if d["action"] == "split"}
    shown = {e.id for e in events}
    joined = [e for source, target in sorted(merged_into.items()) if target in shown and source not in shown
              and (e := store.event(source)) is not None]
    wanted = {e.report_id for e in events + joined}
    return fuse(events + joined, store.reports(with_text=True, ids=sorted(wanted)), merged_into, alone)


def _centre(
    query: EventQuery, locate: Callable[[str], tuple[float, float] | None] | None
) -> tuple[float, float] | None:
    """The centre of the radius: the place as "lat,lon", else located by name; None without a radius."""
    if not query.place or query.radius_km is None:
        return None
    centre = parse_point(query.place) or (locate(query.place) if locate else None)
    if centre is None:
        raise QueryError(f"no coordinates known for the place {query.place!r}. You can fix this by "
                         "choosing a place from the gazetteer, or giving 'lat,lon'")
    return centre


def actor_names(actor: str, registry: ActorRegistry | None, *, affiliated: bool = True) -> list[str]:
    """The actor, the words as typed and, when `affiliated`, the units that belong to it in the registry."""
    if registry is None:
        return [actor]
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


__all__ = ["EventQuery", "QueryError", "fuse_stored", "STATUSES", "HIDDEN_STATUSES", "actor_names", "involves",
           "select_events"]
