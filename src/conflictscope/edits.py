"""Review edits checked against the codebook: the one gate every edit passes, whether it comes
from the web form, the JSON API or a CSV review import.

`check_edit` turns a reviewer's raw value into the Event field's type and refuses what would
corrupt the data (a type with a sub-type that does not belong to it, a date that does not exist or
comes after the report was published, coordinates out of range, negative fatalities, unknown
precision or inter codes, an empty actor1). `derive` keeps the fields computed from others (year,
disorder_type, interaction, and event_type from a new sub-type) in step after edits, and flags
coordinates outside the named country's outline. The limits are data
(``data/review/limits.json``, ``data/theatre/country_shapes.tsv``).
"""
from __future__ import annotations

import dataclasses
import json
import math
import re
import typing
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from . import codebook, theatre
from .errors import ReferenceDataError, ReviewError, read_reference_json
from .models import Event

LIMITS = Path(__file__).resolve().parent / "data" / "review" / "limits.json"
SHAPES = Path(__file__).resolve().parent / "data" / "theatre" / "country_shapes.tsv"
OUTSIDE_COUNTRY = "coordinates-outside-country"   # the flag an edit leaves when they are
# degrees (about 5 km): the outlines are Natural Earth's 1:50m, simplified, so a coastal or border
# town can lie a kilometre or two outside its country's line
_SHAPE_PAD = 0.05
# Fields computed from others: a reviewer edits the source and these follow.
DERIVED_FIELDS: dict[str, str] = {"year": "event_date", "disorder_type": "event_type",
                                  "interaction": "inter1 or inter2"}
# Identity, provenance and review state: never edited by hand.
_FIXED = {"id", "report_id", "source_file", "coder_version", "status", "evidence", "evidence_text",
          "evidence_start", "evidence_end", "flags", "explanation"}
EDITABLE_FIELDS: frozenset[str] = frozenset(
    f.name for f in dataclasses.fields(Event)) - _FIXED - set(DERIVED_FIELDS)
_HINTS = typing.get_type_hints(Event)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_KINDS = {int: "a whole number", float: "a number", bool: "true or false"}


@lru_cache(maxsize=None)
def limits(path: Path = LIMITS) -> dict[str, Any]:
    """The review limits, loaded and checked once."""
    raw: dict[str, Any] = read_reference_json(path, "review limits")
    missing = [k for k in ("ranges", "choices", "required", "text_max", "note_max", "who_max", "request_max_bytes",
                           "query_max_chars")
               if k not in raw]
    if missing:
        raise ReferenceDataError(f"review limits {path} lack {missing}. Restore the shipped file.")
    return raw


def text_limit(field: str) -> int:
    """The most characters a text field may hold."""
    found: dict[str, int] = limits()["text_max"]
    return found.get(field, found["default"])


def check_edit(event: Event, field: str | None, value: Any, *, published: str | None = None,
               today: date | None = None) -> Any:
    """The value to store for an edit of `field` on `event`, converted to the field's type.

    Args:
        event: the event as reviewed so far (earlier decisions applied).
        published: the earliest publication date of the reports that claim it; the date may not
            come after it (nor after `today`).
    Raises:
        ReviewError: naming the field, the value and the fix.
    """
    if field in DERIVED_FIELDS:
        raise ReviewError(field, f"{field} follows {DERIVED_FIELDS[field]} and cannot be edited by itself. "
                                 f"You can fix this by editing {DERIVED_FIELDS[field]}")
    if field not in EDITABLE_FIELDS:
        raise ReviewError(str(field), f"cannot edit field {field!r} of event {event.id}: it is not an editable "
                                      f"field. You can fix this by choosing one of: {', '.join(sorted(EDITABLE_FIELDS))}")
    found = _coerce(event.id, field, value)
    _check_value(event, field, found, published, today or date.today())
    return found


