"""Choosing among namesakes: which "Tripoli", "Rosario" or "Ash-Shafa" a report means.

A reader decides by what the text says around the name: the administrative units that qualify
it ("Rosario (Santa Fe)", "Kharistan village of Muqur district, Badghis"), the country the report
is about (country words, places only one country has), the other places it names (distance) and
how prominent each namesake is (kind, population, curation). `link_qualifiers` finds which
spans qualify which; `disambiguate` scores every candidate of every span; `accept` drops weak
matches the report does not support.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from ...geo import haversine_km
from ...models import Place
from .gazetteer import PROMINENT_KINDS, Gazetteer
from .names import fold, name_keys, phonetic, skeleton

QUALIFIER_BONUS = 6.0     # a candidate inside the unit that qualifies its name
FOCUS_WEIGHT = 4.0        # the shipped data's village countries, when nothing else says where
COUNTRY_WEIGHT = 2.5      # the share of the report's country evidence
ANCHOR_WEIGHT = 3.5       # closeness to the report's other places


@dataclass
class Span:
    """A stretch of text that names places in the gazetteer, with its candidates."""

    start: int
    end: int
    text: str
    cands: list[tuple[str, float]]
    first_tok: int
    last_tok: int
    cued: bool = False
    strong_cue: bool = False
    sentence_initial: bool = False
    kind_cue: str = ""
    chosen: str | None = None
    score: float = 0.0
    how: str = "exact"
    vote: str | None = None                  # the country this span's name alone points to
    qualifies: "Span | None" = None          # the place this span is an admin unit of
    qualifiers: list["Span"] = field(default_factory=list)

    def quality(self, pid: str | None = None) -> float:
        return dict(self.cands).get(pid or self.chosen or "", 0.0)


@lru_cache(maxsize=50_000)
def unit_keys(name: str) -> frozenset[str]:
    """Keys that match a name across transliterations: phonetic keys and consonant skeletons."""
    out = set()
    for k in name_keys(name):
        p = phonetic(k)
        out.add(p)
        if len(p) >= 5:
            out.add("~" + skeleton(p))
    return frozenset(out)


def _in_unit(place: Place, keys: frozenset[str]) -> bool:
    """Whether one of the place's administrative units is named by these keys."""
    return any(unit and unit_keys(unit) & keys for unit in (place.admin1, place.admin2, place.admin3))


def link_qualifiers(text: str, spans: list[Span], gaz: Gazetteer, gap_ok, landmark) -> None:
    """Mark spans that name an administrative unit of the place before them: "X (A, B)", "X, A".

    A span qualifies the head before it when only punctuation and admin words stand between
    them and one of the head's candidates lies in a unit it names, or it names a province, or
    the head is a landmark ("al-Karama Square in Sweida").
    """
    head: Span | None = None
    prev: Span | None = None
    for s in spans:
        if head is not None and prev is not None and len(text[prev.end:s.start]) <= 40 \
                and gap_ok(text[prev.end:s.start]) and (
                    _qualifies(s, head, gaz) or (prev is head and landmark(text[head.end:head.end + 20]))):
            s.qualifies = head
            head.qualifiers.append(s)
        else:
            head = s
        prev = s


def _qualifies(q: Span, head: Span, gaz: Gazetteer) -> bool:
    keys = unit_keys(q.text)
    if any(_in_unit(gaz.place(pid), keys) for pid, _ in head.cands):
        return True
    return any(gaz.place(pid).kind == "governorate" for pid, _ in q.cands)


def country_votes(spans: list[Span], gaz: Gazetteer, words: Counter[str]) -> Counter[str]:
    """The countries a report is about: country words, and names only one country's places match
    (each name votes once; loose guesses do not vote)."""
    votes = Counter(words)
    seen: set[str] = set()
    for s in spans:
        countries = {gaz.place(pid).country_iso for pid, q in s.cands if q >= 0.88}
        if len(countries) == 1 and fold(s.text) not in seen:
            seen.add(fold(s.text))
            s.vote = next(iter(countries))
            votes[s.vote] += 1
    return votes


def supported(s: Span, country: str, countries: Counter[str]) -> bool:
    """Whether evidence other than the span itself says the report is about this country: at
    least a quarter of the votes of the country most named."""
    if not countries:
        return True
    own = {c: n - (1 if c == s.vote else 0) for c, n in countries.items()}
    top = max(own.values(), default=0)
    if top < 2:
        return True   # little but the name itself (or a people's name) says where the report is
    return own.get(country, 0) > 0 and own.get(country, 0) >= 0.25 * top


