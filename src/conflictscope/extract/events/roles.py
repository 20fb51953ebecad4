"""Who did what to whom: actor roles from the dependency parse relative to the trigger's clause.

Agents and patients across active and passive voice, "by" agents, coordination and "between" sides,
partners, speakers and "according to" sources (who tell the event and take no part), affiliation
phrases and modifiers (no participants).
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from ... import codebook as cb
from ... import lexicon
from ...codebook import Inter
from ...models import Mention
from .state import Candidate, Context
from .syntax import clause_verb, doc_text, mention_root, sentence_index, token_at

LEX = lexicon.section("roles", "coder")
SPEECH_VERBS = LEX.words("speech_verbs")
FINDING_VERBS = LEX.words("finding_verbs")
PLANTING_VERBS = LEX.words("planting_verbs")
OPERATION_NOUNS = LEX.words("operation_nouns")
HARM_VERBS = LEX.words("harm_verbs")
ASSAULT_VERBS = LEX.words("assault_verbs")
SUFFERING_VERBS = LEX.words("suffering_verbs")
BELONGING = LEX.rx("belonging")
PARTNER_CUE = LEX.rx("partner_cue")
TOLL_SOURCE = LEX.rx("toll_source")
MODIFIER_AFTER = LEX.rx("modifier_after")
HOLDER_AFTER = LEX.rx("holder_after")
JURISDICTION_AFTER = LEX.rx("jurisdiction_after")
JURISDICTION_BEFORE = LEX.rx("jurisdiction_before")
STATION_AFTER = LEX.rx("station_after")
CUSTODY_AFTER = LEX.rx("custody_after")
INSIDE_BEFORE = LEX.rx("inside_before")
AFFILIATION_CUE = LEX.rx("affiliation_cue")
NAMED_GROUP_LINK = LEX.rx("named_group_link")
MEMBERS_NAMED_AFTER = LEX.rx("members_named_after")
LIST_GOES_ON = LEX.rx("bracket_list_goes_on")
OWN_MEMBERS = LEX.rx("own_members")
NEGATED_BEFORE = LEX.rx("negated_before")
UNNAMED_PREFIXES = tuple(sorted(LEX.words("unnamed_prefixes")))
UNNAMED_TRIBAL = tuple(sorted(LEX.words("unnamed_tribal_prefixes")))
NAMED_TRIBAL = tuple(sorted(LEX.words("named_tribal_marker")))
UNNAMED = tuple(sorted(LEX.words("unnamed_marker")))
ATTRIBUTION_HEADS = LEX.words("attribution_heads")
ATTRIBUTION_PREPS = LEX.words("attribution_preps")
AGENT_PREPS = LEX.words("agent_preps")
RECIPROCAL_PREPS = LEX.words("reciprocal_preps")
INSTRUMENT_NOUNS = LEX.words("instrument_nouns")
WEAPON_BEARERS = LEX.words("weapon_bearers")
RECIPROCAL_OBJECTS = LEX.words("reciprocal_objects")
ONE_SIDE = LEX.rx("one_side")
OTHER_SIDE = LEX.rx("other_side")
PARTNER_PREPS = LEX.words("partner_preps")
ALLY_PREPS = LEX.words("ally_preps")
TARGET_PREPS = LEX.words("target_preps")


def _path_to(root: Token, verb: Token) -> tuple[list[Token], bool]:
    """The tokens from a mention's head up towards the clause verb, and whether the verb was reached."""
    path: list[Token] = []
    cur = root
    for _ in range(12):
        path.append(cur)
        if cur.i == verb.i:
            return path, True
        if cur.head.i == cur.i:
            return path, False
        if cur.head.i == verb.i:
            return path, True
        cur = cur.head
    return path, False


