"""Every place of the reference codings resolves, in its report, near its reference point.

For each report of the seeds and the development set, `find_place_mentions` runs over the whole
text; each occurrence of a reference place's alias that it recognises must resolve within 10 km
of that place. Where two reference places share an alias (the Syrian village and the Iraqi city
of Ramadi), the intended one is the one near the report's event locations. A place that is one of
the report's event locations must be recognised at least once.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conflictscope.geo import haversine_km
from conflictscope.resolve.places import Gazetteer, find_place_mentions

pytestmark = pytest.mark.slow   # every gold place of the reference sets


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def _report_text(path: Path) -> str:
    raw = path.read_text(encoding="utf-8")
    return json.loads(raw)["text"] if path.suffix == ".json" else raw


def _check_reports(gazetteer: Gazetteer, gold_path: Path, reports: dict[str, str]) -> list[str]:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    places = gold["places"]
    events = {d["doc"]: [loc for e in d["events"] for loc in e["locations"]]
              for d in gold["documents"]}
    failures: list[str] = []
    for doc, text in reports.items():
        mentions = find_place_mentions(text, gazetteer)
        locs = events.get(doc, [])
        for place in places:
            at_event = any(haversine_km(place["lat"], place["lon"], loc["lat"], loc["lon"])
                           <= 2.0 for loc in locs)
            hits = 0
            occurred = False
            for alias in dict.fromkeys([place["name"], *place["aliases"]]):
                for occ in re.finditer(r"(?<!\w)" + re.escape(alias) + r"(?!\w)", text):
                    occurred = True
                    m = next((m for m in mentions
                              if m.start < occ.end() and m.end > occ.start()), None)
                    if m is None:
                        continue
                    rivals = [p for p in places if p is not place
                              and alias in (p["name"], *p["aliases"])]
                    if rivals and not at_event:
                        continue   # this report is about the other place of that name
                    p = gazetteer.get(m.resolved or "")
                    d = haversine_km(p.lat, p.lon, place["lat"], place["lon"])
                    if d > 10 and m.end - m.start > occ.end() - occ.start():
                        continue   # part of a longer name of another place (Sinjar mountain)
                    if d > 10:
                        failures.append(f"{doc}: {alias!r} -> {p.name} ({p.admin1}), {d:.0f} km "
                                        f"from {place['name']}")
                    else:
                        hits += 1
            if occurred and at_event and not hits:
                failures.append(f"{doc}: {place['name']} occurs at an event but is never found")
    return failures


def test_seed_places_resolve_within_10km(gazetteer: Gazetteer, seeds_dir: Path,
                                         seeds_gold: Path) -> None:
    reports = {p.name: _report_text(p) for p in sorted(seeds_dir.iterdir())}
    assert _check_reports(gazetteer, seeds_gold, reports) == []


def test_devset_places_resolve_within_10km(gazetteer: Gazetteer, devset_dir: Path,
                                           devset_gold: Path) -> None:
    reports = {p.name: _report_text(p) for p in sorted(devset_dir.iterdir())
               if p.suffix in (".txt", ".json")}
    assert _check_reports(gazetteer, devset_gold, reports) == []
