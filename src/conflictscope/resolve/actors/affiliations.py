"""Affiliations a report states: "IRGC-affiliated 47th Regiment", "X, which is backed by Russia".

Each claim is an :class:`~conflictscope.models.Affiliation` with ``source="text"`` and the span
of the words that state it, beside those the registry knows.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from conflictscope import lexicon
from conflictscope.models import Affiliation, Mention

from .registry import ActorRegistry

LEX = lexicon.section("affiliations", "actors")
PATRON_VERBS = LEX.words("patron_verbs")
MEMBER_PHRASES = LEX.words("member_phrases")
STOP_WORDS = LEX.words("stop_words")
PARTICIPLE_ENDINGS = tuple(sorted(LEX.words("participle_endings")))
COMPOUND = LEX.rx("compound")
COUNTRY_COMPOUND = LEX.rx("country_compound")
CLAIM_PHRASE = LEX.rx("claim_phrase")
COUNTRY_CLAIM_PHRASE = LEX.rx("country_claim_phrase")
APPOSITIVE = LEX.rx("appositive")
APPOSITIVE_RELATION = LEX.rx("appositive_relation")


def _relation(word: str) -> str:
    """The relation a cue word or phrase states: "member_of", "patron" or "ally"."""
    w = word.casefold().split()[0] if word.strip() else ""
    if word.casefold() in MEMBER_PHRASES:
        return "member_of"
    return "patron" if w in PATRON_VERBS else "ally"


@dataclass
class _Claims:
    """The claims found in one text so far: one per subject, patron and start."""

    text: str
    found: list[tuple[str, Affiliation]] = field(default_factory=list)

    def add(self, subject: str, patron: str, relation: str, start: int, end: int) -> None:
        """Record that `subject` is affiliated with `patron`, stated by text[start:end]."""
        if subject == patron:
            return
        aff = Affiliation(actor=patron, relation=relation, source="text", text=self.text[start:end], start=start, end=end)
        if not any(c[0] == subject and c[1].actor == patron and c[1].start == start for c in self.found):
            self.found.append((subject, aff))


def find_affiliation_claims(text: str, mentions: Sequence[Mention], registry: ActorRegistry) -> list[tuple[str, Affiliation]]:
    """Affiliations the text states: "IRGC-affiliated 47th Regiment", "X, which is affiliated with Y".

    Returns (actor, Affiliation) pairs with ``source="text"`` and the claim's span. For a facility
    run by an actor ("Hezbollah-run recruitment centre") the first element is the facility phrase
    as written, since it is not an actor.
    """
    ms = sorted((m for m in mentions if m.kind == "actor" and m.resolved), key=lambda m: m.start)
    claims = _Claims(text)
    for k, m in enumerate(ms):
        nxt = ms[k + 1] if k + 1 < len(ms) else None
        _compound_claim(claims, m, nxt)
        if m.detail and "part_of=" in m.detail:
            claims.add(m.resolved, m.detail.split("part_of=")[1].split("|")[0], "parent", m.start, m.end)  # type: ignore[arg-type]
        # A claim in a phrase after the actor is the whole claim; only otherwise may an appositive make one.
        if _phrase_claim(claims, m, nxt) or _country_phrase_claim(claims, m, nxt, registry):
            continue
        _appositive_claim(claims, m, nxt, registry)
    _country_compound_claims(claims, ms, registry)
    return claims.found


def _compound_claim(claims: _Claims, m: Mention, nxt: Mention | None) -> None:
    """"IRGC-affiliated 47th Regiment", "Hezbollah-run recruitment centre"."""
    text = claims.text
    comp = COMPOUND.match(text, m.end)
    if not comp:
        return
    rel = _relation(comp.group(1))
    between = text[comp.end():nxt.start] if nxt else ""
    if nxt and len(between) <= 40 and re.fullmatch(r"[\s\w'’-]*", between):
        claims.add(nxt.resolved, m.resolved, rel, m.start, nxt.end)  # type: ignore[arg-type]
        return
    words = _facility_words(text, comp.end())
    if words:
        phrase = " ".join(w.group(1) for w in words)
        claims.add(phrase, m.resolved, rel, m.start, comp.end() + words[-1].end())  # type: ignore[arg-type]


def _facility_words(text: str, at: int) -> list[re.Match[str]]:
    """Up to three lower-case words right after `at` that name what an actor runs ("recruitment centre")."""
    words: list[re.Match[str]] = []
    for w in re.finditer(r"\s+([a-z][\w'’-]*)", text[at:at + 60]):
        word = w.group(1)
        if (w.start() != (words[-1].end() if words else 0) or word in STOP_WORDS
                or word.endswith(PARTICIPLE_ENDINGS) or len(words) == 3):
            break
        words.append(w)
    return words


def _phrase_claim(claims: _Claims, m: Mention, nxt: Mention | None) -> bool:
    """"X, which is affiliated with the Lebanese Hezbollah", "X loyal to Y"."""
    if not nxt:
        return False
    phrase = CLAIM_PHRASE.fullmatch(claims.text, m.end, nxt.start)
    if not phrase:
        return False
    claims.add(m.resolved, nxt.resolved, _relation(phrase.group(1)), m.start, nxt.end)  # type: ignore[arg-type]
    return True


def _country_phrase_claim(claims: _Claims, m: Mention, nxt: Mention | None, registry: ActorRegistry) -> bool:
    """"The 8th Brigade, which is backed by Russia": a country's name as the patron."""
    cue_phrase = COUNTRY_CLAIM_PHRASE.match(claims.text, m.end)
    if not (cue_phrase and cue_phrase.group(2).casefold() in registry.rules.patron_cues
            and not (nxt and nxt.start < cue_phrase.end())):
        return False
    patron = registry.rules.patron_cues[cue_phrase.group(2).casefold()]
    claims.add(m.resolved, patron, _relation(cue_phrase.group(1)), m.start, cue_phrase.end())  # type: ignore[arg-type]
    return True


