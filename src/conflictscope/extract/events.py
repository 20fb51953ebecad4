"""Code ACLED events from a parsed report (stage `extract.events.v1`).

For each sentence the coder finds trigger phrases from the event lexicon (data/lexicon), vetoes
those that are denied, hypothetical, habitual or opinion, and builds a candidate event around
each trigger: actors and their roles from the dependency parse (agent / patient across active and
passive voice), the place named nearest the trigger (else the place in force in the paragraph),
the date phrase of the sentence (else the date in force), and the reported deaths. Candidates that
tell the same action, day and place are merged, so elaborations of one incident in later
sentences add evidence and figures instead of new events. Every coded field keeps its evidence.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Iterable, Protocol

from spacy.tokens import Doc, Span, Token

from .. import CODER_VERSION
from ..errors import ReferenceDataError
from ..models import Actor, Event, Evidence, Mention, Place, Presence, Report
from ..resolve.dates import DateMention
from ..geo import haversine_km
from .fatalities import FatalityReader

ORIGIN = "extract.events.v1"
DATA = Path(__file__).resolve().parents[1] / "data" / "lexicon" / "events.json"

DISORDER = {
    "Battles": "Political violence", "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence", "Protests": "Demonstrations",
    "Riots": "Demonstrations", "Strategic developments": "Strategic developments",
}
COUNTRY_ISO_NUMERIC = {"SY": 760, "IQ": 368, "LB": 422, "JO": 400, "TR": 792, "IL": 376, "IR": 364,
                       "PS": 275, "SA": 682, "KW": 414}
COUNTRY_NAME = {"SY": "Syria", "IQ": "Iraq", "LB": "Lebanon", "JO": "Jordan", "TR": "Turkey",
                "IL": "Israel", "IR": "Iran", "PS": "Palestine", "SA": "Saudi Arabia", "KW": "Kuwait"}
HISTORY_DAYS = 365
CIVILIAN_TARGET = re.compile(r"\b(houses?|homes?|courtyard|market|shops?|stores?|school|mosque|hospital|bakery|cafe|farm|"
                             r"funeral|wedding|civilians?|residents?|people|children|child|boys?|girls?|mourners|customers|"
                             r"owner|shoppers|worshippers|shepherds?|farmers?|crops|fields|sheep)\b", re.I)
VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots", "Protests"}
PLANTING_VERBS = {"plant", "lay", "leave", "place", "rig", "launch", "fire", "drop", "throw", "detonate"}
NEXT_DAY = re.compile(r"\b(the next day|the following day|a day later|the day after)\b", re.I)
MODALS = {"would", "could", "might", "may", "will", "shall", "should", "must"}
INTENT_HEADS = {"threaten", "plan", "vow", "intend", "warn", "seek", "try", "aim", "prepare",
                "expect", "hope", "want", "call", "urge", "demand", "deny", "refuse", "avoid", "fear"}
LOCAL_VETO = re.compile(
    r"(for fear of|to avoid|to escape|fear of|risk of|threat of|threats? to|possible|potential|prevent|"
    r"any new|in case of|from|against any|targeting by|avoid detection and|during|amid|amidst|despite|"
    r"planning|plotting|preparing|accused|accusing|suspected of|ending|halting|to end|suspend(ing|ed|s)?|"
    r"stop(ping|ped)?|that had|who had|which had|complain(ed|s)? (of|about)|no|"
    r"(after|following|since) (a |an )?(series|string|wave|spate) of|"
    r"since|in the wake of|in response to|in retaliation for)\s+(?:[\w'’-]+\s+){0,4}$", re.I)
STRONG_DATE = re.compile(r"\b(on|last|early on|late on) (monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
                         r"\byesterday|\blast night", re.I)
ORIGIN_CUE = re.compile(r"\b(to|for|via)\s+(the\s+)?([\w'’-]+\s+){0,3}$", re.I)
NONVIOLENT = re.compile(r"\b(took (over|control)|entered|captured|seized control|moved in)\b[^.;]{0,80}\b"
                        r"without (a fight|clashes|fighting|resistance|a shot)", re.I)
LANDMARK_AFTER = re.compile(r"^\W*(square|street|roundabout|basin|valley|plain|hospital|school|mosque|bridge|"
                            r"market|stadium|university|roads?|highway|crossing|park)\b", re.I)
MILITARY_TARGET = re.compile(r"\b(convoy|patrol|checkpoint|military (position|point|post|vehicle|truck)s?|positions?|posts?|"
                             r"outpost|base|barracks|soldiers?|troops|army|militiamen|fighters|members of)\b", re.I)
ROAD_CUE = re.compile(r"\b(linking|connecting)\s+(the\s+)?([\w'’-]+\s+){0,2}$", re.I)
ADMIN_PAREN = re.compile(r"[\w'’]\s*\(\s*([\w'’ -]+,\s*)?$")
DATELINE = re.compile(r"[A-Z][A-Z'’ .-]{2,40}(,\s*[A-Z][\w .]+){0,2},?\s*(\(?[A-Z][\w .]+\)?)?\s*[-–—]\s")
PLACE_CUE = re.compile(r"\b(in|near|at|outside|around|on|into|of|from|between|towards?|east|west|north|south)\W*$", re.I)


class ActorLookup(Protocol):
    def get(self, name: str) -> Actor | None: ...


class PlaceLookup(Protocol):
    def get(self, place_id: str) -> Place | None: ...


@dataclass(frozen=True)
class Trigger:
    """A lexicon entry: a phrase that suggests an event type."""

    name: str
    pattern: re.Pattern[str]
    event_type: str
    sub_event_type: str
    rank: int
    territorial: bool = False
    needs_victim: bool = False
    weak: bool = False          # generic words ("explosion", "fighting") that elaborate a precise trigger
    requires: re.Pattern[str] | None = None   # the sentence must also match this (an attack verb for weapon nouns)


@dataclass(frozen=True)
class Lexicon:
    """The event lexicon: triggers, cue patterns and number words, loaded once."""

    version: str
    triggers: tuple[Trigger, ...]
    cues: dict[str, re.Pattern[str]]
    civilian_words: re.Pattern[str]
    number_words: dict[str, int]
    arrest_authorities: frozenset[str] = frozenset()

    @classmethod
    def load(cls, path: Path | None = None) -> "Lexicon":
        path = path or DATA
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            triggers = tuple(
                Trigger(t["name"], re.compile(t["pattern"], re.I), t["event_type"], t["sub_event_type"],
                        int(t["rank"]), bool(t.get("territorial")), bool(t.get("needs_victim")),
                        bool(t.get("weak")), re.compile(t["requires"], re.I) if t.get("requires") else None)
                for t in raw["triggers"])
            cues = {k: re.compile(v, re.I) for k, v in raw["cues"].items()}
            return cls(raw["version"], triggers, cues, re.compile(raw["civilian_words"], re.I),
                       dict(raw["number_words"]), frozenset(raw.get("arrest_authorities", ())))
        except (OSError, KeyError, ValueError, re.error) as exc:
            raise ReferenceDataError(
                f"event lexicon {path} is malformed: {exc}. Fix the file or restore the shipped one.") from exc


@dataclass
class Candidate:
    """An event under construction, before merging."""

    trigger: Trigger
    sentence: Span
    trig_start: int
    trig_end: int
    event_type: str
    sub_event_type: str
    actor1: list[Mention] = field(default_factory=list)
    actor2: list[Mention] = field(default_factory=list)
    actor1_default: str = ""
    actor2_default: str = ""
    place: Mention | None = None
    place_explicit: bool = False
    date: DateMention | None = None
    date_explicit: bool = False
    deaths: list[tuple[int, str, int, int, str]] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    explanation: list[str] = field(default_factory=list)
    background: bool = False
    history: bool = False        # told as history (over a year before publication): not coded
    caption: bool = False
    confidence: float = 0.5


@dataclass
class Context:
    """What the coder knows about one report while it reads it."""

    report: Report
    doc: Doc
    actors: list[Mention]
    places: list[Mention]
    dates: list[DateMention]
    registry: ActorLookup
    gazetteer: PlaceLookup
    lexicon: Lexicon
    fatality_reader: FatalityReader
    country_iso: str | None
    published: date | None

    def in_span(self, items: Iterable[Any], start: int, end: int) -> list[Any]:
        return [m for m in items if m.start >= start and m.end <= end]


# --- entry point ------------------------------------------------------------------------------

def code_events(report: Report, doc: Doc, actors: list[Mention], places: list[Mention],
                dates: list[DateMention], *, registry: ActorLookup, gazetteer: PlaceLookup,
                lexicon: Lexicon, fatality_reader: FatalityReader,
                country_iso: str | None) -> tuple[list[Event], list[Presence]]:
    """Code the events and presence statements of one report."""
    published = date.fromisoformat(report.published[:10]) if report.published else None
    ctx = Context(report, doc, sorted(actors, key=lambda m: m.start), sorted(places, key=lambda m: m.start),
                  sorted(dates, key=lambda d: d.start), registry, gazetteer, lexicon, fatality_reader,
                  country_iso, published)
    skip = _skipped_ranges(report)
    candidates: list[Candidate] = []
    presence: list[Presence] = []
    state = _ReadingState()
    for sent in doc.sents:
        if any(s <= sent.start_char < e for s, e in skip):
            continue
        caption = _in_caption(report, sent.start_char)
        if caption and ARCHIVE.search(_caption_text(report, sent.start_char)):
            continue
        sent_places = ctx.in_span(ctx.places, sent.start_char, sent.end_char)
        sent_dates = [d for d in ctx.in_span(ctx.dates, sent.start_char, sent.end_char) if d.precision in (1, 2, 3)]
        found = _candidates_in_sentence(ctx, sent, state, caption)
        if not found:
            presence.extend(_presence_in_sentence(ctx, sent, state))
            _attach_deaths(ctx, sent, candidates, state)
        elif state.pending_deaths and sent.start_char <= state.pending_until and found[0].event_type in VIOLENT \
                and not SEPARATE.search(sent.text):
            found[0].deaths.extend(state.pending_deaths)
            found[0].explanation.append("deaths told in the sentence before, which opened this incident")
            state.pending_deaths = []
        candidates.extend(found)
        state.update(ctx, sent, sent_places, sent_dates)
    candidates = _drop_aftermath(ctx, candidates)
    _settle_places(ctx, candidates)
    candidates = _apply_claims(ctx, candidates)
    candidates = _fill_parties(ctx, candidates)
    _infer_opponents(ctx, candidates)
    candidates = _fold_interventions(ctx, candidates)
    merged = _merge(candidates)
    _split_multiday_deaths(merged)
    events = [_to_event(ctx, c) for c in merged]
    return _dedupe_ids(events), presence


# --- reading state: the place and date in force ------------------------------------------------

@dataclass
class _ReadingState:
    place: Mention | None = None
    date: DateMention | None = None
    lead_place: Mention | None = None
    lead_date: DateMention | None = None
    pending_deaths: list[tuple[int, str, int, int, str]] = field(default_factory=list)
    pending_until: int = 0

    def update(self, ctx: "Context", sent: Span, places: list[Mention], dates: list[DateMention]) -> None:
        located = [p for p in places if p.resolved and place_cue_score(ctx, sent, p) == 0
                   and not re.search(r"\b(towards?|to|into)\s+(the\s+)?([\w'’-]+\s+){0,3}$",
                                     ctx.report.text[max(0, p.start - 30):p.start], re.I)]
        # a destination ("fled towards the town of X") is not where the report's events happen
        if located:
            self.place = min(located, key=lambda p: (_precision(p), p.start))
            if self.lead_place is None:
                self.lead_place = self.place
        if dates:
            self.date = dates[0]
            if self.lead_date is None:
                self.lead_date = dates[0]


def _skipped_ranges(report: Report) -> list[tuple[int, int]]:
    """Title blocks are context, not events: the body tells the same incident with its date."""
    return [(b.start, b.end) for b in report.blocks if b.kind == "title"]


def _in_caption(report: Report, pos: int) -> bool:
    return any(b.kind == "caption" and b.start <= pos < b.end for b in report.blocks)


def _caption_text(report: Report, pos: int) -> str:
    for b in report.blocks:
        if b.kind == "caption" and b.start <= pos < b.end:
            return report.text[b.start:b.end]
    return ""


ARCHIVE = re.compile(r"\b(archive|file photo|undated|illustrative|stock photo)\b", re.I)


# --- candidates -------------------------------------------------------------------------------

def _candidates_in_sentence(ctx: Context, sent: Span, state: _ReadingState, caption: bool) -> list[Candidate]:
    text = sent.text
    lex = ctx.lexicon
    if lex.cues["negation"].search(text):
        return []
    heads = [sent.root] + [c for c in sent.root.children if c.dep_ == "ccomp"]
    if any(c.lower_ in MODALS and c.dep_ in ("aux", "auxpass") for h in heads for c in h.children):
        return []   # "operations will continue to target ...": the main verb is future or hypothetical
    sentence_veto = re.search(
        r"\b(in our (view|assessment)|we (consider|believe|caution|assess|expect)|analysts?|assessment|"
        r"repeatedly|in recent (months|years|weeks)|has become|have become|risk|scenario|"
        r"not the first time|frequent(ly)?|recurring|often|from time to time|occasionally|usually|in the past|"
        r"previously|numerous|still carr(y|ies) out|continues? to|keeps? (on )?(launching|carrying)|regularly|routinely|"
        r"accident(al|ally)?|traffic|drown(ed|ing)?|electrical fire|short circuit|a number of attacks|"
        r"(was|were) behind|responsible for (a|the|several|many|numerous)|"
        r"threat(s|en|ened|ens)?|warn(s|ed)?\b|warning (that|of|against)|calls? (on|for)|urg(e|es|ed)|"
        r"is considered|are considered)|^\W*since\b", text, re.I)
    hits: list[tuple[Trigger, re.Match[str]]] = []
    territorial = next((t for t in lex.triggers if t.territorial), None)
    if territorial is not None:
        for p in ctx.in_span(ctx.places, sent.start_char, sent.end_char):
            m = TAKEN_PLACE.search(text, 0, p.start - sent.start_char)
            if m:
                hits.append((territorial, m))   # "took over Tal Abyad": the place is the ground taken
    for trig in lex.triggers:
        if trig.requires is not None and not trig.requires.search(text):
            continue
        for m in trig.pattern.finditer(text):
            hits.append((trig, m))
    if not hits:
        return []
    if sentence_veto and not STRONG_DATE.search(text):
        return []
    claim = CLAIM.search(text)
    diplomatic = lex.cues["diplomatic_protest"].search(text)
    hits = [(t, m) for t, m in hits if not LOCAL_VETO.search(text[:m.start()])
            and not (diplomatic and t.event_type == "Protests")   # a government's protest is no demonstration
            and not (claim and m.start() > claim.start())]   # "IS claimed the attack": told before
    if not hits:
        return []
    chosen = _choose_triggers(ctx, sent, hits)
    out = []
    for trig, m in chosen:
        start, end = sent.start_char + m.start(), sent.start_char + m.end()
        if _is_hypothetical(ctx, sent, start):
            continue
        cand = _build(ctx, sent, trig, start, end, state, caption)
        if cand is not None:
            out.extend(_one_per_place(ctx, sent, cand))
    return out


TAKEN_PLACE = re.compile(r"\b(took over|captured|seized|overran|recaptured|retook|took back|took control of|"
                         r"regained control of|regained|stormed and took)\s+(the\s+)?((town|city|village|district)\s+of\s+)?$",
                         re.I)
COORDINATED = re.compile(r"^\s*(,\s*(and\s+)?|and\s+)(the\s+)?((town|city|village|area)s?\s+of\s+)?$", re.I)


def _one_per_place(ctx: Context, sent: Span, cand: Candidate) -> list[Candidate]:
    """'Clashes in the cities of Albukamal and Al-Mayadeen': one event per place, deaths split evenly."""
    if cand.event_type == "Strategic developments" or not cand.place_explicit or cand.place is None:
        return [cand]
    text = ctx.report.text
    places = [p for p in ctx.in_span(ctx.places, sent.start_char, sent.end_char) if p.resolved]
    group = [cand.place]
    for p in places:
        if p.start > group[-1].end and COORDINATED.match(text[group[-1].end:p.start]) \
                and p.resolved not in {g.resolved for g in group} and _precision(p) <= 2:
            group.append(p)
    if len(group) < 2 or re.search(r"\bbetween\s+(the\s+)?((town|city|village)s?\s+of\s+)?$",
                                   text[max(sent.start_char, group[0].start - 40):group[0].start], re.I):
        return [cand]   # "the road between X and Y" is one place on the way, not two events
    out = []
    for place in group:
        c = dataclasses.replace(
            cand, place=place, evidence=[e for e in cand.evidence if e.field != "location"] + [
                Evidence("location", place.resolved or "", place.text, place.start, place.end, place.origin)],
            deaths=[(d[0] // len(group), d[1], d[2], d[3], d[4] + ":split-places") for d in cand.deaths],
            explanation=cand.explanation + [f"one of {len(group)} places named together: '{place.text}'"],
            sentences=list(cand.sentences), actor1=list(cand.actor1), actor2=list(cand.actor2))
        out.append(c)
    return out


def _choose_triggers(ctx: Context, sent: Span, hits: list[tuple[Trigger, re.Match[str]]]) -> list[tuple[Trigger, re.Match[str]]]:
    """Keep the highest-precedence trigger per event family, plus separate strategic developments.

    ACLED precedence: a sentence that tells a battle with air support is one Battles event; a
    killing inside an ambush is the ambush. Strategic developments told beside violence (an arrest
    after a clash) are separate events.
    """
    violent = [h for h in hits if h[0].event_type != "Strategic developments"]
    strategic = [h for h in hits if h[0].event_type == "Strategic developments"]
    if any(h[0].sub_event_type == "Disrupted weapons use" for h in strategic):
        # weapons seized, defused or intercepted are objects, not attacks
        disrupted = next(h for h in strategic if h[0].sub_event_type == "Disrupted weapons use")
        violent = [h for h in violent if h[0].event_type != "Explosions/Remote violence"
                   or _separate_clause(sent, h[1], disrupted[1])]
    if NONVIOLENT.search(sent.text):
        violent = [h for h in violent if h[0].event_type != "Battles"]
    if any(h[0].sub_event_type == "Arrests" for h in strategic):
        # "arrested the man in an ambush": the manner of the arrest, not a battle
        violent = [h for h in violent if not (h[0].weak and (t := _token_at(sent, sent.start_char + h[1].start()))
                                               is not None and t.dep_ == "pobj")]
    if any(h[0].event_type == "Riots" for h in violent):
        violent = [h for h in violent if h[0].event_type != "Battles"]   # "protesters clashed with police"
    if violent:
        # movements, sweeps and plunder told beside a fight or a killing are part of it
        strategic = [h for h in strategic if h[0].sub_event_type not in ("Change to group/activity", "Other",
                                                                          "Looting/property destruction")]
    chosen: list[tuple[Trigger, re.Match[str]]] = []
    if violent:
        violent.sort(key=lambda h: (_family_rank(h[0]), h[1].start()))
        best = violent[0]
        # protests: riots beat peaceful protest words in the same sentence
        chosen.append(best)
    if strategic:
        strategic.sort(key=lambda h: (h[0].rank, h[1].start()))
        best_sd = strategic[0]
        if not violent or _separate_clause(sent, violent[0][1], best_sd[1]):
            chosen.append(best_sd)
    return chosen


def _family_rank(trig: Trigger) -> tuple[int, int]:
    order = {"Battles": 0, "Explosions/Remote violence": 1, "Riots": 2, "Protests": 3,
             "Violence against civilians": 4}
    if trig.territorial:
        return (-1, trig.rank)
    return (order.get(trig.event_type, 9), trig.rank)


def _separate_clause(sent: Span, a: re.Match[str], b: re.Match[str]) -> bool:
    """Two triggers tell separate events when they belong to different verbs of the sentence."""
    ta = _token_at(sent, sent.start_char + a.start())
    tb = _token_at(sent, sent.start_char + b.start())
    if ta is None or tb is None:
        return False
    va, vb = _clause_verb(ta), _clause_verb(tb)
    return va.i != vb.i and not (vb.dep_ in ("xcomp", "advcl", "conj") and 0 < vb.i - va.i < 4
                                 and any(t.i == vb.i for t in va.subtree))


def _token_at(sent: Span, char: int) -> Token | None:
    for tok in sent:
        if tok.idx <= char < tok.idx + len(tok.text) + 1:
            return tok
    return None


def _clause_verb(tok: Token) -> Token:
    cur = tok
    for _ in range(12):
        if cur.pos_ == "AUX" and cur.dep_ in ("aux", "auxpass") and cur.head.i != cur.i:
            return cur.head   # "was recaptured by ...": the clause is the participle's
        if cur.pos_ in ("VERB", "AUX") or cur.dep_ == "ROOT":
            return cur
        cur = cur.head
    return cur


def _is_hypothetical(ctx: Context, sent: Span, char: int) -> bool:
    tok = _token_at(sent, char)
    if tok is None:
        return False
    verb = _clause_verb(tok)
    if any(c.lower_ in MODALS for c in verb.children if c.dep_ in ("aux", "auxpass")):
        return True
    head = verb
    for _ in range(3):
        if head.dep_ in ("xcomp", "ccomp", "advcl", "pcomp", "acl") and head.head.lemma_.lower() in INTENT_HEADS:
            return True
        if head.head.i == head.i:
            break
        head = head.head
    return False


def _precision(m: Mention) -> int:
    try:
        return int(json.loads(m.detail or "{}").get("precision", 1))
    except (ValueError, AttributeError):
        return 1


def _build(ctx: Context, sent: Span, trig: Trigger, start: int, end: int,
           state: _ReadingState, caption: bool) -> Candidate | None:
    text = ctx.report.text
    tok = _token_at(sent, start)
    if trig.event_type == "Strategic developments" and tok is not None and tok.tag_ == "VBN" \
            and tok.dep_ in ("acl", "amod"):
        return None   # "troops, deployed in the area under a 2019 deal, ...": a description, not an event
    cand = Candidate(trig, sent, start, end, trig.event_type, trig.sub_event_type, caption=caption)
    cand.sentences.append((sent.start_char, sent.end_char))
    cand.evidence.append(Evidence("event_type", trig.event_type, text[start:end], start, end, f"{ORIGIN}:trigger:{trig.name}"))
    cand.explanation.append(f"trigger '{text[start:end]}' ({trig.name}) suggests {trig.event_type} / {trig.sub_event_type}")
    sent_actors = ctx.in_span(ctx.actors, sent.start_char, sent.end_char)
    _assign_roles(ctx, sent, cand, sent_actors)
    if not _refine_type(ctx, sent, cand):
        return None
    _assign_place(ctx, sent, cand, state)
    _assign_date(ctx, sent, cand, state)
    if cand.history:
        return None
    for f in (ctx.fatality_reader.read(sent.text) if cand.event_type in VIOLENT else []):
        cand.deaths.append((f.count, f.text, sent.start_char + f.start, sent.start_char + f.end, f.rule))
    cand.confidence = _confidence(cand)
    return cand


# --- roles ------------------------------------------------------------------------------------

def _mention_root(sent: Span, m: Mention) -> Token | None:
    span = sent.doc.char_span(m.start, m.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _role(sent: Span, m: Mention, trig_tok: Token, reciprocal: bool = False) -> str:
    """'agent', 'patient', 'side' or '' for an actor mention relative to the trigger's clause."""
    root = _mention_root(sent, m)
    if root is None:
        return ""
    verb = _clause_verb(trig_tok)
    path: list[Token] = []
    cur = root
    reached = False
    for _ in range(12):
        path.append(cur)
        if cur.i == verb.i:
            reached = True
            break
        if cur.head.i == cur.i:
            break
        if cur.head.i == verb.i:
            reached = True
            break
        cur = cur.head
    deps = [t.dep_ for t in path]
    preps = [t.head.lower_ for t in path if t.dep_ == "pobj"]
    if not reached and any(t.dep_ in ("nsubj", "nsubjpass") and t.head.lemma_.lower() in SPEECH_VERBS
                           for t in path):
        return "source"   # "..., the SDF said": who tells it, not who took part
    if preps and preps[-1] == "to" and any(t.lower_ == "according" for t in path):
        return "source"
    by = next((t for t in path if t.dep_ == "agent" or (t.dep_ == "prep" and t.lower_ == "by")), None)
    if by is not None:
        if by.head.i in (verb.i, trig_tok.i) or by.head.lemma_.lower() in PLANTING_VERBS:
            return "agent"   # "a landmine left over by ISIS", "a device planted by unknown persons"
        return "patient" if m.start > trig_tok.idx else ""   # "a depot used by militias": the target's user
    if reciprocal and any(p in ("between", "with") for p in preps[:2]):
        return "side"   # "clashes between X and Y", "fought with Y"
    if preps[:1] == ["with"]:
        return "ally"   # "a joint operation with Y": a partner
    if any(p in ("alongside",) for p in preps[:2]) or PARTNER_CUE.search(sent.doc.text[max(0, m.start - 40):m.start]):
        return "ally"
    if "nsubjpass" in deps:
        return "patient"   # "nine soldiers were killed when a device went off": the victims
    top = path[-1]
    if reached and reciprocal and top.dep_ == "nsubj" and "conj" in deps:
        return "side"   # "regime forces and Iranian militias clashed": the second party
    if reached:
        if top.dep_ == "nsubj":
            return "agent"
        if top.dep_ in ("dobj", "attr", "oprd"):
            return "patient"
    elif "nsubj" in deps:
        return "agent"
    if preps and preps[-1] in ("against", "on", "at", "targeting", "upon", "into", "of", "near", "for"):
        return "patient"
    if preps and preps[-1] in ("between", "with"):
        return "side"
    if trig_tok.pos_ == "NOUN":
        # "clashes between X and Y", "X's attack on Y", "strikes by X"
        return "agent" if m.end <= trig_tok.idx else "patient"
    return ""


