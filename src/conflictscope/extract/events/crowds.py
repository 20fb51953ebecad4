"""Crowds in a fight: whether one side of a clash is an unarmed crowd (protesters, villagers, workers, a people
rather than its forces), which makes the fight a riot, not a battle."""
from __future__ import annotations

import re

from spacy.tokens import Span

from ... import lexicon
from ...codebook import Inter
from .state import Candidate, Context
from .syntax import neighbour

LEX = lexicon.section("classify", "coder")
GUNFIGHT = LEX.rx("gunfight")
SHOOTING = LEX.rx("shooting")
ARMED_INTERS = (Inter.STATE, Inter.REBEL, Inter.POLITICAL_MILITIA, Inter.IDENTITY_MILITIA, Inter.EXTERNAL)
CRUDE_WEAPONS = LEX.rx("crude_weapons")
PRONOUN_SUBJECT = LEX.rx("pronoun_subject")
BETWEEN = LEX.rx("clash_between")
SIDES_END = LEX.rx("sides_end")
CLASH_WITH = LEX.rx("clash_with")
CROWD = LEX.rx("crowd")
FORCE_AFTER = LEX.rx("force_after")   # "Palestinians" a crowd, "Palestinian forces" not


def crowd_fight(ctx: Context, sent: Span, cand: Candidate) -> bool:
    """A clash one of whose sides is a crowd, protesters, rioters or civilians."""
    crowd = (Inter.RIOTERS, Inter.PROTESTERS)
    if any(ctx.inter_of(m) in crowd for m in cand.actor1[:1] + cand.actor2[:1]):
        return True
    if (nxt := neighbour(sent, 1)) is not None and GUNFIGHT.search(nxt.text) and not CRUDE_WEAPONS.search(sent.text):
        return False   # "clashes broke out between two families. The two sides exchanged fire": armed, not a crowd
    if cand.actor1 and ctx.inter_of(cand.actor1[0]) == Inter.CIVILIANS:
        return True   # "villagers clashed with the police": civilians who fight are rioters
    if not cand.actor1 and CRUDE_WEAPONS.search(sent.text):
        return True   # "people attacked the police with sticks and stones": no armed party
    if GUNFIGHT.search(sent.text) or SHOOTING.search(sent.text[cand.trig_start - sent.start_char:][:60]):
        return False   # "an exchange of fire between two groups", "a group of people shot at": armed, not a crowd
    if cand.actor1 and ctx.is_state(cand.actor1[0]) and cand.actor2 and ctx.inter_of(cand.actor2[0]) == Inter.CIVILIANS \
            and crowd_words(ctx.theatre).search(ctx.report.text[cand.actor2[0].start:cand.actor2[0].end + 12]):
        return True   # "migrant workers on their way home ... clashed with police": the other side is a crowd
    if CRUDE_WEAPONS.search(sent.text) and sum(ctx.inter_of(m) in ARMED_INTERS for m in cand.actor1[:1] + cand.actor2[:1]) < 2:
        return True   # "a party's militia and its rivals fought with machetes": no second armed party, no guns
    text = armed_names_blanked(ctx, sent)   # "armed youths" are no crowd of youths
    before = text[:cand.trig_start - sent.start_char]
    after = text[cand.trig_end - sent.start_char:][:80]
    # "villagers clashed with police", "a clash between two farmer groups over land", "clashes
    # between Palestinians and soldiers" (a people, not its forces)
    crowd = crowd_words(ctx.theatre)
    if PRONOUN_SUBJECT.match(before) and (prev := neighbour(sent, -1)) is not None \
            and crowd.search(armed_names_blanked(ctx, prev)[:160]):
        return True   # "more than 400 youths gathered in the square. They clashed with police"
    police = bool(cand.actor1) and ctx.is_state(cand.actor1[0])
    between = BETWEEN.match(after)   # the sides named after it: "fighting between the army and rebels | forced villagers to flee"
    sides = SIDES_END.split(after[between.end():], 1)[0] if between else ""
    return bool(crowd.search(before[-80:]) or (between and crowd.search(sides))
                or (police and _crowd_opponent(crowd, after)))


def armed_names_blanked(ctx: Context, sent: Span) -> str:
    """The sentence with the names of armed actors blanked out."""
    text = sent.text
    for m in ctx.in_span(ctx.actors, sent.start_char, sent.end_char):
        if m.resolved and ctx.inter_of(m) not in (0, Inter.RIOTERS, Inter.PROTESTERS, Inter.CIVILIANS):
            a, b = m.start - sent.start_char, m.end - sent.start_char
            text = text[:a] + " " * (b - a) + text[b:]
    return text


def _crowd_opponent(crowd: re.Pattern[str], after: str) -> bool:
    """'Police fought with hawkers': the other side of a state force, right after 'with' (two
    words may stand before it), is a crowd (villagers who fight armed men are a communal militia)."""
    side = CLASH_WITH.match(after)
    if side is None:
        return False
    words = after[side.end():].split(" ", 2)
    return any(crowd.match(" ".join(words[i:])) for i in range(min(3, len(words))))


_CROWDS: dict[tuple[int, bool], re.Pattern[str]] = {}


def crowd_words(theatre, peoples_only: bool = False) -> re.Pattern[str]:
    """The lexicon's crowd words and the peoples of every country ("Palestinians", "Yemenis"); or the
    peoples alone."""
    key = (id(theatre), peoples_only)
    if key not in _CROWDS:
        peoples = sorted({p for c in theatre.countries.values() for p in c.peoples}, key=len, reverse=True)
        words = [] if peoples_only else [CROWD.pattern]
        if peoples:
            words.append(r"\b(" + "|".join(map(re.escape, peoples)) + r")\b(?!" + FORCE_AFTER.pattern + ")")
        _CROWDS[key] = re.compile("|".join(words) or r"(?!)", CROWD.flags)   # (no peoples: matches nothing)
    return _CROWDS[key]
