"""Which country a report is about: the countries of the places it names, and the words that name one."""
from __future__ import annotations

import re
from collections import Counter

from ..models import Mention
from ..theatre import Theatre
from .places import Gazetteer
from .places.choose import CITY_POPULATION


_NAMES_RX: dict[int, re.Pattern[str]] = {}
NAME_WEIGHT = 0.5    # a country named in the text ("in Lebanon", "Nigeria's army", "the OSCE SMM")
GROUP_WEIGHT = 0.5   # a named armed group of one country ("Boko Haram"), once
HINT_WEIGHT = 2.0    # the country the user says the reports are about (`ingest --country`)
CITY_VOTE = 1.5      # a place of CITY_POPULATION or more: its country, a little more surely


def report_country(places: list[Mention], gazetteer: Gazetteer, text: str, theatre: Theatre,
                   groups: Counter[str] | None = None, hint: str | None = None) -> str | None:
    """The ISO code of the country a report is mostly about: the places it names first, then the
    countries it names and those of the armed groups it names; `hint`, the country the user says the
    reports are about, where the report itself says little."""
    votes: Counter[str] = Counter()
    if hint:
        votes[hint] += HINT_WEIGHT
    for m in places:
        place = gazetteer.get(m.resolved or "")
        if place is not None:
            # a city or capital says where a report is more surely than a small namesake ("a bazaar
            # called Meda in Addis Ababa" is in Ethiopia, not in Italy's Meda)
            votes[place.country_iso] += CITY_VOTE if place.population >= CITY_POPULATION else 1
    lowered = text.lower()
    for iso2, cues in theatre.focus.cues.items():
        votes[iso2] += 0.5 * sum(lowered.count(cue) for cue in cues)
    names = theatre.words(demonyms=False) | theatre.cues()
    for m in _names_rx(theatre).finditer(lowered):
        if names[m.group(0)] not in theatre.focus.cues:   # the focus countries' own cues are counted above
            votes[names[m.group(0)]] += NAME_WEIGHT
    for iso2, share in (groups or {}).items():
        votes[iso2] += GROUP_WEIGHT * share
    if not votes or max(votes.values()) == 0:
        return None
    return votes.most_common(1)[0][0]


def _names_rx(theatre: Theatre) -> re.Pattern[str]:
    """One pattern for every country name of four letters or more, longest first, as whole words."""
    key = id(theatre)
    if key not in _NAMES_RX:
        words = sorted((w for w in (*theatre.words(demonyms=False), *theatre.cues()) if len(w) >= 4), key=len, reverse=True)
        _NAMES_RX[key] = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b")
    return _NAMES_RX[key]
