"""Reading across sentences: deaths told apart, aftermath, claims, opponents, parties, interventions.

A report tells an incident over several sentences: the deaths in the next sentence, the claim of
responsibility after it, the arrests that ended a protest. These rules fold what later sentences
add into the events told before, or take from earlier events what a later one leaves unsaid.
"""
from __future__ import annotations

from spacy.tokens import Span

from ... import codebook as cb
from ... import lexicon
from ...codebook import Inter
from ...models import Evidence
from .classify import ARMED_INTERS, ARRESTED_UNNAMED, MILITARY_TARGET, POLICE_WORDS
from .roles import unique
from .scene import ReadingState, place_cue_score
from .state import Candidate, Context, places_within, precision, unnamed_group
from .syntax import sentences

LEX = lexicon.section("discourse", "coder")
SEPARATE = LEX.rx("separate")
SEPARATE_DEATHS = LEX.rx("separate_deaths")
TALLY = LEX.rx("tally")
CLAIM = LEX.rx("claim")
NO_CLAIM = LEX.rx("no_claim")
PROTEST_WORDS = LEX.rx("protest_words")
HIT_BACK = LEX.rx("crowd_hit_back")
AFTER_SENTENCES = 2   # how far after a protest an intervention is read as its own
REGION_KM = 150       # how far from the point of a region an event placed there may find its town
MULTIDAY = LEX.rx("multiday")
RETURNED_FIRE = LEX.rx("returned_fire")
GUNS_WITH_EXPLOSIVE = LEX.rx("guns_with_explosive")
CRIMINAL_VICTIM = LEX.rx("criminal_victim")
THROWN_OR_PLANTED = ("Grenade", "Remote explosive/landmine/IED")
ARMED_NONSTATE = (Inter.REBEL, Inter.POLITICAL_MILITIA, Inter.IDENTITY_MILITIA)


def attach_deaths(ctx: Context, sent: Span, candidates: list[Candidate], state: ReadingState) -> None:
    """Deaths told in a sentence of their own belong to the event told just before in the paragraph,
    or, when the sentence opens a new incident, to the event told next."""
    figures = ctx.fatality_reader.read(sent.text)
    if not figures or TALLY.search(sent.text):
        return   # (a tally over weeks or a whole country counts no event's dead)
    book = cb.load()
    last = next((c for c in reversed(candidates) if book.carries_deaths(c.event_type, c.sub_event_type)), None)
    if last is not None and _dated_before(ctx, sent, last):
        return   # ("Similar strikes last month killed 12": deaths of an earlier incident, told as background)
    deaths = [(f.count, f.text, sent.start_char + f.start, sent.start_char + f.end, f.rule) for f in figures]
    between = ctx.report.text[last.sentences[-1][1]:sent.start_char] if last else ""
    if last is not None and not SEPARATE_DEATHS.search(sent.text) and len(between) < 400:
        last.deaths.extend(deaths)
        last.sentences.append((sent.start_char, sent.end_char))
        return
    state.pending_deaths = deaths
    state.pending_until = sent.end_char + 600
    state.pending_dead = [m for m in ctx.in_span(ctx.actors, sent.start_char, sent.end_char)
                          if m.resolved and ctx.inter_of(m) in (Inter.STATE,) + ARMED_NONSTATE]


def _dated_before(ctx: Context, sent: Span, event: Candidate) -> bool:
    """Whether the sentence names a date before that of the event its deaths would join: they are those
    of an earlier incident (deaths of wounds told later keep their event)."""
    day = event.date.value if event.date is not None else None
    own = [d.value for d in ctx.in_span(ctx.dates, sent.start_char, sent.end_char) if d.value]
    return day is not None and any(value < day for value in own)