def role(sent: Span, m: Mention, trig_tok: Token, reciprocal: bool = False) -> str:
    """'agent', 'patient', 'side', 'ally', 'source' or '' for an actor mention relative to the trigger's clause."""
    root = mention_root(sent, m)
    if root is None:
        return ""
    if m.start <= trig_tok.idx < m.end:
        return "agent"   # "Saudi air raids were reported": a name that holds the trigger is its doer
    verb = clause_verb(trig_tok)
    path, reached = _path_to(root, verb)
    # a mention the parser hangs on the sentence's opening date ("On 3 May, armed men ...") is not its object
    preps = [t.head.lower_ for t in path if t.dep_ == "pobj" and t.head.i != sent.start]
    if _teller(path, preps, verb, reached):
        return "source"
    if _owner_of_act(root, trig_tok) or _verbless_subject(sent, root, trig_tok) or _subject_event_of(root, trig_tok):
        return "agent"
    if any(t.dep_ == "nsubj" and t.head.lemma_.lower() in SUFFERING_VERBS for t in path):
        return "patient"   # "forces suffered casualties after being hit by an IED": who suffers is hit
    by = next((t for t in path if t.dep_ == "agent" or (t.dep_ == "prep" and t.lower_ in AGENT_PREPS)), None)
    if by is not None:
        return _role_after_by(by, m, trig_tok, verb)
    if not reached and verb.dep_ == "acl" and verb.tag_ == "VBG" and any(t.i == verb.head.i for t in path):
        return "agent"   # "a video showed members of the CJNG handing out food": the people it describes do it
    if reciprocal and any(p in RECIPROCAL_PREPS for p in preps[:2]):
        return "side"   # "clashes between X and Y", "fought with Y"
    if preps[:1] and preps[0] in PARTNER_PREPS:
        return "ally"   # "a joint operation with Y": a partner
    if any(p in ALLY_PREPS for p in preps[:2]) or PARTNER_CUE.search(doc_text(sent.doc)[max(0, m.start - 40):m.start]):
        return "ally"
    return _role_by_position(m, trig_tok, path, reached, reciprocal, preps)


def _teller(path: list[Token], preps: list[str], verb: Token, reached: bool) -> bool:
    """Who tells of the act, not who took part: "..., the SDF said" (or "rockets landed, the military said"),
    "according to the army"."""
    if any(t.dep_ in ("nsubj", "nsubjpass") and t.head.lemma_.lower() in SPEECH_VERBS and t.head.i != verb.i
           and (not reached or t.head.dep_ in ("parataxis", "ccomp", "advcl")) for t in path):
        return True
    return bool(preps) and preps[-1] in ATTRIBUTION_PREPS and any(t.lower_ in ATTRIBUTION_HEADS for t in path)


def _subject_event_of(root: Token, trig_tok: Token) -> bool:
    """'Houthi reinforcements were reported': whose the event, told as the clause's subject, is (not "forces
    thwarted a Houthi attack", where the clause's subject is the other side)."""
    return root.dep_ in ("compound", "amod", "poss") and root.head.i == trig_tok.i and trig_tok.pos_ == "NOUN" \
        and trig_tok.dep_ in ("nsubj", "nsubjpass")


def _owner_of_act(root: Token, trig_tok: Token) -> bool:
    """Whose operation or weapon the mention is: "killed during a police raid", "in an army operation",
    "a drone of the international coalition targeted a car"."""
    if root.dep_ in ("compound", "amod", "poss") and root.head.lower_ in OPERATION_NOUNS and root.head.i != trig_tok.i:
        # (not an act the trigger's verb acts on: "the army repelled an ISIS attack", ISIS is the other side)
        return not (root.head.dep_ == "dobj" and root.head.head.i == clause_verb(trig_tok).i)
    return root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in WEAPON_BEARERS


def _verbless_subject(sent: Span, root: Token, trig_tok: Token) -> bool:
    """'Members of an armed group shot at an ambulance', parsed with no main verb, the trigger hung on the
    group as if it were the one shot at: in a sentence without a verb the noun the trigger hangs on is
    its subject."""
    return trig_tok.dep_ == "acl" and trig_tok.head.i == root.i and root.i < trig_tok.i \
        and sent.root.pos_ not in ("VERB", "AUX")