def _prefer_named(mentions: list[Mention], text: str) -> list[Mention]:
    """'gunmen from the Men of Dignity': the named group, not unidentified gunmen."""
    out: list[Mention] = []
    skip: set[int] = set()
    for i, m in enumerate(mentions):
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        if (nxt is not None and (m.resolved or "").startswith(("Unidentified", "Militia ("))
                and re.fullmatch(r"\s*(from|of|belonging to|believed to belong to|suspected of belonging to|"
                                 r"said to belong to)\s+(the\s+|an?\s+)?[\"“']?\s*", text[m.end:nxt.start])):
            out.append(dataclasses.replace(nxt, start=m.start, text=text[m.start:nxt.end]))
            skip.add(i + 1)
            continue
        if i not in skip:
            out.append(m)
    return out


def _corefer(ctx: Context, m: Mention) -> Mention:
    """'tribal fighters' after 'fighters from the Akidat tribe' are those fighters."""
    if not (m.resolved or "").startswith(("Unidentified Tribal Militia", "Unidentified Clan Militia")):
        return m
    named = [a for a in ctx.actors if a.start < m.start + 2000 and a.resolved
             and "Tribal Militia" in a.resolved and not a.resolved.startswith("Unidentified")]
    if not named:
        return m
    return dataclasses.replace(m, resolved=named[0].resolved, origin=m.origin + "+coreference",
                               detail=m.detail + f"; refers to '{named[0].text}'")


