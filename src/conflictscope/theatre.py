"""Countries as conflictscope names them: the only place where a country is named.

Loaded from ``data/theatre/countries.json`` (format in the README beside it): ISO codes, ACLED's
country name and region, other names, demonyms and regime periods, plus the *focus* of the shipped
reference data (the countries its actor registry and village gazetteers cover). Code asks this
module for a country's name, numeric code or region, or which country a word names; it never
writes a country itself.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .errors import ReferenceDataError


def _unaccented(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word.casefold()) if not unicodedata.combining(c))


DATA = Path(__file__).resolve().parent / "data" / "theatre" / "countries.json"


@dataclass(frozen=True)
class Period:
    """A regime period, as ACLED writes it after state forces: "(2014-)", "(2000-2024)"."""

    since: str
    until: str | None = None

    @property
    def label(self) -> str:
        return f"({self.since[:4]}-{(self.until or '')[:4]})"


@dataclass(frozen=True)
class Country:
    """One country: codes, ACLED's name and region, other names and demonyms."""

    iso2: str
    iso3: str
    numeric: int
    name: str
    article: str = ""                     # "the" where the name takes one in a phrase ("the United States")
    names: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    region: str = ""
    arabic: bool = False
    periods: tuple[Period, ...] = ()
    cues: tuple[str, ...] = ()            # names that place a report in the country: missions deployed only there
    forces: tuple[tuple[str, tuple[str, ...]], ...] = ()   # ("military", ("SSPDF", ...)): its forces' own names

    def force_names(self, kind: str) -> tuple[str, ...]:
        """The names of the country's "military" or "police" that carry no demonym ("SSPDF", "Tatmadaw")."""
        return next((names for k, names in self.forces if k == kind), ())

    @property
    def in_phrase(self) -> str:
        """The name as it stands after "of": "the United States", "Yemen"."""
        return f"{self.article} {self.name}" if self.article else self.name

    @property
    def adjectives(self) -> tuple[str, ...]:
        """Demonyms that are adjectives ("Yemeni"), not the plural of one ("Yemenis")."""
        return tuple(d for d in self.demonyms if not (d.endswith("s") and d[:-1] in self.demonyms))

    @property
    def peoples(self) -> tuple[str, ...]:
        """Demonyms that name the people, the plural of an adjective ("Yemenis")."""
        return tuple(d for d in self.demonyms if d.endswith("s") and d[:-1] in self.demonyms)


@dataclass(frozen=True)
class Focus:
    """What the shipped reference data covers best."""

    registry: tuple[str, ...]
    villages: frozenset[str]
    default: str
    cues: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class Theatre:
    """Every country, indexed by code and by the words that name it."""

    countries: dict[str, Country]
    focus: Focus
    _words: dict[str, str] = field(default_factory=dict, repr=False)

    def get(self, iso2: str | None) -> Country | None:
        return self.countries.get((iso2 or "").upper())

    def name(self, iso2: str | None, default: str = "") -> str:
        c = self.get(iso2)
        return c.name if c else default

    def numeric(self, iso2: str | None) -> int | None:
        c = self.get(iso2)
        return c.numeric if c and c.numeric else None

    def region(self, iso2: str | None) -> str:
        c = self.get(iso2)
        return c.region if c else ""

    def by_word(self, word: str) -> str | None:
        """The ISO code of the country a name or demonym names ("Syrian", "Iraq"), or None."""
        return self._words.get(word.casefold())

    def code_of(self, word: str) -> str | None:
        """The ISO code of a country a user names by name, demonym or code, accents optional ("Lebanon",
        "lb", "Curacao"), or None."""
        word = word.strip()
        found = self.by_word(word) or (word.upper() if self.get(word) is not None else None)
        return found or next((cc for w, cc in self._words.items() if _unaccented(w) == _unaccented(word)), None)

    def words(self, iso2_codes: tuple[str, ...] | None = None, *, demonyms: bool = True) -> dict[str, str]:
        """Lower-case words (names, demonyms) naming the given countries (all when None) -> ISO code."""
        out: dict[str, str] = {}
        for cc in iso2_codes if iso2_codes is not None else tuple(self.countries):
            c = self.countries.get(cc)
            if c is None:
                continue
            for w in (c.name, *c.names, *(c.demonyms if demonyms else ())):
                out.setdefault(w.casefold(), cc)
        return out

    def cues(self) -> dict[str, str]:
        """Lower-case names of things found in one country only (a monitoring or peacekeeping mission:
        "OSCE SMM", "UNIFIL") -> ISO code: as good a sign of where a report is as the country's name."""
        return {w.casefold(): cc for cc, c in self.countries.items() for w in c.cues}

    def nationality(self, word: str, among: tuple[str, ...] | None = None) -> str | None:
        """The country name a demonym gives ("Iraqi" -> the name of Iraq), optionally among some countries."""
        for cc in among if among is not None else tuple(self.countries):
            c = self.countries.get(cc)
            if c is not None and any(word.casefold() == d.casefold() for d in c.demonyms):
                return c.name
        return None


def _country(row: dict) -> Country:
    return Country(
        iso2=row["iso2"], iso3=row["iso3"], numeric=int(row["numeric"]), name=row["name"],
        article=row.get("article", ""),
        names=tuple(row.get("names", ())), demonyms=tuple(row.get("demonyms", ())),
        region=row.get("region", ""), arabic=bool(row.get("arabic")),
        periods=tuple(Period(p["since"], p.get("until")) for p in row.get("periods", ())),
        cues=tuple(row.get("cues", ())),
        forces=tuple((kind, tuple(names)) for kind, names in sorted(row.get("forces", {}).items())))


@lru_cache(maxsize=None)
def load(path: Path = DATA) -> Theatre:
    """The theatre, loaded and checked once."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        countries = {r["iso2"]: _country(r) for r in raw["countries"]}
        f = raw["focus"]
        focus = Focus(tuple(f["registry"]), frozenset(f["villages"]), f["default"],
                      {k: tuple(v) for k, v in f.get("cues", {}).items()})
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ReferenceDataError(f"theatre file {path} is malformed: {exc}. Restore the shipped file.") from exc
    unknown = [cc for cc in (*focus.registry, *focus.villages, focus.default, *focus.cues) if cc not in countries]
    if unknown:
        raise ReferenceDataError(f"theatre file {path}: focus names unknown country codes {unknown}")
    bad = [c.iso2 for c in countries.values() if not re.fullmatch(r"[A-Z]{2}", c.iso2)]
    if bad:
        raise ReferenceDataError(f"theatre file {path}: country codes must be two capital letters: {bad}")
    theatre = Theatre(countries, focus)
    theatre._words.update(theatre.words())
    return theatre


__all__ = ["Country", "Focus", "Period", "Theatre", "load"]
