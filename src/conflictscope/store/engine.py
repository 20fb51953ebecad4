"""Opening the store: database URLs, engines, migrations and write transactions.

`Database` holds an engine and its URL; the store's parts (writer, queries, review) build on it.
SQLite writers take the whole database at BEGIN IMMEDIATE; PostgreSQL writers take advisory
locks on the report and events they touch (`lock`).
"""
from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from alembic.util import CommandError
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from conflictscope.errors import StoreError
from conflictscope.store import migrate

DEFAULT_DB = "conflictscope.db"
CHUNK = 500                      # ids per IN (...) clause, well under every backend's limit
_WRITE = "conflictscope_write"   # execution option: take SQLite's write lock at BEGIN
_SQLITE_BUSY_SECONDS = 30
_PG_LOCK = text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))")


class Database:
    """An open database: its engine, its URL and write transactions. Open with `open(url)`."""

    def __init__(self, engine: Engine, url: str) -> None:
        self._engine = engine
        self.url = url

    @classmethod
    def open(cls, url: str | None = None) -> Self:
        """Open (creating if needed) the store at `url` and migrate it to the newest schema.

        Args:
            url: None for `conflictscope.db` in the working directory, a file path for a SQLite
                file there, or a database URL (`sqlite:///...`, `postgresql+psycopg://...`).
        """
        url_of_database = database_url(url)
        engine = _create_engine(url_of_database)
        opened = cls(engine, url_of_database)
        try:
            opened._migrate()
        except BaseException:
            engine.dispose()
            raise
        return opened

    def _migrate(self) -> None:
        where = shown(self.url)
        current: str | None = None
        try:
            with self._write() as conn:
                current = migrate.current_revision(conn)
                if current != migrate.head_revision():
                    migrate.upgrade(conn)
        except CommandError as exc:
            raise StoreError(
                f"the database {where} is at schema revision {current!r}, which this version of "
                f"conflictscope does not know (newest known: {migrate.head_revision()}): {exc}. "
                "You can fix this by upgrading conflictscope, or by passing --db with another database"
            ) from exc
        except SQLAlchemyError as exc:
            if self._engine.dialect.name == "sqlite":
                fix = ("checking that it is a conflictscope database you may write to, or by passing "
                       "--db with a new file path")
            else:
                fix = ("checking that the server is running and that the user, host, port and "
                       "database in the URL are right")
            raise StoreError(f"cannot open the database {where}: {reason(exc)}. You can fix this by {fix}") from exc

    def revision(self) -> str | None:
        """The schema revision the database is at."""
        with self._engine.connect() as conn:
            return migrate.current_revision(conn)

    def close(self) -> None:
        """Close every connection to the database."""
        self._engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def _write(self) -> Transaction:
        """A transaction that holds the write lock from its start (SQLite BEGIN IMMEDIATE)."""
        conn = self._engine.connect().execution_options(**{_WRITE: True})
        return Transaction(conn)


class Transaction:
    """Context manager: a connection in a transaction, committed on success, closed always."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def __enter__(self) -> Connection:
        try:
            self._conn.begin()
        except BaseException:
            self._conn.close()
            raise
        return self._conn

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        try:
            if exc_type is None:
                self._conn.commit()
            else:
                self._conn.rollback()
        finally:
            self._conn.close()


def lock(conn: Connection, keys: list[str]) -> None:
    """Hold these keys until the transaction ends, so writers of shared events take turns.

    SQLite needs nothing: a writer holds the whole database from BEGIN IMMEDIATE. PostgreSQL
    gets transaction-scoped advisory locks, taken in sorted order so that writers cannot deadlock.
    """
    if conn.dialect.name != "postgresql":
        return
    for key in sorted(keys):
        conn.execute(_PG_LOCK, {"key": key})


def now() -> str:
    """The time as the store writes it: ISO 8601 UTC, to the microsecond."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def chunks(items: Sequence[Any]) -> Iterator[Sequence[Any]]:
    """`items` in slices of `CHUNK`, so an IN (...) clause stays within every backend's limit."""
    for i in range(0, len(items), CHUNK):
        yield items[i:i + CHUNK]


def reason(exc: Exception) -> str:
    """The first line of the database's own message for an error."""
    return str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]


def shown(url: str) -> str:
    """A URL fit for messages: the password hidden, a SQLite file as its path."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return parsed.database or ":memory:"
    return parsed.render_as_string(hide_password=True)


def database_url(url: str | None) -> str:
    """The database URL for `--db`: a default file, a path, or a URL as given."""
    if url is None:
        return "sqlite:///" + str(_checked_sqlite_path(Path(DEFAULT_DB)))
    if url.startswith("postgres://"):   # the spelling many hosting services hand out
        url = "postgresql://" + url.removeprefix("postgres://")
    if "://" not in url:
        return "sqlite:///" + str(_checked_sqlite_path(Path(url)))
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(
            f"{url!r} is not a database URL: {exc}. You can fix this by passing a file path or a "
            "URL such as sqlite:///conflictscope.db or postgresql+psycopg://user@host/dbname"
        ) from exc
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        _checked_sqlite_path(Path(parsed.database))
    if parsed.drivername in ("postgresql", "postgres"):
        # the driver the `postgres` extra installs, rather than SQLAlchemy's default psycopg2
        return parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    return url


def _checked_sqlite_path(path: Path) -> Path:
    path = path.expanduser().resolve()
    folder = path.parent
    if path.is_dir():
        raise StoreError(
            f"cannot open the store at {path}: it is a folder, not a database file. You can fix "
            f"this by passing --db with a file path such as {path / DEFAULT_DB}"
        )
    if not folder.is_dir():
        raise StoreError(
            f"cannot open the store at {path}: the folder {folder} does not exist. You can fix "
            f"this by creating it (mkdir -p {folder}) or by passing --db with another path"
        )
    writable = os.access(path, os.W_OK) if path.exists() else os.access(folder, os.W_OK)
    if not writable:
        raise StoreError(
            f"cannot open the store at {path}: {'the file' if path.exists() else 'the folder ' + str(folder)} "
            "is not writable. You can fix this by changing its permissions or by passing --db with "
            "a path you may write to"
        )
    return path


def _create_engine(url: str) -> Engine:
    parsed = make_url(url)
    try:
        if parsed.get_backend_name() != "sqlite":
            return create_engine(parsed, pool_pre_ping=True)
        in_memory = parsed.database in (None, "", ":memory:")
        engine = create_engine(
            parsed,
            # the pool hands a connection to one thread at a time, so sharing across threads is safe
            connect_args={"timeout": _SQLITE_BUSY_SECONDS, "check_same_thread": False},
            **({"poolclass": StaticPool} if in_memory else {}),
        )
    except (NoSuchModuleError, ImportError) as exc:
        raise StoreError(
            f"the database driver for {shown(url)} is not installed ({exc}). You can fix this by "
            "installing it: pip install 'conflictscope[postgres]' for PostgreSQL"
        ) from exc

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, _record: Any) -> None:
        # We issue BEGIN ourselves (below) so that writers can take the lock up front.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        if not in_memory:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(_WRITE) else "BEGIN")

    return engine