def _owned_act_repelled(cand: Candidate) -> bool:
    """'An ISIS attack was repelled', by no one named: the one side named, whose act it was, is actor1."""
    m = cand.actor2[0] if len(cand.actor2) == 1 else None
    root = mention_root(cand.sentence, m) if m is not None else None
    return root is not None and root.dep_ in ("compound", "amod", "poss") and root.head.lower_ in OPERATION_NOUNS


def _role_after_by(by: Token, m: Mention, trig_tok: Token, verb: Token) -> str:
    """The role of a mention introduced by 'by' (or another agent preposition)."""
    if by.head.i in (verb.i, trig_tok.i) or by.head.lemma_.lower() in PLANTING_VERBS:
        return "agent"   # "a landmine left over by ISIS", "a device planted by unknown persons"
    if by.head.lower_ in OPERATION_NOUNS or by.head.lemma_.lower() in HARM_VERBS or _clause_of(by.head, verb):
        return "agent"   # "killed during an operation by the army", "killed when they were shot by gunmen"
    return "patient" if m.start > trig_tok.idx else ""   # "a depot used by militias": the target's user


def _clause_of(tok: Token, verb: Token) -> bool:
    """Whether a verb heads a clause attached to the trigger's verb or to a verb coordinated with it
    ("one was killed and one wounded when they were shot by ...")."""
    if tok.pos_ != "VERB" or tok.dep_ not in ("advcl", "conj"):
        return False
    head = tok.head
    return head.i == verb.i or (head.dep_ == "conj" and head.head.i == verb.i)


def _role_by_position(m: Mention, trig_tok: Token, path: list[Token], reached: bool, reciprocal: bool,
                      preps: list[str]) -> str:
    """The role a mention's grammatical function and preposition give it."""
    deps = [t.dep_ for t in path]
    if "nsubjpass" in deps:
        return "patient"   # "nine soldiers were killed when a device went off": the victims
    top = path[-1]
    if reached and deps[:2] == ["nsubj", "advcl"] and all(d == "conj" for d in deps[2:]) \
            and path[1].lemma_.lower() in ASSAULT_VERBS and path[1].i > trig_tok.i \
            and any(c.dep_ == "auxpass" for c in clause_verb(trig_tok).children):
        # "a soldier was killed (and another wounded) when gunmen attacked his car": the attackers did it
        return "agent"
    if reached and reciprocal and top.dep_ == "nsubj" and "conj" in deps:
        # "regime forces and Iranian militias clashed": the second party; but "Turkish forces and SNA
        # members clashed with the SDF": the other party is named after the verb, they fought together
        other = any(c.dep_ == "prep" and c.lower_ in RECIPROCAL_PREPS and any(
            g.dep_ == "pobj" and g.lower_ not in INSTRUMENT_NOUNS for g in c.children) for c in top.head.children) \
            or any(c.dep_ == "dobj" and c.lower_ not in RECIPROCAL_OBJECTS and c.lower_ not in INSTRUMENT_NOUNS
                   for c in top.head.children)   # ("Turkish forces and the SNA attacked SDF positions")
        return "ally" if other else "side"
    if reached and deps[:2] == ["dobj", "relcl"] and top.dep_ == "nsubj":
        return "patient"   # "a base that hosts U.S. troops was hit": those the target holds, not the doer
    if reached:
        if top.dep_ == "nsubj":
            return "agent"
        if top.dep_ in ("dobj", "attr", "oprd"):
            return "patient"
    elif "nsubj" in deps and not _own_subject(trig_tok, path):
        return "agent"   # (not another clause's subject where the trigger's has its own: "when they stormed it, police fired")
    if preps and preps[-1] in TARGET_PREPS:
        return "patient"
    if preps and preps[-1] in RECIPROCAL_PREPS:
        return "side"
    if trig_tok.pos_ == "NOUN":
        # "clashes between X and Y", "X's attack on Y", "strikes by X"
        return "agent" if m.end <= trig_tok.idx else "patient"
    return ""


