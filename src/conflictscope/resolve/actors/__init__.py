"""Actor registry and actor mention finding (stage ``resolve.actors.v1``).

The registry is data: JSON files in ``conflictscope/data/actors/`` (format in that folder's
README.md), read once by :meth:`ActorRegistry.load`, which also builds the alias index. Mentions
are found by scanning the report's normalised tokens (casefolded, diacritics stripped, apostrophes
and hyphens unified, Arabic articles and "the" dropped, plurals and possessives folded) against the
index, longest match first. An alias shared by several actors (``"Islamic State"``, ``"police"``,
``"civilians"``) is settled by the report's country and date: each such actor carries a country
and a validity period, so "regime forces" is "Military Forces of Syria (2000-2024)" before
8 December 2024 and "(2024-)" after it.

Modules, by job: ``names`` (tokens and their normalisation), ``registry`` (loading, checking,
the alias index, lookups, periods), ``mentions`` (the scan, metonyms, units of parents, single
names), ``affiliations`` (affiliations stated in the text), ``unresolved`` (organisation-like
names no actor matched).

Public API::

    registry = ActorRegistry.load(extra_files=())
    find_actor_mentions(text, registry, country=None, date=None) -> list[Mention]
    resolve_actor(name, registry, country=None, date=None) -> Actor | None
    find_affiliation_claims(text, mentions, registry) -> list[tuple[str, Affiliation]]
    find_unresolved_actor_mentions(text, mentions, others=()) -> list[Mention]
    find_text_named_groups(text, mentions, registry, country_of_word, country_name, date=None) -> list[Mention]
    drop_place_lookalikes(actors, places, registry) -> list[Mention]
    inter_for(actor, country) -> int
"""
from __future__ import annotations

from .affiliations import find_affiliation_claims
from .mentions import drop_place_lookalikes, find_actor_mentions, named_actor_countries, named_actor_spans, resolve_actor
from .registry import CONTEXT_FILE, DATA_DIR, KINDS, ORIGIN, RELATIONS, ActorRegistry, inter_for
from .unresolved import find_text_named_groups, find_unresolved_actor_mentions

__all__ = [
    "ActorRegistry", "find_actor_mentions", "named_actor_countries", "named_actor_spans", "resolve_actor", "find_affiliation_claims",
    "find_unresolved_actor_mentions", "find_text_named_groups", "drop_place_lookalikes", "inter_for",
    "ORIGIN", "DATA_DIR", "CONTEXT_FILE", "KINDS", "RELATIONS",
]
