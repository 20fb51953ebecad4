"""Readers never wait for writers; writers wait for each other with a message instead of failing."""
from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from conflictscope.cli import main
from conflictscope.errors import StoreError
from conflictscope.models import Problem
from conflictscope.store import Store, engine

from .conftest import make_coded, make_event

HOLD_LOCK = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
print("held", flush=True)
time.sleep(120)
"""


@pytest.fixture()
def filled(tmp_path: Path) -> Path:
    path = tmp_path / "filled.db"
    with Store.open(str(path)) as store:
        store.save_coded(make_coded("rep-1", events=[make_event("ev-1", "rep-1")]))
    return path


@pytest.fixture()
def locked(filled: Path) -> Iterator[Path]:
    """The database while another process holds its write lock (BEGIN IMMEDIATE, never committed)."""
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(filled)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        yield filled
    finally:
        holder.kill()
        holder.wait()


def _cli(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_store_read_only_reads_while_another_process_holds_the_write_lock(locked: Path) -> None:
    started = time.monotonic()
    with Store.open(str(locked), read_only=True) as store:
        assert [e.id for e in store.events()] == ["ev-1"]
    assert time.monotonic() - started < 5


@pytest.mark.parametrize("command", [["events", "--format", "jsonl"], ["show", "ev-1"], ["sources"],
                                     ["problems"], ["export", "--format", "jsonl"]])
def test_cli_readers_answer_while_another_process_holds_the_write_lock(locked: Path, command: list[str]) -> None:
    started = time.monotonic()
    result = _cli(*command, "--db", str(locked))
    assert result.exit_code == 0, result.output
    assert time.monotonic() - started < 10
    if command[0] in ("events", "show"):
        assert "ev-1" in result.output


def test_cli_lists_a_read_only_database_file_and_leaves_it_as_it_was(filled: Path, tmp_path: Path) -> None:
    copy = tmp_path / "ro" / "copy.db"
    copy.parent.mkdir()
    shutil.copyfile(filled, copy)
    copy.chmod(0o444)
    before = hashlib.sha256(copy.read_bytes()).hexdigest()
    for command in (["events", "--format", "jsonl"], ["sources"], ["show", "ev-1"]):
        result = _cli(*command, "--db", str(copy))
        assert result.exit_code == 0, result.output
    assert "ev-1" in _cli("events", "--db", str(copy)).output
    assert hashlib.sha256(copy.read_bytes()).hexdigest() == before


def test_store_read_only_refuses_to_write(filled: Path) -> None:
    with Store.open(str(filled), read_only=True) as store, pytest.raises(StoreError, match="read-only"):
        store.record_problem(Problem("x.txt", "ingest", "a problem"))


def test_store_read_only_names_a_missing_file_and_creates_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "nothing-here.db"
    with pytest.raises(StoreError, match=r"no store at .*nothing-here\.db.*conflictscope ingest"):
        Store.open(str(missing), read_only=True)
    assert not missing.exists()
    result = CliRunner().invoke(main, ["events", "--db", str(missing)])
    assert result.exit_code == 2 and "no store at" in result.output and not missing.exists()


def test_store_writer_waits_for_the_lock_and_says_so(filled: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    monkeypatch.setattr(engine, "_LOCK_POLL_SECONDS", 0.2)
    holder = sqlite3.connect(str(filled), isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    release = threading.Timer(1.5, holder.rollback)
    messages: list[str] = []
    with Store.open(str(filled), on_wait=messages.append) as store:
        release.start()
        started = time.monotonic()
        store.record_problem(Problem("x.txt", "ingest", "a problem"))
        assert time.monotonic() - started >= 1.0
        assert Problem("x.txt", "ingest", "a problem") in store.problems()
    release.join()
    holder.close()
    assert messages[0].startswith(f"waiting for the store lock on {filled}, held by another process")
    assert messages[-1].startswith("got the store lock")


@pytest.mark.slow   # codes a report through the whole coder
def test_cli_ingest_waits_for_the_lock_then_summarises(filled: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    monkeypatch.setattr(engine, "_LOCK_POLL_SECONDS", 0.2)
    told = threading.Event()
    real_init = engine.LockWait.__init__

    def init(self: engine.LockWait, where: str, tell=None) -> None:
        real_init(self, where, tell)
        said = self.tell
        self.tell = lambda message: (said(message), told.set())

    monkeypatch.setattr(engine.LockWait, "__init__", init)
    report = tmp_path / "report.txt"
    report.write_text("Gunmen killed three civilians in Kano on 3 March 2024, police said.\n", encoding="utf-8")
    holder = sqlite3.connect(str(filled), isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    release = threading.Thread(target=lambda: (told.wait(120), time.sleep(0.5), holder.rollback()))
    release.start()
    try:
        result = CliRunner().invoke(main, ["ingest", str(report), "--db", str(filled), "-q"], catch_exceptions=False)
    finally:
        told.set()
        release.join()
        holder.close()
    assert result.exit_code == 0, result.output
    assert "note: waiting for the store lock on" in result.output
    assert "reports read: 1 (new 1" in result.output


def test_store_read_only_upgrades_an_empty_schema_first_and_reads(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "old.db"
    sqlite3.connect(path).close()    # a database file without conflictscope's tables yet
    with Store.open(str(path), read_only=True) as store:
        assert store.read_only and store.events() == []
    assert Store.open("sqlite://", read_only=True).events() == []
