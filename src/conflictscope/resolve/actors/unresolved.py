"""Organisation-like names that no registry actor matched, for users to add to a registry file."""
from __future__ import annotations

from collections.abc import Sequence

from conflictscope import lexicon
from conflictscope.models import Mention

from .registry import ORIGIN

LEX = lexicon.section("unresolved", "actors")
ORG_NAME = LEX.rx("org_name")
DETERMINER = LEX.rx("determiner")


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