def derive(event: Event, edited: set[str]) -> Event:
    """The event with the fields computed from the `edited` ones brought in step."""
    book = codebook.load()
    changes: dict[str, Any] = {}
    event_type = event.event_type
    if "sub_event_type" in edited and not book.fits(event_type, event.sub_event_type):
        if owner := book.type_of(event.sub_event_type):
            event_type = changes["event_type"] = owner
    if {"event_type", "sub_event_type"} & edited and book.event_type(event_type):
        changes["disorder_type"] = book.disorder_type(event_type)
    if "event_date" in edited:
        changes["year"] = int(event.event_date[:4]) if event.event_date else None
    if {"inter1", "inter2"} & edited:
        changes["interaction"] = codebook.interaction(event.inter1, event.inter2)
    if {"latitude", "longitude", "country"} & edited:
        flags = [f for f in event.flags if f != OUTSIDE_COUNTRY]
        changes["flags"] = flags + ([OUTSIDE_COUNTRY] if outside_country(event) else [])
    return dataclasses.replace(event, **changes) if changes else event


def outside_country(event: Event) -> bool:
    """Whether the event's coordinates lie outside the outline of its named country, by more than
    about 5 km (False where either is unknown)."""
    if event.latitude is None or event.longitude is None or not event.country:
        return False
    outline = country_shape(theatre.load().by_word(event.country) or "")
    if outline is None:
        return False
    return not shapely.dwithin(outline, shapely.Point(event.longitude, event.latitude), _SHAPE_PAD)


@lru_cache(maxsize=None)
def country_shape(iso2: str, path: Path = SHAPES) -> BaseGeometry | None:
    """The outline of a country by ISO alpha-2 code, prepared for fast point tests (None where
    the file has none); each country is parsed the first time it is asked for."""
    text = _shape_lines(path).get(iso2)
    if text is None:
        return None
    try:
        outline = shape(json.loads(text))
    except (ValueError, KeyError, TypeError, AttributeError, shapely.errors.ShapelyError) as exc:
        raise ReferenceDataError(f"the outline of {iso2} in {path} is not a GeoJSON geometry: {exc}. You can fix "
                                 "this by restoring the shipped file or running scripts/build_country_shapes.py") from exc
    shapely.prepare(outline)
    return outline


