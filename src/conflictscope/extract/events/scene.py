"""Where and when: the place and date of an event, and the place and date in force while reading.

The place is the one named nearest the trigger with a locative cue ("in", "near", "shelled X"),
else the place in force in the paragraph; origins, destinations, datelines, roads, landmarks and
the subject's home are not the scene. The date is the sentence's date phrase in the trigger's
clause, else the date in force; events over 45 days before publication are background, over a
year history (not coded).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, timedelta

from spacy.tokens import Span

from ... import codebook as cb
from ... import lexicon
from ...models import Evidence, Mention
from ...resolve.dates import DateMention
from .state import Candidate, Context, Deaths, head_start, places_within, precision
from .syntax import in_other_clause, in_relative_clause, in_subject, mention_root, neighbour, token_at

LEX = lexicon.section("scene", "coder")
SPEECH_VERBS = lexicon.section("roles", "coder").words("speech_verbs")
NEXT_DAY = LEX.rx("next_day")
PERIOD_BOUND = LEX.rx("period_bound")
GOVERNMENT_VERBS = LEX.words("government_verbs") | SPEECH_VERBS
KIND_CUE = lexicon.section("mentions", "places").rx("kind_cue")   # "the village of X"
EVENT_OFFSET = LEX.rx("event_offset")
ORIGIN_CUE = LEX.rx("origin_cue")
LANDMARK_AFTER = LEX.rx("landmark_after")
SUB_LOCALITY_AFTER = LEX.rx("sub_locality_after")
ROAD_CUE = LEX.rx("road_cue")
ADMIN_PAREN = LEX.rx("admin_paren")
DATELINE = LEX.rx("dateline")
PLACE_CUE = LEX.rx("place_cue")
CODED_AT_CUE = LEX.rx("coded_at_cue")
FROM_CUE = LEX.rx("from_cue")
DESTINATION_CUE = LEX.rx("destination_cue")
REACH_CUE = LEX.rx("reach_cue")
BETWEEN_CUE = LEX.rx("between_cue")
PLACE_KIND_AFTER = LEX.rx("place_kind_after")
OF_BEFORE = LEX.rx("of_before")
STREETS_CUE = LEX.rx("streets_cue")
DEFINITE_PLACE = LEX.rx("definite_place")
DEFINITE_PLACE_KINDS = {k: tuple(v) for k, v in LEX.table("definite_place_kinds").items()}
TOWN_KINDS = ("town", "city", "capital")
AREA_ANCHORS = ("countryside", "direction")   # how a place names the area around a town (see resolve.places)
AREA_KM = 60   # how far the countryside of a town reaches
BACKGROUND_DAYS = 45
HISTORY_DAYS = 365


@dataclass
class ReadingState:
    """The place and date in force while the coder reads a report, and deaths waiting for their event."""

    place: Mention | None = None
    date: DateMention | None = None
    lead_place: Mention | None = None
    lead_date: DateMention | None = None
    pending_deaths: list[Deaths] = field(default_factory=list)
    pending_until: int = 0
    pending_dead: list[Mention] = field(default_factory=list)   # armed parties the waiting deaths name
    doers: list[Mention] = field(default_factory=list)   # the named doer of the last act told ("They" may be it)

    def update(self, ctx: Context, sent: Span, places: list[Mention], dates: list[DateMention]) -> None:
        """Take the sentence's located place and first date as the ones in force."""
        located = [p for p in places if p.resolved and place_cue_score(ctx, sent, p) == 0
                   and (not DESTINATION_CUE.search(ctx.report.text[max(0, p.start - 30):p.start])
                        or REACH_CUE.search(ctx.report.text[max(0, p.start - 30):p.start]))]
        # a destination ("fled towards the town of X") is not where the report's events happen
        if located:
            self.place = min(located, key=lambda p: (precision(p), p.start))
            if self.lead_place is None:
                self.lead_place = self.place
        if dates and not _within(dates[0], self.date):
            self.date = dates[0]
            if self.lead_date is None:
                self.lead_date = dates[0]


