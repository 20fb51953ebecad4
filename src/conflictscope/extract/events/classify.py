"""The codebook's distinctions: what a trigger's event becomes given who did it to whom.

A killing is Violence against civilians only when the victims are civilians; detentions by armed
groups that hold no territory are abductions; territory taken by the government is regained;
protests become interventions or excessive force; unnamed parties get the codebook's generic names.
"""
from __future__ import annotations

import re

from spacy.tokens import Span

from ... import codebook as cb
from ... import lexicon
from ...codebook import Inter
from .crowds import ARMED_INTERS, GUNFIGHT, SHOOTING, crowd_fight, crowd_words
from .state import Candidate, Context, unnamed_group
from .syntax import clause_verb, neighbour, token_at
from .triggers import GRIEVANCE, demanded

LEX = lexicon.section("classify", "coder")
CIVILIAN_TARGET = LEX.rx("civilian_target")
SETTLEMENT_ATTACKED = LEX.rx("settlement_attacked")
CIVILIAN_PROPERTY = LEX.rx("civilian_property")
PUBLIC_PROPERTY = LEX.rx("public_property")
MILITARY_TARGET = LEX.rx("military_target")
HARM_WORDS = LEX.rx("harm_words")
AIRCRAFT_WORDS = LEX.rx("aircraft_words")
DISAPPEARED = LEX.rx("disappeared")
ARMED_WORDS = LEX.rx("armed_words")
OFF_DUTY = LEX.rx("off_duty")
ATTACK_WORDS = LEX.rx("attack_words")
INFRASTRUCTURE = LEX.rx("infrastructure")
AT_HOME = LEX.rx("at_home")
KIDNAP_WORDS = LEX.rx("kidnap_words")
DEMONSTRATION = LEX.rx("demonstration")
RIOT_DEMAND = LEX.rx("riot_demand")
DEMONSTRATION_FORM = LEX.rx("demonstration_form")
STATE_PREMISES = LEX.rx("state_premises")
DAMAGE_BY_WEAPONS = LEX.rx("damage_by_weapons")
STATE_OPERATION = LEX.rx("state_operation")
POLICE_WORDS = LEX.rx("police_words")
ARRESTED_UNNAMED = LEX.rx("arrested_unnamed")
IN_THE_AIR = LEX.rx("in_the_air")
FEW_DOERS = LEX.rx("few_doers")
BOMBED = LEX.rx("bombed")
BOTH_SIDES = LEX.rx("both_sides")
EXECUTION = LEX.rx("execution")
MILITARY_PREFIX = "Military Forces of"
OPPOSED_BEFORE = LEX.rx("opposed_before")
CROWD_DOER_BEFORE = LEX.rx("crowd_doer_before")
PEOPLE_HARMED = LEX.rx("people_harmed")
NOBODY_HARMED = LEX.rx("nobody_harmed")
CROWD_DOER_AFTER = LEX.rx("crowd_doer_after")
PRIVATE_DISPUTE = LEX.rx("private_dispute")
PASSIVE_END = LEX.rx("passive_end")
ASIDE = LEX.rx("aside")
KILLER_AGENT = LEX.rx("killer_agent")
AIR_SUPPORT = LEX.rx("air_support")


