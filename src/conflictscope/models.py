"""The records that flow through the pipeline, in one place.

Every record is a dataclass with `to_dict()` / `from_dict()`; the JSON shape of an event is the
same in exports, the CLI and the web UI. Character offsets (`start`, `end`) always index the
stored `Report.text`.
"""
from __future__ import annotations

import dataclasses
import typing
from dataclasses import dataclass, field
from typing import Any, TypeVar

T = TypeVar("T", bound="Record")


class Record:
    """Mixin: a dataclass that round-trips through plain JSON-compatible dicts."""

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)  # type: ignore[call-overload]

    @classmethod
    def from_dict(cls: type[T], data: dict[str, Any]) -> T:
        hints = typing.get_type_hints(cls)
        kwargs: dict[str, Any] = {}
        for f in dataclasses.fields(cls):  # type: ignore[arg-type]
            if f.name not in data:
                continue
            kwargs[f.name] = _revive(hints[f.name], data[f.name])
        return cls(**kwargs)


def _revive(hint: Any, value: Any) -> Any:
    """Rebuild nested records from dicts according to a type hint."""
    if value is None:
        return None
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (list, tuple) and args:
        item = args[0]
        revived = [_revive(item, v) for v in value]
        return tuple(revived) if origin is tuple else revived
    if origin is typing.Union or str(origin) == "types.UnionType":
        for a in args:
            if a is not type(None):
                return _revive(a, value)
    if isinstance(hint, type) and issubclass(hint, Record) and isinstance(value, dict):
        return hint.from_dict(value)
    return value


# --- provenance -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Evidence(Record):
    """Where one coded value came from: the words, their span and the rule or model."""

    field: str            # the coded field: "event_type", "actor1", "location", "event_date" ...
    value: str            # the coded value, as text
    text: str             # the original words in the report
    start: int            # character offsets into Report.text
    end: int
    origin: str           # the rule or model that produced it, e.g. "extract.events.v1:trigger"


@dataclass(frozen=True)
class Problem(Record):
    """Something that went wrong with one report at one stage; never stops a batch."""

    report: str           # file name or report id
    stage: str            # "ingest", "nlp", "resolve.places", ...
    message: str          # what happened and how to fix it
    severity: str = "error"   # "error" (report not stored/coded) or "warning"


# --- reports and sources ----------------------------------------------------------------------

@dataclass(frozen=True)
class Block(Record):
    """A stretch of the cleaned report text: body paragraph, title or image caption."""

    start: int
    end: int
    kind: str = "body"    # "title" | "body" | "caption"


@dataclass(frozen=True)
class DateHint(Record):
    """A candidate publication date found in a report, with where it came from."""

    value: str            # ISO date "2021-03-17"
    origin: str           # "meta" | "json" | "flag" | "sidecar" | "date-line" | "dateline" | "byline" | "chrome"
    trusted: bool         # False for page-chrome dates (the day the page was viewed)
    text: str = ""
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class Source(Record):
    """Who says it: the publisher, an originating source the report cites, or a caveat."""

    name: str
    role: str             # "publisher" | "originating" | "caveat"
    text: str = ""
    start: int | None = None
    end: int | None = None


@dataclass
class Report(Record):
    """One ingested report: cleaned text plus the metadata found for it."""

    id: str                       # stable: hash of `identity` (`ingest.identity`)
    text: str                     # cleaned text; all offsets index this
    source_file: str = ""         # file name the report came from (for scoring and display)
    path: str = ""                # full path or "-" for stdin
    url: str | None = None
    title: str | None = None
    publisher: str | None = None
    byline: str | None = None
    published: str | None = None          # trusted ISO publication date, or None
    published_origin: str | None = None   # DateHint.origin of the trusted date
    date_hints: list[DateHint] = field(default_factory=list)
    language: str = "en"
    blocks: list[Block] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    raw_format: str = "txt"       # "txt" | "md" | "html" | "json" | "jsonl" | "rss"
    problems: list[Problem] = field(default_factory=list)
    identity: str = ""            # URL, "file:ADDRESS[#RECORD]", or "" for stdin (`ingest.identity`)