def _within(coarse: DateMention, day: DateMention | None) -> bool:
    """Whether a month or week phrase ("this month") covers the day in force: the day stays in force."""
    if day is None or not day.value or not coarse.value or (coarse.precision or 1) <= (day.precision or 1):
        return False
    a, b = date.fromisoformat(coarse.value), date.fromisoformat(day.value)
    return (a.year, a.month) == (b.year, b.month) if coarse.precision == 3 else abs((a - b).days) <= 3


def assign_place(ctx: Context, sent: Span, cand: Candidate, state: ReadingState) -> None:
    """The place named nearest the trigger with a locative cue, else the place in force."""
    def named(start: int, end: int) -> list[Mention]:
        return [p for p in ctx.in_span(ctx.places, start, end) if p.resolved and not _qualifies_named(ctx, p)
                and not in_dateline(ctx.report.text, p) and not _government(sent, p) and not _measure_of(p)]

    # (an act whose own clause names no place happened where the sentence said before it: "... in
    # Nasiriyah on Sunday, a day after an activist was shot dead"; not where a later clause's act was)
    places = named(*(cand.scope or (sent.start_char, sent.end_char))) or named(sent.start_char, (cand.scope or (0, 0))[0])
    movement = cand.sub_event_type in (cb.CHANGE_OF_ACTIVITY, cb.OTHER)   # moves and sweeps: the destination counts

    def score(p: Mention) -> tuple[int, int]:
        return (place_cue_score(ctx, sent, p, movement) + (precision(p) - 1), abs(p.start - cand.trig_start))

    best = min(places, key=score) if places else None
    if best is not None and _wide(best):
        # "in the western countryside of Deir ez-Zor, gunmen killed a shepherd near the village of Kharita":
        # a village or town inside the area, told by its kind and as good a cue, is the more specific scene
        inner = [p for p in places if not _wide(p) and score(p)[0] == score(best)[0] and places_within(p, best, AREA_KM)
                 and KIND_CUE.search(ctx.report.text[max(0, p.start - 25):p.start])]
        best = min(inner, key=score) if inner else best
    if best is not None:
        best = _town_of_landmark(ctx, sent, best)
    inherited = state.place or state.lead_place
    if best is not None and inherited is not None and precision(best) == 3 and precision(inherited) <= 2 \
            and place_cue_score(ctx, sent, best, movement) >= 1:
        best = None   # "in the Anbar desert" after a named town: the town is more precise
    if best is not None and (place_cue_score(ctx, sent, best, movement) <= 1 or inherited is None):
        chosen: Mention | None = best
        # a place named without a locative cue is provisional: a later sentence may place the event
        cand.place_explicit = place_cue_score(ctx, sent, best, movement) <= 1
        how = "named in the sentence"
    elif (named := _named_before(ctx, sent)) is not None:
        chosen = named
        how = f"'{named.text}', the place of that kind named before"
    elif inherited is not None:
        chosen = inherited
        how = "in force from an earlier sentence"
    elif (before := _last_place_before(ctx, sent)) is not None:
        chosen = before
        how = "the place the sentence before names, which told no place of its own in force"
    else:
        chosen = first_place_after(ctx, sent.end_char)
        how = "the first place the report names after the sentence"
    cand.place = chosen
    if chosen is not None:
        cand.evidence.append(Evidence("location", chosen.resolved or "", chosen.text, chosen.start, chosen.end,
                                      chosen.origin or "resolve.places"))
        cand.explanation.append(f"place '{chosen.text}' ({how}){_namesakes(chosen)}")
        cand.explanation.extend(_competitors(ctx, sent, chosen, movement))
    else:
        cand.explanation.append("no place found: location left empty")


def _measure_of(p: Mention) -> bool:
    """'in Diwaniya province, south of Baghdad': a place the text measures the one before it from says
    where that one lies (the place finder links them); it is not the scene."""
    return "measures" in json.loads(p.detail or "{}")


