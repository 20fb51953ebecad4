"""Review decisions from a CSV file: one decision a row, each checked by the same rules as an edit
made in the web workbench or through its JSON API (`conflictscope.edits.check_edit`).

Columns: ``event_id, action`` and, as the action needs them, ``field, value, note, who``. A row the
rules refuse is reported with its line and reason, and the rows after it are still imported.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TextIO

from .errors import InputError, StoreError

if TYPE_CHECKING:
    from .store import Store

REVIEW_COLUMNS = ("event_id", "action", "field", "value", "note", "who")
_REQUIRED = ("event_id", "action")


@dataclass
class Refusal:
    """A row that was not imported: its line in the file, its event and why."""

    line: int
    event_id: str
    field: str
    message: str


@dataclass
class ImportResult:
    """What importing a review file did."""

    recorded: list[int] = field(default_factory=list)     # the ids of the decisions stored
    refused: list[Refusal] = field(default_factory=list)


def import_review_csv(store: Store, rows: TextIO, *, name: str = "-", who: str = "") -> ImportResult:
    """Store the decisions in a review CSV; rows the rules refuse are reported, not stored.

    Args:
        name: the file's name, for messages.
        who: the reviewer to record where a row names none.
    Raises:
        InputError: the file lacks the event_id or action column.
    """
    reader = csv.DictReader(rows)
    header = [h.strip() for h in reader.fieldnames or []]
    missing = [c for c in _REQUIRED if c not in header]
    if missing:
        raise InputError(name, f"the review file has no {' or '.join(missing)} column",
                         f"You can fix this by starting it with the header line {','.join(REVIEW_COLUMNS)}")
    reader.fieldnames = header
    result = ImportResult()
    for row in reader:
        line = reader.line_num
        cells = {k: (v or "").strip() if isinstance(v, str) else "" for k, v in row.items() if k}
        action = cells.get("action", "")
        try:
            result.recorded.append(store.add_decision(
                cells.get("event_id", ""), action, field=cells.get("field") or None if action == "edit" else None,
                value=cells.get("value") if action in ("edit", "merge", "undo") else None,
                note=cells.get("note", ""), who=cells.get("who") or who))
        except StoreError as exc:
            result.refused.append(Refusal(line, cells.get("event_id", ""), getattr(exc, "field", ""), str(exc)))
    return result


__all__ = ["REVIEW_COLUMNS", "ImportResult", "Refusal", "import_review_csv"]