def refine_type(ctx: Context, sent: Span, cand: Candidate) -> bool:
    """Apply the codebook's distinctions to a candidate; False drops it."""
    if cand.event_type == cb.BATTLES and not cand.trigger.territorial and crowd_fight(ctx, sent, cand):
        cand.event_type = cb.RIOTS
        trigger = sent.text[cand.trig_start - sent.start_char:cand.trig_end - sent.start_char]
        cand.sub_event_type = cb.VIOLENT_DEMONSTRATION if DEMONSTRATION.search(sent.text) or STATE_PREMISES.search(trigger) \
            else cb.MOB_VIOLENCE
        cand.explanation.append("an unarmed crowd fought: a riot, not a battle")
    if cand.event_type == cb.VIOLENCE_AGAINST_CIVILIANS and cand.trigger.needs_victim and _crowd_doer(sent, cand):
        cand.event_type, cand.sub_event_type = cb.RIOTS, cb.MOB_VIOLENCE
        cand.explanation.append("people who are no armed group attacked: mob violence")
    if cand.event_type == cb.BATTLES and ATTACK_WORDS.match(sent.text[cand.trig_start - sent.start_char:]) \
            and _off_duty(ctx, sent, cand):
        cand.event_type, cand.sub_event_type = cb.VIOLENCE_AGAINST_CIVILIANS, cb.ATTACK   # "ambushed an off-duty officer"
    if cand.sub_event_type == cb.AIR_STRIKE and AIR_SUPPORT.search(sent.text):
        cand.event_type, cand.sub_event_type = cb.BATTLES, cb.ARMED_CLASH
        cand.explanation.append("air strikes backed a ground operation: the fight, an armed clash")
    et, st = cand.event_type, cand.sub_event_type
    needs_victim = et == cb.VIOLENCE_AGAINST_CIVILIANS and cand.trigger.needs_victim
    executed = needs_victim and _captives_executed(ctx, sent, cand)
    if needs_victim and not executed and _no_civilian_victims(ctx, sent, cand):
        if not _armed_victims_fought(ctx, sent, cand):
            return False   # a death told without an attacker is a casualty statement
        # soldiers, police or fighters killed by a named attacker: ACLED codes the attack as an armed clash
        cand.event_type, cand.sub_event_type = cb.BATTLES, cb.ARMED_CLASH
        cand.explanation.append("armed men were the victims: an armed clash")
    if cand.event_type == cb.BATTLES and not cand.actor1 and cand.unnamed_attacker is not None:
        cand.actor1_default = cb.load().generic_actor("armed_group", ctx.country_name())
        cand.explanation.append(f"'{cand.unnamed_attacker.text}' attacked armed men: an unidentified armed party")
    elif cand.event_type == cb.BATTLES and not cand.actor1 and cand.trigger.default_doer:
        # "shots were fired at the army's positions": someone not named fired, by the codebook's generic name
        cand.actor1_default = cb.load().generic_actor(cand.trigger.default_doer, ctx.country_name())
        cand.explanation.append(f"the attackers are not named: {cand.actor1_default}")
    _name_unnamed_parties(ctx, sent, cand, cand.event_type)
    _both_sides_in_one_phrase(ctx, cand)
    _detentions(ctx, sent, cand, et, st)
    if cand.trigger.territorial:
        gov = cand.actor1 and ctx.inter(cand.actor1[0].resolved or "") == Inter.STATE
        cand.sub_event_type = cb.GOVERNMENT_REGAINS if gov else cb.NONSTATE_OVERTAKES
    if et == cb.PROTESTS:
        _protest(ctx, sent, cand)
    if et == cb.RIOTS:
        # "militants vandalized the prefect's residence": no crowd, not a riot; but police who demonstrate
        # and burn tyres are a crowd
        if (_armed_doer_without_crowd(ctx, cand) or _few_doers(sent, cand)) and not DEMONSTRATION.search(sent.text):
            return False   # ("two men threw Molotov cocktails at a store": no crowd, the property's destruction)
        _riot(ctx, cand)
        _riot_without_demand(sent, cand)
    _targets(ctx, sent, cand, et, st)
    _bombed_by_the_military(ctx, cand)
    if et == cb.BATTLES and not cand.actor1 and not cand.actor2 and not cand.actor1_default:
        if not GUNFIGHT.search(sent.text):
            return False
        # "a shoot-out took place in X": two armed parties the report does not name
        cand.actor1_default = cand.actor2_default = cb.load().generic_actor("armed_group", ctx.country_name())
        gunfight = GUNFIGHT.search(sent.text)
        span = (sent.start_char + gunfight.start(), sent.start_char + gunfight.end(), "gunfight")
        cand.implied.update(actor1=span, actor2=span)
        cand.explanation.append("a gunfight between parties not named: unidentified armed groups")
    return _development_parties(ctx, cand)


def _off_duty(ctx: Context, sent: Span, cand: Candidate) -> bool:
    """Armed men attacked when off duty, retired or former ("an off-duty police officer was shot"):
    civilian victims, the force they belong to left out of the sides."""
    side = _victim_side(sent, cand) + " " + _victim_told_again(ctx, sent, cand)
    shot = SHOOTING.search(sent.text[cand.trig_start - sent.start_char:cand.trig_end - sent.start_char])
    at_home = AT_HOME.search(side) and any(ctx.is_state(m) for m in cand.actor2[:1])   # "a police officer at his home"
    if not (cand.actor1 or cand.unnamed_attacker is not None or shot) or not (OFF_DUTY.search(side) or at_home):
        return False   # ("an off-duty officer was shot": someone fired, named or not)
    if not ARMED_WORDS.search(side) and not any(ctx.inter_of(m) in ARMED_INTERS for m in cand.actor2[:1]):
        return False
    cand.actor2 = [m for m in cand.actor2 if ctx.is_unarmed(m)]
    cand.explanation.append("armed men attacked off duty or after their service: civilian victims")
    return True


def _victim_told_again(ctx: Context, sent: Span, cand: Candidate) -> str:
    """The next sentence where it names the victim again ("The guard was on his way to work"), else ""."""
    nxt = neighbour(sent, 1)
    if nxt is None or not cand.actor2:
        return ""
    again = ctx.in_span(ctx.actors, nxt.start_char, nxt.end_char)
    return nxt.text if again and again[0].resolved == cand.actor2[0].resolved else ""


