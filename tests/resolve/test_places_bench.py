"""Place recognition and resolution scored on the hand-written case table.

`place_cases.tsv`: sentences in the style of conflict reporting (Syria, Iraq), one row per
expected place mention (surface, offsets, place id, WGS84 point, admin1, ACLED geo_precision,
and a cross-check of the point against the other gazetteer); sentences whose words look like
places but are not (people, units, page chrome) have a row with an empty surface. The minimums
are pinned in PLACE_GATES and may only go up. The last 45 sentences were written after the rules
were tuned on the others and scored once before being added (then: precision 1.0, recall 0.96,
within 10 km 0.92 of 49 mentions).
"""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from conflictscope.geo import haversine_km
from conflictscope.resolve.places import Gazetteer, find_place_mentions

pytestmark = pytest.mark.slow   # the whole 410-mention table

CASES = Path(__file__).with_name("place_cases.tsv")
PLACE_GATES = {"precision": 0.99, "recall": 0.985, "acc_10km": 0.96, "acc_25km": 0.96,
               "acc_admin1": 0.96, "geo_precision": 0.98}


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def _sentences() -> dict[str, tuple[str, list[dict[str, str]]]]:
    out: dict[str, tuple[str, list[dict[str, str]]]] = {}
    with open(CASES, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            text, gold = out.setdefault(row["sid"], (row["text"], []))
            if row["surface"]:
                gold.append(row)
    return out


def score_cases(gazetteer: Gazetteer) -> dict[str, float]:
    """Recognition precision/recall and resolution accuracy over the case table."""
    tp = fp = fn = 0
    within10 = within25 = same_admin1 = same_precision = 0
    for text, gold in _sentences().values():
        found = find_place_mentions(text, gazetteer)
        matched: set[int] = set()
        for g in gold:
            gs, ge = int(g["start"]), int(g["end"])
            hit = next((i for i, m in enumerate(found)
                        if i not in matched and m.start < ge and m.end > gs), None)
            if hit is None:
                fn += 1
                continue
            matched.add(hit)
            tp += 1
            m = found[hit]
            place = gazetteer.get(m.resolved or "")
            assert place is not None
            d = haversine_km(place.lat, place.lon, float(g["lat"]), float(g["lon"]))
            within10 += d <= 10
            within25 += d <= 25
            same_admin1 += (place.admin1 or "") == g["admin1"]
            same_precision += json.loads(m.detail)["precision"] == int(g["precision"])
        fp += len(found) - len(matched)
    n_gold = tp + fn
    return {"precision": tp / max(tp + fp, 1), "recall": tp / max(n_gold, 1),
            "acc_10km": within10 / max(n_gold, 1), "acc_25km": within25 / max(n_gold, 1),
            "acc_admin1": same_admin1 / max(n_gold, 1),
            "geo_precision": same_precision / max(tp, 1), "mentions": n_gold,
            "false_positives": fp}


def test_place_cases_table_is_large_enough() -> None:
    rows = [g for _, gold in _sentences().values() for g in gold]
    assert len(rows) >= 300
    assert sum(1 for _, gold in _sentences().values() if not gold) >= 40   # trap sentences


def test_places_bench_meets_gates(gazetteer: Gazetteer) -> None:
    scores = score_cases(gazetteer)
    print("\nplace cases:", json.dumps({k: round(v, 3) for k, v in scores.items()}))
    for metric, minimum in PLACE_GATES.items():
        assert scores[metric] >= minimum, (metric, scores)
