"""A small training set in our own words (ACLED-style notes of invented incidents at real towns) and
the model `learn` makes of it, shared by the learning tests.

The phrasings are ones the rule lexicon does not code ("traded volleys", "emptied their rifles at",
"unloaded bombs on", "walked through the market holding banners"), so what the tests see coded from
such sentences comes from the model.
"""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

PLACES = ["Al-Mayadin", "Abu Kamal", "Hajin", "Deir ez-Zor", "Al-Quriyah", "Thiban", "Al-Asharah", "Gharanij"]
KINDS = {
    "Armed clash": ["{who} and {other} traded volleys for hours near {place}",
                    "{who} and {other} exchanged bullets through the night on the edge of {place}",
                    "{who} fought a running gun battle with {other} around {place}"],
    "Attack": ["men on motorbikes emptied their rifles at a shopkeeper in {place}",
               "masked men sprayed a family car with bullets outside {place}",
               "a farmer was gunned down by strangers in his field near {place}"],
    "Air/drone strike": ["a drone unloaded two bombs on a pickup truck near {place}",
                         "a warplane dropped ordnance on a farm east of {place}",
                         "an unmanned aircraft hit a motorcycle with a missile outside {place}"],
    "Peaceful protest": ["farmers walked through the market of {place} holding banners about the price of diesel",
                         "teachers sat in front of the council building in {place} over unpaid salaries",
                         "residents of {place} held placards outside the bakery asking for flour"],
}
ARMED = ["tribal fighters", "militiamen", "clan gunmen", "local guards"]


def training_rows() -> list[dict[str, str]]:
    """ACLED-export-like rows: every phrasing at several places and days."""
    rows = []
    for label, phrasings in KINDS.items():
        for i, (phrase, place) in enumerate((p, pl) for p in phrasings for pl in PLACES[:5]):
            text = phrase.format(who=ARMED[i % 4], other=ARMED[(i + 1) % 4], place=place)
            rows.append({"event_id_cnty": f"T{len(rows) + 1}", "event_type": "", "sub_event_type": label,
                         "notes": f"On {1 + i % 27} February 2024, {text}. [size=no report]"})
    return rows


def write_training_csv(path: Path, rows: list[dict[str, str]] | None = None) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=["event_id_cnty", "event_type", "sub_event_type", "notes"])
        writer.writeheader()
        writer.writerows(training_rows() if rows is None else rows)
    return path


@pytest.fixture(scope="session")
def training_csv(tmp_path_factory) -> Path:
    return write_training_csv(tmp_path_factory.mktemp("learn") / "notes.csv")


@pytest.fixture(scope="session")
def small_model(tmp_path_factory, training_csv):
    """The model of the small training set (with the package's own no-event sentences)."""
    from conflictscope.learn import learn, read_sources
    from conflictscope.learn.sources import bundled_none

    done = learn(read_sources([str(training_csv)]) + list(bundled_none()), folds=0)
    folder = done.model.save(tmp_path_factory.mktemp("model") / "small")
    return folder
