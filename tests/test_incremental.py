"""Incremental ingest: a folder that grew codes only what is new or changed."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from conflictscope import pipeline
from conflictscope.cli import main

pytestmark = pytest.mark.slow   # codes reports through the whole coder

REPORTS = {   # in our own words
    "a.txt": "On 3 March 2024, gunmen attacked a police checkpoint in Hajin, killing two policemen.",
    "b.txt": "On 4 March 2024, a drone struck a car near Al-Mayadin, killing its driver.",
    "c.txt": "On 5 March 2024, hundreds of residents protested in Deir ez-Zor against power cuts.",
}


def ingest(folder, db, *extra):
    result = CliRunner().invoke(main, ["ingest", str(folder), "--db", db, "-q", "--workers", "1", *extra],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_only_new_and_changed_reports_are_coded_again(tmp_path, monkeypatch):
    folder, db = tmp_path / "in", str(tmp_path / "s.db")
    folder.mkdir()
    for name, text in REPORTS.items():
        (folder / name).write_text(text + "\n", encoding="utf-8")
    assert "new 3, updated 0, unchanged 0" in ingest(folder, db)

    coded = []
    real = pipeline.code_outcome
    monkeypatch.setattr(pipeline, "code_outcome", lambda item, *a, **k: coded.append(item.source_file) or real(item, *a, **k))
    (folder / "d.txt").write_text("On 6 March 2024, clashes erupted between tribal fighters and the SDF in "
                                  "Thiban.\n", encoding="utf-8")
    (folder / "b.txt").write_text(REPORTS["b.txt"].replace("its driver", "two men") + "\n", encoding="utf-8")
    out = ingest(folder, db)
    assert "new 1, updated 1, unchanged 2" in out
    assert sorted(coded) == ["b.txt", "d.txt"]

    coded.clear()
    assert "unchanged 4" in ingest(folder, db) and coded == []
    assert "unchanged 4" in ingest(folder, db, "--recode") and len(coded) == 4
