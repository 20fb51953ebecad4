"""`conflictscope eval` gives the reference scorer's figures on the same predictions."""
from __future__ import annotations

import importlib.util
import json
import random

import pytest

from conflictscope.evaluate import actor_matches, score
from support import shared_path


def _reference_scorer():
    path = shared_path("gold", "score.py")
    spec = importlib.util.spec_from_file_location("reference_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _perturbed_predictions(gold: dict, seed: int) -> list[dict]:
    """Predictions derived from the gold with random errors: types, places, dates, actors, deaths."""
    rng = random.Random(seed)
    types = ["Battles", "Strategic developments", "Explosions/Remote violence", "Protests"]
    rows = []
    for d in gold["documents"]:
        for g in d["events"]:
            if rng.random() < 0.2:
                continue
            loc = rng.choice(g["locations"])
            shift = rng.choice([0, 0, 0.05, 0.4])
            rows.append({
                "source_file": "x/" + d["doc"],
                "event_type": g["event_type"] if rng.random() > 0.15 else rng.choice(types),
                "sub_event_type": g["sub_event_type"] if rng.random() > 0.2 else "Other",
                "event_date": g.get("date") if rng.random() > 0.2 else rng.choice([None, "2020-01-01"]),
                "latitude": loc["lat"] + shift, "longitude": loc["lon"] - shift,
                "actor1": rng.choice(g["actor1"] + ["Unknown"]),
                "actor2": rng.choice(g["actor2"] or [""]),
                "fatalities": g["fatalities"] if rng.random() > 0.3 else rng.randint(0, 5),
            })
            if rng.random() < 0.15:
                rows.append(dict(rows[-1], event_type="Riots"))
    rows.append({"source_file": "unknown.txt", "event_type": "Battles", "latitude": 1, "longitude": 1})
    return rows


@pytest.mark.parametrize("gold_name", [("gold", "seeds.gold.json"), ("devset", "devset.gold.json")])
@pytest.mark.parametrize("seed", range(4))
def test_eval_matches_reference_scorer(gold_name, seed):
    reference = _reference_scorer()
    gold = json.loads(shared_path(*gold_name).read_text(encoding="utf-8"))
    preds = _perturbed_predictions(gold, seed)
    assert score(gold, preds) == reference.score(gold, preds)


def test_eval_actor_names_ignore_regime_years_and_articles():
    assert actor_matches(["Military Forces of Syria"], "Military Forces of Syria (2000-2024)")
    assert actor_matches(["Al-Haj Qassem Soleimani Regiment"], "Haj Qassem Soleimani Regiment")
    assert not actor_matches(["Militia (Pro-Iran)"], "Militia")
    assert actor_matches([], "")
