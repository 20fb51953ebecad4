"""Reported deaths in a sentence, by the ACLED rules.

Deaths only (injuries never count); "at least a dozen" is 12, "dozens" 12, "tens" 10,
"hundreds" 100, "several" 3; when one sentence gives differing figures the lowest is kept by
the caller. Numbers that are unit names or counts of something else ("47th Regiment",
"200 fighters moved", "35 explosive devices") are not read: a figure counts only when a death
word governs it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

ORIGIN = "extract.fatalities.v1"

_QUANT = r"(?:at least|at most|some|about|around|nearly|almost|approximately|more than|over|up to|as many as|roughly|an estimated)"
_PEOPLE = (r"(?:[a-z-]+\s+){0,4}?(?:people|persons?|civilians?|soldiers?|troops|fighters?|militants?|militiamen|members?|"
           r"men|women|children|policemen|police(?:men| officers)?|officers?|gunmen|attackers|jihadists|insurgents|"
           r"personnel|guards?|residents?|farmers?|shepherds?|workers?|demonstrators?|protesters?|elements|recruits|"
           r"tribesmen|combatants|conscripts|commanders?|advisors?|advisers?|contractors?|others?|of them|victims?|"
           r"hunters|mourners|customers|pilgrims|passengers|students|shoppers|worshippers|relatives|"
           r"(?:of )?(?:whom|which)|bodies|(?:[A-Z][a-z]+ )?(?:Iraqis|Syrians|Afghans|Iranians|Kurds))")
_DEATH_AFTER = r"(?:were|was|have been|had been|being|are|got)?\s*(?:killed|dead|died|slain|shot dead|executed|lost their lives)"


@dataclass(frozen=True)
class Fatality:
    """A death figure with its words and span (offsets relative to the text given)."""

    count: int
    text: str
    start: int
    end: int
    rule: str


def _number_alternatives(words: dict[str, int]) -> str:
    alternatives = sorted((re.escape(w) for w in words), key=len, reverse=True)
    return r"\d{1,4}|" + "|".join(alternatives)


class FatalityReader:
    """Reads death figures; built once from the lexicon's number words."""

    def __init__(self, number_words: dict[str, int]) -> None:
        self.words = {k.lower(): v for k, v in number_words.items()}
        alts = _number_alternatives(self.words)
        num = rf"(?P<num>{alts})"
        q = rf"(?:{_QUANT}\s+)?"
        self.patterns: list[tuple[str, re.Pattern[str]]] = [
            ("family", re.compile(rf"\b(?:killed|killing|massacred|executed) an? (?:entire )?family of (?P<num>{alts})\b", re.I)),
            ("beaten-to-death", re.compile(r"\bbeat(?:en)?\s+(?:[\w'-]+\s+){0,6}?to death\b", re.I)),
            # "seven militants and one soldier were killed", "killing an officer and two soldiers"
            ("pair", re.compile(
                rf"\b(?:(?:killing|killed|kills|left)\s+)?{q}(?P<num>{alts})\s+{_PEOPLE}\s+and\s+{q}(?P<num2>{alts})\s+{_PEOPLE}"
                rf"(?:(?:[^.;:]{{0,40}}?\s{_DEATH_AFTER})|(?<=\w))", re.I)),
            # "killing at least seven soldiers", "killed 4 militants", "left 15 dead"
            ("verb-object", re.compile(
                rf"\b(?:killing|killed|kills|kill|left|leaving|claimed the lives of|claiming the lives of|beheaded|executed|"
                rf"murdered|shot dead|gunned down|slaughtered|massacred|lynched|"
                rf"took the lives of|resulted in the (?:deaths?|killing) of|deaths? of|killings? of)\s+{q}{num}\b"
                rf"(?!\s*(?:km|kilomet|days?|hours?|minutes?|years?|months?|weeks?)\b)(?:\s+{_PEOPLE})?(?:\s+(?:dead|people dead))?", re.I)),
            # "seven soldiers were killed", "at least six militiamen were killed", "15 people ... died"
            ("subject-passive", re.compile(
                rf"\b{q}{num}\s+{_PEOPLE}(?:(?:(?!\bwho\b|\bwhose\b|\bwhom\b)[^.;:]){{0,140}}?)\s{_DEATH_AFTER}\b", re.I)),
            # "the death toll rose to 13", "put the death toll at 11", "toll of 12"
            ("toll", re.compile(rf"\b(?:death )?toll\s+(?:has\s+)?(?:rose|rising|risen|climbed|reached|increased|stood|stands|at|of|to)\s+(?:to\s+|at\s+)?{q}{num}\b", re.I)),
            # "the number of soldiers killed in the attack has risen to 13"
            ("number-risen", re.compile(rf"\bnumber of\b[^.;]{{0,80}}?\b(?:killed|dead|deaths)\b[^.;]{{0,120}}?\b(?:has |had )?"
                                        rf"(?:risen|rose|climbed|increased|reached|stands at|stood at) (?:to )?{q}{num}\b", re.I)),
            # "12 dead", "three killed"
            ("number-dead", re.compile(rf"\b{q}{num}\s+(?:dead|killed|deaths|fatalities)\b", re.I)),
            # "one demonstrator was killed", "A civilian was shot dead", "the mukhtar ... was killed"
            ("singular", re.compile(r"\b(?P<num>an?|one|the)\s+(?:[a-z-]+\s+){0,3}?(?:civilian|demonstrator|protester|soldier|man|woman|child|boy|girl|member|fighter|militant|policeman|officer|shepherd|farmer|contractor|person|mukhtar|pharmacist|resident|guard|driver|commander|journalist|teacher|doctor|worker|victim)\s+(?:[^.;]{0,60}?\s)?(?:was|has been|had been)\s+(?:shot dead|killed|executed|slain|beheaded|murdered|found dead|stabbed to death)\b", re.I)),
            ("shot-and-killed", re.compile(r"\b(?:shot|gunned) (?:and killed|dead)\s+(?:the|a|an|one)\b", re.I)),
            # "killing him", "killing the owner", "a family of five"
            ("pronoun", re.compile(r"\b(?:killing|killed) (?:him|her)\b", re.I)),
            ("singular-object", re.compile(r"\b(?:killing|killed|shot dead|gunned down|executed|beheaded) the "
                                           r"(?:owner|driver|shepherd|farmer|mukhtar|imam|teacher|doctor|guard|victim|commander|man|woman|boy|girl)\b", re.I)),
        ]

    def value(self, token: str) -> int | None:
        token = token.lower().strip()
        if token.isdigit():
            return int(token)
        if token == "the":
            return 1
        return self.words.get(token)

    def read(self, text: str) -> list[Fatality]:
        """All death figures in `text`, non-overlapping, in order."""
        found: list[Fatality] = []
        taken: list[tuple[int, int]] = []
        for rule, pattern in self.patterns:
            for m in pattern.finditer(text):
                if any(s < m.end() and m.start() < e for s, e in taken):
                    continue
                if rule in ("shot-and-killed", "pronoun", "singular-object", "beaten-to-death"):
                    count = 1
                elif rule == "pair":
                    if not re.search(r"\b(kill|dead|died|slain|lives)", m.group(0), re.I) and not re.search(
                            r"\b(were|was|had been|have been) (killed|shot dead|slain)|\bdied\b", text[m.end():m.end() + 40], re.I):
                        continue
                    first, second = self.value(m.group("num")), self.value(m.group("num2"))
                    count = first + second if first is not None and second is not None else None
                else:
                    count = self.value(m.group("num"))
                    if rule == "verb-object" and m.group("num").lower() in ("a", "an") \
                            and not m.group(0)[m.end("num") - m.start():].strip():
                        continue   # "killed a family of five": "a" alone is no count
                if count is None:
                    continue
                if rule == "subject-passive" and re.search(r"\b(wounded|injured)\b", m.group(0), re.I) \
                        and not re.search(r"\b(killed|dead|died)\b[^.]*\b(wounded|injured)\b", m.group(0), re.I):
                    # "20 wounded ... were killed" reads the wrong number; keep only clean figures
                    continue
                taken.append((m.start(), m.end()))
                found.append(Fatality(count, m.group(0), m.start(), m.end(), f"{ORIGIN}:{rule}"))
        return sorted(found, key=lambda f: f.start)
