"""End to end on PostgreSQL: `ingest` into a PostgreSQL store gives the events a SQLite store gets."""
from __future__ import annotations

from importlib import resources as importlib_resources
from pathlib import Path

import pytest
from click.testing import CliRunner

from conflictscope.cli import main

from .conftest import POSTGRES_SKIP, wiped_postgres


def _ingest_and_export(samples: Path, db: str) -> list[str]:
    runner = CliRunner()
    ingested = runner.invoke(main, ["ingest", str(samples), "--db", db, "-q"], catch_exceptions=False)
    assert ingested.exit_code == 0, ingested.output
    assert "reports read: 6 (new 6" in ingested.output
    exported = runner.invoke(main, ["export", "--db", db, "--format", "jsonl"], catch_exceptions=False)
    assert exported.exit_code == 0, exported.output
    return exported.stdout.splitlines()


@pytest.mark.slow   # ingests reports through the whole coder, twice
@pytest.mark.skipif(POSTGRES_SKIP is not None, reason=f"the PostgreSQL store tests are not run: {POSTGRES_SKIP}")
def test_postgres_ingest_stores_the_events_sqlite_stores(tmp_path: Path) -> None:
    samples = importlib_resources.files("conflictscope") / "data" / "samples"
    with importlib_resources.as_file(samples) as folder:
        on_sqlite = _ingest_and_export(folder, str(tmp_path / "samples.db"))
        on_postgres = _ingest_and_export(folder, wiped_postgres())
    assert on_sqlite and on_postgres == on_sqlite
