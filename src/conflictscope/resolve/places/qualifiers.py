"""Which place names qualify which: "X (A, B)", "X, A", "X village in the Y countryside".

A name that names an administrative unit or the area of a town right after a place ties that place
to it: the unit disambiguates the place's namesakes and sets its precision (see `choose`). A place
measured from another ("X, south of Y") says where X lies; a word of a longer unknown name is no place.
"""
from __future__ import annotations

from ... import lexicon
from ...geo import haversine_km
from ...models import Place
from .choose import ADMIN_WORDS, KIND_AFTER, MEASURED_FROM, THE_BEFORE, Span, exact_kinds, in_unit, unit_keys
from .gazetteer import Gazetteer

COUNTRYSIDE_AFTER = lexicon.section("mentions", "places").rx("countryside_after")
COUNTRYSIDE_BEFORE = lexicon.section("mentions", "places").rx("countryside")
ALIAS_AFTER = lexicon.section("mentions", "places").rx("alias_after")
PART_OF_NAME_KM = 100     # a word of an unknown name that is a place this near the unit after it is that place
METROPOLIS = 1_000_000    # "San Cristobal, Bogota": a name before a city this large is a district of it


def link_qualifiers(text: str, spans: list[Span], gaz: Gazetteer, gap_ok, landmark, listed) -> None:
    """Mark spans that name an administrative unit of the place before them: "X (A, B)", "X, A".

    A span qualifies the head before it when only punctuation and admin words stand between
    them and one of the head's candidates lies in a unit it names, or it names a province, or
    the head is a landmark ("al-Karama Square in Sweida"), or a town follows the head after a
    comma ("in Jalalpur, Shamli": the village, then the town of its area). A span in a list that
    goes on ("Marib, Al Jawf and Al Bayda") is one of several places: it qualifies the head only
    where one of the head's candidates lies in it.
    """
    head: Span | None = None
    prev: Span | None = None
    for i, s in enumerate(spans):
        if head is not None and head is prev and _building(text, head):
            head = None   # the town after "the Seray in" is the scene, not the unit of a village "Seray"
        gap = text[prev.end:s.start] if prev is not None else ""
        if prev is not None and prev is head and ALIAS_AFTER.match(gap):
            gap = " " + ALIAS_AFTER.sub("", gap, count=1).lstrip()   # "Ras al-Ain (Sere Kaniye) in the countryside of"
        in_list = "(" not in gap and _in_list(text, spans, i, gaz, listed)
        if head is not None and prev is not None and len(gap) <= 40 and gap_ok(gap) and (
                _contains(s, head, gaz) or (not in_list and (
                    "governorate" in exact_kinds(s, gaz) or (prev is head and "(" in gap)   # "X (district, province)"
                    or (prev is head and _unit_word_then_comma(gap))   # "X district, Y": Y is the province
                    or (prev is head and gap.strip() == "," and _is_town(s, gaz) and not _is_city(head, gaz))
                    or (prev is head and gap.strip() == "," and _district_of_metropolis(head, s, gaz))
                    # "X, Negros Occidental": after a comma, a name that is only ever a unit's
                    or (prev is head and gap.strip() == "," and set() != exact_kinds(s, gaz) <= {"governorate", "district"})
                    or (prev is head and landmark(text[head.end:head.end + 20]))
                    or (prev is head and _area_of(text, gap, s))))):
            s.qualifies = head
            head.qualifiers.append(s)
        elif head is not None and prev is head and _in_alias(text, head, s):
            continue   # "Ras al-Ain (Sere Kaniye)": another name of the head, which stays the head
        else:
            head = s
        prev = s


def _in_list(text: str, spans: list[Span], i: int, gaz: Gazetteer, listed) -> bool:
    """Whether the i-th span is one of a list of places that goes on ("Marib, Al Jawf and Al Bayda"); not where
    the next name is a province that holds it ("Bocachica, Cartagena, Bolivar": a place, its city, the city's
    province)."""
    s = spans[i]
    if listed(text, s.end) is not None:
        return True
    nxt = spans[i + 1] if i + 1 < len(spans) else None
    if nxt is None or text[s.end:nxt.start].strip() != ",":
        return False
    return not ("governorate" in exact_kinds(nxt, gaz) and _contains(nxt, s, gaz))


