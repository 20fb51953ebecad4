"""Read report files (text, Markdown, HTML, JSON, JSON Lines, RSS/Atom) into Report records.

Bad input never raises out of `read_paths`: each unreadable file, line or feed item becomes a
`Problem` naming it, what went wrong and how to fix it, and the batch goes on.
"""
from __future__ import annotations

import errno
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import lxml.etree as etree
import lxml.html
import trafilatura

from conflictscope.dates import parse_date
from conflictscope.ingest.decode import decode
from conflictscope.ingest.clean import CAPTION_MARK, analyse, markdown_to_text
from conflictscope.ingest.identity import STDIN, report_id, report_identity
from conflictscope.ingest.language import detect_language
from conflictscope.ingest.metadata import TextMetadata, choose_published, extract_text_metadata, publisher_source
from conflictscope.models import DateHint, Problem, Report, Source

STAGE = "ingest"
FORMATS = {
    ".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html",
    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".xml": "rss", ".rss": "rss",
    ".atom": "rss",
}
SIDECAR_SUFFIX = ".meta.json"
DEFAULT_MAX_BYTES = 5_000_000
_META_KEYS = ("url", "title", "source", "published")


@dataclass(frozen=True)
class Given:
    """Metadata stated outside the report text, and where it was stated."""

    origin: str                   # "json" | "meta" | "sidecar" | "flag"
    url: str | None = None
    title: str | None = None
    source: str | None = None
    published: str | None = None
    byline: str | None = None


# --- public API -------------------------------------------------------------------------------

def read_paths(
    paths: Iterable[str | Path],
    *,
    source: str | None = None,
    published: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Report | Problem]:
    """Read files, folders (recursively, sorted) and "-" (stdin) into reports or problems.

    Args:
        paths: files, folders or "-".
        source, published: publisher and publication date to assume where a file gives none.
        max_bytes: larger files are refused with a Problem.
    """
    flags = Given("flag", source=_str(source), published=_str(published))
    for item in paths:
        if str(item) == "-":
            data = sys.stdin.buffer.read(max_bytes + 1)
            if len(data) > max_bytes:
                yield _too_big("-", len(data), max_bytes)
                continue
            yield from _guarded("-", lambda: _read_bytes(data, "-", "-", _sniff(data), None, flags,
                                                         address=STDIN))
            continue
        path = Path(item)
        if path.is_dir():
            found = 0
            for found, file in enumerate(_walk(path), start=1):
                yield from _read_file(file, flags, max_bytes, file.relative_to(path).as_posix())
            if not found:
                yield _no_reports(path)
        elif path.is_file() or path.is_symlink():
            yield from _read_file(path, flags, max_bytes, path.name)
        else:
            yield Problem(str(path), STAGE, f"{path}: no such file or folder. Check the path and try again.")


def count_report_files(paths: Iterable[str | Path]) -> int:
    """How many files `read_paths` will read for these paths ("-" counts one), listed, not read."""
    count = 0
    for item in paths:
        path = Path(item)
        count += sum(1 for _ in _walk(path)) if str(item) != "-" and path.is_dir() else 1
    return count


def read_text(
    text: str,
    *,
    name: str,
    fmt: str = "txt",
    url: str | None = None,
    title: str | None = None,
    source: str | None = None,
    published: str | None = None,
) -> Report | Problem:
    """Build one report from in-memory text ("txt", "md", "html" or a "json" object).

    Metadata passed here is treated like metadata stated in a file (origin "meta").
    """
    given = Given("meta", url=_str(url), title=_str(title), source=_str(source), published=_str(published))
    if not isinstance(text, str) or not text.strip():
        return Problem(name, STAGE, f"{name}: the text is empty or whitespace only. Pass the report text.")
    if fmt in ("json", "jsonl", "rss"):
        results = list(_read_decoded(text, text.encode("utf-8", "surrogatepass"), name, name, fmt,
                                     [given], [], name))
        if len(results) != 1:
            return Problem(name, STAGE, f"{name}: {fmt} input holds {len(results)} reports; "
                                        "read_text takes one. Use read_paths for collections.")
        return results[0]
    return build_report(text, name=name, path=name, fmt=fmt if fmt in ("txt", "md", "html") else "txt",
                        given=[given])