def disambiguate(spans: list[Span], gaz: Gazetteer, countries: Counter[str]) -> None:
    """Choose each span's place: quality of the match, prominence, country, qualifiers, distance."""
    named_admin1 = [_admin1_named(s, gaz) for s in spans]
    named_units = {k for o in spans for k in unit_keys(o.text)}

    def score(s: Span, pid: str, q: float, anchors: list[tuple[Place, float]]) -> float:
        p = gaz.place(pid)
        sc = 15.0 * q + gaz.prior(p)
        # the evidence other than the span's own name
        votes = countries.get(p.country_iso, 0) - (1 if s.vote == p.country_iso else 0)
        total = sum(countries.values()) - (1 if s.vote else 0)
        if total > 0:
            # the share of the evidence, trusted as the evidence grows ("Iranian" alone is weak)
            sc += COUNTRY_WEIGHT * votes / total * min(1.0, total / 2)
        elif p.country_iso in gaz.villages:
            sc += FOCUS_WEIGHT
        if p.admin1 and any(p.admin1 in named for o, named in zip(spans, named_admin1) if o is not s):
            sc += 1.5
        sc += _unit_bonus(s, p, named_units)
        sc += _kind_bonus(s, p)
        if anchors:
            sc += ANCHOR_WEIGHT * max(w * math.exp(-haversine_km(p.lat, p.lon, a.lat, a.lon) / 50.0)
                                      for a, w in anchors)
        return sc

    for s in spans:   # pass 1: no distance
        _choose(s, lambda pid, q: score(s, pid, q, []))
    for _ in range(2):   # pass 2: distance to the report's other places
        for s in spans:
            anchors = [(gaz.place(o.chosen), 1.0 / len(o.cands) ** 0.5) for o in spans
                       if o is not s and o.chosen and fold(o.text) != fold(s.text)]
            _choose(s, lambda pid, q: score(s, pid, q, anchors))
    for s in spans:
        q = s.quality()
        s.how = "exact" if q >= 0.97 else "variant" if q >= 0.88 else "fuzzy"


def _choose(s: Span, score) -> None:
    ranked = sorted(((score(pid, q), pid) for pid, q in s.cands), reverse=True)
    s.chosen, s.score = ranked[0][1], ranked[0][0]


def _admin1_named(s: Span, gaz: Gazetteer) -> set[str]:
    """Provinces a span names: a governorate, or a city/capital when the name is not ambiguous."""
    cands = [gaz.place(pid) for pid, _ in s.cands]
    a1s = {p.admin1 for p in cands if p.admin1}
    named = {p.admin1 for p in cands if p.kind == "governorate" and p.admin1}
    if len(a1s) == 1 and any(p.kind in ("capital", "city", "governorate") for p in cands):
        named |= a1s
    return named


def _unit_bonus(s: Span, p: Place, named_units: set[str]) -> float:
    """A place in the units that qualify its name, or in districts the report names elsewhere."""
    bonus = 0.0
    if s.qualifiers:
        keys = frozenset(k for q in s.qualifiers for k in unit_keys(q.text))
        if _in_unit(p, keys):
            bonus += QUALIFIER_BONUS
    if s.qualifies is not None and p.kind == "governorate":
        bonus += 1.0   # a unit named after a place is the unit, not a namesake village
    own = unit_keys(s.text)
    for unit, value in ((p.admin2, 0.8), (p.admin3, 1.5)):
        if unit and unit != p.name and unit_keys(unit) & (named_units - own):
            bonus += value
    return bonus


def _kind_bonus(s: Span, p: Place) -> float:
    if s.kind_cue == "village":
        return 1.0 if p.kind in ("village", "neighbourhood") else -1.0 if p.kind in ("city", "capital") else 0.0
    if s.kind_cue == "city":
        return 1.0 if p.kind in ("city", "capital", "town") else 0.0
    return 0.0


def _vouched(s: Span, p: Place, countries: Counter[str]) -> bool:
    """A world town's spelling variant is trusted inside the units that qualify it, or with a
    locative cue in a country the report is about."""
    if s.qualifiers:
        return _in_unit(p, frozenset(k for o in s.qualifiers for k in unit_keys(o.text)))
    if s.qualifies is not None:
        return True
    own = countries.get(p.country_iso, 0) - (1 if s.vote == p.country_iso else 0)
    return s.cued and own >= 1


def accept(s: Span, spans: list[Span], gaz: Gazetteer, countries: Counter[str]) -> bool:
    """Keep a weak match (an obscure village, no cue, a loose spelling) only where the report supports it."""
    p = gaz.place(s.chosen or "")
    q = s.quality()
    curated = p.source in ("sup", "user")
    if not curated and s.qualifies is None and not supported(s, p.country_iso, countries):
        if q < 0.97:
            return False   # a spelling variant of a place in a country the report gives no sign of
        if p.population < 100_000 and not s.strong_cue:
            # a small place of a country the report does not name: its namesake in one it does, if any
            home = [pid for pid, _ in s.cands if supported(s, gaz.place(pid).country_iso, countries)]
            if not home:
                return False
            s.chosen = home[0]
            p, q = gaz.place(s.chosen), s.quality()
    if q < 0.88 and p.country_iso not in gaz.villages and not _vouched(s, p, countries):
        return False   # loose spellings are guessed only where the gazetteers reach villages, or where
        # the units that qualify the name or the report's country vouch for them
    if s.qualifiers and not _in_unit(p, frozenset(k for o in s.qualifiers for k in unit_keys(o.text))):
        return False   # "Muqur district, Badghis" and no Muqur in Badghis: the province speaks for it
    weak = p.kind not in PROMINENT_KINDS and p.population < 5000 and not curated
    if q < 0.88 and not s.strong_cue:
        return any(o is not s and haversine_km(p.lat, p.lon, gaz.place(o.chosen).lat, gaz.place(o.chosen).lon) < 40
                   for o in spans if o.chosen and o.quality() >= 0.88)
    if not weak or s.cued or s.qualifies is not None or s.qualifiers:
        return not (s.sentence_initial and weak and not s.cued and len(s.cands) > 3)
    others = [o for o in spans if o is not s and o.chosen and fold(o.text) != fold(s.text)]
    return any(haversine_km(p.lat, p.lon, gaz.place(o.chosen).lat, gaz.place(o.chosen).lon) < 40 for o in others)
