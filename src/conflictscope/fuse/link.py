"""Which events of different reports tell one incident: the pair rule and the clusters it makes.

Two events of different reports are one incident when all hold:
  - the same event type (a clash and a strike the same night near one town stay two);
  - dates within the window of the coarser time precision (`day_window`: the same day for two
    day-precise dates; one day more when either date was inherited from context), or either undated
    and the evidence similar;
  - places within the tolerance of the coarser geo precision (`place_km`: 3 km for two towns, so
    strikes on two villages named apart stay two), or either unplaced and the evidence similar;
  - named perpetrators that agree, or evidence similar enough that the disagreement is a
    contradiction to review rather than another incident.
The pair's score is the similarity of the two evidence texts (shared content words, Jaccard) plus
0.25 for the same place and 0.25 for the same first actor. Clusters are built by complete linkage:
pairs are taken best score first (ties by event id), and two clusters join only when every pair
across them passes the rule and no report would tell two of its events as one. The order in which
reports were ingested therefore changes nothing. Reviewers' decisions come first: an event split
off stays alone; an event merged into another joins it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Iterable, Mapping, Sequence

from .. import lexicon
from ..geo import haversine_km
from ..models import Event

LEX = lexicon.section("fusion", "fusion")
SETTINGS = LEX.table("settings")
STOP = LEX.words("stop_words")
WORD = re.compile(r"[^\W\d_]{3,}|\d+")
GENERIC_PREFIXES = ("Unidentified", "Civilians", "Protesters", "Rioters")
BLOCK_DAYS = 31


@dataclass(frozen=True)
class Link:
    """Why two events are one incident."""

    score: float
    reasons: tuple[str, ...]
    contradictions: tuple[str, ...] = ()


@dataclass
class Cluster:
    members: list[Event] = field(default_factory=list)
    reports: set[str] = field(default_factory=set)


def words(text: str) -> frozenset[str]:
    return frozenset(w for w in WORD.findall(text.lower()) if w not in STOP)


def similarity(a: Event, b: Event) -> float:
    wa, wb = words(a.evidence_text), words(b.evidence_text)
    return len(wa & wb) / len(wa | wb) if wa and wb else 0.0


def _day(e: Event) -> date | None:
    try:
        return date.fromisoformat(e.event_date[:10]) if e.event_date else None
    except ValueError:
        return None


def _dates_agree(a: Event, b: Event) -> bool | None:
    """True or False where both are dated; None where one is not."""
    da, db = _day(a), _day(b)
    if da is None or db is None:
        return None
    window = int(SETTINGS["day_window"][str(max(a.time_precision or 1, b.time_precision or 1))])
    if "date-inherited" in a.flags or "date-inherited" in b.flags:
        window += int(SETTINGS["inherited_day_slack"])
    return abs((da - db).days) <= window


def _places_agree(a: Event, b: Event) -> bool | None:
    if a.latitude is None or b.latitude is None or a.longitude is None or b.longitude is None:
        return None
    if a.place_id and a.place_id == b.place_id:
        return True
    km = float(SETTINGS["place_km"][str(max(a.geo_precision or 1, b.geo_precision or 1))])
    return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude) <= km


def _named(actor: str) -> bool:
    return bool(actor) and not actor.startswith(GENERIC_PREFIXES)


def pair(a: Event, b: Event) -> Link | None:
    """The link between two events of different reports, None when they are two incidents."""
    if a.report_id == b.report_id or a.event_type != b.event_type:
        return None
    text = similarity(a, b)
    similar = text >= float(SETTINGS["similar_text"])
    dates, places = _dates_agree(a, b), _places_agree(a, b)
    if dates is False or places is False or ((dates is None or places is None) and not similar):
        return None
    contradictions = []
    if _named(a.actor1) and _named(b.actor1) and a.actor1 != b.actor1 and a.actor1 not in b.assoc_actor_1 \
            and b.actor1 not in a.assoc_actor_1:
        if not similar:
            return None
        contradictions.append(f"actor1: {a.actor1} / {b.actor1}")
    if a.sub_event_type != b.sub_event_type:
        contradictions.append(f"sub_event_type: {a.sub_event_type} / {b.sub_event_type}")
    same_place = bool(a.place_id and a.place_id == b.place_id)
    same_actor = bool(a.actor1 and a.actor1 == b.actor1)
    score = round(text + 0.25 * same_place + 0.25 * same_actor, 4)
    reasons = [f"same type {a.event_type}", "dates agree" if dates else "one undated, similar evidence",
               "places agree" if places else "one unplaced, similar evidence", f"evidence similarity {text:.2f}"]
    return Link(score, tuple(reasons), tuple(contradictions))


def candidate_pairs(events: Sequence[Event]) -> Iterable[tuple[Event, Event]]:
    """Pairs worth testing: the same type, dates at most a month apart (undated events meet all)."""
    by_type: dict[str, list[Event]] = {}
    for e in events:
        by_type.setdefault(e.event_type, []).append(e)
    for group in by_type.values():
        dated = sorted((e for e in group if _day(e)), key=lambda e: (_day(e), e.id))
        undated = [e for e in group if not _day(e)]
        for i, a in enumerate(dated):
            for b in dated[i + 1:]:
                if (_day(b) - _day(a)).days > BLOCK_DAYS:
                    break
                yield a, b
        for i, a in enumerate(undated):
            for b in group:
                if b is not a and (_day(b) or b.id > a.id):
                    yield a, b


def cluster(events: Sequence[Event], merged_into: Mapping[str, str] | None = None,
            alone: Iterable[str] = ()) -> tuple[list[list[Event]], dict[tuple[str, str], Link]]:
    """Events grouped into incidents, and the links that joined them (keyed by the pair of ids, sorted)."""
    merged_into = dict(merged_into or {})
    alone = set(alone)
    clusters = {e.id: Cluster([e], {e.report_id}) for e in events}
    home = {e.id: e.id for e in events}

    def join(x: str, y: str) -> None:
        cx, cy = home[x], home[y]
        if cx == cy:
            return
        keep, gone = sorted((cx, cy))
        clusters[keep].members += clusters[gone].members
        clusters[keep].reports |= clusters[gone].reports
        for m in clusters.pop(gone).members:
            home[m.id] = keep

    for source, target in sorted(merged_into.items()):   # reviewers' merges first
        if source in home and target in home:
            join(source, target)
    links: dict[tuple[str, str], Link] = {}
    for a, b in candidate_pairs([e for e in events if e.id not in alone]):
        if (link := pair(a, b)) is not None:
            links[tuple(sorted((a.id, b.id)))] = link
    for (x, y), _ in sorted(links.items(), key=lambda kv: (-kv[1].score, kv[0])):
        cx, cy = clusters[home[x]], clusters[home[y]]
        if home[x] == home[y] or cx.reports & cy.reports:
            continue
        if all(tuple(sorted((m.id, n.id))) in links for m in cx.members for n in cy.members):
            join(x, y)
    return [c.members for c in clusters.values()], links


__all__ = ["pair", "cluster", "Link", "similarity", "candidate_pairs"]
