"""Which events of different reports tell one incident: the pair rule and the clusters it makes.

Two events of different reports are one incident when all hold:
  - the same event type (a clash and a strike the same night near one town stay two);
  - dates within the window of the coarser time precision (`day_window`: the same day for two
    day-precise dates; one day more when either date was inherited from context), or either undated
    and the evidence similar;
  - one place (the same, or names within 3 km), or two places within the tolerance of the coarser
    geo precision (`place_km`) when the named perpetrators agree or the evidence is similar (so
    strikes on two villages named apart stay two), or either unplaced and the evidence similar;
  - named perpetrators that agree (either side of the other's event, arms of one state, a unit of
    the group), or evidence similar enough that the disagreement is a contradiction to review
    rather than another incident.
The pair's score is the similarity of the two evidence texts (shared content words, Jaccard) plus
0.25 for the same place and 0.25 for the same first actor. Clusters are built by complete linkage:
pairs are taken best score first (ties by event id), and two clusters join only when every pair
across them passes the rule and no report would tell two of its events as one. The order in which
reports were ingested therefore changes nothing. Reviewers' decisions come first: an event split
off stays alone; an event merged into another joins it.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Iterable, Mapping, Sequence

from .. import lexicon
from ..geo import haversine_km
from ..models import Event

LEX = lexicon.section("fusion", "fusion")
SETTINGS = LEX.table("settings")
STOP = LEX.words("stop_words")
STATE = LEX.rx("state_forces")
WORD = re.compile(r"[^\W\d_]{3,}|\d+")
GENERIC_PREFIXES = ("Unidentified", "Civilians", "Protesters", "Rioters")


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


@lru_cache(maxsize=65536)
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


NEAR = "near"   # two places named apart, within the tolerance of the coarser precision


def _places_agree(a: Event, b: Event) -> bool | str | None:
    """True for one place (the same, or two names within 3 km), NEAR for two named places within the
    coarser precision's tolerance, False beyond it, None where one has no place."""
    if a.latitude is None or b.latitude is None or a.longitude is None or b.longitude is None:
        return None
    if a.place_id and a.place_id == b.place_id:
        return True
    km = haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)
    if km <= float(SETTINGS["place_km"]["1"]):
        return True
    return NEAR if km <= float(SETTINGS["place_km"][str(max(a.geo_precision or 1, b.geo_precision or 1))]) else False


def _named(actor: str) -> bool:
    return bool(actor) and not actor.startswith(GENERIC_PREFIXES)


def _family(actor: str) -> str:
    """An actor as one perpetrator: a state's forces and government are the state; unit names their group."""
    if (m := STATE.match(actor)) is not None:
        return "state:" + m.group("country").strip()
    return actor.split(" (")[0].strip()


def _sides(e: Event) -> set[str]:
    names = [e.actor1, e.actor2, *e.assoc_actor_1.split(";"), *e.assoc_actor_2.split(";")]
    return {_family(n.strip()) for n in names if _named(n.strip())}


def _same_perpetrator(a: Event, b: Event) -> bool | None:
    """Whether the named first actors agree (one side of the other's event; arms of one state; a
    unit of the group): None where either is unnamed."""
    if not (_named(a.actor1) and _named(b.actor1)):
        return None
    fa, fb = _family(a.actor1), _family(b.actor1)
    return fa == fb or fa in _sides(b) or fb in _sides(a) or fa.startswith(fb) or fb.startswith(fa)


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
    agree = _same_perpetrator(a, b)
    if agree is False:
        if not similar:
            return None
        contradictions.append(f"actor1: {a.actor1} / {b.actor1}")
    if places == NEAR:
        if not (similar or agree):
            return None   # two places named apart: one incident only with the same named perpetrator or alike accounts
        contradictions.append(f"place: {a.location} / {b.location}")
    if a.sub_event_type != b.sub_event_type:
        contradictions.append(f"sub_event_type: {a.sub_event_type} / {b.sub_event_type}")
    same_place = bool(a.place_id and a.place_id == b.place_id)
    same_actor = bool(agree)
    score = round(text + 0.25 * same_place + 0.25 * same_actor, 4)
    reasons = [f"same type {a.event_type}", "dates agree" if dates else "one undated, similar evidence",
               {True: "same place", NEAR: "places near each other"}.get(places, "one unplaced, similar evidence"),
               f"evidence similarity {text:.2f}"]
    return Link(score, tuple(reasons), tuple(contradictions))


REACH_DEGREES = 1.0   # wider than any place tolerance (60 km is about 0.55 degrees of latitude)


def _within_reach(a: Event, b: Event) -> bool:
    """A cheap bound before the distance: unplaced events, or coordinates less than a degree apart."""
    if a.latitude is None or b.latitude is None or a.longitude is None or b.longitude is None:
        return True
    return abs(a.latitude - b.latitude) <= REACH_DEGREES and abs(a.longitude - b.longitude) <= 2 * REACH_DEGREES


def candidate_pairs(events: Sequence[Event]) -> Iterable[tuple[Event, Event]]:
    """Pairs worth testing: the same type, dates within the window of the coarser time precision
    (found by bisection in per-precision date lists); undated events meet every event of their type."""
    slack = int(SETTINGS["inherited_day_slack"])
    by_type: dict[tuple[str, int], list[tuple[date, str, Event]]] = {}
    undated: dict[str, list[Event]] = {}
    for e in sorted(events, key=lambda e: e.id):
        if (day := _day(e)) is None:
            undated.setdefault(e.event_type, []).append(e)
        else:
            by_type.setdefault((e.event_type, e.time_precision or 1), []).append((day, e.id, e))
    for group in by_type.values():
        group.sort(key=lambda x: (x[0], x[1]))
    for (etype, p), group in sorted(by_type.items()):
        for (etype2, q), other in sorted(by_type.items()):
            if etype2 != etype or q < p:
                continue
            window = timedelta(days=int(SETTINGS["day_window"][str(max(p, q))]) + slack)
            days = [x[0] for x in other]
            for i, (day, _, a) in enumerate(group):
                lo = bisect.bisect_left(days, day - window) if p != q else i + 1
                for _, _, b in other[lo:bisect.bisect_right(days, day + window)]:
                    if a.report_id != b.report_id and _within_reach(a, b):
                        yield a, b
    for etype, loose in sorted(undated.items()):
        dated = [x[2] for (t, _), group in sorted(by_type.items()) if t == etype for x in group]
        for i, a in enumerate(loose):
            yield from ((a, b) for b in loose[i + 1:] + dated)


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
        # an event a reviewer merged in rides with the event it was merged into: it is not re-tested
        if all(tuple(sorted((m.id, n.id))) in links for m in cx.members for n in cy.members
               if m.id not in merged_into and n.id not in merged_into):
            join(x, y)
    return [c.members for c in clusters.values()], links


__all__ = ["pair", "cluster", "Link", "similarity", "candidate_pairs"]