def _government(sent: Span, p: Mention) -> bool:
    """'as Ankara pressed on with its offensive', 'Damascus accused ...': a capital or country that is the
    subject of a verb of will or saying stands for its government, not the scene."""
    root = mention_root(sent, p)
    return root is not None and root.dep_ == "nsubj" and root.head.lemma_.lower() in GOVERNMENT_VERBS


def _namesakes(chosen: Mention) -> str:
    """Why this namesake of the name: the runner-up and what set the chosen one apart."""
    detail = json.loads(chosen.detail or "{}")
    why = detail.get("why") or {}
    out = f", geo_precision {detail['precision']} ({detail['anchor']})" if detail.get("precision") else ""
    if detail.get("within"):
        out += f"; '{detail['within']}' is not in the gazetteer: coded at the place that qualifies it"
    if why:
        because = ", ".join(why.get("because") or []) or "a small lead on every count"
        out += (f"; of {why['namesakes']} places so named, chosen over {why['runner_up']}"
                f" by {why['margin']} points ({because})")
    return out


def _competitors(ctx: Context, sent: Span, chosen: Mention, movement: bool) -> list[str]:
    """The other places the sentence names, and why each lost."""
    out = []
    for p in ctx.in_span(ctx.places, sent.start_char, sent.end_char):
        if p is chosen or not p.resolved or (p.start, p.end) == (chosen.start, chosen.end):
            continue
        if _qualifies_named(ctx, p):
            head = json.loads(p.detail or "{}")["qualifies"]
            reason = f"qualifies '{ctx.report.text[head[0]:head[1]]}' (an administrative unit, not the scene)"
        else:
            cues = [why for points, why in place_cues(ctx, sent, p, movement) if points]
            reason = "; ".join(cues) if cues else (
                "less precise" if precision(p) > precision(chosen) else "farther from the trigger")
        out.append(f"place '{p.text}' not chosen: {reason}")
    return out


def _bracket_unit_of(text: str, m: Mention, best: Mention) -> bool:
    """'at Uri sector area (Baramulla district, J&K)': a town in the brackets after the name, qualifying it, is
    its district, not the town a sector of it lies in."""
    return json.loads(m.detail or "{}").get("qualifies") == [best.start, best.end] \
        and bool(ADMIN_PAREN.search(text[max(0, m.start - 80):m.start]))


def _qualifies_named(ctx: Context, p: Mention) -> bool:
    """A province or district that qualifies a place the report names ("Celaya, Guanajuato"): not the scene."""
    head = json.loads(p.detail or "{}").get("qualifies")
    return bool(head) and any(m.start == head[0] and m.end == head[1] and m.resolved for m in ctx.places)


def _town_of_landmark(ctx: Context, sent: Span, best: Mention) -> Mention:
    """'on Murree road in Rawalpindi city': a road, square or bridge named after a town lies in the
    town that qualifies it; a neighbourhood or parish, in the town the sentence names: that town is the scene."""
    text = ctx.report.text
    after = text[best.end:min(sent.end_char, best.end + 30)]
    if LANDMARK_AFTER.match(after):
        for m in ctx.in_span(ctx.places, sent.start_char, sent.end_char):
            head = json.loads(m.detail or "{}").get("qualifies")
            if m.resolved and head and head == [best.start, best.end] and precision(m) == 1:
                return m
    if SUB_LOCALITY_AFTER.match(after):
        # "in Joao Pessoa, Paraiba, ... in Rangel neighborhood": the town the sentence names
        for m in ctx.in_span(ctx.places, sent.start_char, sent.end_char):
            place = ctx.gazetteer.get(m.resolved or "")
            if m is not best and place is not None and precision(m) == 1 and place.kind in TOWN_KINDS \
                    and not SUB_LOCALITY_AFTER.match(text[m.end:m.end + 30]) and not _bracket_unit_of(text, m, best):
                return m
    return best