def _appositive_claim(claims: _Claims, m: Mention, nxt: Mention | None, registry: ActorRegistry) -> None:
    """"Kataib Hizbullah, an Iran-backed Iraqi militia", "X, a faction of Y"."""
    text = claims.text
    app = APPOSITIVE.match(text, m.end)
    if not app:
        return
    cue = COUNTRY_COMPOUND.search(app.group(1))
    if cue and cue.group(1).casefold() in registry.rules.patron_cues:
        patron = registry.rules.patron_cues[cue.group(1).casefold()]
        claims.add(m.resolved, patron, _relation(cue.group(2)), m.start, app.end())  # type: ignore[arg-type]
    elif nxt and app.start(1) <= nxt.start < app.end():
        words = text[app.start(1):nxt.start]
        rel = APPOSITIVE_RELATION.search(words)
        if rel or COMPOUND.match(text, nxt.end):
            claims.add(m.resolved, nxt.resolved, _relation(rel.group(1)) if rel else "ally", m.start, nxt.end)  # type: ignore[arg-type]


def _country_compound_claims(claims: _Claims, ms: Sequence[Mention], registry: ActorRegistry) -> None:
    """"Iran-backed Kataib Hezbollah": a country's name as the patron of the next actor."""
    text = claims.text
    for cue in COUNTRY_COMPOUND.finditer(text):
        word = cue.group(1).casefold()
        if word not in registry.rules.patron_cues:
            continue
        if any(mm.start <= cue.start() < mm.end for mm in ms):
            continue
        nxt = next((mm for mm in ms if mm.start >= cue.end()), None)
        if nxt and nxt.start - cue.end() <= 30 and re.fullmatch(r"[\s\w'’-]*", text[cue.end():nxt.start]):
            claims.add(nxt.resolved, registry.rules.patron_cues[word], _relation(cue.group(2)), cue.start(), nxt.end)  # type: ignore[arg-type]
