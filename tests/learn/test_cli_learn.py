"""`learn`, `ingest --model`, `--no-model-proposals` and `eval` side by side, as a user runs them."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conflictscope.cli import main
from learn.conftest import write_training_csv

pytestmark = pytest.mark.slow   # trains a model and codes reports through the whole coder

REPORTS = {   # in our own words; the first two are phrasings the rule lexicon does not code
    "a.txt": "On 6 March 2024, clan gunmen and tribal fighters traded volleys for hours near Thiban.",
    "b.txt": "On 7 March 2024, a drone unloaded two bombs on a truck near Al-Asharah.",
    "c.txt": "On 8 March 2024, gunmen attacked a police checkpoint in Hajin, killing two policemen.",
}


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(main, list(args), catch_exceptions=False, env=env)


@pytest.fixture(scope="module")
def folders(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("cli-learn")
    reports = root / "reports"
    reports.mkdir()
    for name, text in REPORTS.items():
        (reports / name).write_text(text + "\n", encoding="utf-8")
    gold = {"schema": "conflict-gold/1", "documents": [
        {"doc": "a.txt", "events": [{"id": "a1", "required": True, "event_type": "Battles",
                                     "sub_event_type": "Armed clash", "date": "2024-03-06", "time_precision": 1,
                                     "locations": [{"name": "Thiban", "lat": 35.0114, "lon": 40.5047,
                                                    "tolerance_km": 25}],
                                     "actor1": [], "actor2": [], "fatalities": 0, "evidence": REPORTS["a.txt"]}]}]}
    (root / "gold.json").write_text(json.dumps(gold), encoding="utf-8")
    return {"root": root, "reports": reports, "csv": write_training_csv(root / "notes.csv"), "gold": root / "gold.json"}


@pytest.fixture(scope="module")
def model_dir(folders) -> Path:
    out = folders["root"] / "model"
    result = run("learn", str(folders["csv"]), "-o", str(out), "--folds", "3")
    assert result.exit_code == 0, result.output
    assert "classes (sentences):" in result.output and "Armed clash" in result.output
    assert "cross-validated (3 folds by document)" in result.output
    assert (out / "model.json").is_file() and (out / "weights.npz").is_file()
    return out


def _events(db: str, *extra: str) -> list[dict]:
    out = run("events", "--db", db, "--format", "jsonl", *extra).output
    return [json.loads(line) for line in out.splitlines()]


def test_ingest_with_a_model_stores_flagged_proposals_a_user_can_leave_out(folders, model_dir, tmp_path):
    db = str(tmp_path / "m.db")
    assert run("ingest", str(folders["reports"]), "--db", db, "--model", str(model_dir), "-q").exit_code == 0
    rows = _events(db)
    proposed = [r for r in rows if "model-proposed" in r["flags"]]
    assert {r["source_file"] for r in proposed} == {"a.txt", "b.txt"}
    spans = {r["source_file"]: r["evidence_spans"] for r in json.loads(run("events", "--db", db, "--format", "json").output)}
    assert all(any(e["origin"].startswith("learn.model.v1:model:p=") for e in spans[r["source_file"]]) for r in proposed)
    rules_only = _events(db, "--no-model-proposals")
    assert [r["source_file"] for r in rules_only] == ["c.txt"]
    exported = run("export", "--db", db, "--format", "jsonl", "--no-model-proposals")
    assert [json.loads(x)["source_file"] for x in exported.output.splitlines() if x.startswith("{")] == ["c.txt"]


def test_the_model_setting_makes_it_the_default_and_an_empty_value_turns_it_off(folders, model_dir, tmp_path):
    env = {"CONFLICTSCOPE_MODEL": str(model_dir)}
    with_setting, without = str(tmp_path / "s.db"), str(tmp_path / "n.db")
    assert run("ingest", str(folders["reports"]), "--db", with_setting, "-q", env=env).exit_code == 0
    assert run("ingest", str(folders["reports"]), "--db", without, "--model", "", "-q", env=env).exit_code == 0
    assert len(_events(with_setting)) == 3 and len(_events(without)) == 1


def test_eval_scores_rules_alone_and_rules_with_the_model_side_by_side(folders, model_dir):
    result = run("eval", str(folders["gold"]), str(folders["reports"]), "--model", str(model_dir), "--json")
    scores = json.loads(result.output)
    assert scores["rules"]["tp"] == 0 and scores["rules+model"]["tp"] == 1
    table = run("eval", str(folders["gold"]), str(folders["reports"]), "--model", str(model_dir)).output
    assert "rules+model" in table.splitlines()[0]


def test_a_folder_that_is_no_model_is_refused_with_the_fix(folders, tmp_path):
    result = CliRunner().invoke(main, ["ingest", str(folders["reports"]), "--db", str(tmp_path / "x.db"),
                                       "--model", str(tmp_path)])
    assert result.exit_code == 2 and "not a conflictscope model folder" in result.output
    assert "conflictscope learn" in result.output


def test_learn_without_sources_says_what_it_needs(tmp_path):
    result = CliRunner().invoke(main, ["learn", "-o", str(tmp_path / "m")])
    assert result.exit_code == 2 and "nothing to learn from" in result.output
