"""A learned model beside the rules (stage `learn.model.v1`, used when a model is loaded).

The model scores every sentence. Where the rules found no event in a sentence and the model gives
one event type at least its threshold probability, an event is proposed with the model's type
and the rules' actors, place, date and deaths (the same `build` the triggers go through, so the
codebook's distinctions still apply and may refine or drop it). A proposal needs a place the rules
resolved (an event nobody can put on the map is not worth proposing), and its own date when an
event was read before it: told without one, it elaborates that event or gives background, even where
it names a place ('he was behind attacks in X and Y'). A rule event of the same incident absorbs a
proposal, whichever came first.
Rule events whose sentence the model confidently gives another event type are flagged for review.
"""
from __future__ import annotations

import re
from typing import Protocol, Sequence

from spacy.tokens import Span

from ... import codebook as cb
from ...learn.model import NONE, ORIGIN
from ...models import MODEL_DISAGREES, MODEL_PROPOSED, Evidence
from .lexicon import Trigger
from .scene import ReadingState
from .state import Candidate, Context

NEVER = re.compile(r"(?!)")   # a model proposal has no trigger words
LOW_RANK = 90                 # weaker than every lexicon trigger: a rule event of the same incident absorbs it


class SentenceModel(Protocol):
    classes: list[str]
    threshold: float
    name: str

    def readings(self, texts: Sequence[str]) -> list[tuple[str, float, float]]: ...


Reading = tuple[str, float, float]   # the most probable event class, its probability, the probability of an event


def read_sentences(model: SentenceModel | None, sents: Sequence[Span]) -> dict[int, Reading]:
    """The model's reading of each sentence, keyed by the sentence's start."""
    if model is None or not sents:
        return {}
    return {s.start_char: r for s, r in zip(sents, model.readings([s.text for s in sents]))}


def propose(ctx: Context, sent: Span, state: ReadingState, caption: bool, reading: Reading | None,
            model: SentenceModel, after_event: bool) -> list[Candidate]:
    """The event the model reads in a sentence the rules found none in; [] when it reads none."""
    from .candidates import build, one_per_place

    if reading is None:
        return []
    label, p, p_event = reading
    event_type = cb.load().type_of(label)
    if event_type is None or p < model.threshold:
        return []
    anchor = sent.root
    trig = Trigger(f"model:{label}", NEVER, event_type, label, LOW_RANK, weak=True)
    cand = build(ctx, sent, trig, anchor.idx, anchor.idx + len(anchor.text), state, caption)
    if not isinstance(cand, Candidate):
        return []
    if cand.place is None or not cand.place.resolved:
        return []
    if after_event and not cand.date_explicit:
        return []   # an elaboration of the event read before, or background ('was behind attacks in X and Y')
    origin = f"{ORIGIN}:{model.name}:p={p:.2f}"   # the probability of this event type
    cand.evidence = [Evidence("event_type", event_type, sent.text, sent.start_char, sent.end_char, origin)
                     if e.field == "event_type" else e for e in cand.evidence]
    cand.explanation[0] = (f"no trigger word; the model {model.name!r} reads {event_type} (probability {p:.2f}; "
                           f"of any event {p_event:.2f}), most likely {label}")
    cand.proposal = (label, p)
    cand.confidence = round(min(cand.confidence, p), 2)
    return one_per_place(ctx, sent, cand)


def dispute(cands: list[Candidate], readings: dict[int, Reading], model: SentenceModel | None) -> None:
    """Note on each rule candidate the model's confident reading of another event type."""
    if model is None:
        return
    for c in cands:
        if c.proposal is not None:
            continue
        label, p, p_event = readings.get(c.sentence.start_char, (NONE, 0.0, 0.0))
        other = cb.load().type_of(label)
        if other is not None and other != c.event_type and p >= model.threshold:
            c.dispute = (label, p)
            c.explanation.append(f"the model {model.name!r} reads {other} / {label} here "
                                 f"(probability {p:.2f}): flagged for review")


def flags(c: Candidate) -> list[str]:
    """The review flags a model leaves on an event."""
    return ([MODEL_PROPOSED] if c.proposal else []) + ([MODEL_DISAGREES] if c.dispute else [])


__all__ = ["read_sentences", "propose", "dispute", "flags", "SentenceModel"]
