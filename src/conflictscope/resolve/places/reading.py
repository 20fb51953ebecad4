"""What a chosen place mention says: its ACLED geo_precision and anchor, the unknown place it may
stand for ("shelled Kafr Tala in al-Hasakeh"), districts read inside their city, a district coded at
its seat, and the mention record with its candidates and the reasons for the choice.
"""
from __future__ import annotations

import json
import re

from ... import lexicon
from ...geo import haversine_km
from ...models import Mention, Place
from . import world as world_index
from .choose import KIND_AFTER, THE_BEFORE, Span
from .evidence import COUNTRY_WORDS
from .gazetteer import DISTRICT_KINDS, PROMINENT_KINDS, REGION_KINDS, Gazetteer
from .names import fold

ORIGIN = "resolve.places.v1"
LEX = lexicon.section("mentions", "places")
_PREC2_BEFORE = [("distance", LEX.rx("distance_from")), ("direction", LEX.rx("direction_of")),
                 ("outskirts", LEX.rx("outskirts")), ("countryside", LEX.rx("countryside")),
                 ("near", LEX.rx("near")), ("direction", LEX.rx("direction_adjective"))]
_PREC2_AFTER = [("countryside", LEX.rx("countryside_after"))]
_PREC3_AFTER = LEX.rx("desert_after")
_PREC3_BEFORE = LEX.rx("desert_before")
_PREC1_BEFORE = LEX.rx("in_place")
_UNKNOWN_BEFORE = LEX.rx("unknown_place_before")
_OPEN_BRACKET = re.compile(r"\(\s*$")
_SENT_BREAK = re.compile(r"[.!?;:\n\"“”()\[\]|]")
SEAT_KINDS = ("capital", "city", "town")   # the places a district's seat may be (a town of 5,000 or more)


def sentence_before(text: str, pos: int, width: int = 60) -> str:
    chunk = text[max(0, pos - width):pos]
    m = None
    for m in _SENT_BREAK.finditer(chunk):
        pass
    return chunk[m.end():] if m else chunk


_DISTRICT_AFTER = LEX.rx("district_after")
_DISTRICT_OF = LEX.rx("district_of")


def districts_of_cities(text: str, spans: list[Span], gaz: Gazetteer) -> None:
    """"al-Maqwas neighbourhood of Sweida city": a district name resolves inside its city.

    When no candidate of the district lies within 10 km of the city named in the same sentence,
    the district is placed at the city (ACLED: a district of a city is coded to the city).
    """
    cities = [o for o in spans
              if gaz.place(o.chosen).kind in ("capital", "city", "town")]
    for s in spans:
        own = gaz.place(s.chosen)
        if not _DISTRICT_AFTER.match(text[s.end:s.end + 20]) or (
                own.kind in PROMINENT_KINDS and own.country_iso in gaz.villages):
            continue
        same_sentence = [o for o in cities if o.start > s.end and _DISTRICT_OF.match(text[s.end:o.start])]
        if not same_sentence:
            continue
        city = min(same_sentence, key=lambda o: abs(o.start - s.start))
        c = gaz.place(city.chosen)
        near = [pid for pid, _ in s.cands
                if haversine_km(gaz.place(pid).lat, gaz.place(pid).lon, c.lat, c.lon) <= 10]
        if near:
            s.chosen = near[0]
        elif haversine_km(gaz.place(s.chosen).lat, gaz.place(s.chosen).lon,
                          c.lat, c.lon) > 10:
            s.chosen, s.how = city.chosen, "district-of-city"


def precision_of(text: str, s: Span, place: Place) -> tuple[int, str]:
    before = sentence_before(text, s.start, 80)
    after = text[s.end:s.end + 40]
    if _PREC3_AFTER.match(after) or _PREC3_BEFORE.search(before):
        return 3, "desert"
    if place.kind in REGION_KINDS:
        return 3, "region"
    if place.kind in DISTRICT_KINDS:
        return 2, "district unit"
    for anchor, rx in _PREC2_BEFORE:
        if rx.search(before):
            return 2, anchor
    for anchor, rx in _PREC2_AFTER:
        if rx.match(after):
            return 2, anchor
    if _PREC1_BEFORE.search(before):
        return 1, "in"
    return 1, "bare"


