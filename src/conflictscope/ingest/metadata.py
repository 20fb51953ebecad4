"""Metadata a report's text carries: publication date candidates, publisher, byline, title."""
from __future__ import annotations

import re
import string
from dataclasses import dataclass, field

from conflictscope.dates import parse_month_day
from conflictscope.ingest.clean import BYLINE, Layout, segments
from conflictscope.models import DateHint, Source

# Which trusted origin wins when several give a publication date: what the file states
# explicitly, then what the text states, then what the command line assumed for the batch.
ORIGIN_PRIORITY = ("json", "meta", "sidecar", "date-line", "byline", "dateline", "flag")

_DATE_LINE = re.compile(r"^date\s*:?\s*(?P<date>\d{4}-\d{2}-\d{2})\b", re.I)
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z'’.\-]+(?: [A-Z][A-Z'’.\-]+)*)"
    r"(?:,\s*(?P<country>[A-Z][a-zA-Z'’.\- ]{1,30}?))?"
    r"(?:,\s*(?P<md>[A-Za-z]{3,9}\.? \d{1,2}))?"
    r"\s*\((?P<agency>[^()]{2,50})\)\s*[-–—]"
)
_SOURCE_LINE = re.compile(r"^source\s*[»:>\-–]+\s*(?P<name>[^|]{2,60})$", re.I)
_DASH_LINE = re.compile(r"^[-–—]\s*(?P<name>[A-Z][\w .&'’-]{1,50})$")
_REPORTING = re.compile(r"^\(?reporting by (?P<name>[^;,)]{2,60})", re.I)
_COPYRIGHT_NAME = re.compile(
    r"^(?:copyright\s*)?(?:\(c\)|©)?\s*(?:copyright\s*)?(?:\d{4}\s+)?(?P<name>[^.|]{2,60}?)\s*(?:\d{4})?\s*(?:[.|]|$)",
    re.I,
)
_SECTIONS = frozenset(
    "analysis commentary comment brief opinion news report reports feature features editorial "
    "interview breaking urgent exclusive explainer update updates local news".split()
) | {"local news", "policy brief", "press release", "human rights violations"}
_AGENCIES = re.compile(r"^(?P<name>[A-Z][\w .&'’-]{1,40}?)\s*[-–—/]\s*(?:agencies|wires?)$", re.I)
_STAFF = re.compile(r"\s+(?:staff|desk|team|newsroom|correspondents?|reporters?|bureau)$", re.I)
_BUREAU = re.compile(r"\s+\w+\s+(?:bureau|desk|office)$", re.I)


@dataclass
class TextMetadata:
    """What the text says about itself; each date with its origin and span."""

    title: str | None = None
    publisher: str | None = None
    publisher_span: tuple[int, int] | None = None
    publisher_text: str = ""
    byline: str | None = None
    date_hints: list[DateHint] = field(default_factory=list)


def _capitalise(name: str) -> str:
    """"LEVANT POLICY FORUM" -> "Levant Policy Forum"; short acronyms stay as they are."""
    letters = [c for c in name if c.isalpha()]
    if len(letters) <= 5 or not all(c.isupper() for c in letters):
        return name
    small = {"of", "and", "for", "the", "on", "in"}
    words = [w.lower() if w.lower() in small and i else string.capwords(w) for i, w in enumerate(name.split())]
    return " ".join(words)


def _publisher_line(text: str) -> str | None:
    """A monitor or outlet name heading a report ("Horan Now | Daraa" -> "Horan Now")."""
    first = segments(text)[0][1].strip() if segments(text) else ""
    if not first or not 1 <= len(first.split()) <= 7 or not (first[0].isupper() or not first[0].isascii()):
        return None
    if first[-1] in ".!?:" or BYLINE.match(first) or re.search(r"\d{4}", first):
        return None
    return _capitalise(first)


