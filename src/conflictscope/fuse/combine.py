"""One fused event from the events several reports tell of one incident.

The earliest claim (by its report's publication date, undated last, then report id) gives the
event's id and values; every report keeps its own claim. Fatalities follow ACLED: the most
conservative figure of the independent sources that give one, unless a later report tells a
rising toll, whose figure then stands; the lowest and highest figures are kept beside it. The
corroboration count is the number of independent origins: a copy of an article counts with its
original, and reports that cite the same originating source (a wire story quoting a monitor, and
the monitor's own post) count once.
"""
from __future__ import annotations

import dataclasses
from typing import Mapping, Sequence

from .. import lexicon
from ..models import Event, Evidence, Report
from .link import Link

RISING = lexicon.section("fusion", "fusion").rx("rising_toll")
ORIGIN = "fuse.v1"


def origin(report: Report | None, copy_of: Mapping[str, str], reports: Mapping[str, Report]) -> str:
    """Who a report's account comes from: the original of a copy, its cited originating sources, else
    its publisher, else itself."""
    if report is None:
        return ""
    if report.id in copy_of and copy_of[report.id] in reports:
        report = reports[copy_of[report.id]]
    cited = sorted(s.name.strip().lower() for s in report.sources if s.role == "originating")
    return "|".join(cited) if cited else (report.publisher or report.id).strip().lower()


def claim_order(e: Event, reports: Mapping[str, Report]) -> tuple[str, str, str]:
    r = reports.get(e.report_id)
    return ((r.published if r and r.published else "9999"), e.report_id, e.id)


def toll(members: Sequence[Event],
         reports: Mapping[str, Report]) -> tuple[int, int | None, int | None, str, Event | None]:
    """ACLED's figure, the lowest and the highest, why, and the claim the figure comes from."""
    figures = [(claim_order(e, reports), e.fatalities, e) for e in members if e.fatalities]
    if not figures:
        return 0, None, None, "", None
    low, high = min(f for _, f, _ in figures), max(f for _, f, _ in figures)
    latest = max(figures, key=lambda x: x[0])
    if latest[1] > low and RISING.search(latest[2].evidence_text or ""):
        return (latest[1], low, high, f"a later report tells a rising toll: {latest[1]} ({latest[2].source_file})",
                latest[2])
    source = min((x for x in figures if x[1] == low), key=lambda x: x[0])[2]
    why = f"the most conservative of {len(figures)} figures ({low}-{high}), from {source.source_file}" \
        if high != low else ""
    return low, low, high, why, source


def _fatality_evidence(first: Event, source: Event | None) -> list[Evidence]:
    """The event's evidence, its fatalities' taken from the claim the figure comes from; the origin
    names that report, since the offsets index its text."""
    if source is None or source is first:
        return list(first.evidence)
    kept = [e for e in first.evidence if e.field != "fatalities"]
    return kept + [dataclasses.replace(e, origin=f"{ORIGIN}:from {source.source_file}:{e.origin}")
                   for e in source.evidence if e.field == "fatalities"]


def _counted_alone(e: Event) -> Event:
    """A shallow copy of an event no other report tells, with its one source counted. Built from its
    attributes: `copy.copy` and `dataclasses.replace` cost several times more, for thousands of events."""
    alone = Event.__new__(Event)
    alone.__dict__.update(e.__dict__)
    alone.source_files, alone.fused_from, alone.corroboration = [e.source_file], [e.id], 1
    return alone


def fuse_one(members: Sequence[Event], links: Mapping[tuple[str, str], Link], reports: Mapping[str, Report],
             copy_of: Mapping[str, str]) -> Event:
    """The fused event of one incident (an event told by one report comes back with its sources counted)."""
    if len(members) == 1:   # told by one report: itself, with its source counted
        return _counted_alone(members[0])
    ordered = sorted(members, key=lambda e: claim_order(e, reports))
    first = ordered[0]
    fatalities, low, high, why, source = toll(ordered, reports)
    origins = {origin(reports.get(e.report_id), copy_of, reports) or e.report_id for e in ordered}
    flags, explanation = list(first.flags), list(first.explanation)
    if len(ordered) > 1:
        explanation.append(f"fused: {len(ordered)} reports tell this incident ({', '.join(e.source_file for e in ordered)}); "
                           f"{len(origins)} independent origin(s)")
        for a in ordered:
            for b in ordered:
                link = links.get((a.id, b.id))
                if link is not None:
                    explanation.append(f"{a.source_file} ~ {b.source_file}: {'; '.join(link.reasons)}")
                    for c in link.contradictions:
                        flags.append("sources-disagree")
                        explanation.append(f"the sources disagree on {c}: flagged for review")
        if why:
            explanation.append(f"fatalities: {why}")
        if low is not None and high != low:
            flags.append("fatalities-differ-across-sources")
    sources = list(dict.fromkeys(s for e in ordered for s in e.source.split("; ") if s))
    scales = list(dict.fromkeys(e.source_scale for e in ordered if e.source_scale))
    return dataclasses.replace(
        first, fatalities=fatalities if len(ordered) > 1 else first.fatalities,
        fatalities_low=low, fatalities_high=high, source="; ".join(sources) or first.source,
        evidence=_fatality_evidence(first, source),
        source_scale="-".join(scales) or first.source_scale, source_files=[e.source_file for e in ordered],
        fused_from=[e.id for e in ordered], corroboration=len(origins),
        flags=list(dict.fromkeys(flags)), explanation=explanation)


def claims_of(fused: Event, members: Sequence[Event], reports: Mapping[str, Report],
              copy_of: Mapping[str, str]) -> list[Event]:
    """Each report's own claim, under the fused event's id (one row per event and report file)."""
    out = []
    for e in sorted(members, key=lambda e: claim_order(e, reports)):
        original = reports.get(copy_of.get(e.report_id, ""))
        out.append(dataclasses.replace(e, id=fused.id, fused_from=[e.id], source_files=fused.source_files,
                                       corroboration=fused.corroboration,
                                       copy_of=original.source_file if original else ""))
    return out


__all__ = ["fuse_one", "claims_of", "toll", "origin"]
