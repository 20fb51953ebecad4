"""Place names: the gazetteer, transliteration-tolerant lookup and mention finding.

The gazetteer joins three shipped files in ``conflictscope/data/places`` (see its README):
OCHA's Syrian populated places, a compact GeoNames index of the neighbouring countries and a
curated supplement of bases, crossings, fields, dams, camps, districts and desert areas.
Names are indexed under three keys of decreasing strictness:

- the *base* key: ASCII-folded, lower case, punctuation and articles (al-, el-, ash- ...) removed;
- the *phonetic* key: transliteration variants merged (ou/u, ee/i, kh/k, dh/th, doubled letters,
  -eh/-ah/-a endings), so Sokhneh = Sukhnah and Bagouz = Baghuz;
- the *skeleton*: the phonetic key's consonants, so Shiheil = Shuhayl and Kiheel = Kahil; a
  skeleton hit is kept only when the phonetic keys are also close (rapidfuzz).

`find_place_mentions` scans capitalised token runs and Arabic words for gazetteer names (no
statistical NER), drops words and personal names that happen to be village names, chooses among
same-named places by the report's country, the provinces it names and the distance to its other
places, and grades each mention with ACLED's geo_precision.
"""
from __future__ import annotations

import csv
import hashlib
import json
import math
import os
import pickle
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Iterable

from rapidfuzz import fuzz, process

from conflictscope.errors import ReferenceDataError
from conflictscope.geo import haversine_km
from conflictscope.models import Mention, Place

ORIGIN = "resolve.places.v1"
CACHE_VERSION = "1"

COUNTRY_NAMES = {
    "SY": "Syria", "IQ": "Iraq", "LB": "Lebanon", "JO": "Jordan", "TR": "Turkey",
    "IL": "Israel", "PS": "Palestine", "IR": "Iran",
}
# Words that name a country (or its people): a hint for disambiguation, never a place mention.
COUNTRY_WORDS = {
    "syria": "SY", "syrian": "SY", "syrians": "SY",
    "iraq": "IQ", "iraqi": "IQ", "iraqis": "IQ",
    "lebanon": "LB", "lebanese": "LB", "jordan": "JO", "jordanian": "JO",
    "turkey": "TR", "turkish": "TR", "turkiye": "TR", "israel": "IL", "israeli": "IL",
    "iran": "IR", "iranian": "IR",
}
ARTICLES = {"al", "el", "as", "ash", "ad", "ar", "az", "at", "ath", "adh", "an", "ez", "es",
            "esh", "ed", "er", "et", "en", "ul", "l", "dh", "edh", "eth", "is", "iz", "il"}
AR_ARTICLE = "ال"

# Lower-case words that may continue a capitalised name ("Tabqa dam", "Anbar province").
NAME_CONTINUATIONS = {
    "border", "crossing", "dam", "desert", "camp", "base", "airbase", "air", "airport", "field",
    "oil", "gas", "province", "governorate", "mountain", "mountains", "city", "district",
    "prison", "military", "refugee", "barrage", "lake", "plant", "frontier", "strip", "zone",
    "roundabout", "bridge", "castle", "citadel", "station", "pumping", "international",
    "deconfliction", "valley", "river", "garrison", "airfield", "compound", "village", "town",
    "neighbourhood", "camps", "kilometre", "kilometer", "km", "of", "triangle", "area",
}
# Particles that make the following name a person's: Abu Karim, bin Laden, Sheikh Ali.
PERSON_PREFIXES = {"abu", "umm", "um", "bin", "ibn", "bint", "sheikh", "shaykh", "sheik",
                   "hajji", "haji", "mullah", "imam", "sayyid", "mr", "mrs", "dr", "colonel",
                   "general", "brigadier", "commander", "captain", "major", "lieutenant",
                   "emir", "sergeant", "president", "minister", "governor", "mayor", "named",
                   "called", "alias", "nicknamed", "identified", "spokesman", "son", "brother"}
# Cues that what follows is a person's name, whatever it looks like.
NAMING_CUES = re.compile(
    r"(?:known as|named|called|nicknamed|alias|nom de guerre|identified as|"
    r"identified only as|the late)\W{0,3}[\"“'‘]?\s*$", re.I)
# Role nouns: a following given name or two-word name is a person (commander Ali Hamoud).
ROLE_CUES = re.compile(
    r"\b(?:man|woman|boy|girl|child|victim|brother|son|father|cousin|commander|leader|"
    r"official|spokesman|fighter|member|resident|activist|journalist|doctor|teacher|"
    r"farmer|shepherd|driver|sheikh|mukhtar|colonel|general)\s*,?\s*$", re.I)
PLACE_CUES = re.compile(
    r"(?:\b(?:town|city|village|hamlet|district|neighbourhood|neighborhood|suburb|area|region|"
    r"outskirts|countryside|vicinity|desert|province|governorate|camp|base|villages|towns|"
    r"areas)\s+of|\bin|\bnear|\bat|\bfrom|\btowards|\btoward|\binto|\baround|\boutside|"
    r"\bbetween|\bacross|\b(?:north|south|east|west|northeast|northwest|southeast|southwest|"
    r"north-east|north-west|south-east|south-west)(?:\s+of)?|\bwestern|\beastern|\bnorthern|"
    r"\bsouthern|\brural|\bentered|\bstormed|\bcaptured|\bshelled|\bstruck|\bhit|"
    r"\bbombed|\btargeted|\bseized|\bfled|\bleft|\breached|\braided|\battacked|\brecaptured|"
    r"\btook|\bretook|\bhit|\bbesieged|\bsurrounded|\bpatrolled|\b(?:residents|people|"
    r"parts|outskirts)\s+of)\s+(?:the\s+)?$", re.I)
