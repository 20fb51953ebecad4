"""Candidate events of one sentence: a trigger with its actors, type, place, date and deaths."""
from __future__ import annotations

import dataclasses
import json
import re

from spacy.tokens import Span, Token

from ... import codebook as cb
from ... import lexicon
from ...models import Evidence
from ...resolve.places.choose import unit_keys
from .classify import refine_type
from .lexicon import Trigger
from .records import confidence
from .roles import SPEECH_VERBS, assign_roles
from .scene import EVENT_OFFSET, ReadingState, assign_date, assign_place
from .state import ORIGIN, Candidate, Context, head_start, place_key, precision
from .syntax import clause_verb, token_at
from .triggers import (GRIEVANCE, LEX, choose_triggers, demanded, family_rank, find_triggers, is_hypothetical,
                       is_stopped, ranked_violence)

COORDINATED = LEX.rx("coordinated_places")
CONTRAST_MARKS = LEX.words("contrast_marks")
BETWEEN_PLACES = LEX.rx("between_places")
QUALIFIER_IN_LIST = LEX.rx("qualifier_in_list")   # "Sirwah (Marib), Nihm (Sanaa) and Al Jawf"
UNITS_LISTED = LEX.rx("units_listed")   # "in Ghor, Laghman, and Balkh provinces"
JOINED_VERBS = LEX.rx("joined_verbs")   # "attacked and burned": the gap between two verbs of one act
LIST_CONTINUES = lexicon.section("mentions", "places").rx("list_continues")   # "Taiz, Aden and Mukalla"


def candidates_in_sentence(ctx: Context, sent: Span, state: ReadingState, caption: bool) -> list[Candidate]:
    """The events a sentence tells: one per chosen trigger (and per place named together)."""
    # (an act stopped before it happened is no event: the stopping may be one)
    hits = [h for h in find_triggers(ctx, sent) if not is_stopped(sent, sent.start_char + h[1].start())]
    # ("recovered four improvised explosive devices": the device inside the recovery is no explosion)
    hits = [h for h in hits if not _disarmed_device(h, hits)]
    if not hits:
        return []
    # an act only tried, feared or threatened yields to an act of violence the sentence tells as done ("killed two
    # militants ... when forces tried to disperse rioters": the clash, not the riot nobody fought)
    done = [h for h in hits if h[0].event_type == cb.DEVELOPMENTS or not is_hypothetical(sent, sent.start_char + h[1].start())]
    if any(h[0].event_type != cb.DEVELOPMENTS for h in done):
        hits = done
    chosen = choose_triggers(sent, hits, ctx.lexicon.civilian_words)
    own = [h for h in hits if not _dated_apart(sent, h)]
    if own and chosen and all(_dated_apart(sent, h) for h in chosen):
        # "gunmen attacked a post on Tuesday, a day after a bomb killed two soldiers": the act of the
        # sentence's own day is its event; the one dated apart is a second act (below)
        chosen = choose_triggers(sent, own, ctx.lexicon.civilian_words)
    second = _second_acts(sent, hits, chosen)
    if second:
        # "regime forces shelled X, while Russian jets struck Y": each act with the parties, place and
        # deaths of its own clause, where the other act has a place of its own
        scopes = _clause_scopes(sent, [h for h in chosen if h[0].event_type != cb.DEVELOPMENTS] + second)
        out = _chosen_events(ctx, sent, hits, chosen, state, caption, scopes)
        extra = []
        for trig, m in second:
            cand = build(ctx, sent, trig, sent.start_char + m.start(), sent.start_char + m.end(), state, caption,
                         scopes.get(m.start()))
            if isinstance(cand, Candidate) and cand.place is not None and (_dated_apart(sent, (trig, m)) or (
                    cand.place_explicit
                    and place_key(cand.place) not in {place_key(c.place) for c in out + extra if c.place is not None})):
                cand.explanation.append("a second act of the sentence, dated apart from its own" if _dated_apart(sent, (trig, m))
                                        else "a second act of its own subject and place in the sentence")
                extra.extend(one_per_place(ctx, sent, cand))
        if extra:
            return out + extra
    return _chosen_events(ctx, sent, hits, chosen, state, caption, {})


def _disarmed_device(hit: tuple, hits: list) -> bool:
    """Whether an explosive weapon's trigger lies inside the words of its recovery or defusing."""
    trig, m = hit
    return trig.event_type == cb.REMOTE_VIOLENCE and any(
        t.sub_event_type == cb.DISRUPTED_WEAPONS and o.start() <= m.start() and m.end() <= o.end() for t, o in hits)