def unknown_head(text: str, s: Span, spans: list[Span], gaz: Gazetteer) -> str | None:
    """'shelled Kafr Tala in al-Hasakeh': the name before a place that the gazetteer does not know."""
    # "in Adan Yabaal town (Middle Shabelle)": the unit in brackets after the name, read as after a comma
    paren = _OPEN_BRACKET.search(text, max(0, s.start - 3), s.start)
    end = paren.start() if paren else s.start
    chunk = sentence_before(text, end, 80)
    if text[max(0, end - len(chunk) - 1):end - len(chunk)] == ")":
        chunk = ")" + chunk   # "A (D, G) and B (D, G)": the list of bracketed places goes on
    m = _UNKNOWN_BEFORE.search(chunk + (", " if paren else ""))
    if m is None:
        return None
    name = m.group("name")
    if THE_BEFORE.search(m.string, 0, m.start("name")) and not KIND_AFTER.match(m.string, m.end("name")):
        return None   # "outside the Seray in Tripoli": a building or landmark in the town, not a village in a unit
    start = end - len(chunk) + m.start("name")
    words = [fold(w) for w in name.replace("-", " ").split()]
    # (a known place covers the name; a span on its first word only, "Adan" of Adan Yabaal, is no such place)
    if any(o.start <= start and o.end >= start + len(name) for o in spans if o is not s) \
            or all(w in gaz.english or len(w) <= 2 for w in words) or fold(name) in COUNTRY_WORDS:
        return None   # a place we know, an English phrase ("on Monday in"), a country
    return name


def to_mention(text: str, s: Span, gaz: Gazetteer, unknown_head: str | None = None) -> Mention:
    place = gaz.place(s.chosen)
    precision, anchor = precision_of(text, s, place)
    if s.how == "district-of-city":
        precision, anchor = 1, "district"
    elif s.how == "district seat" and s.kind_cue == "district":
        precision, anchor = 2, "district seat"
    elif unknown_head and precision == 1:
        # the event is at a place the gazetteer lacks, in or near this one: ACLED's nearest known town
        precision, anchor = 2, "unknown place"
    q = dict(s.cands).get(s.chosen, 0.8)
    candidates = list(dict.fromkeys([pid for pid, _ in s.cands] + [s.chosen]))
    detail = {"precision": precision, "anchor": anchor, "candidates": candidates,
              "name": place.name, "lat": place.lat, "lon": place.lon,
              "country": place.country_iso, "admin1": place.admin1, "kind": place.kind,
              "match": s.how}
    if unknown_head:
        detail["within"] = unknown_head
    if s.why and s.how != "district-of-city":
        detail["why"] = s.why
    if s.qualifies is not None:
        detail["qualifies"] = [s.qualifies.start, s.qualifies.end]   # an admin unit of that place
    if s.measures is not None and s.measures.chosen:
        detail["measures"] = [s.measures.start, s.measures.end]   # says where that place lies
    score = q * (1.0 if len(s.cands) == 1 else 0.9)
    return Mention(kind="place", text=s.text, start=s.start, end=s.end, resolved=s.chosen,
                   origin=f"{ORIGIN}:{s.how}", score=round(min(1.0, score), 3),
                   detail=json.dumps(detail, ensure_ascii=False))


def district_seats(spans: list[Span], gaz: Gazetteer) -> None:
    """"in Sangrur district", "in Chilpancingo de los Bravo": a district of the world index is coded at
    its seat, the town of its name or the one named among its candidates (ACLED codes a district at its
    capital); the text's "district" keeps precision 2."""
    for s in spans:
        d = gaz.place(s.chosen)
        if d.kind not in DISTRICT_KINDS or not d.id.startswith(world_index.ADMIN2_PREFIX):
            continue
        seats = [pid for pid, _ in s.cands if (t := gaz.place(pid)).kind in SEAT_KINDS
                 and t.country_iso == d.country_iso and t.admin1 == d.admin1
                 and _seat_name(fold(d.name), fold(t.name))]
        if seats:   # the largest: "Cintalapa de Figueroa" before a hamlet Cintalapa
            s.chosen, s.how = max(seats, key=lambda pid: gaz.place(pid).population), "district seat"


def _seat_name(district: str, town: str) -> bool:
    """Whether a town bears its district's name, the one's name the other's first or last words:
    "Chilpancingo (de los Bravo)", "Cintalapa (de Figueroa)", "(Heroica) Guaymas"."""
    return district == town or district.startswith(town + " ") or town.startswith(district + " ") or town.endswith(" " + district)
