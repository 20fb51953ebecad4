"""What the event coder holds while it reads one report: the context and the events under construction."""
from __future__ import annotations

import bisect
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from spacy.tokens import Doc, Span

from ... import codebook as cb
from ...codebook import Inter
from ...geo import haversine_km
from ...models import Actor, Evidence, Mention, Place, Report
from ...resolve.dates import DateMention
from ...theatre import Theatre
from ..fatalities import FatalityReader
from .lexicon import Lexicon, Trigger

ORIGIN = "extract.events.v1"
Deaths = tuple[int, str, int, int, str]   # count, words, start, end, rule


class ActorLookup(Protocol):
    actors: Mapping[str, Actor]

    def get(self, name: str) -> Actor | None: ...

    def choose(self, names: Sequence[str], country: str | None, date: str | None) -> str | None: ...

    def named_by(self, text: str) -> list[str]: ...


class PlaceLookup(Protocol):
    def get(self, place_id: str) -> Place | None: ...


@dataclass
class Candidate:
    """An event under construction, before merging."""

    trigger: Trigger
    sentence: Span
    trig_start: int
    trig_end: int
    event_type: str
    sub_event_type: str
    actor1: list[Mention] = field(default_factory=list)
    actor2: list[Mention] = field(default_factory=list)
    actor1_default: str = ""
    unnamed_attacker: Mention | None = None   # "shot by a man": an armed person the registry names a civilian
    actor2_default: str = ""
    implied: dict[str, tuple[int, int, str]] = field(default_factory=dict)   # role -> words that imply its default, rule
    place: Mention | None = None
    place_explicit: bool = False
    date: DateMention | None = None
    date_explicit: bool = False
    deaths: list[Deaths] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    explanation: list[str] = field(default_factory=list)
    background: bool = False
    history: bool = False        # told as history (over a year before publication): not coded
    caption: bool = False
    scope: tuple[int, int] | None = None   # its own clause, in a sentence of several acts (its parties, place, deaths)
    confidence: float = 0.5
    proposal: tuple[str, float] | None = None   # proposed by a learned model: its class and probability
    dispute: tuple[str, float] | None = None    # a learned model's confident reading of another type


def _start(item: Any) -> int:
    return item.start


@dataclass
class Context:
    """What the coder knows about one report while it reads it."""

    report: Report
    doc: Doc
    actors: list[Mention]
    places: list[Mention]
    dates: list[DateMention]
    registry: ActorLookup
    gazetteer: PlaceLookup
    lexicon: Lexicon
    fatality_reader: FatalityReader
    country_iso: str | None
    published: date | None
    theatre: Theatre

    def in_span(self, items: Sequence[Any], start: int, end: int) -> list[Any]:
        """The items (sorted by start, as the context holds them) inside [start, end), found by
        bisection so reading a long report sentence by sentence stays near-linear."""
        first = bisect.bisect_left(items, start, key=_start)
        last = bisect.bisect_right(items, end, lo=first, key=_start)
        return [m for m in items[first:last] if m.end <= end]

    def inter(self, name: str) -> int | None:
        """The inter code of a registry actor, None when the name is not in the registry."""
        actor = self.registry.get(name)
        return actor.inter if actor else None

    def inter_of(self, m: Mention) -> int:
        """The inter code of a resolved mention, 0 when unknown."""
        actor = self.registry.get(m.resolved or "")
        return actor.inter if actor is not None else 0

    def is_civilian(self, m: Mention) -> bool:
        return self.inter_of(m) == Inter.CIVILIANS

    def is_unarmed(self, m: Mention) -> bool:
        """Civilians, or the civil administration ("a government employee"): victims of violence against civilians."""
        return self.is_civilian(m) or (m.resolved or "").startswith(cb.load().generic_prefix("government"))

    def is_state(self, m: Mention) -> bool:
        return self.inter_of(m) in (Inter.STATE, Inter.EXTERNAL)

    def state_force(self, force: str) -> str:
        """The report's country's military or police by ACLED's name, in the period of the report's
        publication ("Military Forces of Turkey (2016-)"); empty when the registry has none."""
        prefix = {"military": "Military Forces of ", "police": "Police Forces of "}[force]
        country = self.country_name()
        names = [n for n, a in self.registry.actors.items()
                 if n.startswith(prefix) and a.country == country and a.parent is None]
        day = self.published.isoformat() if self.published else None
        return self.registry.choose(names, country, day) or "" if names else ""

    def country_name(self) -> str:
        """The name of the report's country, for the codebook's generic actors; the default focus country else."""
        default = self.theatre.name(self.theatre.focus.default)
        return self.theatre.name(self.country_iso, default) if self.country_iso else default


def place_key(m: Mention) -> tuple[str | None, str | None]:
    """A place, and the place the gazetteer lacks that it stands for ("Hajr", coded at its district)."""
    try:
        return m.resolved, json.loads(m.detail or "{}").get("within")
    except (ValueError, AttributeError):
        return m.resolved, None


def head_start(text: str, m: Mention) -> int:
    """Where the name a place mention stands for begins: the name the gazetteer lacks, written before
    the unit it is coded at ("Hajr (Qatabah, Al Dhale)"), else the mention itself."""
    within = place_key(m)[1]
    at = text.rfind(within, max(0, m.start - 120), m.start) if within else -1
    return at if at >= 0 else m.start


def precision(m: Mention) -> int:
    """The geo_precision the place finder gave a place mention."""
    try:
        return int(json.loads(m.detail or "{}").get("precision", 1))
    except (ValueError, AttributeError):
        return 1


def unnamed_group(m: Mention) -> bool:
    """Whether a mention resolved to the codebook's unidentified armed group ("gunmen", "militants")."""
    return (m.resolved or "").startswith(cb.load().generic_prefix("armed_group"))


def places_within(a: Mention, b: Mention, km_limit: float) -> bool:
    """Whether two place mentions lie within `km_limit` kilometres of each other (by the points the place
    finder gave them); False where either has none."""
    try:
        da, db = json.loads(a.detail or "{}"), json.loads(b.detail or "{}")
        return haversine_km(da["lat"], da["lon"], db["lat"], db["lon"]) <= km_limit
    except (ValueError, KeyError, TypeError):
        return False
