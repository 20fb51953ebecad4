"""Ingest: read report files and text into cleaned `Report` records with their metadata."""
from conflictscope.dates import parse_date
from conflictscope.ingest.clean import analyse, markdown_to_text, normalise_text
from conflictscope.ingest.language import detect_language
from conflictscope.ingest.identity import content_hash, report_id, report_identity
from conflictscope.ingest.read import FORMATS, count_report_files, decode, html_to_text, read_paths, read_text

__all__ = [
    "FORMATS",
    "analyse",
    "count_report_files",
    "content_hash",
    "decode",
    "detect_language",
    "html_to_text",
    "markdown_to_text",
    "normalise_text",
    "parse_date",
    "read_paths",
    "read_text",
    "report_id",
    "report_identity",
]