SPEECH_VERBS = {"say", "tell", "report", "announce", "state", "confirm", "add", "claim", "deny", "accuse",
                "write", "post", "publish", "document", "note", "quote", "cite", "describe", "warn", "declare"}
DISAPPEARED = re.compile(r"\b(unknown (location|destination)|whereabouts (remain |are )?unknown|forcibly disappear\w*|"
                         r"not been heard from|fate (remains )?unknown|held incommunicado)\b", re.I)
BELONGING = re.compile(r"\b(suspicion of|suspected of|accused of) (belonging to|joining|membership in)\s+(the\s+|an?\s+)?$",
                       re.I)
PARTNER_CUE = re.compile(r"\b(in cooperation with|in coordination with|together with|with the participation of|"
                         r"backed by|supported by|alongside)\s+(the\s+)?(\w+'s\s+)?$", re.I)
TOLL_SOURCE = re.compile(r"^\s+(put|puts|gave|estimated|raised) the (death )?toll", re.I)
MODIFIER_AFTER = re.compile(r"^-(held|controlled|run|backed|led|affiliated|aligned|supported|funded|linked|"
                            r"occupied|dominated|style)\b", re.I)


AFFILIATION_CUE = re.compile(
    r"(affiliated (with|to)|backed by|loyal to|linked to|supported by|funded by|part of|under the command of|"
    r"operates under|aligned with|close to|run by|trained by|supervised by|affiliate of|"
    r"on behalf of)\s+(the\s+)?(\w+'s\s+)?$", re.I)


