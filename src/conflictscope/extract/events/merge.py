"""One event per action, day and place: elaborations of an incident fold into the event they elaborate."""
from __future__ import annotations

from ... import codebook as cb
from ... import lexicon
from ...models import Event, Mention
from .discourse import SEPARATE
from .scene import REACH_CUE
from .state import Candidate, place_key, places_within, precision, unnamed_group
from .syntax import doc_text, sentence_index

RIOT_WORD = lexicon.section("classify", "coder").rx("riot_word")
OBSERVATION = lexicon.section("classify", "coder").rx("observation")
RETREAT = lexicon.section("classify", "coder").rx("retreat")
REPULSE = lexicon.section("classify", "coder").rx("repulse")


def merge(cands: list[Candidate]) -> list[Candidate]:
    """Fold each candidate into an earlier one of the same action, day and place, if any."""
    merged: list[Candidate] = []
    for c in cands:
        if SEPARATE.search(c.sentence.text):
            merged.append(c)
            continue
        matches = [e for e in reversed(merged) if _same_incident(e, c)]
        # (of two such events, the one at the same place: "... shelled Al-Fateera and Fleifel. A woman was
        # killed in Al-Fateera" adds to Al-Fateera's)
        target = next((e for e in matches if e.sub_event_type == c.sub_event_type and e.place is not None
                       and c.place is not None and place_key(e.place) == place_key(c.place)),
                      matches[0] if matches else None)
        if target is None:
            merged.append(c)
        elif (target.proposal is not None and c.proposal is None) or _turned_violent(target, c) or (
                target.sub_event_type == cb.OTHER and c.sub_event_type != cb.OTHER) or _repulse_of(target, c) \
                or _custody_abuse(target, c):
            # the rules' reading stays the event; a demonstration that turned violent is the riot; a
            # campaign told by what it did ("launched a security campaign ... They arrested nine") is that act;
            # an attack that armed men repelled is their fight with the attackers; the arrested beaten or
            # killed in custody is that attack
            if _repulse_of(target, c):
                _name_the_attackers(target, c)
            if target.event_type == cb.PROTESTS and c.sub_event_type == cb.MOB_VIOLENCE:
                # the demonstrators' own violence ("the protest escalated into scuffles with police")
                c.sub_event_type = cb.VIOLENT_DEMONSTRATION
                c.explanation.append("the demonstration told before turned violent: a violent demonstration")
            merged[merged.index(target)] = c
            _fold(c, target)
        else:
            _fold(target, c)
    return merged


def _turned_violent(e: Candidate, c: Candidate) -> bool:
    """Whether the later of one demonstration's two readings is the event: its violence told after it
    ("Tyres were burned"): one riot; the word "riots" told before the demonstration itself: one protest."""
    if e.event_type == cb.PROTESTS and c.event_type == cb.RIOTS:
        return _violent_act(c)
    return e.event_type == cb.RIOTS and c.event_type == cb.PROTESTS and not _violent_act(e)


def _violent_act(riot: Candidate) -> bool:
    """A riot told by what the crowd did ("threw stones"), not by the word ("after the riots of last week")."""
    words = doc_text(riot.sentence.doc)[riot.trig_start:riot.trig_end]
    return not RIOT_WORD.match(words)


def _same_incident(e: Candidate, c: Candidate) -> bool:
    """Whether candidate c tells the incident of the earlier candidate e again."""
    if {e.event_type, c.event_type} == {cb.PROTESTS, cb.RIOTS} and c.proposal is None and e.proposal is None:
        # one demonstration, peaceful in one sentence and violent in another, or called "riots" by a word
        # (force against it stays its own)
        return cb.EXCESSIVE_FORCE not in (e.sub_event_type, c.sub_event_type) and _same_scene(e, c, strict=True)
    if _casualties_of(e, c) or _detentions_of(e, c):
        return _same_scene(e, c)
    if _retold(e, c):
        return _same_scene(e, c)
    if _sighting_of(e, c):
        return _same_scene(e, c, strict=True)
    if _plunder_of(e, c):
        return _same_scene(e, c)
    if _retreat_of(e, c):
        return True   # (towards a place of its own)
    if _repulse_of(e, c) or _custody_abuse(e, c):
        return _same_scene(e, c)
    if e.event_type != c.event_type or _answered(e, c):
        return False
    elaboration = not c.date_explicit and not c.place_explicit and c.event_type != cb.DEVELOPMENTS
    handover = (c.sub_event_type == cb.TERRITORY_TRANSFER
                and e.sub_event_type == cb.CHANGE_OF_ACTIVITY)   # withdrew ... then entered
    handover = handover or (cb.OTHER in (c.sub_event_type, e.sub_event_type) and e.event_type == cb.DEVELOPMENTS and (
        not c.actor1 or not e.actor1 or c.actor1[0].resolved == e.actor1[0].resolved))   # "the raid ..."
    if (e.sub_event_type != c.sub_event_type and not (e.trigger.weak or c.trigger.weak)
            and not elaboration and not handover and c.event_type != cb.PROTESTS):
        return False
    return _same_scene(e, c, strict=_spread(c))