def _named_before(ctx: Context, sent: Span) -> Mention | None:
    """'the base', 'the town': the latest place of that kind named before the sentence."""
    m = DEFINITE_PLACE.search(sent.text)
    if m is None:
        return None
    kinds = DEFINITE_PLACE_KINDS.get(" ".join(m.group(1).lower().split()), ())
    for p in reversed([p for p in ctx.places if p.end <= sent.start_char + m.start() and p.resolved]):
        place = ctx.gazetteer.get(p.resolved or "")
        if place is not None and place.kind in kinds:
            return p
    return None


def _wide(p: Mention) -> bool:
    """A place told as the area around a town ("the countryside of X", "eastern X")."""
    return json.loads(p.detail or "{}").get("anchor") in AREA_ANCHORS


def place_cue_score(ctx: Context, sent: Span, p: Mention, movement: bool = False) -> int:
    """How well the words around a place say the event happened there: 0 best."""
    return sum(points for points, _ in place_cues(ctx, sent, p, movement))


def place_cues(ctx: Context, sent: Span, p: Mention, movement: bool = False) -> list[tuple[int, str]]:
    """The words around a place that say whether the event happened there, each with its penalty."""
    text = ctx.report.text
    before = text[max(sent.start_char, p.start - 60):p.start]
    after = text[p.end:min(sent.end_char, p.end + 30)]
    cues = [_lead_cue(before, movement)]
    start = head_start(text, p)   # a village the gazetteer lacks, coded at its unit: the words before the village
    if start != p.start:
        cues = [min(cues[0], _lead_cue(text[max(sent.start_char, start - 30):start], movement))]
    kind_after = PLACE_KIND_AFTER.match(after)
    if kind_after and any(0 <= q.start - (p.end + kind_after.end()) <= 25 for q in ctx.places if q.resolved):
        # "the border town of Albu Kamal"; not "the Sinjar district of northern Iraq", where no place follows
        cues.append((1, "a kind of place follows it: the place is the one after"))
    if ADMIN_PAREN.search(before) and start == p.start:   # ("Hajr (Qatabah, Al Dhale)": Qatabah stands for Hajr)
        cues.append((2, "a unit of the place before it"))   # "Sabha (Basira, Deir-ez-Zor)"
    if LANDMARK_AFTER.match(after):
        cues.append((2, "names a landmark or area after it"))   # "al-Karama Square", "the Yarmouk Basin"
    if in_dateline(text, p):
        cues.append((3, "the dateline: where the report was filed"))
    if in_subject(sent, p) and not OF_BEFORE.search(before):
        cues.append((2, "part of the subject: where the actor is from"))
        # ("residents of Maariya gathered" keeps Maariya: people of a place act there)
    return cues


def in_dateline(text: str, p: Mention | DateMention) -> bool:
    """Whether a place is in the wire dateline its line starts with ("BEIRUT, May 5 (AFP) -"): where the
    report was filed, never the scene."""
    line_start = text.rfind("\n", 0, p.start) + 1
    dateline = DATELINE.match(text, line_start)
    return bool(dateline) and p.start < dateline.end()


def _lead_cue(before: str, movement: bool) -> tuple[int, str]:
    """The word before a place: a locative cue, an origin, a destination, a road or none."""
    if CODED_AT_CUE.search(before):
        return -2, "the coder's note of where the event is coded"
    if STREETS_CUE.search(before):
        return 0, "the streets of the place"   # ("took to the streets of X": no destination)
    if FROM_CUE.search(before):
        return 2, "an origin ('from')"   # "a man from the Daraa countryside": not the scene
    if REACH_CUE.search(before):
        return 0, "where the act spread to"
    if DESTINATION_CUE.search(before):
        return (0, "the destination of a move") if movement else (2, "a destination")
    if ORIGIN_CUE.search(before):
        return 2, "an origin"
    if BETWEEN_CUE.search(before):
        return 1, "one end of a stretch between two places"
    if ROAD_CUE.search(before):
        return 2, "a road's end"   # "the highway linking Deir ez-Zor to Palmyra": hundreds of kilometres
    if PLACE_CUE.search(before):
        return 0, "a locative cue before it"
    return 1, "no locative cue"


