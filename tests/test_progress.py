"""Progress of an ingest run: a bar on a terminal, periodic plain lines in a log, nothing with -q."""
from __future__ import annotations

import io
import time
from importlib import resources as importlib_resources
from pathlib import Path

import pytest
from click.testing import CliRunner

from conflictscope.cli import main
from conflictscope.progress import LINE_EVERY_SECONDS, Progress


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_in_a_log_writes_a_line_every_interval_and_at_the_end() -> None:
    out, clock = io.StringIO(), FakeClock()
    progress = Progress(30, out, clock=clock)
    for _ in range(20):   # 20 reports, one every 2 s
        clock.now += 2.0
        progress("a.txt")
    progress.close()
    lines = out.getvalue().splitlines()
    assert len(lines) == 40 // int(LINE_EVERY_SECONDS) + 1
    assert lines[0] == "ingest: 5/30 reports, 0.5/s, 10 s elapsed, about 50 s left"
    assert lines[-1] == "ingest: 20/30 reports, 0.5/s, 40 s elapsed, about 20 s left"


def test_progress_total_grows_with_files_that_hold_several_reports() -> None:
    out, clock = io.StringIO(), FakeClock()
    progress = Progress(1, out, clock=clock)
    for _ in range(3):
        clock.now += 70.0
        progress("feed.jsonl")
    progress.close()
    assert out.getvalue().splitlines()[-1] == "ingest: 3/3 reports, 0.0/s, 3 min 30 s elapsed"


def test_progress_on_a_terminal_draws_done_total_rate_and_eta() -> None:
    out = Terminal()
    progress = Progress(5, out)
    for _ in range(3):
        time.sleep(0.15)   # tqdm redraws at most every 0.1 s
        progress("a.txt")
    drawn = out.getvalue()
    progress.close()
    assert "3/5" in drawn and "reports/s" in drawn and "<" in drawn   # tqdm: [elapsed<left, rate]


def test_progress_quiet_shows_nothing() -> None:
    progress = Progress(5, None)
    progress("a.txt")
    progress.close()
    assert progress.done == 1


@pytest.mark.slow   # ingests the bundled samples through the whole coder, twice
@pytest.mark.parametrize("quiet, expected", [([], ["ingest: 6/6 reports"]), (["-q"], [])])
def test_progress_ingest_in_a_log_ends_with_a_progress_line_unless_quiet(tmp_path: Path, quiet: list[str],
                                                                         expected: list[str]) -> None:
    samples = importlib_resources.files("conflictscope") / "data" / "samples"
    with importlib_resources.as_file(samples) as folder:
        result = CliRunner().invoke(main, ["ingest", str(folder), "--db", str(tmp_path / "s.db"), *quiet],
                                    catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert [line.split(",")[0] for line in result.stderr.splitlines() if line.startswith("ingest:")] == expected
