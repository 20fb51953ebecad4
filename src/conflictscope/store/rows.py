"""Records to table rows and back; no I/O."""
from __future__ import annotations

import dataclasses
import hashlib
import json
import operator
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from conflictscope.edits import DERIVED_FIELDS, EDITABLE_FIELDS, derive
from conflictscope.ingest.identity import content_hash
from conflictscope.models import (
    Affiliation,
    Block,
    DateHint,
    Event,
    Evidence,
    Mention,
    Presence,
    Problem,
    Report,
    Source,
)
from conflictscope.store.schema import EVENT_FIELDS

# `undo` takes back an earlier decision (its id is the value); the event reads as if it was never made.
DECISION_ACTIONS: tuple[str, ...] = ("accept", "edit", "reject", "merge", "split", "undo")
# Edits stored before year, disorder_type and interaction became derived still apply.
_APPLIED_FIELDS = EDITABLE_FIELDS | set(DERIVED_FIELDS)
# The review state each decision leaves an event in; `split` is recorded for a later stage.
DECISION_STATUS: dict[str, str] = {
    "accept": "accepted", "edit": "edited", "reject": "rejected", "merge": "merged",
}

_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def plain(value: Any) -> Any:
    """`Record.to_dict()` without its deep copies (strings are immutable), tuples as lists."""
    kind = type(value)
    names = _FIELD_NAMES.get(kind)
    if names is None and dataclasses.is_dataclass(kind):
        names = _FIELD_NAMES[kind] = tuple(f.name for f in dataclasses.fields(kind))
    if names is not None:
        return {name: plain(getattr(value, name)) for name in names}
    if kind is list or kind is tuple:
        return [plain(v) for v in value]
    if kind is dict:
        return {k: plain(v) for k, v in value.items()}
    return value


