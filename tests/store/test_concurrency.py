"""Several writers on one database wait for each other instead of failing."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conflictscope.store import Store

from .conftest import BACKENDS, make_coded, make_event, wiped_postgres


@pytest.mark.slow   # 30 reports saved by six threads through two stores
@pytest.mark.parametrize("backend", BACKENDS)
def test_store_two_stores_write_one_database_concurrently(tmp_path: Path, backend: str) -> None:
    path = str(tmp_path / "shared.db") if backend == "sqlite" else wiped_postgres()
    Store.open(path).close()
    first, second = Store.open(path), Store.open(path)

    def save(args: tuple[Store, int]) -> None:
        store, i = args
        # every report also claims the shared event: read-then-write races would collide here
        store.save_coded(make_coded(f"rep-{i}", events=[make_event(f"ev-{i}", f"rep-{i}"),
                                                        make_event("ev-shared", f"rep-{i}")]))

    try:
        with ThreadPoolExecutor(max_workers=6) as pool:
            list(pool.map(save, [(first if i % 2 else second, i) for i in range(30)]))
        assert first.report_count() == 30
        assert len(second.events()) == 31
        assert len(first.event_reports("ev-shared")) == 30
        assert [c["action"] for c in first.changes(entity="event") if c["entity_id"] == "ev-shared"] == (
            ["created"] + ["updated"] * 29)
    finally:
        first.close()
        second.close()