def _chosen_events(ctx: Context, sent: Span, hits: list, chosen: list, state: ReadingState, caption: bool,
                   scopes: dict[int, tuple[int, int]]) -> list[Candidate]:
    out = []
    for trig, m in chosen:
        start, end = sent.start_char + m.start(), sent.start_char + m.end()
        if is_hypothetical(sent, start):
            continue
        cand = build(ctx, sent, trig, start, end, state, caption, scopes.get(m.start()))
        if cand is REJECTED:
            cand = _next_family(ctx, sent, hits, (trig, m), state, caption, scopes.get(m.start()))
        if isinstance(cand, Candidate):
            out.extend(one_per_place(ctx, sent, cand))
    return out


def _second_acts(sent: Span, hits: list, chosen: list) -> list:
    """'Regime forces shelled X, while Russian warplanes struck Y': a violent trigger the precedence
    left out that heads a clause of its own, with its own subject, beside every chosen one (a main
    clause, one joined by 'and' or by 'while'; not 'when' or 'after', which tell the same act)."""
    mains = [c for c in chosen if c[0].event_type != cb.DEVELOPMENTS]
    verbs = [_own_clause(sent, c[1]) for c in mains]
    if not mains or any(v is None or not _beside(v) for v in verbs):
        return []
    out = []
    for h in ranked_violence(sent, hits):
        verb = _own_clause(sent, h[1])
        if h in chosen or verb is None or not (_beside(verb) or _dated_apart(sent, h)) or any(verb.i == v.i for v in verbs) \
                or is_hypothetical(sent, sent.start_char + h[1].start()):
            continue
        out.append(h)
        verbs.append(verb)
    return out


def _dated_apart(sent: Span, hit: tuple) -> bool:
    """'Protesters set fire to a party office on Sunday, a day after an activist was shot dead': an act
    the sentence dates by its distance from its own is an event of its own, on its own day."""
    tok = token_at(sent, sent.start_char + hit[1].start())
    starts = [hit[1].start()]
    while tok is not None and tok.dep_ in ("advcl", "xcomp", "conj") and len(starts) < 4:
        tok = tok.head   # ("a day after militants attacked a post, killing two soldiers": the killing too)
        starts.append(tok.idx - sent.start_char)
    return any(EVENT_OFFSET.search(sent.text[:at]) is not None for at in starts)


def _beside(verb: Token) -> bool:
    """Whether a clause stands beside the others as an act of its own: the main clause (or the one a
    source's "said" takes), one joined by 'and', or one joined by a contrast ('while')."""
    if verb.dep_ == "ccomp" and verb.head.dep_ == "ROOT" and verb.head.lemma_.lower() in SPEECH_VERBS:
        verb = verb.head   # "..., police said": the act told is the main clause
    return verb.dep_ in ("ROOT", "conj") or (verb.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in CONTRAST_MARKS for c in verb.children))


def _clause_scopes(sent: Span, acts: list) -> dict[int, tuple[int, int]]:
    """Each act's own clause as a character range of the sentence, from its subject (the sentence's start
    for the first) to the next act's subject: the parties, places and deaths told there are that act's."""
    found = [(_own_clause(sent, m), m.start()) for _, m in acts]
    verbs = sorted(((v, at) for v, at in found if v is not None), key=lambda vm: vm[0].i)
    starts = [sent.start_char] + [_subject_start(v) for v, _ in verbs[1:]] + [sent.end_char]
    return {at: (starts[k], starts[k + 1]) for k, (_, at) in enumerate(verbs)}


def _subject_start(verb: Token) -> int:
    """Where a clause begins: its subject's first word. "Shelled Tal Tamr and SDF fighters shelled", the
    parser reading the names joined by 'and' as one subject: what follows the last 'and' is the subject."""
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.i > verb.i:
        return verb.left_edge.idx
    conjs = [c for c in subj.children if c.dep_ == "conj"]
    if conjs:
        return conjs[-1].left_edge.idx
    joins = [t for t in subj.subtree if t.dep_ == "cc" and t.i < subj.i]
    return verb.doc[joins[-1].i + 1].idx if joins else subj.left_edge.idx


def _own_clause(sent: Span, m: re.Match[str]) -> Token | None:
    """The finite verb a trigger heads or is the object of, where that verb has a subject of its own."""
    tok = token_at(sent, sent.start_char + m.start())
    if tok is None:
        return None
    verb = clause_verb(tok)
    # (a pronoun subject, "they were shot", goes back to the act told before)
    return verb if any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ != "PRON" for c in verb.children) else None