def _own_subject(trig_tok: Token, path: list[Token]) -> bool:
    """Whether the trigger's clause has a pronoun of its own for subject, not on the mention's path ("when
    they tried to force the gate, police fired": the police are the subject of another clause)."""
    on_path = {t.i for t in path}
    return any(c.dep_ == "nsubj" and c.pos_ == "PRON" and c.i not in on_path for c in clause_verb(trig_tok).children)


def _finder(sent: Span, m: Mention) -> bool:
    """Whether the mention is the subject of a verb of finding ("police found the body")."""
    root = mention_root(sent, m)
    return root is not None and root.dep_ == "nsubj" and root.head.lemma_.lower() in FINDING_VERBS


def prefer_named(mentions: list[Mention], text: str) -> list[Mention]:
    """'gunmen from the Men of Dignity': the named group, not unidentified gunmen; 'two SNA factions
    (Ahrar al-Sharqiya and the Hamza Division)': the groups named in brackets, not the one they make up."""
    out: list[Mention] = []
    skip: set[int] = set()
    for i, m in enumerate(mentions):
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        if (nxt is not None and (m.resolved or "").startswith(UNNAMED_PREFIXES)
                and NAMED_GROUP_LINK.fullmatch(text[m.end:nxt.start])):
            out.append(dataclasses.replace(nxt, start=m.start, text=text[m.start:nxt.end]))
            skip.add(i + 1)
            continue
        if nxt is not None and nxt.resolved != m.resolved and nxt.text[:1].isupper() \
                and MEMBERS_NAMED_AFTER.fullmatch(text[m.end:nxt.start]) and LIST_GOES_ON.match(text, nxt.end):
            continue   # "two SNA factions (Ahrar al-Sharqiya and the Hamza Division)": the named ones take part
        if i not in skip:
            out.append(m)
    return out


def corefer(ctx: Context, m: Mention) -> Mention:
    """'tribal fighters' after 'fighters from the Akidat tribe' are those fighters; 'killing two militants'
    after 'an attack by Taliban militants' in the same sentence are Taliban militants."""
    if (m.resolved or "").startswith(UNNAMED) and " " not in m.text.strip():
        head, here = m.text.strip().lower(), sentence_index(ctx.doc, m.start)
        named = [a for a in ctx.in_span(ctx.actors, max(0, m.start - 300), m.start) if a.resolved
                 and not a.resolved.startswith(UNNAMED_PREFIXES) and a.text.lower().endswith(" " + head)
                 and sentence_index(ctx.doc, a.start) == here]
        if named:
            return dataclasses.replace(m, resolved=named[-1].resolved, origin=m.origin + "+coreference",
                                       detail=m.detail + f"; refers to '{named[-1].text}'")
    if not (m.resolved or "").startswith(UNNAMED_TRIBAL):
        return m
    named = [a for a in ctx.actors if a.start < m.start + 2000 and a.resolved
             and any(k in a.resolved for k in NAMED_TRIBAL) and not a.resolved.startswith(UNNAMED)]
    if not named:
        return m
    return dataclasses.replace(m, resolved=named[0].resolved, origin=m.origin + "+coreference",
                               detail=m.detail + f"; refers to '{named[0].text}'")


@dataclass
class _Roles:
    agents: list[Mention] = field(default_factory=list)
    patients: list[Mention] = field(default_factory=list)
    sides: list[Mention] = field(default_factory=list)
    speakers: list[Mention] = field(default_factory=list)
    allies: list[Mention] = field(default_factory=list)


