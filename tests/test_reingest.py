"""Editing a report and ingesting it again: the same report, its events re-coded in place, the
reviewers' decisions kept or followed to the re-coded event, and loud about what is lost."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from click.testing import CliRunner

from conflictscope.cli import main
from conflictscope.ingest import read_paths
from conflictscope.ingest.identity import legacy_report_id
from conflictscope.pipeline import BatchSummary, ingest
from conflictscope.store import Store, migrate

REPORT = """Checkpoint raided outside Hit

On Tuesday, gunmen attacked a police checkpoint near Hit in Anbar province, killing two policemen, officials said.

Separately, a roadside bomb exploded near Ramadi on Monday, wounding a soldier.
"""


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "hit.txt").write_text(REPORT, encoding="utf-8")
    return tmp_path / "reports"


def _ingest(folder: Path, store: Store, resources) -> BatchSummary:
    return ingest(read_paths([folder], published="2024-03-21"), store, resources)


def _edit(folder: Path, old: str, new: str) -> None:
    path = folder / "hit.txt"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _checkpoint_event(store: Store):
    [event] = [e for e in store.events() if e.location.startswith("H")]
    return event


def _cli(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_reingest_edited_file_recodes_in_place_and_keeps_decisions(folder, tmp_path, resources):
    with Store.open(str(tmp_path / "s.db")) as store:
        _ingest(folder, store, resources)
        before = sorted(e.id for e in store.events())
        assert store.report_count() == 1 and len(before) == 2
        event = _checkpoint_event(store)
        store.add_decision(event.id, "edit", field="fatalities", value="5", who="ana")
        _edit(folder, "officials said", "security officials said")
        summary = _ingest(folder, store, resources)
        assert (summary.reports_new, summary.reports_updated, summary.reports_unchanged) == (0, 1, 0)
        assert store.report_count() == 1 and sorted(e.id for e in store.events()) == before
        assert store.event(event.id).fatalities == 5
        again = _ingest(folder, store, resources)
        assert (again.reports_updated, again.reports_unchanged) == (0, 1)


def test_reingest_date_change_moves_the_decision_and_show_points_to_it(folder, tmp_path, resources):
    db = str(tmp_path / "s.db")
    with Store.open(db) as store:
        _ingest(folder, store, resources)
        old = _checkpoint_event(store)
        decision = store.add_decision(old.id, "edit", field="fatalities", value="5", who="ana")
        _edit(folder, "On Tuesday", "On Sunday")
        summary = _ingest(folder, store, resources)
        new = _checkpoint_event(store)
        assert new.id != old.id and new.event_date < old.event_date
        assert summary.decisions_moved == 1 and summary.decisions_orphaned == 0
        assert [d["id"] for d in store.decisions(new.id)] == [decision]
        assert new.fatalities == 5 and new.status == "edited" and len(store.events()) == 2
    shown = _cli("show", old.id, "--db", db)
    assert shown.exit_code == 0 and new.id in shown.output.splitlines()[0]
    assert f"{new.id}  Battles" in shown.output


def test_reingest_sentence_deleted_orphans_the_decision_loudly(folder, tmp_path, resources):
    db = str(tmp_path / "s.db")
    with Store.open(db) as store:
        _ingest(folder, store, resources)
        old = _checkpoint_event(store)
        store.add_decision(old.id, "reject", note="not an attack", who="ana")
        _edit(folder, REPORT.splitlines()[2] + "\n", "")
        summary = _ingest(folder, store, resources)
        assert summary.decisions_orphaned == 1 and len(store.events()) == 1
        assert any(p.stage == "review" and old.id in p.message for p in summary.problems)
    listed = _cli("problems", "--db", db)
    assert "[review]: decision" in listed.output and old.id in listed.output
    shown = _cli("show", old.id, "--db", db)
    assert shown.exit_code != 0 and "no successor" in shown.output and "gunmen attacked" in shown.output


def test_reingest_copies_under_two_names_stay_two_reports(folder, tmp_path, resources):
    (folder / "copy.txt").write_text(REPORT, encoding="utf-8")
    with Store.open(str(tmp_path / "s.db")) as store:
        summary = _ingest(folder, store, resources)
        assert summary.reports_new == 2 and store.report_count() == 2


@pytest.mark.parametrize("edited", [False, True], ids=["same-text", "edited-text"])
def test_reingest_store_from_before_identity_is_adopted_not_duplicated(folder, tmp_path, resources, edited):
    path = tmp_path / "old.db"
    with Store.open(str(path)) as store:      # what schema 0001 stored: ids of the text, no identity
        old_reports = [replace(r, id=legacy_report_id(r.url, r.text), identity="")
                       for r in read_paths([folder], published="2024-03-21")]
        ingest(old_reports, store, resources)
        before = sorted(e.id for e in store.events())
        event = _checkpoint_event(store)
        store.add_decision(event.id, "edit", field="fatalities", value="6", who="ana")
    engine = sa.create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        command.downgrade(migrate.alembic_config(conn), "0001")
    engine.dispose()
    if edited:
        _edit(folder, "officials said", "security officials said")
    with Store.open(str(path)) as store:      # upgraded to the newest schema on opening
        assert store.revision() == migrate.head_revision()
        summary = _ingest(folder, store, resources)
        assert summary.reports_new == 0 and store.report_count() == 1
        assert sorted(e.id for e in store.events()) == before
        assert store.event(event.id).fatalities == 6
        assert store.report(event.report_id).identity == "file:hit.txt"