# --- building a report ------------------------------------------------------------------------

def build_report(
    text: str,
    *,
    name: str,
    path: str,
    fmt: str,
    given: list[Given],
    warnings: list[Problem] | None = None,
    address: str | None = None,
    record: str | None = None,
) -> Report | Problem:
    """Clean one decoded report and fill its metadata; a Problem when no text is left.

    Args:
        address: where the report lives (`ingest.identity`); `name` when not given.
        record: the record's own id or position inside a multi-record file.
    """
    problems = list(warnings or [])
    body = _body_text(text, fmt)
    if body is None:
        return Problem(path, STAGE, f"{name}: the HTML yields no text (no paragraphs outside "
                                    "scripts, menus and markup). Check that the file is the article "
                                    "page, not a redirect or an empty shell.")
    body_text, html_meta = body
    known_title = next((g.title for g in given if g.origin != "flag" and g.title), None)
    if html_meta and html_meta.title:
        known_title = known_title or html_meta.title
    layout = analyse(body_text, known_title=known_title)
    if not layout.text.strip():
        return Problem(path, STAGE, f"{name}: no report text is left after removing page boilerplate "
                                    "(menus, share buttons, footers). Check that the file holds the article.")

    stated = [g for g in given if g.origin != "flag"] + ([html_meta] if html_meta else [])
    flags = [g for g in given if g.origin == "flag"]
    hints = _given_date_hints(stated, name, path, problems)
    trusted_year = int(hints[0].value[:4]) if hints else None
    meta = extract_text_metadata(layout, trusted_year=trusted_year)
    hints.extend(meta.date_hints)
    hints.extend(_given_date_hints(flags, name, path, problems))
    chosen = choose_published(hints)

    url = next((g.url for g in stated if g.url), None) or next((g.url for g in flags if g.url), None)
    publisher, sources = _publisher(stated, flags, meta)
    title = meta.title or next((g.title for g in stated if g.title), None)
    identity = report_identity(url, name if address is None else address, record)
    return Report(
        id=report_id(identity, layout.text),
        identity=identity,
        text=layout.text,
        source_file=name,
        path=path,
        url=url,
        title=title,
        publisher=publisher,
        byline=next((g.byline for g in stated if g.byline), None) or meta.byline,
        published=chosen.value if chosen else None,
        published_origin=chosen.origin if chosen else None,
        date_hints=hints,
        language=detect_language(layout.text),
        blocks=layout.blocks,
        sources=sources,
        raw_format=fmt,
        problems=problems,
    )


def _body_text(text: str, fmt: str) -> tuple[str, Given | None] | None:
    """The plain text of a report and, for HTML, the page's metadata; None when HTML has no text."""
    if fmt == "html":
        return html_to_text(text)
    if fmt == "md":
        return markdown_to_text(text), None
    return text, None


def _given_date_hints(given: list[Given], name: str, path: str, problems: list[Problem]) -> list[DateHint]:
    """Trusted hints from publication dates stated outside the text; a warning for each that is no date."""
    hints: list[DateHint] = []
    for g in given:
        if not g.published:
            continue
        value = parse_date(g.published)
        if value:
            hints.append(DateHint(value=value, origin=g.origin, trusted=True, text=g.published))
            continue
        what = "--published" if g.origin == "flag" else f"the {g.origin} publication date"
        problems.append(Problem(path, STAGE, f"{name}: {what} {g.published!r} is not a date; it was "
                                "ignored. Give it as YYYY-MM-DD.", severity="warning"))
    return hints


def _publisher(stated: list[Given], flags: list[Given], meta: TextMetadata) -> tuple[str | None, list[Source]]:
    """The publisher (stated in the file, else found in the text, else assumed by flag) and its Source."""
    given_publisher = next((g.source for g in stated if g.source), None)
    publisher = given_publisher or meta.publisher or next((g.source for g in flags if g.source), None)
    if not publisher:
        return publisher, []
    from_text = publisher == meta.publisher and not given_publisher
    return publisher, [publisher_source(publisher, meta.publisher_text if from_text else "",
                                        meta.publisher_span if from_text else None)]