def _state_operation(ctx: Context, sent: Span, cand: Candidate) -> bool:
    """Armed men killed in an operation of unnamed state forces ("security operations", "an operation
    by the gendarmerie"): the state's military (or police) fought them, a state force the sentence
    names taking the part. False when the sentence tells no such operation."""
    armed = ARMED_WORDS.search(_victim_side(sent, cand)) and not any(ctx.is_state(m) for m in cand.actor2[:1])
    operation = STATE_OPERATION.search(sent.text) if armed else None
    if operation is None:
        return False
    named = next((m for m in cand.actor2[1:] if ctx.is_state(m)), None)
    force = ctx.state_force("police" if POLICE_WORDS.search(operation.group(0)) else "military")
    if named is not None:
        cand.actor2.remove(named)
        cand.actor1 = [named]
    elif force:
        cand.actor1_default = force
        cand.implied["actor1"] = (sent.start_char + operation.start(), sent.start_char + operation.end(),
                                  "state-operation")
    else:
        return False
    cand.explanation.append(f"armed men fell in '{operation.group(0)}': a clash with state forces")
    return True


def _captives_executed(ctx: Context, sent: Span, cand: Candidate) -> bool:
    """'Gunmen executed two men they accused of theft': captives who no longer fight are victims of
    violence against civilians, whatever they were called; unnamed ones are civilians. Captive soldiers
    or police ("executed two soldiers") stay their force, and the usual rules apply to them."""
    if EXECUTION.search(ctx.report.text[cand.trig_start:cand.trig_end]) is None \
            or any(ctx.is_state(m) for m in cand.actor2):
        return False
    if not _victims_civilian(ctx, sent, cand):
        cand.actor2 = [m for m in cand.actor2 if not unnamed_group(m)]
        if not cand.actor2:
            cand.actor2_default = cb.load().generic_actor("civilians", ctx.country_name())
        cand.explanation.append("captives executed: violence against those who no longer fight")
    return True


def _both_sides_in_one_phrase(ctx: Context, cand: Candidate) -> None:
    """'Two rival clans clashed': one phrase names both sides of a fight; each is that actor. So do
    tribesmen or clansmen who fight with no other side named ('tribesmen exchanged fire'): a feud."""
    if cand.event_type == cb.BATTLES and len(cand.actor1) == 1 and not cand.actor2 and not cand.actor2_default \
            and (BOTH_SIDES.search(cand.actor1[0].text) or ctx.inter_of(cand.actor1[0]) == Inter.IDENTITY_MILITIA):
        cand.actor2 = list(cand.actor1)
        cand.explanation.append(f"'{cand.actor1[0].text}' names both sides of the fight")


def _bombed_by_the_military(ctx: Context, cand: Candidate) -> None:
    """'The army bombed militant bases': a state's military that bombs does it from the air (militants who
    bomb a market set off a device)."""
    if cand.sub_event_type == cb.REMOTE_EXPLOSIVE and cand.actor1 and ctx.is_state(cand.actor1[0]) \
            and (cand.actor1[0].resolved or "").startswith(MILITARY_PREFIX) \
            and BOMBED.fullmatch(ctx.report.text[cand.trig_start:cand.trig_end]):
        cand.sub_event_type = cb.AIR_STRIKE
        cand.explanation.append("a state's military bombed: from the air")
    elif cand.sub_event_type == cb.SHELLING and cand.actor1 and AIRCRAFT_WORDS.search(cand.actor1[0].text):
        cand.sub_event_type = cb.AIR_STRIKE   # "Turkish warplanes bombarded the outskirts of X"
        cand.explanation.append(f"'{cand.actor1[0].text}' bombarded from the air: an air strike")


def _few_doers(sent: Span, cand: Candidate) -> bool:
    """Whether a riot trigger's doers are a few people counted or unknown ("two men", "a pair of
    people"), told right before it: no crowd."""
    before = sent.text[:cand.trig_start - sent.start_char]
    return FEW_DOERS.search(before[-60:]) is not None


def _armed_victims_fought(ctx: Context, sent: Span, cand: Candidate) -> bool:
    """Whether victims who are no civilians fought someone: an attacker named, an operation of the
    state, an armed party of the other side named with them, a shooting, or an attack on armed men."""
    if cand.actor1 or cand.unnamed_attacker is not None:
        return _attack_on_armed_men(sent, cand) or _victims_armed(ctx, sent, cand)
    return (_state_operation(ctx, sent, cand)   # "killed in security operations"
            or _opponent_of_armed_victims(ctx, cand) or _shot_armed_men(ctx, sent, cand)
            or _attack_on_armed_men(sent, cand))


