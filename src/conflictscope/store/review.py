"""Review: reviewers' decisions about events, kept apart from the machine output and applied
on top of it when events are read."""
from __future__ import annotations

from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.exc import SQLAlchemyError

from conflictscope.edits import check_edit, limits
from conflictscope.errors import ReviewError, StoreError
from conflictscope.store import rows
from conflictscope.store.engine import now, reason, shown
from conflictscope.store.queries import Queries
from conflictscope.store.rows import change_row
from conflictscope.store.schema import changes, decisions, events

FATES = ("succeeded", "orphaned")   # change-log actions `succession.carry_decisions` writes


class Review(Queries):
    """The store's review decisions."""

    def add_decision(
        self, event_id: str, action: str, *, field: str | None = None, value: Any = None,
        note: str = "", who: str = "",
    ) -> int:
        """Record a reviewer's decision about an event and return its id.

        Args:
            action: accept | edit | reject | merge | split | undo. `edit` needs `field` and `value`,
                which `conflictscope.edits.check_edit` converts to the field's type and checks
                against the codebook; `merge` takes the id of the event it merges into as
                `value`; `undo` the id of the decision it takes back.
        Raises:
            ReviewError: an edit, undo or note that is not allowed (names the field).
        """
        if action not in rows.DECISION_ACTIONS:
            raise StoreError(
                f"unknown decision {action!r} for event {event_id}. You can fix this by using one "
                f"of: {', '.join(rows.DECISION_ACTIONS)}"
            )
        _check_sizes(note, who)
        if action == "edit":
            current = self.event(event_id)
            if current is not None:   # a missing event is refused below, in the transaction
                published = [str(c["published"]) for c in self.event_reports(event_id) if c.get("published")]
                value = check_edit(current, field, value, published=min(published, default=None))
        elif action == "undo":
            value = self._undo_target(event_id, value)
        elif action == "merge":
            value = str(value or "").strip()
            if not value or value == event_id or self.event(value) is None:
                raise ReviewError("value", f"cannot merge event {event_id} into {value!r}: no such other event. "
                                           "You can fix this by giving the id of the event it repeats")
        at = now()
        try:
            with self._write() as conn:
                row = conn.execute(select(events.c.id, events.c.deleted_at).where(events.c.id == event_id)).first()
                if row is None or row.deleted_at is not None:
                    raise StoreError(
                        f"no event {event_id} in {shown(self.url)}. You can fix this by choosing an "
                        "id from `conflictscope events`"
                    )
                decision_id = conn.execute(insert(decisions).values(
                    event_id=event_id, action=action, field=field, value=value, note=note, who=who, at=at,
                )).inserted_primary_key[0]
                conn.execute(insert(changes), change_row(
                    at, "event", event_id, "deleted" if action in ("reject", "merge") else "updated",
                    {"decision_id": decision_id, "action": action, "field": field, "value": value, "who": who}))
                return int(decision_id)
        except SQLAlchemyError as exc:
            raise StoreError(
                f"could not record the {action} decision on event {event_id}: {reason(exc)}. "
                "You can fix this by retrying once other writers are done"
            ) from exc

    def _undo_target(self, event_id: str, value: Any) -> int:
        """The id of the decision an `undo` takes back, checked: this event's, not an undo, not undone."""
        try:
            target = int(str(value).strip())
        except ValueError:
            raise ReviewError("value", f"undo needs the number of the decision to take back, not {value!r}. "
                                       "You can fix this by choosing it in the event's history") from None
        made = {d["id"]: d for d in self.decisions(event_id)}
        if target not in made or made[target]["action"] == "undo":
            raise ReviewError("value", f"event {event_id} has no decision #{target} to undo. You can fix this "
                                       "by choosing one from the event's history")
        if target in {int(d["value"]) for d in made.values() if d["action"] == "undo"}:
            raise ReviewError("value", f"decision #{target} on event {event_id} is already undone")
        return target

    def decisions(self, event_id: str | None = None) -> list[dict[str, Any]]:
        """Decisions, oldest first; `event_id` keeps those about one event."""
        query = select(decisions).order_by(decisions.c.id)
        if event_id is not None:
            query = query.where(decisions.c.event_id == event_id)
        with self._engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]

    def orphaned_decisions(self) -> list[dict[str, Any]]:
        """Decisions about events that no report produces any more (after re-coding)."""
        live = select(events.c.id).where(events.c.deleted_at.is_(None))
        query = select(decisions).where(decisions.c.event_id.not_in(live)).order_by(decisions.c.id)
        with self._engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]

    def event_fate(self, event_id: str) -> dict[str, Any] | None:
        """What re-coding made of an event that is gone, as the change log says; None if nothing.

        Successions are followed to the event that exists now. Returns the last step: {"action":
        "succeeded" | "orphaned", "at", "report_id", "decisions", "successor" (succeeded) or
        "reason" (orphaned), "via": the ids passed through on the way}.
        """
        steps: list[dict[str, Any]] = []
        seen, current = {event_id}, event_id
        with self._engine.connect() as conn:
            while True:
                query = select(changes).where(changes.c.entity == "event", changes.c.entity_id == current,
                                              changes.c.action.in_(FATES))
                row = conn.execute(query.order_by(changes.c.id.desc()).limit(1)).first()
                if row is None:
                    break
                steps.append({"action": row.action, "at": row.at, **row.detail})
                successor = row.detail.get("successor")
                if row.action != "succeeded" or successor in seen or _live(conn, successor):
                    break
                seen.add(successor)
                current = successor
        if not steps:
            return None
        return {**steps[-1], "via": [step["successor"] for step in steps[:-1]]}


def _check_sizes(note: str, who: str) -> None:
    """Refuse a note or reviewer name longer than the review limits allow."""
    for name, text in (("note", note), ("who", who)):
        most = int(limits()[f"{name}_max"])
        if len(text or "") > most:
            raise ReviewError(name, f"the {name} is {len(text):,} characters long, more than the {most:,} "
                                    "allowed. You can fix this by shortening it")


def _live(conn: Any, event_id: str) -> bool:
    """Whether a report still claims the event."""
    row = conn.execute(select(events.c.deleted_at).where(events.c.id == event_id)).first()
    return row is not None and row.deleted_at is None
