"""Choosing among namesakes: which "Tripoli", "Rosario" or "Ash-Shafa" a report means.

A reader decides by what the text says around the name: the administrative units that qualify
it ("Rosario (Santa Fe)", "Kharistan village of Muqur district, Badghis"), the country the report
is about (country words, places only one country has), the other places it names (distance) and
how prominent each namesake is (kind, population, curation). `qualifiers.link_qualifiers` finds
which spans qualify which; `disambiguate` scores every candidate of every span; `accept` drops weak
matches the report does not support.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from ... import lexicon
from ...geo import haversine_km
from ...models import Place
from . import world as world_index
from .gazetteer import DISTRICT_KINDS, PROMINENT_KINDS, REGION_KINDS, WORLD_ALTERNATE, Gazetteer
from .names import fold, name_keys, phonetic, skeleton
from .nearness import Anchors, Nearness

QUALIFIER_BONUS = 6.0     # a candidate inside the unit that qualifies its name
FOCUS_WEIGHT = 3.0        # the shipped data's village countries, when nothing else says where
COUNTRY_WEIGHT = 2.5      # the share of the report's country evidence
ANCHOR_WEIGHT = 3.5       # closeness to the report's other places
EXACT_NAMESAKE = 2.0      # a name written as one place's own: another spelling of a larger place comes after it
OTHER_NAME = 1.0          # a name that is one place's own and only another name of a namesake ("Man", not Amman)
CITY_POPULATION = 100_000   # a city a reader knows by any of its names
WORLD_CITY = 1_000_000      # a city a report may name abroad without a word for its country
RENOWNED_CITY = 500_000     # a city whose other names weigh as its own against a namesake's name
TOWN_POPULATION = 50_000    # a town a reader knows although its name is also an English word
EXACT_TOWN = 20_000         # a town whose name, spelt as its own, outweighs another spelling in the focus countries
SLIP_TOWN = 10_000          # a town whose own name outweighs a province the report names that does not contain it
ADMIN_WORDS = lexicon.section("mentions", "places").words("admin_words")
UNIT_PREFIXES = lexicon.section("mentions", "places").words("unit_prefixes")
UNIT_PREFIX_LINKS = {"of", "de", "del", "do", "da"}   # "Province of Sulu", "Provincia de Buenos Aires"
# "outside the Seray in Tripoli": a capitalised name after "the" and before no kind of place is a building
THE_BEFORE = lexicon.section("mentions", "places").rx("building_before")
KIND_AFTER = lexicon.section("mentions", "places").rx("building_not_after")
FACILITY_AFTER = lexicon.section("mentions", "places").rx("facility_after")
# "Sinuni, north of Sinjar", "Kharab, near Qamishli": the place the text measures a name from (the first
# two, a direction or distance, also make it no scene of its own: `link_measures`)
MEASURED_FROM = [lexicon.section("mentions", "places").rx(k) for k in ("direction_of", "distance_from", "near")]
MEASURED_FROM_KM = 100    # how far a place may lie from the one the text measures it from


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
    unit_slot: bool = False   # the last name in brackets after a place: "(Pobe-Mengao, Soum)"
    chosen: str | None = None
    score: float = 0.0
    how: str = "exact"
    vote: str | None = None                  # the country this span's name alone points to
    needs_qualifier: bool = False            # a guess (an English word, part of a longer name) unless qualified
    qualifies: "Span | None" = None          # the place this span is an admin unit of
    qualifiers: list["Span"] = field(default_factory=list)
    unknown_head: str | None = None          # "Zarkand district, Urozgan": a place the gazetteer lacks, in this one
    why: dict = field(default_factory=dict)  # the runner-up namesake and what set the chosen one apart
    unit_name: str = ""                      # the unit's name where the text writes a code ("UP": Uttar Pradesh)
    country_named: str = ""                  # the country named right after it ("Pula, Croatia"): its ISO code
    country_word: str = ""                   # that country's name as written, folded ("mexico")
    listed_guess: bool = False               # a loose spelling found only as a name listed after a place
    measures: "Span | None" = None           # the place named just before that this one measures ("X, north of Y")

    @property
    def unit_text(self) -> str:
        """What the span calls the unit it names: its text, or the name behind a division code."""
        return self.unit_name or self.text

    def quality(self, pid: str | None = None) -> float:
        return dict(self.cands).get(pid or self.chosen or "", 0.0)


@lru_cache(maxsize=50_000)
def unit_keys(name: str) -> frozenset[str]:
    """Keys that match a name across transliterations: phonetic keys and consonant skeletons.

    The kind of unit is not part of its name: "Deir ez-Zor province", "Province of Sulu" and
    "Muhafazat al Hudaydah" (as GeoNames writes some) are the units "Deir ez-Zor", "Sulu" and
    "al Hudaydah".
    """
    out = set()
    for k in name_keys(bare_unit(name)):
        p = phonetic(k)
        out.add(p)
        if len(p) >= 5:
            out.add("~" + skeleton(p))
    return frozenset(out)


def bare_unit(name: str) -> str:
    """A unit's name without the kind of unit: "Tartar Rayon", "Province of Sulu", "Muhafazat al Hudaydah"."""
    words = name.split()
    while len(words) > 1 and words[-1].lower() in ADMIN_WORDS:
        words.pop()
    if len(words) > 2 and words[0].lower() in ADMIN_WORDS | UNIT_PREFIXES and words[1].lower() in UNIT_PREFIX_LINKS:
        words = words[2:]
    elif len(words) > 1 and words[0].lower() in UNIT_PREFIXES:
        words = words[1:]   # "Muhafazat al Hudaydah" is the unit "al Hudaydah"
    return " ".join(words)