def _assign_roles(ctx: Context, sent: Span, cand: Candidate, mentions: list[Mention]) -> None:
    trig_tok = _token_at(sent, cand.trig_start)
    agents: list[Mention] = []
    patients: list[Mention] = []
    sides: list[Mention] = []
    speakers: list[Mention] = []
    allies: list[Mention] = []
    text = ctx.report.text
    mentions = _prefer_named([_corefer(ctx, m) for m in mentions], text)
    for m in mentions:
        actor = ctx.registry.get(m.resolved or "")
        if actor is None or actor.kind == "source":
            continue
        if AFFILIATION_CUE.search(text[max(sent.start_char, m.start - 40):m.start]):
            continue   # "a militia affiliated with the IRGC": an affiliation, not a participant
        if actor.inter not in (6, 7) and BELONGING.search(text[max(sent.start_char, m.start - 40):m.start]):
            continue   # "arrested four men on suspicion of belonging to IS cells"
        if MODIFIER_AFTER.match(text[m.end:m.end + 14]):
            continue   # "SDF-held areas", "Iran-backed militias": a description of something else
        reciprocal = cand.event_type == "Battles" and not cand.trigger.territorial
        role = _role(sent, m, trig_tok, reciprocal) if trig_tok is not None else ""
        if TOLL_SOURCE.match(text[m.end:m.end + 40]):
            role = "source"
        if role == "agent":
            agents.append(m)
        elif role == "patient":
            patients.append(m)
        elif role == "side":
            sides.append(m)
        elif role == "source":
            speakers.append(m)
            continue
        elif role == "ally":
            allies.append(m)
        elif m.end <= cand.trig_start:
            agents.append(m)
        else:
            patients.append(m)
    if sides and not agents:
        agents, sides = sides[:1], sides[1:]
    if not agents and speakers and re.search(r"\b(its|their) (members|fighters|forces|units|men|troops|personnel)\b",
                                             text[sent.start_char:cand.trig_start], re.I):
        agents = speakers[:1]   # "the General Security Service said its members seized ..."
    patients = sides + patients
    if cand.event_type not in ("Protests", "Riots"):
        # civilians, protesters and prisoners do not arrest, shell or raid: they are acted on
        unarmed = [m for m in agents if (a := ctx.registry.get(m.resolved or "")) is not None and a.inter in (6, 7)]
        agents = [m for m in agents if m not in unarmed]
        patients = patients + unarmed
    if cand.event_type == "Strategic developments" and cand.sub_event_type in (
            "Change to group/activity", "Headquarters or base established"):
        patients = []
    if cand.event_type != "Violence against civilians" and cand.sub_event_type != "Looting/property destruction":
        # "arrested a man described as the Islamic State's governor": the armed party is the opponent
        patients.sort(key=lambda m: (ctx.registry.get(m.resolved or "") or Actor("", 0)).inter in (6, 7))
    # an actor is not its own opponent; keep first of each canonical name; partners join the agents
    cand.actor1 = _unique(agents + allies) if agents else _unique(agents)
    if not agents:
        patients = patients + allies
    cand.actor2 = [m for m in _unique(patients) if m.resolved not in {a.resolved for a in cand.actor1}]
    if cand.event_type == "Battles" and not cand.actor1 and len(cand.actor2) >= 2:
        cand.actor1, cand.actor2 = cand.actor2[:1], cand.actor2[1:]
    if cand.event_type == "Battles" and len(cand.actor1) >= 2 and (
            not cand.actor2 or _is_civilian(ctx, cand.actor2[0])):
        cand.actor1, cand.actor2 = cand.actor1[:1], cand.actor1[1:2]   # "X repelled an attack by Y"
    for m in cand.actor1[:1]:
        cand.explanation.append(f"actor1 '{m.text}' -> {m.resolved} (agent of the trigger)")
    for m in cand.actor2[:1]:
        cand.explanation.append(f"actor2 '{m.text}' -> {m.resolved} (acted on)")


def _unique(ms: list[Mention]) -> list[Mention]:
    seen: set[str] = set()
    out = []
    for m in ms:
        if m.resolved and m.resolved not in seen:
            seen.add(m.resolved)
            out.append(m)
    return out


def _country_suffix(ctx: Context, cand: Candidate) -> str:
    iso = ctx.country_iso
    return COUNTRY_NAME.get(iso or "", "Syria") if iso else "Syria"


def _inter(ctx: Context, name: str) -> int | None:
    actor = ctx.registry.get(name)
    return actor.inter if actor else None


def _is_civilian(ctx: Context, m: Mention) -> bool:
    actor = ctx.registry.get(m.resolved or "")
    return actor is not None and actor.inter == 7


def _is_state(ctx: Context, m: Mention) -> bool:
    actor = ctx.registry.get(m.resolved or "")
    return actor is not None and actor.inter in (1, 8)


