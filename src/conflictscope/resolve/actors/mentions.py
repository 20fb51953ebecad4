"""Actor mentions in a report: the alias scan, metonyms, units of their parents, single names.

Mentions are found by scanning the report's normalised tokens against the registry's alias
index, longest match first. A shared alias follows the candidate named just before it, else the
registry settles it by country and date; a short form ("the committee") stands for the actor it
abbreviates when that actor was named earlier.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from conflictscope import lexicon
from conflictscope import theatre as theatre_data
from conflictscope.models import Actor, Mention

from .names import Token, is_upper_token
from .registry import ORIGIN, ActorRegistry, AliasEntry

LEX = lexicon.section("mentions", "actors")
ARTICLE_GAP = LEX.rx("article_gap")
NAME_PART = LEX.rx("name_part")
DEFINITE_BEFORE = LEX.rx("definite_before")
UNIT_OF_PARENT_LINK = LEX.rx("unit_of_parent_link")
POSSESSIVE_ENDINGS = tuple(sorted(LEX.words("possessive_endings")))
COORDINATED_AFTER = LEX.rx("coordinated_country_after")
COORDINATED_BEFORE = LEX.rx("coordinated_country_before")
COUNTRY_WORD = LEX.rx("country_word")

# What may stand between two tokens of one mention (once articles are taken out): spaces, hyphens,
# slashes, brackets, colons.
_JOIN_RE = re.compile(r"[\s\-‐‑–/():]*")
# How far back (in characters) a named candidate settles a shared alias.
_RECENT_CHARS = 300
# A name more countries' groups share than this says nothing of where a report is ("police").
SHARED_NAME_COUNTRIES = 3
DEFAULT_EDGE = 0.1   # the extra share of the country of the group a shared name means by default


def find_actor_mentions(
    text: str, registry: ActorRegistry, *, country: str | None = None, date: str | None = None,
    include_sources: bool = False,
) -> list[Mention]:
    """Actor mentions in `text`, non-overlapping, longest match first, in text order.

    Args:
        country: the report's country, used for aliases shared across countries ("police",
            "civilians", "Islamic State"); inferred from the text when None.
        date: ISO date of the events (or publication), used to pick regime periods.
        include_sources: also return media outlets and monitors (kind "source").
    """
    country = country or registry.infer_country(text) or registry.rules.default_country
    toks = registry.tokenize(text)
    n = len(toks)
    joinable = [bool(_JOIN_RE.fullmatch(ARTICLE_GAP.sub("", text[toks[i].end:toks[i + 1].start]))) for i in range(n - 1)]
    mentions: list[Mention] = []
    seen: dict[str, int] = {}
    i = 0
    while i < n:
        found = _longest_at(registry, text, toks, joinable, i, country, date, seen)
        if found and _reaches_further(registry, text, toks, joinable, i, found[3], country, date, seen):
            i += 1   # "the regime's Military Security branch": the longer name that starts inside wins
            continue
        if found:
            name, entry, fuzzy, length = found
            start, end = toks[i].start, toks[i + length - 1].end
            end = _trim_possessive(text, start, end)
            actor = registry.actors[name]
            if actor.kind != "source" or include_sources:
                origin = f"{ORIGIN}:{'fuzzy' if fuzzy else entry.cls}"
                mentions.append(Mention(kind="actor", text=text[start:end], start=start, end=end, resolved=name,
                                        origin=origin, score=0.8 if fuzzy or entry.cls == "anaphor" else 1.0,
                                        detail=f"alias={entry.alias}"))
            seen[name] = start
            i += length
        else:
            i += 1
    mentions = _add_metonyms(text, registry, mentions, date)
    mentions = _add_coordinated(text, registry, mentions, date)
    return _merge_unit_of_parent(text, registry, mentions)


def _longest_at(registry: ActorRegistry, text: str, toks: list[Token], joinable: list[bool], i: int,
                country: str | None, date: str | None, seen: dict[str, int]):
    """The longest actor name that starts at token i, as `_match_at` gives it, or None."""
    if toks[i].norm not in registry._firsts and toks[i].fold not in registry._firsts:
        return None
    limit = 1
    while limit < registry._max_len and i + limit < len(toks) and joinable[i + limit - 1]:
        limit += 1
    for length in range(_reach(registry, toks, i, limit, folded=True), 0, -1):
        found = _match_at(registry, text, toks, i, length, country, date, seen)
        if found:
            return found
    return None


def _reaches_further(registry: ActorRegistry, text: str, toks: list[Token], joinable: list[bool], i: int,
                     length: int, country: str | None, date: str | None, seen: dict[str, int]) -> bool:
    """Whether a name starting inside the `length` tokens matched at i reaches beyond them and is longer."""
    for j in range(i + 1, i + length):
        later = _longest_at(registry, text, toks, joinable, j, country, date, seen)
        if later is not None and j + later[3] > i + length and later[3] > length:
            return True
    return False


def named_actor_countries(text: str, registry: ActorRegistry) -> Counter[str]:
    """Countries of the named armed groups a report mentions ("Boko Haram", "CJNG", "Taliban"): a sign of
    where it happened, before places and generic actors are settled. A name several countries' groups
    share votes for each in part; names of every country's forces ("police") do not vote."""
    votes: Counter[str] = Counter()
    for _, _, named in _named_groups(text, registry):
        countries = {registry.actors[n].country for n in named}
        if countries and None not in countries and len(countries) <= SHARED_NAME_COUNTRIES:
            # the group a shared name means by default ("Al Shabaab": the Somali one) weighs a little more
            preferred = {registry.actors[n].country for n in named if registry.meta[n].default}
            for country in sorted(countries):   # once per country, however often its groups are named
                share = 1.0 / len(countries) + (DEFAULT_EDGE if country in preferred and len(countries) > 1 else 0.0)
                votes[country] = max(votes[country], share)
    return votes