def _spread(c: Candidate) -> bool:
    """Whether the act is told as spreading to a place ("protests spread to Al-Shatra"): there, it is
    another event, unless the place is the same."""
    text = doc_text(c.sentence.doc)
    return c.place is not None and c.place_explicit and REACH_CUE.search(text[max(0, c.place.start - 30):c.place.start]) is not None


def _retold(e: Candidate, c: Candidate) -> bool:
    """'Two fighters were shot dead near Diban. Gunmen opened fire on the two men as they manned a
    checkpoint': an attack told again in the next sentence by its unnamed attackers, with no victim
    named, no day and no dead of its own, is the incident just told."""
    return (c.event_type == cb.VIOLENCE_AGAINST_CIVILIANS and e.event_type in (cb.BATTLES, cb.VIOLENCE_AGAINST_CIVILIANS)
            and not c.actor2 and not c.deaths and not c.date_explicit and c.proposal is None
            and bool(c.actor1) and unnamed_group(c.actor1[0])
            and e.sentence.end <= c.sentence.start <= e.sentence.end + 1)


def _custody_abuse(e: Candidate, c: Candidate) -> bool:
    """'Police arrested a man ... The police tortured him in custody and he died': the force that made
    an arrest attacks the one it holds, told in the next sentence with no day of its own: one event,
    the attack (the arrest is how it began)."""
    return (e.sub_event_type == cb.ARRESTS and c.event_type == cb.VIOLENCE_AGAINST_CIVILIANS
            and bool(e.actor1) and bool(c.actor1) and e.actor1[0].resolved == c.actor1[0].resolved
            and not c.date_explicit and c.proposal is None and e.sentence.end <= c.sentence.start <= e.sentence.end + 1)


def _answered(e: Candidate, c: Candidate) -> bool:
    """'Regime forces shelled Fleifel ... In response, the operations room targeted regime positions in
    Kafrnabel': remote violence aimed at the doer of the one told before is the answer to it, another
    event (in a battle both sides are told either way round)."""
    return (e.event_type == cb.REMOTE_VIOLENCE and bool(e.actor1) and not (c.actor1 and c.actor1[0].resolved == e.actor1[0].resolved)
            and any(m.resolved == e.actor1[0].resolved for m in c.actor2))


def _sighting_of(e: Candidate, c: Candidate) -> bool:
    """Fire or blasts a monitor observed, with no side named, where the report has told a fight or
    shelling ("... fired mortars at positions near X. Monitors observed 9 explosions near X"): the same
    fight (the caller checks the place and day)."""
    fighting = (cb.BATTLES, cb.REMOTE_VIOLENCE)
    if e.event_type not in fighting or c.event_type not in fighting or c.actor1 or c.proposal is not None:
        return False
    told = doc_text(c.sentence.doc)[c.sentence.start_char:c.trig_start]
    return OBSERVATION.search(told) is not None


def _plunder_of(e: Candidate, c: Candidate) -> bool:
    """Property looted or burned, told after an attack, a fight or a riot with no day or place of its
    own ("... attacked the village. They also burned several huts"), or weapons seized after a fight:
    part of that event."""
    spoils = (c.sub_event_type == cb.LOOTING and e.event_type in (cb.VIOLENCE_AGAINST_CIVILIANS, cb.BATTLES, cb.RIOTS)) \
        or (c.sub_event_type == cb.DISRUPTED_WEAPONS and e.event_type == cb.BATTLES)   # "police recovered weapons from them"
    return spoils and not c.date_explicit and not c.place_explicit and c.proposal is None and c.sentence != e.sentence


def _retreat_of(e: Candidate, c: Candidate) -> bool:
    """'ISIS militants attacked PMF positions ... They used sniper rifles before withdrawing towards the
    orchards of Tarmiyah': the attackers' withdrawal, told within two sentences of their attack with no
    day of its own and no other doer named, ends that attack."""
    if c.sub_event_type != cb.CHANGE_OF_ACTIVITY or c.date_explicit or c.proposal is not None \
            or e.event_type not in (cb.BATTLES, cb.REMOTE_VIOLENCE, cb.VIOLENCE_AGAINST_CIVILIANS):
        return False
    same_doer = not c.actor1 or not e.actor1 or c.actor1[0].resolved == e.actor1[0].resolved or unnamed_group(c.actor1[0])
    return (same_doer and RETREAT.search(doc_text(c.sentence.doc)[c.trig_start:c.trig_end]) is not None
            and 0 <= _sentences_apart(e, c) <= 2)