def _last_place_before(ctx: Context, sent: Span) -> Mention | None:
    """'... intercepted a group between the villages of A (Bandiagara, Mopti) and B (Douentza, Mopti). Nine were
    abducted.': the most precise place the sentence right before names, where no locative cue put one in force."""
    prev = neighbour(sent, -1)
    if prev is None or "\n\n" in ctx.report.text[prev.end_char:sent.start_char]:
        return None
    named = [p for p in ctx.in_span(ctx.places, prev.start_char, prev.end_char)
             if p.resolved and not in_dateline(ctx.report.text, p) and not _measure_of(p)]
    return min(named, key=lambda p: (precision(p), p.start)) if named else None


def first_place_after(ctx: Context, pos: int) -> Mention | None:
    """The first resolved place the report names after a position."""
    for p in ctx.places:
        if p.start >= pos and p.resolved:
            return p
    return None


def _next_day(ctx: Context, sent: Span, state: ReadingState) -> list[DateMention]:
    """'the next day', 'two days later', 'a day earlier': days after or before the date in force."""
    told = NEXT_DAY.search(sent.text)
    if not told or state.date is None or not state.date.value:
        return []
    word = (told.group("n") or told.group("m") or "a").lower()
    if (told.group("earlier") or word not in ("a", "an", "one")) and sent.text[:told.start()].strip(" \n\t\"“"):
        return []   # a day before, or days away, only where it opens the sentence ("A day earlier, ...")
    n = 1 if word in ("a", "an") else int(word) if word.isdigit() else ctx.lexicon.number_words.get(word, 1)
    days = n if told.group("later") else -n
    d0 = date.fromisoformat(state.date.value) + timedelta(days=days)
    s0 = sent.start_char + told.start()
    return [DateMention(told.group(0), s0, s0 + len(told.group(0)), "next_day", d0.isoformat(), state.date.precision,
                        f"{abs(days)} day(s) {'after' if days > 0 else 'before'} {state.date.value} ('{state.date.text}')")]


def _offset_date(ctx: Context, sent: Span, cand: Candidate) -> DateMention | None:
    """'The operation came a day after militants attacked': the act told after the distance is dated
    by it from the date the sentence is in (the day before); "A day after, they attacked" the day after."""
    rel = cand.trig_start - sent.start_char
    m = EVENT_OFFSET.search(sent.text[:rel])
    base = cand.date
    if m is None or base is None or not base.value:
        return None
    word = m.group("n").lower()
    n = 1 if word in ("a", "an") else int(word) if word.isdigit() else ctx.lexicon.number_words.get(word, 0)
    if not n:
        return None
    days = n * (7 if m.group("unit").lower().startswith("week") else 1)
    later = m.group("dir").lower() == "after"
    if not (m.group("lead") is not None and m.group("comma")):
        later = not later   # inside a sentence the act after "after" is the earlier one
    value = date.fromisoformat(base.value) + timedelta(days=days if later else -days)
    start = sent.start_char + m.start("n")
    phrase = ctx.report.text[start:sent.start_char + m.end("dir")]
    return DateMention(phrase, start, start + len(phrase), "offset", value.isoformat(),
                       base.precision if days < 7 else max(2, base.precision or 1),
                       f"{phrase} {'after' if later else 'before'} {base.value} ('{base.text}')")


def event_dates(ctx: Context, sent: Span) -> list[DateMention]:
    """The sentence's date phrases that can date an act: days, weeks and months, not the bounds of a
    period ("sit-ins he had led since October 2019")."""
    text = ctx.report.text
    found = [d for d in ctx.in_span(ctx.dates, sent.start_char, sent.end_char) if d.precision in (1, 2, 3)
             and not PERIOD_BOUND.search(text[max(sent.start_char, d.start - 30):d.start])
             and not PERIOD_BOUND.search(d.text.split()[0] + " ")]
    # the wire dateline's date is the report's; a day the sentence tells is the act's ("BAGHDAD, Feb 3 - ... on Tuesday")
    return [d for d in found if not in_dateline(text, d)] or found


