"""Organisation-like names that no registry actor matched, for users to add to a registry file; the armed
groups among them take part in events, named as written."""
from __future__ import annotations

from collections.abc import Callable, Sequence

from conflictscope import lexicon
from conflictscope.models import TEXT_NAMED, Mention

from .registry import ORIGIN, ActorRegistry

LEX = lexicon.section("unresolved", "actors")
ORG_NAME = LEX.rx("org_name")
DETERMINER = LEX.rx("determiner")
ARMED_NAME = LEX.rx("armed_name")
UNARMED_NAME = LEX.rx("unarmed_name")
STATE_FORCE_NAME = LEX.rx("state_force_name")
FORCES_ALIAS = "army"   # the alias every country's military forces share in the registry


def find_unresolved_actor_mentions(text: str, mentions: Sequence[Mention],
                                   others: Sequence[Mention] = ()) -> list[Mention]:
    """Organisation-like names ("Liwa Abu al-Fadl al-Abbas", "the Desert Hawks Brigade") that no actor matched.

    They are listed by `conflictscope actors --unresolved` so a user can add them to a registry file.
    """
    taken = [(m.start, m.end) for m in (*mentions, *others)]
    out: list[Mention] = []
    for m in ORG_NAME.finditer(text):
        start, end = m.start(), m.end()
        if any(s < end and start < e for s, e in taken):
            continue
        name = m.group(0)
        lead = DETERMINER.match(name)
        if lead:
            name, start = name[lead.end():], start + lead.end()
        if len(name.split()) < 2:
            continue
        out.append(Mention("actor", name, start, end, None, f"{ORIGIN}:unresolved", 0.0,
                           "organisation-like name that matched no registry actor"))
    return out


def find_text_named_groups(text: str, mentions: Sequence[Mention], registry: ActorRegistry,
                           country_of_word: Callable[[str], str | None], country_name: Callable[[str], str | None],
                           date: str | None = None) -> list[Mention]:
    """Armed groups the text names that no registry actor matched ("the National Resistance Forces", "the
    Southern Freedom Brigade"): ACLED names a named group by its name, so the name as written is the actor, a
    political militia, flagged for review (`conflictscope actors --unresolved` lists
    them to add to an actor file). Not a party, council or company. A name with one country's name or demonym
    in it and a force's word ("the Defence Forces of Armenia", "the National Guard of Ukraine") is that
    state's forces, named by the registry's conventions."""
    out: list[Mention] = []
    for m in find_unresolved_actor_mentions(text, mentions):
        name = m.text.strip()
        if UNARMED_NAME.search(name):
            continue
        isos = {iso for w in name.split() if (iso := country_of_word(w.removesuffix("'s").removesuffix("’s")))}
        if isos:
            state = country_name(isos.pop()) if len(isos) == 1 and STATE_FORCE_NAME.search(name) else None
            chosen = registry.choose(registry.named_by(FORCES_ALIAS), state, date) if state else None
            if chosen:
                out.append(Mention("actor", m.text, m.start, m.end, chosen, f"{ORIGIN}:country-force", 0.8,
                                   "forces named after their country: that country's military forces"))
            continue
        if ARMED_NAME.search(name):
            actor = registry.named_in_text(name)
            out.append(Mention("actor", m.text, m.start, m.end, actor.name, f"{ORIGIN}:{TEXT_NAMED}", 0.7,
                               "an armed group the report names that no actor file holds: named as written"))
    return out