def in_unit(place: Place, keys: frozenset[str]) -> bool:
    """Whether one of the place's administrative units is named by these keys."""
    return any(unit and unit_keys(unit) & keys for unit in (place.admin1, place.admin2, place.admin3))


def exact_kinds(q: Span, gaz: Gazetteer) -> set[str]:
    """The kinds of place the name as written names ("governorate", "district", "town" ...)."""
    return {gaz.place(pid).kind for pid, quality in q.cands if quality >= 0.97}


def country_votes(spans: list[Span], gaz: Gazetteer, words: Counter[str]) -> Counter[str]:
    """The countries a report is about: country words, and names only one country's places match
    (each name votes once; spelling variants and alternate names do not vote)."""
    votes = Counter(words)
    seen: set[str] = set()
    for s in spans:
        exact = [gaz.place(pid) for pid, q in s.cands if q >= 0.97]   # only a name as written votes
        provinces = {p.country_iso for p in exact if p.kind == "governorate"}
        # a province's name says where a report is even when towns abroad share it ("..., Farah.")
        countries = provinces if len(provinces) == 1 else {p.country_iso for p in exact}
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
    if top < 1.5:
        return True   # little but the name itself says where; a town and a people's name ("Afghan") are enough
    return own.get(country, 0) > 0 and own.get(country, 0) >= 0.25 * top