def _crowd_doer(sent: Span, cand: Candidate) -> bool:
    """'A group of people attacked a media office', 'a man was assaulted by his neighbours', 'a man
    was killed over a land dispute': an attack whose doers are a crowd or a few people, or that grew
    from a private dispute, with no armed party named as the doer."""
    if cand.actor1:
        return False
    # (an aside in brackets says where they are from: "30 community members in Kisii county (Nyaribari, Kisii)")
    before = ASIDE.sub("", sent.text[:cand.trig_start - sent.start_char])[-90:]
    after = sent.text[cand.trig_end - sent.start_char:][:80]
    trigger = sent.text[cand.trig_start - sent.start_char:cand.trig_end - sent.start_char]
    passive = PASSIVE_END.search(before) or PASSIVE_END.match(trigger + " ")   # "four people were shot": the victims
    return bool((not passive and (CROWD_DOER_BEFORE.search(before) or CROWD_DOER_BEFORE.search(ASIDE.sub("", _subject(sent, cand)))))
                or CROWD_DOER_AFTER.match(after)
                or PRIVATE_DISPUTE.search(sent.text))   # "a man was attacked over a land dispute"


def _subject(sent: Span, cand: Candidate) -> str:
    """The subject of the trigger's verb, or of the verb it is coordinated with ("a group of citizens caught
    a thief, tied him up and beat him"), as text; "" where it has none."""
    tok = token_at(sent, cand.trig_start)
    verb = clause_verb(tok) if tok is not None else None
    for _ in range(4):
        if verb is None:
            return ""
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is not None:   # its words up to an aside ("a group of neighbours, angry at ..., beat")
            words = [t for t in subj.subtree]
            cut = next((i for i, t in enumerate(words) if t.is_punct), len(words))
            return " ".join(t.text for t in words[:cut])
        verb = verb.head if verb.dep_ == "conj" and verb.head.i != verb.i else None
    return ""


def _shot_armed_men(ctx: Context, sent: Span, cand: Candidate) -> bool:
    """'Two policemen were shot and wounded': armed men shot by no one named fought an unidentified
    armed group (a death alone, 'soldiers were killed', may be a fight's or an accident's)."""
    trigger = sent.text[cand.trig_start - sent.start_char:cand.trig_end - sent.start_char]
    if not SHOOTING.search(trigger) or OFF_DUTY.search(sent.text):
        return False   # (an officer shot off duty is a civilian victim)
    # the victims are a force or a named group ('gunmen' told as victims is more often a misread doer)
    if not (cand.actor2 and ctx.inter_of(cand.actor2[0]) in ARMED_INTERS
            and not unnamed_group(cand.actor2[0])):
        return False
    cand.actor1_default = cb.load().generic_actor("armed_group", ctx.country_name())
    cand.implied["actor1"] = (cand.trig_start, cand.trig_end, "shooting")
    cand.explanation.append(f"armed men shot ('{trigger}') by no one named: an unidentified armed group fired")
    return True


def _opponent_of_armed_victims(ctx: Context, cand: Candidate) -> bool:
    """'Three policemen were killed during an operation against the Taliban': armed victims and an
    armed party of the other side (state against non-state), named after 'against' or 'with',
    fought each other; that party becomes the first side ('LNA soldiers' is one party, not two)."""
    if not cand.actor2 or ctx.inter_of(cand.actor2[0]) not in ARMED_INTERS:
        return False
    state_victims = ctx.is_state(cand.actor2[0])
    text = ctx.report.text
    other = next((m for m in cand.actor2[1:] if ctx.inter_of(m) in ARMED_INTERS
                  and ctx.is_state(m) != state_victims
                  and OPPOSED_BEFORE.search(text[max(cand.sentence.start_char, m.start - 40):m.start])), None)
    if other is None:
        return False
    cand.actor2.remove(other)
    cand.actor1 = [other]
    cand.explanation.append(f"armed victims and '{other.text}', the other side named with them: they fought")
    return True


def _window(sent: Span, cand: Candidate) -> str:
    text = sent.text
    return text[max(0, cand.trig_start - sent.start_char - 80): cand.trig_end - sent.start_char + 120]


def _property_harmed(sent: Span, cand: Candidate) -> bool:
    """Whether the words around the trigger name property of civilians, outside what a crowd demands or
    protests ("blocked the road to demand jobs in the oil companies": the companies are what they want,
    not what they damaged)."""
    lo = max(0, cand.trig_start - sent.start_char - 80)   # where `_window` starts in the sentence
    wanted = GRIEVANCE.search(sent.text)
    return any(not demanded(sent, wanted, lo + m.start()) for m in CIVILIAN_PROPERTY.finditer(_window(sent, cand)))