def _participant(ctx: Context, sent: Span, m: Mention) -> bool:
    """Whether a registry actor mentioned in the sentence can take part (not a source, patron or modifier)."""
    text = ctx.report.text
    actor = ctx.registry.get(m.resolved or "")
    if actor is None or actor.kind == "source":
        return False
    before = text[max(sent.start_char, m.start - 40):m.start]
    if NEGATED_BEFORE.search(before):
        return False   # "finding no militants"
    if AFFILIATION_CUE.search(before):
        return False   # "a militia affiliated with the IRGC": an affiliation, not a participant
    if actor.inter not in (Inter.PROTESTERS, Inter.CIVILIANS) and BELONGING.search(before):
        return False   # "arrested four men on suspicion of belonging to IS cells"
    after = text[m.end:m.end + 30]
    if JURISDICTION_AFTER.match(after) or (STATION_AFTER.match(after) and JURISDICTION_BEFORE.search(before)):
        return False   # "a village under Manpur police station": the area it lies in
    # "Iran-backed militias": a modifier; "SDF-held villages": a holder, a side only where the ground is acted on
    return not MODIFIER_AFTER.match(text[m.end:m.end + 14]) or bool(HOLDER_AFTER.match(text[m.end:m.end + 40]))


def _sort_roles(ctx: Context, sent: Span, cand: Candidate, mentions: list[Mention]) -> _Roles:
    trig_tok = token_at(sent, cand.trig_start)
    text = ctx.report.text
    r = _Roles()
    deps = {c.dep_ for c in clause_verb(trig_tok).children} if trig_tok is not None else set()
    passive = "auxpass" in deps and "nsubj" not in deps   # ("suspected IS militants set fire": IS is no auxiliary)
    for m in prefer_named([corefer(ctx, m) for m in mentions], text):
        if not _participant(ctx, sent, m):
            continue
        reciprocal = cand.event_type == cb.BATTLES and not cand.trigger.territorial
        found = role(sent, m, trig_tok, reciprocal) if trig_tok is not None else ""
        if TOLL_SOURCE.match(text[m.end:m.end + 40]) or (found == "agent" and cand.trigger.aftermath
                                                          and _finder(sent, m)):
            found = "source"   # ("police found the body": who found what violence left tells of it)
        if found != "patient" and HOLDER_AFTER.match(text[m.end:m.end + 40]):
            continue   # "in SDF-held Manbij": the ground's holder takes no part unless the ground is hit
        if cand.event_type == cb.VIOLENCE_AGAINST_CIVILIANS and _custodian(ctx, m):
            found = "agent"   # "two men were tortured in police custody": the force that held them did it
        if found == "agent" and m.start > cand.trig_start and ctx.inter_of(m) == Inter.CIVILIANS \
                and cand.event_type != cb.PROTESTS:
            cand.unnamed_attacker = m   # "officers were shot by a man": one armed man, not a civilian victim
            continue
        bucket = {"agent": r.agents, "patient": r.patients, "side": r.sides, "source": r.speakers,
                  "ally": r.allies}.get(found)
        if bucket is None:   # before an active trigger its doer, before a passive one ("was shot") its victim
            bucket = r.agents if m.end <= cand.trig_start and not passive else r.patients
        bucket.append(m)
    return r


def _custodian(ctx: Context, m: Mention) -> bool:
    """A state force named as the keeper of the place people were in ('in police custody', 'inside the
    Sandhaur police station')."""
    text = ctx.report.text
    return ctx.is_state(m) and bool(CUSTODY_AFTER.match(text[m.end:m.end + 40])) \
        and bool(INSIDE_BEFORE.search(text[max(0, m.start - 40):m.start]))


