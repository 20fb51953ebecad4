"""Code ACLED events from a parsed report (stage `extract.events.v1`).

For each sentence the coder finds trigger phrases from the event lexicon and vetoes those that are
denied, hypothetical, habitual or opinion (`triggers`); builds a candidate event around each trigger
(`candidates`): actors and their roles from the dependency parse (`roles`), the codebook's
distinctions (`classify`), the place named nearest the trigger and the date phrase of the
sentence, else those in force (`scene`), and the reported deaths. Reading across sentences
(`discourse`) attaches deaths, claims and interventions told apart; candidates that tell the same
action, day and place are merged (`merge`), so elaborations of one incident add evidence and
figures instead of new events; `records` turns them into `Event`s. Every coded field keeps its
evidence. Presence statements are read on the way (`presence`).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Callable, Protocol

from spacy.tokens import Doc, Span

from ... import codebook as cb
from ...models import Event, Mention, Presence, Report
from ...theatre import Theatre
from ...resolve.dates import DateMention
from ..fatalities import FatalityReader
from .candidates import candidates_in_sentence
from .discourse import (answered_with_fire, apply_claims, attach_deaths, criminal_victims, drop_aftermath,
                        fill_parties, fold_interventions, infer_opponents, intervention_after, settle_places,
                        split_multiday_deaths, take_pending_deaths)
from .lexicon import Lexicon, Trigger
from .merge import dedupe_ids, merge
from .presence import presence_in_sentence
from .proposals import SentenceModel, dispute, propose, read_sentences
from .records import to_event
from .scene import ReadingState, event_dates
from .state import ActorLookup, Candidate, Context, PlaceLookup
from .syntax import sentences
from .triggers import ARCHIVE


@dataclass(frozen=True)
class Findings:
    """What the earlier stages found in a report: the coder's input beside the parse."""

    actors: list[Mention]
    places: list[Mention]
    dates: list[DateMention]
    country_iso: str | None = None


class Kit(Protocol):
    """The read-only resources the coder uses (the pipeline's `Resources` is one)."""

    registry: ActorLookup
    gazetteer: PlaceLookup
    lexicon: Lexicon
    fatalities: FatalityReader
    theatre: Theatre
    model: SentenceModel | None   # a learned sentence model, or None for the rules alone


def code_events(report: Report, doc: Doc, found: Findings, kit: Kit,
                check: Callable[[], None] = lambda: None) -> tuple[list[Event], list[Presence]]:
    """Code the events and presence statements of one report; `check` runs after every sentence
    (the report's time budget)."""
    published = date.fromisoformat(report.published[:10]) if report.published else None
    ctx = Context(report, doc, sorted(found.actors, key=lambda m: m.start), sorted(found.places, key=lambda m: m.start),
                  sorted(found.dates, key=lambda d: d.start), kit.registry, kit.gazetteer, kit.lexicon,
                  kit.fatalities, found.country_iso, published, kit.theatre)
    candidates, presence = _read_sentences(ctx, check, getattr(kit, "model", None))
    candidates = drop_aftermath(ctx, candidates)
    settle_places(ctx, candidates)
    candidates = apply_claims(ctx, candidates)
    candidates = fill_parties(ctx, candidates)
    infer_opponents(ctx, candidates)
    candidates = fold_interventions(ctx, candidates)
    merged = merge(candidates)
    answered_with_fire(ctx, merged)
    intervention_after(ctx, merged)
    criminal_victims(ctx, merged)
    split_multiday_deaths(merged)
    return dedupe_ids([to_event(ctx, c) for c in merged]), presence


def _read_sentences(ctx: Context, check: Callable[[], None],
                    model: SentenceModel | None) -> tuple[list[Candidate], list[Presence]]:
    """Candidates and presence statements sentence by sentence, with the place and date in force;
    with a model, its proposals where the rules found nothing."""
    report = ctx.report
    readings = read_sentences(model, list(sentences(ctx.doc)))
    titles = [(b.start, b.end) for b in report.blocks if b.kind == "title"]
    candidates: list[Candidate] = []
    presence: list[Presence] = []
    state = ReadingState()
    for sent in sentences(ctx.doc):
        check()
        if any(s <= sent.start_char < e for s, e in titles):
            continue   # titles are context, not events: the body tells the same incident with its date
        caption = _caption_at(report, sent)
        if caption is not None and ARCHIVE.search(caption):
            continue
        found = candidates_in_sentence(ctx, sent, state, caption is not None)
        if not found and model is not None:
            found = propose(ctx, sent, state, caption is not None, readings.get(sent.start_char), model,
                            bool(candidates))
        if not found:
            presence.extend(presence_in_sentence(ctx, sent, state))
            attach_deaths(ctx, sent, candidates, state)
        elif not any(cb.load().carries_deaths(c.event_type, c.sub_event_type) for c in found):
            # "the soldier died later, and his comrades patrolled the town": a movement carries no
            # deaths; those told beside it belong to the violence told before
            attach_deaths(ctx, sent, candidates, state)
        else:
            take_pending_deaths(sent, found, state)
        candidates.extend(found)
        state.doers = found[-1].actor1[:1] if found else []   # ("They" takes up the doer of the sentence before)
        state.update(ctx, sent, ctx.in_span(ctx.places, sent.start_char, sent.end_char), event_dates(ctx, sent))
    dispute(candidates, readings, model)
    return candidates, presence


def _caption_at(report: Report, sent: Span) -> str | None:
    """The text of the image caption a sentence belongs to, None outside captions."""
    for b in report.blocks:
        if b.kind == "caption" and b.start <= sent.start_char < b.end:
            return report.text[b.start:b.end]
    return None


__all__ = ["code_events", "Findings", "Kit", "Lexicon", "Trigger"]
