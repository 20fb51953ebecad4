"""Opening the store: database URLs, engines, migrations and write transactions.

`Database` holds an engine and its URL; the store's parts (writer, queries, review) build on it.
SQLite writers take the whole database at BEGIN IMMEDIATE, and wait for it as long as another
process holds it (`LockWait` says so every minute); PostgreSQL writers take advisory locks on
the report and events they touch (`lock`). A store opened with `read_only=True` never takes a
lock or writes (SQLite `mode=ro`, WAL): it can be read while an ingest runs, and from a file
the user may not write.
"""
from __future__ import annotations

import logging
import os
import sqlite3
import time
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Callable, Self
from urllib.parse import quote

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
_LOCK_POLL_SECONDS = 2.0         # a writer's patience per try at the lock, between messages
_LOCK_REPORT_SECONDS = 60.0      # how often a waiting writer says it still waits
_LOG = logging.getLogger("conflictscope.store")
_PG_LOCK = text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))")


class LockWait:
    """How a SQLite writer waits for the lock another process holds: it tries again, and says so."""

    def __init__(self, where: str, tell: Callable[[str], None] | None = None) -> None:
        self.where = where
        self.tell = tell or _LOG.warning

    def begin_immediate(self, raw: Any) -> None:
        """BEGIN IMMEDIATE on a raw sqlite3 connection, trying until the lock is free."""
        first_try, told = time.monotonic(), None
        while True:
            raw.execute(f"PRAGMA busy_timeout={int(_LOCK_POLL_SECONDS * 1000)}")
            try:
                raw.execute("BEGIN IMMEDIATE")
                break
            except sqlite3.OperationalError as exc:
                if getattr(exc, "sqlite_errorcode", None) not in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
                    raise
            finally:
                raw.execute(f"PRAGMA busy_timeout={_SQLITE_BUSY_SECONDS * 1000}")
            clock = time.monotonic()
            if told is None:
                told = clock
                self.tell(f"waiting for the store lock on {self.where}, held by another process (an "
                          "ingest or a review); this goes on by itself when the lock is released. "
                          "Stop the other process to go on sooner, or press Ctrl+C to stop this one")
            elif clock - told >= _LOCK_REPORT_SECONDS:
                told = clock
                self.tell(f"still waiting for the store lock on {self.where} ({clock - first_try:.0f} s)")
        if told is not None:
            self.tell(f"got the store lock on {self.where} after {time.monotonic() - first_try:.0f} s")


class Database:
    """An open database: its engine, its URL and write transactions. Open with `open(url)`."""

    def __init__(self, engine: Engine, url: str, *, read_only: bool = False) -> None:
        self._engine = engine
        self.url = url
        self.read_only = read_only

    @classmethod
    def open(cls, url: str | None = None, *, read_only: bool = False,
             on_wait: Callable[[str], None] | None = None) -> Self:
        """Open the store at `url`, migrated to the newest schema.

        Args:
            url: None for `conflictscope.db` in the working directory, a file path for a SQLite
                file there, or a database URL (`sqlite:///...`, `postgresql+psycopg://...`).
            read_only: only read: the database must exist; nothing waits for the write lock, and
                a SQLite file is opened read-only (it may belong to someone else). An old schema
                is upgraded first when the file may be written, else refused.
            on_wait: called with a message while a writer waits for another process's lock
                (default: a logged warning).
        """
        url_of_database = database_url(url, read_only=read_only)
        if make_url(url_of_database).database in (None, "", ":memory:"):
            read_only = False   # a new in-memory database has nothing to protect, and must be made
        wait = LockWait(shown(url_of_database), on_wait)
        engine = _create_engine(url_of_database, wait, read_only=read_only)
        opened = cls(engine, url_of_database, read_only=read_only)
        try:
            current = opened._revision_checked()
            if current == migrate.head_revision():
                return opened
            if read_only:
                engine.dispose()
                _upgrade_for_reading(url, current, on_wait)
                return cls.open(url, read_only=True, on_wait=on_wait)
            opened._migrate()
        except BaseException:
            engine.dispose()
            raise
        return opened

    def _revision_checked(self) -> str | None:
        """The schema revision, read without any lock; a StoreError when it is not ours."""
        try:
            with self._engine.connect() as conn:
                current = migrate.current_revision(conn)
        except SQLAlchemyError as exc:
            raise self._cannot_open(exc) from exc
        if current is not None and not migrate.knows(current):
            raise StoreError(
                f"the database {shown(self.url)} is at schema revision {current!r}, which this version "
                f"of conflictscope does not know (newest known: {migrate.head_revision()}). You can "
                "fix this by upgrading conflictscope, or by passing --db with another database")
        return current

    def _cannot_open(self, exc: SQLAlchemyError) -> StoreError:
        if self._engine.dialect.name == "sqlite":
            fix = (f"checking that it is a conflictscope database you may {'read' if self.read_only else 'write to'}, "
                   "or by passing --db with another file path")
        else:
            fix = ("checking that the server is running and that the user, host, port and "
                   "database in the URL are right")
        return StoreError(f"cannot open the database {shown(self.url)}: {reason(exc)}. You can fix this by {fix}")

    def _migrate(self) -> None:
        current: str | None = None
        try:
            with self._write() as conn:
                current = migrate.current_revision(conn)
                if current != migrate.head_revision():
                    migrate.upgrade(conn)
        except CommandError as exc:
            raise StoreError(
                f"the database {shown(self.url)} is at schema revision {current!r}, which this version of "
                f"conflictscope does not know (newest known: {migrate.head_revision()}): {exc}. "
                "You can fix this by upgrading conflictscope, or by passing --db with another database"
            ) from exc
        except SQLAlchemyError as exc:
            raise self._cannot_open(exc) from exc

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
        if self.read_only:
            raise StoreError(f"the store {shown(self.url)} is open read-only (the file may not be "
                             "written, or this command only reads), so nothing can be saved. You can fix "
                             "this by making the file and its folder writable and opening it again")
        conn = self._engine.connect().execution_options(**{_WRITE: True})
        return Transaction(conn)