def _find_publisher(layout: Layout) -> tuple[str, int, str] | None:
    """Publisher from the text: (name, line index, line text)."""
    lines = layout.lines
    top_end = layout.title_line if layout.title_line is not None else layout.header_end
    # 1. an outlet or monitor name heading the report (not a site masthead among chrome),
    #    alone on its line or before the date ("EMHR | 14 September 2021")
    dated = {h.line for h in layout.header_dates}
    heading = [ln for ln in lines[:top_end] if ln.kind == "body" and ln.index not in dated]
    heading += [ln for ln in lines[:top_end] if ln.kind == "body" and ln.index in dated]
    for ln in heading:
        name = _publisher_line(ln.text)
        if name and name.lower() not in _SECTIONS:
            return name, ln.index, ln.text
    kept = [ln for ln in lines if ln.kept]
    # 2. a wire dateline "PALMYRA, Syria, Aug 18 (Levant Wire) -"
    for ln in kept[:12]:
        m = _DATELINE.match(ln.text)
        if m:
            return m["agency"].strip(), ln.index, ln.text
    # 4. closing lines: "Source » almashareq", "- IranWire", "(Reporting by Levant Wire; ...)"
    for ln in reversed(kept[-4:]):
        for rx in (_SOURCE_LINE, _DASH_LINE, _REPORTING, _AGENCIES):
            m = rx.match(ln.text)
            if m:
                return _BUREAU.sub("", m["name"].strip()).strip(), ln.index, ln.text
    # 5. the copyright line, then an all-capitals masthead, both dropped as chrome
    for ln in lines:
        if ln.kind == "chrome" and ln.reason == "copyright":
            m = _COPYRIGHT_NAME.match(ln.text)
            if m and m["name"].strip() and not m["name"].lower().startswith("all rights"):
                return m["name"].strip(), ln.index, ln.text
    # 6. "By Levant Wire staff"
    for ln in lines[:layout.header_end]:
        m = BYLINE.match(ln.text) if ln.kept else None
        if m and _STAFF.search(m["name"]):
            return _STAFF.sub("", m["name"]).strip(), ln.index, ln.text
    for ln in lines[:top_end]:
        if ln.reason == "masthead" and not ln.text.lower().startswith(("breaking", "urgent")):
            return _capitalise(ln.text), ln.index, ln.text
    return None


def extract_text_metadata(layout: Layout, *, trusted_year: int | None = None) -> TextMetadata:
    """Read title, publisher, byline and publication-date candidates from a cleaned layout.

    Args:
        layout: the result of `clean.analyse`.
        trusted_year: the year of a publication date given outside the text (JSON, HTML meta,
            sidecar), used to date a wire dateline that gives only month and day.
    """
    meta = TextMetadata(title=layout.title)
    lines = layout.lines

    for ln in [ln for ln in lines if ln.kind != "blank"][:5]:
        m = _DATE_LINE.match(ln.text)
        if m:
            span = layout.span(ln.index, m.start(), m.end())
            meta.date_hints.append(_hint(m["date"], "date-line", True, m.group(0), span))
            break

    for hd in layout.header_dates:
        text = lines[hd.line].text[hd.match.start:hd.match.end]
        span = None if hd.chrome else layout.span(hd.line, hd.match.start, hd.match.end)
        origin = "chrome" if hd.chrome else "byline"
        meta.date_hints.append(_hint(hd.match.value, origin, not hd.chrome, text, span))

    for ln in lines[:layout.header_end]:
        m = BYLINE.match(ln.text) if ln.kept else None
        if m:
            meta.byline = m["name"].strip()
            break

    found = _find_publisher(layout)
    if found:
        name, idx, text = found
        meta.publisher, meta.publisher_text = name, text
        pos = text.find(name)
        meta.publisher_span = layout.span(idx, pos, pos + len(name)) if pos >= 0 else None

    year = trusted_year
    if year is None:
        trusted = [h for h in meta.date_hints if h.trusted]
        year = int(trusted[0].value[:4]) if trusted else None
    if year is not None:
        for ln in [ln for ln in lines if ln.kept][:12]:
            m = _DATELINE.match(ln.text)
            if not m or not m["md"]:
                continue
            month_day = parse_month_day(m["md"])
            if month_day:
                value = f"{year:04d}-{month_day[0]:02d}-{month_day[1]:02d}"
                span = layout.span(ln.index, m.start("md"), m.end("md"))
                meta.date_hints.append(_hint(value, "dateline", True, m["md"], span))
            break
    return meta


def _hint(value: str, origin: str, trusted: bool, text: str,
          span: tuple[int, int] | None) -> DateHint:
    start, end = span if span else (None, None)
    return DateHint(value=value, origin=origin, trusted=trusted, text=text, start=start, end=end)


def choose_published(hints: list[DateHint]) -> DateHint | None:
    """The trusted hint that gives the publication date, by origin priority then order found."""
    trusted = [h for h in hints if h.trusted]
    if not trusted:
        return None
    rank = {origin: i for i, origin in enumerate(ORIGIN_PRIORITY)}
    # "Updated 3 June 2025" is a real date but not the first publication: it comes last.
    return min(trusted, key=lambda h: (
        rank.get(h.origin, len(rank)), h.text.lower().startswith(("updated", "last updated"))))


def publisher_source(name: str, text: str = "", span: tuple[int, int] | None = None) -> Source:
    """The publisher as a Source record."""
    start, end = span if span else (None, None)
    return Source(name=name, role="publisher", text=text if span else "", start=start, end=end)
