"""Pure helpers that shape library records for the pages: highlighted text, the actor network,
histograms. No I/O; the templates escape every string they are given."""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from conflictscope.geo import haversine_km
from conflictscope.models import Actor, Affiliation, Event, Evidence

# The order fields are shown in on the event page.
EVENT_FIELDS = [
    "event_type", "sub_event_type", "disorder_type", "event_date", "time_precision", "actor1",
    "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "location", "admin1", "admin2", "admin3", "country", "iso", "region", "latitude", "longitude",
    "geo_precision", "place_id", "fatalities", "source", "source_scale", "notes", "tags", "background",
    "caption", "confidence",
]
# Evidence names some fields differently from the Event attribute they support.
_EVIDENCE_ALIASES = {"location": ("location", "place"), "event_date": ("event_date", "date"),
                     "sub_event_type": ("sub_event_type",), "actor1": ("actor1",), "actor2": ("actor2",)}


@dataclass
class Segment:
    """A stretch of report text and the highlights that cover it."""

    text: str
    marks: list[int] = field(default_factory=list)   # indexes into the evidence list
    fields: list[str] = field(default_factory=list)
    sentence: bool = False
    anchor: str | None = None                        # id of the first segment of a highlight


def evidence_in(text: str, evidence: Sequence[Evidence]) -> list[int]:
    """Indexes of the evidence items whose offsets point at their own words in `text`."""
    found = []
    for i, ev in enumerate(evidence):
        if 0 <= ev.start < ev.end <= len(text) and (not ev.text or text[ev.start:ev.end] == ev.text):
            found.append(i)
    return found


def segments(
    text: str, evidence: Sequence[Evidence], chosen: Sequence[int],
    sentences: Sequence[tuple[int, int]] = (), anchor_prefix: str = "ev",
) -> list[Segment]:
    """Cut `text` where highlights start and end, so each piece knows what covers it."""
    cuts = {0, len(text)}
    for i in chosen:
        cuts.update((evidence[i].start, evidence[i].end))
    for start, end in sentences:
        if 0 <= start < end <= len(text):
            cuts.update((start, end))
    ordered = sorted(cuts)
    found: list[Segment] = []
    anchored: set[int] = set()
    for lo, hi in zip(ordered, ordered[1:], strict=False):
        marks = [i for i in chosen if evidence[i].start <= lo and hi <= evidence[i].end]
        seg = Segment(
            text=text[lo:hi], marks=marks, fields=sorted({evidence[i].field for i in marks}),
            sentence=any(s <= lo and hi <= e for s, e in sentences),
        )
        first = [i for i in marks if i not in anchored]
        if first:
            seg.anchor = f"{anchor_prefix}-{first[0]}"
            anchored.update(first)
        found.append(seg)
    return found


def field_rows(event: Event) -> list[dict[str, Any]]:
    """Each shown field with its value and the indexes of the evidence behind it."""
    values = event.to_dict()
    rows = []
    for name in EVENT_FIELDS:
        names = _EVIDENCE_ALIASES.get(name, (name,))
        support = [i for i, ev in enumerate(event.evidence) if ev.field in names]
        rows.append({"name": name, "value": values.get(name), "evidence": support})
    shown = {n for name in EVENT_FIELDS for n in _EVIDENCE_ALIASES.get(name, (name,))}
    for i, ev in enumerate(event.evidence):
        if ev.field not in shown:
            rows.append({"name": ev.field, "value": ev.value, "evidence": [i], "derived": True})
            shown.add(ev.field)
    return rows


# --- actor network --------------------------------------------------------------------------

@dataclass
class Node:
    name: str
    x: float
    y: float
    role: str          # self | parent | unit | ally | claimed
    known: bool = True


@dataclass
class Edge:
    x1: float
    y1: float
    x2: float
    y2: float
    relation: str
    dashed: bool = False


NETWORK_WIDTH = 760
_MAX_ROW = 6


def _row(names: Sequence[str], y: float, x0: float, x1: float, role: str) -> list[Node]:
    shown = list(names)[:_MAX_ROW]
    step = (x1 - x0) / (len(shown) + 1)
    return [Node(n, x0 + step * (i + 1), y, role) for i, n in enumerate(shown)]