def assign_roles(ctx: Context, sent: Span, cand: Candidate, mentions: list[Mention]) -> None:
    """Set the candidate's actor1 (agents and partners) and actor2 (those acted on)."""
    text = ctx.report.text
    r = _sort_roles(ctx, sent, cand, mentions)
    agents, sides = r.agents, r.sides
    if sides and not agents:
        agents, sides = sides[:1], sides[1:]
    if not agents and r.speakers and OWN_MEMBERS.search(text[sent.start_char:cand.trig_start]):
        agents = r.speakers[:1]   # "the General Security Service said its members seized ..."
    patients = sides + r.patients
    acted_on = {m.resolved for m in patients}
    if len({m.resolved for m in agents}) > 1 and agents[0].resolved not in acted_on:
        # "militants targeted a vehicle of the army with an IED, killing soldiers": a party also
        # named among the victims, beside another doer, is the target, not a second doer
        agents = [m for m in agents if m.resolved not in acted_on]
    if cand.event_type not in (cb.PROTESTS, cb.RIOTS):
        # civilians, protesters and prisoners do not arrest, shell or raid: they are acted on
        unarmed = [m for m in agents if ctx.inter_of(m) in (Inter.PROTESTERS, Inter.CIVILIANS)]
        agents = [m for m in agents if m not in unarmed]
        patients = patients + unarmed
    if cand.event_type == cb.DEVELOPMENTS and cand.sub_event_type in (cb.CHANGE_OF_ACTIVITY, cb.BASE_ESTABLISHED) \
            and not cand.trigger.acted_on:
        patients = []
    if cand.event_type != cb.VIOLENCE_AGAINST_CIVILIANS and cand.sub_event_type != cb.LOOTING:
        # "arrested a man described as the Islamic State's governor": the armed party is the opponent
        patients.sort(key=lambda m: ctx.inter_of(m) in (Inter.PROTESTERS, Inter.CIVILIANS))
    # an actor is not its own opponent; keep first of each canonical name; partners join the agents
    cand.actor1 = unique(agents + r.allies) if agents else unique(agents)
    if not agents:
        patients = patients + r.allies
    cand.actor2 = [m for m in unique(patients) if m.resolved not in {a.resolved for a in cand.actor1}]
    if cand.event_type == cb.BATTLES and not cand.actor1 and (len(cand.actor2) >= 2 or _owned_act_repelled(cand)):
        cand.actor1, cand.actor2 = cand.actor2[:1], cand.actor2[1:]
    if cand.event_type == cb.BATTLES and len(cand.actor1) >= 2 and (
            not cand.actor2 or ctx.is_civilian(cand.actor2[0])):
        cand.actor1, cand.actor2 = cand.actor1[:1], cand.actor1[1:2]   # "X repelled an attack by Y"
    if cand.event_type == cb.BATTLES:
        _sides_told_apart(ctx, sent, cand, mentions)
    for m in cand.actor1[:1]:
        cand.explanation.append(f"actor1 '{m.text}' -> {m.resolved} (agent of the trigger)")
    for m in cand.actor2[:1]:
        cand.explanation.append(f"actor2 '{m.text}' -> {m.resolved} (acted on)")


def _sides_told_apart(ctx: Context, sent: Span, cand: Candidate, mentions: list[Mention]) -> None:
    """'Clashes between regime forces and allied militias on one side, and the NLF and HTS on the other':
    the parties named up to 'on one side' are the first side (the first of them its actor, the others
    its partners), those named from there up to 'on the other' the second."""
    one, other = ONE_SIDE.search(sent.text), OTHER_SIDE.search(sent.text)
    if one is None or other is None or other.start() < one.end():
        return
    start = cand.trig_end if cand.trig_end <= sent.start_char + one.start() else sent.start_char
    named = [m for m in mentions if m.resolved and _participant(ctx, sent, m)]
    first = unique([m for m in named if start <= m.start and m.end <= sent.start_char + one.start()])
    second = unique([m for m in named if sent.start_char + one.end() <= m.start
                     and m.end <= sent.start_char + other.start() and m.resolved not in {a.resolved for a in first}])
    if first and second:
        cand.actor1, cand.actor2 = first, second


def unique(ms: list[Mention]) -> list[Mention]:
    """The first mention of each resolved actor."""
    seen: set[str] = set()
    out = []
    for m in ms:
        if m.resolved and m.resolved not in seen:
            seen.add(m.resolved)
            out.append(m)
    return out