def _repulse_of(e: Candidate, c: Candidate) -> bool:
    """'Militants attacked the village ... before being repelled by security forces', 'Vigilantes routed the
    assailants': an attack that armed men fought off, told within two sentences with no day of its own, is a
    fight between the attackers and them, one armed clash (the codebook's precedence of two-sided violence)."""
    if e.event_type != cb.VIOLENCE_AGAINST_CIVILIANS or c.event_type != cb.BATTLES or c.date_explicit \
            or e.proposal is not None or c.proposal is not None or not e.actor1:
        return False
    if REPULSE.search(doc_text(c.sentence.doc)[c.trig_start:c.trig_end]) is None or not 0 <= _sentences_apart(e, c) <= 2:
        return False
    sides = c.actor1 + c.actor2
    return any(m.resolved == e.actor1[0].resolved or unnamed_group(m) for m in sides)


def _name_the_attackers(e: Candidate, c: Candidate) -> None:
    """The side the defenders fought, told as 'the assailants', is the attack's doer (the defenders, actor1,
    keep their own name, named or not)."""
    i = next((i for i, m in enumerate(c.actor2) if unnamed_group(m)), None)
    if i is not None and not any(m.resolved == e.actor1[0].resolved for m in c.actor1 + c.actor2):
        c.actor2[i] = e.actor1[0]


def _sentences_apart(e: Candidate, c: Candidate) -> int:
    """How many sentences c's sentence comes after e's (0: the same sentence)."""
    doc = e.sentence.doc
    return sentence_index(doc, c.sentence.start_char) - sentence_index(doc, e.sentence.start_char)


def _casualties_of(e: Candidate, c: Candidate) -> bool:
    """Deaths told after a clash, a strike or a riot with no killer, day or place of their own
    ("Three people were killed and ten injured"), or a civilian killed by one of a battle's sides ("1
    civilian was killed by the militants"): that event's casualties, not an attack of their own
    (ACLED.md: civilians killed inside a battle count in that battle)."""
    sides = {m.resolved for m in e.actor1 + e.actor2 if m.resolved}
    killer_ok = not c.actor1 or (e.event_type in (cb.BATTLES, cb.RIOTS) and c.actor1[0].resolved in sides)
    # ("a child was killed in the strikes on Bara": the place told again is the event's own)
    same_place = not c.place_explicit or (e.place is not None and c.place is not None
                                          and e.place.resolved == c.place.resolved)
    # (armed men killed by no one named, read as a clash for want of a killer: "Al Shabaab claimed they
    # killed five soldiers in the attack" after the blast that hit their convoy)
    unnamed_killing = c.event_type == cb.BATTLES and c.trigger.event_type == cb.VIOLENCE_AGAINST_CIVILIANS and not c.actor1
    return ((c.event_type == cb.VIOLENCE_AGAINST_CIVILIANS or unnamed_killing)
            and e.event_type in (cb.BATTLES, cb.REMOTE_VIOLENCE, cb.RIOTS)
            and killer_ok and not c.date_explicit and same_place and c.proposal is None)


def _detentions_of(e: Candidate, c: Candidate) -> bool:
    """Arrests told with a demonstration ("Police dispersed them and arrested five") are its
    intervention; arrests by those who had just attacked ("beat three men, then detained them") are
    part of that attack. Arrests told with a day of their own in another sentence stay their own."""
    if c.sub_event_type != cb.ARRESTS or c.proposal is not None or (c.date_explicit and c.sentence != e.sentence):
        return False
    if e.event_type == cb.PROTESTS:
        return True
    if e.event_type == cb.BATTLES and c.sentence == e.sentence and not any(
            m.resolved and m.resolved.startswith("Civilians") for m in c.actor2):
        return True   # "seven militants were killed and three arrested in an operation": the fight's captives
    if e.event_type in (cb.BATTLES, cb.VIOLENCE_AGAINST_CIVILIANS, cb.RIOTS, cb.REMOTE_VIOLENCE) \
            and not c.date_explicit and c.sentence.start <= e.sentence.end + 1:
        # "... killed a man; police arrested four of the attackers": the arrests that close the incident,
        # told in its sentence or the next, are part of it
        return True
    return (e.event_type == cb.VIOLENCE_AGAINST_CIVILIANS and bool(c.actor1) and bool(e.actor1)
            and c.actor1[0].resolved == e.actor1[0].resolved)


