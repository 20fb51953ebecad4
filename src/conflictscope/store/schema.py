"""The store's schema, one SQLAlchemy Core `MetaData` for SQLite and PostgreSQL.

Machine output (reports, claims, evidence, mentions, presence) is replaced when a report is
re-coded; human decisions, the change log and problems are never touched by re-coding. An event
row is the combined view of its claims (one per report that mentions it); an event no longer
claimed by any report keeps its row with `deleted_at` set, so decisions about it stay attached.

Offsets are named `span_start` / `span_end` (not `start` / `end`) so the tables read well in
plain SQL, where END is a keyword. Times are ISO 8601 UTC strings: they sort and compare as text
on every backend. A NUL character (U+0000), which PostgreSQL cannot store, is stored as U+FFFD
on every backend, so character offsets stay valid and both backends hold the same data.
Integer columns are 32-bit (PostgreSQL INTEGER); row ids are 64-bit.

This module describes the current schema; the migrations in `migrations/` build it, and a test
checks that the two agree. A schema change is a new revision there, never an edit of an old one.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
)

def without_nul(value: Any) -> Any:
    """A string with NUL (U+0000) as U+FFFD: PostgreSQL cannot store NUL; offsets stay valid."""
    return value.replace("\x00", "\ufffd") if isinstance(value, str) and "\x00" in value else value


class _NulFree(TypeDecorator[str]):
    def process_bind_param(self, value: Any, dialect: Any) -> Any:
        return without_nul(value)


class Str(_NulFree):
    """A short string column; NUL is stored as U+FFFD on every backend, so both behave alike."""

    impl = String
    cache_ok = True


class LongText(_NulFree):
    """A text column; NUL is stored as U+FFFD on every backend, so both behave alike."""

    impl = Text
    cache_ok = True


# Row ids of the busy tables may pass 2**31 on PostgreSQL; SQLite needs INTEGER to autoincrement.
BIG_ID = BigInteger().with_variant(Integer(), "sqlite")

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


def _report_fk() -> Column:
    return Column(
        "report_id", Str(), ForeignKey("reports.id", ondelete="CASCADE"), nullable=False, index=True
    )


reports = Table(
    "reports",
    metadata,
    Column("id", Str(), primary_key=True),
    Column("text", LongText(), nullable=False),
    Column("source_file", Str(), nullable=False, default=""),
    Column("path", Str(), nullable=False, default=""),
    Column("url", Str()),
    Column("title", LongText()),
    Column("publisher", Str()),
    Column("byline", Str()),
    Column("published", Str()),
    Column("published_origin", Str()),
    Column("language", Str(), nullable=False, default="en"),
    Column("raw_format", Str(), nullable=False, default="txt"),
    Column("coded", Boolean, nullable=False, default=True),
    Column("date_hints", JSON, nullable=False),
    Column("blocks", JSON, nullable=False),
    Column("report_problems", JSON, nullable=False),   # Report.problems, kept with the report
    Column("coding_hash", Str(), nullable=False),      # of the whole CodedReport: skip re-saves
    Column("coder_version", Str(), nullable=False, default=""),
    Column("ingested_at", Str(), nullable=False),
    Column("updated_at", Str(), nullable=False),
    Column("identity", Str(), index=True),         # `ingest.identity`; NULL in rows stored before 0002
    Column("content_hash", Str()),                 # of the normalised text: did the report change
)

report_sources = Table(
    "report_sources",
    metadata,
    Column("id", BIG_ID, primary_key=True, autoincrement=True),
    _report_fk(),
    Column("position", Integer, nullable=False),
    Column("name", Str(), nullable=False),
    Column("role", Str(), nullable=False),
    Column("text", LongText(), nullable=False, default=""),
    Column("span_start", Integer),
    Column("span_end", Integer),
)

# The ACLED columns of an event; each is a field of models.Event of the same name.
EVENT_FIELDS: tuple[str, ...] = (
    "report_id", "source_file", "event_type", "sub_event_type", "disorder_type", "event_date",
    "year", "time_precision", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2",
    "inter2", "interaction", "civilian_targeting", "iso", "region", "country", "admin1",
    "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "place_id",
    "source", "source_scale", "notes", "fatalities", "tags", "background", "caption",
    "confidence", "evidence_text", "evidence_start", "evidence_end", "flags", "explanation",
    "coder_version", "status",
)

events = Table(
    "events",
    metadata,
    Column("id", Str(), primary_key=True),
    Column("report_id", Str(), nullable=False),       # the first report that claimed it
    Column("source_file", Str(), nullable=False, default=""),
    Column("event_type", Str(), nullable=False, index=True),
    Column("sub_event_type", Str(), nullable=False),
    Column("disorder_type", Str(), nullable=False),
    Column("event_date", Str(), index=True),
    Column("year", Integer),
    Column("time_precision", Integer),
    Column("actor1", Str(), nullable=False, default="", index=True),
    Column("assoc_actor_1", Str(), nullable=False, default=""),
    Column("inter1", Integer),
    Column("actor2", Str(), nullable=False, default="", index=True),
    Column("assoc_actor_2", Str(), nullable=False, default=""),
    Column("inter2", Integer),
    Column("interaction", Str(), nullable=False, default=""),
    Column("civilian_targeting", Str(), nullable=False, default=""),
    Column("iso", Integer),
    Column("region", Str(), nullable=False, default=""),
    Column("country", Str(), nullable=False, default=""),
    Column("admin1", Str(), nullable=False, default=""),
    Column("admin2", Str(), nullable=False, default=""),
    Column("admin3", Str(), nullable=False, default=""),
    Column("location", Str(), nullable=False, default="", index=True),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("geo_precision", Integer),
    Column("place_id", Str()),
    Column("source", LongText(), nullable=False, default=""),
    Column("source_scale", Str(), nullable=False, default=""),
    Column("notes", LongText(), nullable=False, default=""),
    Column("fatalities", Integer, nullable=False, default=0),
    Column("tags", LongText(), nullable=False, default=""),
    Column("background", Boolean, nullable=False, default=False),
    Column("caption", Boolean, nullable=False, default=False),
    Column("confidence", Float, nullable=False, default=0.5),
    Column("evidence_text", LongText(), nullable=False, default=""),
    Column("evidence_start", Integer, nullable=False, default=0),
    Column("evidence_end", Integer, nullable=False, default=0),
    Column("flags", JSON, nullable=False),
    Column("explanation", JSON, nullable=False),
    Column("coder_version", Str(), nullable=False, default=""),
    Column("status", Str(), nullable=False, default="machine"),   # as the machine coded it
    Column("first_seen", Str(), nullable=False),
    Column("updated_at", Str(), nullable=False),
    Column("deleted_at", Str()),          # set when no report claims the event any more
)

# One report's own claim about an event: its figures, its wording, and the whole coded Event
# as that report gave it (`coded`), from which the event row is recombined when claims change.
event_claims = Table(
    "event_claims",
    metadata,
    Column("id", BIG_ID, primary_key=True, autoincrement=True),   # claim order: first is primary
    Column("event_id", Str(), ForeignKey("events.id"), nullable=False, index=True),
    _report_fk(),
    Column("fatalities", Integer, nullable=False, default=0),
    Column("evidence_text", LongText(), nullable=False, default=""),
    Column("evidence_start", Integer, nullable=False, default=0),
    Column("evidence_end", Integer, nullable=False, default=0),
    Column("source_file", Str(), nullable=False, default=""),
    Column("coder_version", Str(), nullable=False, default=""),
    Column("coded", JSON, nullable=False),
    Column("first_seen", Str(), nullable=False),
    Column("updated_at", Str(), nullable=False),
    UniqueConstraint("event_id", "report_id"),
)

evidence = Table(
    "evidence",
    metadata,
    Column("id", BIG_ID, primary_key=True, autoincrement=True),
    Column("event_id", Str(), ForeignKey("events.id"), nullable=False, index=True),
    _report_fk(),
    Column("position", Integer, nullable=False),
    Column("field", Str(), nullable=False),
    Column("value", LongText(), nullable=False),
    Column("text", LongText(), nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Column("origin", Str(), nullable=False),
)

mentions = Table(
    "mentions",
    metadata,
    Column("id", BIG_ID, primary_key=True, autoincrement=True),
    _report_fk(),
    Column("position", Integer, nullable=False),
    Column("kind", Str(), nullable=False),
    Column("text", LongText(), nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Column("resolved", Str()),
    Column("origin", Str(), nullable=False, default=""),
    Column("score", Float, nullable=False, default=1.0),
    Column("detail", LongText(), nullable=False, default=""),
    Index(None, "kind", "resolved"),
)

presence = Table(
    "presence",
    metadata,
    Column("id", Str(), nullable=False),
    _report_fk(),
    Column("position", Integer, nullable=False),
    Column("actor", Str(), nullable=False, index=True),
    Column("location", Str(), nullable=False),
    Column("place_id", Str()),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("period_start", Str()),
    Column("period_end", Str()),
    Column("text", LongText(), nullable=False, default=""),
    Column("span_start", Integer, nullable=False, default=0),
    Column("span_end", Integer, nullable=False, default=0),
    Column("origin", Str(), nullable=False, default=""),
    UniqueConstraint("id", "report_id"),
)

affiliation_claims = Table(
    "affiliation_claims",
    metadata,
    Column("id", BIG_ID, primary_key=True, autoincrement=True),
    _report_fk(),
    Column("position", Integer, nullable=False),
    Column("actor", Str(), nullable=False, index=True),
    Column("other_actor", Str(), nullable=False),
    Column("relation", Str(), nullable=False),
    Column("since", Str()),
    Column("until", Str()),
    Column("source", Str(), nullable=False, default=""),
    Column("text", LongText(), nullable=False, default=""),
    Column("span_start", Integer),
    Column("span_end", Integer),
)

# Human decisions: no foreign key, so a decision outlives the event it was made about.
decisions = Table(
    "decisions",
    metadata,
    Column("id", BIG_ID, primary_key=True, autoincrement=True),
    Column("event_id", Str(), nullable=False, index=True),
    Column("action", Str(), nullable=False),     # accept | edit | reject | merge | split
    Column("field", Str()),
    Column("value", JSON),
    Column("note", LongText(), nullable=False, default=""),
    Column("who", Str(), nullable=False, default=""),
    Column("at", Str(), nullable=False),
)

changes = Table(
    "changes",
    metadata,
    Column("id", BIG_ID, primary_key=True, autoincrement=True),
    Column("at", Str(), nullable=False, index=True),
    Column("entity", Str(), nullable=False),     # event | report | presence | decision
    Column("entity_id", Str(), nullable=False),
    Column("action", Str(), nullable=False),     # created | updated | deleted
    Column("detail", JSON, nullable=False),
    Index(None, "entity", "entity_id"),
)

problems = Table(
    "problems",
    metadata,
    Column("id", BIG_ID, primary_key=True, autoincrement=True),
    Column("report_id", Str(), index=True),      # set when saved with a coded report
    Column("report", Str(), nullable=False),     # Problem.report: file name or report id
    Column("stage", Str(), nullable=False),
    Column("message", LongText(), nullable=False),
    Column("severity", Str(), nullable=False, default="error"),
    Column("at", Str(), nullable=False),
)