def _victims_civilian(ctx: Context, sent: Span, cand: Candidate) -> bool:
    """Whether the victims of a killing are civilians: by the registry, else by the words around it."""
    armed_words = ARMED_WORDS.search(_victim_side(sent, cand))
    return (any(ctx.is_unarmed(m) for m in cand.actor2) and not any(
        not ctx.is_unarmed(m) for m in cand.actor2[:1])) or (
        not cand.actor2 and not armed_words and (ctx.lexicon.civilian_words.search(_window(sent, cand)) is not None
                                                 or SETTLEMENT_ATTACKED.search(_window(sent, cand)) is not None
                                                 or _place_attacked(ctx, sent, cand)
                                                 # "hurled tear gas at Palestinians": a people, not its forces
                                                 or crowd_words(ctx.theatre, True).search(_victim_side(sent, cand))
                                                 is not None))


def _place_attacked(ctx: Context, sent: Span, cand: Candidate) -> bool:
    """An attack whose object is a place by its name ("militants attacked Kuti (district, province)"):
    the people of the place are its victims."""
    if not ATTACK_WORDS.match(sent.text[cand.trig_start - sent.start_char:]):
        return False
    rest = sent.text[cand.trig_end - sent.start_char:]
    target = cand.trig_end + len(rest) - len(rest.lstrip())
    if any(m.start == target for m in ctx.in_span(ctx.places, cand.trig_end, sent.end_char)):
        return True
    # a name the gazetteer does not hold, placed by the unit after it ("attacked Kuti (Dala, Osun)")
    token = token_at(sent, target)
    return token is not None and token.idx == target and token.pos_ == "PROPN" and not ctx.in_span(ctx.actors, target, target + 1) \
        and sent.text[token.idx + len(token.text) - sent.start_char:].lstrip().startswith("(")


def _armed_doer_without_crowd(ctx: Context, cand: Candidate) -> bool:
    """Whether a riot's doer is a state force or armed group and no rioters or protesters are named."""
    crowd = (Inter.RIOTERS, Inter.PROTESTERS, Inter.CIVILIANS)
    return cand.trigger.event_type == cb.RIOTS and bool(cand.actor1) \
        and ctx.inter_of(cand.actor1[0]) in ARMED_INTERS and not any(
        ctx.inter_of(m) in crowd for m in cand.actor1 + cand.actor2)


def _no_civilian_victims(ctx: Context, sent: Span, cand: Candidate) -> bool:
    """Whether a killing's victims are not civilians: not off duty, not told as civilians, and not the
    victims of a named armed killer whom no word arms."""
    return not _off_duty(ctx, sent, cand) and not _victims_civilian(ctx, sent, cand) \
        and not _named_killer_of_unarmed(ctx, sent, cand)


def _named_killer_of_unarmed(ctx: Context, sent: Span, cand: Candidate) -> bool:
    """'Unknown gunmen assassinated a member of the Sons of Iraq': a killing by an armed party the text
    names, of victims no word makes armed, is an attack on them (civilians, as the codebook presumes)."""
    if not (cand.actor1 and ctx.inter_of(cand.actor1[0]) in ARMED_INTERS and not cand.actor2
            and not _victims_armed(ctx, sent, cand)):
        return False
    if cand.actor1[0].start >= cand.trig_end:
        return _killed_by_named_agent(sent, cand)
    if cand.actor1[0].end > cand.trig_start:
        return False
    # the trigger itself tells the death ("assassinated a member", not "attacked a checkpoint"), and the
    # killer is its subject (not "shelled the town, killing three": the shelling did it)
    verb = token_at(sent, cand.trig_start)
    while verb is not None and verb.dep_ == "conj":
        verb = verb.head
    killer = cand.actor1[0]
    # (the subject's head word is in the killer's name or before it, and the subject's words reach it:
    # "unknown gunmen", "members of ISIS")
    subject = verb is not None and any(
        c.dep_ == "nsubj" and c.idx < killer.end and killer.start < c.right_edge.idx + len(c.right_edge.text)
        for c in verb.children)
    after = sent.text[cand.trig_start - sent.start_char:]
    # ("opened fire on a member of the reconciliation committees, wounding him": harm to a person, not a post)
    harmed = HARM_WORDS.search(after) is not None and MILITARY_TARGET.search(after) is None
    return subject and (harmed or any(f.start == 0 for f in ctx.fatality_reader.read(after)))


def _killed_by_named_agent(sent: Span, cand: Candidate) -> bool:
    """'The head of a farmers' union was shot dead by unknown gunmen': a passive killing whose agent is the
    armed killer the text names (the words before the trigger tell the victims)."""
    base = sent.start_char
    trigger = sent.text[cand.trig_start - base:cand.trig_end - base]
    passive = PASSIVE_END.search(sent.text[:cand.trig_start - base]) or PASSIVE_END.match(trigger + " ")
    return bool(passive and KILLER_AGENT.fullmatch(sent.text[cand.trig_end - base:cand.actor1[0].start - base]))