def _next_family(ctx: Context, sent: Span, hits: list, rejected: tuple, state: ReadingState,
                 caption: bool, scope: tuple[int, int] | None = None) -> Candidate | None:
    """'Protesters gathered against the measures taken to battle the virus': when the codebook's rules
    reject the strongest trigger, the sentence's protest, riot or destruction of property they accept. (A
    killing told beside a rejected clash is a death in it, not an attack of its own.)"""
    crowds = [h for h in ranked_violence(sent, hits) if h[0].event_type in (cb.PROTESTS, cb.RIOTS)]
    first, at = rejected
    # the same words read as destruction of property: "militants vandalized" is plunder, not a riot; an
    # attack that harmed no one but damaged property is its destruction ("attacked and burned a school")
    damage = [h for h in hits if h[0].sub_event_type == cb.LOOTING and (
        (h[1].start() < at.end() and at.start() < h[1].end())
        or (first.needs_victim and JOINED_VERBS.fullmatch(sent.text[at.end():h[1].start()])))]
    # another strategic development told by other words ("families evacuated" after "evacuation" found no doer)
    others = sorted((h for h in hits if first.event_type == cb.DEVELOPMENTS and h[0].event_type == cb.DEVELOPMENTS
                     and h[0].sub_event_type != first.sub_event_type), key=lambda h: (h[0].rank, h[1].start()))
    # (an act the sentence dates apart, "a day after a bomb killed two soldiers", comes last: see _second_acts)
    for trig, m in sorted(crowds + damage + _armed_readings(hits, first) + others, key=lambda h: _dated_apart(sent, h)):
        if trig.event_type == first.event_type and trig.sub_event_type == first.sub_event_type:
            continue
        start, end = sent.start_char + m.start(), sent.start_char + m.end()
        if is_hypothetical(sent, start):
            continue
        cand = build(ctx, sent, trig, start, end, state, caption, scope)   # (in the rejected act's clause)
        if cand is not REJECTED:
            return cand
    return None


def _armed_readings(hits: list, first: Trigger) -> list:
    """The readings left when the strongest is rejected for who acts or suffers: a crowd's attack on a
    police post done by militants is their attack on the post; a killing of fighters with no killer
    named, told with a firefight, is the firefight."""
    if first.event_type in (cb.PROTESTS, cb.RIOTS):
        armed = [h for h in hits if h[0].event_type not in (cb.DEVELOPMENTS, cb.PROTESTS, cb.RIOTS)]
    elif first.needs_victim:
        armed = [h for h in hits if h[0].event_type == cb.BATTLES]
    else:
        return []
    return sorted(armed, key=lambda h: (family_rank(h[0]), h[1].start()))


REJECTED = object()   # build's answer when the codebook's rules reject a trigger's reading (not a background event)


def build(ctx: Context, sent: Span, trig: Trigger, start: int, end: int,
          state: ReadingState, caption: bool, scope: tuple[int, int] | None = None) -> "Candidate | None | object":
    """A candidate around one trigger; REJECTED when the codebook's rules drop its reading, None when the
    event is a description or background."""
    text = ctx.report.text
    tok = token_at(sent, start)
    if trig.event_type == cb.DEVELOPMENTS and tok is not None and tok.tag_ == "VBN" \
            and tok.dep_ in ("acl", "amod") and tok.lower_ != tok.lemma_.lower():
        # "troops, deployed in the area under a 2019 deal, ...": a description, not an event (but "set",
        # "put": a past tense the parser may read as a participle, "attackers set on fire two trucks")
        return None
    cand = Candidate(trig, sent, start, end, trig.event_type, trig.sub_event_type, caption=caption, scope=scope)
    cand.sentences.append((sent.start_char, sent.end_char))
    cand.evidence.append(Evidence("event_type", trig.event_type, text[start:end], start, end, f"{ORIGIN}:trigger:{trig.name}"))
    cand.explanation.append(f"trigger '{text[start:end]}' ({trig.name}) suggests {trig.event_type} / {trig.sub_event_type}")
    # (in a sentence of several acts, each with its own subject, an act's parties are in its clause)
    sent_actors = ctx.in_span(ctx.actors, *(scope or (sent.start_char, sent.end_char)))
    assign_roles(ctx, sent, cand, sent_actors)
    if not cand.actor1 and state.doers and tok is not None and _they_subject(tok):
        cand.actor1 = state.doers[:1]
        cand.explanation.append(f"'They' is '{state.doers[0].text}', the doer of the act told before")
    if not refine_type(ctx, sent, cand):
        return REJECTED
    assign_place(ctx, sent, cand, state)
    assign_date(ctx, sent, cand, state)
    if cand.history:
        return None
    fatal = cb.load().carries_deaths(cand.event_type, cand.sub_event_type) or trig.deaths
    grievance = GRIEVANCE.search(sent.text) if cand.event_type in (cb.PROTESTS, cb.RIOTS) else None
    for f in (ctx.fatality_reader.read(sent.text) if fatal else []):
        if scope is not None and not scope[0] <= sent.start_char + f.start < scope[1]:
            continue   # the deaths of another act of the sentence
        if demanded(sent, grievance, f.start):
            continue   # ("rioted against the killing of a protester": the deaths the crowd protests)
        cand.deaths.append((f.count, f.text, sent.start_char + f.start, sent.start_char + f.end, f.rule))
    cand.confidence = confidence(cand)
    return cand


