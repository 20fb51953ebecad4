"""Fixtures for the web tests: a store of hand-made events, the app over it, an httpx client."""
from __future__ import annotations

import asyncio
import shutil
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import httpx
import pytest

from conflictscope.models import CodedReport, Event, Evidence, Presence, Report
from conflictscope.resolve.actors import ActorRegistry
from conflictscope.resolve.places import Gazetteer
from conflictscope.store import Store
from conflictscope.web import create_app, workbench

BASE = "http://127.0.0.1:8765"
TEXT = ("DEIR EZ-ZOR, 2024-03-17 - Unknown gunmen attacked a checkpoint of the NDF in Al-Mayadin, "
        "killing two members. <script>alert(1)</script> Hezbollah fighters are present near Al Bukamal.")


def _span(words: str) -> tuple[int, int]:
    start = TEXT.index(words)
    return start, start + len(words)


def make_event(event_id: str, **changes: Any) -> Event:
    values: dict[str, Any] = dict(
        id=event_id, report_id="rep-1", source_file="a.txt", event_type="Violence against civilians",
        sub_event_type="Attack", disorder_type="Political violence", event_date="2024-03-17", year=2024,
        time_precision=1, actor1="Unidentified Armed Group (Syria)", actor2="NDF: National Defence Forces",
        country="Syria", admin1="Deir ez Zor", admin2="Al Mayadin", location="Al Mayadin",
        latitude=35.0207, longitude=40.4511, geo_precision=1, fatalities=2, source="SOHR",
        evidence_text=TEXT[: _span("members.")[1]], evidence_start=0, evidence_end=_span("members.")[1],
        evidence=[Evidence("event_type", "Attack", "attacked", *_span("attacked"), "test:trigger"),
                  Evidence("fatalities", "2", "killing two", *_span("killing two"), "test:number")],
        explanation=["trigger 'attacked' <b>bold</b>"], coder_version="test",
    )
    values.update(changes)
    return Event(**values)


def sample_reports() -> list[CodedReport]:
    report = Report(id="rep-1", text=TEXT, source_file="a.txt", title="Gunmen <i>attack</i>", publisher="SOHR")
    events = [
        make_event("ev-a"),
        make_event("ev-b", event_type="Battles", sub_event_type="Armed clash", event_date="2024-04-02",
                   actor1="Radwan Brigade", actor2="IS: Islamic State", location="Al Bukamal",
                   latitude=34.4536, longitude=40.9367, geo_precision=2, fatalities=5),
        make_event("ev-c", event_type="Protests", sub_event_type="Peaceful protest", event_date="2024-05-20",
                   actor1="Protesters (Syria)", actor2="", location="Damascus", latitude=33.5138,
                   longitude=36.2765, fatalities=0, background=True),
    ]
    presence = [Presence(id="pr-1", report_id="rep-1", actor="Hezbollah", location="Al Bukamal",
                         period_start="2024-03-17", text="Hezbollah fighters are present near Al Bukamal.",
                         start=_span("Hezbollah")[0], end=len(TEXT))]
    other = Report(id="rep-2", text="Clashes were reported in Al Bukamal.", source_file="b.txt")
    return [CodedReport(report=report, events=events, presence=presence),
            CodedReport(report=other, events=[make_event(
                "ev-d", report_id="rep-2", source_file="b.txt", event_type="Battles",
                sub_event_type="Armed clash", event_date="2024-04-03", location="Al Bukamal",
                latitude=34.45, longitude=40.94, evidence=[], evidence_text="", evidence_end=0)])]


@pytest.fixture(scope="session", autouse=True)
def reference_data_loaded_once(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Every app in these tests shares one actor registry and one gazetteer, and keeps its map on
    disk in a folder of the session's (not the user's cache folder).

    Loading them is most of what a page test costs; the workbench loads them the same way.
    """
    registry, gazetteer = ActorRegistry.load(), Gazetteer.load()
    patch = pytest.MonkeyPatch()
    patch.setattr(workbench.Workbench, "KEPT_FOLDER", tmp_path_factory.mktemp("kept"))
    patch.setattr(workbench, "ActorRegistry", SimpleNamespace(load=lambda: registry))
    patch.setattr(workbench, "Gazetteer", SimpleNamespace(load=lambda: gazetteer))
    yield
    patch.undo()


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample reports stored once; tests get copies (creating a store is most of their setup)."""
    path = tmp_path_factory.mktemp("web") / "web.db"
    with Store.open(str(path)) as store:
        for coded in sample_reports():
            store.save_coded(coded)
    return path


@pytest.fixture()
def db_path(sample_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "web.db"
    shutil.copyfile(sample_db, path)
    return path


class Client:
    """A synchronous face on httpx's async client over the ASGI app, in-process."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self._loop = asyncio.new_event_loop()
        self._client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE)

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        return self._loop.run_until_complete(self._client.request(method, url, **kwargs))

    def get(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", url, **kwargs)

    def close(self) -> None:
        self._loop.run_until_complete(self._client.aclose())
        self._loop.close()


@pytest.fixture()
def open_client() -> Iterator[Any]:
    """Make more clients over fresh apps (a re-opened store); each is closed at the end."""
    made: list[Client] = []

    def make(path: Path) -> Client:
        made.append(Client(create_app(str(path))))
        return made[-1]

    yield make
    for c in made:
        c.close()
        c.app.state.bench.store.close()


@pytest.fixture()
def client(db_path: Path) -> Iterator[Client]:
    c = Client(create_app(str(db_path)))
    yield c
    c.close()
    c.app.state.bench.store.close()
