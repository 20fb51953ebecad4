"""Triggers and vetoes: which phrases of a sentence tell an event, by the codebook's precedence."""
from __future__ import annotations

import re

from spacy.tokens import Span

from ... import codebook as cb
from ... import lexicon
from .lexicon import Trigger
from .state import Context
from .syntax import clause_verb, separate_clause, token_at

LEX = lexicon.section("triggers", "coder")
MODALS = LEX.words("modals")
INTENT_HEADS = LEX.words("intent_heads")
STOPPING_HEADS = LEX.words("stopping_heads")
LOCAL_VETO = LEX.rx("local_veto")
SENTENCE_VETO = LEX.rx("sentence_veto")
STRONG_DATE = LEX.rx("strong_date")
NONVIOLENT = LEX.rx("nonviolent_takeover")
FLIGHT_CAUSED = LEX.rx("flight_caused")
TAKEN_PLACE = LEX.rx("taken_place")
ARCHIVE = LEX.rx("archive_caption")
GRIEVANCE = LEX.rx("grievance")
TALLY = lexicon.section("discourse", "coder").rx("tally")
_SCENE = lexicon.section("scene", "coder")
EVENT_OFFSET = _SCENE.rx("event_offset")
TOLD_BEFORE = _SCENE.rx("told_event_before")
TOLD_CAME = _SCENE.rx("told_event_came")
CAUSE_BEFORE = lexicon.section("classify", "coder").rx("cause_before")
CONSEQUENCE = lexicon.section("classify", "coder").rx("consequence")
CLAIM = lexicon.section("discourse", "coder").rx("claim")
CLAIM_OF_NEW = lexicon.section("discourse", "coder").rx("claim_of_new")

Hit = tuple[Trigger, re.Match[str]]


def find_triggers(ctx: Context, sent: Span) -> list[Hit]:
    """The triggers of a sentence that survive its vetoes (denial, modality, opinion, local cues)."""
    text = sent.text
    lex = ctx.lexicon
    grievance = GRIEVANCE.search(text)
    # a veto inside a protest's grievance ("against the denial of permits") leaves the protest standing
    crowd_only = False
    if lex.cues["negation"].search(text):
        if not _excused(sent, lex.cues["negation"], grievance):
            return []
        crowd_only = True
    if _tells_no_event(ctx, sent):
        return []
    hits: list[Hit] = []
    territorial = next((t for t in lex.triggers if t.territorial), None)
    if territorial is not None:
        for p in ctx.in_span(ctx.places, sent.start_char, sent.end_char):
            m = TAKEN_PLACE.search(text, 0, p.start - sent.start_char)
            if m:
                hits.append((territorial, m))   # "took over Tal Abyad": the place is the ground taken
    lowered = text.lower()
    for trig in lex.triggers:
        if not trig.may_match(text, lowered):
            continue
        if trig.requires is not None and not trig.requires.search(text):
            continue
        for m in trig.pattern.finditer(text):
            hits.append((trig, m))
    if not hits:
        return []
    if SENTENCE_VETO.search(text) and not STRONG_DATE.search(text):
        if not _excused(sent, SENTENCE_VETO, grievance):
            return []
        crowd_only = True
    if crowd_only:
        hits = [(t, m) for t, m in hits if t.event_type in (cb.PROTESTS, cb.RIOTS)]
    if grievance is not None and any(t.event_type == cb.PROTESTS for t, _ in hits):
        hits = [(t, m) for t, m in hits if t.event_type in (cb.PROTESTS, cb.DEVELOPMENTS)
                or not _in_grievance_phrase(sent, grievance, m)]
    claim = _claim_of_told(ctx, sent, hits)
    diplomatic = lex.cues["diplomatic_protest"].search(text)
    vetoed = [m for _, m in hits if _locally_vetoed(sent, m)]
    return [(t, m) for t, m in hits if _stands(text, (t, m), hits, vetoed, claim, diplomatic)]