def disambiguate(spans: list[Span], gaz: Gazetteer, countries: Counter[str]) -> None:
    """Choose each span's place: quality of the match, prominence, country, qualifiers, distance."""
    # indexes instead of pairs of spans, so a report naming thousands of places is coded in near-linear time
    named_admin1 = {id(s): _admin1_named(s, gaz) for s in spans}
    folded = {id(s): fold(s.text) for s in spans}
    # the names that name each province: a name told twice ("Tripoli ... in Tripoli") is still one
    admin1_names: dict[str, set[str]] = {}
    for o in spans:
        for a in named_admin1[id(o)]:
            admin1_names.setdefault(a, set()).add(folded[id(o)])
    named_units = {k for o in spans for k in unit_keys(o.unit_text)}
    exact_town = {id(s): any(q >= 0.97 and gaz.place(pid).population >= EXACT_TOWN for pid, q in s.cands)
                  for s in spans}
    exact = {id(s): any(q >= 0.97 for _, q in s.cands) for s in spans}
    own = {id(s): _own_name(s, gaz) for s in spans}
    own_city = {id(s): any(gaz.place(pid).population >= CITY_POPULATION for pid in own[id(s)]) for s in spans}
    nearness = Nearness()

    def parts(s: Span, pid: str, q: float, anchors: list[tuple[Place, float]]) -> dict[str, float]:
        p = gaz.place(pid)
        renowned = WORLD_ALTERNATE <= q < 0.97 and p.population >= RENOWNED_CITY and _is_world(p)
        if renowned:
            # "Odessa", "Allahabad": a great city is known by its other names as by its own (a risk where
            # GeoNames lists a foreign town's name among them: "Puno" among Pune's)
            q = 1.0
        out = {"spelling": 15.0 * q, "prominence": gaz.prior(p)}
        if q < 0.97 and exact[id(s)] and p.country_iso not in gaz.villages:
            # "Wana" is the town of that name before it is a misspelt "Van"; the focus countries' villages
            # are written many ways ("Busayra" is al-Busayrah before a Busayra abroad)
            out["spelling"] -= EXACT_NAMESAKE
        elif q >= 0.97 and own[id(s)] and pid not in own[id(s)] and p.country_iso not in gaz.villages \
                and not renowned:
            out["spelling"] -= OTHER_NAME
        # the evidence other than the span's own name
        votes = countries.get(p.country_iso, 0) - (1 if s.vote == p.country_iso else 0)
        total = sum(countries.values()) - (1 if s.vote else 0)
        if total > 0:
            # the share of the evidence, trusted as the evidence grows ("Iranian" alone is weak)
            out["country"] = COUNTRY_WEIGHT * votes / total * min(1.0, total / 2)
            if q < 0.97 and votes <= 0 and total >= 0.5 and any(
                    countries.get(gaz.place(o).country_iso, 0) > 0 for o, oq in s.cands if oq >= q):
                # "Ain Issa" is a spelling of Ein Issa (Syria, which the report's groups name) before one of
                # Inisa (Nigeria, which nothing names)
                out["spelling"] -= EXACT_NAMESAKE
        if total < 1 and p.country_iso in gaz.villages and not (q < 0.88 and max(c for _, c in s.cands) >= 0.97) \
                and not (q < 0.97 and exact_town[id(s)]) \
                and not (own_city[id(s)] and (pid not in own[id(s)] or p.kind == "village")):
            # (a loose guess at a village does not beat a name spelt exactly as a town elsewhere: Kathua;
            # another spelling of one does not beat a city's own name: Accra; nor does a village, or a town
            # by another of its names, beat a city bearing the name as its own: Sanaa, Sousse)
            # next to nothing says where: the countries the shipped data follows, less as evidence grows
            # (measured on notes from elsewhere it only costs; the blind test is in those countries)
            out["country"] = out.get("country", 0.0) + FOCUS_WEIGHT * (1.0 - max(0.0, total))
        if p.admin1 and admin1_names.get(p.admin1, set()) - {folded[id(s)]}:   # named by another name
            out["province named"] = 1.5
        out["units named"] = _unit_bonus(s, p, named_units, gaz)
        out["kind"] = _kind_bonus(s, p)
        if anchors:
            out["near other places"] = ANCHOR_WEIGHT * nearness.best(p, anchors)
        return out

    def score(s: Span, pid: str, q: float, anchors: list[tuple[Place, float]]) -> float:
        return sum(parts(s, pid, q, anchors).values())

    for s in spans:   # pass 1: no distance
        _choose(s, lambda pid, q: score(s, pid, q, []))
    for _ in range(2):   # pass 2: distance to the report's other places, as they are chosen
        near = Anchors(spans, folded, gaz)
        for s in spans:
            before = near.pair(s)
            anchors = near.others(folded[id(s)])
            _choose(s, lambda pid, q: score(s, pid, q, anchors))
            near.moved(folded[id(s)], before, near.pair(s))
    near = Anchors(spans, folded, gaz)
    for s in spans:
        q = s.quality()
        s.how = "exact" if q >= 0.97 else "variant" if q >= 0.88 else "fuzzy"
        anchors = near.others(folded[id(s)])
        s.why = _why(s, gaz, lambda pid, q: parts(s, pid, q, anchors))


