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
from datetime import date
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
    return _jaccard(words(a.evidence_text), words(b.evidence_text))


def _jaccard(wa: frozenset[str], wb: frozenset[str]) -> float:
    return len(wa & wb) / len(wa | wb) if wa and wb else 0.0


@lru_cache(maxsize=4096)
def _parse_day(text: str) -> date | None:
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def _day(e: Event) -> date | None:
    return _parse_day(e.event_date) if e.event_date else None


NEAR = "near"   # two places named apart, within the tolerance of the coarser precision


def _named(actor: str) -> bool:
    return bool(actor) and not actor.startswith(GENERIC_PREFIXES)


@lru_cache(maxsize=4096)
def _family(actor: str) -> str:
    """An actor as one perpetrator: a state's forces and government are the state; unit names their group."""
    if (m := STATE.match(actor)) is not None:
        return "state:" + m.group("country").strip()
    return actor.split(" (")[0].strip()


def _sides(e: Event) -> frozenset[str]:
    return _sides_of(e.actor1, e.actor2, e.assoc_actor_1, e.assoc_actor_2)


@lru_cache(maxsize=4096)
def _sides_of(actor1: str, actor2: str, assoc_1: str, assoc_2: str) -> frozenset[str]:
    """The perpetrators on either side of an event with these actors (events share their actors)."""
    names = [actor1, actor2, *assoc_1.split(";"), *assoc_2.split(";")]
    return frozenset(_family(n.strip()) for n in names if _named(n.strip()))


@dataclass(frozen=True)
class Facts:
    """What the pair rule asks of one event, worked out once per event rather than once per pair."""

    day: date | None
    time_precision: int
    inherited: bool               # the date was inherited from context: one day of slack
    point: tuple[float, float] | None
    geo_precision: int
    words: frozenset[str]
    family: str | None            # the first actor as one perpetrator; None when unnamed
    sides: frozenset[str]

    @classmethod
    def of(cls, e: Event) -> Facts:
        point = (e.latitude, e.longitude) if e.latitude is not None and e.longitude is not None else None
        return cls(_day(e), e.time_precision or 1, "date-inherited" in e.flags, point, e.geo_precision or 1,
                   words(e.evidence_text), _family(e.actor1) if _named(e.actor1) else None, _sides(e))


_DAY_WINDOW = {int(k): int(v) for k, v in SETTINGS["day_window"].items()}
_PLACE_KM = {int(k): float(v) for k, v in SETTINGS["place_km"].items()}


def _dates_agree(fa: Facts, fb: Facts) -> bool | None:
    """True or False where both are dated; None where one is not."""
    if fa.day is None or fb.day is None:
        return None
    window = _DAY_WINDOW[max(fa.time_precision, fb.time_precision)]
    if fa.inherited or fb.inherited:
        window += int(SETTINGS["inherited_day_slack"])
    return abs((fa.day - fb.day).days) <= window


def _places_agree(a: Event, b: Event, fa: Facts, fb: Facts) -> bool | str | None:
    """True for one place (the same, or two names within 3 km), NEAR for two named places within the
    coarser precision's tolerance, False beyond it, None where one has no place."""
    if fa.point is None or fb.point is None:
        return None
    if a.place_id and a.place_id == b.place_id:
        return True
    km = haversine_km(*fa.point, *fb.point)
    if km <= _PLACE_KM[1]:
        return True
    return NEAR if km <= _PLACE_KM[max(fa.geo_precision, fb.geo_precision)] else False


def _same_perpetrator(fa: Facts, fb: Facts) -> bool | None:
    """Whether the named first actors agree (one side of the other's event; arms of one state; a
    unit of the group): None where either is unnamed."""
    if fa.family is None or fb.family is None:
        return None
    x, y = fa.family, fb.family
    return x == y or x in fb.sides or y in fa.sides or x.startswith(y) or y.startswith(x)


def pair(a: Event, b: Event) -> Link | None:
    """The link between two events of different reports, None when they are two incidents."""
    return _link(a, b, Facts.of(a), Facts.of(b))


