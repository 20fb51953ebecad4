"""The gazetteer: every known place and a transliteration-tolerant index over its names.

It joins the shipped files in ``conflictscope/data/places`` (see its README): OCHA's Syrian
populated places, a compact GeoNames index of the neighbouring countries and a curated supplement
of bases, crossings, fields, dams, camps, districts and desert areas, plus any user supplement.
Names are indexed under the keys of `names` (base, phonetic, vowel class, skeleton).
"""
from __future__ import annotations

import csv
import json
import math
import os
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator

from rapidfuzz import fuzz, process

from ... import lexicon
from ... import theatre as theatre_data
from ...cache import cache_dir, cached
from ...errors import ReferenceDataError
from ...geo import haversine_km
from ...models import Place
from . import world as world_index
from .world import WorldIndex
from .names import (ARABIC, DIRECTION_WORDS, arabic_keys, fold, inner_ending_keys, latin_tokens, name_keys,
                    phonetic, skeleton, untranslated, vowel_class)

CACHE_VERSION = "2"
MANIFEST = "gazetteers.json"
WORLD_VARIANT = 0.86   # match quality of a world town's spelling variant: below the curated variants
WORLD_ALTERNATE = 0.93  # a world town's alternate name (often historical or foreign): below its own name
LEX = lexicon.section("gazetteer", "places")
KIND_PRIOR = dict(LEX.table("kind_prior"))
PROMINENT_KINDS = LEX.words("prominent_kinds")
REGION_KINDS = LEX.words("region_kinds")
DISTRICT_KINDS = LEX.words("district_kinds")
MATCH_CACHE_SIZE = 100_000

