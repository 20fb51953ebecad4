"""Quality gate: the coder's scores on the reference sets, from `conflictscope eval`, never drop.

The minimums live in `eval_baseline.json` beside this file; they may only go up. The issue's own
floors (seeds: F1 0.6 and recall 0.7; devset: F1 0.5) are checked as well. `heldout/` is a third
set written blind by the project (first scored at F1 0.667; see its README).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conflictscope.cli import main
from support import shared_path

pytestmark = pytest.mark.slow   # codes every reference set through the CLI

BASELINE = json.loads((Path(__file__).parent / "eval_baseline.json").read_text(encoding="utf-8"))
ISSUE_FLOORS = {"seeds": {"f1": 0.6, "recall": 0.7}, "devset": {"f1": 0.5}}
SETS = {"seeds": (("gold", "seeds.gold.json"), ("seeds",)),
        "devset": (("devset", "devset.gold.json"), ("devset", "reports"))}
HELDOUT = Path(__file__).parent / "heldout"


def _eval(gold: Path, reports: Path) -> dict:
    result = CliRunner().invoke(main, ["eval", str(gold), str(reports), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def scores() -> dict[str, dict]:
    out = {name: _eval(shared_path(*gold), shared_path(*reports)) for name, (gold, reports) in SETS.items()}
    out["heldout"] = _eval(HELDOUT / "heldout.gold.json", HELDOUT / "reports")
    return out


@pytest.mark.parametrize("name", [*SETS, "heldout"])
def test_eval_scores_meet_pinned_minimums(scores, name):
    got = scores[name]
    print(f"\n{name}: " + ", ".join(f"{k} {got[k]}" for k in BASELINE[name]))
    below = [f"{k}: {got[k]} < {floor}" for k, floor in BASELINE[name].items()
             if got[k] is None or got[k] + 1e-9 < floor]
    assert not below, f"{name} scores fell below eval_baseline.json: {below}"


@pytest.mark.parametrize("name", list(SETS))
def test_eval_scores_meet_issue_floors(scores, name):
    for k, floor in ISSUE_FLOORS[name].items():
        assert scores[name][k] >= floor, (name, k, scores[name][k])
