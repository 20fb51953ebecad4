"""Boilerplate removal for plain text: drop web chrome lines, mark captions, find the headline.

The input is the text of one report (already decoded, or extracted from HTML). Each line is
classified; chrome lines are dropped and the rest joined into the cleaned text, whose offsets
every later stage uses. Header dates are judged here too, because a date in the page chrome
(the day the page was viewed) is dropped with the chrome.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from conflictscope.dates import DateMatch, match_date_segment
from conflictscope.ingest.language import arabic_share, detect_language
from conflictscope.lexicon import section
from conflictscope.models import Block

# Readers put this before a line they know is an image caption (HTML figcaption / alt text).
CAPTION_MARK = "\ue000"

# Separators and list marks are structure; every pattern that reads words is a named entry of
# the "clean" section of data/lexicon/ingest.json.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029\ue000]")
_SEGMENTS = re.compile(r"\s*[|•·]\s*|\s{3,}")
_MENU_SPLIT = re.compile(r"\s*[|•·]\s*|\s{2,}")
_LIST_ITEM = re.compile(r"^(?:>|-|•|\*|–|—|\d+[.)])\s")

_LEX = section("clean", "ingest")
_CHROME = _LEX.rx("chrome_line")
_COPYRIGHT = _LEX.rx("copyright_start")
_RIGHTS = _LEX.rx("rights_reserved")
_WEATHER = _LEX.rx("weather")
_CURRENCY = _LEX.rx("exchange_rate")
_BREADCRUMB = _LEX.rx("breadcrumb")
_TICKER = _LEX.rx("ticker")
_RELATED_HEAD = _LEX.rx("related_heading")
_RELATED_INLINE = _LEX.rx("related_inline")
_CHECK_ALSO = _LEX.rx("check_also")
BYLINE = _LEX.rx("byline")
_CAPTION = _LEX.rx("caption")
_CREDIT = _LEX.rx("photo_credit")


@dataclass
class Line:
    """One line of the report: its stripped text, what it is, and where it lands in the text."""

    index: int
    text: str
    kind: str = "body"            # blank | body | title | caption | chrome
    reason: str = ""              # why a chrome line was dropped
    start: int | None = None      # offset of the line in the cleaned text; None when dropped

    @property
    def kept(self) -> bool:
        return self.kind not in ("blank", "chrome")


@dataclass(frozen=True)
class HeaderDate:
    """A full date in the report header, judged as publication date or page chrome."""

    line: int
    match: DateMatch              # span relative to the line text
    chrome: bool


@dataclass
class Layout:
    """The cleaned text with its lines, blocks, headline and header dates."""

    text: str
    lines: list[Line]
    blocks: list[Block]
    header_end: int               # index of the first body paragraph line (len(lines) if none)
    title_line: int | None
    title: str | None
    header_dates: list[HeaderDate] = field(default_factory=list)

    def span(self, line: int, start: int, end: int) -> tuple[int, int] | None:
        """Offsets in the cleaned text of a span of one line, None when the line was dropped."""
        base = self.lines[line].start
        return None if base is None else (base + start, base + end)


def normalise_text(raw: str) -> str:
    """Unicode NFC, "\\n" newlines, no control characters, no-break spaces as spaces."""
    text = unicodedata.normalize("NFC", raw).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\ufeff", "").replace("\t", " ")
    return _CONTROL.sub("", text)


_MD_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$")
_MD_IMAGE_LINE = re.compile(r"^!\[(?P<alt>[^\]]*)\]\([^)]*\)\s*$")
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)\s]+(?:\s+\"[^\"]*\")?\)")
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")


def markdown_to_text(text: str) -> str:
    """Strip Markdown syntax: headings, links, emphasis; image lines become caption lines."""
    out = []
    for line in text.split("\n"):
        image = _MD_IMAGE_LINE.match(line.strip())
        if image:
            alt = image["alt"].strip()
            out.append(CAPTION_MARK + alt if alt else "")
            continue
        heading = _MD_HEADING.match(line)
        if heading:
            line = heading.group(1)
        line = _MD_IMAGE.sub("", line)
        line = _MD_LINK.sub(r"\1", line)
        out.append(_MD_STRONG.sub(r"\2", line))
    return "\n".join(out)


def _words(text: str) -> int:
    return len(text.split())


def segments(text: str) -> list[tuple[int, str]]:
    """Split a header line into (offset, segment) at "|", bullets and wide gaps."""
    out, pos = [], 0
    for m in _SEGMENTS.finditer(text):
        if m.start() > pos:
            out.append((pos, text[pos:m.start()]))
        pos = m.end()
    if pos < len(text):
        out.append((pos, text[pos:]))
    return out


def _chrome_segment(segment: str) -> bool:
    """True for a piece of page chrome: menu word, weather, exchange rate, login ..."""
    s = segment.strip()
    return bool(_CHROME.match(s) or _WEATHER.fullmatch(s) or _CURRENCY.fullmatch(s))


def _is_menu(text: str) -> bool:
    """A line of three or more short capitalised items: a site menu."""
    items = [i for i in _MENU_SPLIT.split(text) if i]
    if len(items) < 3 or len(text) > 200:
        return False
    return all(
        _words(i) <= 3 and (i[0].isupper() or _chrome_segment(i)) and not i.endswith(".")
        and not match_date_segment(i) and not any(c.isdigit() for c in i)
        for i in items
    )


def _is_copyright(text: str) -> bool:
    if len(text) > 150:
        return False
    if _RIGHTS.search(text):
        return True
    return bool(_COPYRIGHT.match(text)) and (bool(re.search(r"\d{4}", text)) or _words(text) <= 6)


def chrome_reason(text: str) -> str:
    """Why a single line is web chrome ("" when it is not)."""
    if _words(text) >= 20:
        return ""
    if _CHROME.match(text):
        return "chrome"
    if _is_copyright(text):
        return "copyright"
    if _BREADCRUMB.match(text):
        return "breadcrumb"
    if _is_menu(text):
        return "menu"
    if _RELATED_INLINE.match(text) and _words(text) <= 20:
        return "related"
    parts = segments(text)
    if len(parts) > 1 and all(
        _chrome_segment(s) or match_date_segment(s) for _, s in parts
    ) and any(_chrome_segment(s) for _, s in parts):
        return "chrome"
    return ""


def _is_body_line(text: str) -> bool:
    """A paragraph of running text (where the header ends)."""
    words = _words(text)
    # Headlines may end in "?"; running text ends in a full stop (or a quote after one).
    return words >= 25 or (words >= 12 and text.rstrip()[-1:] in ".!\"”’')")


def _caption(text: str, arabic_report: bool) -> bool:
    if len(text) > 700:
        return False
    if _CAPTION.match(text):
        return True
    credit = _CREDIT.match(text)
    if credit and _words(credit["credit"]) <= 6:
        return True
    # An Arabic-only line inside a report in another language is a photo caption or credit.
    return not arabic_report and len(text) <= 200 and arabic_share(text) > 0.6


def _headline(text: str) -> str | None:
    """The headline a header line carries, or None when it does not look like one."""
    s = re.sub(r"^[•\-*–—]\s*", "", text).strip()
    parts = [p.strip() for p in s.split("|")]
    if len(parts) == 2 and _words(parts[0]) <= 3 and _words(parts[1]) >= 4:
        s = parts[1]
    elif len(parts) > 1:
        return None
    if not s or _words(s) < 3 or len(s) > 250 or s.endswith((":", ".")) or re.search(r"[.!?]\s+\S", s):
        return None   # a headline is one phrase, not sentences
    if not (s[0].isupper() or s[0].isdigit() or s[0] in "\"'“‘"):
        return None
    if _all_caps(s):
        return None
    if _TICKER.match(s) or BYLINE.match(s) or any(match_date_segment(p) for _, p in segments(s)):
        return None
    return s


def _neighbours(lines: list[Line], i: int, step: int, count: int) -> list[Line]:
    """The nearest `count` non-blank lines before (step -1) or after (step 1) line i."""
    out: list[Line] = []
    j = i + step
    while 0 <= j < len(lines) and len(out) < count:
        if lines[j].kind != "blank":
            out.append(lines[j])
        j += step
    return out


def _mark_chrome(lines: list[Line]) -> None:
    """Drop chrome lines, "Related:" lists and everything from "Check Also" on."""
    related = False
    for i, line in enumerate(lines):
        if line.kind == "blank":
            continue
        text = line.text
        if _CHECK_ALSO.match(text):
            for rest in lines[i:]:
                if rest.kind != "blank":
                    rest.kind, rest.reason = "chrome", "check-also"
            return
        previous_blank = i > 0 and lines[i - 1].kind == "blank"
        if related and (not previous_blank or _LIST_ITEM.match(text)) and _words(text) < 30:
            line.kind, line.reason = "chrome", "related"
            continue
        related = False
        if _RELATED_HEAD.match(text):
            line.kind, line.reason, related = "chrome", "related", True
            continue
        reason = chrome_reason(text)
        if reason:
            line.kind, line.reason = "chrome", reason


def _header_dates(lines: list[Line], header_end: int) -> list[tuple[int, DateMatch, bool]]:
    """Full dates on header lines: (line index, match, line holds chrome beside the date)."""
    found = []
    for line in lines[:header_end]:
        if line.kind == "blank":
            continue
        parts = segments(line.text)
        dates = [(off, match_date_segment(s)) for off, s in parts]
        dated = [(off, d) for off, d in dates if d]
        if not dated:
            continue
        others = [s for (_, s), (_, d) in zip(parts, dates) if not d]
        if any(_words(s) > 6 for s in others):
            continue
        with_chrome = any(_chrome_segment(s) for s in others)
        for off, d in dated:
            assert d is not None
            found.append((line.index, DateMatch(d.value, d.label, off + d.start, off + d.end), with_chrome))
    return found


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def analyse(raw: str, *, known_title: str | None = None) -> Layout:
    """Clean one report's text: drop chrome, mark captions and headline, judge header dates.

    Args:
        raw: the report text.
        known_title: a title stated outside the text (JSON, HTML, feed); the line that repeats
            it at the top is the headline.
    """
    lines = _split_lines(raw)
    _mark_chrome(lines)
    header_end = next(
        (ln.index for ln in lines if ln.kind == "body" and _is_body_line(ln.text)), len(lines)
    )
    # The masthead test asks about the chrome found before any header date is judged.
    chrome_before = {ln.index for ln in lines if ln.kind == "chrome"}
    raw_dates = _header_dates(lines, header_end)
    judged = _judge_header_dates(lines, raw_dates)
    title_line, title = _find_title(lines, header_end, known_title)
    top_end = title_line if title_line is not None else header_end
    _mark_masthead(lines, raw_dates, judged, chrome_before, top_end)
    _mark_captions(lines, title_line)
    if title_line is not None:
        lines[title_line].kind = "title"

    cleaned, blocks = _assemble(lines)
    header_dates = [HeaderDate(idx, m, judged[(idx, m.start)]) for idx, m, _ in raw_dates]
    return Layout(cleaned, lines, blocks, header_end, title_line, title, header_dates)


def _split_lines(text: str) -> list[Line]:
    """The lines of a report, normalised and stripped; lines a reader marked are captions."""
    lines: list[Line] = []
    for i, piece in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")):
        marked = piece.startswith(CAPTION_MARK)
        stripped = normalise_text(piece).strip()
        line = Line(i, stripped, "blank" if not stripped else "body")
        if marked and stripped:
            line.kind = "caption"
        lines.append(line)
    return lines


def _judge_header_dates(lines: list[Line], raw_dates: list[tuple[int, DateMatch, bool]]) -> dict[tuple[int, int], bool]:
    """Which header dates are viewing dates (True), keyed by (line, start); their lines become chrome.

    A date beside chrome (on the same line or just under it) is the day the page was viewed,
    unless a label ("Published:") says otherwise.
    """
    judged: dict[tuple[int, int], bool] = {}
    for idx, match, with_chrome in raw_dates:
        labelled = bool(match.label)
        judged[(idx, match.start)] = not labelled and (
            with_chrome or lines[idx].kind == "chrome" or _beside_chrome(lines, idx)
        )
    for idx, match, _ in raw_dates:
        if judged[(idx, match.start)] and lines[idx].kind != "chrome":
            lines[idx].kind, lines[idx].reason = "chrome", "chrome-date"
    return judged


def _find_title(lines: list[Line], header_end: int, known_title: str | None) -> tuple[int | None, str | None]:
    """The headline's line and text: the first body line when it repeats `known_title`, else the
    first header line that looks like a headline and stands alone."""
    first_kept = next((ln for ln in lines if ln.kind == "body"), None)
    if known_title and first_kept is not None and _same(first_kept.text, known_title):
        return first_kept.index, first_kept.text
    body = [ln for ln in lines if ln.kind == "body"]
    for ln in lines[:header_end]:
        if ln.kind != "body" or body == [ln]:
            continue   # the report's only line is its text, not a headline
        headline = _headline(ln.text)
        if headline is None:
            continue
        if not (_alone(lines, ln.index, -1) and _alone(lines, ln.index, 1)):
            continue
        return ln.index, headline
    return None, None


def _mark_masthead(lines: list[Line], raw_dates: list[tuple[int, DateMatch, bool]],
                   judged: dict[tuple[int, int], bool], chrome_before: set[int], top_end: int) -> None:
    """Before the headline, a page whose top carries chrome has a masthead, not an article header:
    its unlabelled dates are viewing dates, and site names and tickers there are chrome too."""
    top_chrome = [ln.index for ln in lines[:top_end] if ln.index in chrome_before]
    if not top_chrome:
        return
    first_chrome = top_chrome[0]
    for idx, match, _ in raw_dates:
        if first_chrome < idx < top_end and not match.label:
            judged[(idx, match.start)] = True
            lines[idx].kind, lines[idx].reason = "chrome", "chrome-date"
    for ln in lines[:top_end]:
        if ln.kind == "body" and (_TICKER.match(ln.text) or _all_caps(ln.text)):
            ln.kind, ln.reason = "chrome", "masthead"


def _mark_captions(lines: list[Line], title_line: int | None) -> None:
    """Mark body lines that are photo captions (the headline never is one)."""
    arabic_report = detect_language(
        "\n".join(ln.text for ln in lines if ln.kind in ("body", "caption"))
    ) in ("ar", "fa")
    for ln in lines:
        if ln.kind == "body" and ln.index != title_line and _caption(ln.text, arabic_report):
            ln.kind = "caption"


def _beside_chrome(lines: list[Line], i: int) -> bool:
    """True when the line above the date (or above a site name above it) is chrome."""
    above = _neighbours(lines, i, -1, 2)
    if above and BYLINE.match(above[0].text):
        return False
    if above and above[0].kind == "chrome":
        return True
    return len(above) == 2 and above[1].kind == "chrome" and _all_caps(above[0].text)


def _all_caps(text: str) -> bool:
    """A short line in capitals only: a site or outlet name."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and _words(text) <= 6