def _same_scene(e: Candidate, c: Candidate, strict: bool = False) -> bool:
    """The same place (or none said) and the same day (or none said) for the later candidate c; unless
    `strict`, a place only in force or a province is no other place."""
    told_next = not c.place_explicit and c.sentence.start == e.sentence.end   # the very next sentence, no place of its own
    same_place = (c.place is None or e.place is None or place_key(c.place) == place_key(e.place)
                  or places_within(c.place, e.place, 10.0) or told_next
                  or (not strict and (not c.place_explicit or not e.place_explicit or precision(c.place) == 3)))
    same_date = (c.date is None or e.date is None or c.date.value == e.date.value or not c.date_explicit
                 or (not e.date_explicit and _reported_after(e, c)))
    listed = (c.sentence == e.sentence and c.place_explicit and e.place_explicit and c.place is not None
              and e.place is not None and place_key(c.place) != place_key(e.place))   # "in Ghor and Balkh provinces"
    return same_place and same_date and not listed


def _reported_after(e: Candidate, c: Candidate) -> bool:
    """Whether the later reading's day is no later than the day the earlier one was told on (an act is
    told on its day or after it)."""
    return bool(e.date and c.date and e.date.value and c.date.value and c.date.value <= e.date.value)


def _take_place_and_date(e: Candidate, c: Candidate) -> None:
    """The place and date a folded reading names where the event's own are implied or missing (an event
    with no place takes the one of the reading it absorbs)."""
    if c.place is not None and (e.place is None or (c.place_explicit and not e.place_explicit)):
        e.place, e.place_explicit = c.place, c.place_explicit
    if c.date is not None and (e.date is None or (c.date_explicit and not e.date_explicit)):
        e.date, e.date_explicit = c.date, c.date_explicit
        e.background = c.background


def _fold(e: Candidate, c: Candidate) -> None:
    e.sentences.extend(s for s in c.sentences if s not in e.sentences)
    if e.event_type not in (cb.PROTESTS, cb.DEVELOPMENTS) and c.sub_event_type == cb.ARRESTS:
        # the arrests that closed an attack or a clash: the force that made them took no part in it, and
        # the place it made them at is not the scene (none of their evidence is this event's)
        e.explanation.append(f"arrests told after it close the incident: '{c.sentence.text.strip()[:80]}'")
        return
    if _plunder_of(e, c):
        # property burned or looted, or weapons seized, in the course of it: no party of its own
        e.explanation.append(f"property looted, burned or seized in it: '{c.sentence.text.strip()[:80]}'")
        return
    e.evidence.extend(ev for ev in c.evidence if ev.field != "event_type")
    e.deaths.extend(c.deaths)
    if c.actor1 and _casualties_of(e, c):
        # a death one of its sides caused: its sides stay as they are
        e.explanation.append(f"a death its side {c.actor1[0].resolved} caused: '{c.sentence.text.strip()[:80]}'")
        return
    arrested = e.event_type == cb.PROTESTS and c.sub_event_type == cb.ARRESTS
    if arrested:
        # the demonstrators were arrested: the force that did it is the demonstration's other side
        if e.sub_event_type == cb.PEACEFUL_PROTEST:
            e.sub_event_type = cb.PROTEST_WITH_INTERVENTION
        e.actor2 = e.actor2 or c.actor1[:1]
    elif not e.actor1 and c.actor1 and not (e.event_type == cb.RIOTS and c.event_type == cb.PROTESTS):
        e.actor1 = c.actor1   # (the protesters of a demonstration that turned violent are its rioters)
    if not e.actor2 and c.actor2 and not arrested:
        # (a feud's one name stands for both sides: "a tribal conflict broke out ... Tribesmen exchanged fire")
        feud = bool(c.actor1) and c.actor1[0].resolved == c.actor2[0].resolved
        e.actor2 = list(c.actor2) if feud else [m for m in c.actor2 if m.resolved not in {a.resolved for a in e.actor1}]
    _take_place_and_date(e, c)
    if c.event_type == cb.BATTLES and e.event_type == cb.REMOTE_VIOLENCE and _sighting_of(e, c):
        e.event_type, e.sub_event_type = c.event_type, c.sub_event_type   # heavy weapons and small arms: a clash
    book = cb.load()
    if e.event_type == c.event_type and book.merge_rank(c.sub_event_type) < book.merge_rank(e.sub_event_type):
        if e.event_type == cb.DEVELOPMENTS and c.actor1 and e.actor1 and c.actor1[0].resolved != e.actor1[0].resolved:
            # "forces withdrew ... the SDF entered without a fight": the newcomer acts, the one leaving is acted on
            e.actor2 = e.actor1[:1] + [m for m in e.actor2 if m.resolved != c.actor1[0].resolved]
            e.actor1 = c.actor1
        e.sub_event_type = c.sub_event_type
    e.explanation.append(f"merged with the {c.trigger.name} trigger at {c.trig_start} (same action, day and place)")
    e.confidence = max(e.confidence, c.confidence)


def dedupe_ids(events: list[Event]) -> list[Event]:
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