@dataclass
class Gazetteer:
    """All known places and a normalised-name index over them; build once with `load()`."""

    places: dict[str, Place]
    exact: dict[str, list[str]] = field(default_factory=dict)
    phon: dict[str, list[str]] = field(default_factory=dict)
    vowel: dict[str, list[str]] = field(default_factory=dict)
    skel: dict[str, list[str]] = field(default_factory=dict)
    person_names: frozenset[str] = frozenset()
    not_places: frozenset[str] = frozenset()
    english: frozenset[str] = frozenset()
    villages: frozenset[str] = frozenset()   # countries whose gazetteers reach villages
    max_tokens: int = 6
    world: WorldIndex | None = field(default=None, repr=False)   # the world's towns, on disk
    _phon_keys: list[str] = field(default_factory=list, repr=False)
    _codes: dict[str, list[str]] | None = field(default=None, repr=False)   # "UP" -> the division's place ids
    # a report names the same few words again and again: each is matched once (the index is read-only)
    _matches: dict[tuple[str, bool, bool], list[tuple[str, float]]] = field(default_factory=dict, repr=False,
                                                                           compare=False)
    # each key's world places, read by two steps of a match: the index is asked once
    _world_keys: dict[tuple[str, int], list[tuple[str, bool]]] = field(default_factory=dict, repr=False,
                                                                       compare=False)

    @classmethod
    def load(cls, extra_files: Iterable[str | os.PathLike[str]] = (), *,
             cache: bool = True, world: bool = True) -> "Gazetteer":
        """Load OCHA + GeoNames + supplement (+ user supplement files) and index their names.

        Args:
            extra_files: CSV files in the supplement's format that extend the gazetteer.
            cache: keep the built index as a pickle in the user cache dir (rebuilt when any
                data file changes; everything works without it).
            world: add the world's towns (`world`), built into the cache dir on first use.
        """
        gaz = cls._load_curated(extra_files, cache)
        if world:
            gaz.world = world_index.load(cache_dir(), gaz._geonames_ids(), gaz.villages, _manifest().division_codes)
        return gaz

    @classmethod
    def _load_curated(cls, extra_files: Iterable[str | os.PathLike[str]], cache: bool) -> "Gazetteer":
        """The curated, in-memory part: village gazetteers, the regional GeoNames index, supplements."""
        manifest = _manifest()
        extras = [Path(p) for p in extra_files]
        for p in extras:
            if not p.is_file():
                raise ReferenceDataError(
                    f"place supplement {p} does not exist. You can fix this by passing the path "
                    f"of a CSV with the columns of conflictscope/data/places/supplement.csv")
        # the code and data that shape the index: the cache is rebuilt when any of them changes
        code = [Path(__file__), Path(__file__).with_name("names.py"), lexicon.DATA_DIR / "places.json",
                theatre_data.DATA]
        return cached("gazetteer", CACHE_VERSION, code + manifest.files() + extras,
                      lambda: cls._build(manifest, extras), enabled=cache)

    @classmethod
    def _build(cls, manifest: "_Manifest", extras: list[Path]) -> "Gazetteer":
        theatre = theatre_data.load()
        places: dict[str, Place] = {}
        for path, country in manifest.villages:
            _load_ocha(path, country, places)
        _load_geonames(manifest.geonames, places)
        _load_supplement(manifest.supplement, places, "sup")
        for p in extras:
            _load_supplement(p, places, "user")
        gaz = cls(places=places,
                  person_names=frozenset(_read_words(manifest.person_names)),
                  not_places=frozenset(_read_words(manifest.not_places)),
                  english=frozenset(_read_words(manifest.english)),
                  villages=theatre.focus.villages)
        arabic = {c.iso2 for c in theatre.countries.values() if c.arabic}
        for pid, place in places.items():
            for name in (place.name, *place.alt_names):
                if name is not place.name and place.source not in ("sup", "user") and (
                        len(name) < 4 or (name.isupper() and len(name) <= 4)
                        or (place.source == "geonames" and ARABIC.search(name) and place.country_iso not in arabic)):
                    continue   # short codes ('DAM', 'Sam') and GeoNames' Persian/Kurdish spellings: noise
                gaz._add_name(pid, name)
        gaz._prefer_supplement()
        gaz._phon_keys = sorted(k for k in gaz.phon if k.isascii() and len(k) >= 5)
        return gaz

    def _prefer_supplement(self, km: float = 15.0) -> None:
        """A curated entry takes its names from a nearby community it corrects (al-Qaim)."""
        for index in (self.exact, self.phon, self.vowel, self.skel):
            for key, ids in index.items():
                curated = [self.places[i] for i in ids if self.places[i].source in ("sup", "user")]
                if not curated or len(curated) == len(ids):
                    continue
                index[key] = [i for i in ids if self.places[i].source in ("sup", "user") or all(
                    haversine_km(self.places[i].lat, self.places[i].lon, c.lat, c.lon) > km
                    for c in curated)]

    def _add_name(self, pid: str, name: str) -> None:
        for key in name_keys(name) | inner_ending_keys(name):
            _push(self.exact, key, pid)
            p = phonetic(key)
            _push(self.phon, p, pid)
            if p.isascii() and len(p) >= 4:
                _push(self.vowel, vowel_class(p), pid)
                _push(self.skel, skeleton(p), pid)

    def get(self, place_id: str) -> Place | None:
        """The place with this id ("ocha:C5167", "geonames:98717", "sup:al-tanf-garrison", "world:...")."""
        found = self.places.get(place_id)
        if found is None and self.world is not None and place_id.startswith(world_index.PREFIXES):
            return self.world.get(place_id)
        return found

    def minor(self, place_id: str) -> bool:
        """Whether a place is a world village of 500-1,000 people, which a report must vouch for."""
        return self.world is not None and place_id.startswith(world_index.PREFIX) and self.world.minor(place_id)

    def place(self, place_id: str) -> Place:
        """The place with this id, which must exist (an id this gazetteer returned)."""
        found = self.get(place_id)
        if found is None:
            raise KeyError(place_id)
        return found

    def all_places(self) -> Iterator[Place]:
        """Every place: the curated ones, then the world's."""
        yield from self.places.values()
        if self.world is not None:
            yield from self.world.all()

    def division(self, code: str) -> list[str]:
        """The first-order divisions written with this ISO 3166-2 code ("UP", "KP"), any country."""
        if self._codes is None:
            self._codes = {}
            manifest = _manifest()
            rows = [row for path in (manifest.division_codes, manifest.division_abbreviations) if path is not None
                    for row in _read_codes(path)]
            for cc, key, name in rows:
                pid = f"{world_index.ADMIN1_PREFIX}{cc}:{fold(name).replace(' ', '-')}"
                found = [pid] if self.get(pid) is not None else [
                    i for i, q in self.match(name, fuzzy=False, loose=False)
                    if q >= 0.97 and (p := self.place(i)).country_iso == cc and p.kind == "governorate"][:1]
                self._codes.setdefault(key, []).extend(found)
        return self._codes.get(code.replace("&", ""), [])

    def lookup(self, name: str) -> list[Place]:
        """Candidate places for a name, best match first (exact, transliteration, fuzzy)."""
        return [self.place(pid) for pid, _ in self.match(name)]

    def _geonames_ids(self) -> set[str]:
        """GeoNames ids the curated part already holds (the regional index), left out of the world index."""
        return {pid.split(":", 1)[1] for pid in self.places if pid.startswith("geonames:")}

    def _keyed(self, key: str, kind: int) -> list[str]:
        """Place ids under an exact (kind 0) or phonetic (kind 1) key: curated first, then the world's."""
        ids = list((self.exact if kind == world_index.EXACT else self.phon).get(key, ()))
        if self.world is not None:
            ids += [i for i, _ in self._world_ids(key, kind) if i not in ids]
        return ids

    def _world_ids(self, key: str, kind: int) -> list[tuple[str, bool]]:
        """The world index's places under a key (`WorldIndex.ids`), remembered; read them only."""
        assert self.world is not None
        if (key, kind) not in self._world_keys:
            if len(self._world_keys) >= MATCH_CACHE_SIZE:
                self._world_keys.clear()
            self._world_keys[key, kind] = self.world.ids(key, kind)
        return self._world_keys[key, kind]

    def _world_alternates(self, key: str, kind: int = world_index.EXACT) -> set[str]:
        """World places whose name has this key only among their alternate names."""
        if self.world is None:
            return set()
        hits = self._world_ids(key, kind)
        main = {i for i, m in hits if m}
        return {i for i, _ in hits} - main

    def match(self, name: str, *, fuzzy: bool = True,
              loose: bool = True) -> list[tuple[str, float]]:
        """Candidate place ids for a name with a match score in (0, 1].

        Exact and transliteration matches are returned together; consonant-skeleton matches
        (``loose``) and rapidfuzz near misses (``fuzzy``) only when there are none.
        """
        key = (name, fuzzy, loose)
        if key not in self._matches:
            if len(self._matches) >= MATCH_CACHE_SIZE:
                self._matches.clear()
            self._matches[key] = self._match(name, fuzzy, loose)
        return list(self._matches[key])

    def _match(self, name: str, fuzzy: bool, loose: bool) -> list[tuple[str, float]]:
        keys = name_keys(name)
        # the spelling as written, article included, beats a match after dropping it
        written = ("".join(latin_tokens(name)) if not ARABIC.search(name)
                   else "".join(arabic_keys(name) and sorted(arabic_keys(name), key=len)[-1:]))
        found: dict[str, float] = {}
        for key in sorted(keys):    # sorted: candidates enter `found` in an order no hash seed sets
            alternates = self._world_alternates(key)
            for pid in self._keyed(key, world_index.EXACT):
                q = WORLD_ALTERNATE if pid in alternates else 1.0 if key == written else 0.97
                found[pid] = max(found.get(pid, 0), q)
        exact = set(found)
        for key in sorted(keys):    # every key scored, the best kept: no set order decides
            alternates = self._world_alternates(phonetic(key), world_index.PHONETIC)
            for pid in self._keyed(phonetic(key), world_index.PHONETIC):
                if pid not in exact:
                    close = max(fuzz.ratio(key, k) for n in self._names(pid)
                                for k in name_keys(n))
                    # another spelling of a world town's own name ("Kismaayo", "Baramulla") is a
                    # variant; another spelling of one of its alternate names is a guess
                    q = WORLD_VARIANT if pid in alternates else 0.88 + 0.08 * close / 100
                    found[pid] = max(found.get(pid, 0.0), q)
        if loose and (fold(name) in self.english or fold(name) in self.not_places):
            loose = fuzzy = False
        if not any(pid in self.places for pid in found):
            # no curated name matched (world towns aside): guess in the village gazetteers; near
            # misses among curated names only when nothing at all matched
            for pid, q in self._loose(keys, loose, fuzzy and not found).items():
                found.setdefault(pid, q)
        if any(q >= 0.88 for q in found.values()):
            # a world town's spelling variant is a candidate only when nothing better matched
            found = {pid: q for pid, q in found.items() if not (q == WORLD_VARIANT and pid not in self.places)}
        found = self._prefer_curated(found)
        return sorted(found.items(), key=lambda kv: (-kv[1], -self.prior(self.place(kv[0]))))

    def _loose(self, keys: frozenset[str], loose: bool, fuzzy: bool) -> dict[str, float]:
        """Vowel-class and consonant-skeleton matches in the village gazetteers (Shiheil = Shuhayl),
        else rapidfuzz near misses among curated names."""
        found: dict[str, float] = {}
        if loose:
            for key in sorted(keys):
                p = phonetic(key)
                if p.isascii() and len(p) >= 5:
                    for pid in self.vowel.get(vowel_class(p), ()):
                        if self.places[pid].country_iso in self.villages:
                            found.setdefault(pid, 0.85)
        if not found and loose:
            for key in sorted(keys):
                p = phonetic(key)
                if not p.isascii() or len(p) < 5:
                    continue
                for pid in self.skel.get(skeleton(p), ()):
                    if self.places[pid].country_iso not in self.villages:
                        continue
                    best = max(fuzz.ratio(p, q) for q in self._place_phons(pid))
                    if best >= 70:
                        found[pid] = max(found.get(pid, 0), 0.55 + 0.3 * best / 100)
        if not found and fuzzy:
            for key in sorted(keys):
                p = phonetic(key)
                if not p.isascii() or len(p) < 6:
                    continue
                hit = process.extractOne(p, self._phon_keys, scorer=fuzz.ratio, score_cutoff=90)
                if hit:
                    for pid in self.phon[hit[0]]:
                        found[pid] = max(found.get(pid, 0), 0.5 + 0.3 * hit[1] / 100)
        return found

    def _prefer_curated(self, found: dict[str, float], km: float = 15.0) -> dict[str, float]:
        """A world place beside a curated entry of the same name is that entry (as `_prefer_supplement`)."""
        if self.world is None:
            return found
        curated = [self.places[i] for i in found if i in self.places and self.places[i].source in ("sup", "user")]
        if not curated:
            return found
        return {i: q for i, q in found.items() if i in self.places or all(
            haversine_km(self.place(i).lat, self.place(i).lon, c.lat, c.lon) > km for c in curated)}

    def prior(self, place: Place) -> float:
        """How likely a reader means this place when its name is ambiguous: kind, size, curation."""
        prior = KIND_PRIOR.get(place.kind, 0.8)
        if place.population:
            # capped: OCHA's villages carry no population, GeoNames' do
            prior += min(0.2 * math.log10(max(place.population, 10)), 0.8)
            prior += 0.02 * math.log10(max(place.population, 10))   # tie-break
        if place.source in ("sup", "user"):
            prior += 1.0
        return prior

    def _names(self, pid: str) -> tuple[str, ...]:
        place = self.place(pid)
        return (place.name, *place.alt_names)

    def _place_phons(self, pid: str) -> list[str]:
        place = self.places[pid]
        return [phonetic(k) for n in (place.name, *place.alt_names) for k in name_keys(n)
                if k.isascii()] or [""]


