"""Who says it (stage `attribute.v1`): the publisher, the sources a report cites, and caveats.

How reports cite and hedge is the ``attribution`` section of ``data/lexicon/attribution.json``.
"""
from __future__ import annotations

import dataclasses
import re

from .lexicon import section
from .models import Report, Source

ORIGIN = "attribute.v1"

_LEX = section("attribution")
# "writes X", "told X": X is a publication whatever its name; elsewhere a name must look like an outlet
_CITES = [_LEX.rx("cite_outlet_verb"), _LEX.rx("cite_before_name"), _LEX.rx("cite_after_name")]
_CAVEATS = _LEX.rx("caveat")
_GENERIC = _LEX.words("generic_names")
_ORG_HINT = _LEX.rx("outlet_hint")
_POSSESSIVE = _LEX.rx("possessive")
_ARTICLE = _LEX.rx("leading_article")
_KEY_STOPWORDS = _LEX.words("key_stopwords")


def _key(name: str) -> str:
    """'The Voice of the Desert' and 'Voice of Desert' are one source."""
    return " ".join(w for w in re.findall(r"\w+", name.lower()) if w not in _KEY_STOPWORDS)


def attribute_sources(report: Report) -> Report:
    """Return the report with its publisher, cited sources and caveats as `Source` records."""
    sources: list[Source] = [s for s in report.sources if s.role == "publisher"]
    if not sources and report.publisher:
        sources.append(Source(report.publisher, "publisher"))
    seen = {_key(s.name) for s in sources}
    for pattern in _CITES:
        for m in pattern.finditer(report.text):
            name = _POSSESSIVE.sub("", m.group("name").strip().rstrip(".,"))
            name = _ARTICLE.sub("", name)
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