def _why(s: Span, gaz: Gazetteer, parts) -> dict:
    """Why the chosen namesake won: its score, the runner-up's, and what set them apart."""
    if len(s.cands) < 2 or s.chosen is None:
        return {}
    scored = sorted(((sum(parts(pid, q).values()), pid, q) for pid, q in s.cands), reverse=True)
    _, runner, rq = next(t for t in scored if t[1] != s.chosen)
    mine, theirs = parts(s.chosen, s.quality()), parts(runner, rq)
    gaps = sorted(((mine.get(k, 0.0) - theirs.get(k, 0.0), k) for k in set(mine) | set(theirs)), reverse=True)
    other = gaz.place(runner)
    return {"namesakes": len(s.cands), "margin": round(sum(mine.values()) - sum(theirs.values()), 2),
            "runner_up": ", ".join(x for x in (other.name, other.admin1, other.country) if x),
            "because": [k for gap, k in gaps if gap >= 0.5][:3]}


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


def _own_name(s: Span, gaz: Gazetteer) -> set[str]:
    """The candidates whose own name the span writes ("Man town": the town of Man), not another of their names."""
    words = s.text.split()
    forms = {fold(s.text)}
    if len(words) > 1 and words[-1].lower() in ADMIN_WORDS:
        forms.add(fold(" ".join(words[:-1])))
    return {pid for pid, q in s.cands if q >= 0.97 and fold(bare_unit(gaz.place(pid).name)) in forms}


def _unit_bonus(s: Span, p: Place, named_units: set[str], gaz: Gazetteer) -> float:
    """A place in the units that qualify its name, or in districts the report names elsewhere."""
    bonus = 0.0
    # a unit named after the place ("Islamabad (Islamabad, ...)") vouches for a place inside such a
    # unit, not for the unit itself ("Kaya (Kaya, Sanmatenga)" is no province Kayah)
    keys = frozenset(k for q in s.qualifiers
                     if not _named_after(q, s) or p.kind not in REGION_KINDS
                     for k in unit_keys(q.unit_text))
    if keys:
        if in_unit(p, keys):
            bonus += QUALIFIER_BONUS
    elif s.country_named == p.country_iso and s.country_word and in_unit(p, unit_keys(s.country_word)):
        bonus += QUALIFIER_BONUS   # "Tenancingo, Mexico": the country's name is also its province's (the State of Mexico)
    head = s.qualifies
    if (s.unknown_head or (head is not None and _may_lie_in(head, p, gaz))) and p.kind == "governorate":
        bonus += 2.0   # a unit named after a place is the unit, not a namesake village
    own = unit_keys(s.unit_text)
    for unit, value in ((p.admin2, 0.8), (p.admin3, 1.5)):
        if unit and unit != p.name and unit_keys(unit) & (named_units - own):
            bonus += value
    return bonus


def _may_lie_in(head: Span, unit: Place, gaz: Gazetteer) -> bool:
    """Whether the place a unit qualifies may lie in it: one of its namesakes is in the unit's country, or
    the name is no place's own (a village the gazetteer lacks). "The Court of Justice in Sofia" names
    towns called Justice in the United States only: Sofia is no province of Madagascar there."""
    return any(gaz.place(pid).country_iso == unit.country_iso for pid, _ in head.cands) \
        or not any(q >= 0.97 for _, q in head.cands)


