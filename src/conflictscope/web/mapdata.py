"""What the map draws, made once and kept: the events' compact rows (/map.json) and town labels.

The events' rows carry only the fields the map, its table and its timeline need. Text columns
that repeat (event type, place, actors, status) hold an index into one `strings` list, which
halves the JSON a browser parses for 10,000 events; the map's script turns the indexes back into
text. With the rows come the clusters the map draws at its wider zooms (`clusters.py`), so the
browser draws a few hundred of them instead of clustering every event before the first draw.
Each payload is also kept gzipped, so it is compressed once, not once per request.
"""
from __future__ import annotations

import gzip
from dataclasses import dataclass
from typing import Any

from fastapi import Request
from fastapi.responses import Response

from conflictscope import codebook
from conflictscope.models import Event
from conflictscope.resolve.places import Gazetteer
from conflictscope.web import clusters
from conflictscope.web.render import dumps

MAP_COLUMNS = ("id", "latitude", "longitude", "event_type", "fatalities", "geo_precision", "event_date",
               "location", "actor1", "actor2", "status")
# columns whose values repeat across events: sent as indexes into the payload's `strings`
CODED_COLUMNS = ("event_type", "location", "actor1", "actor2", "status")

CLUSTER_TYPE = 4   # where a cluster's event type is, in `clusters.cluster_levels`

# The zoom from which the map labels each kind of gazetteer place: big places first, villages close up.
LABEL_ZOOM = {"capital": 5, "city": 6, "town": 8, "village": 11}

# fast compression: the payload is made once per store change, and sent over a local connection
_GZIP_LEVEL = 5


@dataclass(frozen=True)
class Payload:
    """A JSON body, plain and gzipped."""

    body: bytes
    gzipped: bytes

    @classmethod
    def of(cls, data: Any) -> Payload:
        """The payload of a JSON-able value."""
        body = dumps(data)
        return cls(body, gzip.compress(body, compresslevel=_GZIP_LEVEL, mtime=0))

    def response(self, request: Request, media_type: str = "application/json",
                 headers: dict[str, str] | None = None) -> Response:
        """The payload as an answer to `request`: gzipped when the client accepts it."""
        headers = {**(headers or {}), "Vary": "Accept-Encoding"}
        if "gzip" in request.headers.get("accept-encoding", ""):
            return Response(self.gzipped, media_type=media_type, headers={**headers, "Content-Encoding": "gzip"})
        return Response(self.body, media_type=media_type, headers=headers)


def map_rows(events: list[Event]) -> dict[str, Any]:
    """The events as the map's rows: `columns`, `rows`, `count`, the `strings` that the values of
    the `coded` columns index (a missing value stays null), and the `clusters` the map draws at its
    wider zooms (`clusters.cluster_levels`; their event type coded too)."""
    strings: dict[str, int] = {}

    def code(value: Any) -> int | None:
        return None if value is None else strings.setdefault(str(value), len(strings))

    plain = [[getattr(e, c) for c in MAP_COLUMNS] for e in events]
    levels = clusters.cluster_levels(plain, list(MAP_COLUMNS), codebook.load().type_names)
    for level in levels["zooms"].values():
        for cluster in level["clusters"]:
            cluster[CLUSTER_TYPE] = code(cluster[CLUSTER_TYPE])
    coded = {MAP_COLUMNS.index(c) for c in CODED_COLUMNS}
    rows = [[code(v) if i in coded else v for i, v in enumerate(row)] for row in plain]
    return {"columns": list(MAP_COLUMNS), "coded": list(CODED_COLUMNS), "strings": list(strings),
            "rows": rows, "count": len(rows), "clusters": levels}


def town_labels(gazetteer: Gazetteer) -> dict[str, Any]:
    """The gazetteer's towns as label rows [name, lat, lon, zoom from which shown], biggest first."""
    places = sorted((p for p in gazetteer.places.values() if p.kind in LABEL_ZOOM),
                    key=lambda p: (LABEL_ZOOM[p.kind], -p.population, p.name))
    return {"columns": ["name", "lat", "lon", "zoom"],
            "rows": [[p.name, round(p.lat, 4), round(p.lon, 4), LABEL_ZOOM[p.kind]] for p in places]}