def _in_alias(text: str, head: Span, s: Span) -> bool:
    """Whether a span lies in the brackets right after the head that give it another name."""
    alias = ALIAS_AFTER.match(text[head.end:head.end + 60])   # (its '^' anchors only in a slice)
    return alias is not None and head.end + alias.end() >= s.end


def _building(text: str, s: Span) -> bool:
    """'the Seray', 'the Court of Justice': a name after 'the' that no kind of place follows."""
    return bool(THE_BEFORE.search(text, max(0, s.start - 6), s.start)) and not KIND_AFTER.match(text, s.end)


def _is_city(s: Span, gaz: Gazetteer) -> bool:
    """Whether the span's name as written is a city's (Lagos, Aden): a place in its own right, no village."""
    return any(q >= 0.97 and (gaz.place(pid).kind in ("city", "capital") or gaz.place(pid).population >= 100_000)
               for pid, q in s.cands)


def _district_of_metropolis(head: Span, s: Span, gaz: Gazetteer) -> bool:
    """'in San Cristobal, Bogota': after a comma, a city of a million people or more, spelt as written, and
    before it a name that is no city of that country: a district of the metropolis, not a list of two places."""
    metro = [gaz.place(pid) for pid, q in s.cands if q >= 0.97 and gaz.place(pid).population >= METROPOLIS]
    return bool(metro) and not any(q >= 0.97 and (p := gaz.place(pid)).population >= 100_000
                                   and p.country_iso in {m.country_iso for m in metro} for pid, q in head.cands)


def _is_town(s: Span, gaz: Gazetteer) -> bool:
    """Whether the span's best spelling names a town or city (a settlement that can stand for an area)."""
    best = max((q for _, q in s.cands), default=0.0)
    return best >= 0.97 and any(gaz.place(pid).kind in ("town", "city", "capital")
                                for pid, q in s.cands if q >= best - 1e-9)


def _unit_word_then_comma(gap: str) -> bool:
    """'district, ', 'county, ': the kind of unit of the place before, then the unit above it."""
    words = gap.replace(",", " , ").split()
    return len(words) >= 2 and words[-1] == "," and words[-2].lower() in ADMIN_WORDS


def _contains(q: Span, head: Span, gaz: Gazetteer) -> bool:
    """Whether one of the head's candidates lies in a unit the span names (in its own words or by the
    gazetteer's name of the place it matches: 'Tlalpan, Ciudad de Mexico' is in Mexico City)."""
    keys = unit_keys(q.unit_text) | frozenset(
        k for pid, quality in q.cands[:3] if quality >= 0.9 for k in unit_keys(gaz.place(pid).name))
    return any(in_unit(gaz.place(pid), keys) for pid, _ in head.cands)


def _area_of(text: str, gap: str, s: Span) -> bool:
    """'X village in the Y countryside', 'X in rural Y': the area around a town Y, where X lies."""
    return (" in " in f" {gap} " and bool(COUNTRYSIDE_AFTER.match(text[s.end:s.end + 40]))) \
        or bool(COUNTRYSIDE_BEFORE.search(gap))


def link_measures(text: str, spans: list[Span]) -> None:
    """'in Diwaniya province, south of Baghdad': a place named after a comma and a direction or distance
    from it says where the place before lies (`Span.measures`); it is no scene of its own."""
    for prev, s in zip(spans, spans[1:]):
        gap = text[prev.end:s.start]
        if len(gap) <= 40 and gap.lstrip().startswith(",") and any(rx.search(gap) for rx in MEASURED_FROM[:2]):
            s.measures = prev


def without_parts_of_unknown(text: str, spans: list[Span], gaz: Gazetteer) -> list[Span]:
    """Spans on a word of a longer name the gazetteer lacks ("Ras" of "the Ras al Nabea district of
    Beirut"): that name is a place in the unit after it, not a namesake of its first word far from
    that unit ("Macuto" of "Macuto Bay, Vargas" lies in Vargas and stays)."""
    inside: list[tuple[int, int, Place]] = []
    for s in spans:
        if s.unknown_head and (pos := text.rfind(s.unknown_head, 0, s.start)) >= 0:
            inside.append((pos, pos + len(s.unknown_head), gaz.place(s.chosen)))
    return [s for s in spans if not any(a <= s.start and s.end <= b and _far(gaz.place(s.chosen), unit)
                                        for a, b, unit in inside)]


def _far(p: Place, unit: Place) -> bool:
    return p.country_iso != unit.country_iso or haversine_km(p.lat, p.lon, unit.lat, unit.lon) > PART_OF_NAME_KM