# --- HTML -------------------------------------------------------------------------------------

_BLOCK_TAGS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section",
               "article", "header", "footer", "blockquote", "figure", "figcaption", "pre", "ul", "ol")
_IMAGE_LINE = re.compile(r"^!\[(?P<alt>[^\]]*)\]\([^)]*\)\s*$")
# characters lxml refuses in text it is given to set (a tail, an attribute); character references
# such as &#x1b; put them in a parsed tree
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def html_to_text(html: str) -> tuple[str, Given] | None:
    """Main text of an HTML page (trafilatura) with captions marked, plus its metadata."""
    try:
        tree = _xml_safe(lxml.html.fromstring(html))
    except (etree.ParserError, ValueError):
        return None
    if not isinstance(tree.tag, str):   # a page that is only a comment or a processing instruction
        return None
    # Figure captions become the image's alt text, so trafilatura keeps them as image lines.
    for figure in tree.iter("figure"):
        captions = [c.text_content().strip() for c in figure.iter("figcaption")]
        caption = " ".join(c for c in captions if c)
        if caption:
            for img in figure.iter("img"):
                img.set("alt", caption)
            for fc in list(figure.iter("figcaption")):
                fc.drop_tree()
    page = lxml.html.tostring(tree, encoding="unicode")
    doc = trafilatura.bare_extraction(
        page, with_metadata=True, include_images=True, include_comments=False, include_tables=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    meta = Given("meta")
    text = ""
    if doc is not None:
        meta = Given("meta", url=_str(doc.url), title=_str(doc.title), source=_str(doc.sitename),
                     published=_str(doc.date), byline=_str(doc.author))
        text = doc.text or ""
    if not text.strip():
        text = _plain_html_text(tree)
    paragraphs = []
    for line in text.split("\n"):
        image = _IMAGE_LINE.match(line.strip())
        if image:
            if image["alt"].strip():
                paragraphs.append(CAPTION_MARK + image["alt"].strip())
        elif line.strip():
            paragraphs.append(line.strip())
    if not paragraphs:
        return None
    return "\n\n".join(paragraphs), meta


def _xml_safe(tree: Any) -> Any:
    """The tree with characters lxml would refuse to set again (control characters) made spaces.

    Character references such as &#x1b; put them in a parsed tree, and moving text about (a
    caption into alt, a dropped script's tail into its parent) would then raise.
    """
    for element in tree.iter():
        for part in ("text", "tail"):
            value = getattr(element, part)
            if isinstance(value, str) and _NOT_XML.search(value):
                setattr(element, part, _NOT_XML.sub(" ", value))
        for key, value in element.attrib.items():
            if _NOT_XML.search(value):
                element.set(key, _NOT_XML.sub(" ", value))
    return tree


def _plain_html_text(tree: Any) -> str:
    """All visible text of an HTML tree, one line per block element."""
    for bad in tree.xpath("//script|//style|//noscript|//template|//head"):
        bad.drop_tree()
    for element in tree.iter(*_BLOCK_TAGS):
        element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in tree.text_content().split("\n"))
    return "\n".join(line for line in lines if line)


# --- files and bytes --------------------------------------------------------------------------

def _walk(folder: Path) -> Iterator[Path]:
    """Report files under a folder, recursively, each folder's names sorted (the order of the paths'
    parts); hidden files, sidecars and linked folders skipped. A folder is listed as it is reached,
    so 50,000 reports hold 50,000 names, not paths. A link that leads nowhere (a loop, a missing
    target) is kept, so that reading it says so."""
    try:
        names = sorted(name for name in os.listdir(folder) if not name.startswith("."))
    except PermissionError:
        return
    for path in (folder / name for name in names):
        if path.is_dir() and not path.is_symlink():
            yield from _walk(path)
        elif ((path.is_file() or _broken_link(path)) and not path.name.endswith(SIDECAR_SUFFIX)
              and path.suffix.lower() in FORMATS):
            yield path