def _kind_bonus(s: Span, p: Place) -> float:
    if s.unit_slot and not s.kind_cue:
        return 3.0 if p.kind in ("district", "governorate") else 0.0
    if s.kind_cue == "region":
        return 3.0 if p.kind == "governorate" else 0.0
    if s.kind_cue == "village":
        return 1.0 if p.kind in ("village", "neighbourhood") else -1.0 if p.kind in ("city", "capital") else 0.0
    if s.kind_cue == "district":
        return 3.0 if p.kind == "district" else 0.0
    if s.kind_cue == "city":
        return 1.0 if p.kind in ("city", "capital", "town") else 0.0
    return 0.0


def _within_qualifiers(s: Span, p: Place, gaz: Gazetteer, countries: Counter[str]) -> bool:
    """Whether a place lies in the units that qualify its name, as far as the gazetteer knows them:
    a named province must contain it; a named district only where the place's district is known."""
    qualifiers = [o for o in s.qualifiers if not _named_after(o, s)]
    if not qualifiers:
        return True   # "Rafah (Rafah, ...)": the district named after the town says nothing against it
    if in_unit(p, frozenset(k for o in qualifiers for k in unit_keys(o.unit_text))):
        return True
    provinces = [o for o in qualifiers if o.chosen and gaz.place(o.chosen).kind == "governorate"]
    if provinces:
        # the province the qualifier was resolved to, whatever its name ("Baghlan" is "Wilayat-e Baghlan")
        return any(_same_province(gaz.place(o.chosen), p) for o in provinces) or _province_slip(s, p, provinces, gaz)
    # only towns qualify it ("Jalalpur, Shamli"): it must lie near one of them, as far as they are
    # known by their names (a town spelt like "Rajouri" in another state says nothing of "Sunderbani")
    towns = [o for o in qualifiers if o.chosen and o.quality() >= 0.97]
    if not towns:   # (unless the report names their country: "Gurbuz (Sekhamir Kalay) district, Khost" is no Gürbüz of Turkey)
        return not any(o.chosen and (c := gaz.place(o.chosen).country_iso) != p.country_iso
                       and _other_votes(o, c, countries) > 0 for o in qualifiers)
    return any(haversine_km(p.lat, p.lon, (t := gaz.place(o.chosen)).lat, t.lon) <= 75 for o in towns)


def _province_slip(s: Span, p: Place, provinces: list[Span], gaz: Gazetteer) -> bool:
    """'in Puerto Natales (Los Lagos)': a town of some size, named as written after a locative cue, the only one
    so named in the named province's country, lies in another province: the report (or the gazetteer) slipped
    on the province. Not a unit ("Baharak district, Takhar": a district the gazetteer lacks)."""
    if s.quality(p.id) < 0.97 or p.population < SLIP_TOWN or p.kind in REGION_KINDS or not s.strong_cue or s.kind_cue \
            or any(gaz.place(o.chosen).country_iso != p.country_iso for o in provinces):
        return False
    return [pid for pid, q in s.cands if q >= 0.97 and (o := gaz.place(pid)).country_iso == p.country_iso
            and o.kind not in REGION_KINDS] == [p.id]


def _known_city_name(s: Span, p: Place) -> bool:
    """A city's other name after "in" ("in Vinnytsia", "in Paranaque"): the city, no country named."""
    return s.quality(p.id) >= WORLD_ALTERNATE and s.strong_cue and p.population >= CITY_POPULATION


def _named_after(q: Span, s: Span) -> bool:
    """Whether a unit that qualifies a name bears that name, or its first words ("Mirpur Khas city
    (Mirpur khas, Sindh)", where the district's name was cut short)."""
    unit, name = fold(q.text).split(), fold(s.text).split()
    return unit == name[:len(unit)] or name == unit[:len(name)]


def _same_province(province: Place, p: Place) -> bool:
    return bool(p.admin1) and province.admin1 == p.admin1 and province.country_iso == p.country_iso