@lru_cache(maxsize=None)
def _shape_lines(path: Path) -> dict[str, str]:
    """The outlines file's GeoJSON text by country code (lines `CODE<TAB>GeoJSON`, `#` comments)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ReferenceDataError(f"cannot read the country outlines {path}: {exc}. You can fix this by restoring "
                                 "the shipped file or running scripts/build_country_shapes.py") from exc
    found = {}
    for number, line in enumerate(lines, 1):
        if not line or line.startswith("#"):
            continue
        code, tab, geometry = line.partition("\t")
        if not tab:
            raise ReferenceDataError(f"line {number} of the country outlines {path} is not CODE<TAB>GeoJSON. You can "
                                     "fix this by restoring the shipped file or running scripts/build_country_shapes.py")
        found[code] = geometry
    return found


def _coerce(event_id: str, field: str, value: Any) -> Any:
    """The raw value as the type of the Event field it sets."""
    hint = _HINTS[field]
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    optional = type(None) in typing.get_args(hint)
    base = args[0] if args else hint
    if isinstance(value, str):
        value = value.strip()
    if value is None or value == "":
        if optional:
            return None
        if base is str:
            return ""
    try:
        if base is bool:
            if isinstance(value, str):
                lowered = value.lower()
                if lowered not in {"true", "false", "1", "0", "yes", "no"}:
                    raise ValueError(value)
                return lowered in {"true", "1", "yes"}
            return bool(value)
        if base is int:
            if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
                raise ValueError(value)
            return int(value)
        if base is float:
            if isinstance(value, bool) or not math.isfinite(float(value)):
                raise ValueError(value)
            return float(value)
        return str(value)
    except (TypeError, ValueError, OverflowError):
        kind = _KINDS.get(base, "text")
        raise ReviewError(field, f"cannot set {field} of event {event_id} to {value!r}: {field} takes {kind}. "
                                 f"You can fix this by passing {kind}") from None


def _check_value(event: Event, field: str, value: Any, published: str | None, today: date) -> None:
    """Refuse a value of the right type that the codebook or the world does not allow."""
    rules = limits()
    book = codebook.load()
    problem = None
    if field == "event_type":
        problem = _event_type_problem(book, value, event.sub_event_type)
    elif field == "sub_event_type":
        known = [s for t in book.event_types for s in t.sub_event_types]
        if value not in known:
            problem = f"{value!r} is not an ACLED sub-event type. You can fix this by choosing one of: {', '.join(known)}"
    elif field == "event_date" and value is not None:
        problem = _date_problem(value, published, today)
    elif field in ("time_precision", "geo_precision") and value is not None:
        codes = sorted(int(k) for k in _precision_codes(field))
        if value not in codes:
            problem = f"{field} {value} is not a codebook code. You can fix this by using one of: " + \
                      ", ".join(f"{k} ({_precision_codes(field)[str(k)]})" for k in codes)
    elif field in ("inter1", "inter2") and value is not None and value not in book.inter_labels:
        problem = f"{field} {value} is not an inter code. You can fix this by using one of: " + \
                  ", ".join(f"{k} ({v})" for k, v in sorted(book.inter_labels.items()))
    elif field in rules["ranges"] and value is not None:
        low, high = rules["ranges"][field]
        if not low <= value <= high:
            problem = f"{field} {value} is out of range. You can fix this by giving a value from {low} to {high}"
    elif field in rules["choices"] and value not in rules["choices"][field]:
        problem = f"{field} {value!r} is not allowed. You can fix this by using one of: " + \
                  ", ".join(repr(c) for c in rules["choices"][field])
    if problem is None and field in rules["required"] and not value:
        problem = f"{field} cannot be empty. You can fix this by naming the actor (or rejecting the event)"
    if problem is None and isinstance(value, str) and len(value) > text_limit(field):
        problem = (f"{field} is {len(value):,} characters long, more than the {text_limit(field):,} allowed. "
                   "You can fix this by shortening it")
    if problem:
        raise ReviewError(field, problem)


def _event_type_problem(book: codebook.Codebook, value: str, sub_event_type: str) -> str | None:
    if book.event_type(value) is None:
        return f"{value!r} is not an ACLED event type. You can fix this by choosing one of: {', '.join(book.type_names)}"
    if not book.fits(value, sub_event_type):
        return (f"the sub-event type {sub_event_type!r} does not belong to {value!r}. You can fix this by "
                f"editing sub_event_type to one of: {', '.join(book.sub_types(value))} (the event type follows)")
    return None


def _date_problem(value: str, published: str | None, today: date) -> str | None:
    if not _ISO_DATE.fullmatch(value):
        return f"{value!r} is not a date. You can fix this by writing it as YYYY-MM-DD, e.g. 2024-03-17"
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return f"{value} is not a day of the calendar. You can fix this by giving a date that exists"
    if day > today:
        return f"{value} is in the future. You can fix this by giving the day the event happened"
    if published and value[:len(published[:10])] > published[:10]:
        return (f"{value} is after the report was published ({published[:10]}). You can fix this by giving "
                "a date on or before the publication")
    return None


@lru_cache(maxsize=None)
def _precision_codes(field: str) -> dict[str, str]:
    raw = json.loads(codebook.DATA.read_text(encoding="utf-8"))
    found: dict[str, str] = raw[field]
    return found


__all__ = ["DERIVED_FIELDS", "EDITABLE_FIELDS", "OUTSIDE_COUNTRY", "check_edit", "country_shape", "derive",
           "limits", "outside_country", "text_limit"]
