"""How near each namesake lies to the places chosen for the report's other names (see `choose.disambiguate`)."""
from __future__ import annotations

import math
from collections import Counter
from typing import TYPE_CHECKING

from ...geo import haversine_km
from ...models import Place
from .gazetteer import Gazetteer

if TYPE_CHECKING:
    from .choose import Span


class Nearness:
    """How near a namesake lies to the places chosen for the report's other names: the most of each
    anchor's weight times its nearness (1 at the same point, falling with distance). Nearness is
    remembered by pair of place ids for the report: every pass scores each namesake against much
    the same anchors again."""

    def __init__(self) -> None:
        self.rows: dict[str, dict[str, float]] = {}

    def best(self, p: Place, anchors: list[tuple[Place, float]]) -> float:
        row = self.rows.setdefault(p.id, {})
        return max(w * (row[a.id] if a.id in row else self._measure(row, p, a)) for a, w in anchors)

    @staticmethod
    def _measure(row: dict[str, float], p: Place, a: Place) -> float:
        row[a.id] = math.exp(-haversine_km(p.lat, p.lon, a.lat, a.lon) / 50.0)
        return row[a.id]


class Anchors:
    """The places a span is scored near: those chosen for spans of other names, by folded name.

    Each place and weight is listed once, which leaves the maximum the score takes unchanged, and
    the lists are kept between spans until a choice changes: near-linear in the number of mentions.
    """

    def __init__(self, spans: list[Span], folded: dict[int, str], gaz: Gazetteer) -> None:
        self.gaz = gaz
        self.chosen: dict[str, Counter[tuple[str, float]]] = {}
        for o in spans:
            if (pair := self.pair(o)) is not None:
                self.chosen.setdefault(folded[id(o)], Counter())[pair] += 1
        self.memo: dict[str, list[tuple[Place, float]]] = {}
        self.places: dict[str, Place] = {}   # the lists are made again after each move: look each place up once

    @staticmethod
    def pair(s: Span) -> tuple[str, float] | None:
        return (s.chosen, 1.0 / len(s.cands) ** 0.5) if s.chosen else None

    def others(self, name: str) -> list[tuple[Place, float]]:
        if name not in self.memo:
            pairs = dict.fromkeys(pw for key, pws in self.chosen.items() if key != name for pw in pws)
            self.memo[name] = [(self._place(pid), w) for pid, w in pairs]
        return self.memo[name]

    def _place(self, pid: str) -> Place:
        if pid not in self.places:
            self.places[pid] = self.gaz.place(pid)
        return self.places[pid]

    def moved(self, name: str, before: tuple[str, float] | None, after: tuple[str, float] | None) -> None:
        if before == after:
            return
        counts = self.chosen.setdefault(name, Counter())
        if before is not None:
            counts[before] -= 1
            if counts[before] <= 0:
                del counts[before]
        if after is not None:
            counts[after] += 1
        self.memo.clear()
