"""Fusion as a user meets it: three reports of one strike and a near miss, ingested in any order."""
from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from conflictscope.cli import main

pytestmark = pytest.mark.slow   # codes reports through the whole coder

REPORTS = {   # in our own words
    "wire.txt": "Levant Wire\nPublished: 12/03/2024\n\nDrone strike kills two near Hajin\n\nA drone struck a pickup "
                "truck near the town of Hajin on Monday, killing two men, local sources told Levant Wire.\n",
    "monitor.txt": "Deir Monitor\nPublished: 11/03/2024\n\nDeir Monitor sources reported that an unidentified drone "
                   "targeted a vehicle on the outskirts of Hajin on 11 March 2024, killing three people.\n",
    "post.txt": "Hajin Now\nPublished: 13/03/2024\n\nA drone strike hit a car near Hajin on Monday, killing four "
                "people, residents said. The death toll rose to four after one of the wounded died.\n",
    "other_night.txt": "Deir Monitor\nPublished: 14/03/2024\n\nDeir Monitor sources reported that an unidentified "
                       "drone targeted a motorcycle near Hajin on 13 March 2024, killing one man.\n",
}


def run(*args: str):
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def ingest(tmp_path, order: list[str], name: str) -> str:
    db = str(tmp_path / f"{name}.db")
    for file in order:
        path = tmp_path / file
        path.write_text(REPORTS[file], encoding="utf-8")
        run("ingest", str(path), "--db", db, "-q")
    return db


def test_one_incident_told_three_times_is_one_event_in_any_order(tmp_path):
    names = list(REPORTS)
    outputs = []
    for i, order in enumerate([names, names[::-1], names[1:] + names[:1]]):
        db = ingest(tmp_path, order, f"o{i}")
        outputs.append(run("events", "--db", db, "--format", "jsonl"))
    assert outputs[0] == outputs[1] == outputs[2]
    rows = [json.loads(line) for line in outputs[0].splitlines()]
    strike = [r for r in rows if r["source_files"].count(";") == 2]
    assert len(rows) == 2 and len(strike) == 1
    one = strike[0]
    assert one["source_file"] == "monitor.txt"          # the earliest published report
    assert one["fatalities"] == 4 and (one["fatalities_low"], one["fatalities_high"]) == (2, 4)   # rising toll
    assert one["corroboration"] == 3


def test_exports_give_one_row_per_event_and_jsonl_one_per_claim(tmp_path):
    db = ingest(tmp_path, list(REPORTS), "x")
    table = list(csv.DictReader(io.StringIO(run("export", "--db", db, "--format", "acled-csv"))))
    assert len(table) == 2
    claims = [json.loads(x) for x in run("export", "--db", db, "--format", "jsonl").splitlines() if x.startswith("{")]
    assert len(claims) == 4 and len({c["event_id_cnty"] for c in claims}) == 2
    own = {c["source_file"]: c["fatalities"] for c in claims}
    assert own == {"monitor.txt": 3, "wire.txt": 2, "post.txt": 4, "other_night.txt": 1}
    fused = [json.loads(x) for x in run("export", "--db", db, "--format", "jsonl", "--fused").splitlines()
             if x.startswith("{")]
    assert len(fused) == 2
    strike = next(r for r in table if r["source_files"].count(";") == 2)
    shown = run("show", strike["event_id_cnty"], "--db", db)
    assert "the incident: 3 reports, 3 independent origin(s), fatalities 4 (2-4)" in shown
    assert "wire.txt" in shown and "post.txt" in shown


def test_a_reviewer_splits_and_merges_incidents_from_the_command_line(tmp_path):
    db = ingest(tmp_path, list(REPORTS), "r")
    rows = [json.loads(x) for x in run("events", "--db", db, "--format", "jsonl", "--per-report").splitlines()]
    ids = {r["source_file"]: r["event_id_cnty"] for r in rows}
    run("review", ids["post.txt"], "split", "--db", db, "--who", "ana")
    fused = [json.loads(x) for x in run("events", "--db", db, "--format", "jsonl").splitlines()]
    assert sorted(r["source_files"] for r in fused) == ["monitor.txt; wire.txt", "other_night.txt", "post.txt"]
    run("review", ids["other_night.txt"], "merge", ids["monitor.txt"], "--db", db)
    fused = [json.loads(x) for x in run("events", "--db", db, "--format", "jsonl").splitlines()]
    assert sorted(r["source_files"] for r in fused) == ["monitor.txt; wire.txt; other_night.txt", "post.txt"]
    refused = CliRunner().invoke(main, ["review", ids["post.txt"], "merge", "--db", db])
    assert refused.exit_code == 2 and "needs a VALUE" in refused.output