def _refine_type(ctx: Context, sent: Span, cand: Candidate) -> bool:
    """Apply the codebook's distinctions; False drops the candidate."""
    text = sent.text
    lex = ctx.lexicon
    country = _country_suffix(ctx, cand)
    et, st = cand.event_type, cand.sub_event_type
    window = text[max(0, cand.trig_start - sent.start_char - 80): cand.trig_end - sent.start_char + 120]
    if et == "Violence against civilians" and cand.trigger.needs_victim:
        victim_side = (text[cand.trig_end - sent.start_char:][:100] if cand.actor1
                       else text[:cand.trig_start - sent.start_char][-100:] + " " + text[cand.trig_end - sent.start_char:][:60])
        armed_words = re.search(r"\b(soldiers?|troops|fighters?|militants?|militiamen|officers?|personnel|"
                                r"gunmen|policem[ae]n|guards?)\b", victim_side, re.I)
        victims_civil = (any(_is_civilian(ctx, m) for m in cand.actor2) and not any(
            not _is_civilian(ctx, m) for m in cand.actor2[:1])) or (
            not cand.actor2 and lex.civilian_words.search(window) is not None and not armed_words)
        if not victims_civil:
            # an attack on armed men is a battle; a killing of combatants told alone is a casualty statement
            after = text[cand.trig_start - sent.start_char:]
            if re.search(r"\b(attack(ed|s)?|opened fire|shot at|ambush(ed)?)\b", after, re.I) and (
                    cand.actor2 or MILITARY_TARGET.search(after)):
                cand.event_type, cand.sub_event_type = "Battles", "Armed clash"
            else:
                return False
    if et == "Violence against civilians":
        if not cand.actor1:
            cand.actor1_default = f"Unidentified Armed Group ({country})"
        if not cand.actor2 or not any(_is_civilian(ctx, m) for m in cand.actor2):
            if not cand.actor2:
                cand.actor2_default = f"Civilians ({country})"
    if et == "Strategic developments" and st == "Arrests" and not cand.actor2 and lex.civilian_words.search(
            text[cand.trig_end - sent.start_char:][:80]):
        cand.actor2_default = f"Civilians ({country})"
    if et == "Strategic developments" and st == "Arrests":
        disappeared = DISAPPEARED.search(text)
        if cand.actor1 and (disappeared or (not _is_state(ctx, cand.actor1[0])
                                            and cand.actor1[0].resolved not in lex.arrest_authorities)):
            cand.event_type, cand.sub_event_type = "Violence against civilians", "Abduction/forced disappearance"
            if not cand.actor2:
                cand.actor2_default = f"Civilians ({country})"
    if et == "Violence against civilians" and st == "Abduction/forced disappearance":
        if cand.actor1 and _is_state(ctx, cand.actor1[0]) and not re.search(r"abduct|kidnap", text, re.I) \
                and not DISAPPEARED.search(text):
            cand.event_type, cand.sub_event_type = "Strategic developments", "Arrests"
    if cand.trigger.territorial:
        gov = cand.actor1 and _inter(ctx, cand.actor1[0].resolved or "") == 1
        if gov:
            cand.sub_event_type = "Government regains territory"
        elif cand.actor1:
            cand.sub_event_type = "Non-state actor overtakes territory"
        else:
            cand.sub_event_type = "Non-state actor overtakes territory"
    if et == "Protests":
        if cand.sub_event_type != "Excessive force against protesters":
            if lex.cues["excessive_force"].search(text):
                cand.sub_event_type = "Excessive force against protesters"
            elif lex.cues["protest_intervention"].search(text):
                cand.sub_event_type = "Protest with intervention"
        protesters = [m for m in cand.actor1 + cand.actor2 if (ctx.registry.get(m.resolved or "") or Actor("", 0)).inter == 6]
        others = [m for m in cand.actor1 + cand.actor2 if m not in protesters and not _is_civilian(ctx, m)]
        cand.actor1 = protesters[:1]
        if not protesters:
            cand.actor1_default = f"Protesters ({country})"
        cand.actor2 = others[:1] if cand.sub_event_type != "Peaceful protest" else []
    if et == "Riots":
        rioters = [m for m in cand.actor1 + cand.actor2 if (ctx.registry.get(m.resolved or "") or Actor("", 0)).inter == 5]
        others = [m for m in cand.actor1 + cand.actor2 if m not in rioters and (ctx.registry.get(m.resolved or "") or Actor("", 0)).inter not in (6, 7)]
        cand.actor1 = rioters[:1]
        if not rioters:
            cand.actor1_default = f"Rioters ({country})"
        cand.actor2 = others[:1]
    if et == "Explosions/Remote violence" and not cand.actor2 and CIVILIAN_TARGET.search(window):
        cand.actor2_default = f"Civilians ({country})"
    if cand.sub_event_type == "Looting/property destruction" and CIVILIAN_TARGET.search(window) and not any(
            _is_civilian(ctx, m) for m in cand.actor2):
        cand.actor2 = []
        cand.actor2_default = f"Civilians ({country})"   # shops, homes, crops and flocks belong to civilians
    if et == "Riots" and cand.sub_event_type == "Mob violence" and not cand.actor2:
        cand.actor2_default = f"Civilians ({country})"
    if et == "Explosions/Remote violence" and not cand.actor1:
        if st == "Air/drone strike":
            cand.actor1_default = "Unidentified Military Forces"
        else:
            cand.actor1_default = f"Unidentified Armed Group ({country})"
    if et == "Battles" and not cand.actor1 and not cand.actor2:
        return False
    if cand.event_type == "Strategic developments" and cand.sub_event_type in (
            "Disrupted weapons use", "Agreement", "Non-violent transfer of territory", "Other"):
        cand.actor2 = [m for m in cand.actor2 if not _is_civilian(ctx, m)]
    if cand.event_type == "Strategic developments" and not cand.actor1:
        if cand.actor2 and cand.sub_event_type in ("Change to group/activity", "Headquarters or base established",
                                                   "Disrupted weapons use", "Non-violent transfer of territory"):
            cand.actor1, cand.actor2 = cand.actor2[:1], cand.actor2[1:]
        elif cand.sub_event_type not in ("Disrupted weapons use", "Agreement"):
            # a development with no actor named is context, not an event
            return False
    return True


# --- place and date ---------------------------------------------------------------------------

def _assign_place(ctx: Context, sent: Span, cand: Candidate, state: _ReadingState) -> None:
    """The place named nearest the trigger with a locative cue, else the place in force."""
    places = [p for p in ctx.in_span(ctx.places, sent.start_char, sent.end_char) if p.resolved]
    movement = cand.sub_event_type in ("Change to group/activity", "Other")   # moves and sweeps: the destination counts

    def score(p: Mention) -> tuple[int, int]:
        return (place_cue_score(ctx, sent, p, movement) + (_precision(p) - 1), abs(p.start - cand.trig_start))

    chosen: Mention | None = None
    best = min(places, key=score) if places else None
    inherited = state.place or state.lead_place
    if best is not None and inherited is not None and _precision(best) == 3 and _precision(inherited) <= 2 \
            and place_cue_score(ctx, sent, best, movement) >= 1:
        best = None   # "in the Anbar desert" after a named town: the town is more precise
    if best is not None and (place_cue_score(ctx, sent, best, movement) <= 1 or inherited is None):
        chosen = best
        # a place named without a locative cue is provisional: a later sentence may place the event
        cand.place_explicit = place_cue_score(ctx, sent, best, movement) <= 1
        how = "named in the sentence"
    elif inherited is not None:
        chosen = inherited
        how = "in force from an earlier sentence"
    else:
        chosen = _first_place_after(ctx, sent.end_char)
        how = "the first place the report names after the sentence"
    cand.place = chosen
    if chosen is not None:
        cand.evidence.append(Evidence("location", chosen.resolved or "", chosen.text, chosen.start, chosen.end,
                                      chosen.origin or "resolve.places"))
        cand.explanation.append(f"place '{chosen.text}' ({how})")
    else:
        cand.explanation.append("no place found: location left empty")


def place_cue_score(ctx: Context, sent: Span, p: Mention, movement: bool = False) -> int:
    """How well the words around a place say the event happened there: 0 best."""
    text = ctx.report.text
    before = text[max(sent.start_char, p.start - 30):p.start]
    after = text[p.end:min(sent.end_char, p.end + 30)]
    if re.search(r"\bfrom\s+(the\s+)?([\w'’-]+\s+){0,3}$", before, re.I):
        cue = 2   # "arrived from Aleppo", "a man from the Daraa countryside": an origin, not the scene
    elif re.search(r"\b(to|towards?|into)\s+(the\s+)?([\w'’-]+\s+){0,3}$", before, re.I):
        cue = 0 if movement else 2   # "withdrew towards Khasham": where they went, not the scene
    elif ORIGIN_CUE.search(before):
        cue = 2
    elif re.search(r"\bbetween\s+(the\s+)?([\w'’-]+\s+){0,2}$", before, re.I):
        cue = 1   # "the road between al-Shuhayl and al-Busayrah": near the first place named
    elif ROAD_CUE.search(before):
        cue = 2   # "the highway linking Deir ez-Zor to Palmyra": hundreds of kilometres of road
    elif PLACE_CUE.search(before):
        cue = 0
    else:
        cue = 1
    if re.match(r"\W*(border |eastern |western |northern |southern )?(town|city|village|countryside|district|area|"
                r"neighbou?rhood|suburb|province|governorate)s? of\b", after, re.I):
        cue += 1   # "the Deir Ezzor border town of Albu Kamal": the place is the one after
    if ADMIN_PAREN.search(before):
        cue += 2   # "Sabha (Basira, Deir-ez-Zor)": the district and province of the place before
    if LANDMARK_AFTER.match(after):
        cue += 2   # "al-Karama Square", "the Yarmouk Basin": a landmark or area named after the place
    line_start = text.rfind("\n", 0, p.start) + 1
    if DATELINE.match(text, line_start) and p.start < DATELINE.match(text, line_start).end():
        cue += 3   # "PALMYRA, Syria, Aug 18 (Wire) -": where the report was filed
    if _in_subject(sent, p) and not re.search(r"\bof\s+(the\s+)?$", before, re.I):
        cue += 2   # "the National Defense Forces in Deir Ezzor ... combed the border": where the actor is from
        # ("residents of Maariya gathered" keeps Maariya: people of a place act there)
    return cue


def _in_subject(sent: Span, p: Mention) -> bool:
    root = _mention_root(sent, p)
    if root is None:
        return False
    cur = root
    for _ in range(8):
        if cur.dep_ in ("nsubj", "nsubjpass") and cur.i != root.i:
            return True
        if cur.head.i == cur.i or cur.pos_ in ("VERB", "AUX"):
            return False
        cur = cur.head
    return False


def _first_place_after(ctx: Context, pos: int) -> Mention | None:
    for p in ctx.places:
        if p.start >= pos and p.resolved:
            return p
    return None


