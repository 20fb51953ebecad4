"""Exports: ACLED CSV, JSON Lines and GeoJSON, all from the same event rows."""
from __future__ import annotations

import csv
import io
import json
from typing import Any, Iterable, TextIO

from .models import Event

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
]
EXTRA_COLUMNS = ["source_file", "report_id", "evidence", "evidence_start", "evidence_end", "confidence",
                 "coder_version", "background", "flags", "status",
                 # cross-report fusion: every report behind the event, independent origins, the figures' range
                 "source_files", "corroboration", "fatalities_low", "fatalities_high", "copy_of"]


# A cell starting with one of these is a formula to a spreadsheet (CSV injection): such text
# cells are written with a leading single quote, which spreadsheets show as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """A CSV cell a spreadsheet will not run: text that starts like a formula gets a leading quote."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def acled_row(event: Event, timestamp: int = 0) -> dict[str, Any]:
    """One event as ACLED's columns plus conflictscope's provenance columns."""
    d = event.to_dict()
    row: dict[str, Any] = {c: d.get(c, "") for c in ACLED_COLUMNS}
    row["event_id_cnty"] = event.id
    row["timestamp"] = timestamp
    row.update({
        "source_file": event.source_file, "report_id": event.report_id, "evidence": event.evidence_text,
        "evidence_start": event.evidence_start, "evidence_end": event.evidence_end,
        "confidence": event.confidence, "coder_version": event.coder_version,
        "background": event.background, "flags": "; ".join(event.flags), "status": event.status,
        "source_files": "; ".join(event.source_files or [event.source_file]),
        "corroboration": event.corroboration or 1, "fatalities_low": event.fatalities_low,
        "fatalities_high": event.fatalities_high, "copy_of": event.copy_of,
    })
    return row


def write_acled_csv(events: Iterable[Event], out: TextIO) -> tuple[int, int]:
    """Write dated events as ACLED CSV; returns (written, left out because undated).

    Text cells that a spreadsheet would read as a formula (=, +, -, @, tab, CR first) are
    neutralised with a leading single quote; numbers are written as they are.
    """
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS + EXTRA_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    written = skipped = 0
    for e in events:
        if not e.event_date:
            skipped += 1
            continue
        writer.writerow({k: ("" if v is None else neutralise(v)) for k, v in acled_row(e).items()})
        written += 1
    return written, skipped


def write_jsonl(events: Iterable[Event], out: TextIO, *, full: bool = True) -> int:
    """Write every event (undated ones included, flagged) as JSON Lines."""
    n = 0
    for e in events:
        row = acled_row(e)
        if full:
            row["evidence_spans"] = [ev.to_dict() for ev in e.evidence]
            row["explanation"] = e.explanation
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        n += 1
    return n


def to_geojson(events: Iterable[Event]) -> dict[str, Any]:
    """Events with coordinates as a GeoJSON FeatureCollection."""
    features = []
    for e in events:
        if e.latitude is None or e.longitude is None:
            continue
        props = acled_row(e)
        features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [e.longitude, e.latitude]},
                         "properties": props})
    return {"type": "FeatureCollection", "features": features}


def csv_text(events: Iterable[Event]) -> str:
    buf = io.StringIO()
    write_acled_csv(events, buf)
    return buf.getvalue()
