"""Learning from reviewers: corrections recorded in a store make the next model code those kinds of
sentence right (the loop an analyst runs: ingest, review, `learn --from-store`, re-code)."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from conflictscope.cli import main
from conflictscope.store import Store

pytestmark = pytest.mark.slow   # trains models and codes reports through the whole coder

# Celebratory gunfire at weddings is no event; a first model, trained on shootings, proposes attacks.
WEDDINGS = [f"On {d} March 2024, guests emptied their rifles into the air at a wedding in {p}."
            for d, p in ((2, "Hajin"), (3, "Abu Kamal"), (4, "Al-Mayadin"), (5, "Al-Quriyah"))]
# Guns that "unloaded shells" are artillery; the first model, trained on drones that "unloaded bombs",
# proposes air strikes.
SHELLS = [f"On {d} March 2024, heavy guns unloaded shells on farms near {p}." for d, p in
          ((2, "Hajin"), (3, "Abu Kamal"), (4, "Al-Mayadin"), (5, "Al-Quriyah"))]
NEW_WEDDING = "On 9 March 2024, guests emptied their rifles into the air at a wedding in Thiban."
NEW_SHELLS = "On 9 March 2024, heavy guns unloaded shells on farms near Thiban."


def run(*args: str):
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def _coded(db: str) -> dict[str, tuple[str, list[str]]]:
    rows = [json.loads(x) for x in run("events", "--db", db, "--format", "jsonl").output.splitlines()]
    return {r["source_file"]: (r["sub_event_type"], r["flags"], r["event_id_cnty"]) for r in rows}


def test_reviewers_corrections_teach_the_next_model(tmp_path, training_csv):
    reports = tmp_path / "reports"
    reports.mkdir()
    for i, text in enumerate(WEDDINGS + SHELLS):
        (reports / f"r{i}.txt").write_text(text + "\n", encoding="utf-8")
    first, db = tmp_path / "first", str(tmp_path / "review.db")
    run("learn", str(training_csv), "-o", str(first), "--folds", "0")
    run("ingest", str(reports), "--db", db, "--model", str(first), "-q")
    coded = _coded(db)
    assert {coded[f"r{i}.txt"][0] for i in range(4)} == {"Attack"}             # the first model's mistakes
    assert {coded[f"r{i}.txt"][0] for i in range(4, 8)} == {"Air/drone strike"}

    with Store.open(db) as store:   # the reviewer rejects the weddings and corrects the shelling
        for i in range(4):
            store.add_decision(coded[f"r{i}.txt"][2], "reject", who="analyst")
        for i in range(4, 8):
            store.add_decision(coded[f"r{i}.txt"][2], "edit", field="sub_event_type",
                               value="Shelling/artillery/missile attack", who="analyst")

    second = tmp_path / "second"
    learned = run("learn", str(training_csv), "--from-store", db, "-o", str(second), "--folds", "0")
    assert "store:edited 4" in learned.output and "store:rejected 4" in learned.output

    fresh = tmp_path / "fresh"
    fresh.mkdir()
    (fresh / "wedding.txt").write_text(NEW_WEDDING + "\n", encoding="utf-8")
    (fresh / "shells.txt").write_text(NEW_SHELLS + "\n", encoding="utf-8")
    before, after = str(tmp_path / "before.db"), str(tmp_path / "after.db")
    run("ingest", str(fresh), "--db", before, "--model", str(first), "-q")
    run("ingest", str(fresh), "--db", after, "--model", str(second), "-q")
    assert _coded(before)["wedding.txt"][0] == "Attack" and "wedding.txt" not in _coded(after)
    assert _coded(before)["shells.txt"][0] == "Air/drone strike"
    assert _coded(after)["shells.txt"][0] == "Shelling/artillery/missile attack"