# --- reference data ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Affiliation(Record):
    """A dated relation between two actors: a unit's parent, a militia's patron."""

    actor: str            # canonical name of the other actor
    relation: str         # "parent" | "patron" | "ally" | "member_of"
    since: str | None = None
    until: str | None = None
    source: str = "registry"   # "registry" or the report id that claims it
    text: str = ""
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class Actor(Record):
    """An actor of the registry, named by ACLED's conventions."""

    name: str                     # canonical ACLED-style name, e.g. "Militia (Pro-Iran)"
    inter: int                    # ACLED inter code 1-8
    country: str | None = None
    description: str = ""
    aliases: tuple[str, ...] = ()
    parent: str | None = None
    affiliations: tuple[Affiliation, ...] = ()
    period: str | None = None     # regime period for state forces, e.g. "2000-2024"
    kind: str = "named"           # "named" | "descriptive" | "generic" (civilians, protesters ...)


@dataclass(frozen=True)
class Place(Record):
    """A gazetteer entry."""

    id: str                       # "ocha:C1001", "geonames:98182", "sup:al-tanf"
    name: str
    lat: float
    lon: float
    country_iso: str              # "SY", "IQ" ...
    country: str = ""
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    alt_names: tuple[str, ...] = ()
    kind: str = "village"         # capital | city | town | village | neighbourhood | camp | base | crossing | field | dam | mountain | region ...
    population: int = 0
    source: str = "ocha"


# --- mentions ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Mention(Record):
    """A span of report text recognised as an actor, place, date or number."""

    kind: str                     # "actor" | "place" | "date" | "number"
    text: str
    start: int
    end: int
    resolved: str | None = None   # actor name, place id, ISO date, or number as text
    origin: str = ""
    score: float = 1.0
    detail: str = ""              # e.g. precision for places, candidates considered


MODEL_PROPOSED = "model-proposed"   # the flag of an event a learned model proposed where the rules found none
MODEL_DISAGREES = "model-disagrees"  # the flag of a rule event whose type a learned model disputes
TEXT_NAMED = "named-in-text"   # the origin's end of an actor a report names that no actor file holds


# --- coded output -----------------------------------------------------------------------------

@dataclass
class Event(Record):
    """One coded event, in ACLED's fields plus the evidence for each."""

    id: str
    report_id: str
    source_file: str
    event_type: str
    sub_event_type: str
    disorder_type: str
    event_date: str | None = None         # ISO date, None when the text gives no resolvable date
    year: int | None = None
    time_precision: int | None = None     # 1 day, 2 week, 3 month
    actor1: str = ""
    assoc_actor_1: str = ""
    inter1: int | None = None
    actor2: str = ""
    assoc_actor_2: str = ""
    inter2: int | None = None
    interaction: str = ""
    civilian_targeting: str = ""
    iso: int | None = None                # ISO 3166 numeric, as ACLED
    region: str = ""
    country: str = ""
    admin1: str = ""
    admin2: str = ""
    admin3: str = ""
    location: str = ""
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    place_id: str | None = None
    source: str = ""
    source_scale: str = ""
    notes: str = ""
    fatalities: int = 0
    tags: str = ""
    background: bool = False
    caption: bool = False
    confidence: float = 0.5
    evidence_text: str = ""               # the sentence(s) the event was coded from
    evidence_start: int = 0
    evidence_end: int = 0
    evidence: list[Evidence] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)   # "date-unknown", "place-unresolved", ...
    explanation: list[str] = field(default_factory=list)
    coder_version: str = ""
    status: str = "machine"               # machine | accepted | edited | rejected | merged
    # cross-report fusion (`fuse`), filled when events are read fused; empty for one report's own events
    fused_from: list[str] = field(default_factory=list)     # the per-report events behind this one
    source_files: list[str] = field(default_factory=list)   # their report files, earliest published first
    corroboration: int = 0                # independent originating sources (copies and shared sources once)
    fatalities_low: int | None = None     # the lowest and highest figures the reports give
    fatalities_high: int | None = None
    copy_of: str = ""                     # in a per-report claim: the file of the article this one republishes


@dataclass(frozen=True)
class Example(Record):
    """A labelled sentence to learn from: an ACLED sub-event type, or "none" for no event."""

    text: str
    label: str
    doc: str              # the document it came from (cross-validation keeps a document's sentences together)
    origin: str           # where it was read: "acled-csv:FILE", "gold:FILE", "store:edited", "bundled:none"


@dataclass
class Presence(Record):
    """An actor said to be present at a place, not an event."""

    id: str
    report_id: str
    actor: str
    location: str
    place_id: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    period_start: str | None = None
    period_end: str | None = None
    text: str = ""
    start: int = 0
    end: int = 0
    origin: str = ""


@dataclass
class CodedReport(Record):
    """A report with everything the pipeline found in it."""

    report: Report
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    presence: list[Presence] = field(default_factory=list)
    affiliations: list[tuple[str, Affiliation]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    coded: bool = True                    # False for reports in a language not yet coded