def _assign_date(ctx: Context, sent: Span, cand: Candidate, state: _ReadingState) -> None:
    dates = [d for d in ctx.in_span(ctx.dates, sent.start_char, sent.end_char) if d.precision in (1, 2, 3)]
    trig_tok = _token_at(sent, cand.trig_start)
    if trig_tok is not None and state.date is not None and dates and all(
            _in_relative_clause(sent, d.start, trig_tok) for d in dates):
        dates = []   # "lifted the curfew it had imposed in April": April dates the curfew, not the lifting
    next_day = NEXT_DAY.search(sent.text)
    if not dates and next_day and state.date is not None and state.date.value:
        d0 = date.fromisoformat(state.date.value) + timedelta(days=1)
        s0 = sent.start_char + next_day.start()
        dates = [DateMention(next_day.group(0), s0, s0 + len(next_day.group(0)), "next_day", d0.isoformat(),
                             state.date.precision, f"the day after {state.date.value} ('{state.date.text}')")]
    if dates:
        cand.date = min(dates, key=lambda d: abs(d.start - cand.trig_start) + (
            500 if trig_tok is not None and _in_other_clause(sent, d.start, trig_tok) else 0))
        cand.date_explicit = True
        how = "named in the sentence"
    elif state.date is not None:
        cand.date = state.date
        how = "in force from an earlier sentence"
    elif ctx.published is not None and state.lead_date is None:
        cand.date = None
        how = ""
    else:
        cand.date = state.lead_date
        how = "the report's lead date"
    if cand.date is not None:
        d = cand.date
        cand.evidence.append(Evidence("event_date", d.value or "", d.text, d.start, d.end, "resolve.dates.v1:" + d.kind))
        cand.explanation.append(f"date '{d.text}' ({how}): {d.reasoning}")
        if d.value and ctx.published is not None:
            age = (ctx.published - date.fromisoformat(d.value)).days
            if age > 45:
                cand.background = True
                cand.explanation.append(f"background: {age} days before publication")
            if age > HISTORY_DAYS:
                cand.history = True
    else:
        cand.explanation.append("no date phrase: date unknown")


def _in_other_clause(sent: Span, char: int, trig_tok: Token) -> bool:
    """A date attached to another verb than the trigger's ("an elder who was shot on Sunday", "said on Monday")."""
    tok = _token_at(sent, char)
    if tok is None:
        return False
    return _clause_verb(tok).i != _clause_verb(trig_tok).i


def _in_relative_clause(sent: Span, char: int, trig_tok: Token) -> bool:
    """A date inside a relative clause that does not hold the trigger ("the curfew it had imposed in April")."""
    tok = _token_at(sent, char)
    if tok is None:
        return False
    trigger_line = {t.i for t in trig_tok.ancestors} | {trig_tok.i}
    return any(t.dep_ == "relcl" and t.i not in trigger_line for t in [tok, *tok.ancestors])


def _confidence(c: Candidate) -> float:
    score = 0.4
    score += 0.15 if c.actor1 else 0
    score += 0.1 if c.place_explicit else (0.03 if c.place else -0.2)
    score += 0.1 if c.date_explicit else 0
    score += 0.1 if c.trigger.rank < 50 else 0
    score -= 0.15 if c.background else 0
    return round(max(0.05, min(0.95, score)), 2)


# --- deaths told in sentences without a trigger -----------------------------------------------

def _attach_deaths(ctx: Context, sent: Span, candidates: list[Candidate], state: "_ReadingState") -> None:
    """Deaths told in a sentence of their own belong to the event told just before in the paragraph,
    or, when the sentence opens a new incident, to the event told next."""
    figures = ctx.fatality_reader.read(sent.text)
    if not figures:
        return
    deaths = [(f.count, f.text, sent.start_char + f.start, sent.start_char + f.end, f.rule) for f in figures]
    last = next((c for c in reversed(candidates) if c.event_type in VIOLENT), None)
    between = ctx.report.text[last.sentences[-1][1]:sent.start_char] if last else ""
    separate = re.search(r"\b(separate|another|other) (incident|attack|development)|\bseparately\b|\bmeanwhile\b",
                         sent.text, re.I)
    if last is not None and not separate and len(between) < 400:
        last.deaths.extend(deaths)
        last.sentences.append((sent.start_char, sent.end_char))
        return
    state.pending_deaths = deaths
    state.pending_until = sent.end_char + 600


# --- presence ---------------------------------------------------------------------------------

def _presence_in_sentence(ctx: Context, sent: Span, state: _ReadingState) -> list[Presence]:
    if not ctx.lexicon.cues["presence"].search(sent.text):
        return []
    text = ctx.report.text
    actors = [m for m in ctx.in_span(ctx.actors, sent.start_char, sent.end_char)
              if (a := ctx.registry.get(m.resolved or "")) is not None and a.inter not in (5, 6, 7) and a.kind != "source"
              and not AFFILIATION_CUE.search(text[max(sent.start_char, m.start - 40):m.start])
              and not MODIFIER_AFTER.match(text[m.end:m.end + 14])]
    places = [p for p in ctx.in_span(ctx.places, sent.start_char, sent.end_char) if p.resolved] or (
        [state.place] if state.place else [])
    out = []
    for a in _unique(actors):
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


# --- reading across sentences ------------------------------------------------------------------

SEPARATE = re.compile(r"\b(separate|another|other) (incident|attack|development|operation)|\bseparately\b|"
                      r"\belsewhere\b|\bin a related development\b", re.I)
CLAIM = re.compile(r"\b(claimed|claims|claiming|has claimed|have claimed) (the )?(responsibility|attack|strike|"
                   r"bombing|operation|shelling)\b", re.I)
NO_CLAIM = re.compile(r"\b(no (one|party|group)|nobody|not) (has |have )?(immediately )?(claimed|claims)", re.I)
PROTEST_WORDS = re.compile(r"\b(protest\w*|demonstrat\w*|rall(y|ies)|crowds?|marchers|sit-in)\b", re.I)
MULTIDAY = re.compile(r"\b(two|three|four|five|six|seven|\d)\s+days\b", re.I)


