"""Recognise publication-date strings in report headers and metadata; normalise them to ISO."""
from __future__ import annotations

import datetime as dt
import email.utils
import re
from dataclasses import dataclass

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
WEEKDAY = r"(?:mon|tue(?:s)?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?"
_ORD = r"(?:st|nd|rd|th)?"

_ISO = re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?![\d])")
_DMY = re.compile(rf"(?P<d>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<mon>{MONTH}),?\s+(?P<y>\d{{4}})(?!\d)", re.I)
_MDY = re.compile(rf"(?P<mon>{MONTH})\s+(?P<d>\d{{1,2}}){_ORD},?\s+(?P<y>\d{{4}})(?!\d)", re.I)
_NUM = re.compile(r"(?<![\d/.])(?P<d>\d{1,2})[/.](?P<m>\d{1,2})[/.](?P<y>\d{4})(?!\d)")
_MONTH_DAY = re.compile(rf"^(?P<mon>{MONTH})\s+(?P<d>\d{{1,2}}){_ORD}$", re.I)

_TIME = (
    r"\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?"
    r"(?:\s*\(?(?:GMT|UTC)(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?\)?)?"
)
_ANY_DATE = (
    r"(?:\d{4}-\d{1,2}-\d{1,2}(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?"
    rf"|\d{{1,2}}{_ORD}\s+(?:of\s+)?{MONTH},?\s+\d{{4}}"
    rf"|{MONTH}\s+\d{{1,2}}{_ORD},?\s+\d{{4}}"
    r"|\d{1,2}[/.]\d{1,2}[/.]\d{4})"
)
# A segment of a header line that is nothing but a (labelled) date, e.g.
# "Published: 23/06/2021", "Thursday, August 18, 2022 10:41 AM GMT+3", "14 February 2023 - 08:40".
_DATE_SEGMENT = re.compile(
    rf"^(?:(?P<label>published|posted|updated|last updated|date|dated)\s*(?:on|:)?\s*)?"
    rf"(?:{WEEKDAY},?\s+)?(?P<date>{_ANY_DATE})"
    rf"(?:\s*(?:,|-|–|—|at|\|)?\s*{_TIME})?\s*\.?$",
    re.I,
)


@dataclass(frozen=True)
class DateMatch:
    """A date found in a string: its ISO value, label ("published", ...) and span in that string."""

    value: str
    label: str
    start: int
    end: int


def _make(y: str, m: int, d: str) -> str | None:
    """Build an ISO date, or None when the parts are not a real date."""
    try:
        year, day = int(y), int(d)
        if not 1900 <= year <= 2100:
            return None
        return dt.date(year, m, day).isoformat()
    except ValueError:
        return None


def _month(name: str) -> int:
    return _MONTHS[name.lower().rstrip(".")[:3]]


def parse_date(text: str) -> str | None:
    """Parse one date string (ISO, ISO datetime, "5 April 2024", "April 5, 2024", "05/04/2024",
    RFC 822) to an ISO date; None when it is not a full date."""
    s = text.strip()
    if not s:
        return None
    m = _ISO.match(s)
    if m:
        return _make(m["y"], int(m["m"]), m["d"])
    seg = _DATE_SEGMENT.match(s)
    if seg:
        s = seg["date"]
    for rx in (_DMY, _MDY):
        m = rx.search(s)
        if m:
            return _make(m["y"], _month(m["mon"]), m["d"])
    m = _NUM.search(s)
    if m:
        day, month = int(m["d"]), int(m["m"])
        # Day first, as in the region's usage; "06/23/2021" can only be month first.
        if month > 12 and day <= 12:
            day, month = month, day
        return _make(m["y"], month, str(day))
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


def find_dates(text: str) -> list[DateMatch]:
    """Every full date inside `text`, left to right, not overlapping."""
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []
    for rx in (_ISO, _DMY, _MDY, _NUM):
        for m in rx.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            value = parse_date(m.group(0))
            if value:
                found.append(DateMatch(value, "", m.start(), m.end()))
                taken.append((m.start(), m.end()))
    return sorted(found, key=lambda d: d.start)


def parse_month_day(text: str) -> tuple[int, int] | None:
    """Parse "Aug 18" / "March 9" (no year) to (month, day); None otherwise."""
    m = _MONTH_DAY.match(text.strip())
    if not m:
        return None
    month, day = _month(m["mon"]), int(m["d"])
    try:
        dt.date(2000, month, day)  # a leap year, so that Feb 29 passes
    except ValueError:
        return None
    return month, day
