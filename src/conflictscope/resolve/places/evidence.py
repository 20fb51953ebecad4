"""Words that say which country a report is about: country names, demonyms and the cues of one
country (missions deployed only there), read from the theatre (`data/theatre/countries.json`)."""
from __future__ import annotations

from collections import Counter

from ... import theatre as theatre_data
from .names import fold

_THEATRE = theatre_data.load()
# Words that name a country (or its people): a hint for disambiguation, never a place mention.
COUNTRY_WORDS = {fold(w): cc for w, cc in _THEATRE.words().items() if len(w) >= 4} | {
    fold(w): cc for w, cc in _THEATRE.cues().items()}   # "OSCE SMM", "UNIFIL": missions found in one country
# a country's name says where a report is more surely than its people's name ("the Iranian consulate in Najaf")
NAME_WORDS = {fold(w) for w in (*_THEATRE.words(demonyms=False), *_THEATRE.cues()) if len(w) >= 4}
DEMONYM_WEIGHT = 0.4


def country_evidence(text: str, toks: list[tuple[int, int, str]], hint: str | None) -> Counter[str]:
    """Countries the report names by name or demonym ("Yemeni", "South Sudan")."""
    counts: Counter[str] = Counter()
    words = [fold(tok) for _, _, tok in toks]
    for i in range(len(words)):
        for n in (4, 3, 2, 1):
            phrase = " ".join(words[i:i + n]) if i + n <= len(words) else ""
            cc = COUNTRY_WORDS.get(phrase)
            if cc:
                counts[cc] += 1 if phrase in NAME_WORDS else DEMONYM_WEIGHT
                break
    if hint:
        cc = hint.upper() if _THEATRE.get(hint) else COUNTRY_WORDS.get(fold(hint))
        if cc:
            counts[cc] += 5
    return counts