def _broken_link(path: Path) -> bool:
    return path.is_symlink() and not path.exists()


def _no_reports(folder: Path) -> Problem:
    """The problem of a folder that holds no report file: what was looked for and how to fix it."""
    others = sum(1 for p in folder.rglob("*") if p.is_file())
    suffixes = ", ".join(sorted(set(FORMATS)))
    seen = f"its {others} file(s) have none of the report suffixes" if others else "it holds no files"
    return Problem(str(folder), STAGE, f"{folder}: no reports found ({seen}: {suffixes}; hidden files "
                                       "and *.meta.json sidecars are skipped). Check the path, or rename "
                                       "the reports with one of these suffixes.")


def _unreadable(path: Path, err: OSError) -> Problem:
    """Why a file cannot be read, in words: a link loop, a link to nothing, permissions."""
    if err.errno == errno.ELOOP:
        what = ("is a symbolic link loop (it leads, through links, back to itself). Remove the link "
                "or point it at a report file")
    elif err.errno == errno.ENOENT and path.is_symlink():
        what = (f"is a symbolic link to {path.readlink()}, which does not exist. Remove the link or "
                "restore its target")
    else:
        what = f"cannot be read ({err.strerror or err}). Check the file permissions"
    return Problem(str(path), STAGE, f"{path}: {what}.")


def _read_file(path: Path, flags: Given, max_bytes: int, address: str) -> Iterator[Report | Problem]:
    name = path.name
    try:
        size = path.stat().st_size
        if size > max_bytes:
            yield _too_big(str(path), size, max_bytes)
            return
        data = path.read_bytes()
    except OSError as err:
        yield _unreadable(path, err)
        return
    fmt = FORMATS.get(path.suffix.lower(), "txt")
    sidecar, sidecar_problem = _read_sidecar(path)
    warnings = [sidecar_problem] if sidecar_problem else []
    yield from _guarded(str(path), lambda: _read_bytes(data, name, str(path), fmt, sidecar, flags, warnings,
                                                       address))


def _guarded(path: str, read: Any) -> Iterator[Report | Problem]:
    """Run one file's reader; an unexpected failure becomes a Problem so the batch goes on."""
    try:
        yield from read()
    except RecursionError:
        yield Problem(path, STAGE, f"{path}: is nested too deeply to be read as a report (thousands of "
                                   "elements inside one another). Flatten the file, or give the report "
                                   "text as .txt.")
    except Exception as err:  # a bug must not stop a batch; it is reported with the file
        yield Problem(path, STAGE, f"{path}: could not be read because of an internal error "
                                   f"({type(err).__name__}: {err}). Please report it with the file.")


def _read_sidecar(path: Path) -> tuple[Given | None, Problem | None]:
    """Metadata from NAME.meta.json (or STEM.meta.json) beside a report file."""
    for candidate in (path.with_name(path.name + SIDECAR_SUFFIX), path.with_name(path.stem + SIDECAR_SUFFIX)):
        if candidate == path or not candidate.is_file():
            continue
        try:
            data = json.loads(candidate.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError) as err:
            why = "nested too deeply" if isinstance(err, RecursionError) else str(err)
            return None, Problem(str(path), STAGE, f"{candidate}: sidecar metadata ignored, it is not "
                                 f"readable JSON ({why}). Fix it or remove it.", severity="warning")
        if not isinstance(data, dict):
            return None, Problem(str(path), STAGE, f"{candidate}: sidecar metadata ignored, it must be "
                                 "a JSON object with url/title/source/published.", severity="warning")
        return Given("sidecar", **{k: _str(data.get(k)) for k in _META_KEYS}), None
    return None, None


def _sniff(data: bytes) -> str:
    """Guess the format of stdin from its first bytes."""
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:512].lower()
    if head.startswith((b"{", b"[")):
        lines = [ln for ln in data.splitlines() if ln.strip()]
        return "jsonl" if len(lines) > 1 and all(ln.strip().startswith(b"{") for ln in lines) else "json"
    if head.startswith(b"<"):
        return "rss" if (b"<rss" in head or b"<feed" in head or b"<rdf" in head) else "html"
    return "txt"


