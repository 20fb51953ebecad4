"""Date expressions in report text, resolved against the publication date.

`find_dates` finds date phrases ("on Tuesday", "last night", "June 11", "3 March 2021",
"last month", "in March", "earlier this month") and resolves each to an ISO date with ACLED's
time_precision (1 day, 2 week, 3 month). Without a publication date, phrases that need one
(weekdays, "yesterday", a month without a year) stay unresolved: a year is never invented.
Ordinals and unit names ("the 47th", "313 Brigade") are never dates: only phrases anchored on a
month name, a weekday or a relative word are read. The phrases are the ``date_phrases`` section
of ``data/lexicon/dates.json``; month and weekday names come from the date core.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

import dateparser

from ..dates import WEEKDAYS, make_date, month_number, weekday_number
from ..lexicon import section

ORIGIN = "resolve.dates.v1"

_LEX = section("date_phrases", "dates")
# Order matters: longer, more specific phrases first; the scanner keeps non-overlapping matches.
KINDS = ("iso", "day_month_year", "month_day_year", "day_month", "month_day", "edge_of_month_year",
         "month_year", "weekday", "yesterday", "today", "last_week", "this_month", "last_month",
         "in_month", "year")
PATTERNS: list[tuple[str, re.Pattern[str]]] = [(kind, _LEX.rx(kind)) for kind in KINDS]
_WEEKDAY = _LEX.rx("weekday_word")
_NAMED_AFTER = _LEX.rx("named_after_date")
_OF = _LEX.rx("of_word")
_MONTH_START = _LEX.words("month_start")
_MONTH_END = _LEX.words("month_end")
_PREVIOUS = tuple(_LEX.words("previous"))
_LANGUAGES = list(_LEX.table("dateparser")["languages"])


@dataclass(frozen=True)
class DateMention:
    """A date phrase and what it resolves to."""

    text: str
    start: int
    end: int
    kind: str
    value: str | None          # ISO date, None when unresolvable (e.g. no year known)
    precision: int | None      # 1 day, 2 week, 3 month, 4 year (not codable)
    reasoning: str             # how the value was reached, for `show`


Resolution = tuple[str | None, int | None, str]


def _mid_month(year: int, month: int) -> date:
    return date(year, month, 15)


def _last_day(year: int, month: int) -> date:
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def _edge_day(edge: str, year: int, month: int) -> date:
    """The first, last or middle day of a month, by the edge word before it ("early", "end" ...)."""
    if edge in _MONTH_START:
        return date(year, month, 1)
    if edge in _MONTH_END:
        return _last_day(year, month)
    return _mid_month(year, month)


def _year_before(day: date) -> date | None:
    """The same day a year earlier; None for Feb 29, which the year before lacks."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return None


@lru_cache(maxsize=4096)   # dateparser takes milliseconds a phrase; reports of a day repeat theirs
def _parse_absolute(text: str, base: date | None, require_year: bool) -> date | None:
    """Parse a day-month(-year) phrase with dateparser, anchored on the publication date."""
    settings = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month"] + (["year"] if require_year else [])}
    if base is not None:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    cleaned = _OF.sub(" ", text)
    parsed = dateparser.parse(cleaned, languages=_LANGUAGES, settings=settings)
    return parsed.date() if parsed else None


