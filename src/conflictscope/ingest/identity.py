"""Report identity, defined once for the whole project.

A report is its canonical URL where it has one; else its address: the path of its file relative
to the folder given to `ingest` (a file given alone: its name), followed by `#` and the record's
own id or position for a record inside a JSON, JSON Lines or feed file. Text read from standard
input has no address and is identified by its text. The content hash says whether a report
changed; it never decides which report a text is, so an edited file stays the same report and
two copies of one text under different addresses stay two reports.
"""
from __future__ import annotations

import hashlib

STDIN = "-"


def report_identity(url: str | None, address: str, record: str | None = None) -> str:
    """The key that names one report: its URL, "file:ADDRESS[#RECORD]", or "" (stdin: its text).

    Args:
        url: the canonical URL the report states, if any.
        address: the file's path relative to the ingested folder, or its name; "-" for stdin.
        record: the record's own id or its position inside a multi-record file.
    """
    if url and url.strip():
        return url.strip()
    if address == STDIN or not address:
        return ""   # filled from the text by `report_id`; stdin has no address that lasts
    return "file:" + address + (f"#{record}" if record else "")


def report_id(identity: str, text: str) -> str:
    """The report's id: "r-" + 16 hex digits of the SHA-1 of its identity (of its text without one).

    A URL and a text give the ids stores gave them before identity followed the file.
    """
    key = identity or " ".join(text.split()).lower()
    return "r-" + hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def content_hash(text: str) -> str:
    """SHA-1 of the text with whitespace runs collapsed and case folded: equal for the same words."""
    return hashlib.sha1(" ".join(text.split()).lower().encode("utf-8", "surrogatepass")).hexdigest()


def legacy_report_id(url: str | None, text: str) -> str:
    """The id stores made before identity followed the file gave a report: of its URL, else its text."""
    return report_id(url.strip() if url and url.strip() else "", text)