def _stands(text: str, hit: Hit, hits: list[Hit], vetoed: list[re.Match[str]], claim: re.Match[str] | None,
            diplomatic: re.Match[str] | None) -> bool:
    """Whether a trigger survives what the rest of its sentence says of it."""
    t, m = hit
    return (m not in vetoed and not _consequence_of(text, m, vetoed)
            and not (diplomatic and t.event_type == cb.PROTESTS)   # a government's protest is no demonstration
            and not (claim and m.start() > claim.start())   # "IS claimed the attack": told before
            and not (TOLD_BEFORE.search(text[:m.start()]) and TOLD_CAME.match(text[m.end():]))
            and not (CAUSE_BEFORE.search(text[:m.start()]) and any(o.end() <= m.start() for _, o in hits)))
    # ("The operation came a day after ...": the operation told before, set in time against another act;
    # "burned the offices after the killing of ...": the killing is the cause)


def _tells_no_event(ctx: Context, sent: Span) -> bool:
    """A main verb that is future or hypothetical ("operations will continue to target ..."), or a tally
    of deaths ("more than 450 people have been killed since the protests began")."""
    heads = [sent.root] + [c for c in sent.root.children if c.dep_ == "ccomp"]
    if any(c.lower_ in MODALS and c.dep_ in ("aux", "auxpass") for h in heads for c in h.children):
        return True
    return bool(TALLY.search(sent.text)) and bool(ctx.fatality_reader.read(sent.text))


def _claim_of_told(ctx: Context, sent: Span, hits: list[Hit]) -> re.Match[str] | None:
    """A claim of responsibility for an event told before ("IS claimed the attack"); none where nothing
    was told before ("IS claimed the killing of two soldiers in X": the claim tells the event)."""
    claim = CLAIM.search(sent.text)
    if claim is None or not any(t.pattern.search(ctx.report.text, 0, sent.start_char) for t, _ in hits):
        return None
    # ("claimed responsibility for an attack on Wednesday that killed two fighters": a new event)
    return None if CLAIM_OF_NEW.match(sent.text[claim.end():]) else claim


def _in_grievance_phrase(sent: Span, grievance: re.Match[str], m: re.Match[str]) -> bool:
    """Violence inside what a crowd protests ("rallied against the attack on police by a mob",
    "demanding justice for a dog that was beaten to death"): the grievance, not an event of that day."""
    return in_grievance(sent, grievance, m.start())


def demanded(sent: Span, grievance: re.Match[str] | None, offset: int) -> bool:
    """Whether the words at `offset` are what a crowd demands or protests, told after the grievance's
    word ("rioted against the killing of a protester", "to demand jobs in the oil companies")."""
    return grievance is not None and offset >= grievance.start("g") and in_grievance(sent, grievance, offset)


def in_grievance(sent: Span, grievance: re.Match[str] | None, offset: int) -> bool:
    """Whether the words at `offset` in the sentence belong to what a crowd protests (the phrase that
    the grievance's word governs)."""
    if grievance is None:
        return False
    head = token_at(sent, sent.start_char + grievance.start("g"))
    if head is not None and head.dep_ == "aux" and head.lower_ == "to":
        head = head.head   # "to demand jobs": the verb 'to' marks governs the phrase
    trig = token_at(sent, sent.start_char + offset)
    return head is not None and trig is not None and trig.i != head.i and trig in head.subtree


def _consequence_of(text: str, m: re.Match[str], vetoed: list[re.Match[str]]) -> bool:
    """Whether a trigger tells what a vetoed act did, in a participle after a comma ("... days after gunmen
    attacked a checkpoint, killing two soldiers")."""
    if CONSEQUENCE.match(m.group(0)) is None:
        return False
    gaps = [text[v.end():m.start()] for v in vetoed if v.end() <= m.start()]
    return any(gap.rstrip().endswith(",") and "." not in gap and ";" not in gap for gap in gaps)