def take_pending_deaths(sent: Span, found: list[Candidate], state: ReadingState) -> None:
    """Deaths told in the sentence before, which opened this incident, belong to its first event."""
    if state.pending_deaths and sent.start_char <= state.pending_until \
            and cb.load().carries_deaths(found[0].event_type, found[0].sub_event_type) \
            and not SEPARATE.search(sent.text):
        found[0].deaths.extend(state.pending_deaths)
        found[0].explanation.append("deaths told in the sentence before, which opened this incident")
        dead = [m for m in state.pending_dead if m.resolved not in {a.resolved for a in found[0].actor1}]
        if found[0].event_type == cb.BATTLES and not found[0].actor2 and dead:
            # "the number of regime soldiers killed in the attack ... ISIS cells opened fire on three
            # military trucks": the side whose dead that sentence counted is the one attacked
            found[0].actor2 = dead[:1]
            found[0].explanation.append(f"actor2 '{dead[0].text}': the side whose dead the sentence before counted")
        state.pending_deaths = []


def drop_aftermath(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """Movements, and what violence leaves (bodies found), told right after a violent event with no
    date or place of their own, are its aftermath."""
    out: list[Candidate] = []
    for c in cands:
        prev = out[-1] if out else None
        same_place = not c.place_explicit or (prev is not None and prev.place is not None and c.place is not None
                                              and prev.place.resolved == c.place.resolved)
        follows = (c.event_type == cb.DEVELOPMENTS and c.sub_event_type in (cb.CHANGE_OF_ACTIVITY, cb.OTHER)) \
            or c.trigger.aftermath   # "the bodies were found": what the violence left
        if (prev is not None and prev.event_type != cb.DEVELOPMENTS and follows and not c.date_explicit
                and same_place and c.sentences[0][0] - prev.sentences[-1][1] < 700):
            prev.explanation.append(f"aftermath folded in: '{c.sentence.text.strip()[:80]}'")
            prev.deaths.extend(c.deaths)
            continue
        out.append(c)
    return out


def settle_places(ctx: Context, cands: list[Candidate]) -> None:
    """An event placed only provisionally takes the place the next sentences of its paragraph name; one
    placed at a region ("near the Syrian-Iraqi border") a town in it that the next sentences, the first
    of the next paragraph included, name as they tell it again."""
    sents = list(sentences(ctx.doc))
    starts = {c.sentences[0][0] for c in cands}
    for c in cands:
        region = c.place_explicit and c.place is not None and precision(c.place) >= 3
        if c.place_explicit and not region:
            continue
        # (a region's event may find its town in the next paragraph, told from a place cue of one point)
        breaks_allowed, cue_allowed = (1, 1) if region else (0, 0)
        idx = next((i for i, s in enumerate(sents) if s.start_char == c.sentences[-1][0]), None)
        if idx is None:
            continue
        for s in sents[idx + 1: idx + 3]:
            if ctx.report.text[c.sentences[-1][1]:s.start_char].count("\n\n") > breaks_allowed or s.start_char in starts:
                break
            good = [p for p in ctx.in_span(ctx.places, s.start_char, s.end_char)
                    if p.resolved and place_cue_score(ctx, s, p) <= cue_allowed and precision(p) <= 2
                    and not (region and not places_within(p, c.place, REGION_KM))]
            if good:
                c.place, c.place_explicit = good[0], True
                c.evidence = [ev for ev in c.evidence if ev.field != "location"]   # (the region's)
                c.evidence.append(Evidence("location", good[0].resolved or "", good[0].text, good[0].start,
                                           good[0].end, good[0].origin or "resolve.places"))
                c.explanation.append(f"place '{good[0].text}' from the next sentence, which tells where it happened")
                break


def infer_opponents(ctx: Context, cands: list[Candidate]) -> None:
    """Battles need two sides, interceptions a defender: take them from the events told before."""
    for i, c in enumerate(cands):
        if c.event_type == cb.BATTLES and c.actor1 and (not c.actor2 or ctx.is_civilian(c.actor2[0])):
            _opponent_from_earlier(ctx, c, cands[:i])
        if c.sub_event_type == cb.DISRUPTED_WEAPONS and not c.actor1:
            prev = next((e for e in reversed(cands[:i]) if e.event_type == cb.REMOTE_VIOLENCE
                         and e.actor2 and not ctx.is_civilian(e.actor2[0])), None)
            if prev is not None:
                c.actor1 = prev.actor2[:1]
                c.explanation.append(f"actor1 '{prev.actor2[0].text}': the target of the attack told before, "
                                     "which stopped this one")


def _opponent_from_earlier(ctx: Context, c: Candidate, before: list[Candidate]) -> None:
    me = c.actor1[0].resolved
    earlier = [e for e in reversed(before) if e.event_type == cb.BATTLES] + \
              [e for e in reversed(before) if e.event_type != cb.BATTLES]
    for e in earlier:
        sides = [m for m in e.actor1 + e.actor2 if not ctx.is_civilian(m)]
        if e.event_type != cb.BATTLES or any(m.resolved == me for m in sides):
            other = [m for m in sides if m.resolved != me]
            if other:
                c.actor2 = other[:1]
                c.explanation.append(f"actor2 '{other[0].text}': the other side, named in the events told before")
                return


def fill_parties(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """'The two sides reached an agreement': the parties are the armed actors of the events before it."""
    out = []
    for i, c in enumerate(cands):
        if c.event_type == cb.DEVELOPMENTS and c.sub_event_type == cb.AGREEMENT and not c.actor1:
            earlier = unique([m for e in cands[:i] for m in e.actor1 if not ctx.is_civilian(m)])
            if not earlier:
                continue   # an agreement between no one the report names is not coded
            c.actor1 = earlier[-1:]
            c.actor2 = earlier[-2:-1]
            c.explanation.append("parties of the agreement: the armed actors of the events told before it")
        out.append(c)
    return out


def apply_claims(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """A claim of responsibility names the attacker of the unclaimed event told before it."""
    claimers = (Inter.STATE, Inter.REBEL, Inter.POLITICAL_MILITIA, Inter.IDENTITY_MILITIA, Inter.EXTERNAL)
    for sent in sentences(ctx.doc):
        if not CLAIM.search(sent.text) or NO_CLAIM.search(sent.text):
            continue
        claimants = [m for m in ctx.in_span(ctx.actors, sent.start_char, sent.end_char)
                     if ctx.registry.get(m.resolved or "") is not None and ctx.inter_of(m) in claimers]
        if not claimants:
            continue
        before = [c for c in cands if c.sentences[0][0] <= sent.start_char and c.event_type != cb.DEVELOPMENTS]
        if before and _unclaimed(before[-1]):
            # the attack told last, and the unclaimed ones of its kind told before it (one attack told twice)
            for target in [c for c in before if _unclaimed(c) and c.sub_event_type == before[-1].sub_event_type]:
                target.actor1 = claimants[:1]
                target.actor1_default = ""
                target.explanation.append(f"actor1 '{claimants[0].text}' from the claim of responsibility: "
                                          f"{sent.text.strip()[:120]}")
        for c in cands:
            # weapons intercepted or defused in the claimed attack were the claimant's
            if c.sentences[0][0] <= sent.start_char and c.sub_event_type == cb.DISRUPTED_WEAPONS and not c.actor2 \
                    and claimants[0].resolved not in {m.resolved for m in c.actor1}:
                c.actor2 = claimants[:1]
                c.explanation.append(f"actor2 '{claimants[0].text}': whose weapons were stopped, from the claim: "
                                     f"{sent.text.strip()[:120]}")
    return cands


def _unclaimed(c: Candidate) -> bool:
    """An event whose attacker no one named, or named only as gunmen or militants ("militants attacked ...
    JNIM claimed it": JNIM's militants)."""
    return not c.actor1 or unnamed_group(c.actor1[0])


def fold_interventions(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """Arrests or dispersal of protesters told after a protest are that protest's intervention (the crowd's
    own violence told with them, "tyres were burned and police fired tear gas", is left to make it a riot)."""
    cues = ctx.lexicon.cues
    out: list[Candidate] = []
    for c in cands:
        prev = out[-1] if out else None
        sent_text = c.sentence.text
        if (prev is not None and prev.event_type == cb.PROTESTS and c.event_type not in (cb.PROTESTS, cb.RIOTS)
                and PROTEST_WORDS.search(sent_text) and c.sentences[0][0] - prev.sentences[-1][1] < 400
                and (cues["protest_intervention"].search(sent_text) or cues["excessive_force"].search(sent_text))):
            if HIT_BACK.search(sent_text):
                _turned_riot(ctx, prev)   # "police used tear gas and the students responded with rocks"
            elif cues["excessive_force"].search(sent_text) or c.deaths:
                prev.sub_event_type = cb.EXCESSIVE_FORCE
            elif prev.sub_event_type == cb.PEACEFUL_PROTEST:
                prev.sub_event_type = cb.PROTEST_WITH_INTERVENTION
            force = [m for m in c.actor1 + c.actor2 if ctx.is_state(m) or
                     ctx.inter_of(m) in (Inter.REBEL, Inter.POLITICAL_MILITIA, Inter.IDENTITY_MILITIA)]
            if force and not prev.actor2:
                prev.actor2 = force[:1]
            prev.deaths.extend(c.deaths)
            prev.sentences.extend(c.sentences)
            prev.explanation.append(f"intervention told in the next sentence: '{sent_text.strip()[:100]}'")
            continue
        if prev is not None and (_damage_by_the_crowd(ctx, prev, c) or _clash_of_the_crowd(ctx, prev, c)
                                 or _force_against_the_riot(ctx, prev, c)):
            continue
        out.append(c)
    return out


def _force_against_the_riot(ctx: Context, riot: Candidate, c: Candidate) -> bool:
    """'Protesters stormed the council building ... Security forces fired tear gas to disperse the crowd':
    force used against a riot, told after it with no day or place of its own, is the riot's other side
    (the codebook's excessive force is against peaceful protesters), its casualties the riot's."""
    forced = c.event_type == cb.PROTESTS and c.sub_event_type in (cb.EXCESSIVE_FORCE, cb.PROTEST_WITH_INTERVENTION)
    # ("Inmates rioted at the prison. Guards killed one of them.": the state's force on the riot's people)
    struck = c.event_type == cb.VIOLENCE_AGAINST_CIVILIANS and bool(c.actor1) and ctx.is_state(c.actor1[0])
    if not (riot.event_type == cb.RIOTS and (forced or struck) and c.proposal is None
            and not c.date_explicit and not c.place_explicit and c.sentences[0][0] - riot.sentences[-1][1] < 400):
        return False
    force = [m for m in c.actor1 + c.actor2 if ctx.is_state(m)]
    if force and not riot.actor2:
        riot.actor2 = force[:1]
    riot.deaths.extend(c.deaths)
    riot.sentences.extend(c.sentences)
    riot.explanation.append(f"force used against it, told in the next sentence: '{c.sentence.text.strip()[:100]}'")
    return True


def intervention_after(ctx: Context, cands: list[Candidate]) -> None:
    """'Workers protested in X. Police resorted to a baton charge to disperse them.': a force that
    intervenes in the next sentences, which tell no event of their own, makes the protest one with
    intervention (or excessive force), the force its second party; a force that disperses a riot
    ("... set barricades on fire. Police dispersed the group.") is the riot's second party."""
    cues = ctx.lexicon.cues
    taken = {start for c in cands for start, _ in c.sentences}
    sents = list(sentences(ctx.doc))
    for c in cands:
        riot = c.sub_event_type == cb.VIOLENT_DEMONSTRATION and not c.actor2 and not c.actor2_default
        if not riot and (c.event_type != cb.PROTESTS or c.sub_event_type != cb.PEACEFUL_PROTEST):
            continue
        own = {start for start, _ in c.sentences}
        # the sentences after its first that tell no event, its own retellings passed over
        after = [t for t in sents if t.start_char > min(own) and t.start_char not in own]
        for sent in after[:AFTER_SENTENCES]:
            if sent.start_char in taken:
                break   # the next event begins
            force = _intervening_force(ctx, sent)
            if force is None or not (cues["protest_intervention"].search(sent.text)
                                     or riot and cues["riot_intervention"].search(sent.text)):
                continue
            if not riot and HIT_BACK.search(sent.text):
                _turned_riot(ctx, c)   # "police intervened, which started a clash between them"
            elif not riot:
                excessive = cues["excessive_force"].search(sent.text) is not None
                c.sub_event_type = cb.EXCESSIVE_FORCE if excessive else cb.PROTEST_WITH_INTERVENTION
            if isinstance(force, str):
                c.actor2, c.actor2_default = [], force
                c.implied["actor2"] = (sent.start_char, sent.end_char, "intervention")
            else:
                c.actor2 = [force]
            c.sentences.append((sent.start_char, sent.end_char))
            c.explanation.append(f"a force intervened right after: '{sent.text.strip()[:100]}'")
            break


def _intervening_force(ctx: Context, sent: Span):
    """The state force a sentence names (a mention), the police it names by a common word (the name of
    the country's police), or None."""
    named = [m for m in ctx.in_span(ctx.actors, sent.start_char, sent.end_char) if ctx.is_state(m)]
    if named:
        return named[0]
    if POLICE_WORDS.search(sent.text) or ARRESTED_UNNAMED.search(sent.text):
        return ctx.state_force("police") or None   # ("One woman was arrested": by the police)
    return None


def _clash_of_the_crowd(ctx: Context, prev: Candidate, c: Candidate) -> bool:
    """'Fishermen demonstrated against the measures. They clashed with police forces.': a clash told
    right after a protest or riot whose only armed party is the state's force is the crowd's fight
    with that force: the protest turns violent (a riot), with the force as its second party."""
    if not (prev.event_type in (cb.PROTESTS, cb.RIOTS) and c.event_type == cb.BATTLES and not c.trigger.territorial
            and not c.date_explicit and c.sentences[0][0] - prev.sentences[-1][1] < 300
            and (not c.place_explicit or prev.place is None or c.place is None
                 or c.place.resolved == prev.place.resolved)):
        return False
    parties = c.actor1 + c.actor2
    forces = [m for m in parties if ctx.is_state(m)]
    if not forces or any(ctx.inter_of(m) in ARMED_NONSTATE for m in parties):
        return False
    if prev.event_type == cb.PROTESTS:
        _turned_riot(ctx, prev)
    if not prev.actor2:
        prev.actor2 = forces[:1]
    prev.deaths.extend(c.deaths)
    prev.sentences.extend(c.sentences)
    prev.explanation.append(f"the crowd fought the state's force right after: '{c.sentence.text.strip()[:100]}'")
    return True


def _damage_by_the_crowd(ctx: Context, prev: Candidate, c: Candidate) -> bool:
    """'Prisoners demonstrated over a search of their cells. Chairs were burnt.': property destroyed by
    no one named, told right after a protest, is the protesters' doing: a violent demonstration."""
    if not (prev.event_type == cb.PROTESTS and c.sub_event_type == cb.LOOTING and not c.actor1
            and not c.date_explicit and not c.place_explicit
            and c.sentences[0][0] - prev.sentences[-1][1] < 200):
        return False
    _turned_riot(ctx, prev)
    prev.sentences.extend(c.sentences)
    prev.explanation.append(f"property destroyed right after the protest: '{c.sentence.text.strip()[:100]}'")
    return True


def _turned_riot(ctx: Context, protest: Candidate) -> None:
    """A protest that turned violent is a violent demonstration, done by rioters, not protesters."""
    protest.event_type, protest.sub_event_type = cb.RIOTS, cb.VIOLENT_DEMONSTRATION
    protest.actor1 = [m for m in protest.actor1 if ctx.inter_of(m) != Inter.PROTESTERS]
    if not protest.actor1:
        protest.actor1_default = cb.load().generic_actor("rioters", ctx.country_name())


def answered_with_fire(ctx: Context, cands: list[Candidate]) -> None:
    """'A grenade was thrown at a checkpoint; the soldiers returned fire': the target of a thrown or
    planted explosive fought back, in the event's sentences or the one after them, so two sides
    fought: an armed clash, not remote violence."""
    ends = [s.end_char for s in sentences(ctx.doc)]
    for c in cands:
        if c.event_type != cb.REMOTE_VIOLENCE or c.sub_event_type not in THROWN_OR_PLANTED:
            continue
        last = max(e for _, e in c.sentences)
        end = next((e for e in ends if e > last), last)
        cue = RETURNED_FIRE.search(ctx.report.text, c.trig_end, end) or _guns_at_armed_men(ctx, c)
        if cue is not None:
            c.event_type, c.sub_event_type = cb.BATTLES, cb.ARMED_CLASH
            c.explanation.append(f"the target fought with guns ('{cue.group(0)}'): an armed clash")
            if not c.actor2 and c.actor1 and not ctx.is_state(c.actor1[0]):
                # ("armed men attacked a police patrol using grenades": the patrol read with the attackers)
                c.actor2 = [m for m in c.actor1[1:] if ctx.is_state(m)]
                c.actor1 = [m for m in c.actor1 if m not in c.actor2]


def _guns_at_armed_men(ctx: Context, c: Candidate):
    """'Armed men attacked a police patrol using grenades and firearms': guns fired with the explosive at
    armed men, in the event's sentence (the match, or None)."""
    text = c.sentence.text
    if not (MILITARY_TARGET.search(text) or any(ctx.inter_of(m) in ARMED_INTERS for m in c.actor2)):
        return None
    return GUNS_WITH_EXPLOSIVE.search(text)


def criminal_victims(ctx: Context, cands: list[Candidate]) -> None:
    """'A man was shot dead by armed men. The victim had charges for drug trafficking.': victims of
    the criminal world, told in the next sentence, make the killing an armed clash with an
    unidentified gang (ACLED codes violence among criminal groups as battles)."""
    sents = list(sentences(ctx.doc))
    for c in cands:
        if c.event_type != cb.VIOLENCE_AGAINST_CIVILIANS or not all(ctx.is_civilian(m) for m in c.actor2):
            continue
        after = next((s for s in sents if s.start_char >= c.sentence.end_char), None)
        cue = CRIMINAL_VICTIM.search(after.text) if after is not None else None
        if cue is None:
            continue
        c.event_type, c.sub_event_type = cb.BATTLES, cb.ARMED_CLASH
        c.actor2 = []
        c.actor2_default = cb.load().generic_actor("gang", ctx.country_name())
        c.implied["actor2"] = (after.start_char + cue.start(), after.start_char + cue.end(), "criminal-victim")
        if (after.start_char, after.end_char) not in c.sentences:
            c.sentences.append((after.start_char, after.end_char))
        c.explanation.append(f"the victims belonged to the criminal world ('{cue.group(0).strip()}'): "
                             "an armed clash with an unidentified gang")


def split_multiday_deaths(cands: list[Candidate]) -> None:
    """A death total over several days is split evenly across that campaign's dated events."""
    for c in cands:
        for d in list(c.deaths):
            if d[4].endswith(":split"):
                continue
            told_in = next((s for s in sentences(c.sentence.doc) if s.start_char <= d[2] < s.end_char), None)
            if told_in is None or not MULTIDAY.search(told_in.text):
                continue   # only a figure told as a total over several days is split
            days = [x for x in cands if x.event_type == c.event_type and x.date is not None and x.date_explicit]
            distinct = {x.date.value for x in days if x.date is not None}
            if len(distinct) < 2:
                continue
            if d not in c.deaths:
                continue   # an earlier total of this report already replaced this event's figures
            share = d[0] // len(distinct)
            c.deaths.remove(d)
            seen: set[str | None] = set()
            for x in days:
                if x.date is None or x.date.value in seen:
                    continue
                seen.add(x.date.value)
                x.deaths = [y for y in x.deaths if y[0] != d[0]] + [(share, d[1], d[2], d[3], d[4] + ":split")]
                x.explanation.append(f"{d[0]} deaths over {len(distinct)} days split evenly: {share}")