def _victims_armed(ctx: Context, sent: Span, cand: Candidate) -> bool:
    """Whether the victims of a killing are armed: a state force or armed group, or armed words."""
    if cand.actor2 and ctx.inter_of(cand.actor2[0]) in ARMED_INTERS:
        return True
    return bool(ARMED_WORDS.search(_victim_side(sent, cand)))


def _victim_side(sent: Span, cand: Candidate) -> str:
    """The words that tell a killing's victims: after the trigger when the killer is named before it
    ("gunmen shot two soldiers"), before it when the killer comes after ("a vendor was shot by gunmen"),
    the killer's own words left out."""
    text, base = sent.text, sent.start_char
    if cand.actor1 and cand.actor1[0].end <= cand.trig_start:
        return text[cand.trig_end - base:][:100]
    before = text[:cand.trig_start - base][-100:]
    if cand.actor1:
        return before
    return before + " " + text[cand.trig_end - base:][:60]


def _attack_on_armed_men(sent: Span, cand: Candidate) -> bool:
    """An attack on armed men is a battle."""
    after = sent.text[cand.trig_start - sent.start_char:]
    return bool(ATTACK_WORDS.search(after) and (cand.actor2 or MILITARY_TARGET.search(after)))


def _name_unnamed_parties(ctx: Context, sent: Span, cand: Candidate, et: str) -> None:
    """Violence against civilians has a perpetrator and victims even when the text names neither."""
    book, country = cb.load(), ctx.country_name()
    if et == cb.VIOLENCE_AGAINST_CIVILIANS:
        if not cand.actor1:
            cand.actor1_default = book.generic_actor("armed_group", country)
        if not cand.actor2:
            cand.actor2_default = book.generic_actor("civilians", country)


def _detentions(ctx: Context, sent: Span, cand: Candidate, et: str, st: str) -> None:
    """Arrests by the state or a governing authority; abductions by everyone else or with disappearance."""
    text, lex = sent.text, ctx.lexicon
    book, country = cb.load(), ctx.country_name()
    if et == cb.DEVELOPMENTS and st == cb.ARRESTS and not cand.actor2 and lex.civilian_words.search(
            text[cand.trig_end - sent.start_char:][:80]):
        cand.actor2_default = book.generic_actor("civilians", country)
    if et == cb.DEVELOPMENTS and st == cb.ARRESTS:
        disappeared = DISAPPEARED.search(text)
        if cand.actor1 and (disappeared or (not ctx.is_state(cand.actor1[0])
                                            and cand.actor1[0].resolved not in lex.arrest_authorities)):
            cand.event_type, cand.sub_event_type = cb.VIOLENCE_AGAINST_CIVILIANS, cb.ABDUCTION
            if not cand.actor2:
                cand.actor2_default = book.generic_actor("civilians", country)
    if et == cb.VIOLENCE_AGAINST_CIVILIANS and st == cb.ABDUCTION:
        if cand.actor1 and ctx.is_state(cand.actor1[0]) and not KIDNAP_WORDS.search(text) \
                and not DISAPPEARED.search(text):
            cand.event_type, cand.sub_event_type = cb.DEVELOPMENTS, cb.ARRESTS


def _protest(ctx: Context, sent: Span, cand: Candidate) -> None:
    """Protesters are actor1; the force that intervened actor2; intervention and force set the sub-type."""
    text, lex = sent.text, ctx.lexicon
    if cand.sub_event_type != cb.EXCESSIVE_FORCE:
        if _told_outside_grievance(sent, lex.cues["excessive_force"]):
            cand.sub_event_type = cb.EXCESSIVE_FORCE
        elif _told_outside_grievance(sent, lex.cues["protest_intervention"]):
            cand.sub_event_type = cb.PROTEST_WITH_INTERVENTION
    protesters = [m for m in cand.actor1 + cand.actor2 if ctx.inter_of(m) == Inter.PROTESTERS]
    others = [m for m in cand.actor1 + cand.actor2 if m not in protesters and not ctx.is_civilian(m)]
    if not others and cand.sub_event_type != cb.PEACEFUL_PROTEST:
        # "soldiers stopped the protesters ...": the force that intervened, named as the doer of another verb
        others = [m for m in ctx.in_span(ctx.actors, sent.start_char, sent.end_char) if ctx.is_state(m)][:1]
    cand.actor1 = protesters[:1]
    if not protesters:
        cand.actor1_default = cb.load().generic_actor("protesters", ctx.country_name())
    cand.actor2 = others[:1] if cand.sub_event_type != cb.PEACEFUL_PROTEST else []
    if not cand.actor2 and any(s is not None and lex.cues["counter_protest"].search(s.text)
                               for s in (sent, neighbour(sent, 1), neighbour(sent, 2))):
        # "a counter-protest in support of the government", told with the protest or right after it: the
        # other crowd is the second side (protesters against protesters, the codebook's interaction 66)
        cand.actor2_default = cb.load().generic_actor("protesters", ctx.country_name())


