"""Which country a report is about: the countries of the places it names, and the words that name one."""
from __future__ import annotations

from collections import Counter

from ..models import Mention
from ..theatre import Theatre
from .places import Gazetteer


def report_country(places: list[Mention], gazetteer: Gazetteer, text: str, theatre: Theatre) -> str | None:
    """The ISO code of the country a report is mostly about, from the places it names."""
    votes: Counter[str] = Counter()
    for m in places:
        place = gazetteer.get(m.resolved or "")
        if place is not None:
            votes[place.country_iso] += 1
    lowered = text.lower()
    for iso2, cues in theatre.focus.cues.items():
        votes[iso2] += 0.5 * sum(lowered.count(cue) for cue in cues)
    if not votes or max(votes.values()) == 0:
        return None
    return votes.most_common(1)[0][0]