def named_actor_spans(text: str, registry: ActorRegistry) -> list[tuple[int, int]]:
    """Where the text names a named armed group ("Boko Haram"): no place is read inside such a name
    (Haram is a town of Norway)."""
    return [(start, end) for start, end, named in _named_groups(text, registry) if named]


def _named_groups(text: str, registry: ActorRegistry):
    """(start, end, named actors) for each longest alias of the registry written in the text."""
    toks = registry.tokenize(text)
    i = 0
    while i < len(toks):
        step = 1
        if toks[i].norm not in registry._firsts:
            i += 1
            continue
        for length in range(_reach(registry, toks, i, min(registry._max_len, len(toks) - i)), 0, -1):
            entries = registry._exact.get(tuple(t.norm for t in toks[i:i + length]))
            if not entries or not _case_ok(entries[0], toks, i, length):
                continue
            named = [e.actor for e in entries if registry.actors[e.actor].kind == "named" and e.cls in ("alias", "acronym")]
            yield toks[i].start, toks[i + length - 1].end, named
            step = length
            break
        i += step


def _reach(registry: ActorRegistry, toks: list[Token], i: int, limit: int, folded: bool = False) -> int:
    """How many tokens from `i` (at most `limit`) still begin some key of the exact alias index (or,
    with `folded`, of the folded one): no longer name can match, so none is looked up."""
    exact, skeletons = registry.prefixes()
    norms: tuple[str, ...] = ()
    folds: tuple[str, ...] = ()
    for n in range(limit):
        norms += (toks[i + n].norm,)
        folds += (toks[i + n].fold,)
        if norms not in exact and not (folded and folds in skeletons):
            return n
    return limit


def _trim_possessive(text: str, start: int, end: int) -> int:
    """The end of a mention without a possessive ending, unless nothing else is left."""
    for suffix in POSSESSIVE_ENDINGS:
        if text[start:end].endswith(suffix) and end - len(suffix) > start:
            return end - len(suffix)
    return end


def _match_at(
    registry: ActorRegistry, text: str, toks: list[Token], i: int, length: int, country: str | None, date: str | None,
    seen: dict[str, int],
) -> tuple[str, AliasEntry, bool, int] | None:
    """The actor the `length` tokens at `i` name: (name, index entry, by spelling skeleton, length), or None."""
    window = toks[i:i + length]
    for index, key, fuzzy in (
        (registry._exact, tuple(t.norm for t in window), False),
        (registry._folded, tuple(t.fold for t in window), True),
    ):
        entries = index.get(key)
        if not entries:
            continue
        ok = _usable_entries(entries, text, toks, i, length, fuzzy)
        anaphors = [e for e in ok if e.cls == "anaphor"]
        ok = [e for e in ok if e.cls != "anaphor"]
        earlier = _earlier_actor(text, window[0], anaphors, seen) if anaphors and not fuzzy else None
        if earlier and all(e.cls == "descriptive" for e in ok):
            # "Iranian-backed militias ... the militias": the short form of the group named before,
            # not the generic group its word also names
            return earlier.actor, earlier, False, length
        if ok:
            name = _settle(registry, ok, window[0].start, country, date, seen)
            if name:
                return name, next(e for e in ok if e.actor == name), fuzzy, length
        if earlier:
            return earlier.actor, earlier, False, length
    return None


