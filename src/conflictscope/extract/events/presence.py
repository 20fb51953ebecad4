"""Presence statements: "Fatemiyoun militiamen are also present in the area" (actor, place, period)."""
from __future__ import annotations

import hashlib

from spacy.tokens import Span

from ...codebook import Inter
from ...models import Presence
from .roles import AFFILIATION_CUE, MODIFIER_AFTER, unique
from .scene import ReadingState
from .state import ORIGIN, Context


def presence_in_sentence(ctx: Context, sent: Span, state: ReadingState) -> list[Presence]:
    """The armed actors a sentence says are present at its place (or the place in force)."""
    if not ctx.lexicon.cues["presence"].search(sent.text):
        return []
    text = ctx.report.text
    actors = [m for m in ctx.in_span(ctx.actors, sent.start_char, sent.end_char)
              if (a := ctx.registry.get(m.resolved or "")) is not None
              and a.inter not in (Inter.RIOTERS, Inter.PROTESTERS, Inter.CIVILIANS) and a.kind != "source"
              and not AFFILIATION_CUE.search(text[max(sent.start_char, m.start - 40):m.start])
              and not MODIFIER_AFTER.match(text[m.end:m.end + 14])]
    places = [p for p in ctx.in_span(ctx.places, sent.start_char, sent.end_char) if p.resolved] or (
        [state.place] if state.place else [])
    out = []
    for a in unique(actors):
        for p in places[:1]:
            place = ctx.gazetteer.get(p.resolved or "")
            key = f"{ctx.report.id}|{a.resolved}|{p.resolved}|{sent.start_char}"
            out.append(Presence(
                id="pr-" + hashlib.sha1(key.encode()).hexdigest()[:16], report_id=ctx.report.id,
                actor=a.resolved or "", location=place.name if place else p.text, place_id=p.resolved,
                latitude=place.lat if place else None, longitude=place.lon if place else None,
                period_start=ctx.report.published, period_end=ctx.report.published,
                text=sent.text, start=sent.start_char, end=sent.end_char, origin=f"{ORIGIN}:presence"))
    return out