def _resolve_stated(kind: str, text: str, published: date | None) -> Resolution | None:
    """Phrases that state their own month (and maybe year); None for relative phrases."""
    if kind == "iso":
        year, month, day_number = (int(part) for part in text.split("-"))
        day = make_date(year, month, day_number)
        return (day, 1, "ISO date in the text") if day else (None, None, f"'{text}' is no real date")
    if kind in ("day_month_year", "month_day_year"):
        d = _parse_absolute(text, published, require_year=True)
        return (d.isoformat(), 1, "full date in the text") if d else (None, None, "unparseable date")
    if kind in ("day_month", "month_day"):
        if published is None:
            return None, 1, f"'{text}' has no year and the report has no publication date"
        d = _parse_absolute(text, published, require_year=False)
        if d is None:
            return None, None, "unparseable date"
        if d > published:
            d = _year_before(d)
        if d is None or (published - d).days >= 366:
            # "Feb 29" in a common year: dateparser reaches back to a leap year; no year is invented
            return None, None, f"'{text}' is no day of the year up to publication"
        return d.isoformat(), 1, f"'{text}' in the year of publication ({published.isoformat()})"
    if kind == "edge_of_month_year":
        m = _LEX.rx("edge_of_month_year").search(text)
        assert m is not None
        edge, month, year = m.group(1).lower(), month_number(m.group(2)), int(m.group(3))
        assert month is not None
        where = "beginning" if edge in _MONTH_START else "end" if edge in _MONTH_END else "middle"
        return _edge_day(edge, year, month).isoformat(), 3, f"{where} of month {month}/{year}"
    if kind == "month_year":
        parts = re.findall(r"[A-Za-z]+|\d{4}", text)
        month = month_number(parts[0])
        year = int(parts[-1])
        assert month is not None
        return _mid_month(year, month).isoformat(), 3, "month and year in the text: the 15th"
    if kind == "year":
        return None, 4, "a year alone is too vague to code"
    return None


def _resolve_relative(kind: str, text: str, published: date) -> Resolution:
    """Phrases that count back from the publication date."""
    if kind == "weekday":
        wd = weekday_number(text)
        assert wd is not None
        back = (published.weekday() - wd) % 7
        if text.lower().startswith(_PREVIOUS) and back == 0:
            back = 7
        d = published - timedelta(days=back)
        return d.isoformat(), 1, f"{WEEKDAYS[wd].title()} on or before the publication date {published.isoformat()}"
    if kind == "yesterday":
        return (published - timedelta(days=1)).isoformat(), 1, "the day before publication"
    if kind == "today":
        return published.isoformat(), 1, "the publication date"
    if kind == "last_week":
        monday = published - timedelta(days=published.weekday() + 7)
        return (monday + timedelta(days=3)).isoformat(), 2, "middle of the week before publication"
    if kind == "this_month":
        return _mid_month(published.year, published.month).isoformat(), 3, "month of publication: the 15th"
    if kind == "last_month":
        prev = published.replace(day=1) - timedelta(days=1)
        return _mid_month(prev.year, prev.month).isoformat(), 3, "month before publication: the 15th"
    if kind == "in_month":
        m = _LEX.rx("in_month").search(text)
        month = month_number(m.group(1)) if m else None
        if month is None:
            return None, None, "unparseable month"
        year = published.year if month <= published.month else published.year - 1
        d = _edge_day(text.lower().split()[0], year, month)
        return d.isoformat(), 3, f"most recent {text.split()[-1]} up to publication"
    return None, None, "unknown date phrase"


def resolve_phrase(kind: str, text: str, published: date | None) -> Resolution:
    """Resolve one matched phrase to (ISO date, time_precision, reasoning)."""
    stated = _resolve_stated(kind, text, published)
    if stated is not None:
        return stated
    if published is None:
        return None, None, f"'{text}' is relative and the report has no publication date"
    return _resolve_relative(kind, text, published)


def find_dates(text: str, published: str | None) -> list[DateMention]:
    """All date phrases in `text`, non-overlapping, resolved against `published` (ISO or None)."""
    pub = date.fromisoformat(published[:10]) if published else None
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(text):
            start, end = m.start(), m.end()
            while start < end and text[start].isspace():
                start += 1
            if start >= end or any(s < end and start < e for s, e in taken):
                continue
            phrase = text[start:end]
            if kind == "weekday" and not _WEEKDAY.search(phrase):
                continue
            if kind in ("day_month", "month_day") and _NAMED_AFTER.match(text[end:end + 30]):
                taken.append((start, end))   # "the 7 July neighbourhood": part of a name, no date
                continue
            value, precision, why = resolve_phrase(kind, phrase, pub)
            taken.append((start, end))
            found.append(DateMention(phrase, start, end, kind, value, precision, why))
    return sorted(found, key=lambda d: d.start)