def _push(index: dict[str, list[str]], key: str, pid: str) -> None:
    ids = index.setdefault(key, [])
    if pid not in ids:
        ids.append(pid)


def _read_codes(path: Path) -> list[tuple[str, str, str]]:
    """(country, code, name) rows of the division codes table."""
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            return [(r["country"], r["code"], r["name"]) for r in csv.DictReader(fh, delimiter="\t")]
    except (OSError, KeyError) as exc:
        raise ReferenceDataError(f"{path} is unreadable or malformed: {exc}. Restore the shipped file.") from exc


def _read_words(path: Path) -> list[str]:
    with open(path, encoding="utf-8") as fh:
        return [fold(w.strip()) for w in fh if w.strip() and not w.startswith("#")]


def _split_alts(raw: str) -> tuple[str, ...]:
    return tuple(a.strip() for a in raw.split(";") if a.strip())


def _load_ocha(path: Path, country: str, places: dict[str, Place]) -> None:
    """A village gazetteer in OCHA's format (pcode, names, admin units, feature) for one country."""
    country_name = theatre_data.load().name(country, country)
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            feature = row["feature"]
            kind = "neighbourhood" if feature.startswith("neighbourhood") else feature
            alts = list(_split_alts(row["alt_names"]))
            if row["name_ar"]:
                alts.append(row["name_ar"])
            name = row["name_en"]
            # double names "Jerwan - Abu Elhbal", "Al Thawra_ Al Jourah": each part is a name
            for part in re.split(r"\s*[-_]\s+|\s+-\s*", name):
                if part and part != name and len(part) > 4 and fold(part) not in DIRECTION_WORDS:
                    alts.append(part)
            alts += [v for part in (name, *alts) if not ARABIC.search(part) for v in untranslated(part)]
            admin3 = row["admin3"]
            if kind != "neighbourhood" and admin3 and admin3 != name and fuzz.ratio(
                    skeleton(phonetic(fold(admin3).replace(" ", ""))),
                    skeleton(phonetic(fold(name).replace(" ", "")))) >= 75:
                alts.append(admin3)   # subdistricts are named after their centre (Kisreh)
            m = re.search(r"of (.+?) C\d+", feature)
            if m:   # neighbourhoods: also "City - District" and "District, City"
                city = m.group(1)
                alts += [f"{city} - {name}", f"{name}, {city}"]
            pid = f"ocha:{row['pcode']}"
            places[pid] = Place(
                id=pid, name=name, lat=float(row["lat"]), lon=float(row["lon"]),
                country_iso=country, country=country_name, admin1=row["admin1"] or None,
                admin2=row["admin2"] or None, admin3=row["admin3"] or None,
                alt_names=tuple(dict.fromkeys(a for a in alts if a)), kind=kind, source="ocha")


