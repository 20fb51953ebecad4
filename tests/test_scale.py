"""Scale-out: a Dask LocalCluster codes the same events as one process."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from conflictscope.cli import main

pytest.importorskip("distributed", reason="the scale extra (dask[distributed]) is not installed")
pytestmark = pytest.mark.slow   # starts a cluster whose workers load the coder

REPORTS = {   # in our own words
    "a.txt": "On 3 March 2024, gunmen attacked a police checkpoint in Hajin, killing two policemen.",
    "b.txt": "On 4 March 2024, a drone struck a car near Al-Mayadin, killing its driver.",
    "c.txt": "On 5 March 2024, hundreds of residents protested in Deir ez-Zor against power cuts.",
    "d.txt": "Not a report at all, just a line.",
}


def events(db: str) -> list[dict]:
    out = CliRunner().invoke(main, ["events", "--db", db, "--format", "jsonl", "--per-report"]).stdout
    return [{k: v for k, v in json.loads(line).items() if k != "timestamp"} for line in out.splitlines()]


def test_a_local_dask_cluster_codes_what_one_process_codes(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in REPORTS.items():
        (folder / name).write_text(text + "\n", encoding="utf-8")
    one, cluster = str(tmp_path / "one.db"), str(tmp_path / "dask.db")
    first = CliRunner().invoke(main, ["ingest", str(folder), "--db", one, "-q", "--workers", "1"])
    second = CliRunner().invoke(main, ["ingest", str(folder), "--db", cluster, "-q", "--workers", "2",
                                       "--dask", "local"])
    assert first.exit_code == second.exit_code == 0, second.output
    assert first.stdout == second.stdout
    assert events(one) == events(cluster) and len(events(one)) == 3