def _link(a: Event, b: Event, fa: Facts, fb: Facts) -> Link | None:
    """`pair`, with the events' facts worked out already. The cheap tests that most candidate pairs
    fail (dates, places) come first; every test is pure, so their order changes no result."""
    if a.report_id == b.report_id or a.event_type != b.event_type:
        return None
    dates = _dates_agree(fa, fb)
    if dates is False:
        return None
    places = _places_agree(a, b, fa, fb)
    if places is False:
        return None
    text = _jaccard(fa.words, fb.words)
    similar = text >= float(SETTINGS["similar_text"])
    if (dates is None or places is None) and not similar:
        return None
    contradictions = []
    agree = _same_perpetrator(fa, fb)
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


def candidate_pairs(events: Sequence[Event]) -> Iterable[tuple[Event, Event]]:
    """Pairs worth testing: the same type, dates within the window of the coarser time precision
    (found by bisection in per-precision date lists; with a day of slack where either date was
    inherited), coordinates within reach (`REACH_DEGREES`); undated events meet every event of
    their type."""
    return ((a, b) for a, b, _, _ in _candidates(events, {e.id: Facts.of(e) for e in events}))


def _candidates(events: Sequence[Event], facts: Mapping[str, Facts]) -> Iterable[tuple[Event, Event, Facts, Facts]]:
    """`candidate_pairs`, each with the two events' facts."""
    slack = int(SETTINGS["inherited_day_slack"])
    by_type: dict[tuple[str, int], list[tuple[int, str, Event, Facts]]] = {}
    undated: dict[str, list[Event]] = {}
    for e in sorted(events, key=lambda e: e.id):
        f = facts[e.id]
        if f.day is None:
            undated.setdefault(e.event_type, []).append(e)
        else:
            by_type.setdefault((e.event_type, f.time_precision), []).append((f.day.toordinal(), e.id, e, f))
    for group in by_type.values():
        group.sort(key=lambda x: (x[0], x[1]))
    for (etype, p), group in sorted(by_type.items()):
        for (etype2, q), other in sorted(by_type.items()):
            if etype2 == etype and q >= p:
                yield from _dated_pairs(group, other, _DAY_WINDOW[max(p, q)], slack, same=p == q)
    for etype, loose in sorted(undated.items()):
        dated = [x[2] for (t, _), group in sorted(by_type.items()) if t == etype for x in group]
        for i, a in enumerate(loose):
            yield from ((a, b, facts[a.id], facts[b.id]) for b in loose[i + 1:] + dated)


def _dated_pairs(group: Sequence[tuple[int, str, Event, Facts]], other: Sequence[tuple[int, str, Event, Facts]],
                 window: int, slack: int, *, same: bool) -> Iterable[tuple[Event, Event, Facts, Facts]]:
    """Pairs of a dated group (one type and time precision) and another (or itself, when `same`):
    dates within the window (with the slack where either date was inherited), from different
    reports, within reach. Days are ordinals. This is the innermost loop of fusion, hence the
    inlined tests."""
    days = [x[0] for x in other]
    reach = window + slack
    for i, (day, _, a, fa) in enumerate(group):
        lo = i + 1 if same else bisect.bisect_left(days, day - reach)
        pa, ra = fa.point, a.report_id
        for day_b, _, b, fb in other[lo:bisect.bisect_right(days, day + reach)]:
            if b.report_id == ra or (abs(day_b - day) > window and not (fa.inherited or fb.inherited)):
                continue
            pb = fb.point
            if pa is None or pb is None or (abs(pa[0] - pb[0]) <= REACH_DEGREES
                                            and abs(pa[1] - pb[1]) <= 2 * REACH_DEGREES):
                yield a, b, fa, fb


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
    testable = [e for e in events if e.id not in alone]
    for a, b, fa, fb in _candidates(testable, {e.id: Facts.of(e) for e in testable}):
        if (link := _link(a, b, fa, fb)) is not None:
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
