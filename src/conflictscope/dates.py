"""The date core: month and weekday names, real dates from parts, full date strings to ISO.

Publication dates (`ingest`) and event-date phrases (`resolve.dates`, which finds phrases in
running text and resolves them against the publication date) both read names and dates here.
The names and the shapes of full date strings are the ``dates`` section of
``data/lexicon/dates.json``; this module names no month, weekday or label itself.
"""
from __future__ import annotations

import datetime as dt
import email.utils
import re
from dataclasses import dataclass

from .lexicon import section

_LEX = section("dates")
_MONTHS = _LEX.table("months")
_WEEKDAYS = _LEX.table("weekdays")
WEEKDAYS: tuple[str, ...] = tuple(sorted(_WEEKDAYS, key=lambda name: _WEEKDAYS[name]))

_ISO = _LEX.rx("iso")
_DMY = _LEX.rx("day_month_year")
_MDY = _LEX.rx("month_day_year")
_NUM = _LEX.rx("numeric")
_MONTH_DAY = _LEX.rx("month_day")
_DATE_SEGMENT = _LEX.rx("date_segment")


@dataclass(frozen=True)
class DateMatch:
    """A date found in a string: its ISO value, label ("published", ...) and span in that string."""

    value: str
    label: str
    start: int
    end: int


def month_number(name: str) -> int | None:
    """The month (1-12) a name or abbreviation stands for ("Sept." -> 9); None when it is none."""
    return _MONTHS.get(name.lower().rstrip("."))


def weekday_number(text: str) -> int | None:
    """The first weekday (0 Monday .. 6 Sunday) whose name occurs in `text`; None when none does."""
    low = text.lower()
    return next((i for i, name in enumerate(WEEKDAYS) if name in low), None)


def make_date(year: int, month: int, day: int) -> str | None:
    """The ISO date of the parts, or None when they are no real date or the year is not 1900-2100."""
    if not 1900 <= year <= 2100:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _named_month(m: re.Match[str]) -> str | None:
    """The date of a day-month-year match whose month is a name."""
    month = month_number(m["mon"])
    return make_date(int(m["y"]), month, int(m["d"])) if month is not None else None


def parse_date(text: str) -> str | None:
    """Parse one date string (ISO, ISO datetime, "5 April 2024", "April 5, 2024", "05/04/2024",
    RFC 822, optionally labelled "Published: ...") to an ISO date; None when it is not a full date."""
    s = text.strip()
    if not s:
        return None
    m = _ISO.match(s)
    if m:
        return make_date(int(m["y"]), int(m["m"]), int(m["d"]))
    seg = _DATE_SEGMENT.match(s)
    if seg:
        s = seg["date"]
    for rx in (_DMY, _MDY):
        m = rx.search(s)
        if m:
            return _named_month(m)
    m = _NUM.search(s)
    if m:
        day, month = int(m["d"]), int(m["m"])
        # Day first, as in the region's usage; "06/23/2021" can only be month first.
        if month > 12 and day <= 12:
            day, month = month, day
        return make_date(int(m["y"]), month, day)
    try:
        parsed = email.utils.parsedate_to_datetime(s)
    except (TypeError, ValueError, IndexError):
        return None
    return parsed.date().isoformat() if parsed and 1900 <= parsed.year <= 2100 else None


def match_date_segment(segment: str) -> DateMatch | None:
    """Match a header segment that is only a (labelled) full date; span is of the date words."""
    stripped = segment.strip()
    m = _DATE_SEGMENT.match(stripped)
    if not m:
        return None
    value = parse_date(m["date"])
    if value is None:
        return None
    offset = len(segment) - len(segment.lstrip())
    return DateMatch(value, (m["label"] or "").lower(), offset, offset + len(stripped.rstrip(" .")))


def parse_month_day(text: str) -> tuple[int, int] | None:
    """Parse "Aug 18" / "March 9" (no year) to (month, day); None otherwise."""
    m = _MONTH_DAY.match(text.strip())
    month = month_number(m["mon"]) if m else None
    if m is None or month is None:
        return None
    day = int(m["d"])
    try:
        dt.date(2000, month, day)  # a leap year, so that Feb 29 passes
    except ValueError:
        return None
    return month, day


__all__ = ["WEEKDAYS", "DateMatch", "make_date", "match_date_segment", "month_number", "parse_date",
           "parse_month_day", "weekday_number"]
