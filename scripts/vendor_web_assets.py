"""Make the web UI's vendored static files from npm packages (run once, by a developer).

    python scripts/vendor_web_assets.py            # npm install into a temporary folder
    python scripts/vendor_web_assets.py --node-modules /path/to/node_modules

Copies Leaflet and leaflet.markercluster, and converts world-atlas's countries-50m TopoJSON to
GeoJSON (topojson-client's `topo2geo`), clipped to the region box lon 25..65, lat 20..45 and
rounded to 0.01 degrees so the file stays small. The results go to
src/conflictscope/web/static/vendor/; nothing is downloaded when the app runs.
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from shapely.geometry import mapping, shape

PACKAGES = ["leaflet@1.9.4", "leaflet.markercluster@1.5.3", "world-atlas@2.0.2", "topojson-client@3.0.1"]
BOX = (25.0, 20.0, 65.0, 45.0)   # lon min, lat min, lon max, lat max
OUT = Path(__file__).resolve().parents[1] / "src" / "conflictscope" / "web" / "static" / "vendor"


def npm_install(folder: Path) -> Path:
    """Install the packages into `folder` and return its node_modules."""
    subprocess.run(["npm", "init", "-y"], cwd=folder, check=True, capture_output=True)
    subprocess.run(["npm", "install", "--no-audit", "--no-fund", *PACKAGES], cwd=folder, check=True)
    return folder / "node_modules"


def copy_leaflet(nm: Path) -> None:
    leaflet = OUT / "leaflet"
    leaflet.mkdir(parents=True, exist_ok=True)
    shutil.copy(nm / "leaflet" / "dist" / "leaflet.js", leaflet)
    shutil.copy(nm / "leaflet" / "dist" / "leaflet.css", leaflet)
    shutil.copy(nm / "leaflet" / "LICENSE", leaflet / "LICENSE")
    shutil.copytree(nm / "leaflet" / "dist" / "images", leaflet / "images", dirs_exist_ok=True)
    cluster = OUT / "markercluster"
    cluster.mkdir(parents=True, exist_ok=True)
    for name in ["leaflet.markercluster.js", "MarkerCluster.css", "MarkerCluster.Default.css"]:
        shutil.copy(nm / "leaflet.markercluster" / "dist" / name, cluster)
    shutil.copy(nm / "leaflet.markercluster" / "MIT-LICENCE.txt", cluster / "LICENSE")


def _rounded(coords: object) -> object:
    if isinstance(coords, (list, tuple)) and coords and isinstance(coords[0], (int, float)):
        return [round(coords[0], 2), round(coords[1], 2)]
    return [_rounded(c) for c in coords]  # type: ignore[union-attr]


def convert_countries(nm: Path) -> None:
    """countries-50m TopoJSON -> GeoJSON, clipped to the region box."""
    topo2geo = nm / "topojson-client" / "bin" / "topo2geo"
    src = nm / "world-atlas" / "countries-50m.json"
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "countries.json"
        with src.open("rb") as stdin:
            subprocess.run(["node", str(topo2geo), f"countries={out}"], stdin=stdin, check=True)
        world = json.loads(out.read_text())
    features = []
    for f in world["features"]:
        if f.get("geometry") is None:
            continue
        clipped = shape(f["geometry"]).buffer(0).intersection(_box())
        if clipped.is_empty:
            continue
        geom = mapping(clipped.simplify(0.01))
        features.append({"type": "Feature", "properties": {"name": f["properties"].get("name", "")},
                         "geometry": {"type": geom["type"], "coordinates": _rounded(geom["coordinates"])}})
    (OUT / "countries-region.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":")))
    shutil.copy(nm / "world-atlas" / "LICENSE", OUT / "world-atlas-LICENSE")


def _box():
    from shapely.geometry import box

    return box(*BOX)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--node-modules", type=Path, help="use packages already installed here")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    if args.node_modules:
        nm = args.node_modules
        copy_leaflet(nm)
        convert_countries(nm)
        return
    with tempfile.TemporaryDirectory() as tmp:
        nm = npm_install(Path(tmp))
        copy_leaflet(nm)
        convert_countries(nm)


if __name__ == "__main__":
    main()