def _told_outside_grievance(sent: Span, cue: re.Pattern[str]) -> bool:
    """Whether the sentence tells what the cue names other than inside what the crowd demands ("demanded the
    release of activists who were detained last week": an arrest of the past, not an intervention)."""
    grievance = GRIEVANCE.search(sent.text)
    return any(not demanded(sent, grievance, m.start()) for m in cue.finditer(sent.text))


def _riot(ctx: Context, cand: Candidate) -> None:
    """Rioters are actor1; whom they fought (not protesters or civilians) actor2."""
    rioters = [m for m in cand.actor1 + cand.actor2 if ctx.inter_of(m) == Inter.RIOTERS]
    others = [m for m in cand.actor1 + cand.actor2
              if m not in rioters and ctx.inter_of(m) not in (Inter.PROTESTERS, Inter.CIVILIANS)]
    if not rioters and not cand.actor2 and IN_THE_AIR.search(ctx.report.text[cand.trig_start:cand.trig_end]):
        others = []   # "soldiers demonstrated, firing into the air": the only party named is the crowd itself
    cand.actor1 = rioters[:1]
    if not rioters:
        cand.actor1_default = cb.load().generic_actor("rioters", ctx.country_name())
    cand.actor2 = others[:1]


def _riot_without_demand(sent: Span, cand: Candidate) -> None:
    """'Residents pelted stones at police who were enforcing the curfew': a riot that its sentence and the
    ones beside it tell with no demonstration and no demand is mob violence, not a violent demonstration."""
    if cand.sub_event_type != cb.VIOLENT_DEMONSTRATION \
            or DEMONSTRATION_FORM.search(sent.text[cand.trig_start - sent.start_char:cand.trig_end - sent.start_char]):
        return   # ("burned tyres", "inmates rioted": a demonstration's own forms)
    told = [s.text for s in (neighbour(sent, -1), sent, neighbour(sent, 1)) if s is not None]
    if not any(DEMONSTRATION.search(t) or RIOT_DEMAND.search(t) for t in told):
        cand.sub_event_type = cb.MOB_VIOLENCE
        cand.explanation.append("a riot told with no demonstration and no demand: mob violence")


def _people_harmed(ctx: Context, sent: Span, cand: Candidate) -> bool:
    """Whether the sentence of an armed group's plunder, or one of the next three of its paragraph up to
    one that names another armed party, tells of people hurt or killed (not where it says no one was)."""
    if cand.actor1 and ctx.inter_of(cand.actor1[0]) not in ARMED_INTERS:
        return False   # (rioters, protesters or a crowd: the riot's own rules)
    told, own = [sent], {m.resolved for m in (*cand.actor1, *cand.actor2)}
    for step in (1, 2, 3):
        nxt = neighbour(sent, step)
        if nxt is None or "\n" in ctx.report.text[told[-1].end_char:nxt.start_char] or any(
                m.resolved not in own and not ctx.is_civilian(m) for m in ctx.in_span(ctx.actors, nxt.start_char, nxt.end_char)):
            break   # ("an air force intervention killed three militants": another party's act and toll)
        told.append(nxt)
    return any(PEOPLE_HARMED.search(s.text) and not NOBODY_HARMED.search(s.text) for s in told)


def _targets(ctx: Context, sent: Span, cand: Candidate, et: str, st: str) -> None:
    """Unnamed targets and attackers of explosions, plunder and mobs."""
    book, country = cb.load(), ctx.country_name()
    window = _window(sent, cand)
    if st == cb.ATTACK and ATTACK_WORDS.match(sent.text[cand.trig_start - sent.start_char:]) \
            and INFRASTRUCTURE.search(_victim_side(sent, cand)) and not _people_harmed(ctx, sent, cand):
        cand.event_type, cand.sub_event_type = cb.DEVELOPMENTS, cb.LOOTING   # "the oil field was attacked"
        cand.explanation.append("an installation was attacked and no one was hurt: property destruction")
    if st == cb.LOOTING and _people_harmed(ctx, sent, cand):
        # "trucks were set on fire by armed men, who shot one of the drivers": an attack on civilians
        cand.event_type, cand.sub_event_type = cb.VIOLENCE_AGAINST_CIVILIANS, cb.ATTACK
        cand.explanation.append("people were hurt or killed as the property was destroyed: an attack")
        cand.actor2 = [m for m in cand.actor2 if ctx.is_civilian(m)]
        if not cand.actor2:
            cand.actor2_default = book.generic_actor("civilians", country)
    if et == cb.REMOTE_VIOLENCE and not cand.actor2 and CIVILIAN_TARGET.search(window):
        cand.actor2_default = book.generic_actor("civilians", country)
    if cand.sub_event_type == cb.LOOTING and CIVILIAN_TARGET.search(window) and not any(
            ctx.is_civilian(m) for m in cand.actor2):
        cand.actor2 = []
        cand.actor2_default = book.generic_actor("civilians", country)   # shops, homes, crops and flocks
    if et == cb.RIOTS and not cand.actor2 and ctx.lexicon.cues["crowds_at_each_other"].search(sent.text):
        # "two communities clashed and pelted stones at each other": both crowds riot (the codebook's 55)
        cand.actor2_default = book.generic_actor("rioters", country)
    elif et == cb.RIOTS and cand.sub_event_type == cb.MOB_VIOLENCE and not cand.actor2:
        cand.actor2_default = book.generic_actor("civilians", country)
    if cand.sub_event_type in (cb.LOOTING, cb.VIOLENT_DEMONSTRATION) and not cand.actor2 \
            and not cand.actor2_default and _property_harmed(sent, cand) \
            and not PUBLIC_PROPERTY.search(_window(sent, cand)):
        # "settlers cut down Palestinian-owned olive trees", "rioters hurled petrol bombs at a bank": the
        # property's owners, civilians, are the victims
        cand.actor2_default = book.generic_actor("civilians", country)
    if et == cb.REMOTE_VIOLENCE and not cand.actor1:
        cand.actor1_default = book.generic_actor("air_forces" if st == cb.AIR_STRIKE else "armed_group", country)


