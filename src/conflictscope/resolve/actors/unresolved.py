"""Organisation-like names that no registry actor matched, for users to add to a registry file."""
from __future__ import annotations

import re
from collections.abc import Sequence

from conflictscope.models import Mention

from .registry import ORIGIN

_ORG_WORDS = (r"Brigades?|Regiment|Division|Battalions?|Corps|Forces|Front|Army|Movement|Militia|Group|Council|"
              r"Committee|Guards?|Units?|Squad|Legion|Organi[sz]ation|Resistance|Party|Battalion|Detachment|Company")
_ORG_PREFIX = r"Liwa|Kata'?[’']?ib|Saraya|Harakat|Jaysh|Jaish|Firqat|Quwat|Ahrar|Fawj|Asa'?ib"
_CAP = r"(?:[A-Z][\w'’-]+|al-[A-Z][\w'’-]+|\d+(?:st|nd|rd|th)?)"
_ORG_RE = re.compile(
    rf"\b(?:(?:{_ORG_PREFIX})(?:\s+(?:al-|el-|an-|as-|ash-|ad-)?{_CAP})+"
    rf"|{_CAP}(?:\s+(?:of\s+the\s+|of\s+|al-|the\s+|and\s+)?{_CAP}){{0,5}}\s+(?:{_ORG_WORDS})\b(?:\s+(?:of|for)\s+(?:the\s+)?{_CAP}(?:\s+{_CAP}){{0,3}})?)")


def find_unresolved_actor_mentions(text: str, mentions: Sequence[Mention],
                                   others: Sequence[Mention] = ()) -> list[Mention]:
    """Organisation-like names ("Liwa Abu al-Fadl al-Abbas", "the Desert Hawks Brigade") that no actor matched.

    They are listed by `conflictscope actors --unresolved` so a user can add them to a registry file.
    """
    taken = [(m.start, m.end) for m in (*mentions, *others)]
    out: list[Mention] = []
    for m in _ORG_RE.finditer(text):
        start, end = m.start(), m.end()
        if any(s < end and start < e for s, e in taken):
            continue
        name = m.group(0)
        lead = re.match(r"(The|A|An|This|That)\s+", name)
        if lead:
            name, start = name[lead.end():], start + lead.end()
        if len(name.split()) < 2:
            continue
        out.append(Mention("actor", name, start, end, None, f"{ORIGIN}:unresolved", 0.0,
                           "organisation-like name that matched no registry actor"))
    return out
