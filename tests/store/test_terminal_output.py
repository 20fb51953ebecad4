"""The CLI never sends a stored control character to the terminal (escape injection)."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from conflictscope.cli import main
from conflictscope.models import Problem
from conflictscope.store import Store

from .conftest import make_coded, make_event, make_report

HOSTILE = "\x1b]0;PWNED\x07\x1b[2J"


@pytest.fixture()
def hostile_db(tmp_path: Path) -> str:
    path = str(tmp_path / "hostile.db")
    name = f"evil\n{HOSTILE}.json"
    event = make_event("ev-1", "rep-1", source=f"{HOSTILE}News", source_file=name, notes=HOSTILE,
                       explanation=[f"trigger {HOSTILE}"])
    coded = make_coded("rep-1", events=[event])
    report = make_report("rep-1", source_file=name, title=f"T{HOSTILE}", publisher=f"{HOSTILE}News")
    with Store.open(path) as store:
        store.save_coded(type(coded)(**{**coded.__dict__, "report": report}))
        store.record_problem(Problem(f"/data/{name}", "ingest", f"{name}: is broken"))
    return path


@pytest.mark.parametrize("command", [["sources"], ["show", "ev-1"], ["events"], ["problems"],
                                     ["presence"], ["actors"], ["places"]])
def test_cli_escapes_control_characters_in_stored_strings(hostile_db: str, command: list[str]) -> None:
    result = CliRunner().invoke(main, [*command, "--db", hostile_db], catch_exceptions=False, color=False)
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    if command[0] in ("sources", "show", "problems"):
        assert "\\x1b]0;PWNED\\x07\\x1b[2J" in result.output


def test_cli_sources_keeps_one_line_per_report_whatever_the_file_name(hostile_db: str) -> None:
    lines = CliRunner().invoke(main, ["sources", "--db", hostile_db]).output.splitlines()
    assert len(lines) == 1 and lines[0].startswith("rep-1  evil\\n\\x1b")
