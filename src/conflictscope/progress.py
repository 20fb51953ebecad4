"""How far an ingest run is: a progress bar on a terminal, plain periodic lines elsewhere, or nothing.

On a terminal, tqdm draws done / total, the rate and the time left on one line that it redraws;
in a log (output not a terminal) a line is written every `LINE_EVERY_SECONDS` and at the end, so
a long run shows it is alive without flooding the log. The total is the number of report files
read; a file that holds several reports (JSON Lines, a feed) raises it as they come.
"""
from __future__ import annotations

import time
from typing import Callable, TextIO

LINE_EVERY_SECONDS = 10.0


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min {seconds % 60:02d} s"
    return f"{seconds // 3600} h {seconds // 60 % 60:02d} min"


class Progress:
    """Counts reports as they are stored and shows the count; call it with each report's name."""

    def __init__(self, total: int, out: TextIO | None, *, clock: Callable[[], float] = time.monotonic) -> None:
        """`out`: where to show progress (a terminal gets a bar, anything else lines); None for nothing."""
        self.total = total
        self.done = 0
        self._out = out
        self._clock = clock
        self._started = clock()
        self._last_line = self._started
        self._bar = None
        if out is not None and out.isatty():
            from tqdm import tqdm

            self._bar = tqdm(total=total, file=out, unit=" reports", dynamic_ncols=True, leave=False)

    def __call__(self, name: str) -> None:
        self.done += 1
        if self.done > self.total:   # a file with several reports
            self.total = self.done
            if self._bar is not None:
                self._bar.total = self.total
        if self._bar is not None:
            self._bar.update(1)
        elif self._out is not None and self._clock() - self._last_line >= LINE_EVERY_SECONDS:
            self._line()

    def close(self) -> None:
        """End the display: the bar removed (the summary follows), or a last line in a log."""
        if self._bar is not None:
            self._bar.close()
        elif self._out is not None and self.done:
            self._line()

    def _line(self) -> None:
        now = self._clock()
        self._last_line = now
        elapsed = max(now - self._started, 1e-9)
        rate = self.done / elapsed
        left = f", about {_duration((self.total - self.done) / rate)} left" if self.done < self.total else ""
        assert self._out is not None
        self._out.write(f"ingest: {self.done}/{self.total} reports, {rate:.1f}/s, "
                        f"{_duration(elapsed)} elapsed{left}\n")
        self._out.flush()