def _outside_named_provinces(s: Span, p: Place, spans: list[Span], gaz: Gazetteer) -> bool:
    """'Choro village (Kamjong district, Manipur)': another spelling of a world town in a province of its country
    other than those the report names, far from every place named as written: a guess the text belies (the
    curated villages, written many ways, are left to the other checks: "al-Raqa" in a story on Deir Ezzor).
    Spelt as written, a small town is as unlikely there ('in Celaya, Guanajuato ... in Camargo community')."""
    if not _is_world(p) or (s.quality() >= 0.97 and (p.population >= SLIP_TOWN or p.kind not in ("town", "village"))):
        return False
    named = [gaz.place(o.chosen) for o in spans if o is not s and o.chosen and gaz.place(o.chosen).kind == "governorate"
             and gaz.place(o.chosen).country_iso == p.country_iso]
    return bool(named) and not any(_same_province(n, p) for n in named) and not _near_exact(s, spans, gaz)


def _province_elsewhere(s: Span, p: Place, spans: list[Span], gaz: Gazetteer) -> bool:
    """Whether another mention of the report names the province the place lies in (by one of its
    names: "Al Hudaydah" is the province as well as its capital)."""
    return any(o is not s and o.chosen and any(q >= 0.97 and gaz.place(pid).kind == "governorate"
                                               and _same_province(gaz.place(pid), p) for pid, q in o.cands)
               for o in spans)


def _vouched(s: Span, p: Place, countries: Counter[str], gaz: Gazetteer) -> bool:
    """A loose spelling is trusted inside the units that qualify it, or in a country other words of the
    report name: with a locative cue for a world town, at all for a village of the focus countries."""
    if s.qualifiers:
        return in_unit(p, frozenset(k for o in s.qualifiers for k in unit_keys(o.unit_text)))
    if s.qualifies is not None:
        return True
    own = _other_votes(s, p.country_iso, countries)
    if p.source != "geonames" and p.country_iso in gaz.villages and sum(countries.values()) < 1 and s.strong_cue:
        return True   # "in the town of Kiheel" and no country named: the focus countries' village
    return own >= 1 and (s.cued or p.source != "geonames")


def accept(s: Span, spans: list[Span], gaz: Gazetteer, countries: Counter[str], text: str = "") -> bool:
    """Keep a weak match (an obscure village, no cue, a loose spelling) only where the report supports it.

    Spans are judged in text order; a unit that qualifies a rejected place qualifies nothing.
    """
    if _belied(text, s, spans, gaz):
        return False
    unit_of_unknown = bool(s.unknown_head) or (s.qualifies is not None and s.qualifies.chosen is None)
    if s.qualifies is not None and s.qualifies.chosen is None:
        s.qualifies = None
    if not _country_fits(s, spans, gaz, countries):
        if s.vote:   # nor does its name say where the report is ("Al-Haboubi square" in an Iraqi city)
            countries[s.vote] -= 1
            s.vote = None
        return False
    p, q = gaz.place(s.chosen or ""), s.quality()
    unit_of_unknown = unit_of_unknown or _slot_fits(s, p, countries)
    if not _spelling_vouched(s, p, q, gaz, countries, _province_elsewhere(s, p, spans, gaz)) \
            and not (unit_of_unknown and p.kind in REGION_KINDS):
        return False   # ("Chora district, Urozgan": where it stands, a province's other spelling is the province)
    curated = p.source in ("sup", "user")
    weak = p.kind not in PROMINENT_KINDS and p.population < 5000 and not curated
    if q < 0.88 and not s.strong_cue:
        return _near(p, [o for o in spans if o is not s and o.chosen and o.quality() >= 0.88], gaz)
    if _outside_named_provinces(s, p, spans, gaz):
        return False
    if weak and q >= 0.97 and not (s.qualifies is not None or s.qualifiers) and _stranded(s, p, spans, gaz):
        return False
    if not weak or s.cued or s.qualifies is not None or s.qualifiers or unit_of_unknown:
        return not (s.sentence_initial and weak and not s.cued and len(s.cands) > 3)
    # (or one spelt as written in a province the report names: "Tafi del Valle and Mollar (Tucuman)")
    return _near_others(s, p, spans, gaz) or (q >= 0.97 and _province_elsewhere(s, p, spans, gaz))