def _they_subject(tok: Token) -> bool:
    """Whether the trigger's clause has 'They', opening the sentence, for subject ("They arrested nine
    people"): the doer of the act told in the sentence before, where this one names no doer."""
    return any(c.dep_ == "nsubj" and c.text == "They" and c.i == c.sent.start for c in clause_verb(tok).children)


def _named_as_its_unit(ctx: Context, mention) -> bool:
    """'San Rafael, Bulacan': a town that bears its province's name, after a comma, names the province."""
    place = ctx.gazetteer.get(mention.resolved or "")
    if place is None or json.loads(mention.detail or "{}").get("within"):
        return False   # (a name the gazetteer lacks, coded at its unit, names no unit)
    own = unit_keys(place.name)
    return any(unit and own & unit_keys(unit) for unit in (place.admin1, place.admin2))


def _reach(text: str, p) -> tuple[int, int]:
    """Where a place stands in a list: from the name the gazetteer lacks that it stands for ("Hajr
    (Qatabah, Al Dhale)" for Qatabah) to the end of the brackets it sits in."""
    start = head_start(text, p)
    opened, closed = text.rfind("(", 0, p.start), text.rfind(")", 0, p.start)
    end = text.find(")", p.end) + 1 if opened > closed and text.find(")", p.end) >= 0 else p.end
    return start, end


def _continues(ctx: Context, text: str, group: list, p) -> bool:
    """Whether place `p` continues the list `group` ends: named right after it with a comma or 'and'
    between, a town or area rather than a larger unit, and not the unit of the place before it."""
    start, end = _reach(text, p)[0], _reach(text, group[-1])[1]
    return start > end and bool(COORDINATED.match(QUALIFIER_IN_LIST.sub("", text[end:start]))) \
        and place_key(p) not in {place_key(g) for g in group} \
        and (precision(p) <= 2 or bool(UNITS_LISTED.match(text, p.end))) \
        and not (text[group[-1].end:p.start].strip() == "," and _named_as_its_unit(ctx, p)
                 and not LIST_CONTINUES.match(text, p.end))


def one_per_place(ctx: Context, sent: Span, cand: Candidate) -> list[Candidate]:
    """'Clashes in the cities of Albukamal and Al-Mayadeen': one event per place, deaths split evenly (the
    remainder to the first place)."""
    if cand.event_type == cb.DEVELOPMENTS or not cand.place_explicit or cand.place is None:
        return [cand]
    text = ctx.report.text
    places = [p for p in ctx.in_span(ctx.places, sent.start_char, sent.end_char) if p.resolved
              and "qualifies" not in json.loads(p.detail or "{}")]   # "Celaya, Guanajuato" is one place
    group = [cand.place]
    for p in places:
        if p.start < cand.place.start:
            continue
        if _continues(ctx, text, group, p):
            group.append(p)
    for p in reversed([p for p in places if p.end <= cand.place.start]):
        # "shelled Tal Tamr and the villages of X and Y", X the scene: the list reaches back to Tal Tamr
        if _continues(ctx, text, [p], group[0]) and place_key(p) not in {place_key(g) for g in group} \
                and precision(p) <= 2 and precision(group[0]) <= 2:
            group.insert(0, p)
    if len(group) < 2 or BETWEEN_PLACES.search(text[max(sent.start_char, group[0].start - 40):group[0].start]):
        return [cand]   # "the road between X and Y" is one place on the way, not two events
    out = []
    for k, place in enumerate(group):
        # (the deaths split evenly, what is left over with the first place: three dead in two towns are 2 and 1)
        c = dataclasses.replace(
            cand, place=place, evidence=[e for e in cand.evidence if e.field != "location"] + [
                Evidence("location", place.resolved or "", place.text, place.start, place.end, place.origin)],
            deaths=[(d[0] // len(group) + (d[0] % len(group) if k == 0 else 0), d[1], d[2], d[3],
                     d[4] + ":split-places") for d in cand.deaths],
            explanation=cand.explanation + [f"one of {len(group)} places named together: '{place.text}'" + (
                f" for '{place_key(place)[1]}', which the gazetteer lacks" if place_key(place)[1] else "")],
            sentences=list(cand.sentences), actor1=list(cand.actor1), actor2=list(cand.actor2))
        out.append(c)
    return out


__all__ = ["candidates_in_sentence", "build", "one_per_place"]
