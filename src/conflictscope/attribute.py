"""Who says it (stage `attribute.v1`): the publisher, the sources a report cites, and caveats."""
from __future__ import annotations

import dataclasses
import re

from .models import Report, Source

ORIGIN = "attribute.v1"

_NAME = r"(?P<name>(?:the )?[A-Z][\w'’-]*(?:[ \t]+(?:[A-Z][\w'’-]*|of|the|for|and|al-[A-Z][\w'-]*))*(?:[ \t]+\([A-Z0-9]{2,8}\))?)"
_CITES = [
    # "writes X", "told X": X is a publication whatever its name; elsewhere a name must look like an outlet
    re.compile(rf"\b(?P<verb>writes|wrote|told)\s+{_NAME}", re.M),
    re.compile(rf"\b(?:reports|reported|said|according to|cited by|as per|per)\s+{_NAME}", re.M),
    re.compile(rf"{_NAME}\s+(?:reported|said|documented|stated|confirmed|correspondent said|sources said|sources reported)\b"),
]
_CAVEATS = re.compile(
    r"[^.\n]*\b(has not verified|could not (be )?(independently )?verif|cannot (independently )?verify|"
    r"not been able to verify|unverified|could not be reached|did not return a request)[^.\n]*[.\n]", re.I)
_GENERIC = {"He", "She", "They", "It", "The", "This", "That", "A", "An", "The correspondent",
            "The source", "The group", "The statement", "The monitor", "The Observatory", "Sources", "Residents"}
_ORG_HINT = re.compile(r"\b(Observatory|Monitor|News|Network|Post|Agency|Press|Wire|Media|TV|Television|"
                       r"Radio|Times|Observer|Institute|Center|Centre|Voice|Echo|Today|Cell|"
                       r"Ministry|Command|Reuters|AFP|SOHR|SANA|Facebook|Telegram)\b")


def _key(name: str) -> str:
    """'The Voice of the Desert' and 'Voice of Desert' are one source."""
    return " ".join(w for w in re.findall(r"\w+", name.lower()) if w not in ("the", "of", "al", "s"))


def attribute_sources(report: Report) -> Report:
    """Return the report with its publisher, cited sources and caveats as `Source` records."""
    sources: list[Source] = [s for s in report.sources if s.role == "publisher"]
    if not sources and report.publisher:
        sources.append(Source(report.publisher, "publisher"))
    seen = {_key(s.name) for s in sources}
    for pattern in _CITES:
        for m in pattern.finditer(report.text):
            name = re.sub(r"['’]s$", "", m.group("name").strip().rstrip(".,"))
            name = re.sub(r"^the\s+", "", name, flags=re.I)
            outlet_verb = "verb" in pattern.groupindex and m.group("verb")
            if name in _GENERIC or len(name) > 80 or not (outlet_verb or _ORG_HINT.search(name)):
                continue
            key = _key(name)
            if key in seen:
                continue
            seen.add(key)
            sources.append(Source(name, "originating", m.group(0), m.start("name"), m.end("name")))
    for m in _CAVEATS.finditer(report.text):
        sources.append(Source(m.group(0).strip(), "caveat", m.group(0).strip(), m.start(), m.end()))
    return dataclasses.replace(report, sources=sources)