def _too_big(path: str, size: int, max_bytes: int) -> Problem:
    """The refusal of a file over the size limit, with the option that raises the limit."""
    if path == "-":   # stdin is read only up to the limit, so its size is not known
        what, enough = f"standard input holds more than {max_bytes:,} bytes, the limit", max_bytes * 10
    else:
        what, enough = f"the file is {size:,} bytes, over the limit of {max_bytes:,}", size
    return Problem(path, STAGE, f"{path}: {what}. Split it into smaller files, or raise the limit "
                                f"(conflictscope ingest --max-bytes {enough}; max_bytes= in read_paths).")


def _read_bytes(data: bytes, name: str, path: str, fmt: str, sidecar: Given | None, flags: Given,
                warnings: list[Problem] | None = None, address: str = STDIN) -> Iterator[Report | Problem]:
    decoded = decode(data, path)
    if isinstance(decoded, Problem):
        yield decoded
        return
    text, decode_warnings = decoded
    if not text.strip():
        yield Problem(path, STAGE, f"{path}: the file is empty or whitespace only. Remove it or add the "
                                   "report text.")
        return
    given = ([sidecar] if sidecar else []) + [flags]
    yield from _read_decoded(text, data, name, path, fmt, given, (warnings or []) + decode_warnings, address)


def _read_decoded(text: str, data: bytes, name: str, path: str, fmt: str, given: list[Given],
                  warnings: list[Problem], address: str) -> Iterator[Report | Problem]:
    if fmt == "json":
        yield from _read_json(text, name, path, given, warnings, address)
    elif fmt == "jsonl":
        yield from _read_jsonl(text, name, path, given, warnings, address)
    elif fmt == "rss":
        yield from _read_feed(data, name, path, given, warnings, address)
    else:
        yield build_report(text, name=name, path=path, fmt=fmt, given=given, warnings=warnings, address=address)


# --- JSON, JSON Lines, feeds ------------------------------------------------------------------

def _str(value: Any) -> str | None:
    """A metadata value as a stripped string, None when absent or empty."""
    if value is None or isinstance(value, (dict, list)):
        return None
    text = str(value).strip()
    return text or None


def _from_object(obj: Any, name: str, path: str, given: list[Given], warnings: list[Problem],
                 where: str, container: str, address: str, position: int | None = None) -> Report | Problem:
    if not isinstance(obj, dict):
        return Problem(path, STAGE, f"{path}{where}: expected a JSON object with a \"text\" field, "
                                    f"found {type(obj).__name__}. Wrap each report as {{\"text\": ...}}.")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        return Problem(path, STAGE, f"{path}{where}: the object has no \"text\" string (or it is empty). "
                                    "Add the report text under the key \"text\".")
    stated = Given("json", url=_str(obj.get("url")), title=_str(obj.get("title")),
                   source=_str(obj.get("source")), published=_str(obj.get("published")),
                   byline=_str(obj.get("author") or obj.get("byline")))
    fmt = "html" if str(obj.get("format", "")).lower() == "html" else "txt"
    own_id = obj.get("id")
    record = _str(own_id) if isinstance(own_id, (str, int)) and not isinstance(own_id, bool) else None
    report = build_report(text, name=name, path=path, fmt=fmt, given=[stated] + given, warnings=warnings,
                          address=address, record=record or (str(position) if position else None))
    return replace(report, raw_format=container) if isinstance(report, Report) else report


def _read_json(text: str, name: str, path: str, given: list[Given],
               warnings: list[Problem], address: str) -> Iterator[Report | Problem]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        yield Problem(path, STAGE, f"{path}: malformed JSON at line {err.lineno}, column {err.colno}: "
                                   f"{err.msg}. Fix the JSON (check it with `python -m json.tool {name}`).")
        return
    if data == []:
        yield Problem(path, STAGE, f"{path}: holds an empty JSON list, so no reports. Put report objects "
                                   "({\"text\": ...}) in the list, or remove the file.")
    elif isinstance(data, list):
        for n, obj in enumerate(data, 1):
            yield _from_object(obj, f"{name}#{n}", path, given, warnings, f" item {n}", "json", address, n)
    else:
        yield _from_object(data, name, path, given, warnings, "", "json", address)


