"""Schema migrations, run programmatically with alembic; the scripts live in `migrations/`."""
from __future__ import annotations

import io
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(connection: Connection | None = None) -> Config:
    """An alembic Config pointing into the package; no alembic.ini is read."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest revision this version of conflictscope knows."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "the migrations folder has no revisions"
    return head


def knows(revision: str) -> bool:
    """Whether this version of conflictscope has a migration script for `revision`."""
    return revision in {script.revision for script in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def current_revision(connection: Connection) -> str | None:
    """The revision the database is at, or None for an empty database."""
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(connection: Connection, revision: str = "head") -> None:
    """Bring the database behind `connection` up to `revision`."""
    command.upgrade(alembic_config(connection), revision)


def sql_script(url: str, revision: str = "head") -> str:
    """The SQL that brings an empty database of `url`'s kind to `revision`, without connecting."""
    buffer = io.StringIO()
    config = alembic_config()
    config.output_buffer = buffer
    config.set_main_option("sqlalchemy.url", url)
    command.upgrade(config, revision, sql=True)
    return buffer.getvalue()
