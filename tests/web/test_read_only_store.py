"""The workbench serves a store it may not write: pages answer, review says why it cannot save."""
from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

from conflictscope.store import engine


def test_web_serves_a_store_it_may_not_write(db_path: Path, open_client, monkeypatch: pytest.MonkeyPatch,
                                             caplog: pytest.LogCaptureFixture) -> None:
    real_access = os.access

    def no_writing(path: object, mode: int, *args: object, **kwargs: object) -> bool:
        return False if mode & os.W_OK and str(path).startswith(str(db_path)) else real_access(path, mode)

    monkeypatch.setattr(engine.os, "access", no_writing)
    with caplog.at_level(logging.WARNING, logger="conflictscope.web"):
        client = open_client(db_path)
    assert client.app.state.bench.store.read_only
    assert any("read-only" in r.getMessage() and "not writable" in r.getMessage() for r in caplog.records)
    response = client.get("/events.json")
    assert response.status_code == 200 and response.json()
