"""What the pages share: the open store, the reference data (loaded once) and recent selections."""
from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import datetime, timedelta
from functools import cached_property

from conflictscope.models import Event
from conflictscope.query import EventQuery, select_events
from conflictscope.resolve.actors import ActorRegistry
from conflictscope.resolve.places import Gazetteer
from conflictscope.store import Store


class Workbench:
    """The open store, the actor registry and gazetteer, and the last few event selections.

    Selecting 10,000 events from the store takes about half a second, too slow for a map that
    should draw in under one, so the last few selections are kept and reused until the store's
    change log shows a write (by this app, the CLI or any other process).
    """

    CACHED_SELECTIONS = 8
    # A writer stamps its changes when it starts writing, so a change can become visible after
    # later ones; looking this far back before the newest change seen catches those.
    LOOK_BACK = timedelta(minutes=2)

    def __init__(self, store: Store) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._selections: OrderedDict[EventQuery, tuple[int, list[Event]]] = OrderedDict()
        self._version = 0
        self._since: str | None = None

    @cached_property
    def registry(self) -> ActorRegistry:
        """The actor registry, loaded on first use."""
        return ActorRegistry.load()

    @cached_property
    def gazetteer(self) -> Gazetteer:
        """The gazetteer, loaded on first use."""
        return Gazetteer.load()

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

    def version(self) -> int:
        """The id of the newest change in the store's log: it grows with every write."""
        found = self.store.changes(since=self._since)
        if found:
            newest = max(found, key=lambda c: c["id"])
            self._version = max(self._version, int(newest["id"]))
            self._since = (datetime.fromisoformat(str(newest["at"])) - self.LOOK_BACK).isoformat()
        return self._version

    def select(self, query: EventQuery) -> list[Event]:
        """The events that pass the query; a repeated selection is reused while nothing changed."""
        with self._lock:   # one selection at a time: a second request for it waits and reuses it
            version = self.version()
            cached = self._selections.get(query)
            if cached is not None and cached[0] == version:
                self._selections.move_to_end(query)
                return cached[1]
            found = select_events(self.store, query, registry=self.registry, locate=self.locate)
            self._selections[query] = (version, found)
            self._selections.move_to_end(query)
            while len(self._selections) > self.CACHED_SELECTIONS:
                self._selections.popitem(last=False)
            return found