def _locally_vetoed(sent: Span, m: re.Match[str]) -> bool:
    """Whether words just before a trigger make it no event; 'from' only where the trigger is the noun
    it governs ("fled from the shelling", not "students from rural schools protested")."""
    veto = LOCAL_VETO.search(sent.text[:m.start()])
    if veto is None or _predicate(sent, m.start()) or EVENT_OFFSET.search(sent.text[:m.start()]):
        # ("a day after militants attacked": an act of its own, dated by that distance)
        return False
    if veto.group(0).lower().startswith("from"):
        head, trig = token_at(sent, sent.start_char + veto.start()), token_at(sent, sent.start_char + m.start())
        return head is None or trig is None or (trig in head.subtree and (trig.pos_ in ("NOUN", "PROPN")
                                                                           or trig.tag_ == "VBG"))
    return True


def _predicate(sent: Span, offset: int) -> bool:
    """Whether the trigger at `offset` is the finite verb of the main clause with its own subject
    ("workers from a construction company demonstrated"): words before it cannot govern it."""
    tok = token_at(sent, sent.start_char + offset)
    return tok is not None and tok.tag_ in ("VBD", "VBZ", "VBP") and tok.dep_ in ("ROOT", "conj") \
        and any(c.dep_ == "nsubj" for c in tok.children)


def _excused(sent: Span, veto: re.Pattern[str], grievance: re.Match[str] | None) -> bool:
    """Whether every match of a veto lies in the grievance of a protest the sentence tells, or in a
    relative clause that describes the people who act ("the family of a constable who was
    accidentally shot held a protest"): a crowd's action then stands."""
    for m in veto.finditer(sent.text):
        if grievance is not None and m.start() >= grievance.start("g"):
            continue
        tok = token_at(sent, sent.start_char + m.start())
        if tok is None or not any(t.dep_ == "relcl" for t in (tok, *tok.ancestors)):
            return False
    return True


def choose_triggers(sent: Span, hits: list[Hit], civilians: re.Pattern[str] | None = None) -> list[Hit]:
    """Keep the highest-precedence trigger per event family, plus separate strategic developments
    (`civilians`, the words for civilians, tell an arrest of its own from a fight's captives).

    ACLED precedence: a sentence that tells a battle with air support is one Battles event; a
    killing inside an ambush is the ambush. Strategic developments told beside violence (an arrest
    after a clash) are separate events.
    """
    overridden = {t for h in hits for t in h[0].overrides}   # "a mine they were laying went off": no explosion event
    hits = [h for h in hits if h[0].event_type not in overridden]
    violent = ranked_violence(sent, hits)
    strategic = [h for h in hits if h[0].event_type == cb.DEVELOPMENTS]
    flight = next((h for h in strategic if h[0].name == "displacement"), None)
    if violent and flight is not None and violent[0][0].event_type == cb.BATTLES and _fight_caused(sent, violent[0], flight):
        return [flight]   # "fighting forced 500 villagers to flee": the flight is the event, the fight its cause
    if violent:
        # movements, sweeps and plunder told beside a fight or a killing are part of it
        strategic = [h for h in strategic if h[0].sub_event_type not in (cb.CHANGE_OF_ACTIVITY, cb.OTHER, cb.LOOTING)]
        if violent[0][0].event_type == cb.BATTLES and civilians is not None:
            # "killed five militants and arrested eight": the captives of a fight are taken in it (but
            # "the clashes followed the arrest of a doctor" tells an arrest of its own)
            strategic = [h for h in strategic if h[0].sub_event_type != cb.ARRESTS
                         or civilians.search(sent.text[h[1].end():h[1].end() + 40])]
            strategic = [h for h in strategic if h[0].sub_event_type != cb.DISRUPTED_WEAPONS]   # its spoils
    chosen: list[Hit] = []
    if violent:
        chosen.append(violent[0])
    if strategic:
        strategic.sort(key=lambda h: (h[0].rank, h[1].start()))
        best_sd = strategic[0]
        if not violent or separate_clause(sent, violent[0][1], best_sd[1]):
            chosen.append(best_sd)
    return chosen


