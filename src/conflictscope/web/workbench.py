"""What the pages share: the open store, the reference data (loaded once), recent selections and
what is made from them (the map's data, the review queue)."""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from functools import cached_property
from typing import Any, TypeVar

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
    """

    CACHED_SELECTIONS = 8

    def __init__(self, store: Store) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._selections: OrderedDict[EventQuery, tuple[tuple[int, int], list[Event]]] = OrderedDict()
        self._labels: mapdata.Payload | None = None
        self._sources: tuple[tuple[int, int], list[str]] | None = None
        self.warmed = threading.Event()   # set once `warm` has made what the first map needs
        self._made: dict[tuple[str, EventQuery], tuple[list[Event], Any]] = {}

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
        """Make, before anyone asks, what the first map waits for: every event selected and fused and
        the map's data from them, the filters' choices; then the town labels the map asks for once
        it is drawn."""
        try:
            self.map_data(EventQuery())
            self.sources()
            self.town_labels()
        finally:
            self.warmed.set()

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
            found = select_events(self.store, query, registry=self.registry, locate=self.locate)
            found = fuse_stored(self.store, found).events   # an incident several reports tell: one event
            self._selections[query] = (version, found)
            self._selections.move_to_end(query)
            while len(self._selections) > self.CACHED_SELECTIONS:
                self._selections.popitem(last=False)
            return found

    def map_data(self, query: EventQuery) -> mapdata.Payload:
        """The map's rows of a selection (/map.json), made once per selection."""
        return self._made_from(query, "map", lambda found: mapdata.Payload.of(mapdata.map_rows(found)))

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
            made = make(found)
            self._made[(kind, query)] = (found, made)
            return made
