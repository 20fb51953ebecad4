"""The event lexicon (``data/lexicon/events.json``): triggers, cues, civilian words, number words.

A trigger is a phrase that suggests an ACLED event type; cues refine or veto triggers. Users may
copy and extend the file (`Lexicon.load(path)`); its format is in the README beside it. The coder's
other language (vetoes, role cues, place cues ...) is in ``coder.json``, read through
`conflictscope.lexicon`.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from ... import codebook
from ...errors import ReferenceDataError
from ...literals import Literals, may_match, required_literals

DATA = Path(__file__).resolve().parents[2] / "data" / "lexicon" / "events.json"


@dataclass(frozen=True)
class Trigger:
    """A lexicon entry: a phrase that suggests an event type."""

    name: str
    pattern: re.Pattern[str]
    event_type: str
    sub_event_type: str
    rank: int
    territorial: bool = False
    needs_victim: bool = False
    weak: bool = False          # generic words ("explosion", "fighting") that elaborate a precise trigger
    requires: re.Pattern[str] | None = None   # the sentence must also match this (an attack verb for weapon nouns)
    aftermath: bool = False     # told right after violence with no date or place of its own, it is that violence's
    armed_doer: bool = False    # an event only when a state force or armed group does it (aid handed out by a cartel)
    default_doer: str = ""      # the codebook's generic party that does it when none is named ("civilians" who fled)
    overrides: tuple[str, ...] = ()   # event types it takes the place of in its sentence (a bomb gone off prematurely)
    deaths: bool = False        # its deaths are counted though its type carries none (handlers killed by their own bomb)
    literals: Literals | None = None   # strings one of which each match holds (`literals.required_literals`)
    acted_on: bool = False      # a change with a party acted on (the group defectors join), which others have not

    def may_match(self, text: str, lowered: str) -> bool:
        """Whether the pattern can match `text` (`lowered` is `text.lower()`): False spares the search."""
        return may_match(self.literals, text, lowered)


def _trigger(t: dict) -> Trigger:
    """A trigger from its lexicon entry."""
    pattern = re.compile(t["pattern"], re.I)
    return Trigger(t["name"], pattern, t["event_type"], t["sub_event_type"], int(t["rank"]),
                   bool(t.get("territorial")), bool(t.get("needs_victim")), bool(t.get("weak")),
                   re.compile(t["requires"], re.I) if t.get("requires") else None, bool(t.get("aftermath")),
                   bool(t.get("armed_doer")), str(t.get("default_doer", "")), tuple(t.get("overrides", ())),
                   bool(t.get("deaths")), required_literals(pattern), bool(t.get("acted_on")))


@dataclass(frozen=True)
class Lexicon:
    """The event lexicon: triggers, cue patterns and number words, loaded once."""

    version: str
    triggers: tuple[Trigger, ...]
    cues: dict[str, re.Pattern[str]]
    civilian_words: re.Pattern[str]
    number_words: dict[str, int]
    arrest_authorities: frozenset[str] = frozenset()

    @classmethod
    def load(cls, path: Path | None = None) -> "Lexicon":
        path = path or DATA
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            triggers = tuple(_trigger(t) for t in raw["triggers"])
            cues = {k: re.compile(v, re.I) for k, v in raw["cues"].items()}
            book = codebook.load()
            misfits = [t.name for t in triggers if not book.fits(t.event_type, t.sub_event_type)]
            if misfits:
                raise ValueError(f"triggers {misfits} name an event type and sub-event type that do not "
                                 f"fit the ACLED codebook")
            return cls(raw["version"], triggers, cues, re.compile(raw["civilian_words"], re.I),
                       dict(raw["number_words"]), frozenset(raw.get("arrest_authorities", ())))
        except (OSError, KeyError, ValueError, re.error) as exc:
            raise ReferenceDataError(
                f"event lexicon {path} is malformed: {exc}. Fix the file or restore the shipped one.") from exc