STRONG_PLACE_CUES = re.compile(
    r"\b(?:town|city|village|hamlet|district|neighbourhood|neighborhood|suburb|outskirts|"
    r"countryside|vicinity|camp|areas?|villages|towns)\s+of\s+(?:the\s+)?$|"
    r"\b(?:in|near|into|outside|around)\s+(?:the\s+)?$", re.I)
DIRECTION_WORDS = {"east", "west", "north", "south", "eastern", "western", "northern", "southern",
                   "upper", "lower", "middle", "central", "new", "old", "big", "small",
                   "great", "little", "camp"}
ARABIC_COUNTRIES = {"SY", "IQ", "LB", "JO", "PS"}
CUE_WORDS = {"in", "near", "at", "from", "to", "into", "towards", "around", "outside", "between",
             "across", "of", "and", "or", "north", "south", "east", "west", "the", "both",
             "reached", "via", "through", "inside", "within", "on", "by", "for", "while"}
COMMON_GIVEN_NAMES_FILE = "person_names.txt"
ENGLISH_FILE = "english_words.txt"
NOT_PLACES_FILE = "not_places.txt"

KIND_PRIOR = {
    "capital": 3.0, "city": 2.6, "governorate": 1.8, "town": 2.0, "base": 2.0,
    "crossing": 1.8, "field": 1.8, "dam": 1.8, "camp": 1.6, "mountain": 1.4, "region": 1.4,
    "neighbourhood": 0.6, "village": 0.8,
}
PROMINENT_KINDS = {"capital", "city", "town", "base", "crossing", "field", "dam", "camp",
                   "mountain", "region", "governorate"}
REGION_KINDS = {"region", "mountain", "governorate"}


# --- normalisation ------------------------------------------------------------------------------

_FOLD = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "ð": "d", "þ": "th", "æ": "ae",
                       "œ": "oe", "ß": "ss", "ʿ": "", "ʾ": "", "‘": "", "’": "", "'": "",
                       "`": "", "´": "", "ʻ": "", "ʼ": ""})
_AR_DIACRITICS = re.compile(r"[\u064B-\u065F\u0670\u0640]")
_AR_MAP = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و",
                         "ئ": "ي"})
_ARABIC = re.compile(r"[\u0600-\u06FF]")


def fold(text: str) -> str:
    """ASCII-fold Latin text: strip diacritics and apostrophes, lower case."""
    text = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(c for c in text if not unicodedata.combining(c)).lower().translate(_FOLD)


def _arabic_keys(name: str) -> set[str]:
    text = _AR_DIACRITICS.sub("", unicodedata.normalize("NFKC", name)).translate(_AR_MAP)
    words = re.findall(r"[\u0621-\u064A]+", text)
    if not words:
        return set()
    joined = "".join(words)
    keys = {joined}
    stripped = [w[2:] if w.startswith(AR_ARTICLE) and len(w) > 3 else w for w in words]
    keys.add("".join(stripped))
    return keys