def _load_geonames(path: Path, places: dict[str, Place]) -> None:
    """The GeoNames index; in countries a village gazetteer covers, it adds spellings and population."""
    theatre = theatre_data.load()
    covered = {p.country_iso for p in places.values()}
    ocha = [p for p in places.values() if p.kind != "neighbourhood"]
    grid: dict[tuple[int, int], list[Place]] = {}
    for p in ocha:
        grid.setdefault((int(p.lat * 20), int(p.lon * 20)), []).append(p)
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            lat, lon = float(row["lat"]), float(row["lon"])
            alts = _split_alts(row["alt_names"])
            pop = int(row["population"] or 0)
            cc = row["country_iso"]
            if cc in covered:
                # the village gazetteer already has the country; GeoNames adds its spellings and population
                near = _nearest(grid, lat, lon, 3.0)
                if near is not None:
                    merged = tuple(dict.fromkeys((*near.alt_names, row["name"], *alts)))
                    places[near.id] = _replace(near, alt_names=merged,
                                               population=max(near.population, pop))
                    continue
            pid = f"geonames:{row['geonameid']}"
            kind = "city" if pop >= 100_000 else "town" if pop >= 5_000 else "village"
            places[pid] = Place(id=pid, name=row["name"], lat=lat, lon=lon, country_iso=cc,
                                country=theatre.name(cc, cc), admin1=row["admin1"] or None,
                                alt_names=alts, kind=kind, population=pop, source="geonames")