def _slot_fits(s: Span, p: Place, countries: Counter[str]) -> bool:
    """A name in the slot of a unit ("(Diguel, Soum)") in a country the report names, or where it names none."""
    return s.unit_slot and (countries.get(p.country_iso, 0) > 0 or not sum(countries.values()))


def _near_others(s: Span, p: Place, spans: list[Span], gaz: Gazetteer) -> bool:
    """Whether the place lies near a place chosen for another name of the report."""
    return _near(p, [o for o in spans if o is not s and o.chosen and fold(o.text) != fold(s.text)], gaz)


def _near(p: Place, others: list[Span], gaz: Gazetteer) -> bool:
    """Whether the place lies within 40 km of the place chosen for one of the other spans."""
    return any(haversine_km(p.lat, p.lon, gaz.place(o.chosen).lat, gaz.place(o.chosen).lon) < 40 for o in others)


def _stranded(s: Span, p: Place, spans: list[Span], gaz: Gazetteer) -> bool:
    """Whether a small place named with nothing to qualify it lies far from every other place of the
    report, none of them in its province and some in another ("in the Al-Hamdan area" in a story
    around Abu Kamal, and the only Hamdan of the gazetteer 250 km away): the namesake of a place the
    gazetteer lacks, not the scene."""
    others = _other_places(s, spans, gaz, 0.97)
    return _far_from_all(p, others) and all(o.admin1 != p.admin1 for o in others)


def _other_places(s: Span, spans: list[Span], gaz: Gazetteer, quality: float = 0.0) -> list[Place]:
    """The places chosen for the report's other names (matched at least this well)."""
    return [gaz.place(o.chosen) for o in spans if o is not s and o.chosen and o.quality() >= quality
            and fold(o.text) != fold(s.text)]


def _far_from_all(p: Place, others: list[Place]) -> bool:
    """Whether there are other places and the place lies farther than a text measures a place from
    another (100 km) from every one of them."""
    return bool(others) and all(haversine_km(p.lat, p.lon, o.lat, o.lon) > MEASURED_FROM_KM for o in others)


def _near_exact(s: Span, spans: list[Span], gaz: Gazetteer) -> bool:
    """Whether the span's place lies within 40 km of a place named as written."""
    return _near(gaz.place(s.chosen or ""), [o for o in spans if o is not s and o.chosen and o.quality() >= 0.97], gaz)


def _far_from_reference(text: str, s: Span, spans: list[Span], gaz: Gazetteer) -> bool:
    """Whether the text measures the span's name from a place named right after it ("Sinuni, north of
    Sinjar", "Kharab near Qamishli") that lies far from the namesake chosen for it: a spelling guess the
    text itself belies."""
    ref = next((o for o in spans if o.start >= s.end), None)
    if ref is None or not ref.chosen or ref.quality() < 0.97:
        return False
    gap = text[s.end:ref.start]
    if len(gap) > 40 or gap[:1] not in (" ", ",") or not any(rx.search(gap) for rx in MEASURED_FROM):
        return False
    p, r = gaz.place(s.chosen or ""), gaz.place(ref.chosen)
    return haversine_km(p.lat, p.lon, r.lat, r.lon) > MEASURED_FROM_KM


def _belied(text: str, s: Span, spans: list[Span], gaz: Gazetteer) -> bool:
    """Whether the text itself says the name is no namesake of the place chosen for it: a spelling guess
    measured from a place far from it, a name told as lying in a town abroad, or a guessed spelling in a
    list ("Fleifel and Sufuhon") far from every place named as written."""
    return (s.quality() < 0.97 and _far_from_reference(text, s, spans, gaz)) or _in_a_town_abroad(text, s, spans, gaz) \
        or (s.listed_guess and not _near_exact(s, spans, gaz)) or _facility_namesake(text, s, spans, gaz)


