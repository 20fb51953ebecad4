"""What the pages share: the open store, the reference data (loaded once), recent selections and
what is made from them (the map's data, the review queue)."""
from __future__ import annotations

import gc
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy.engine import make_url

from conflictscope import cache
from conflictscope.doubt import Doubt, review_queue
from conflictscope.models import Event
from conflictscope.query import EventQuery, fuse_stored, select_events
from conflictscope.resolve.actors import ActorRegistry
from conflictscope.resolve.places import Gazetteer
from conflictscope.store import Store
from conflictscope.web import mapdata

T = TypeVar("T")


class Workbench:
    """The open store, the actor registry and gazetteer, and the last few event selections.

    Selecting 10,000 events from the store takes about half a second, too slow for a map that
    should draw in under one, so the last few selections are kept and reused until the store's
    change log shows a write (by this app, the CLI or any other process). What is made from a
    selection (the map's data, the review queue) is kept with it and made again when it is.

    The map of every event is also kept on disk (`conflictscope.cache.keep`) under a key of the
    store's file, its change log and this package's code and data, so a server started again on an
    unchanged store answers the first map at once; a store in memory keeps nothing.
    """

    CACHED_SELECTIONS = 8
    KEPT_FOLDER: Path | None = None   # where the map is kept on disk; None: the user cache folder

    def __init__(self, store: Store) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._selections: OrderedDict[EventQuery, tuple[tuple[int, int], list[Event]]] = OrderedDict()
        self._labels: mapdata.Payload | None = None
        self._sources: tuple[tuple[int, int], list[str]] | None = None
        self.warmed = threading.Event()   # set once `warm` has made what the first map needs
        self._made: dict[tuple[str, EventQuery], tuple[list[Event], Any]] = {}
        self._kept_map: tuple[str, mapdata.Payload] | None = None   # the map of every event, and its key
        self._selection_pending = False   # the map came from disk: every event is selected later

    @cached_property
    def registry(self) -> ActorRegistry:
        """The actor registry, loaded on first use."""
        return ActorRegistry.load()

    @cached_property
    def gazetteer(self) -> Gazetteer:
        """The gazetteer, loaded on first use."""
        return Gazetteer.load()

    @cached_property
    def actor_names(self) -> list[str]:
        """The registry's actor names, sorted (the actor filter's suggestions)."""
        return sorted(a.name for a in self.registry)

    def sources(self) -> list[str]:
        """The reports' source files, sorted (the source filter's choices); read again after a write."""
        version = self.version()
        if self._sources is None or self._sources[0] != version:
            self._sources = (version, sorted({r.source_file for r in self.store.reports() if r.source_file}))
        return self._sources[1]

    def town_labels(self) -> mapdata.Payload:
        """The map's town labels from the gazetteer, made once."""
        if self._labels is None:
            self._labels = mapdata.Payload.of(mapdata.town_labels(self.gazetteer))
        return self._labels

    def warm(self) -> None:
        """Make, before anyone asks, what the first map waits for: the map's data (kept on disk by an
        earlier start on the unchanged store, else made from every event selected and fused), the
        page's actor names and source choices; then the town labels the map asks for once it is
        drawn. With the map from disk, every event is selected later (`select_later`)."""
        try:
            key = self._map_key()
            found = cache.kept(self._map_name, key, self.KEPT_FOLDER) if key is not None else None
            if key is not None and isinstance(found, mapdata.Payload):
                self._kept_map, self._selection_pending = (key, found), True
            self.map_data(EventQuery())
            self.actor_names   # noqa: B018 (loads the actor registry, which the map's page lists)
            self.sources()
            self.town_labels()
        finally:
            self.warmed.set()

    def select_later(self) -> None:
        """Select every event in the background (once) if `warm` took the map from disk and left it,
        so the other pages (the review queue, the exports) need not wait for it. Called once the
        first map is drawn (it asks for its town labels then): earlier, it would hold the map up."""
        if self._selection_pending:
            self._selection_pending = False
            threading.Thread(target=self.select, args=(EventQuery(),), daemon=True).start()

    def locate(self, place: str) -> tuple[float, float] | None:
        """Coordinates of a place name: the gazetteer's best match, else a stored event's."""
        found = self.gazetteer.lookup(place)
        if found:
            best = max(found, key=lambda p: p.population)
            return best.lat, best.lon
        for e in self.store.events(place=place, include_background=True):
            if e.latitude is not None and e.longitude is not None:
                return e.latitude, e.longitude
        return None

    def version(self) -> tuple[int, int]:
        """A stamp of the store's change log that differs after every write (by this app, the CLI
        or any other process): the newest change id and the number of changes."""
        return self.store.change_stamp()

    def select(self, query: EventQuery) -> list[Event]:
        """The events that pass the query; a repeated selection is reused while nothing changed."""
        with self._lock:   # one selection at a time: a second request for it waits and reuses it
            version = self.version()
            cached = self._selections.get(query)
            if cached is not None and cached[0] == version:
                self._selections.move_to_end(query)
                return cached[1]
            with _cycle_collector_paused():
                found = select_events(self.store, query, registry=self.registry, locate=self.locate)
                found = fuse_stored(self.store, found).events   # an incident several reports tell: one event
            self._selections[query] = (version, found)
            self._selections.move_to_end(query)
            while len(self._selections) > self.CACHED_SELECTIONS:
                self._selections.popitem(last=False)
            return found

    def map_data(self, query: EventQuery) -> mapdata.Payload:
        """The map's rows of a selection (/map.json), made once per selection; the map of every event
        is kept on disk too."""
        if query != EventQuery():
            return self._made_from(query, "map", _map_payload)
        key = self._map_key()   # before selecting: a write meanwhile leaves a key that no longer matches
        kept = self._kept_map
        if key is not None and kept is not None and kept[0] == key:
            return kept[1]
        made = self._made_from(query, "map", _map_payload)
        if key is not None:
            self._kept_map = (key, made)
            cache.keep(self._map_name, key, made, self.KEPT_FOLDER)
        return made

    @cached_property
    def _store_place(self) -> str | None:
        """Where the store is, for the map kept on disk: its file or URL; None for a store in memory,
        whose contents end with the process."""
        url = make_url(self.store.url)
        if url.get_backend_name() != "sqlite":
            return self.store.url
        return None if url.database in (None, "", ":memory:") else str(Path(url.database).resolve())

    @cached_property
    def _map_name(self) -> str:
        """The name of the store's map on disk: one per store."""
        return "map-" + hashlib.sha1(str(self._store_place).encode()).hexdigest()[:16]

    @cached_property
    def _code_key(self) -> str | None:
        """A digest of this package's code and data (what the map is made with)."""
        package = Path(__file__).resolve().parents[1]
        return cache.fingerprint("map", "1", sorted(p for p in package.rglob("*") if p.is_file() and p.suffix != ".pyc"))

    def _map_key(self) -> str | None:
        """The key of the map of every event: the store's place, its change log, the code and data;
        None for a store in memory."""
        if self._store_place is None or self._code_key is None:
            return None
        return hashlib.sha1(f"{self._code_key}|{self._store_place}|{self.store.change_mark()}".encode()).hexdigest()

    def queue(self, query: EventQuery) -> list[Doubt]:
        """The review queue of a selection: its unreviewed events, most doubtful first."""
        return self._made_from(query, "queue", review_queue)

    def _made_from(self, query: EventQuery, kind: str, make: Callable[[list[Event]], T]) -> T:
        """What `make` makes of the query's selection, kept until the selection is made again."""
        found = self.select(query)
        with self._lock:
            cached = self._made.get((kind, query))
            if cached is not None and cached[0] is found:   # the same selection: nothing written since
                made: T = cached[1]
                return made
            if len(self._made) >= 2 * self.CACHED_SELECTIONS:
                self._made.clear()
            with _cycle_collector_paused():
                made = make(found)
            self._made[(kind, query)] = (found, made)
            return made


@contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """Python's cycle collector paused (reference counting still frees what is not in a cycle).

    Selecting and fusing 10,000 events makes a few hundred thousand objects, and each collection
    while they are made walks them and the reference data again: about a quarter of the time it
    takes. The collector runs as before once the selection is made; if it was off, it stays off.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _map_payload(found: list[Event]) -> mapdata.Payload:
    """The map's data of the events."""
    return mapdata.Payload.of(mapdata.map_rows(found))
