"""Reported deaths in a sentence, by the ACLED rules.

Deaths only (injuries never count); "at least a dozen" is 12, "dozens" 12, "tens" 10,
"hundreds" 100, "several" 3; when one sentence gives differing figures the lowest is kept by
the caller. Numbers that are unit names or counts of something else ("47th Regiment",
"200 fighters moved", "35 explosive devices") are not read: a figure counts only when a death
word governs it. A figure is read whole ("1,500" is 1,500, never 1 or 500), up to
`MAX_FATALITIES`; a larger one is not read at all.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..lexicon import section
from ..literals import may_match, required_literals

ORIGIN = "extract.fatalities.v1"
# The largest death figure read from one phrase: above it a number is no plausible count of one
# event's dead (a date, a telephone number, a parsing accident) and is not read at all.
MAX_FATALITIES = 100_000

_LEX = section("fatalities")
# The rules in the order they are tried; a later rule never reads words an earlier one took.
RULES = ("unnumbered", "family", "to-death-count", "beaten-to-death", "person-and-kin-count", "kin-object", "series", "pair",
         "person-and-kin", "death-of", "verb-object", "subject-passive", "toll", "number-risen", "number-dead", "bodies-of", "bodies-found", "found-bodies",
         "singular", "shot-and-killed", "pronoun", "singular-object", "singular-object-indefinite", "body-of-one",
         "body-found", "bodies-unnumbered", "bare-passive", "pronoun-subject")
# Rules whose words name one death without a figure.
_ONE_DEATH = frozenset({"shot-and-killed", "pronoun", "singular-object", "beaten-to-death", "singular-object-indefinite",
                        "body-of-one", "body-found", "pronoun-subject"})
# Rules whose words name deaths, more than one, without a figure: counted as the number word "several"
_SEVERAL_DEATHS = frozenset({"unnumbered", "bodies-unnumbered"})
# Rules whose words name two deaths: a person and a relative, a guard or a companion
_TWO_DEATHS = frozenset({"person-and-kin", "kin-object"})
# Where a rule reads a figure; filled with the number words the reader is built with.
_NUMBERS = "{numbers}"
_PAIR_DEATH_WORD = _LEX.rx("pair_death_word")
_PAIR_DEATH_AFTER = _LEX.rx("pair_death_after")
_PAIR_INJURY_AFTER = _LEX.rx("pair_injury_after")
_MORE_BEFORE = _LEX.rx("more_before")
_SERIES_SPLIT = _LEX.rx("series_split")
_QUANTITY = _LEX.rx("quantity")
_INJURY = _LEX.rx("injury")
_RANGE_LOW = _LEX.rx("range_low")
_MONTH_BEFORE = _LEX.rx("month_before")
_DEATH_BEFORE_INJURY = _LEX.rx("death_before_injury")
_ARTICLES = _LEX.words("article_numbers")
_DEFINITE = _LEX.table("definite_counts")


@dataclass(frozen=True)
class Fatality:
    """A death figure with its words and span (offsets relative to the text given)."""

    count: int
    text: str
    start: int
    end: int
    rule: str


def _number_alternatives(words: dict[str, int]) -> str:
    """A figure ("12", "1,500") or a number word; never part of a longer one ("1" of "1,500", "1 500")."""
    alternatives = sorted((re.escape(w) for w in words), key=len, reverse=True)
    return r"(?:\d{1,3}(?:,\d{3})+|\d{1,4})(?![,.]?\d|\s\d{3}\b)|" + "|".join(alternatives)


def _ends_figure(text: str, start: int) -> bool:
    """Whether a figure at `start` is the tail of a longer one ("1.000", "1,000", "1 000")."""
    return start >= 2 and text[start - 2].isdigit() and text[start - 1] in ",. "


class FatalityReader:
    """Reads death figures; built once from the lexicon's number words."""

    def __init__(self, number_words: dict[str, int]) -> None:
        self.words = {k.lower(): v for k, v in number_words.items()}
        numbers = _number_alternatives(self.words)
        self.patterns: list[tuple[str, re.Pattern[str]]] = [
            (rule, re.compile(_LEX.rx(rule).pattern.replace(_NUMBERS, numbers), _LEX.rx(rule).flags))
            for rule in RULES
        ]
        self.literals = {rule: required_literals(pattern) for rule, pattern in self.patterns}
        # cheap tests of the costly list rules: a figure after a comma, after "and"
        self.gates = {rule: re.compile(_LEX.rx(f"{rule}_gate").pattern.replace(_NUMBERS, numbers), _LEX.rx(f"{rule}_gate").flags)
                      for rule in ("series", "pair")}

    def value(self, token: str) -> int | None:
        """The count a figure or number word stands for; None when it is neither."""
        token = token.lower().strip()
        if token.replace(",", "").isdigit():
            count = int(token.replace(",", ""))
            return count if count <= MAX_FATALITIES else None
        if token in _DEFINITE:
            return _DEFINITE[token]
        return self.words.get(token)

    def read(self, text: str) -> list[Fatality]:
        """All death figures in `text`, non-overlapping, in order."""
        found: list[Fatality] = []
        taken: list[tuple[int, int]] = []
        lowered = text.lower()
        for rule, pattern in self.patterns:
            gate = self.gates.get(rule)
            if not may_match(self.literals[rule], text, lowered) or (gate is not None and not gate.search(text)):
                continue
            pos = 0
            while (m := pattern.search(text, pos)) is not None:
                pos = m.end()
                if any(s < m.end() and m.start() < e for s, e in taken):
                    continue
                count = self._count(rule, m, text)
                if count is None:
                    continue
                if rule == "subject-passive" and _INJURY.search(m.group(0)) \
                        and not _DEATH_BEFORE_INJURY.search(m.group(0)):
                    # "20 wounded ... were killed" reads the wrong number; keep only clean figures, and
                    # look again after this one ("3 people were injured and 1 person died")
                    pos = m.end("num")
                    continue
                start = m.start()
                low = _RANGE_LOW.search(text, max(0, m.start("num") - 20), m.start("num")) \
                    if "num" in m.re.groupindex and m.group("num") and rule != "pair" else None
                lowest = int(low.group("low") or low.group("low2")) if low is not None else count
                if lowest < count and not any(s < m.end() and low.start() < e for s, e in taken):
                    count, start = lowest, min(start, low.start())   # "10-15 people were killed": the lowest
                if (more := _MORE_BEFORE.search(text, max(0, start - 16), start)) is not None:
                    start = more.start()   # "the other two victims died": others than those told before
                taken.append((start, m.end()))
                found.append(Fatality(count, text[start:m.end()], start, m.end(), f"{ORIGIN}:{rule}"))
        return sorted(found, key=lambda f: f.start)

    def _series_sum(self, m: re.Match[str], text: str) -> int | None:
        """The sum of the figures of a list ("3 policemen, 2 militiamen and 1 soldier"); None where one
        item is no figure or the sum is past belief."""
        values = []
        for item in _SERIES_SPLIT.split(text[m.start("num"):m.end("num2")]):
            words = item[_QUANTITY.match(item).end():].split()
            values.append(self.value(words[0]) if words else None)
        if any(v is None for v in values) or sum(values) > MAX_FATALITIES:
            return None
        return sum(values)

    def _count(self, rule: str, m: re.Match[str], text: str) -> int | None:
        """The deaths one match of `rule` reports; None when it reports none."""
        if rule in _ONE_DEATH:
            return 1
        if rule in _SEVERAL_DEATHS:
            return self.value("several")
        if rule in _TWO_DEATHS:
            return 2
        if rule == "person-and-kin-count":
            kin = self.value(m.group("num"))
            return None if kin is None else 1 + kin   # "a woman and her two children"
        if any(_ends_figure(text, m.start(g)) for g in ("num", "num2") if g in m.re.groupindex and m.group(g)):
            return None   # the "000" of "1.000" or "1 000"
        if "num" in m.re.groupindex and m.group("num") and _MONTH_BEFORE.search(text, max(0, m.start("num") - 12),
                                                                              m.start("num")):
            return None   # "Jan 10 - Protesters ...": a day of the month
        if rule in ("pair", "series"):
            if not _PAIR_DEATH_WORD.search(m.group(0)) and not _PAIR_DEATH_AFTER.search(text[m.end():m.end() + 40]):
                return None
            if _PAIR_INJURY_AFTER.search(text[m.end():m.end() + 40]):
                return None   # "killed a soldier and a civilian was wounded": one death, told by another rule
            if rule == "series":
                return self._series_sum(m, text)
            first, second = self.value(m.group("num")), self.value(m.group("num2"))
            if first is None or second is None or first + second > MAX_FATALITIES:
                return None
            return first + second
        if rule == "verb-object" and m.group("num").lower() in _ARTICLES \
                and not m.group(0)[m.end("num") - m.start():].strip():
            return None   # "killed a family of five": "a" alone is no count
        return self.value(m.group("num"))