def _facility_namesake(text: str, s: Span, spans: list[Span], gaz: Gazetteer) -> bool:
    """'locked up in the Santa Anita prison' in a story in Chiapas: a facility's name, after 'the', whose namesake
    town lies far from every other place the report names, is the facility's name, not that town."""
    if not (THE_BEFORE.search(text, max(0, s.start - 6), s.start) and FACILITY_AFTER.match(text, s.end)):
        return False
    p = gaz.place(s.chosen or "")
    return p.population < CITY_POPULATION and _far_from_all(p, _other_places(s, spans, gaz))


def _in_a_town_abroad(text: str, s: Span, spans: list[Span], gaz: Gazetteer) -> bool:
    """'the prison of Rass Al Ain in Fes': a name told as lying in a town named as written, of another
    country than the namesake chosen for it, is a part of that town the gazetteer lacks."""
    ref = next((o for o in spans if o.start >= s.end), None)
    if ref is None or not ref.chosen or ref.quality() < 0.97 or text[s.end:ref.start].strip(" ,") != "in":
        return False
    p, r = gaz.place(s.chosen or ""), gaz.place(ref.chosen)
    return r.kind not in REGION_KINDS and r.country_iso != p.country_iso and p.population < WORLD_CITY


def _country_fits(s: Span, spans: list[Span], gaz: Gazetteer, countries: Counter[str]) -> bool:
    """A place of a country the report gives no sign of, while it names another, is taken only when
    it is a world city or qualified; else its namesake in a country the report names, if any."""
    p = gaz.place(s.chosen or "")
    if s.quality() < 0.97 and p.source not in ("sup", "user") and _other_votes(s, p.country_iso, countries) <= 0 \
            and any(_other_votes(s, c, countries) >= 1 for c in countries if c != p.country_iso):
        return False   # another spelling of a place in a country nothing names, while another country is named
    if p.source in ("sup", "user") or s.qualifies is not None or supported(s, p.country_iso, countries):
        return True
    if s.quality() < 0.97:
        return False   # a spelling variant of a place in a country the report gives no sign of
    if p.population >= WORLD_CITY:
        return True   # (a cue word does not vouch for a town abroad: "in Kamdesh district", Nuristan named)
    home = [pid for pid, _ in s.cands if supported(s, gaz.place(pid).country_iso, countries)]
    if home:
        s.chosen = home[0]
    return bool(home)


def _spelling_vouched(s: Span, p: Place, q: float, gaz: Gazetteer, countries: Counter[str],
                      in_named_province: bool = False) -> bool:
    """Loose spellings, alternate names of world towns and guessed names need the units that qualify
    them or the report's country to vouch for them; units that qualify a place must contain it; a
    name that is also an English word needs a qualifier, its province named elsewhere in the report
    ("Qadis district centre, Badghis") or a cue and a town's size."""
    if q < 0.88 and not _vouched(s, p, countries, gaz):
        return False
    if q < 0.97 and _is_world(p) and not (s.qualifiers or s.qualifies is not None) \
            and _other_votes(s, p.country_iso, countries) < 1 and not _known_city_name(s, p):
        # "Subha" is an old name of Suva, "Ain Issa" sounds like Inisa: guesses without a word for
        # Fiji or Nigeria; but "in Vinnytsia", a city's other name after "in", is the city
        return False
    if s.qualifiers and not _within_qualifiers(s, p, gaz, countries):
        return False   # "Muqur district, Badghis" and no Muqur in Badghis: the province speaks for it
    if s.needs_qualifier and not s.qualifiers and s.qualifies is None and p.source not in ("sup", "user") \
            and s.country_named != p.country_iso \
            and not (s.strong_cue and q >= 0.97 and p.population >= TOWN_POPULATION) \
            and not (in_named_province and q >= 0.97):
        return False   # (the country named right after it qualifies it as a unit would: "Pula, Croatia")
    return True


def _is_world(p: Place) -> bool:
    """A place of the world index (not of the curated gazetteers)."""
    return p.id.startswith(world_index.PREFIXES)


def _other_votes(s: Span, country: str, countries: Counter[str]) -> float:
    """The report's votes for a country, the span's own left out."""
    return countries.get(country, 0) - (1 if s.vote == country else 0)