def _drop_aftermath(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """Movements told right after a violent event, with no date or place of their own, are its aftermath."""
    out: list[Candidate] = []
    for c in cands:
        prev = out[-1] if out else None
        same_place = not c.place_explicit or (prev is not None and prev.place is not None and c.place is not None
                                              and prev.place.resolved == c.place.resolved)
        if (prev is not None and prev.event_type != "Strategic developments" and c.event_type == "Strategic developments"
                and c.sub_event_type in ("Change to group/activity", "Other") and not c.date_explicit and same_place
                and c.sentences[0][0] - prev.sentences[-1][1] < 700):
            prev.explanation.append(f"aftermath folded in: '{c.sentence.text.strip()[:80]}'")
            prev.deaths.extend(c.deaths)
            continue
        out.append(c)
    return out


def _settle_places(ctx: Context, cands: list[Candidate]) -> None:
    """An event placed only provisionally takes the place the next sentences of its paragraph name."""
    sents = list(ctx.doc.sents)
    starts = {c.sentences[0][0] for c in cands}
    for c in cands:
        if c.place_explicit:
            continue
        idx = next((i for i, s in enumerate(sents) if s.start_char == c.sentences[-1][0]), None)
        if idx is None:
            continue
        for s in sents[idx + 1: idx + 3]:
            if "\n\n" in ctx.report.text[c.sentences[-1][1]:s.start_char] or s.start_char in starts:
                break
            good = [p for p in ctx.in_span(ctx.places, s.start_char, s.end_char)
                    if p.resolved and place_cue_score(ctx, s, p) == 0 and _precision(p) <= 2]
            if good:
                c.place, c.place_explicit = good[0], True
                c.evidence.append(Evidence("location", good[0].resolved or "", good[0].text, good[0].start,
                                           good[0].end, good[0].origin or "resolve.places"))
                c.explanation.append(f"place '{good[0].text}' from the next sentence, which tells where it happened")
                break


def _infer_opponents(ctx: Context, cands: list[Candidate]) -> None:
    """Battles need two sides, interceptions a defender: take them from the events told before."""
    for i, c in enumerate(cands):
        if c.event_type == "Battles" and c.actor1 and (not c.actor2 or _is_civilian(ctx, c.actor2[0])):
            me = c.actor1[0].resolved
            earlier = [e for e in reversed(cands[:i]) if e.event_type == "Battles"] + \
                      [e for e in reversed(cands[:i]) if e.event_type != "Battles"]
            for e in earlier:
                sides = [m for m in e.actor1 + e.actor2 if not _is_civilian(ctx, m)]
                if e.event_type != "Battles" or any(m.resolved == me for m in sides):
                    other = [m for m in sides if m.resolved != me]
                    if other:
                        c.actor2 = other[:1]
                        c.explanation.append(f"actor2 '{other[0].text}': the other side, named in the events told before")
                        break
        if c.sub_event_type == "Disrupted weapons use" and not c.actor1:
            prev = next((e for e in reversed(cands[:i]) if e.event_type == "Explosions/Remote violence"
                         and e.actor2 and not _is_civilian(ctx, e.actor2[0])), None)
            if prev is not None:
                c.actor1 = prev.actor2[:1]
                c.explanation.append(f"actor1 '{prev.actor2[0].text}': the target of the attack told before, "
                                     "which stopped this one")


def _fill_parties(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """'The two sides reached an agreement': the parties are the armed actors of the events before it."""
    out = []
    for i, c in enumerate(cands):
        if c.event_type == "Strategic developments" and c.sub_event_type == "Agreement" and not c.actor1:
            earlier = _unique([m for e in cands[:i] for m in e.actor1 if not _is_civilian(ctx, m)])
            if not earlier:
                continue   # an agreement between no one the report names is not coded
            c.actor1 = earlier[-1:]
            c.actor2 = earlier[-2:-1]
            c.explanation.append("parties of the agreement: the armed actors of the events told before it")
        out.append(c)
    return out


def _apply_claims(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """A claim of responsibility names the attacker of the unclaimed event told before it."""
    for sent in ctx.doc.sents:
        if not CLAIM.search(sent.text) or NO_CLAIM.search(sent.text):
            continue
        claimants = [m for m in ctx.in_span(ctx.actors, sent.start_char, sent.end_char)
                     if (a := ctx.registry.get(m.resolved or "")) is not None and a.inter in (1, 2, 3, 4, 8)]
        if not claimants:
            continue
        before = [c for c in cands if c.sentences[0][0] <= sent.start_char and c.event_type != "Strategic developments"]
        if before and not before[-1].actor1:
            target = before[-1]
            target.actor1 = claimants[:1]
            target.actor1_default = ""
            target.explanation.append(f"actor1 '{claimants[0].text}' from the claim of responsibility: {sent.text.strip()[:120]}")
    return cands


def _fold_interventions(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """Arrests or dispersal of protesters told after a protest are that protest's intervention."""
    out: list[Candidate] = []
    for c in cands:
        prev = out[-1] if out else None
        sent_text = c.sentence.text
        if (prev is not None and prev.event_type == "Protests" and c.event_type != "Protests"
                and PROTEST_WORDS.search(sent_text) and c.sentences[0][0] - prev.sentences[-1][1] < 400
                and (ctx.lexicon.cues["protest_intervention"].search(sent_text)
                     or ctx.lexicon.cues["excessive_force"].search(sent_text))):
            if ctx.lexicon.cues["excessive_force"].search(sent_text) or c.deaths:
                prev.sub_event_type = "Excessive force against protesters"
            elif prev.sub_event_type == "Peaceful protest":
                prev.sub_event_type = "Protest with intervention"
            force = [m for m in c.actor1 + c.actor2 if _is_state(ctx, m) or
                     (ctx.registry.get(m.resolved or "") or Actor("", 0)).inter in (2, 3, 4)]
            if force and not prev.actor2:
                prev.actor2 = force[:1]
            prev.deaths.extend(c.deaths)
            prev.sentences.extend(c.sentences)
            prev.explanation.append(f"intervention told in the next sentence: '{sent_text.strip()[:100]}'")
            continue
        out.append(c)
    return out


def _split_multiday_deaths(cands: list[Candidate]) -> None:
    """A death total over several days is split evenly across that campaign's dated events."""
    for c in cands:
        for d in list(c.deaths):
            if d[4].endswith(":split"):
                continue
            window = c.sentence.doc.text[max(0, d[2] - 200):d[3] + 200]
            m = MULTIDAY.search(window)
            if not m:
                continue
            days = [x for x in cands if x.event_type == c.event_type and x.date is not None and x.date_explicit]
            distinct = {x.date.value for x in days if x.date is not None}
            if len(distinct) < 2:
                continue
            share = d[0] // len(distinct)
            c.deaths.remove(d)
            seen: set[str | None] = set()
            for x in days:
                if x.date is None or x.date.value in seen:
                    continue
                seen.add(x.date.value)
                x.deaths = [y for y in x.deaths if y[0] != d[0]] + [(share, d[1], d[2], d[3], d[4] + ":split")]
                x.explanation.append(f"{d[0]} deaths over {len(distinct)} days split evenly: {share}")


# --- merging ----------------------------------------------------------------------------------

def _merge(cands: list[Candidate]) -> list[Candidate]:
    """One event per action, day and place: fold elaborations into the event they elaborate."""
    merged: list[Candidate] = []
    for c in cands:
        target = None
        if SEPARATE.search(c.sentence.text):
            merged.append(c)
            continue
        for e in reversed(merged):
            if e.event_type != c.event_type:
                continue
            elaboration = not c.date_explicit and not c.place_explicit and c.event_type != "Strategic developments"
            handover = (c.sub_event_type == "Non-violent transfer of territory"
                        and e.sub_event_type == "Change to group/activity")   # withdrew ... then entered
            handover = handover or (c.sub_event_type == "Other" and e.event_type == "Strategic developments" and (
                not c.actor1 or not e.actor1 or c.actor1[0].resolved == e.actor1[0].resolved))   # "the raid ..."
            if (e.sub_event_type != c.sub_event_type and not (e.trigger.weak or c.trigger.weak)
                    and not elaboration and not handover and c.event_type != "Protests"):
                continue
            same_place = (c.place is None or e.place is None or c.place.resolved == e.place.resolved
                          or _near(c.place, e.place, 10.0)
                          or not c.place_explicit or not e.place_explicit or _precision(c.place) == 3)
            same_date = (c.date is None or e.date is None or c.date.value == e.date.value or not c.date_explicit)
            if same_place and same_date:
                target = e
                break
        if target is None:
            merged.append(c)
            continue
        _fold(target, c)
    return merged


def _near(a: Mention, b: Mention, km_limit: float) -> bool:
    """Two places within a few kilometres (a town and one of its districts) are one scene."""
    try:
        da, db = json.loads(a.detail or "{}"), json.loads(b.detail or "{}")
        return haversine_km(da["lat"], da["lon"], db["lat"], db["lon"]) <= km_limit
    except (ValueError, KeyError, TypeError):
        return False


def _fold(e: Candidate, c: Candidate) -> None:
    e.evidence.extend(ev for ev in c.evidence if ev.field != "event_type")
    e.sentences.extend(s for s in c.sentences if s not in e.sentences)
    e.deaths.extend(c.deaths)
    if not e.actor1 and c.actor1:
        e.actor1 = c.actor1
    if not e.actor2 and c.actor2:
        e.actor2 = [m for m in c.actor2 if m.resolved not in {a.resolved for a in e.actor1}]
    if c.place_explicit and not e.place_explicit:
        e.place, e.place_explicit = c.place, True
    if c.date_explicit and not e.date_explicit:
        e.date, e.date_explicit = c.date, True
        e.background = c.background
    if _fold_rank(c.sub_event_type) < _fold_rank(e.sub_event_type):
        if e.event_type == "Strategic developments" and c.actor1 and e.actor1 and c.actor1[0].resolved != e.actor1[0].resolved:
            # "forces withdrew ... the SDF entered without a fight": the newcomer acts, the one leaving is acted on
            e.actor2 = e.actor1[:1] + [m for m in e.actor2 if m.resolved != c.actor1[0].resolved]
            e.actor1 = c.actor1
        e.sub_event_type = c.sub_event_type
    e.explanation.append(f"merged with the {c.trigger.name} trigger at {c.trig_start} (same action, day and place)")
    e.confidence = max(e.confidence, c.confidence)


SD_FOLD_ORDER = ["Non-violent transfer of territory", "Disrupted weapons use", "Looting/property destruction",
                 "Headquarters or base established", "Arrests", "Agreement", "Change to group/activity", "Other"]


def _fold_rank(sub: str) -> int:
    """Which sub-type a merged event keeps: ACLED precedence, specific developments before generic ones."""
    if sub in SD_FOLD_ORDER:
        return 100 + SD_FOLD_ORDER.index(sub)
    return EVENT_SUBTYPE_ORDER.get(sub, 99)


EVENT_SUBTYPE_ORDER = {s: i for i, s in enumerate([
    "Government regains territory", "Non-state actor overtakes territory", "Armed clash",
    "Excessive force against protesters", "Protest with intervention", "Peaceful protest",
    "Violent demonstration", "Mob violence",
    "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED", "Grenade",
    "Sexual violence", "Attack", "Abduction/forced disappearance",
    "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
    "Headquarters or base established", "Looting/property destruction",
    "Non-violent transfer of territory", "Other"])}


# --- to records -------------------------------------------------------------------------------

def _to_event(ctx: Context, c: Candidate) -> Event:
    text = ctx.report.text
    a1 = [m.resolved or "" for m in c.actor1] or ([c.actor1_default] if c.actor1_default else [])
    a2 = [m.resolved or "" for m in c.actor2] or ([c.actor2_default] if c.actor2_default else [])
    if c.event_type == "Violence against civilians" and c.actor2_default and a2 and a2[0] != c.actor2_default \
            and not any(_is_civilian(ctx, m) for m in c.actor2):
        a2 = [c.actor2_default]
    if c.event_type == "Violence against civilians" and c.actor2 and _is_civilian(ctx, c.actor2[0]):
        # ACLED names the victims "Civilians (country)", the specific group (women, workers) as associated
        nation = _nationality(text, c.actor2[0]) or COUNTRY_NAME.get(ctx.country_iso or "", "Syria")
        if not a2[0].startswith("Civilians ("):
            a2 = [f"Civilians ({nation})"] + a2
        elif nation and a2[0] != f"Civilians ({nation})":
            a2 = [f"Civilians ({nation})"] + a2[1:]
    evidence = list(c.evidence)
    refined = c.sub_event_type != c.trigger.sub_event_type
    evidence.append(Evidence("sub_event_type", c.sub_event_type, text[c.trig_start:c.trig_end], c.trig_start,
                             c.trig_end, f"{ORIGIN}:{'refined' if refined else 'trigger'}:{c.trigger.name}"))
    flags: list[str] = []
    for role, ms, default in (("actor1", c.actor1, c.actor1_default), ("actor2", c.actor2, c.actor2_default)):
        if ms:
            evidence.append(Evidence(role, ms[0].resolved or "", ms[0].text, ms[0].start, ms[0].end,
                                     ms[0].origin or "resolve.actors"))
        elif default:
            # the codebook's name for a party the text implies but does not name ("were killed when ...")
            evidence.append(Evidence(role, default, text[c.trig_start:c.trig_end], c.trig_start, c.trig_end,
                                     f"{ORIGIN}:default-actor"))
            flags.append(f"{role}-unnamed")
    place = ctx.gazetteer.get(c.place.resolved or "") if c.place is not None else None
    fatalities = 0
    if c.deaths:
        fatalities, used, why = _count_deaths(c.deaths)
        for d in used:
            evidence.append(Evidence("fatalities", str(d[0]), d[1], d[2], d[3], d[4]))
        if why:
            flags.append("fatalities-differ")
            c.explanation.append(why)
    date_value = c.date.value if c.date else None
    precision = c.date.precision if c.date and c.date.value else None
    if date_value is None:
        flags.append("date-unknown")
    if place is None:
        flags.append("place-unresolved")
    if not c.date_explicit and date_value:
        flags.append("date-inherited")
    if not c.place_explicit and place is not None:
        flags.append("place-inherited")
    if c.caption:
        flags.append("caption")
    geo_precision = None
    if place is not None and c.place is not None:
        geo_precision = _precision(c.place)
        if not c.place_explicit and geo_precision == 1:
            geo_precision = 2
    iso2 = place.country_iso if place else (ctx.country_iso or "")
    inter1 = _inter(ctx, a1[0]) if a1 else None
    inter2 = _inter(ctx, a2[0]) if a2 else None
    a1 = _acled_names(ctx, a1)
    a2 = _acled_names(ctx, a2)
    codes = sorted(x for x in (inter1, inter2) if x is not None)
    interaction = "".join(str(x) for x in codes) if len(codes) == 2 else (f"{codes[0]}0" if codes else "")
    start = min(s for s, _ in c.sentences)
    end = max(e for _, e in c.sentences)
    ev_text = " … ".join(text[s:e].strip() for s, e in sorted(c.sentences))
    # one event per type, day and place; strategic developments of different kinds stay apart
    kind = c.sub_event_type if c.event_type == "Strategic developments" else ""
    key = "|".join([ctx.report.id, c.event_type, kind, place.id if place else "", date_value or "",
                    "" if place or date_value else str(c.trig_start)])
    civilian_targeting = "Civilian targeting" if c.event_type == "Violence against civilians" or (
        a2 and _inter(ctx, a2[0]) == 7) else ""
    return Event(
        id="ev-" + hashlib.sha1(key.encode()).hexdigest()[:16],
        report_id=ctx.report.id,
        source_file=ctx.report.source_file,
        event_type=c.event_type,
        sub_event_type=c.sub_event_type,
        disorder_type=DISORDER[c.event_type],
        event_date=date_value,
        year=int(date_value[:4]) if date_value else None,
        time_precision=precision,
        actor1=a1[0] if a1 else "",
        assoc_actor_1="; ".join(a1[1:]),
        inter1=inter1,
        actor2=a2[0] if a2 else "",
        assoc_actor_2="; ".join(a2[1:]),
        inter2=inter2,
        interaction=interaction,
        civilian_targeting=civilian_targeting,
        iso=COUNTRY_ISO_NUMERIC.get(iso2),
        region="Middle East",
        country=COUNTRY_NAME.get(iso2, place.country if place else ""),
        admin1=(place.admin1 or "") if place else "",
        admin2=(place.admin2 or "") if place else "",
        admin3=(place.admin3 or "") if place else "",
        location=place.name if place else "",
        latitude=round(place.lat, 4) if place else None,
        longitude=round(place.lon, 4) if place else None,
        geo_precision=geo_precision,
        place_id=place.id if place else None,
        source="; ".join(s.name for s in ctx.report.sources if s.role in ("publisher", "originating")) or (ctx.report.publisher or ""),
        notes=ev_text[:1000],
        fatalities=fatalities,
        background=c.background,
        caption=c.caption,
        confidence=c.confidence,
        evidence_text=ev_text,
        evidence_start=start,
        evidence_end=end,
        evidence=evidence,
        flags=flags,
        explanation=c.explanation,
        coder_version=CODER_VERSION,
    )


VICTIM_GROUPS = [
    ("*", r"people|persons|dead|toll|deaths|fatalities|lives|victims|killed"),
    ("state", r"soldiers?|troops|army|officers?|policem[ae]n|police|guards?|personnel|conscripts|security"),
    ("armed", r"militants?|fighters?|militiamen|members?|gunmen|jihadists|insurgents|elements|cell|attackers|commanders?"),
    ("civilian", r"civilians?|residents?|children|women|men|farmers?|shepherds?|workers?|demonstrators?|protesters?|"
                 r"teachers?|doctors?|contractors?|advis[eo]rs?|family|mukhtar|pharmacist|journalists?|driver"),
]


def _victim_group(text: str) -> str:
    """Which group a death figure counts: a total ("people", "toll") or the victims it names."""
    words = text.lower()
    found = [(m.start(), m.group(1)) for _, pat in VICTIM_GROUPS[1:] for m in re.finditer(rf"\b({pat})\b", words)]
    if found:
        noun = max(found)[1]
        return noun[:-1] if noun.endswith("s") and not noun.endswith("ss") else noun
    return "*"


def _count_deaths(deaths: list[tuple[int, str, int, int, str]]) -> tuple[int, list[tuple[int, str, int, int, str]], str]:
    """ACLED's figure from several statements: the lowest of differing totals; the sides' tolls added up.

    Figures for the same group (two totals, or two soldiers' tolls) are differing reports: the lowest
    counts. Figures for different sides ("four members of the cell", "a fighter from the committee")
    add up; a total ("five people were killed") caps that sum.
    """
    groups: dict[str, list[tuple[int, str, int, int, str]]] = {}
    for d in deaths:
        groups.setdefault(_victim_group(d[1]), []).append(d)
    lowest = {k: min(v, key=lambda d: d[0]) for k, v in groups.items()}
    sides = [d for k, d in lowest.items() if k != "*"]
    side_sum = sum(d[0] for d in sides)
    if "*" in lowest and (not sides or lowest["*"][0] <= side_sum):
        chosen, used = lowest["*"][0], [lowest["*"]]
    else:
        chosen, used = side_sum, sides
    differing = any(len({d[0] for d in v}) > 1 for v in groups.values()) or len(groups) > 1
    why = ""
    if differing:
        why = ("death figures " + ", ".join(f"{d[0]} ('{d[1]}')" for d in deaths)
               + f": lowest per group, sides added up, total capped: {chosen}")
    return chosen, used, why


def _acled_names(ctx: Context, names: list[str]) -> list[str]:
    """ACLED's way with units: a state unit is written after its force ("Military Forces of Syria
    (2000-2024) 4th Division"); a militia's parent force is its associated actor."""
    if not names:
        return names
    actor = ctx.registry.get(names[0])
    parent = ctx.registry.get(actor.parent) if actor is not None and actor.parent else None
    if actor is None or parent is None:
        return names
    if actor.inter == 1 and parent.inter == 1:
        first = actor.name if actor.name.startswith(parent.name) else f"{parent.name} {actor.name}"
        return [first] + names[1:]
    if parent.name not in names:
        return names + [parent.name]
    return names


NATIONALITY = {"syrian": "Syria", "iraqi": "Iraq", "lebanese": "Lebanon", "turkish": "Turkey", "iranian": "Iran",
               "jordanian": "Jordan", "israeli": "Israel", "palestinian": "Palestine", "kurdish": None}


def _nationality(text: str, m: Mention) -> str | None:
    """'An Iraqi woman': victims are counted by their nationality."""
    words = re.findall(r"[A-Za-z]+", text[max(0, m.start - 20):m.end].lower())
    return next((NATIONALITY[w] for w in words if NATIONALITY.get(w)), None)


def _dedupe_ids(events: list[Event]) -> list[Event]:
    """Two events that would share an id (same report, type, place, day) are one event."""
    by_id: dict[str, Event] = {}
    for e in events:
        if e.id in by_id:
            kept = by_id[e.id]
            kept.evidence.extend(e.evidence)
            kept.explanation.append(f"folded a second {e.sub_event_type} mention at {e.evidence_start}")
            if e.fatalities and (not kept.fatalities or e.fatalities < kept.fatalities):
                kept.fatalities = e.fatalities
            continue
        by_id[e.id] = e
    return list(by_id.values())