def _usable_entries(entries: list[AliasEntry], text: str, toks: list[Token], i: int, length: int,
                    fuzzy: bool) -> list[AliasEntry]:
    """The index entries whose case, context and spelling the tokens at `i` satisfy."""
    window = toks[i:i + length]
    ok = [e for e in entries if _case_ok(e, toks, i, length)]
    if length == 1 and NAME_PART.match(text, window[0].end):
        # "Badr al-Din", "Hamza al-Ali": one word before an Arabic article is part of a name.
        ok = [e for e in ok if e.cls == "acronym"]
    if fuzzy:
        ok = [e for e in ok if _fuzzy_ok(e, window)]
    return ok


def _settle(registry: ActorRegistry, ok: list[AliasEntry], start: int, country: str | None, date: str | None,
            seen: dict[str, int]) -> str | None:
    """The actor an alias names at `start`, or None when its candidates cannot be told apart."""
    names = {e.actor for e in ok}
    # A shared alias ("troops" after "Israeli troops") follows the candidate named just before.
    recent = [n for n in names if n in seen and start - seen[n] <= _RECENT_CHARS]
    if len(names) > 1 and recent:
        return max(recent, key=lambda n: seen[n])
    return registry.choose([e.actor for e in ok], country, date, where=country)


def _earlier_actor(text: str, first: Token, anaphors: list[AliasEntry], seen: dict[str, int]) -> AliasEntry | None:
    """A short form ("the committee") stands for the actor named last before it, when written definite."""
    definite = first.raw[:1].isupper() or DEFINITE_BEFORE.search(text[max(0, first.start - 8):first.start])
    earlier = [e for e in anaphors if e.actor in seen]
    if earlier and definite:
        return max(earlier, key=lambda e: seen[e.actor])
    return None


def _fuzzy_ok(entry: AliasEntry, window: list[Token]) -> bool:
    """A skeleton match counts when a long name differs or one token of several matches exactly; a lone
    lower-case word only when a letter apart ("policmen" is policemen, "policies" is no police)."""
    if len(window) == 1:
        t = window[0]
        return len(t.norm) >= 7 and (t.raw[:1].isupper() or abs(len(t.raw) - len(entry.key[0])) <= 1)
    return any(t.norm == k for t, k in zip(window, entry.key))


def _case_ok(entry: AliasEntry, toks: list[Token], i: int, length: int) -> bool:
    """Whether the tokens at `i` are in capitals where the alias is an acronym, and not words of a headline in capitals."""
    for k, exact in enumerate(entry.cased):
        if exact and toks[i + k].raw != exact:
            return False
    for k, must_upper in enumerate(entry.mask):
        if not must_upper:
            continue
        raw = toks[i + k].raw
        if not is_upper_token(raw):
            return False
        if len(raw.replace(".", "")) <= 2:
            # "IS", "US" in an all-capitals headline are words, not acronyms.
            before = toks[i + k - 1].raw if i + k > 0 else ""
            after = toks[i + k + 1].raw if i + k + 1 < len(toks) else ""
            if before and after and is_upper_token(before) and is_upper_token(after) and len(before) > 2 and len(after) > 2:
                return False
    return True


def _add_metonyms(text: str, registry: ActorRegistry, mentions: list[Mention], date: str | None) -> list[Mention]:
    """"Israel struck ...": a state's name as the subject of an attack verb names its forces."""
    if registry._metonym_re is None:
        return mentions
    taken = [(m.start, m.end) for m in mentions]
    extra = []
    for m in registry._metonym_re.finditer(text):
        s, e = m.span(1)
        if any(a < e and s < b for a, b in taken):
            continue
        name = _period_variant(registry, registry.rules.metonyms[m.group(1)], date)
        extra.append(Mention(kind="actor", text=m.group(1), start=s, end=e, resolved=name,
                             origin=f"{ORIGIN}:metonym", score=0.7, detail=f"alias={m.group(1)}"))
    return sorted(mentions + extra, key=lambda x: x.start) if extra else mentions


def _add_coordinated(text: str, registry: ActorRegistry, mentions: list[Mention], date: str | None) -> list[Mention]:
    """"Military forces of India and Pakistan", "Indian and Pakistani troops": the force of a country
    joined to another's is that country's force too, named by the same words."""
    theatre = theatre_data.load()
    taken = [(m.start, m.end) for m in mentions]
    extra = []
    for m in mentions:
        actor = registry.actors.get(m.resolved or "")
        if actor is None or actor.kind == "source":
            continue
        own = [w for w in COUNTRY_WORD.finditer(m.text)
               if theatre.name(theatre.by_word(w.group(0)) or "") == actor.country]
        if len(own) != 1:
            continue
        after = COORDINATED_AFTER.match(text, m.end)
        before = COORDINATED_BEFORE.search(text, 0, m.start) if own[0].start() == 0 else None
        for hit in (h for h in (after, before) if h):
            s, e = hit.span(1)
            iso2 = theatre.by_word(hit.group(1))
            other = theatre.name(iso2 or "")
            if not other or other == actor.country or any(a < e and s < b for a, b in taken):
                continue
            if hit.group(1) in theatre.countries[iso2].peoples:
                continue   # "Palestinians and Israeli forces": a people, not a second country's forces
            phrase = m.text[:own[0].start()] + hit.group(1) + m.text[own[0].end():]
            found = resolve_actor(phrase, registry, country=other, date=date)
            if found is not None and found.country == other and found.kind == actor.kind:
                extra.append(Mention(kind="actor", text=hit.group(1), start=s, end=e, resolved=found.name,
                                     origin=f"{ORIGIN}:coordinated", score=0.9, detail=f"alias={phrase}"))
                taken.append((s, e))
    return sorted(mentions + extra, key=lambda x: x.start) if extra else mentions


