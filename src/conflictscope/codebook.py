"""The ACLED codebook as conflictscope uses it: one source for the coder, CLI, web UI and exports.

Event types with their sub-event types and disorder types, the precedence rules the coder follows
when a sentence or a merge offers several types, and the inter codes of actor types. The names
and orders are data (``data/codebook/acled.json``); this module loads them once, checks them and
answers questions about them.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from enum import IntEnum
from functools import lru_cache
from pathlib import Path

from .errors import ReferenceDataError

DATA = Path(__file__).resolve().parent / "data" / "codebook" / "acled.json"


class Inter(IntEnum):
    """ACLED's inter codes: the kind of actor."""

    STATE = 1
    REBEL = 2
    POLITICAL_MILITIA = 3
    IDENTITY_MILITIA = 4
    RIOTERS = 5
    PROTESTERS = 6
    CIVILIANS = 7
    EXTERNAL = 8


# The names the coder's rules refer to; `load` checks that the codebook data holds each of them.
BATTLES = "Battles"
REMOTE_VIOLENCE = "Explosions/Remote violence"
VIOLENCE_AGAINST_CIVILIANS = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
DEVELOPMENTS = "Strategic developments"

ARMED_CLASH = "Armed clash"
GOVERNMENT_REGAINS = "Government regains territory"
NONSTATE_OVERTAKES = "Non-state actor overtakes territory"
AIR_STRIKE = "Air/drone strike"
SHELLING = "Shelling/artillery/missile attack"
REMOTE_EXPLOSIVE = "Remote explosive/landmine/IED"
ABDUCTION = "Abduction/forced disappearance"
ATTACK = "Attack"
EXCESSIVE_FORCE = "Excessive force against protesters"
PROTEST_WITH_INTERVENTION = "Protest with intervention"
PEACEFUL_PROTEST = "Peaceful protest"
MOB_VIOLENCE = "Mob violence"
VIOLENT_DEMONSTRATION = "Violent demonstration"
AGREEMENT = "Agreement"
ARRESTS = "Arrests"
CHANGE_OF_ACTIVITY = "Change to group/activity"
DISRUPTED_WEAPONS = "Disrupted weapons use"
BASE_ESTABLISHED = "Headquarters or base established"
LOOTING = "Looting/property destruction"
TERRITORY_TRANSFER = "Non-violent transfer of territory"
OTHER = "Other"
_NAMED_TYPES = (BATTLES, REMOTE_VIOLENCE, VIOLENCE_AGAINST_CIVILIANS, PROTESTS, RIOTS, DEVELOPMENTS)
_NAMED_SUB_TYPES = (ARMED_CLASH, GOVERNMENT_REGAINS, NONSTATE_OVERTAKES, AIR_STRIKE, REMOTE_EXPLOSIVE, ABDUCTION,
                    EXCESSIVE_FORCE, PROTEST_WITH_INTERVENTION, PEACEFUL_PROTEST, MOB_VIOLENCE, VIOLENT_DEMONSTRATION, AGREEMENT, ARRESTS,
                    CHANGE_OF_ACTIVITY, DISRUPTED_WEAPONS, BASE_ESTABLISHED, LOOTING, TERRITORY_TRANSFER, OTHER)

ARMED = frozenset({Inter.STATE, Inter.REBEL, Inter.POLITICAL_MILITIA, Inter.IDENTITY_MILITIA, Inter.EXTERNAL})
UNARMED = frozenset({Inter.PROTESTERS, Inter.CIVILIANS})
STATE_LIKE = frozenset({Inter.STATE, Inter.EXTERNAL})


@dataclass(frozen=True)
class EventType:
    """One ACLED event type."""

    name: str
    disorder_type: str
    colour: str
    sub_event_types: tuple[str, ...]