def _fight_caused(sent: Span, fight: Hit, flight: Hit) -> bool:
    """Whether a sentence tells a flight and the fight as its cause: the fight forced it ("clashes
    forced families to flee"), or the flight came after it ("were displaced following a clash")."""
    if fight[1].start() < flight[1].start():
        return flight[1].group(0).lower().startswith("forced") and flight[1].start() - fight[1].end() <= 100
    return bool(FLIGHT_CAUSED.match(sent.text[flight[1].end():fight[1].start()]))


def ranked_violence(sent: Span, hits: list[Hit]) -> list[Hit]:
    """The sentence's triggers of violence and protest the codebook's precedence admits, strongest first."""
    violent = [h for h in hits if h[0].event_type != cb.DEVELOPMENTS]
    strategic = [h for h in hits if h[0].event_type == cb.DEVELOPMENTS]
    if any(h[0].sub_event_type == cb.DISRUPTED_WEAPONS for h in strategic):
        # weapons seized, defused or intercepted are objects, not attacks
        disrupted = next(h for h in strategic if h[0].sub_event_type == cb.DISRUPTED_WEAPONS)
        violent = [h for h in violent if h[0].event_type != cb.REMOTE_VIOLENCE
                   or (separate_clause(sent, h[1], disrupted[1])
                       and not 0 <= h[1].start() - disrupted[1].end() < 60)]   # "recovered IEDs planted by X"
    if NONVIOLENT.search(sent.text):
        violent = [h for h in violent if h[0].event_type != cb.BATTLES]
    if any(h[0].sub_event_type == cb.ARRESTS for h in strategic):
        # "arrested the man in an ambush": the manner of the arrest, not a battle
        violent = [h for h in violent if not (h[0].weak and (t := token_at(sent, sent.start_char + h[1].start()))
                                               is not None and t.dep_ == "pobj")]
    riots = {h[1].span() for h in violent if h[0].event_type == cb.RIOTS}
    if riots:   # "protesters clashed with police" (but an attack on a police station read both ways is the attack)
        violent = [h for h in violent if h[0].event_type != cb.BATTLES or riots == {h[1].span()}]
    # "explosions/bursts of fire involving heavy machine guns": a weak trigger yields to a longer
    # reading that holds its words
    violent = [h for h in violent if not (h[0].weak and any(_within(h[1], o[1]) for o in violent))]
    return sorted(violent, key=lambda h: (family_rank(h[0]), h[1].start()))


def _within(inner: re.Match[str], outer: re.Match[str]) -> bool:
    """Whether a trigger's words lie inside another trigger's longer match."""
    return outer.start() <= inner.start() and inner.end() <= outer.end() and \
        outer.end() - outer.start() > inner.end() - inner.start()


def family_rank(trig: Trigger) -> tuple[int, int]:
    """The codebook's precedence of a trigger's event type (territory taken first), then the trigger's rank."""
    if trig.territorial:
        return (-1, trig.rank)
    return (cb.load().violent_rank(trig.event_type), trig.rank)


def is_stopped(sent: Span, char: int) -> bool:
    """'Police foiled a bomb attack': the act a verb of stopping governs as its object did not happen."""
    tok = token_at(sent, char)
    return tok is not None and tok.dep_ in ("dobj", "nsubjpass", "compound") \
        and (tok.head if tok.dep_ != "compound" else tok.head.head).lemma_.lower() in STOPPING_HEADS


def is_hypothetical(sent: Span, char: int) -> bool:
    """Whether the trigger's clause is modal or governed by a verb of intent, threat or denial."""
    tok = token_at(sent, char)
    if tok is None:
        return False
    verb = clause_verb(tok)
    if any(c.lower_ in MODALS for c in verb.children if c.dep_ in ("aux", "auxpass")):
        return True
    if tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "pobj") and verb.i != tok.i and verb.lemma_.lower() in INTENT_HEADS:
        return True   # "families fled, fearing more clashes": an act named as the object of a fear or a plan
    head = verb
    for _ in range(3):
        if head.dep_ in ("xcomp", "ccomp", "advcl", "pcomp", "acl") and head.head.lemma_.lower() in INTENT_HEADS:
            return True
        if head.head.i == head.i:
            break
        head = head.head
    return False