def _replace(place: Place, **changes: object) -> Place:
    data = place.to_dict()
    data.update(changes)
    return Place(**data)


def _nearest(grid: dict[tuple[int, int], list[Place]], lat: float, lon: float,
             max_km: float) -> Place | None:
    best, best_d = None, max_km
    gy, gx = int(lat * 20), int(lon * 20)
    for dy in (-1, 0, 1):
        for dx in (-1, 0, 1):
            for p in grid.get((gy + dy, gx + dx), ()):
                d = haversine_km(lat, lon, p.lat, p.lon)
                if d <= best_d:
                    best, best_d = p, d
    return best


def _load_supplement(path: Path, places: dict[str, Place], prefix: str) -> None:
    required = {"id", "name", "alt_names", "lat", "lon", "kind", "admin1", "admin2",
                "country_iso"}
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = required - set(reader.fieldnames or ())
        if missing:
            raise ReferenceDataError(
                f"{path}: missing columns {sorted(missing)}. You can fix this by giving the file "
                f"the header of conflictscope/data/places/supplement.csv")
        for n, row in enumerate(reader, start=2):
            try:
                lat, lon = float(row["lat"]), float(row["lon"])
            except ValueError:
                raise ReferenceDataError(
                    f"{path}, line {n}: lat/lon {row['lat']!r}, {row['lon']!r} are not numbers. "
                    f"You can fix this by writing decimal degrees (WGS84), e.g. 34.4506,40.9187"
                ) from None
            cc = row["country_iso"].strip().upper()
            pid = f"{prefix}:{row['id']}"
            places[pid] = Place(id=pid, name=row["name"], lat=lat, lon=lon, country_iso=cc,
                                country=theatre_data.load().name(cc, cc),
                                admin1=row["admin1"] or None, admin2=row["admin2"] or None,
                                alt_names=_split_alts(row["alt_names"]),
                                kind=row["kind"] or "village", source=prefix)