def actor_network(
    actor: Actor, ancestors: Sequence[str], units: Sequence[str],
    claims: Sequence[tuple[str, str, Affiliation]], known: set[str],
) -> dict[str, Any]:
    """A small layered drawing: parents above, the actor, its units below, allies to the side.

    Args:
        claims: (report id, actor, affiliation) as the store returns them.
    """
    # the chain of parents goes straight up, so long names never overlap
    chain = list(ancestors)[:3]
    centre_y = 50 + 65 * len(chain) + (20 if not chain else 0)
    centre = Node(actor.name, NETWORK_WIDTH / 2, centre_y, "self")
    parents = [Node(n, NETWORK_WIDTH / 2, centre_y - 65 * (i + 1), "parent") for i, n in enumerate(chain)]
    units_y = centre_y + 110
    below = _row(units, units_y, 40, NETWORK_WIDTH - 40, "unit")
    height = (units_y + 45) if below else (centre_y + 130)
    allies = [a for a in actor.affiliations if a.relation not in ("parent", "member_of")]
    ally_names = list(dict.fromkeys(a.actor for a in allies))
    side = [Node(n, NETWORK_WIDTH - 120, centre_y - 45 + i * 45, "ally") for i, n in enumerate(ally_names[:4])]
    claimed_names = []
    for _rid, subject, aff in claims:
        other = aff.actor if subject == actor.name else subject
        if other != actor.name and other not in claimed_names and other not in ally_names:
            claimed_names.append(other)
    left = [Node(n, 120, centre_y - 45 + i * 45, "claimed") for i, n in enumerate(claimed_names[:4])]
    edges = []
    for n in parents[:1]:
        edges.append(Edge(n.x, n.y, centre.x, centre.y, "parent"))
    for a, b in zip(parents, parents[1:], strict=False):
        edges.append(Edge(b.x, b.y, a.x, a.y, "parent"))
    for n in below:
        edges.append(Edge(centre.x, centre.y, n.x, n.y, "unit"))
    relation = {a.actor: a.relation for a in allies}
    for n in side:
        edges.append(Edge(centre.x, centre.y, n.x, n.y, relation.get(n.name, "ally")))
    for n in left:
        edges.append(Edge(centre.x, centre.y, n.x, n.y, "claimed", dashed=True))
    nodes = [centre, *parents, *below, *side, *left]
    for n in nodes:
        n.known = n.name in known
    height = max(height, max(n.y for n in nodes) + 40)
    return {"width": NETWORK_WIDTH, "height": height, "nodes": nodes, "edges": edges,
            "more_units": max(0, len(units) - _MAX_ROW), "more_parents": max(0, len(ancestors) - len(chain))}


# --- places ---------------------------------------------------------------------------------

# How an event comes to be counted under a place name, most specific first.
PLACE_MATCHES = {"town": "at the place itself", "admin3": "in the sub-district of that name (admin3)",
                 "admin2": "in the district of that name (admin2)", "admin1": "in the governorate of that name (admin1)",
                 "partial": "at a place whose name contains it"}


def place_match(event: Event, name: str) -> str:
    """Why an event is counted under `name`: the town itself, an admin area of that name, or a longer name."""
    wanted = name.casefold()
    if event.location.casefold() == wanted or event.place_id == name:
        return "town"
    for level in ("admin3", "admin2", "admin1"):
        if getattr(event, level).casefold() == wanted:
            return level
    return "partial"


def place_scope(events: Sequence[Event], name: str) -> list[dict[str, Any]]:
    """How many events each kind of match brings to a place page, in PLACE_MATCHES order."""
    counts = Counter(place_match(e, name) for e in events)
    return [{"match": k, "label": label, "events": counts[k]} for k, label in PLACE_MATCHES.items() if counts[k]]


# --- duplicates -----------------------------------------------------------------------------

DUPLICATE_KM = 10.0   # events this close, on the same or the next day, may be one event told twice


def duplicates(event: Event, others: Sequence[Event], limit: int = 3) -> list[Event]:
    """Events that may repeat `event`: one day apart at most, at the same place or within
    DUPLICATE_KM; the likeliest first (same type, same actor, same place, same day)."""
    if not event.event_date:
        return []
    day = _day(event.event_date)
    scored = []
    for other in others:
        if other.id == event.id or not other.event_date or other.status in ("rejected", "merged"):
            continue
        apart = _day(other.event_date)
        if day is None or apart is None or abs((apart - day).days) > 1:
            continue
        same_place = bool(event.location) and other.location.casefold() == event.location.casefold()
        if not same_place and not _near(event, other):
            continue
        score = (2 * (other.event_type == event.event_type) + (other.actor1 == event.actor1) + same_place
                 + (apart == day))
        scored.append((-score, other.event_date, other.id, other))
    return [found for *_key, found in sorted(scored, key=lambda t: t[:3])[:limit]]


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _near(a: Event, b: Event) -> bool:
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return False
    return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude) <= DUPLICATE_KM  # type: ignore[arg-type]


# --- time -----------------------------------------------------------------------------------

def monthly(dates: Sequence[str | None]) -> list[tuple[str, int]]:
    """Counts per month ("YYYY-MM"), every month from the first to the last included."""
    months = Counter(d[:7] for d in dates if d and len(d) >= 7)
    if not months:
        return []
    first, last = min(months), max(months)
    y, m = int(first[:4]), int(first[5:7])
    found = []
    while f"{y:04d}-{m:02d}" <= last:
        key = f"{y:04d}-{m:02d}"
        found.append((key, months.get(key, 0)))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return found


def bars(series: Sequence[tuple[str, int]], width: int = 760, height: int = 120) -> dict[str, Any]:
    """Bar positions for a small SVG histogram."""
    if not series:
        return {"width": width, "height": height, "bars": []}
    top = max(n for _, n in series) or 1
    step = min(width / len(series), 48.0)
    return {"width": width, "height": height, "bars": [
        {"x": i * step + 1, "w": max(step - 2, 1), "h": (height - 20) * n / top,
         "y": height - 16 - (height - 20) * n / top, "label": key, "n": n}
        for i, (key, n) in enumerate(series)
    ], "every": max(1, len(series) // 8)}