def _read_jsonl(text: str, name: str, path: str, given: list[Given],
                warnings: list[Problem], address: str) -> Iterator[Report | Problem]:
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            yield Problem(f"{path}#{n}", STAGE, f"{path}: line {n} is not valid JSON (column {err.colno}: "
                                                f"{err.msg}); the other lines were read. Fix that line.")
            continue
        except RecursionError:
            yield Problem(f"{path}#{n}", STAGE, f"{path}: line {n} is nested too deeply to be a report; "
                                                "the other lines were read. Fix that line.")
            continue
        yield _from_object(obj, f"{name}#{n}", path, given, warnings, f" line {n}", "jsonl", address, n)


def _child_text(element: Any, *names: str) -> str | None:
    for tag in names:
        found = element.find(tag)
        if found is not None:
            value = (found.text or "").strip() or (found.get("href") or "").strip()
            if value:
                return value
    return None


def _atom_link(entry: Any) -> str | None:
    links = entry.findall("{*}link")
    for link in links:
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link.get("href").strip()
    for link in links:
        if (link.text or "").strip():
            return link.text.strip()
    return None


def _read_feed(data: bytes, name: str, path: str, given: list[Given],
               warnings: list[Problem], address: str) -> Iterator[Report | Problem]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data.lstrip(), parser)
    except etree.XMLSyntaxError as err:
        line, column = err.position if err.position else (0, 0)
        yield Problem(path, STAGE, f"{path}: malformed XML at line {line}, column {column}: {err.msg}. "
                                   "Fix the feed file (it must be RSS or Atom).")
        return
    kind = etree.QName(root).localname.lower()
    if kind == "feed":
        channel_title = _child_text(root, "{*}title")
        items = root.findall("{*}entry")
    elif kind in ("rss", "rdf"):
        channel = root.find("{*}channel")
        channel_title = _child_text(channel, "{*}title") if channel is not None else None
        items = root.findall(".//{*}item")
    else:
        yield Problem(path, STAGE, f"{path}: is XML but not an RSS or Atom feed (root element <{kind}>). "
                                   "Give feeds as RSS/Atom, or the article as .html or .txt.")
        return
    if not items:
        yield Problem(path, STAGE, f"{path}: the feed has no items, so no reports. Check that it is the "
                                   "feed you meant, or remove the file.")
    for n, item in enumerate(items, 1):
        item_name = f"{name}#{n}"
        title = _child_text(item, "{*}title")
        body = _child_text(item, "{*}encoded", "{*}content", "{*}description", "{*}summary") or ""
        url = _atom_link(item) if kind == "feed" else _child_text(item, "{*}link", "{*}guid")
        published = _child_text(item, "{*}pubDate", "{*}published", "{*}date", "{*}updated")
        text = _fragment_text(body)
        if title and not text.startswith(title):
            text = f"{title}\n\n{text}" if text else title
        if not text.strip():
            yield Problem(f"{path}#{n}", STAGE, f"{path}: feed item {n} has no title or text. "
                                                "Check the feed, or skip the item.")
            continue
        stated = Given("meta", url=url, title=title, source=channel_title, published=published)
        record = _child_text(item, "{*}guid", "{*}id") or str(n)
        report = build_report(text, name=item_name, path=path, fmt="txt", given=[stated] + given,
                              warnings=warnings, address=address, record=record)
        if isinstance(report, Report):
            report = replace(report, raw_format="rss")
        yield report


def _fragment_text(markup: str) -> str:
    """Plain text of an HTML fragment (feed descriptions), one paragraph per block."""
    if not markup.strip():
        return ""
    if "<" not in markup:
        return markup.strip()
    try:
        tree = _xml_safe(lxml.html.fragment_fromstring(markup, create_parent="div"))
    except (etree.ParserError, ValueError):
        return markup.strip()
    return _plain_html_text(tree).replace("\n", "\n\n")
