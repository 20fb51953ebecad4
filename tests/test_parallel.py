"""Coding on several processes: results in input order, the same events as one process."""
from __future__ import annotations

import os
import shutil
from importlib import resources as importlib_resources
from pathlib import Path

import pytest
from click.testing import CliRunner

from conflictscope.cli import main
from conflictscope.parallel import ordered_map


def _square_with_pid(item: int, offset: int) -> tuple[int, int]:
    return item * item + offset, os.getpid()


def _dies_on_three(item: int, offset: int) -> int:
    if item == 3:
        os._exit(1)   # what a worker killed for memory looks like to the pool
    return item + offset


@pytest.mark.parametrize("workers, items", [(1, range(7)), (2, range(25)), (3, range(2)), (4, [])])
def test_parallel_ordered_map_keeps_input_order(workers: int, items: range) -> None:
    out = list(ordered_map(_square_with_pid, items, 10, workers=workers))
    assert [(item, result[0]) for item, result in out] == [(i, i * i + 10) for i in items]
    pids = {result[1] for _, result in out}
    assert len(pids) <= min(workers, len(items))
    if min(workers, len(items)) <= 1:   # one item or one worker: no process started
        assert pids <= {os.getpid()}


@pytest.mark.parametrize("workers", [1, 2])
def test_parallel_ordered_map_reads_the_stream_as_it_goes(workers: int) -> None:
    read: list[int] = []

    def stream():
        for item in range(1000):
            read.append(item)
            yield item

    results = ordered_map(_square_with_pid, stream(), 0, workers=workers)
    next(results)
    # one item read ahead per worker and a few per worker in flight at most, never the whole stream
    assert len(read) <= workers * 4 + 1
    results.close()


def test_parallel_a_worker_that_dies_costs_only_its_item() -> None:
    out = list(ordered_map(_dies_on_three, range(12), 100, workers=2, on_crash=lambda item: -item))
    assert out == [(i, -3 if i == 3 else i + 100) for i in range(12)]


def _ingest_and_export(folder: Path, db: Path, workers: int) -> tuple[str, list[str]]:
    runner = CliRunner()
    ingested = runner.invoke(main, ["ingest", str(folder), "--db", str(db), "-q", "--workers", str(workers)],
                             catch_exceptions=False)
    exported = runner.invoke(main, ["export", "--db", str(db), "--format", "jsonl"], catch_exceptions=False)
    return ingested.output, exported.stdout.splitlines()


@pytest.mark.slow   # ingests a dozen reports through the whole coder, twice
def test_parallel_ingest_with_two_workers_stores_what_one_stores(tmp_path: Path, devset_dir: Path) -> None:
    folder = tmp_path / "reports"
    shutil.copytree(importlib_resources.files("conflictscope") / "data" / "samples", folder)
    for path in sorted(devset_dir.iterdir())[:8]:
        shutil.copyfile(path, folder / f"devset-{path.name}")
    one = _ingest_and_export(folder, tmp_path / "one.db", 1)
    two = _ingest_and_export(folder, tmp_path / "two.db", 2)
    assert "reports read: 14 (new 14" in one[0]
    assert len(one[1]) > 14 and two == one
