"""Review that survives re-coding: decisions follow an event to the one that succeeds it.

Re-coding an edited report can give an event a new id (its date or place changed, and the id is
made of them). A reviewer's decisions on the event that disappeared move to its successor: among
the report's events new in this coding, the one told by the same sentence (the most similar evidence text, at least
`MIN_SIMILARITY`), then of the same type, then at the nearest date and the same place. With no
successor the decisions are orphaned: a problem names them, and the change log says what became
of the event for `show`.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection

from conflictscope.models import Event, Problem
from conflictscope.store.rows import change_row
from conflictscope.store.schema import decisions, problems

MIN_SIMILARITY = 0.6      # of the evidence sentences: an edited word keeps a sentence far above it
STAGE = "review"


@dataclass(frozen=True)
class Carried:
    """What re-coding one report did to the decisions on its events."""

    moved: int = 0                                  # decisions re-attached to a successor
    orphaned: tuple[Problem, ...] = ()              # one problem per event left without successor


def successor(old: Any, candidates: list[Event]) -> Event | None:
    """The event among `candidates` that succeeds the stored event row `old`, if any."""
    best: tuple[Any, ...] | None = None
    chosen: Event | None = None
    for new in sorted(candidates, key=lambda e: e.id):
        similarity = SequenceMatcher(None, old.evidence_text, new.evidence_text, autojunk=False).ratio()
        if similarity < MIN_SIMILARITY:
            continue
        score = (round(similarity, 2), new.event_type == old.event_type,
                 new.sub_event_type == old.sub_event_type, -_days_apart(old.event_date, new.event_date),
                 new.place_id == old.place_id)
        if best is None or score > best:
            best, chosen = score, new
    return chosen


def carry_decisions(conn: Connection, rid: str, source: str, gone: dict[str, Any], kept: list[Event],
                    at: str, log: list[dict[str, Any]]) -> Carried:
    """Move the decisions on the events `gone` (id -> stored row) to their successors among `kept`.

    Args:
        rid, source: the re-coded report's id and file, for the log and the problems.
        kept: the events the report's new coding claims and its last coding did not: an event
            that both codings tell goes on as itself and succeeds no other.
    """
    if not gone:
        return Carried()
    held: dict[str, list[int]] = {}
    query = select(decisions.c.id, decisions.c.event_id).where(decisions.c.event_id.in_(sorted(gone)))
    for row in conn.execute(query.order_by(decisions.c.id)):
        held.setdefault(row.event_id, []).append(row.id)
    moved, orphaned = 0, []
    for old_id in sorted(held):
        old = gone[old_id]
        new = successor(old, [e for e in kept if e.id != old_id])
        ids = held[old_id]
        if new is not None:
            conn.execute(update(decisions).where(decisions.c.event_id == old_id).values(event_id=new.id))
            log.append(change_row(at, "event", old_id, "succeeded",
                                  {"report_id": rid, "successor": new.id, "decisions": ids}))
            moved += len(ids)
            continue
        reason = (f"re-coding report {rid} ({source}) found no event told like it any more (its sentence "
                  f"{_quoted(old.evidence_text)} is gone or changed beyond recognition)")
        log.append(change_row(at, "event", old_id, "orphaned", {"report_id": rid, "decisions": ids,
                                                                "reason": reason}))
        orphaned.append(Problem(source or rid, STAGE, (
            f"decision{'s' if len(ids) > 1 else ''} {', '.join(map(str, ids))} on event {old_id} "
            f"lost {'their' if len(ids) > 1 else 'its'} event: {reason}. You can fix this by "
            f"reviewing the report's events again (`conflictscope events --source {source or rid}`)"), "warning"))
    if orphaned:
        conn.execute(insert(problems), [{"report_id": None, **p.to_dict(), "at": at} for p in orphaned])
    return Carried(moved, tuple(orphaned))


def release_orphans(conn: Connection, restored: list[str]) -> None:
    """Drop the orphan problems of events a later coding brought back: their decisions apply again."""
    for event_id in restored:
        conn.execute(delete(problems).where(
            problems.c.report_id.is_(None), problems.c.stage == STAGE,
            problems.c.message.contains(f" on event {event_id} lost ", autoescape=True)))


def _days_apart(a: str | None, b: str | None) -> int:
    """Days between two ISO dates (or their first days); 0 when equal, large when one is unknown."""
    if a == b:
        return 0
    try:
        return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days)   # type: ignore[index]
    except (TypeError, ValueError):
        return 10_000


def _quoted(text: str, width: int = 80) -> str:
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= width else flat[:width - 1] + "…")
