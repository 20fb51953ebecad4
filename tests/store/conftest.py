"""Builders for store tests: small hand-made reports and events."""
from __future__ import annotations

import importlib.util
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from conflictscope.models import (
    Affiliation,
    Block,
    CodedReport,
    DateHint,
    Event,
    Evidence,
    Mention,
    Presence,
    Problem,
    Report,
    Source,
)
from conflictscope.store import Store

TEXT = (
    "DEIR EZ-ZOR, 2024-03-17 - Unknown gunmen attacked a checkpoint of the NDF in Al-Mayadin, "
    "killing two members, the Syrian Observatory for Human Rights reported. "
    "Fatemiyoun militiamen are also present in the area."
)


def span(words: str) -> tuple[int, int]:
    start = TEXT.index(words)
    return start, start + len(words)


def make_event(event_id: str = "ev-1", report_id: str = "rep-1", **changes: Any) -> Event:
    values: dict[str, Any] = dict(
        id=event_id, report_id=report_id, source_file="a.txt",
        event_type="Violence against civilians", sub_event_type="Attack",
        disorder_type="Political violence", event_date="2024-03-17", year=2024, time_precision=1,
        actor1="Unidentified Armed Group (Syria)", inter1=3,
        actor2="NDF: National Defence Forces", assoc_actor_2="Militia (Pro-Government); Civilians (Syria)",
        inter2=1, interaction="13", iso=760, region="Middle East", country="Syria",
        admin1="Deir ez Zor", admin2="Al Mayadin", admin3="Mayadin", location="Al Mayadin",
        latitude=35.0207, longitude=40.4511, geo_precision=1, place_id="ocha:C5123",
        source="SOHR", source_scale="Other", notes="Two NDF members killed.", fatalities=2,
        confidence=0.8, evidence_text=TEXT[: span("reported.")[1]],
        evidence_start=0, evidence_end=span("reported.")[1],
        evidence=[
            Evidence("event_type", "Attack", "attacked", *span("attacked"), "extract.events.v1:trigger"),
            Evidence("fatalities", "2", "killing two", *span("killing two"), "extract.events.v1:number"),
        ],
        flags=["caption-free", "place-resolved"], explanation=["trigger 'attacked'"],
        coder_version="conflictscope-0.1.0/extract.events.v1",
    )
    values.update(changes)
    return Event(**values)


def make_report(report_id: str = "rep-1", **changes: Any) -> Report:
    values: dict[str, Any] = dict(
        id=report_id, text=TEXT, source_file="a.txt", path="/data/a.txt",
        url=f"https://example.org/{report_id}", title="Gunmen attack NDF checkpoint",
        publisher="Example News", byline="Staff", published="2024-03-17", published_origin="dateline",
        date_hints=[DateHint("2024-03-17", "dateline", True, "DEIR EZ-ZOR, 2024-03-17", 0, 23),
                    DateHint("2024-12-24", "chrome", False)],
        blocks=[Block(0, span("reported.")[1], "body"), Block(span("Fatemiyoun")[0], len(TEXT), "caption")],
        sources=[Source("Example News", "publisher"),
                 Source("Syrian Observatory for Human Rights", "originating",
                        "the Syrian Observatory for Human Rights reported",
                        *span("the Syrian Observatory for Human Rights reported"))],
        raw_format="html", problems=[Problem(report_id, "ingest", "byline guessed", "warning")],
    )
    values.update(changes)
    return Report(**values)


def make_coded(report_id: str = "rep-1", events: list[Event] | None = None, **changes: Any) -> CodedReport:
    report = make_report(report_id)
    values: dict[str, Any] = dict(
        report=report,
        mentions=[
            Mention("actor", "NDF", *span("NDF"), "NDF: National Defence Forces", "resolve.actors", 1.0),
            Mention("place", "Al-Mayadin", *span("Al-Mayadin"), "ocha:C5123", "resolve.places", 0.9, "precision=1"),
            Mention("actor", "gunmen", *span("gunmen"), None, "resolve.actors", 0.3),
        ],
        events=[make_event(report_id=report_id)] if events is None else events,
        presence=[Presence(f"pr-{report_id}", report_id, "Fatemiyoun", "Al Mayadin", "ocha:C5123",
                           35.02, 40.45, "2024-03-17", None, "Fatemiyoun militiamen are also present",
                           *span("Fatemiyoun militiamen are also present"), "extract.presence.v1")],
        affiliations=[("Fatemiyoun", Affiliation("IRGC", "patron", "2014", None, report_id,
                                                  "", None, None))],
        problems=[Problem(report_id, "resolve.places", "no admin2 for Al-Mayadin", "warning")],
    )
    values.update(changes)
    return CodedReport(**values)


# Set to a PostgreSQL URL (postgresql+psycopg://user@host:port/db, a database the tests may wipe)
# to run every `store` test on PostgreSQL as well as SQLite; `bash .ci/run` starts a server and sets it.
POSTGRES_URL = os.environ.get("CONFLICTSCOPE_TEST_POSTGRES")


def _postgres_skip_reason() -> str | None:
    """Why the PostgreSQL leg of the store tests cannot run here, or None when it can."""
    if not POSTGRES_URL:
        return ("no PostgreSQL server: set CONFLICTSCOPE_TEST_POSTGRES=postgresql+psycopg://USER@HOST/DB "
                "(a database the tests may wipe), or run `bash .ci/run`, which starts one")
    if importlib.util.find_spec("psycopg") is None:
        return "CONFLICTSCOPE_TEST_POSTGRES is set but psycopg is not installed: pip install -e '.[postgres]'"
    return None


POSTGRES_SKIP = _postgres_skip_reason()
# without a server the PostgreSQL leg is left out rather than skipped test by test; the one skip
# message is test_postgres.py's
BACKENDS = ["sqlite"] + (["postgresql"] if POSTGRES_SKIP is None else [])


def wiped_postgres() -> str:
    assert POSTGRES_URL is not None
    engine = sa.create_engine(POSTGRES_URL)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    engine.dispose()
    return POSTGRES_URL


@pytest.fixture(scope="session")
def empty_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite store migrated once; tests get copies (migrating is most of a test's setup)."""
    path = tmp_path_factory.mktemp("store") / "empty.db"
    Store.open(str(path)).close()
    return path


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path, empty_sqlite: Path) -> Iterator[Store]:
    if request.param == "sqlite":
        url = str(tmp_path / "test.db")
        shutil.copyfile(empty_sqlite, url)
    else:
        url = wiped_postgres()
    with Store.open(url) as opened:
        yield opened


@pytest.fixture
def coded_factory() -> Callable[..., CodedReport]:
    return make_coded


@pytest.fixture
def event_factory() -> Callable[..., Event]:
    return make_event

