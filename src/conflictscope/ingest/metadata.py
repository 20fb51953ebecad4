"""Metadata a report's text carries: publication date candidates, publisher, byline, title."""
from __future__ import annotations

import re
import string
from dataclasses import dataclass, field

from conflictscope.dates import make_date, parse_date, parse_month_day
from conflictscope.ingest.clean import BYLINE, Layout, segments
from conflictscope.lexicon import section
from conflictscope.models import DateHint, Source

# Which trusted origin wins when several give a publication date: what the file states
# explicitly, then what the text states, then what the command line assumed for the batch.
ORIGIN_PRIORITY = ("json", "meta", "sidecar", "date-line", "byline", "dateline", "flag")

_LEX = section("metadata", "ingest")
_DATE_LINE = _LEX.rx("date_line")
_DATELINE = _LEX.rx("dateline")
_SOURCE_LINE = _LEX.rx("source_line")
_DASH_LINE = _LEX.rx("dash_line")
_REPORTING = _LEX.rx("reporting_by")
_COPYRIGHT_NAME = _LEX.rx("copyright_name")
_SECTIONS = _LEX.words("section_names")
_AGENCIES = _LEX.rx("agencies_line")
_STAFF = _LEX.rx("staff_suffix")
_BUREAU = _LEX.rx("bureau_suffix")
_SMALL_WORDS = _LEX.words("title_small_words")
_NOT_COPYRIGHT_NAMES = tuple(_LEX.words("not_copyright_names"))
_NOT_MASTHEAD_NAMES = tuple(_LEX.words("not_masthead_names"))
_UPDATE_LABELS = tuple(_LEX.words("update_labels"))


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
    words = [w.lower() if w.lower() in _SMALL_WORDS and i else string.capwords(w) for i, w in enumerate(name.split())]
    return " ".join(words)


def _publisher_line(text: str) -> str | None:
    """A monitor or outlet name heading a report ("Horan Now | Daraa" -> "Horan Now")."""
    first = segments(text)[0][1].strip() if segments(text) else ""
    if not first or not 1 <= len(first.split()) <= 7 or not (first[0].isupper() or not first[0].isascii()):
        return None
    if first[-1] in ".!?:" or BYLINE.match(first) or re.search(r"\d{4}", first):
        return None
    return _capitalise(first)


Found = tuple[str, int, str]   # publisher name, line index, line text


def _top_end(layout: Layout) -> int:
    """Where the report's top ends: its headline, else the first body paragraph."""
    return layout.title_line if layout.title_line is not None else layout.header_end


def _heading_publisher(layout: Layout) -> Found | None:
    """An outlet or monitor name heading the report (not a site masthead among chrome), alone
    on its line or before the date ("EMHR | 14 September 2021")."""
    top = layout.lines[:_top_end(layout)]
    dated = {h.line for h in layout.header_dates}
    heading = [ln for ln in top if ln.kind == "body" and ln.index not in dated]
    heading += [ln for ln in top if ln.kind == "body" and ln.index in dated]
    for ln in heading:
        name = _publisher_line(ln.text)
        if name and name.lower() not in _SECTIONS:
            return name, ln.index, ln.text
    return None


def _dateline_publisher(layout: Layout) -> Found | None:
    """The agency of a wire dateline "PALMYRA, Syria, Aug 18 (Levant Wire) -"."""
    for ln in [ln for ln in layout.lines if ln.kept][:12]:
        m = _DATELINE.match(ln.text)
        if m:
            return m["agency"].strip(), ln.index, ln.text
    return None


def _closing_publisher(layout: Layout) -> Found | None:
    """A closing line: "Source » almashareq", "- IranWire", "(Reporting by Levant Wire; ...)"."""
    for ln in reversed([ln for ln in layout.lines if ln.kept][-4:]):
        for rx in (_SOURCE_LINE, _DASH_LINE, _REPORTING, _AGENCIES):
            m = rx.match(ln.text)
            if m:
                return _BUREAU.sub("", m["name"].strip()).strip(), ln.index, ln.text
    return None


def _copyright_publisher(layout: Layout) -> Found | None:
    """The owner named on the copyright line (dropped as chrome)."""
    for ln in layout.lines:
        if ln.kind == "chrome" and ln.reason == "copyright":
            m = _COPYRIGHT_NAME.match(ln.text)
            if m and m["name"].strip() and not m["name"].lower().startswith(_NOT_COPYRIGHT_NAMES):
                return m["name"].strip(), ln.index, ln.text
    return None


def _staff_publisher(layout: Layout) -> Found | None:
    """An outlet's staff byline: "By Levant Wire staff"."""
    for ln in layout.lines[:layout.header_end]:
        m = BYLINE.match(ln.text) if ln.kept else None
        if m and _STAFF.search(m["name"]):
            return _STAFF.sub("", m["name"]).strip(), ln.index, ln.text
    return None


def _masthead_publisher(layout: Layout) -> Found | None:
    """An all-capitals site name above the headline (dropped as chrome)."""
    for ln in layout.lines[:_top_end(layout)]:
        if ln.reason == "masthead" and not ln.text.lower().startswith(_NOT_MASTHEAD_NAMES):
            return _capitalise(ln.text), ln.index, ln.text
    return None


# The places a text names its publisher, most telling first.
_PUBLISHER_STEPS = (_heading_publisher, _dateline_publisher, _closing_publisher, _copyright_publisher,
                    _staff_publisher, _masthead_publisher)


PUBLISHER_MAX_CHARS = 80   # an outlet's name is short: a longer "name" is a line of text (or one endless word)


def _find_publisher(layout: Layout) -> Found | None:
    """Publisher from the text: (name, line index, line text)."""
    return next((found for step in _PUBLISHER_STEPS
                 if (found := step(layout)) is not None and len(found[0]) <= PUBLISHER_MAX_CHARS), None)


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
        # "Date: 2021-02-31" is no date: the line is passed over, never taken as publication
        value = parse_date(m["date"]) if m else None
        if m and value:
            span = layout.span(ln.index, m.start(), m.end())
            meta.date_hints.append(_hint(value, "date-line", True, m.group(0), span))
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
    hint = _dateline_hint(layout, year)
    if hint is not None:
        meta.date_hints.append(hint)
    return meta


def _dateline_hint(layout: Layout, year: int | None) -> DateHint | None:
    """The date of the first wire dateline that gives month and day: in its own year ("May 5, 2020"),
    else in `year` (none without one)."""
    for ln in [ln for ln in layout.lines if ln.kept][:12]:
        m = _DATELINE.match(ln.text)
        if not m or not m["md"]:
            continue
        month_day = parse_month_day(m["md"])
        own = int(m["year"]) if m["year"] else year
        if not month_day or own is None:
            return None
        value = make_date(own, *month_day)   # None for "Feb 29" in a common year
        if value is None:
            return None
        end = m.end("year") if m["year"] else m.end("md")
        span = layout.span(ln.index, m.start("md"), end)
        return _hint(value, "dateline", True, ln.text[m.start("md"):end], span)
    return None


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
        rank.get(h.origin, len(rank)), h.text.lower().startswith(_UPDATE_LABELS)))


def publisher_source(name: str, text: str = "", span: tuple[int, int] | None = None) -> Source:
    """The publisher as a Source record."""
    start, end = span if span else (None, None)
    return Source(name=name, role="publisher", text=text if span else "", start=start, end=end)