def _alone(lines: list[Line], i: int, step: int) -> bool:
    """True when a blank line (or the edge) separates line i from the next kept line that way."""
    j = i + step
    while 0 <= j < len(lines):
        if lines[j].kind == "blank":
            return True
        if lines[j].kind != "chrome":
            return False
        j += step
    return True


def _assemble(lines: list[Line]) -> tuple[str, list[Block]]:
    """Join the kept lines into the cleaned text; paragraphs stay separated by blank lines."""
    parts: list[str] = []
    pos = 0
    blank_since_last = False
    last: Line | None = None
    blocks: list[Block] = []
    for ln in lines:
        if ln.kind == "blank":
            blank_since_last = True
            continue
        if ln.kind == "chrome":
            continue
        if last is not None:
            sep = "\n\n" if blank_since_last else "\n"
            parts.append(sep)
            pos += len(sep)
        ln.start = pos
        parts.append(ln.text)
        pos += len(ln.text)
        kind = ln.kind
        joined = (
            blocks and kind == "body" and blocks[-1].kind == "body" and not blank_since_last
            and last is not None and last.kind == "body"
        )
        if joined:
            blocks[-1] = Block(blocks[-1].start, pos, "body")
        else:
            blocks.append(Block(ln.start, pos, kind))
        last, blank_since_last = ln, False
    return "".join(parts), blocks
