"""Build data/theatre/countries.json: one entry per country (ISO 3166-1, plus Kosovo).

Sources: pycountry (ISO codes and names, LGPL) and countryinfo (demonyms, alternative spellings,
UN subregions, MIT), read at build time only; ACLED's conventions (its country names where they
differ from ISO's short names, its regions) written here from the ACLED codebook's public
documentation. Hand-written fields of an existing file (`periods`, extra `names`, extra
`demonyms`) are kept when the file is rebuilt.

    python scripts/build_theatre.py src/conflictscope/data/theatre/countries.json
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pycountry
from countryinfo import CountryInfo

# ACLED's country names where they differ from pycountry's common or short name.
ACLED_NAMES = {
    "CD": "Democratic Republic of Congo", "CG": "Republic of Congo", "PS": "Palestine", "RU": "Russia",
    "TR": "Turkey", "CI": "Ivory Coast", "SZ": "eSwatini", "CZ": "Czech Republic", "CV": "Cape Verde",
    "BN": "Brunei", "TL": "East Timor", "FM": "Micronesia", "VA": "Vatican City", "FK": "Falkland Islands",
    "US": "United States", "GB": "United Kingdom", "BQ": "Caribbean Netherlands", "MF": "Saint-Martin",
    "SX": "Sint Maarten", "VG": "British Virgin Islands", "VI": "Virgin Islands, U.S.", "CC": "Cocos (Keeling) Islands",
    "SH": "Saint Helena, Ascension and Tristan da Cunha", "MK": "North Macedonia", "KR": "South Korea",
    "KP": "North Korea", "LA": "Laos", "VN": "Vietnam", "SY": "Syria", "IR": "Iran", "TZ": "Tanzania",
    "VE": "Venezuela", "BO": "Bolivia", "MD": "Moldova", "TW": "Taiwan",
}
# ACLED's regions from UN subregions; exceptions by country below.
REGIONS = {
    "Western Asia": "Middle East", "Central Asia": "Caucasus and Central Asia", "Southern Asia": "South Asia",
    "South-Eastern Asia": "Southeast Asia", "South-eastern Asia": "Southeast Asia", "Eastern Asia": "East Asia", "Northern Africa": "Northern Africa",
    "Western Africa": "Western Africa", "Eastern Africa": "Eastern Africa", "Middle Africa": "Middle Africa",
    "Southern Africa": "Southern Africa", "Northern Europe": "Europe", "Western Europe": "Europe",
    "Southern Europe": "Europe", "Eastern Europe": "Europe", "South America": "South America",
    "Central America": "Central America", "Caribbean": "Caribbean", "Northern America": "North America",
    "Australia and New Zealand": "Oceania", "Melanesia": "Oceania", "Micronesia": "Oceania", "Polynesia": "Oceania",
}
REGION_BY_COUNTRY = {"AM": "Caucasus and Central Asia", "AZ": "Caucasus and Central Asia",
                     "GE": "Caucasus and Central Asia", "CY": "Europe", "IR": "Middle East", "SD": "Northern Africa",
                     "SS": "Eastern Africa", "XK": "Europe", "MX": "Central America"}
# Other names people write for a country (beyond pycountry's official and common names).
EXTRA_NAMES = {
    "US": ["United States of America", "USA", "U.S.", "America"], "GB": ["Britain", "Great Britain", "UK", "U.K."],
    "CD": ["DR Congo", "DRC", "Congo-Kinshasa"], "CG": ["Congo-Brazzaville", "Congo"], "TR": ["Türkiye", "Turkiye"],
    "MM": ["Burma"], "CI": ["Côte d'Ivoire", "Cote d'Ivoire"], "SZ": ["Swaziland", "Eswatini"],
    "CZ": ["Czechia"], "CV": ["Cabo Verde"], "MK": ["Macedonia"], "PS": ["Palestinian territories"],
    "AE": ["UAE", "Emirates"], "SY": ["Syrian Arab Republic"], "KR": ["Republic of Korea"],
}
EXTRA_DEMONYMS = {"TR": ["Turkish", "Turks"], "CD": ["Congolese"], "CG": ["Congolese"], "GB": ["British", "Britons"],
                  "US": ["American", "Americans", "U.S."], "PS": ["Palestinian", "Palestinians"],
                  "AF": ["Afghan", "Afghans"], "IL": ["Israeli", "Israelis"], "XK": ["Kosovar", "Kosovars"],
                  "SA": ["Saudi", "Saudis"]}


def plural(demonym: str) -> list[str]:
    """The people of a country: 'Syrian' -> 'Syrians'; 'Lebanese', 'Turkish', 'French' have none."""
    if demonym.endswith(("ese", "ish", "ch", "ss", "s", ".")):
        return []
    return [demonym + "s"]


def build(old: dict[str, dict]) -> list[dict]:
    rows = []
    countries = list(pycountry.countries) + [type("K", (), {"alpha_2": "XK", "alpha_3": "XKX", "numeric": "0",
                                                             "name": "Kosovo"})()]
    for c in countries:
        iso2 = c.alpha_2
        try:
            info = CountryInfo("palestine" if iso2 == "PS" else iso2 if iso2 != "XK" else "Kosovo").info()
        except Exception:   # countryinfo lacks a few territories
            info = {}
        name = ACLED_NAMES.get(iso2) or getattr(c, "common_name", None) or c.name
        names = [n for n in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None),
                             *(info.get("altSpellings") or [])) if n]
        names = [n for n in names if n != name and len(n) > 3 and "," not in n and not n.isupper()]
        names += EXTRA_NAMES.get(iso2, [])
        demonym = info.get("demonym") or ""
        demonyms = ([demonym] if demonym else []) + EXTRA_DEMONYMS.get(iso2, [])
        demonyms += [p for d in list(demonyms) for p in plural(d)]
        prev = old.get(iso2, {})
        rows.append({
            "iso2": iso2, "iso3": c.alpha_3, "numeric": int(c.numeric), "name": name,
            "article": prev.get("article", ""),
            "names": sorted(set(names) | set(prev.get("names", [])) - {name}),
            "demonyms": sorted(set(demonyms) | set(prev.get("demonyms", []))),
            "region": REGION_BY_COUNTRY.get(iso2) or REGIONS.get(info.get("intermediateregion") or "")
            or REGIONS.get(info.get("subregion") or "", ""),
            "arabic": any(lang.startswith("ar") for lang in (info.get("languages") or [])),
            "periods": prev.get("periods", []),
            **({"cues": prev["cues"]} if prev.get("cues") else {}),
            **({"forces": prev["forces"]} if prev.get("forces") else {}),
        })
    return sorted(rows, key=lambda r: r["iso2"])


def main(out: str) -> None:
    path = Path(out)
    old, focus = {}, {}
    if path.is_file():
        previous = json.loads(path.read_text(encoding="utf-8"))
        old = {r["iso2"]: r for r in previous["countries"]}
        focus = previous.get("focus", {})
    doc = {
        "theatre": "Countries as conflictscope names them: ISO codes (pycountry), ACLED's country name and "
                   "region, other names, demonyms (countryinfo), and the regime periods ACLED writes after "
                   "state forces. Built by scripts/build_theatre.py; see README.md beside this file.",
        "focus": focus,
        "countries": build(old),
    }
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(doc['countries'])} countries -> {path}")


if __name__ == "__main__":
    main(sys.argv[1])
