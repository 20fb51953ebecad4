"""The time budget of one report: a cooperative deadline the pipeline checks between stages and
inside its long loops, so a pathological text becomes a recorded problem instead of a stalled batch.

The check reads a monotonic clock and raises `ReportTimeout` naming the stage; nothing runs in
another thread or on a signal, so a report that finishes within its budget is coded exactly as
it would be without one.
"""
from __future__ import annotations

import math
import time

from .errors import ReportTimeout

SECONDS_BASE = 5.0            # every report gets this much
SECONDS_PER_10K_CHARS = 2.0   # and this much per 10,000 characters of text
SECONDS_MAX = 60.0


def default_timeout(chars: int) -> float:
    """The default budget of a report of `chars` characters: 5 s + 2 s per 10,000, at most 60 s."""
    return min(SECONDS_MAX, SECONDS_BASE + SECONDS_PER_10K_CHARS * chars / 10_000)


class Deadline:
    """When a report's coding must stop; `check(stage)` raises `ReportTimeout` once it is past."""

    def __init__(self, seconds: float | None) -> None:
        """`seconds`: the budget from now; None, 0 or infinity for none."""
        self.seconds = seconds if seconds and seconds > 0 else math.inf
        self._until = time.monotonic() + self.seconds

    def check(self, stage: str) -> None:
        """Raise `ReportTimeout` naming `stage` when the budget is spent."""
        if time.monotonic() > self._until:
            raise ReportTimeout(stage, self.seconds)


NO_DEADLINE = Deadline(None)