def _upgrade_for_reading(url: str | None, current: str | None, on_wait: Callable[[str], None] | None) -> None:
    """Bring an older store to the newest schema before it is read; refused if it is not writable."""
    try:
        Database.open(url, on_wait=on_wait).close()
    except StoreError as exc:
        raise StoreError(f"the store {url or DEFAULT_DB} was written by an older conflictscope (schema "
                         f"revision {current!r}) and must be upgraded once before it is read, which "
                         f"failed: {exc}") from exc


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


def database_url(url: str | None, *, read_only: bool = False) -> str:
    """The database URL for `--db`: a default file, a path, or a URL as given."""
    if url is None:
        return "sqlite:///" + str(_checked_sqlite_path(Path(DEFAULT_DB), read_only))
    if url.startswith("postgres://"):   # the spelling many hosting services hand out
        url = "postgresql://" + url.removeprefix("postgres://")
    if "://" not in url:
        return "sqlite:///" + str(_checked_sqlite_path(Path(url), read_only))
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(
            f"{url!r} is not a database URL: {exc}. You can fix this by passing a file path or a "
            "URL such as sqlite:///conflictscope.db or postgresql+psycopg://user@host/dbname"
        ) from exc
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        _checked_sqlite_path(Path(parsed.database), read_only)
    if parsed.drivername in ("postgresql", "postgres"):
        # the driver the `postgres` extra installs, rather than SQLAlchemy's default psycopg2
        return parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    return url


def _checked_sqlite_path(path: Path, read_only: bool = False) -> Path:
    path = path.expanduser().resolve()
    folder = path.parent
    if path.is_dir():
        raise StoreError(
            f"cannot open the store at {path}: it is a folder, not a database file. You can fix "
            f"this by passing --db with a file path such as {path / DEFAULT_DB}"
        )
    if read_only:
        if not path.is_file():
            raise StoreError(
                f"there is no store at {path}: the file does not exist. You can fix this by ingesting "
                f"reports into it first (conflictscope ingest REPORTS --db {path}) or by passing --db "
                "with the path of an existing store")
        if not os.access(path, os.R_OK):
            raise StoreError(f"cannot read the store at {path}: the file is not readable. You can fix "
                             "this by changing its permissions (chmod a+r) or by passing --db with another path")
        return path
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


def _create_engine(url: str, wait: LockWait, *, read_only: bool = False) -> Engine:
    parsed = make_url(url)
    try:
        if parsed.get_backend_name() != "sqlite":
            return create_engine(parsed, pool_pre_ping=True)
        in_memory = parsed.database in (None, "", ":memory:")
        # the pool hands a connection to one thread at a time, so sharing across threads is safe
        connect_args = {"timeout": _SQLITE_BUSY_SECONDS, "check_same_thread": False}
        opener: dict[str, Any] = {}
        if read_only and not in_memory:
            uri = "file:" + quote(str(Path(parsed.database).resolve())) + "?mode=ro"
            opener["creator"] = lambda: sqlite3.connect(uri, uri=True, **connect_args)
        engine = create_engine(parsed, connect_args=connect_args,
                               **({"poolclass": StaticPool} if in_memory else {}), **opener)
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
        if read_only:
            cursor.execute("PRAGMA query_only=ON")
        elif not in_memory:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        if conn.get_execution_options().get(_WRITE):
            wait.begin_immediate(conn.connection.dbapi_connection)
        else:
            conn.exec_driver_sql("BEGIN")

    return engine
