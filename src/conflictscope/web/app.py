"""The analyst's workbench: a FastAPI app over the store, the actor registry and the gazetteer.

Pages and their JSON twins (one module per page in `routes/`):

    /events            map, timeline, filters       /events.json  (+ .csv, .geojson exports)
    /events/ID         one event and its evidence   /events/ID.json   POST /events/ID/decisions
    /review            the review queue, by doubt   /review.json
    /actors, /actors/NAME                           /actors.json, /actors/NAME.json
    /places, /places/NAME                           /places.json, /places/NAME.json
    /reports, /reports/ID                           /reports.json, /reports/ID.json

Every error, HTML or JSON, has one shape: {"error": {"status": ..., "message": ...}}.
"""
from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import urlencode

from fastapi import FastAPI
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException

from conflictscope import __version__, codebook, edits
from conflictscope.errors import ConflictscopeError, StoreError
from conflictscope.query import QueryError
from conflictscope.store import Store
from conflictscope.web import render, security
from conflictscope.web.assets import StaticAssets
from conflictscope.web.routes import ROUTERS
from conflictscope.web.routes.basemap import admin_layers, warm_layers
from conflictscope.web.workbench import Workbench

HERE = Path(__file__).parent
_LOG = logging.getLogger("conflictscope.web")


def create_app(store_url: str | None = None, *, host: str | None = None, allow_hosts: tuple[str, ...] = (),
               access_token: str | None = None, reviewer: str = "") -> FastAPI:
    """The web application over the store at `store_url` (a path or database URL; None: default).

    Args:
        host: the address it listens on; besides the loopback names, the only name it answers
            to in the Host header (with `allow_hosts`). Any other than loopback needs an access
            token: `access_token`, or a new one (in `app.state.access_token`).
        reviewer: the name recorded with decisions that name nobody (the pages ask otherwise).
    """
    store = _open_store(store_url)
    bench = Workbench(store)
    static = StaticAssets(HERE / "static")

    def warm() -> None:
        static.warm()
        warm_layers()
        bench.warm()

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # read and gzip the static files, make the map's data and its page's template in the
        # background as the server starts, so the first map opens quickly
        threading.Thread(target=warm, daemon=True).start()
        app.state.templates.get_template("map.html")
        yield
        store.close()

    app = FastAPI(title="conflictscope", version=__version__, lifespan=lifespan, docs_url=None,
                  redoc_url=None, openapi_url=None)
    app.state.bench = bench
    app.state.reviewer = reviewer
    app.state.templates = _templates()
    app.state.templates.globals["reviewer"] = reviewer
    app.mount("/static", static, name="static")
    app.state.allowed_hosts = security.allowed_hosts(host, allow_hosts)
    app.state.access_token = access_token or (None if host is None or security.is_loopback(host)
                                              else security.new_token())
    app.state.max_body = int(edits.limits()["request_max_bytes"])
    app.state.max_query = int(edits.limits()["query_max_chars"])
    app.add_middleware(render.Guard)
    app.add_exception_handler(HTTPException, render.http_error)
    app.add_exception_handler(QueryError, render.bad_request)
    app.add_exception_handler(ConflictscopeError, render.bad_request)
    for router in ROUTERS:
        app.include_router(router)
    return app


def _open_store(store_url: str | None) -> Store:
    """The store to serve: for reading and review, or read-only when it may not be written."""
    try:
        return Store.open(store_url)
    except StoreError as cannot_write:
        try:
            store = Store.open(store_url, read_only=True)
        except StoreError:
            raise cannot_write from None
        _LOG.warning("warning: serving the store read-only, so review decisions cannot be saved: %s", cannot_write)
        return store


def _templates() -> Environment:
    """The page templates; every value they are given is escaped."""
    env = Environment(loader=FileSystemLoader(HERE / "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    env.globals.update(version=__version__, type_colours=codebook.load().colours(), urlencode=urlencode,
                       max_note=edits.limits()["note_max"], max_value=max(edits.limits()["text_max"].values()),
                       basemap_layers=[{"name": name, "level": level} for name, level in admin_layers()])
    return env
