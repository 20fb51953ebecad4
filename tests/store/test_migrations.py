"""Opening runs the migrations; the migrated schema is the one `schema.py` describes."""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from conflictscope.errors import StoreError
from conflictscope.store import Store, migrate
from conflictscope.store.schema import metadata

from .conftest import make_coded


def test_store_fresh_database_is_at_head(tmp_path: Path) -> None:
    with Store.open(str(tmp_path / "fresh.db")) as store:
        assert store.revision() == migrate.head_revision() == "0002"


def test_store_reopening_keeps_data_and_revision(tmp_path: Path) -> None:
    path = str(tmp_path / "again.db")
    with Store.open(path) as store:
        store.save_coded(make_coded())
    with Store.open(f"sqlite:///{path}") as store:
        assert store.revision() == migrate.head_revision()
        assert store.report_count() == 1 and len(store.events()) == 1


def test_store_empty_existing_file_is_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    sqlite3.connect(path).close()
    with Store.open(str(path)) as store:
        assert store.revision() == migrate.head_revision()


def test_store_migrated_schema_matches_metadata(tmp_path: Path) -> None:
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'diff.db'}")
    with engine.begin() as conn:
        migrate.upgrade(conn)
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), metadata)
    engine.dispose()
    assert diff == []


def test_store_downgrade_and_upgrade_again(tmp_path: Path) -> None:
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'down.db'}")
    with engine.begin() as conn:
        migrate.upgrade(conn)
        command.downgrade(migrate.alembic_config(conn), "base")
        assert migrate.current_revision(conn) is None
        assert sa.inspect(conn).get_table_names() == ["alembic_version"]
    engine.dispose()
    with Store.open(str(tmp_path / "down.db")) as store:
        assert store.revision() == migrate.head_revision()


def test_store_newer_revision_says_upgrade_conflictscope(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    Store.open(str(path)).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(StoreError, match=r"9999.*upgrading conflictscope"):
        Store.open(str(path))


def test_store_sqlite_wal_and_foreign_keys_are_on(tmp_path: Path) -> None:
    with Store.open(str(tmp_path / "wal.db")) as store, store._engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() > 0


def test_store_default_path_is_in_working_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with Store.open() as store:
        assert store.url == f"sqlite:///{tmp_path.resolve() / 'conflictscope.db'}"
    assert (tmp_path / "conflictscope.db").exists()


@pytest.mark.parametrize(("make_target", "message"), [
    (lambda tmp: tmp / "no" / "such" / "dir" / "x.db", r"folder .*dir does not exist.*mkdir -p"),
    (lambda tmp: tmp, r"is a folder, not a database file"),
    (lambda tmp: f"sqlite:///{tmp}/missing/x.db", r"folder .*missing does not exist"),
])
def test_store_bad_path_names_the_path_and_fix(tmp_path: Path, make_target: object, message: str) -> None:
    target = make_target(tmp_path)  # type: ignore[operator]
    with pytest.raises(StoreError, match=message):
        Store.open(str(target))


def test_store_not_a_database_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"this is not sqlite at all, just some text" * 100)
    with pytest.raises(StoreError, match=r"notes\.db.*--db"):
        Store.open(str(path))


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_store_unwritable_folder(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(StoreError, match=r"not writable.*permissions"):
            Store.open(str(folder / "x.db"))
    finally:
        folder.chmod(0o700)


def test_store_missing_driver_says_what_to_install() -> None:
    with pytest.raises(StoreError, match=r"driver.*not installed.*pip install"):
        Store.open("postgresql+nosuchdriver://user:secret@localhost/db")


def test_store_migration_renders_for_postgresql() -> None:
    script = migrate.sql_script("postgresql://user@localhost/conflictscope")
    assert "CREATE TABLE events" in script and "CREATE TABLE decisions" in script
    assert "id BIGSERIAL NOT NULL" in script and "detail JSON NOT NULL" in script
    assert "UPDATE alembic_version SET version_num='0001'" in script or "INSERT INTO alembic_version" in script


@pytest.mark.parametrize("url", ["postgresql://ana:s3cret@127.0.0.1:1/cs", "postgres://ana:s3cret@127.0.0.1:1/cs"])
def test_store_unreachable_server_hides_the_password(url: str) -> None:
    with pytest.raises(StoreError) as caught:
        Store.open(url)
    assert "s3cret" not in str(caught.value) and "127.0.0.1:1/cs" in str(caught.value)