def _weapons_owner(ctx: Context, cand: Candidate) -> None:
    """'Soldiers recovered IEDs planted by NPA militants': of the armed parties a disrupted weapons use
    names beside the state force that disrupted it, the first non-state one owned the weapons (actor2)."""
    if cand.sub_event_type != cb.DISRUPTED_WEAPONS or cand.actor2 or len(cand.actor1) < 2 \
            or not ctx.is_state(cand.actor1[0]):
        return
    owner = next((m for m in cand.actor1[1:] if not ctx.is_state(m) and ctx.inter_of(m) in ARMED_INTERS), None)
    if owner is not None:
        cand.actor1 = [m for m in cand.actor1 if m is not owner]
        cand.actor2 = [owner]
        cand.explanation.append(f"'{owner.text}' owned the weapons {cand.actor1[0].text} seized or disarmed")


def _development_parties(ctx: Context, cand: Candidate) -> bool:
    """Who a strategic development is about; one with no actor named is context, not an event."""
    if cand.event_type != cb.DEVELOPMENTS:
        return True
    if cand.trigger.armed_doer and not cand.actor1:
        # "members of the cartel delivering food", "a militia allied with the cartel handed out aid": the
        # armed group named just before the act is its doer
        near = [m for m in ctx.in_span(ctx.actors, cand.sentence.start_char, cand.trig_start)
                if m.resolved and ctx.inter_of(m) in ARMED_INTERS and cand.trig_start - m.end <= 60]
        if near:
            cand.actor1, cand.actor2 = near[-1:], [m for m in cand.actor2 if m is not near[-1]]
            cand.explanation.append(f"'{near[-1].text}', the armed group named just before the act, is its doer")
    if cand.trigger.armed_doer and not (cand.actor1 and ctx.inter_of(cand.actor1[0]) in ARMED_INTERS):
        return False   # food handed out by a charity or a ministry: no event
    if cand.sub_event_type in (cb.DISRUPTED_WEAPONS, cb.AGREEMENT, cb.TERRITORY_TRANSFER, cb.OTHER):
        cand.actor2 = [m for m in cand.actor2 if not ctx.is_civilian(m)]
    _weapons_owner(ctx, cand)
    if not cand.actor1:
        if cand.actor2 and cand.sub_event_type in (cb.CHANGE_OF_ACTIVITY, cb.BASE_ESTABLISHED,
                                                   cb.DISRUPTED_WEAPONS, cb.TERRITORY_TRANSFER):
            cand.actor1, cand.actor2 = cand.actor2[:1], cand.actor2[1:]
        elif cand.sub_event_type == cb.LOOTING and not DAMAGE_BY_WEAPONS.search(cand.sentence.text):
            # "unknown arsonists set fire to a van", "a house was set on fire": an unnamed perpetrator
            cand.actor1_default = cb.load().generic_actor("armed_group", ctx.country_name())
            cand.explanation.append("property destroyed by a party the report does not name: an unidentified armed group")
        elif cand.trigger.default_doer:
            # "families fled their villages", "a bomb went off while men were planting it": the people
            # the trigger names, by the codebook's generic name
            cand.actor1_default = cb.load().generic_actor(cand.trigger.default_doer, ctx.country_name())
            cand.explanation.append(f"the people who did it are not named as a group: {cand.actor1_default}")
        elif cand.sub_event_type not in (cb.DISRUPTED_WEAPONS, cb.AGREEMENT):
            return False
    return True
