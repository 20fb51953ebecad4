"""Date expressions in report text, resolved against the publication date.

`find_dates` finds date phrases ("on Tuesday", "last night", "June 11", "3 March 2021",
"last month", "in March", "earlier this month") and resolves each to an ISO date with ACLED's
time_precision (1 day, 2 week, 3 month). Without a publication date, phrases that need one
(weekdays, "yesterday", a month without a year) stay unresolved: a year is never invented.
Ordinals and unit names ("the 47th", "313 Brigade") are never dates: only phrases anchored on a
month name, a weekday or a relative word are read.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

import dateparser

ORIGIN = "resolve.dates.v1"

MONTHS = {
    m: i + 1 for i, m in enumerate(
        ["january", "february", "march", "april", "may", "june", "july", "august",
         "september", "october", "november", "december"])
}
MONTH_ABBR = {m[:3]: n for m, n in MONTHS.items()} | {"sept": 9}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19[89]\d|20[0-4]\d)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

# Order matters: longer, more specific phrases first; the scanner keeps non-overlapping matches.
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(rf"\b{_YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b")),
    ("day_month_year", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b")),
    ("month_day_year", re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b")),
    ("day_month", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?![a-z])(?!,?\s+{_YEAR})")),
    ("month_day", re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!,?\s+{_YEAR})(?!\s*(?:km|kilomet|fighters|people|members))")),
    ("edge_of_month_year", re.compile(rf"\b(?:(?:the\s+)?(beginning|start|early|end|late|mid|middle)(?:\s+of)?[\s-]+)({_MONTH})\s+({_YEAR})\b", re.I)),
    ("month_year", re.compile(rf"\b{_MONTH}\s+(?:of\s+)?{_YEAR}\b")),
    ("weekday", re.compile(rf"\b(?:on|last|this|early on|late on|overnight|since|until)?\s*(?:the\s+(?:morning|evening|night)\s+of\s+)?{_WEEKDAY}(?:\s+(?:morning|evening|night|afternoon))?\b", re.I)),
    ("yesterday", re.compile(r"\b(?:yesterday|last night|overnight|the previous day|the day before)\b", re.I)),
    ("today", re.compile(r"\b(?:today|this morning|this afternoon|tonight|this evening|earlier today)\b", re.I)),
    ("last_week", re.compile(r"\b(?:last week|the previous week|the past week)\b", re.I)),
    ("this_month", re.compile(r"\b(?:earlier this month|this month|at the start of this month|at the beginning of this month)\b", re.I)),
    ("last_month", re.compile(r"\b(?:last month|the previous month|the past month)\b", re.I)),
    ("in_month", re.compile(rf"\b(?:[Ii]n|[Ss]ince|[Dd]uring|[Ee]arly|[Ll]ate|[Mm]id-?)\s+({_MONTH})(?![a-z])(?!\s+{_DAY})")),
    ("year", re.compile(rf"\b(?:[Ii]n|[Ss]ince)\s+({_YEAR})\b(?!-)")),
]


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


def _month_number(token: str) -> int | None:
    t = token.lower().rstrip(".")
    return MONTHS.get(t) or MONTH_ABBR.get(t[:4] if t.startswith("sept") else t[:3])


def _mid_month(year: int, month: int) -> date:
    return date(year, month, 15)


def _last_day(year: int, month: int) -> date:
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def _parse_absolute(text: str, base: date | None, require_year: bool) -> date | None:
    """Parse a day-month(-year) phrase with dateparser, anchored on the publication date."""
    settings = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month"] + (["year"] if require_year else [])}
    if base is not None:
        from datetime import datetime
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    cleaned = re.sub(r"\bof\b", " ", text)
    parsed = dateparser.parse(cleaned, languages=["en"], settings=settings)
    return parsed.date() if parsed else None


def resolve_phrase(kind: str, text: str, published: date | None) -> tuple[str | None, int | None, str]:
    """Resolve one matched phrase to (ISO date, time_precision, reasoning)."""
    low = text.lower()
    if kind == "iso":
        return text, 1, "ISO date in the text"
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
            d = d.replace(year=d.year - 1)
        return d.isoformat(), 1, f"'{text}' in the year of publication ({published.isoformat()})"
    if kind == "edge_of_month_year":
        m = PATTERNS[5][1].search(text)
        assert m is not None
        edge, month, year = m.group(1).lower(), _month_number(m.group(2)), int(m.group(3))
        assert month is not None
        if edge in ("beginning", "start", "early"):
            return date(year, month, 1).isoformat(), 3, f"beginning of month {month}/{year}"
        if edge in ("end", "late"):
            return _last_day(year, month).isoformat(), 3, f"end of month {month}/{year}"
        return _mid_month(year, month).isoformat(), 3, f"middle of month {month}/{year}"
    if kind == "month_year":
        parts = re.findall(r"[A-Za-z]+|\d{4}", text)
        month = _month_number(parts[0])
        year = int(parts[-1])
        assert month is not None
        return _mid_month(year, month).isoformat(), 3, "month and year in the text: the 15th"
    if kind == "year":
        return None, 4, "a year alone is too vague to code"
    if published is None:
        return None, None, f"'{text}' is relative and the report has no publication date"
    if kind == "weekday":
        wd = next(i for i, w in enumerate(WEEKDAYS) if w in low)
        back = (published.weekday() - wd) % 7
        if low.startswith("last") and back == 0:
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
        m = PATTERNS[13][1].search(text)
        month = _month_number(m.group(1)) if m else None
        if month is None:
            return None, None, "unparseable month"
        year = published.year if month <= published.month else published.year - 1
        edge = low.split()[0]
        if edge == "early":
            d = date(year, month, 1)
        elif edge == "late":
            d = _last_day(year, month)
        else:
            d = _mid_month(year, month)
        return d.isoformat(), 3, f"most recent {text.split()[-1]} up to publication"
    return None, None, "unknown date phrase"


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
            if kind == "weekday" and not re.search(_WEEKDAY, phrase, re.I):
                continue
            value, precision, why = resolve_phrase(kind, phrase, pub)
            taken.append((start, end))
            found.append(DateMention(phrase, start, end, kind, value, precision, why))
    return sorted(found, key=lambda d: d.start)
