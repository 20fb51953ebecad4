"""Make the country outlines that review edits are checked against, from the npm package world-atlas
(run once, by a developer).

    python scripts/build_country_shapes.py                      # npm pack world-atlas into a temporary folder
    python scripts/build_country_shapes.py --package /path/to/world-atlas-2.0.2.tgz

world-atlas 2.0.2 (ISC) ships Natural Earth's 1:50m countries (public domain) as TopoJSON, each
country with its ISO 3166 numeric code as id (a few, without a code, by name only). This decodes
every country of the world (not only the map's region: an event may be anywhere), finds its ISO
alpha-2 code in the theatre data (by numeric code, else by name), simplifies the outline to
0.005 degrees (about 500 m), rounds it to 0.001 degrees and writes
src/conflictscope/data/theatre/country_shapes.tsv: after `#` comment lines, one line per country,
its alpha-2 code, a tab and its outline as a GeoJSON MultiPolygon, so that a reader parses only
the countries it is asked about. Nothing is downloaded when the app runs; `conflictscope.edits`
reads the file.
"""
from __future__ import annotations

import json
import sys
import tarfile
from pathlib import Path

from shapely.geometry import MultiPolygon, Polygon, mapping
from shapely.ops import unary_union

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import build_map_rivers  # noqa: E402
from build_map_rivers import decode_arcs, line_of, rounded  # noqa: E402

from conflictscope import theatre  # noqa: E402

PACKAGE = "world-atlas@2.0.2"
SOURCE = "package/countries-50m.json"
TOLERANCE = 0.005                # degrees (about 500 m)
OUT = Path(__file__).resolve().parents[1] / "src" / "conflictscope" / "data" / "theatre" / "country_shapes.tsv"
HEADER = """\
# Country outlines: ISO 3166 alpha-2 code <TAB> GeoJSON MultiPolygon in degrees (lon, lat).
# Natural Earth 1:50m countries (public domain) through the npm package world-atlas 2.0.2 (ISC),
# simplified to 0.005 degrees and rounded to 0.001. Built by scripts/build_country_shapes.py;
# conflictscope.edits flags an event whose reviewed coordinates fall outside its country's outline.
"""
# Areas Natural Earth draws apart, without an ISO code, and the countries whose events fall there
# (a disputed area counts for each side, so that neither side's events are flagged in it).
AREAS = {"N. Cyprus": ("CY",), "Somaliland": ("SO",), "Siachen Glacier": ("IN", "PK"),
         "Indian Ocean Ter.": ("AU",)}


def polygons(arcs: list[list[tuple[float, float]]], geometry: dict) -> list[Polygon]:
    """A TopoJSON (Multi)Polygon's polygons: each a list of rings, each ring a list of arc indexes."""
    parts = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
    found = []
    for rings in parts:
        outer, *holes = [line_of(arcs, ring) for ring in rings]
        found.append(Polygon(outer, holes).buffer(0))
    return found


def country_codes(geometry: dict, countries: theatre.Theatre) -> tuple[str, ...]:
    """The alpha-2 codes of the countries a world-atlas country counts for: by its ISO numeric id,
    else by its name (in the theatre data or in AREAS)."""
    by_numeric = {c.numeric: c.iso2 for c in countries.countries.values()}
    if str(geometry.get("id", "")).isdigit() and int(geometry["id"]) in by_numeric:
        return (by_numeric[int(geometry["id"])],)
    name = geometry.get("properties", {}).get("name", "")
    code = countries.by_word(name)
    return (code,) if code else AREAS.get(name, ())


def shapes(topology: dict) -> tuple[dict[str, dict], list[str]]:
    """Each country's simplified outline as a GeoJSON geometry by alpha-2 code, and the names of the
    world-atlas countries without a code in the theatre (left out)."""
    arcs = decode_arcs(topology)
    countries = theatre.load()
    found: dict[str, list[Polygon]] = {}
    unknown = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("type") not in ("Polygon", "MultiPolygon"):
            continue
        codes = country_codes(geometry, countries)
        if not codes:
            unknown.append(geometry.get("properties", {}).get("name", "?"))
        for code in codes:
            found.setdefault(code, []).extend(polygons(arcs, geometry))
    out = {}
    for code, parts in sorted(found.items()):
        outline = unary_union(parts).simplify(TOLERANCE)
        if isinstance(outline, Polygon):
            outline = MultiPolygon([outline])
        geom = mapping(outline)
        out[code] = {"type": geom["type"], "coordinates": rounded(geom["coordinates"])}   # to 0.001 degrees
    return out, unknown


def build(tarball: Path) -> None:
    """Write the country outlines from the package's tarball."""
    with tarfile.open(tarball) as tar:
        topology = json.load(tar.extractfile(SOURCE))  # type: ignore[arg-type]
    found, unknown = shapes(topology)
    lines = [f"{code}\t{json.dumps(geometry, separators=(',', ':'))}\n" for code, geometry in found.items()]
    OUT.write_text(HEADER + "".join(lines), encoding="utf-8")
    print(f"{len(found)} countries -> {OUT} ({OUT.stat().st_size:,} bytes); without a code, left out: "
          + (", ".join(sorted(unknown)) or "none"))


if __name__ == "__main__":
    build_map_rivers.main(__doc__, PACKAGE, build)
