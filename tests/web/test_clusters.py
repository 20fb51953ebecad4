"""The map's clusters made on the server: markercluster's greedy grid clustering per zoom, with the
count, fatality total, commonest event type and bounds that the cluster icons show."""
from __future__ import annotations

from typing import Any

import pytest

from conflictscope.web import clusters

COLUMNS = ["latitude", "longitude", "event_type", "fatalities"]
TYPES = ["Battles", "Explosions/Remote violence", "Protests"]


def _level(rows: list[list[Any]], zoom: int) -> dict[str, Any]:
    return clusters.cluster_levels(rows, COLUMNS, TYPES)["zooms"][str(zoom)]


def test_clusters_events_at_one_place_are_one_cluster_at_every_zoom() -> None:
    rows = [[35.0, 40.0, "Battles", 2], [35.0, 40.0, "Protests", 0], [35.0, 40.0, "Battles", 3]]
    for zoom in clusters.ZOOMS:
        level = _level(rows, zoom)
        assert level["alone"] == []
        [(lat, lon, n, dead, kind, south, west, north, east)] = level["clusters"]
        assert (lat, lon, n, dead, kind) == (35.0, 40.0, 3, 5, "Battles")
        assert (south, west, north, east) == (35.0, 40.0, 35.0, 40.0)


@pytest.mark.parametrize("zoom, clustered", [(4, True), (7, True), (8, False)])
def test_clusters_nearby_events_part_as_the_map_zooms_in(zoom: int, clustered: bool) -> None:
    # 0.4 degrees of longitude apart: 36 pixels at zoom 7 (within the 45 px radius), 73 at zoom 8
    rows = [[35.0, 40.0, "Battles", 1], [35.0, 40.4, "Battles", 1]]
    level = _level(rows, zoom)
    assert (len(level["clusters"]), level["alone"]) == ((1, []) if clustered else (0, [0, 1]))


def test_clusters_ties_go_to_the_codebook_order_and_unplaced_rows_stay_out() -> None:
    rows = [[35.0, 40.0, "Protests", None], [35.0, 40.0, "Battles", 0], [None, None, "Battles", 9]]
    [cluster] = _level(rows, 5)["clusters"]
    assert cluster[2:5] == [2, 0, "Battles"]


def test_clusters_far_apart_events_stay_alone() -> None:
    rows = [[33.0, 36.0, "Battles", 0], [36.0, 43.0, "Battles", 0]]
    for zoom in clusters.ZOOMS:
        assert _level(rows, zoom) == {"clusters": [], "alone": [0, 1]}
