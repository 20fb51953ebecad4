"""The review queue: unreviewed events ordered by how much a reviewer should doubt them.

Signs of doubt, weighted by ``data/review/doubt.json``: low coder confidence, the coder's flags
(reports that disagree on fatalities, no date or place found, values inherited from elsewhere in
the report, a caption), the first sighting of an actor or a place in the selection, and an
approximate location. Pure functions over events; no I/O after the weights are loaded.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import ReferenceDataError, read_reference_json
from .models import Event

WEIGHTS = Path(__file__).resolve().parent / "data" / "review" / "doubt.json"
UNREVIEWED = "machine"


@dataclass(frozen=True)
class Doubt:
    """One event in the queue: how doubtful, and why."""

    event: Event
    score: float
    reasons: tuple[str, ...]


@lru_cache(maxsize=None)
def weights(path: Path = WEIGHTS) -> dict[str, Any]:
    """The weights of the signs of doubt, loaded and checked once."""
    raw: dict[str, Any] = read_reference_json(path, "doubt weights")
    numbers = ("low_confidence", "first_actor", "first_place", "approximate_place")
    if not all(isinstance(raw.get(k), (int, float)) for k in numbers) or not all(
            isinstance(raw.get(k), dict) for k in ("flags", "flag_reasons")):
        raise ReferenceDataError(f"doubt weights {path} lack a number in {numbers} or the flags tables. "
                                 "Restore the shipped file.")
    return raw


def doubt(event: Event, actors: Counter[str], places: Counter[str]) -> Doubt:
    """How doubtful one event is; `actors` and `places` count their events in the selection."""
    w = weights()
    score = w["low_confidence"] * (1.0 - max(0.0, min(1.0, event.confidence)))
    reasons = [f"confidence {event.confidence:.2f}"] if event.confidence < 0.6 else []
    for flag in event.flags:
        if flag in w["flags"]:
            score += w["flags"][flag]
            reasons.append(w["flag_reasons"].get(flag, flag))
    for name in (event.actor1, event.actor2):
        if name and actors[name] == 1:
            score += w["first_actor"]
            reasons.append(f"first sighting of {name}")
    if event.location and places[event.location] == 1:
        score += w["first_place"]
        reasons.append(f"first event at {event.location}")
    if (event.geo_precision or 1) >= 3:
        score += w["approximate_place"]
        reasons.append("location only approximate")
    return Doubt(event, round(score, 3), tuple(reasons))


def review_queue(events: Sequence[Event]) -> list[Doubt]:
    """The unreviewed events among `events`, most doubtful first (then by date, then id)."""
    actors = Counter(n for e in events for n in {e.actor1, e.actor2} if n)
    places = Counter(e.location for e in events if e.location)
    queue = [doubt(e, actors, places) for e in events if e.status == UNREVIEWED]
    return sorted(queue, key=lambda d: (-d.score, d.event.event_date or "9999", d.event.id))


def neighbours(queue: Sequence[Doubt], event_id: str) -> tuple[int | None, str | None, str | None]:
    """(position from 0 or None, previous id, next id) of an event in the queue.

    An event not in it (just reviewed, say) has no position; its next is the queue's first.
    """
    ids = [d.event.id for d in queue]
    if event_id not in ids:
        return None, None, ids[0] if ids else None
    i = ids.index(event_id)
    return i, ids[i - 1] if i > 0 else None, ids[i + 1] if i + 1 < len(ids) else None


__all__ = ["Doubt", "doubt", "neighbours", "review_queue", "weights"]