@dataclass(frozen=True)
class Codebook:
    """The taxonomy and its precedence rules."""

    event_types: tuple[EventType, ...]
    violent_order: tuple[str, ...]
    sub_event_order: tuple[str, ...]
    development_order: tuple[str, ...]
    inter_labels: dict[int, str]
    fatal_types: frozenset[str]
    generic_actors: dict[str, str]
    deathless_sub_types: frozenset[str] = frozenset()

    @property
    def type_names(self) -> list[str]:
        return [t.name for t in self.event_types]

    def event_type(self, name: str) -> EventType | None:
        return next((t for t in self.event_types if t.name == name), None)

    def disorder_type(self, event_type: str) -> str:
        t = self.event_type(event_type)
        if t is None:
            raise KeyError(f"'{event_type}' is not an ACLED event type")
        return t.disorder_type

    def sub_types(self, event_type: str) -> tuple[str, ...]:
        t = self.event_type(event_type)
        return t.sub_event_types if t else ()

    def type_of(self, sub_event_type: str) -> str | None:
        """The event type a sub-event type belongs to; None for a name the codebook does not know."""
        return next((t.name for t in self.event_types if sub_event_type in t.sub_event_types), None)

    def fits(self, event_type: str, sub_event_type: str) -> bool:
        """Whether a sub-event type belongs to an event type."""
        return sub_event_type in self.sub_types(event_type)

    def colours(self) -> dict[str, str]:
        return {t.name: t.colour for t in self.event_types}

    def violent_rank(self, event_type: str) -> int:
        """Precedence among violent types in one sentence (lower wins); 9 for the rest."""
        return self.violent_order.index(event_type) if event_type in self.violent_order else 9

    def carries_deaths(self, event_type: str, sub_event_type: str = "") -> bool:
        """Whether events of this type and sub-type carry fatalities (strategic developments and
        peaceful protests do not: deaths told beside a peaceful protest are its grievance)."""
        return event_type in self.fatal_types and sub_event_type not in self.deathless_sub_types

    def generic_actor(self, role: str, country: str = "") -> str:
        """ACLED's name for an unnamed party ("armed_group", "civilians", ...) in a country."""
        return self.generic_actors[role].format(country=country)

    def generic_prefix(self, role: str) -> str:
        """What every country's generic name for a role starts with ("Civilians (")."""
        return self.generic_actors[role].split("{country}")[0]

    def merge_rank(self, sub_event_type: str) -> int:
        """Which sub-type a merged event keeps (lower wins): specific developments before generic ones."""
        if sub_event_type in self.development_order:
            return 100 + self.development_order.index(sub_event_type)
        return self.sub_event_order.index(sub_event_type) if sub_event_type in self.sub_event_order else 99


def interaction(inter1: int | None, inter2: int | None) -> str:
    """ACLED's interaction code: the two inter codes, lower first ("13"); one actor alone gives "10"."""
    codes = sorted(x for x in (inter1, inter2) if x is not None)
    if len(codes) == 2:
        return f"{codes[0]}{codes[1]}"
    return f"{codes[0]}0" if codes else ""


@lru_cache(maxsize=None)
def load(path: Path = DATA) -> Codebook:
    """The codebook, loaded and checked once."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        types = tuple(EventType(t["name"], t["disorder_type"], t["colour"], tuple(t["sub_event_types"]))
                      for t in raw["event_types"])
        book = Codebook(types, tuple(raw["violent_precedence"]["order"]),
                        tuple(raw["sub_event_precedence"]["order"]),
                        tuple(raw["development_precedence"]["order"]),
                        {int(k): v for k, v in raw["inter_codes"].items()},
                        frozenset(raw["fatal_types"]["types"]), dict(raw["generic_actors"]["names"]),
                        frozenset(raw["fatal_types"].get("deathless_sub_types", ())))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ReferenceDataError(f"codebook {path} is malformed: {exc}. Restore the shipped file.") from exc
    subs = {s for t in book.event_types for s in t.sub_event_types}
    for order in (book.sub_event_order, book.development_order, tuple(book.deathless_sub_types)):
        unknown = [s for s in order if s not in subs]
        if unknown:
            raise ReferenceDataError(f"codebook {path}: precedence names unknown sub-event types {unknown}")
    missing = [s for s in _NAMED_SUB_TYPES if s not in subs] + [
        t for t in _NAMED_TYPES if book.event_type(t) is None]
    if missing:
        raise ReferenceDataError(f"codebook {path} lacks types the coder's rules name: {missing}")
    unknown_types = [t for t in (*book.violent_order, *book.fatal_types) if book.event_type(t) is None]
    if unknown_types or sorted(book.inter_labels) != [int(i) for i in Inter]:
        raise ReferenceDataError(f"codebook {path}: unknown event types {unknown_types} or inter codes not 1-8")
    return book


__all__ = ["Codebook", "EventType", "Inter", "ARMED", "UNARMED", "STATE_LIKE", "interaction", "load"]