def _period_variant(registry: ActorRegistry, name: str, date: str | None) -> str:
    """The same force in the period valid on `date` ("(2021-)" -> "(2017-2021)" before 2021-01-20)."""
    if not date or registry.valid_on(name, date):
        return name
    base = name.rsplit(" (", 1)[0]
    for other in registry.actors:
        if other.startswith(base + " (") and registry.valid_on(other, date):
            return other
    return name


def _merge_unit_of_parent(text: str, registry: ActorRegistry, mentions: list[Mention]) -> list[Mention]:
    """"47th local militia of the Iranian Revolutionary Guard": one mention of the unit."""
    out: list[Mention] = []
    for m in mentions:
        if out:
            prev = out[-1]
            gap = text[prev.end:m.start]
            if (UNIT_OF_PARENT_LINK.fullmatch(gap) and prev.resolved and m.resolved
                    and m.resolved in registry.ancestors(prev.resolved)):
                out[-1] = replace(prev, text=text[prev.start:m.end], end=m.end, detail=f"{prev.detail}|part_of={m.resolved}")
                continue
        out.append(m)
    return out


def resolve_actor(name: str, registry: ActorRegistry, *, country: str | None = None, date: str | None = None) -> Actor | None:
    """The actor a single mention string names ("Hizbullah", "unknown gunmen", "Israel"), or None."""
    s = " ".join(name.split()).strip(" \"'“”‘’.,;:")
    if not s:
        return None
    if s in registry.actors:
        return registry.actors[s]
    country = country or registry.rules.default_country
    toks = registry.tokenize(s)
    if toks:
        whole = registry._exact.get(tuple(t.norm for t in toks)) or registry._folded.get(tuple(t.fold for t in toks)) or []
        ok = [e for e in whole if _case_ok(e, toks, 0, len(toks))]
        if ok:
            chosen = registry.choose([e.actor for e in ok], country, date)
            if chosen:
                return registry.actors[chosen]
    if s in registry.rules.metonyms:
        return registry.actors.get(_period_variant(registry, registry.rules.metonyms[s], date))
    mentions = [m for m in find_actor_mentions(s, registry, country=country, date=date, include_sources=True) if m.resolved]
    if mentions:
        best = max(mentions, key=lambda m: (m.end - m.start, -m.start))
        return registry.actors[best.resolved]  # type: ignore[index]
    return _fuzzy(s, registry, country, date)


def _fuzzy(s: str, registry: ActorRegistry, country: str | None, date: str | None) -> Actor | None:
    """The actor whose alias is spelled nearly like `s` (90 of 100 or more), or None."""
    from rapidfuzz import fuzz, process

    query = " ".join(t.norm for t in registry.tokenize(s))
    if len(query) < 6:
        return None
    keys = {" ".join(k): k for k in registry._exact if sum(map(len, k)) >= 6}
    hit = process.extractOne(query, list(keys), scorer=fuzz.ratio, score_cutoff=90)
    if not hit:
        return None
    entries = [e for e in registry._exact[keys[hit[0]]] if e.cls != "anaphor" and not any(e.mask)]
    chosen = registry.choose([e.actor for e in entries], country, date)
    return registry.actors[chosen] if chosen else None


def drop_place_lookalikes(actors: list[Mention], places: list[Mention], registry: ActorRegistry) -> list[Mention]:
    """'northern Hama' is a place, not a plural-stripped 'Hamas': a span the gazetteer resolved keeps
    its actor reading only when the text is exactly one of the actor's names."""
    spans = {(p.start, p.end) for p in places if p.resolved}
    kept = []
    for m in actors:
        if (m.start, m.end) in spans:
            actor = registry.get(m.resolved or "")
            names = {n.casefold() for n in ((actor.name, *actor.aliases) if actor else ())}
            if m.text.casefold() not in names:
                continue
        kept.append(m)
    return kept

