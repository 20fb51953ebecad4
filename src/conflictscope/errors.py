"""Exceptions raised by conflictscope.

    ConflictscopeError
    ├── InputError            a report file cannot be read or parsed (bad encoding, binary, empty,
    │                         broken HTML or JSON); the batch records it and goes on
    ├── ReferenceDataError    a shipped or user data file (actors, places, lexicon) is malformed
    ├── ReportTimeout         coding one report ran past its time budget; the batch records it
    │                         (report, stage) and goes on
    ├── StoreError            the database cannot be opened, migrated or written
    │   └── ReviewError       a reviewer's edit breaks the codebook's rules (names the field)
    ├── EvalError             a gold or prediction file for `eval` is malformed
    └── ModelError            a learned model cannot be read or trained (`learn`, `--model`)

Messages name the value at fault and say how to fix it.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any


class ConflictscopeError(Exception):
    """Base class of every error conflictscope raises on purpose."""


class InputError(ConflictscopeError):
    """A report file cannot be read or parsed."""

    def __init__(self, path: str, problem: str, fix: str = "") -> None:
        self.path = path
        self.problem = problem
        self.fix = fix
        message = f"{path}: {problem}"
        if fix:
            message += f". {fix}"
        super().__init__(message)


class ReferenceDataError(ConflictscopeError):
    """A reference data file (actors, places, lexicon) is malformed."""


class SettingError(ConflictscopeError):
    """A setting given to a command cannot be used (an unknown country, ...)."""


def read_reference_json(path: Path, what: str) -> Any:
    """A shipped JSON data file, or a ReferenceDataError that names it ("doubt weights <path> are malformed")."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ReferenceDataError(f"{what} {path} are malformed: {exc}. Restore the shipped file.") from exc


class ReportTimeout(ConflictscopeError):
    """Coding one report ran past its time budget (`--timeout`)."""

    def __init__(self, stage: str, seconds: float) -> None:
        self.stage = stage
        self.seconds = seconds
        super().__init__(f"coding stopped in stage '{stage}': the report's time budget of {seconds:.0f} s "
                         f"ran out. You can fix this by passing a larger --timeout (0 for none) or by "
                         f"splitting the report into smaller files")


class StoreError(ConflictscopeError):
    """The store cannot be opened, migrated or written."""


class ReviewError(StoreError):
    """A reviewer's edit the codebook does not allow; `field` names the field at fault."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)


class EvalError(ConflictscopeError):
    """A gold or prediction file given to `eval` is malformed."""


class ModelError(ConflictscopeError):
    """A learned event model cannot be read, or the training data cannot train one."""