def coding_hash(coded: dict[str, Any]) -> str:
    """A digest of a coded report's `to_dict()`: equal digests mean there is nothing to save."""
    text = json.dumps(coded, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def report_row(report: Report, coded: bool, digest: str, coder_version: str, now: str) -> dict[str, Any]:
    return {
        "id": report.id,
        "text": report.text,
        "source_file": report.source_file,
        "path": report.path,
        "url": report.url,
        "title": report.title,
        "publisher": report.publisher,
        "byline": report.byline,
        "published": report.published,
        "published_origin": report.published_origin,
        "language": report.language,
        "raw_format": report.raw_format,
        "coded": coded,
        "date_hints": [h.to_dict() for h in report.date_hints],
        "blocks": [b.to_dict() for b in report.blocks],
        "report_problems": [p.to_dict() for p in report.problems],
        "coding_hash": digest,
        "coder_version": coder_version,
        "ingested_at": now,
        "updated_at": now,
        "identity": report.identity,
        "content_hash": content_hash(report.text),
    }


def report_from_row(row: Any, sources: list[Source], with_text: bool = True) -> Report:
    return Report(
        id=row.id,
        text=row.text if with_text else "",
        source_file=row.source_file,
        path=row.path,
        url=row.url,
        title=row.title,
        publisher=row.publisher,
        byline=row.byline,
        published=row.published,
        published_origin=row.published_origin,
        date_hints=[DateHint.from_dict(d) for d in row.date_hints],
        language=row.language,
        blocks=[Block.from_dict(b) for b in row.blocks],
        sources=sources,
        raw_format=row.raw_format,
        problems=[Problem.from_dict(p) for p in row.report_problems],
        identity=row.identity or "",
    )


def source_row(report_id: str, position: int, source: Source) -> dict[str, Any]:
    return {
        "report_id": report_id, "position": position, "name": source.name, "role": source.role,
        "text": source.text, "span_start": source.start, "span_end": source.end,
    }


def source_from_row(row: Any) -> Source:
    return Source(name=row.name, role=row.role, text=row.text, start=row.span_start, end=row.span_end)


def event_row(event: Event) -> dict[str, Any]:
    """The columns of the events table for one event, without the store's timestamps."""
    row = {name: getattr(event, name) for name in EVENT_FIELDS}
    row["flags"] = list(event.flags)
    row["explanation"] = list(event.explanation)
    row["id"] = event.id
    return row


@lru_cache(maxsize=64)
def _getter(fields: tuple[str, ...], names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """The values of `names` from a row whose columns are `fields`, by position: reading a row's
    values by attribute name costs several times more, which 10,000 events a read make count."""
    return operator.itemgetter(*(fields.index(name) for name in names))


@lru_cache(maxsize=4096)
def _json_strings(text: str) -> tuple[str, ...]:
    """A JSON list of strings as stored, decoded once per distinct text (most events share theirs)."""
    return tuple(json.loads(text))


def _strings(value: Any) -> list[str]:
    """A list column's value, as stored (JSON text) or as the driver decoded it."""
    return list(_json_strings(value) if isinstance(value, str) else value)


def event_from_row(row: Any, evidence: list[Evidence], fields: tuple[str, ...] | None = None) -> Event:
    """The event of a row of the events table; `fields`, the result's column names when the caller
    has them (asked once per result instead of once per row). `flags` and `explanation` may come
    as JSON text, which is decoded once per distinct text."""
    values = dict(zip(EVENT_FIELDS, _getter(fields or tuple(row._fields), EVENT_FIELDS)(row)))
    values["flags"] = _strings(values["flags"])
    values["explanation"] = _strings(values["explanation"])
    return Event(id=row.id, evidence=evidence, **values)


def claim_row(event: Event, coded: dict[str, Any], report_id: str, now: str) -> dict[str, Any]:
    """One report's claim about an event; `coded` is the event's `to_dict()`."""
    return {
        "event_id": event.id,
        "report_id": report_id,
        "fatalities": event.fatalities,
        "evidence_text": event.evidence_text,
        "evidence_start": event.evidence_start,
        "evidence_end": event.evidence_end,
        "source_file": event.source_file,
        "coder_version": event.coder_version,
        "coded": coded,
        "first_seen": now,
        "updated_at": now,
    }


def evidence_row(event_id: str, report_id: str, position: int, ev: Evidence) -> dict[str, Any]:
    return {
        "event_id": event_id, "report_id": report_id, "position": position, "field": ev.field,
        "value": ev.value, "text": ev.text, "span_start": ev.start, "span_end": ev.end,
        "origin": ev.origin,
    }


_EVIDENCE_COLUMNS = ("field", "value", "text", "span_start", "span_end", "origin")   # Evidence's order


def evidence_from_row(row: Any, fields: tuple[str, ...] | None = None) -> Evidence:
    """The evidence of a row; `fields` as in `event_from_row`."""
    return Evidence(*_getter(fields or tuple(row._fields), _EVIDENCE_COLUMNS)(row))


def mention_row(report_id: str, position: int, mention: Mention) -> dict[str, Any]:
    return {
        "report_id": report_id, "position": position, "kind": mention.kind, "text": mention.text,
        "span_start": mention.start, "span_end": mention.end, "resolved": mention.resolved,
        "origin": mention.origin, "score": mention.score, "detail": mention.detail,
    }


def mention_from_row(row: Any) -> Mention:
    return Mention(
        kind=row.kind, text=row.text, start=row.span_start, end=row.span_end,
        resolved=row.resolved, origin=row.origin, score=row.score, detail=row.detail,
    )


def presence_row(report_id: str, position: int, p: Presence) -> dict[str, Any]:
    return {
        "id": p.id, "report_id": report_id, "position": position, "actor": p.actor,
        "location": p.location, "place_id": p.place_id, "latitude": p.latitude,
        "longitude": p.longitude, "period_start": p.period_start, "period_end": p.period_end,
        "text": p.text, "span_start": p.start, "span_end": p.end, "origin": p.origin,
    }


def presence_from_row(row: Any) -> Presence:
    return Presence(
        id=row.id, report_id=row.report_id, actor=row.actor, location=row.location,
        place_id=row.place_id, latitude=row.latitude, longitude=row.longitude,
        period_start=row.period_start, period_end=row.period_end, text=row.text,
        start=row.span_start, end=row.span_end, origin=row.origin,
    )


def affiliation_row(report_id: str, position: int, actor: str, a: Affiliation) -> dict[str, Any]:
    return {
        "report_id": report_id, "position": position, "actor": actor, "other_actor": a.actor,
        "relation": a.relation, "since": a.since, "until": a.until, "source": a.source,
        "text": a.text, "span_start": a.start, "span_end": a.end,
    }


def affiliation_from_row(row: Any) -> tuple[str, Affiliation]:
    return row.actor, Affiliation(
        actor=row.other_actor, relation=row.relation, since=row.since, until=row.until,
        source=row.source, text=row.text, start=row.span_start, end=row.span_end,
    )


def change_row(at: str, entity: str, entity_id: str, action: str, detail: dict[str, Any]) -> dict[str, Any]:
    """A row of the change log."""
    return {"at": at, "entity": entity, "entity_id": entity_id, "action": action, "detail": detail}


def undone(decisions: list[Any]) -> set[int]:
    """The ids of the decisions an `undo` took back."""
    return {int(d.value) for d in decisions if d.action == "undo" and d.value is not None}


def apply_decisions(event: Event, decisions: list[Any]) -> Event:
    """The event as reviewed: each decision not undone, oldest first, applied on top of the machine
    output; the fields derived from edited ones follow them."""
    if not decisions:
        return event
    taken_back = undone(decisions)
    changes: dict[str, Any] = {}
    status = event.status
    for d in decisions:
        if d.action == "undo" or d.id in taken_back:
            continue
        if d.action == "edit" and d.field in _APPLIED_FIELDS:
            changes[d.field] = d.value
        status = DECISION_STATUS.get(d.action, status)
    return derive(dataclasses.replace(event, status=status, **changes), set(changes))