def _day_reported(sent: Span, day: DateMention, trig_tok) -> bool:
    """Whether the date phrase dates a verb of saying whose clause holds the trigger ("reported on Monday
    that ... were killed"), not the act."""
    tok = token_at(sent, day.start)
    if tok is None or trig_tok is None:
        return False
    verb = tok
    while verb.dep_ in ("pobj", "prep", "npadvmod", "compound", "nummod", "amod") and verb.head.i != verb.i:
        verb = verb.head
    return (verb.lemma_.lower() in SPEECH_VERBS and trig_tok.i != verb.i and trig_tok in verb.subtree
            and any(t.dep_ == "ccomp" and trig_tok in t.subtree for t in verb.children))


def _reference(ctx: Context, state: ReadingState) -> tuple[date | None, str]:
    """The day the report's dates are measured from: its publication, else (a note's lead date) the
    report's first date; and what it is."""
    if ctx.published is None and state.lead_date is not None and state.lead_date.value:
        return date.fromisoformat(state.lead_date.value), "the report's first date"
    return ctx.published, "publication"


def _told_of_a_past_year(ctx: Context, sent: Span, state: ReadingState) -> bool:
    """Whether a sentence with no day of its own names a year before the report's ("in 2018")."""
    reference, _ = _reference(ctx, state)
    years = [d for d in ctx.in_span(ctx.dates, sent.start_char, sent.end_char) if d.kind == "year"]
    return reference is not None and any(d.text[-4:].isdigit() and int(d.text[-4:]) < reference.year for d in years)


def assign_date(ctx: Context, sent: Span, cand: Candidate, state: ReadingState) -> None:
    """The date phrase of the trigger's clause, else the date in force; background and history by age."""
    dates = event_dates(ctx, sent)
    trig_tok = token_at(sent, cand.trig_start)
    if trig_tok is not None and state.date is not None and dates and all(
            in_relative_clause(sent, d.start, trig_tok) for d in dates):
        dates = []   # "lifted the curfew it had imposed in April": April dates the curfew, not the lifting
    if not dates:
        dates = _next_day(ctx, sent, state)
    if not dates and _told_of_a_past_year(ctx, sent, state):
        cand.history = True   # "the city was the scene of heavy fighting in 2018, before a settlement agreement"
        cand.explanation.append("history: the sentence tells of an earlier year")
        return
    if dates:
        cand.date = min(dates, key=lambda d: abs(d.start - cand.trig_start) + (
            500 if trig_tok is not None and in_other_clause(sent, d.start, trig_tok) else 0))
        cand.date_explicit = True
        how = "named in the sentence"
        if _day_reported(sent, cand.date, trig_tok):
            # "a security source reported on Monday that two fighters were killed": the day it was told,
            # which a retelling with the day of the act overrides
            cand.date_explicit = False
            how = "the day the source told it"
    elif state.date is not None:
        cand.date = state.date
        how = "in force from an earlier sentence"
    elif ctx.published is not None and state.lead_date is None:
        cand.date = None
        how = ""
    else:
        cand.date = state.lead_date
        how = "the report's lead date"
    offset = _offset_date(ctx, sent, cand)
    if offset is not None:
        cand.date, cand.date_explicit, how = offset, True, "told by its distance from the date in force"
    if cand.date is None:
        cand.explanation.append("no date phrase: date unknown")
        return
    d = cand.date
    cand.evidence.append(Evidence("event_date", d.value or "", d.text, d.start, d.end, "resolve.dates.v1:" + d.kind))
    cand.explanation.append(f"date '{d.text}' ({how}): {d.reasoning}")
    reference, of_what = _reference(ctx, state)
    if d.value and reference is not None:
        age = (reference - date.fromisoformat(d.value)).days
        if age > BACKGROUND_DAYS:
            cand.background = True
            cand.explanation.append(f"background: {age} days before {of_what}")
        if age > HISTORY_DAYS:
            cand.history = True