@dataclass(frozen=True)
class _Manifest:
    """The files the gazetteer is built from (``data/places/gazetteers.json``)."""

    villages: list[tuple[Path, str]]
    geonames: Path
    supplement: Path
    person_names: Path
    not_places: Path
    english: Path
    division_codes: Path | None = None
    division_abbreviations: Path | None = None   # common non-ISO abbreviations ("AJK", "KPK"), same columns

    def files(self) -> list[Path]:
        return [p for p, _ in self.villages] + [self.geonames, self.supplement, self.person_names,
                                                self.not_places, self.english] + (
            [self.division_codes] if self.division_codes else []) + (
            [self.division_abbreviations] if self.division_abbreviations else [])


def _manifest() -> _Manifest:
    base = Path(str(resources.files("conflictscope").joinpath("data", "places")))
    try:
        raw = json.loads((base / MANIFEST).read_text(encoding="utf-8"))
        return _Manifest([(base / v["file"], v["country"]) for v in raw["village_gazetteers"]],
                         base / raw["geonames_index"], base / raw["supplement"], base / raw["person_names"],
                         base / raw["not_places"], base / raw["english_words"],
                         base / raw["division_codes"] if raw.get("division_codes") else None,
                         base / raw["division_abbreviations"] if raw.get("division_abbreviations") else None)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ReferenceDataError(f"{base / MANIFEST} is malformed: {exc}. Restore the shipped file.") from exc