def _latin_tokens(name: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", fold(name))


def name_keys(name: str) -> set[str]:
    """Base keys of a name: the spellings it may be written in, articles handled both ways."""
    if _ARABIC.search(name):
        return _arabic_keys(name)
    tokens = _latin_tokens(name)
    if not tokens:
        return set()
    keys = {"".join(tokens)}
    # drop articles anywhere (Deir el-Zor = Deir-ez-Zor), keep at least one token
    core = [t for t in tokens if t not in ARTICLES] or tokens[-1:]
    keys.add("".join(core))
    # leading article written joined (Albukamal, Alhol): strip it when what remains is a name
    for key in list(keys):
        for art in ("al", "el"):
            if key.startswith(art) and len(key) - len(art) >= 4 and key[len(art)] not in "aeiou":
                keys.add(key[len(art):])
    # Al Bu / Albu / Abu / Bu are one prefix in tribal and town names (Albu Kamal = Abu Kamal)
    for key in list(keys):
        for pre in ("albu", "abu", "alb"):
            if key.startswith(pre) and len(key) - len(pre) >= 3:
                rest = key[len(pre):]
                keys.add("bu" + rest if pre != "alb" else "b" + rest)
    return {k for k in keys if k}


_PHON_RULES = [("dh", "th"), ("kh", "k"), ("gh", "g"), ("q", "k"), ("ph", "f"), ("ck", "k"),
               ("sch", "sh"), ("tch", "ch"), ("x", "ks"), ("c", "k")]


def phonetic(key: str) -> str:
    """Merge transliteration variants of a base key (Sokhneh/Sukhnah, Mayadeen/Mayadin)."""
    if not key or not key.isascii() or not key.isalnum():
        return key
    k = key
    for a, b in _PHON_RULES:
        k = k.replace(a, b)
    k = re.sub(r"([aeiouy])h$", r"\1", k)                 # -eh / -ah endings
    k = re.sub(r"(.)\1+", r"\1", k)                      # doubled letters
    k = re.sub(r"(?:iya|iye|iyi|ia|ie|ya|ye)$", "ia", k) if len(k) > 4 else k   # -iyeh/-iya
    k = re.sub(r"(?<=[^aeiou])[uo]w(?=[aeiy])", "w", k)   # Suwaiya = Sweiyeh
    for a, b in (("ou", "u"), ("oo", "u"), ("ee", "i"), ("ei", "i"), ("ey", "i"), ("ay", "i"),
                 ("ai", "i"), ("aw", "u"), ("ow", "u"), ("iy", "i"), ("o", "u"), ("e", "i")):
        k = k.replace(a, b)
    k = re.sub(r"[aiu]$", "a", k) if len(k) > 3 else k   # final vowel
    return re.sub(r"(.)\1+", r"\1", k)


def vowel_class(pkey: str) -> str:
    """A phonetic key with every vowel run written "a" (Shuhil/Shihil -> shahal)."""
    return re.sub(r"[aeiou]+", "a", pkey) if pkey.isascii() else pkey


def skeleton(pkey: str) -> str:
    """Consonant skeleton of a phonetic key (Shihil/Shuhil -> shhl)."""
    if not pkey.isascii():
        return pkey
    head, tail = pkey[:1], pkey[1:]
    return re.sub(r"(.)\1+", r"\1", head + re.sub(r"[aeiouyw]", "", tail))


# --- the gazetteer ------------------------------------------------------------------------------

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
    max_tokens: int = 6
    _phon_keys: list[str] = field(default_factory=list, repr=False)

    @classmethod
    def load(cls, extra_files: Iterable[str | os.PathLike[str]] = (), *,
             cache: bool = True) -> "Gazetteer":
        """Load OCHA + GeoNames + supplement (+ user supplement files) and index their names.

        Args:
            extra_files: CSV files in the supplement's format that extend the gazetteer.
            cache: keep the built index as a pickle in the user cache dir (rebuilt when any
                data file changes; everything works without it).
        """
        base = resources.files("conflictscope").joinpath("data", "places")
        # this module first: the cache is rebuilt when the indexing code changes
        files = [Path(__file__)] + [Path(str(base / name)) for name in (
            "syria_places.csv", "geonames_index.tsv", "supplement.csv",
            COMMON_GIVEN_NAMES_FILE, NOT_PLACES_FILE, ENGLISH_FILE)]
        extras = [Path(p) for p in extra_files]
        for p in extras:
            if not p.is_file():
                raise ReferenceDataError(
                    f"place supplement {p} does not exist. You can fix this by passing the path "
                    f"of a CSV with the columns of conflictscope/data/places/supplement.csv")
        cache_path = _cache_path(files + extras) if cache else None
        if cache_path is not None and cache_path.is_file():
            try:
                with open(cache_path, "rb") as fh:
                    obj = pickle.load(fh)
                if isinstance(obj, cls):
                    return obj
            except Exception:   # a stale or broken cache is rebuilt, never fatal
                pass
        gaz = cls._build(files, extras)
        if cache_path is not None:
            try:
                cache_path.parent.mkdir(parents=True, exist_ok=True)
                tmp = cache_path.with_suffix(".tmp")
                with open(tmp, "wb") as fh:
                    pickle.dump(gaz, fh, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(tmp, cache_path)
            except OSError:
                pass
        return gaz

    @classmethod
    def _build(cls, files: list[Path], extras: list[Path]) -> "Gazetteer":
        places: dict[str, Place] = {}
        _load_ocha(files[1], places)
        _load_geonames(files[2], places)
        _load_supplement(files[3], places, "sup")
        for p in extras:
            _load_supplement(p, places, "user")
        gaz = cls(places=places,
                  person_names=frozenset(_read_words(files[4])),
                  not_places=frozenset(_read_words(files[5])),
                  english=frozenset(_read_words(files[6])))
        for pid, place in places.items():
            for name in (place.name, *place.alt_names):
                if name is not place.name and place.source == "geonames" and (
                        len(name) < 4 or (_ARABIC.search(name) and place.country_iso
                                          not in ARABIC_COUNTRIES)):
                    continue   # GeoNames' short codes and Persian/Kurdish spellings: noise
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
        for key in name_keys(name):
            _push(self.exact, key, pid)
            p = phonetic(key)
            _push(self.phon, p, pid)
            if p.isascii() and len(p) >= 4:
                _push(self.vowel, vowel_class(p), pid)
                _push(self.skel, skeleton(p), pid)

    def get(self, place_id: str) -> Place | None:
        """The place with this id ("ocha:C5167", "geonames:98717", "sup:al-tanf-garrison")."""
        return self.places.get(place_id)

    def lookup(self, name: str) -> list[Place]:
        """Candidate places for a name, best match first (exact, transliteration, fuzzy)."""
        return [self.places[pid] for pid, _ in self.match(name)]

    def match(self, name: str, *, fuzzy: bool = True,
              loose: bool = True) -> list[tuple[str, float]]:
        """Candidate place ids for a name with a match score in (0, 1].

        Exact and transliteration matches are returned together; consonant-skeleton matches
        (``loose``) and rapidfuzz near misses (``fuzzy``) only when there are none.
        """
        keys = name_keys(name)
        # the spelling as written, article included, beats a match after dropping it
        written = ("".join(_latin_tokens(name)) if not _ARABIC.search(name)
                   else "".join(_arabic_keys(name) and sorted(_arabic_keys(name), key=len)[-1:]))
        found: dict[str, float] = {}
        for key in keys:
            for pid in self.exact.get(key, ()):
                found[pid] = max(found.get(pid, 0), 1.0 if key == written else 0.97)
        for key in keys:
            for pid in self.phon.get(phonetic(key), ()):
                if pid not in found:
                    close = max(fuzz.ratio(key, k) for n in self._names(pid)
                                for k in name_keys(n))
                    found[pid] = 0.88 + 0.08 * close / 100
        if loose and (fold(name) in self.english or fold(name) in self.not_places):
            loose = fuzzy = False
        if not found and loose:
            for key in keys:
                p = phonetic(key)
                if p.isascii() and len(p) >= 5:
                    for pid in self.vowel.get(vowel_class(p), ()):
                        if self.places[pid].country_iso in ("SY", "IQ"):
                            found.setdefault(pid, 0.85)
        if not found and loose:
            for key in keys:
                p = phonetic(key)
                if not p.isascii() or len(p) < 5:
                    continue
                for pid in self.skel.get(skeleton(p), ()):
                    if self.places[pid].country_iso not in ("SY", "IQ"):
                        continue
                    best = max(fuzz.ratio(p, q) for q in self._place_phons(pid))
                    if best >= 70:
                        found[pid] = max(found.get(pid, 0), 0.55 + 0.3 * best / 100)
        if not found and fuzzy:
            for key in keys:
                p = phonetic(key)
                if not p.isascii() or len(p) < 6:
                    continue
                hit = process.extractOne(p, self._phon_keys, scorer=fuzz.ratio, score_cutoff=90)
                if hit:
                    for pid in self.phon[hit[0]]:
                        found[pid] = max(found.get(pid, 0), 0.5 + 0.3 * hit[1] / 100)
        return sorted(found.items(), key=lambda kv: (-kv[1], -_prior(self.places[kv[0]])))

    def _names(self, pid: str) -> tuple[str, ...]:
        place = self.places[pid]
        return (place.name, *place.alt_names)

    def _place_phons(self, pid: str) -> list[str]:
        place = self.places[pid]
        return [phonetic(k) for n in (place.name, *place.alt_names) for k in name_keys(n)
                if k.isascii()] or [""]


def _push(index: dict[str, list[str]], key: str, pid: str) -> None:
    ids = index.setdefault(key, [])
    if pid not in ids:
        ids.append(pid)


def _read_words(path: Path) -> list[str]:
    with open(path, encoding="utf-8") as fh:
        return [fold(w.strip()) for w in fh if w.strip() and not w.startswith("#")]


def _cache_path(files: list[Path]) -> Path | None:
    h = hashlib.sha1(CACHE_VERSION.encode())
    for p in files:
        try:
            st = p.stat()
        except OSError:
            return None
        h.update(f"{p}:{st.st_size}:{st.st_mtime_ns}".encode())
    root = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(root) / "conflictscope" / f"gazetteer-{h.hexdigest()[:16]}.pkl"


def _split_alts(raw: str) -> tuple[str, ...]:
    return tuple(a.strip() for a in raw.split(";") if a.strip())


def _load_ocha(path: Path, places: dict[str, Place]) -> None:
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
                country_iso="SY", country="Syria", admin1=row["admin1"] or None,
                admin2=row["admin2"] or None, admin3=row["admin3"] or None,
                alt_names=tuple(dict.fromkeys(a for a in alts if a)), kind=kind, source="ocha")


def _load_geonames(path: Path, places: dict[str, Place]) -> None:
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
            if cc == "SY":
                # OCHA already has Syria; GeoNames adds its spellings and population
                near = _nearest(grid, lat, lon, 3.0)
                if near is not None:
                    merged = tuple(dict.fromkeys((*near.alt_names, row["name"], *alts)))
                    places[near.id] = _replace(near, alt_names=merged,
                                               population=max(near.population, pop))
                    continue
            pid = f"geonames:{row['geonameid']}"
            kind = "city" if pop >= 100_000 else "town" if pop >= 5_000 else "village"
            places[pid] = Place(id=pid, name=row["name"], lat=lat, lon=lon, country_iso=cc,
                                country=COUNTRY_NAMES.get(cc, cc), admin1=row["admin1"] or None,
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
                                country=COUNTRY_NAMES.get(cc, cc),
                                admin1=row["admin1"] or None, admin2=row["admin2"] or None,
                                alt_names=_split_alts(row["alt_names"]),
                                kind=row["kind"] or "village", source=prefix)




def _prior(place: Place) -> float:
    prior = KIND_PRIOR.get(place.kind, 0.8)
    if place.population:
        # capped: OCHA's villages carry no population, GeoNames' do
        prior += min(0.2 * math.log10(max(place.population, 10)), 0.8)
        prior += 0.02 * math.log10(max(place.population, 10))   # tie-break
    if place.source in ("sup", "user"):
        prior += 1.0
    if place.country_iso in ("SY", "IQ"):
        prior += 2.0          # the reports conflictscope codes are about Syria and Iraq
    return prior


# --- mention finding ----------------------------------------------------------------------------

_TOKEN = re.compile(r"[\u0621-\u064A\u0640\u064B-\u065F]+|[A-Za-z0-9\u00C0-\u024F\u1E00-\u1EFF]+"
                    r"(?:['’ʿʾ](?!s\b)[A-Za-z\u00C0-\u024F]+)*")
_DIRECTION = (r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)")
_PREC2_BEFORE = [
    ("distance", re.compile(r"\b\d+(?:\.\d+)?\s*(?:-\s*)?(?:km|kms|kilometres|kilometers|miles|"
                            r"mi)\b[^.;]{0,20}?" + _DIRECTION + r"(?:ern)?\s+of\s+(?:the\s+)?"
                            r"(?:(?:town|city|village)\s+of\s+)?$", re.I)),
    ("direction", re.compile(r"\b" + _DIRECTION + r"\s+of\s+(?:the\s+)?(?:(?:town|city|village)"
                             r"\s+of\s+)?$", re.I)),
    ("outskirts", re.compile(r"\b(?:outskirts|edges?|periphery|environs|surroundings|suburbs)\s+"
                             r"of\s+(?:the\s+)?(?:(?:town|city|village)\s+of\s+)?$", re.I)),
    ("countryside", re.compile(r"\b(?:countryside|rural\s+areas?|rural\s+parts|hinterland|"
                               r"farmlands?|fields)\s+of\s+(?:the\s+)?$|\brural\s+$", re.I)),
    ("near", re.compile(r"\b(?:near|nearby|close\s+to|vicinity\s+of|around|outside|"
                        r"not\s+far\s+from|in\s+the\s+area\s+of|on\s+the\s+road\s+to|"
                        r"on\s+the\s+outskirts\s+of|area\s+of)\s+(?:the\s+)?(?:(?:town|city|"
                        r"village)\s+of\s+)?$", re.I)),
    ("direction", re.compile(r"\b(?:eastern|western|northern|southern|north-?eastern|"
                             r"north-?western|south-?eastern|south-?western)\s+$", re.I)),
]
_PREC2_AFTER = [
    ("countryside", re.compile(r"^\s*(?:'s\s+)?(?:countryside|rural\s+areas?|outskirts|"
                               r"suburbs|environs|surroundings|area|region|hinterland)\b", re.I)),
]
_PREC3_AFTER = re.compile(r"^(?:'s)?\s*(?:desert|badia|steppe)\b", re.I)
_PREC3_BEFORE = re.compile(r"\b(?:desert|badia|steppe)\s+of\s+(?:the\s+)?$", re.I)
_PREC1_BEFORE = re.compile(r"\b(?:in|inside|at|into|within|entered|stormed|captured|took)\s+"
                           r"(?:the\s+)?(?:(?:town|city|village|hamlet|district|neighbourhood|"
                           r"neighborhood|camp)\s+of\s+)?$|\b(?:town|city|village|hamlet|"
                           r"district|neighbourhood|neighborhood)\s+of\s+$", re.I)
_SENT_BREAK = re.compile(r"[.!?;:\n\"“”()\[\]|]")


@dataclass
class _Span:
    start: int
    end: int
    text: str
    cands: list[tuple[str, float]]
    first_tok: int
    last_tok: int
    cued: bool = False
    strong_cue: bool = False
    sentence_initial: bool = False
    kind_cue: str = ""
    chosen: str | None = None
    score: float = 0.0
    how: str = "exact"


def _tokens(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]


def _is_cap(tok: str) -> bool:
    return tok[:1].isupper() or tok[:1].isdigit() or bool(_ARABIC.match(tok))


def _joinable(text: str, a_end: int, b_start: int) -> bool:
    gap = text[a_end:b_start]
    return len(gap) <= 3 and all(c in " -–‑\u00a0" for c in gap) and "\n" not in gap


def find_place_mentions(text: str, gazetteer: Gazetteer, *,
                        country_hint: str | None = None) -> list[Mention]:
    """Find and resolve the place names of a report.

    Args:
        text: the report text; mention offsets index it.
        gazetteer: built once by `Gazetteer.load()`.
        country_hint: ISO code ("SY", "IQ") or name of the country the report is about, if known.

    Returns:
        Place mentions in text order, each resolved to a place id with its ACLED geo_precision,
        anchor and the candidates considered in `detail` (JSON).
    """
    toks = _tokens(text)
    spans = _scan(text, toks, gazetteer)
    countries = _country_evidence(text, toks, country_hint)
    kept: list[_Span] = []
    for s in spans:
        if _keep_span(text, toks, s, gazetteer, kept[-1] if kept else None):
            kept.append(s)
    spans = kept
    _disambiguate(spans, gazetteer, countries)
    spans = [s for s in spans if s.chosen and _accept(s, spans, gazetteer)]
    _districts_of_cities(text, spans, gazetteer)
    mentions: list[Mention] = []
    for s in spans:
        m = _to_mention(text, s, gazetteer)
        prev = mentions[-1] if mentions else None
        if prev is not None and re.fullmatch(r"\s*(?:,|and|or|,\s*and)\s*",
                                             text[prev.end:s.start]):
            pd, md = json.loads(prev.detail), json.loads(m.detail)
            if md["anchor"] == "bare" and pd["precision"] == 2:
                md["precision"], md["anchor"] = 2, pd["anchor"]
                m = Mention(**{**m.to_dict(), "detail": json.dumps(md, ensure_ascii=False)})
        mentions.append(m)
    return mentions


def _scan(text: str, toks: list[tuple[int, int, str]], gaz: Gazetteer) -> list[_Span]:
    spans: list[_Span] = []
    i, n = 0, len(toks)
    while i < n:
        found = _match_at(text, toks, i, gaz)
        if found is None:
            i += 1
            continue
        k, surface, cands = found
        # "Eastern Deir Ezzor": a name starting one token later that reaches further wins
        if k > i:
            later = _match_at(text, toks, i + 1, gaz)
            if later is not None and later[0] > k and later[2][0][1] >= cands[0][1]:
                i += 1
                continue
        spans.append(_Span(start=toks[i][0], end=toks[k][1], text=surface, cands=cands[:25],
                           first_tok=i, last_tok=k))
        i = k + 1
    return spans


def _starts_name(text: str, toks: list[tuple[int, int, str]], i: int) -> bool:
    tok = toks[i][2]
    low = tok.lower()
    if low in COUNTRY_WORDS:
        nxt = toks[i + 1][2].lower() if i + 1 < len(toks) else ""
        return nxt in NAME_CONTINUATIONS or (nxt in COUNTRY_WORDS
                                             and text[toks[i][1]:toks[i + 1][0]] == "-")
    if _is_cap(tok):
        return True
    # a lower-case article starts a name only when attached to one: al-Tanf, el-Zor, al Qaim
    if low in ARTICLES and i + 1 < len(toks) and _is_cap(toks[i + 1][2]):
        gap = text[toks[i][1]:toks[i + 1][0]]
        return gap == "-" or (low in ("al", "el") and _joinable(text, toks[i][1], toks[i + 1][0]))
    return False


def _match_at(text: str, toks: list[tuple[int, int, str]], i: int,
              gaz: Gazetteer) -> tuple[int, str, list[tuple[str, float]]] | None:
    """The longest gazetteer name starting at token i: (last token, surface, candidates)."""
    n = len(toks)
    if not _starts_name(text, toks, i):
        return None
    s0 = toks[i][0]
    low = toks[i][2].lower()
    j = i
    while j + 1 < n and j - i + 1 < gaz.max_tokens and _joinable(text, toks[j][1],
                                                                   toks[j + 1][0]):
        nxt = toks[j + 1][2].lower()
        if not (_is_cap(toks[j + 1][2]) or nxt in ARTICLES or nxt in NAME_CONTINUATIONS
                or nxt in COUNTRY_WORDS):
            break
        j += 1
    ends = []
    for k in range(j, i - 1, -1):
        last = toks[k][2].lower()
        if k > i and (last in ARTICLES or last == "of"):
            continue
        if k == i and low in ARTICLES:
            break
        surface = text[s0:toks[k][1]]
        if k == i and (fold(surface) in COUNTRY_WORDS):
            break
        ends.append((k, surface))
    guess = low in ARTICLES or bool(PLACE_CUES.search(_before(text, s0)))
    for loose in (False, True) if guess else (False,):
        for k, surface in ends:
            if loose and (not _is_cap(toks[k][2]) or len(surface) < 5):
                continue      # no skeleton guesses on "X area", "X border", short words
            cands = gaz.match(surface, fuzzy=False, loose=loose)
            if cands:
                return k, surface, cands
    return None


def _country_evidence(text: str, toks: list[tuple[int, int, str]],
                      hint: str | None) -> Counter[str]:
    counts: Counter[str] = Counter()
    for _, _, tok in toks:
        cc = COUNTRY_WORDS.get(tok.lower())
        if cc:
            counts[cc] += 1
    if hint:
        cc = hint.upper() if hint.upper() in COUNTRY_NAMES else COUNTRY_WORDS.get(hint.lower())
        if cc:
            counts[cc] += 5
    return counts


def _before(text: str, pos: int, width: int = 60) -> str:
    chunk = text[max(0, pos - width):pos]
    m = None
    for m in _SENT_BREAK.finditer(chunk):
        pass
    return chunk[m.end():] if m else chunk


def _keep_span(text: str, toks: list[tuple[int, int, str]], s: _Span, gaz: Gazetteer,
               prev: _Span | None = None) -> bool:
    """Reject words and personal names that happen to be village names."""
    before = _before(text, s.start)
    if prev is not None and re.fullmatch(r"\s*(?:,|and|or|,\s*and|/)\s*",
                                         text[prev.end:s.start]):
        # "the towns of Ankhal and Jasim": a listed name shares the cue of the first
        s.cued, s.strong_cue, s.kind_cue = prev.cued, prev.strong_cue, prev.kind_cue
    prev_tok = toks[s.first_tok - 1][2] if s.first_tok > 0 else ""
    prev_gap = text[toks[s.first_tok - 1][1]:s.start] if s.first_tok > 0 else "\n"
    next_tok = toks[s.last_tok + 1][2] if s.last_tok + 1 < len(toks) else ""
    next_gap = text[s.end:toks[s.last_tok + 1][0]] if next_tok else "\n"
    s.cued = s.cued or bool(PLACE_CUES.search(before))
    s.strong_cue = s.strong_cue or bool(STRONG_PLACE_CUES.search(before))
    m = re.search(r"\b(village|hamlet|town|city)s?\s+of\s+(?:the\s+)?$", before, re.I)
    if m:
        s.kind_cue = "village" if m.group(1).lower() in ("village", "hamlet") else "city"
    s.sentence_initial = not before.strip() or bool(re.search(r"[.!?]\s*$", before))
    key = fold(s.text)
    if key in gaz.not_places and not s.kind_cue:
        return False
    n_tok = s.last_tok - s.first_tok + 1
    lead = toks[s.first_tok][2].lower()
    if _ARABIC.match(s.text) and (len(key.replace(" ", "")) < 3 or key in gaz.not_places):
        return False
    if n_tok == 1 and key in gaz.english and not s.kind_cue and (
            s.sentence_initial or (_title_case_line(text, s.start) and not s.strong_cue)
            or (prev_tok and _is_cap(prev_tok) and prev_gap == " ")):
        return False          # There, Some, Share, Home: English words, not villages
    # a nisba after a name is a person's (Abu Bakr al-Baghdadi, Hashd al-Shaabi)
    if (lead in ARTICLES and prev_tok and _is_cap(prev_tok) and prev_gap == " "
            and prev_tok.lower() not in CUE_WORDS):
        return False
    if n_tok == 1 and prev_tok.lower() in gaz.person_names and prev_gap == " ":
        return False          # Qassem Soleimani
    if lead in PERSON_PREFIXES and not s.cued and (
            re.match(r"\s+(?:al|el|bin|ibn)[- ]", text[s.end:s.end + 6])):
        return False          # Sheikh Ibrahim al-Hafl, Abu Hamza al-Muhajir
    if all(not c.isalpha() for c in s.text):
        return False
    n_tokens = s.last_tok - s.first_tok + 1
    # a name followed by "'s" of a person, or preceded by a title or kunya: a person
    if prev_tok.lower() in PERSON_PREFIXES and _joinable(text, s.start - len(prev_gap), s.start):
        return False
    if NAMING_CUES.search(before):
        return False
    surname_next = (next_tok and _is_cap(next_tok) and not _ARABIC.match(next_tok)
                    and next_gap == " "
                    and next_tok.lower() not in COUNTRY_WORDS)
    given = _is_given_name(s.text, gaz)
    if ROLE_CUES.search(before) and (given or surname_next):
        return False
    if given:
        if not s.strong_cue or surname_next or re.match(r"^['’]s\b", text[s.end:s.end + 3]):
            return False
    if n_tokens == 1 and surname_next and not s.cued:
        # part of a longer capitalised name that is not a place (a unit, a person, a group)
        return False
    if s.text.isupper() and len(s.text) <= 4 and not s.strong_cue:
        return False            # acronyms: SDF, IRGC, ISIS
    return True


def _title_case_line(text: str, pos: int) -> bool:
    """Whether the line around pos is written In Title Case (a headline or page chrome)."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    words = re.findall(r"[A-Za-z]{3,}", text[start:end if end >= 0 else len(text)])
    return len(words) >= 3 and sum(w[0].isupper() for w in words) / len(words) >= 0.6


def _is_given_name(surface: str, gaz: Gazetteer) -> bool:
    tokens = [t for t in _latin_tokens(surface) if t not in ARTICLES]
    return len(tokens) == 1 and tokens[0] in gaz.person_names


def _disambiguate(spans: list[_Span], gaz: Gazetteer, countries: Counter[str]) -> None:
    # provinces each span names: a governorate, or a city/capital when the name is not ambiguous
    names_admin1: list[set[str]] = []
    for s in spans:
        cands = [gaz.places[pid] for pid, _ in s.cands]
        a1s = {p.admin1 for p in cands if p.admin1}
        named = {p.admin1 for p in cands if p.kind == "governorate" and p.admin1}
        if len(a1s) == 1 and any(p.kind in ("capital", "city", "governorate") for p in cands):
            named |= a1s
        names_admin1.append(named)
    # districts and subdistricts named in the text: "Sabha (Basira, Deir-ez-Zor)"
    named_units = {phonetic(k) for o in spans for k in name_keys(o.text)}
    for s in spans:
        if len({gaz.places[pid].country_iso for pid, _ in s.cands}) == 1:
            countries[gaz.places[s.cands[0][0]].country_iso] += 1
    total = sum(countries.values()) or 1

    def score(s: _Span, pid: str, q: float, anchors: list[tuple[Place, float]]) -> float:
        p = gaz.places[pid]
        sc = 15.0 * q + _prior(p)
        sc += 2.5 * countries.get(p.country_iso, 0) / total
        if p.admin1 and any(p.admin1 in named for o, named in zip(spans, names_admin1)
                            if o is not s):
            sc += 1.5
        own = {phonetic(k) for k in name_keys(s.text)}
        for unit, bonus in ((p.admin2, 0.8), (p.admin3, 1.5)):
            if unit and unit != p.name and {phonetic(k) for k in name_keys(unit)} & (
                    named_units - own):
                sc += bonus
        if s.kind_cue == "village":
            sc += 1.0 if p.kind in ("village", "neighbourhood") else -1.0 if p.kind in (
                "city", "capital") else 0.0
        elif s.kind_cue == "city":
            sc += 1.0 if p.kind in ("city", "capital", "town") else 0.0
        if anchors:
            best = 0.0
            for a, w in anchors:
                d = haversine_km(p.lat, p.lon, a.lat, a.lon)
                best = max(best, w * math.exp(-d / 50.0))
            sc += 3.5 * best
        return sc

    for s in spans:   # pass 1: no distance
        ranked = sorted(((score(s, pid, q, []), pid) for pid, q in s.cands), reverse=True)
        s.chosen, s.score = ranked[0][1], ranked[0][0]
    for _ in range(2):   # pass 2: distance to the report's other places
        for s in spans:
            anchors = [(gaz.places[o.chosen], 1.0 / len(o.cands) ** 0.5) for o in spans
                       if o is not s and o.chosen and fold(o.text) != fold(s.text)]
            ranked = sorted(((score(s, pid, q, anchors), pid) for pid, q in s.cands),
                            reverse=True)
            s.chosen, s.score = ranked[0][1], ranked[0][0]
    for s in spans:
        q = dict(s.cands)[s.chosen]
        s.how = "exact" if q >= 0.97 else "variant" if q >= 0.88 else "fuzzy"


_DISTRICT_AFTER = re.compile(r"^\s+(?:district|neighbourhood|neighborhood|quarter|area|"
                             r"suburb)\b", re.I)


def _districts_of_cities(text: str, spans: list[_Span], gaz: Gazetteer) -> None:
    """"al-Maqwas neighbourhood of Sweida city": a district name resolves inside its city.

    When no candidate of the district lies within 10 km of the city named in the same sentence,
    the district is placed at the city (ACLED: a district of a city is coded to the city).
    """
    cities = [o for o in spans
              if gaz.places[o.chosen].kind in ("capital", "city", "town")]
    for s in spans:
        own = gaz.places[s.chosen]
        if not _DISTRICT_AFTER.match(text[s.end:s.end + 20]) or (
                own.kind in PROMINENT_KINDS and own.country_iso in ("SY", "IQ")):
            continue
        same_sentence = [o for o in cities if o is not s and not _SENT_BREAK.search(
            text[min(o.end, s.end):max(o.start, s.start)])]
        if not same_sentence:
            continue
        city = min(same_sentence, key=lambda o: abs(o.start - s.start))
        c = gaz.places[city.chosen]
        near = [pid for pid, _ in s.cands
                if haversine_km(gaz.places[pid].lat, gaz.places[pid].lon, c.lat, c.lon) <= 10]
        if near:
            s.chosen = near[0]
        elif haversine_km(gaz.places[s.chosen].lat, gaz.places[s.chosen].lon,
                          c.lat, c.lon) > 10:
            s.chosen, s.how = city.chosen, "district-of-city"


def _accept(s: _Span, spans: list[_Span], gaz: Gazetteer) -> bool:
    """Keep a weak match (an obscure village, no cue) only near the report's other places."""
    p = gaz.places[s.chosen]
    q = dict(s.cands)[s.chosen]
    if (p.country_iso not in ("SY", "IQ") and p.population < 100_000 and not s.strong_cue
            and p.source not in ("sup", "user")):
        # a small foreign place named without a cue: the Syrian or Iraqi namesake, if any
        home = [pid for pid, _ in s.cands if gaz.places[pid].country_iso in ("SY", "IQ")]
        if not home:
            return False
        s.chosen = home[0]
        p = gaz.places[s.chosen]
        q = dict(s.cands)[s.chosen]
    weak = (p.kind not in PROMINENT_KINDS and p.population < 5000
            and p.source not in ("sup", "user"))
    if q < 0.88 and not s.strong_cue:
        return any(o is not s and haversine_km(p.lat, p.lon, gaz.places[o.chosen].lat,
                                               gaz.places[o.chosen].lon) < 40
                   for o in spans if o.chosen and dict(o.cands)[o.chosen] >= 0.88)
    if not weak or s.cued:
        return not (s.sentence_initial and weak and not s.cued and len(s.cands) > 3)
    others = [o for o in spans if o is not s and o.chosen and fold(o.text) != fold(s.text)]
    return any(haversine_km(p.lat, p.lon, gaz.places[o.chosen].lat,
                            gaz.places[o.chosen].lon) < 40 for o in others)


def _precision(text: str, s: _Span, place: Place) -> tuple[int, str]:
    before = _before(text, s.start, 80)
    after = text[s.end:s.end + 40]
    if _PREC3_AFTER.match(after) or _PREC3_BEFORE.search(before):
        return 3, "desert"
    if place.kind in REGION_KINDS:
        return 3, "region"
    for anchor, rx in _PREC2_BEFORE:
        if rx.search(before):
            return 2, anchor
    for anchor, rx in _PREC2_AFTER:
        if rx.match(after):
            return 2, anchor
    if _PREC1_BEFORE.search(before):
        return 1, "in"
    return 1, "bare"


def _to_mention(text: str, s: _Span, gaz: Gazetteer) -> Mention:
    place = gaz.places[s.chosen]
    precision, anchor = _precision(text, s, place)
    if s.how == "district-of-city":
        precision, anchor = 1, "district"
    q = dict(s.cands).get(s.chosen, 0.8)
    candidates = list(dict.fromkeys([pid for pid, _ in s.cands] + [s.chosen]))
    detail = {"precision": precision, "anchor": anchor, "candidates": candidates,
              "name": place.name, "lat": place.lat, "lon": place.lon,
              "country": place.country_iso, "admin1": place.admin1, "kind": place.kind,
              "match": s.how}
    score = q * (1.0 if len(s.cands) == 1 else 0.9)
    return Mention(kind="place", text=s.text, start=s.start, end=s.end, resolved=s.chosen,
                   origin=f"{ORIGIN}:{s.how}", score=round(min(1.0, score), 3),
                   detail=json.dumps(detail, ensure_ascii=False))
