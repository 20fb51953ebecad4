"""Cross-report fusion (stage `fuse.v1`): many reports, one event.

Every report's events are stored as it told them. Reading them, fusion groups the events that tell
one incident (`link`: a pair rule and complete-linkage clusters, independent of the order reports
came in), recognises republished copies (`copies`), and makes one event per incident (`combine`):
the earliest claim's id and values, ACLED's fatality figure with the low and high beside it, the
reports behind it and the number of independent origins. Nothing is written: a new report joins
the incidents it tells the next time events are read, and reviewers' merges and splits (decisions
on the per-report events, which survive re-coding) are applied first.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Iterable, Mapping, Sequence

from ..models import Event, Report
from .combine import ORIGIN, claims_of, fuse_one
from .copies import find_copies
from .link import SETTINGS, cluster


@dataclass
class Fusion:
    """The incidents of a set of events."""

    events: list[Event]                      # one per incident, fused
    copy_of: dict[str, str]                  # report id -> the report it republishes
    groups: list[tuple[Event, list[Event]]] = field(default_factory=list)   # each fused event and its members
    reports: dict[str, Report] = field(default_factory=dict)

    @cached_property
    def claims(self) -> list[Event]:
        """One per incident and report, under the incident's id (made when asked: exports of claims)."""
        return [c for one, members in self.groups for c in claims_of(one, members, self.reports, self.copy_of)]


def fuse(events: Sequence[Event], reports: Iterable[Report], merged_into: Mapping[str, str] | None = None,
         alone: Iterable[str] = ()) -> Fusion:
    """Fuse events of different reports that tell one incident.

    Args:
        reports: the reports the events come from (publication dates, publishers, cited sources, texts).
        merged_into: reviewers' merges, event id -> the event it was merged into.
        alone: events a reviewer split off: never fused with another.
    """
    by_id = {r.id: r for r in reports}
    copy_of = find_copies(list(by_id.values()), int(SETTINGS["shingle_words"]), float(SETTINGS["copy_containment"]),
                          int(SETTINGS["copy_days"]))
    groups, links = cluster(events, merged_into, alone)
    made = [(fuse_one(members, links, by_id, copy_of), members) for members in groups]
    order = {e.id: i for i, e in enumerate(events)}
    made.sort(key=lambda pair: order.get(pair[0].id, len(order)))   # the order events were asked in
    return Fusion([one for one, _ in made], copy_of, made, by_id)


__all__ = ["fuse", "Fusion", "ORIGIN"]
