"""Place mentions: find the place names of a report, choose among namesakes, grade their precision.

`find_place_mentions` scans capitalised token runs and Arabic words for gazetteer names (no
statistical NER), drops words and personal names that happen to be village names, chooses among
same-named places by the report's country, the provinces it names and the distance to its other
places, and grades each mention with ACLED's geo_precision. The English around a name (cues,
qualifiers, person markers) is lexicon data (``data/lexicon/places.json``, section ``mentions``).
"""
from __future__ import annotations

import json
import re
from typing import Callable, Sequence
from collections import Counter
from dataclasses import dataclass

from ... import lexicon
from ...models import Mention
from .evidence import COUNTRY_WORDS, NAME_WORDS, country_evidence
from .choose import ADMIN_WORDS, Span, accept, country_votes, disambiguate
from .qualifiers import link_measures, link_qualifiers, without_parts_of_unknown
from .gazetteer import REGION_KINDS, Gazetteer
from .names import ARABIC, ARTICLES, DIRECTION_WORDS, fold, latin_tokens
from .reading import ORIGIN, district_seats, districts_of_cities, sentence_before, to_mention, unknown_head

LEX = lexicon.section("mentions", "places")
NAME_CONTINUATIONS = LEX.words("continuations")
NAME_CONNECTORS = LEX.words("name_connectors")
NAME_PARTICLES = LEX.words("name_particles")
SETTLEMENT_WORDS = LEX.words("settlement_words")
PERSON_PREFIXES = LEX.words("person_prefixes")
CUE_WORDS = LEX.words("cue_words")
VILLAGE_KINDS = LEX.words("village_kinds")
JOINED_ARTICLES = LEX.words("joined_articles")
DETERMINERS = LEX.words("determiners")
NEIGHBOURHOOD_WORDS = LEX.words("neighbourhood_words")
NAME_HEADS = LEX.words("name_heads")
ARTICLE_DETERMINERS = LEX.words("article_determiners")
NAMING_CUES = LEX.rx("naming_cues")
ROLE_CUES = LEX.rx("role_cues")
PLACE_CUES = LEX.rx("place_cues")
STRONG_PLACE_CUES = LEX.rx("strong_place_cues")
KIND_CUE = LEX.rx("kind_cue")
REGION_BEFORE = LEX.rx("region_before")
UNIT_AFTER = LEX.rx("unit_after")
BRACKET_UNIT = LEX.rx("bracket_unit")
REGION_WORDS = LEX.words("region_words")
DISTRICT_WORDS = LEX.words("district_words")
LIST_SEPARATOR = LEX.rx("list_separator")
LIST_JOIN = LEX.rx("list_join")
NISBA_AFTER = LEX.rx("nisba_after")
POSSESSIVE_AFTER = LEX.rx("possessive_after")
QUALIFIER_GAP = LEX.rx("qualifier_gap")
LANDMARK_AFTER = LEX.rx("landmark_after")
ROUTE_AFTER = LEX.rx("route_after")
DISTANCE_MARKER = LEX.rx("distance_marker")
LIST_CONTINUES = LEX.rx("list_continues")
DIVISION_CODE = LEX.rx("division_code")
_COUNTRY_AFTER = LEX.rx("country_after")   # "Pula, Croatia", "Reasi (India)"
ACTOR_WEIGHT = 0.5     # a named armed group of one country (several countries' groups share some names)
CITY_OF_DISTRICTS = 250_000   # "City-District" names a district of a city this large ("Lima-La Victoria")

_TOKEN = re.compile(r"[\u0621-\u064A\u0640\u064B-\u065F]+|[A-Za-z0-9\u00C0-\u024F\u1E00-\u1EFF]+"
                    r"(?:['’ʿʾ](?!s\b)[A-Za-z\u00C0-\u024F]+)*")


def _tokens(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]


def _is_cap(tok: str) -> bool:
    return tok[:1].isupper() or tok[:1].isdigit() or bool(ARABIC.match(tok))


def _joinable(text: str, a_end: int, b_start: int) -> bool:
    gap = text[a_end:b_start]
    return len(gap) <= 3 and all(c in " -–‑\u00a0" for c in gap) and "\n" not in gap


def find_place_mentions(text: str, gazetteer: Gazetteer, *, country_hint: str | None = None,
                        actor_countries: Counter[str] | None = None,
                        group_names: Sequence[tuple[int, int]] = (),
                        check: Callable[[], None] = lambda: None) -> list[Mention]:
    """Find and resolve the place names of a report.

    Args:
        text: the report text; mention offsets index it.
        gazetteer: built once by `Gazetteer.load()`.
        country_hint: ISO code or name of the country the report is about, if known.
        actor_countries: ISO codes of the countries of the named armed groups the report mentions,
            with their share of each name (`named_actor_countries`): a little evidence each.
        group_names: (start, end) of the named armed groups the text names: no place strictly inside one
            ("Haram" of "Boko Haram"; a whole name, "Hama" read as Hamas, is settled with the actors).
        check: runs between the steps (the report's time budget).

    Returns:
        Place mentions in text order, each resolved to a place id with its ACLED geo_precision,
        anchor and the candidates considered in `detail` (JSON).
    """
    toks = _tokens(text)
    markers = [(m.start(), m.end()) for m in DISTANCE_MARKER.finditer(text)]   # "the Kilo 16 area"

    def scanned() -> list[Span]:
        return [s for s in _scan(text, toks, gazetteer, check)
                if not any(a <= s.start and s.end <= b and (s.start, s.end) != (a, b) for a, b in group_names)
                and not any(a <= s.start < b for a, b in markers)]

    named = country_evidence(text, toks, country_hint)
    for cc, share in (actor_countries or {}).items():
        named[cc] += ACTOR_WEIGHT * share   # "Boko Haram", "CJNG": their country, once each
    # a village of 500-1,000 people stands only in a country the report names or places its other names in:
    # the report is read without such villages, then again with those of the countries that reading vouches for
    first = scanned()
    minor = {gazetteer.place(pid).country_iso for s in first for pid, _ in s.cands if gazetteer.minor(pid)}
    spans = _resolve(text, toks, _without_minor(first, gazetteer, set()), gazetteer, Counter(named), check)
    vouched = {cc for cc, n in named.items() if n >= 1} | {gazetteer.place(s.chosen).country_iso for s in spans}
    if minor & vouched:
        spans = _resolve(text, toks, _without_minor(scanned(), gazetteer, vouched), gazetteer, Counter(named), check)
    mentions: list[Mention] = []
    for s in spans:
        m = to_mention(text, s, gazetteer, s.unknown_head)
        prev = mentions[-1] if mentions else None
        if prev is not None and LIST_JOIN.fullmatch(text[prev.end:s.start]):
            pd, md = json.loads(prev.detail), json.loads(m.detail)
            if md["anchor"] == "bare" and pd["precision"] == 2:
                md["precision"], md["anchor"] = 2, pd["anchor"]
                m = Mention(**{**m.to_dict(), "detail": json.dumps(md, ensure_ascii=False)})
        mentions.append(m)
    return mentions


GOOD_MATCH = 0.88   # a spelling or variant of the name, not a loose guess (`Gazetteer.match`)


def _without_minor(spans: list[Span], gaz: Gazetteer, vouched: set[str]) -> list[Span]:
    """The spans less their candidates that are villages of 500-1,000 people outside the vouched countries;
    a span that had one and is left with no good match (a loose guess at most) is no place name."""
    out = []
    for s in spans:
        kept = [(pid, q) for pid, q in s.cands if not (gaz.minor(pid) and gaz.place(pid).country_iso not in vouched)]
        if len(kept) < len(s.cands) and not any(q >= GOOD_MATCH for _, q in kept):
            continue
        s.cands = kept
        out.append(s)
    return out


def _resolve(text: str, toks: list[tuple[int, int, str]], spans: list[Span], gazetteer: Gazetteer,
             countries: Counter[str], check: Callable[[], None]) -> list[Span]:
    """The spans kept and resolved, each with its chosen place (`find_place_mentions`' steps)."""
    kept: list[Span] = []
    for s in spans:
        if _keep_span(text, toks, s, gazetteer, kept[-1] if kept else None):
            kept.append(s)
    spans = sorted(kept + _division_codes(text, toks, kept, gazetteer), key=lambda s: s.start)
    link_qualifiers(text, spans, gazetteer, QUALIFIER_GAP.match, LANDMARK_AFTER.match, LIST_CONTINUES.match)
    link_measures(text, spans)
    for s in spans:
        if s.qualifies is None:
            s.unknown_head = unknown_head(text, s, spans, gazetteer)
    countries = country_votes(spans, gazetteer, countries)
    check()
    disambiguate(spans, gazetteer, countries)
    for s in spans:
        if s.chosen and not accept(s, spans, gazetteer, countries, text):
            s.chosen = None   # rejected: the units that qualify it must know it is gone
    spans = [s for s in spans if s.chosen]
    for s in spans:   # a head rejected above is a place the gazetteer lacks
        s.unknown_head = unknown_head(text, s, spans, gazetteer) if s.qualifies is None else None
    spans = without_parts_of_unknown(text, spans, gazetteer)
    districts_of_cities(text, spans, gazetteer)
    district_seats(spans, gazetteer)
    return spans


def _division_codes(text: str, toks: list[tuple[int, int, str]], spans: list[Span], gaz: Gazetteer) -> list[Span]:
    """'Pratapgarh (UP)', 'Nellore, AP)': a province written as its code after a place of its country
    (a news agency's '(AP)' after a city of a country without such a province is left alone)."""
    out: list[Span] = []
    for m in DIVISION_CODE.finditer(text):
        start, end = m.span("code")
        before = [s for s in spans if s.end <= start and start - s.end <= 80]
        if not before or any(s.start < end and s.end > start for s in spans):
            continue
        countries = {gaz.place(pid).country_iso for pid, _ in before[-1].cands}
        cands = [(pid, 1.0) for pid in gaz.division(m.group("code")) if gaz.place(pid).country_iso in countries]
        inside = [i for i, t in enumerate(toks) if t[0] >= start and t[1] <= end]
        if cands and inside:
            out.append(Span(start=start, end=end, text=m.group("code"), cands=cands,
                            first_tok=inside[0], last_tok=inside[-1], how="division code",
                            unit_name=gaz.place(cands[0][0]).name))
    return out


def _scan(text: str, toks: list[tuple[int, int, str]], gaz: Gazetteer, check: Callable[[], None]) -> list[Span]:
    spans: list[Span] = []
    i, n = 0, len(toks)
    while i < n:
        check()
        found, guessed = _match_at(text, toks, i, gaz), False
        if found is None and spans and LIST_SEPARATOR.fullmatch(text[spans[-1].end:toks[i][0]]):
            # "Al-Fateera, Fleifel and Sufuhon": a name listed after a place is looked up loosely too
            found = _match_at(text, toks, i, gaz, listed=True)
            guessed = found is not None
        if found is None:
            i += 1
            continue
        k, surface, cands = found
        if not cands:   # the first part of a longer name: the whole name is skipped
            i = k + 1
            continue
        # "Eastern Deir Ezzor": a name starting one token later that reaches further wins
        if k > i and text[toks[i][1]:toks[i + 1][0]] != "-":
            later = _match_at(text, toks, i + 1, gaz)
            if later is not None and later[2] and later[0] > k and later[2][0][1] >= cands[0][1] and not (
                    later[0] == k + 1 and toks[k + 1][2].lower() in ADMIN_WORDS):   # ("Ras al-Ain city")
                i += 1
                continue
        spans.append(Span(start=toks[i][0], end=toks[k][1], text=surface, cands=cands[:25],
                           first_tok=i, last_tok=k, listed_guess=guessed))
        i = k + 1
        if i < n and text[toks[k][1]:toks[i][0]] == "-":
            # "Belgrade-Stari Grad": the rest of a city's hyphenated district name is no other place,
            # but "the Tripoli-Beirut highway" is a road between two places
            rest = i
            while rest < n and _is_cap(toks[rest][2]) and _joinable(text, toks[rest - 1][1], toks[rest][0]):
                rest += 1
            if not ROUTE_AFTER.match(text, toks[rest - 1][1]):
                i = rest
    return spans


def _starts_name(text: str, toks: list[tuple[int, int, str]], i: int, gaz: Gazetteer) -> bool:
    tok = toks[i][2]
    low = tok.lower()
    if low in COUNTRY_WORDS:
        nxt = toks[i + 1][2].lower() if i + 1 < len(toks) else ""
        return nxt in NAME_CONTINUATIONS or (nxt in COUNTRY_WORDS
                                             and text[toks[i][1]:toks[i + 1][0]] == "-") \
            or _country_word_opens_name(text, toks, i, gaz)
    if _is_cap(tok):
        return True
    # a lower-case article starts a name only when attached to one: al-Tanf, el-Zor, al Qaim
    if low in ARTICLES and i + 1 < len(toks) and _is_cap(toks[i + 1][2]):
        gap = text[toks[i][1]:toks[i + 1][0]]
        return gap == "-" or (low in JOINED_ARTICLES and _joinable(text, toks[i][1], toks[i + 1][0]))
    return False


def _country_word_opens_name(text: str, toks: list[tuple[int, int, str]], i: int, gaz: Gazetteer) -> bool:
    """'Mali Zvornik', 'Sudan Bazar': a country's name that begins a place's own name, spelt as written with
    the capitalised word after it."""
    if i + 1 >= len(toks) or not _is_cap(toks[i + 1][2]) or text[toks[i][1]:toks[i + 1][0]] != " ":
        return False
    return any(q >= 0.97 for _, q in gaz.match(f"{toks[i][2]} {toks[i + 1][2]}", fuzzy=False, loose=False))


def _match_at(text: str, toks: list[tuple[int, int, str]], i: int,
              gaz: Gazetteer, listed: bool = False) -> tuple[int, str, list[tuple[str, float]]] | None:
    """The longest gazetteer name starting at token i: (last token, surface, candidates)."""
    if not _starts_name(text, toks, i, gaz):
        return None
    s0 = toks[i][0]
    low = toks[i][2].lower()
    ends = _name_ends(text, toks, i, _name_reach(text, toks, i, gaz.max_tokens))
    guess = low in ARTICLES or bool(PLACE_CUES.search(sentence_before(text, s0))) or listed
    for loose in (False, True) if guess else (False,):
        for k, surface, hyphen in ends:
            if loose and (hyphen or not _is_cap(toks[k][2]) or len(surface) < 5):
                continue      # no skeleton guesses on "X area", "X border", short words
            cands = gaz.match(surface, fuzzy=False, loose=loose)
            if hyphen and not any(q >= 0.97 and gaz.place(pid).population >= CITY_OF_DISTRICTS
                                  for pid, q in cands):
                continue   # "Bar-Sanguun" is not Bar; "Mogadishu-Karan" is a district of Mogadishu
            if cands and guess and not loose and len(surface) >= 5 and not any(pid in gaz.places for pid, _ in cands):
                # only world towns matched: a village of the focus countries spelt loosely competes
                cands = gaz.match(surface, fuzzy=False, loose=True)
            rest = _rest_of_longer_name(text, toks, k)
            if cands and rest > k:
                return rest, text[s0:toks[rest][1]], []   # "San Luis de Canete" is not San Luis: a name no gazetteer knows
            if cands and k > i and toks[k][2].lower() in SETTLEMENT_WORDS:
                cands = _with_bare_name(gaz, text[s0:toks[k - 1][1]], cands, loose)
            if cands:
                return k, surface, cands
    return None


def _rest_of_longer_name(text: str, toks: list[tuple[int, int, str]], k: int) -> int:
    """The last token of the longer name token k is the first part of ('San Luis | de Canete', 'Pampa | de la
    Isla'): connectors, then capitalised words; k itself when none follows."""
    j = k
    while j + 1 < len(toks) and toks[j + 1][2] in NAME_CONNECTORS and text[toks[j][1]:toks[j + 1][0]] == " ":
        j += 1
    if j == k or j + 1 >= len(toks) or not _is_cap(toks[j + 1][2]) or text[toks[j][1]:toks[j + 1][0]] != " ":
        return k
    j += 1
    while j + 1 < len(toks) and _is_cap(toks[j + 1][2]) and text[toks[j][1]:toks[j + 1][0]] == " ":
        j += 1
    return j


def _name_reach(text: str, toks: list[tuple[int, int, str]], i: int, max_tokens: int) -> int:
    """The last token a name starting at token i may reach: capitalised words, articles, continuations."""
    j = i
    while j + 1 < len(toks) and j - i + 1 < max_tokens and _joinable(text, toks[j][1], toks[j + 1][0]):
        nxt = toks[j + 1][2].lower()
        if not (_is_cap(toks[j + 1][2]) or nxt in ARTICLES or nxt in NAME_CONTINUATIONS
                or nxt in COUNTRY_WORDS):
            break
        j += 1
    return j


def _name_ends(text: str, toks: list[tuple[int, int, str]], i: int, j: int) -> list[tuple[int, str, bool]]:
    """Where a name from token i may end, longest first: (last token, surface, first part of a hyphenated name)."""
    low = toks[i][2].lower()
    ends = []
    for k in range(j, i - 1, -1):
        last = toks[k][2].lower()
        if k > i and (last in ARTICLES or (last in NAME_PARTICLES and not _is_cap(toks[k][2])) or last == "of"):
            continue   # (a particle written as a word of the name ends it: "Baja California Sur")
        if k == i and low in ARTICLES:
            break
        hyphen = k < j and text[toks[k][1]:toks[k + 1][0]] == "-" and _is_cap(toks[k + 1][2])
        if hyphen and toks[k + 1][2].isdigit():
            hyphen = False   # "Zolote-4": a numbered settlement of Zolote, placed at it
        surface = text[toks[i][0]:toks[k][1]]
        if fold(surface) in COUNTRY_WORDS:
            continue   # "South Sudan", "Lebanon": a country, not one of its towns
        ends.append((k, surface, hyphen))
    return ends


def _with_bare_name(gaz: Gazetteer, bare: str, cands: list[tuple[str, float]],
                    loose: bool) -> list[tuple[str, float]]:
    """'Jammu city': the candidates of 'Jammu' at their own quality, with those of the longer form."""
    best = dict(cands)
    for pid, q in gaz.match(bare, fuzzy=False, loose=loose):
        best[pid] = max(q, best.get(pid, 0.0))
    return sorted(best.items(), key=lambda t: -t[1])


@dataclass(frozen=True)
class _Around:
    """The words around a candidate span: the text before it, the tokens beside it and their gaps."""

    before: str
    prev_tok: str
    prev_gap: str
    next_tok: str
    next_gap: str


def _around(text: str, toks: list[tuple[int, int, str]], s: Span) -> _Around:
    prev_tok = toks[s.first_tok - 1][2] if s.first_tok > 0 else ""
    prev_gap = text[toks[s.first_tok - 1][1]:s.start] if s.first_tok > 0 else "\n"
    next_tok = toks[s.last_tok + 1][2] if s.last_tok + 1 < len(toks) else ""
    next_gap = text[s.end:toks[s.last_tok + 1][0]] if next_tok else "\n"
    return _Around(sentence_before(text, s.start), prev_tok, prev_gap, next_tok, next_gap)


def _read_cues(s: Span, before: str, prev: Span | None, text: str) -> None:
    """Set the span's cues from the words before it (or from the list it belongs to)."""
    if prev is not None and LIST_SEPARATOR.fullmatch(text[prev.end:s.start]):
        # "the towns of Ankhal and Jasim": a listed name shares the cue of the first
        s.cued, s.strong_cue, s.kind_cue = prev.cued, prev.strong_cue, prev.kind_cue
    unit_after = UNIT_AFTER.match(text, s.end)   # "Rakhine State"
    if (unit_after and unit_after.group(0).strip().lower() in REGION_WORDS) or REGION_BEFORE.search(before):
        s.kind_cue = "region"
    elif unit_after and unit_after.group(0).strip().lower() in DISTRICT_WORDS:
        s.kind_cue = "district"   # "Utmah district": the second-order unit, where no town has its name
    s.cued = s.cued or bool(unit_after) or bool(PLACE_CUES.search(before))
    s.strong_cue = s.strong_cue or bool(unit_after) or bool(STRONG_PLACE_CUES.search(before))
    m = KIND_CUE.search(before)
    if m:
        s.kind_cue = "village" if m.group(1).lower() in VILLAGE_KINDS else "city"
    # "(Pobe-Mengao, Soum)": the slot of a province or district, before a town of its name
    s.unit_slot = text[s.end:s.end + 1] == ")" and BRACKET_UNIT.search(text[max(0, s.start - 70):s.end]) is not None
    opened = text[:s.start - len(before)].endswith(("(", "["))   # "(Qaatabah, Ad Dali)": a unit in brackets
    s.sentence_initial = (not before.strip() and not opened) or bool(re.search(r"[.!?]\s*$", before))


def _keep_span(text: str, toks: list[tuple[int, int, str]], s: Span, gaz: Gazetteer,
               prev: Span | None = None) -> bool:
    """Reject words and personal names that happen to be village names."""
    a = _around(text, toks, s)
    _read_cues(s, a.before, prev, text)
    if s.kind_cue == "region" and not any(gaz.place(pid).kind in REGION_KINDS for pid, _ in s.cands):
        # "the province of Kirkuk": the province, which the gazetteer may know only as "Kirkuk province"
        units: dict[str, float] = {}
        for w in REGION_WORDS:
            for pid, q in gaz.match(f"{s.text} {w}", fuzzy=False):
                units[pid] = max(q, units.get(pid, 0.0))
        s.cands = sorted(units.items(), key=lambda c: -c[1])[:3] or s.cands
    listed = prev is not None and text[prev.end:s.start] == " "   # "Tijuana Baja California": a place and its unit
    after = _COUNTRY_AFTER.match(text, s.end)
    s.country_named = COUNTRY_WORDS.get(fold(after.group(1)), "") if after and fold(after.group(1)) in NAME_WORDS else ""
    s.country_word = fold(after.group(1)) if s.country_named else ""
    return not (_is_word(text, toks, s, gaz, a) or _is_person(text, toks, s, gaz, a, listed))


def _is_word(text: str, toks: list[tuple[int, int, str]], s: Span, gaz: Gazetteer, a: _Around) -> bool:
    """A word, acronym or symbol that a village happens to be named after."""
    key = fold(s.text)
    if key in gaz.not_places and not s.kind_cue:
        return True
    n_tok = s.last_tok - s.first_tok + 1
    if ARABIC.match(s.text) and (len(key.replace(" ", "")) < 3 or key in gaz.not_places):
        return True
    if n_tok == 1 and key in gaz.english and not s.kind_cue and (
            s.sentence_initial or (_title_case_line(text, s.start) and not s.strong_cue)
            or (a.prev_tok and _is_cap(a.prev_tok) and a.prev_gap == " ")):
        return True          # There, Some, Share, Home: English words, not villages
    if all(not c.isalpha() for c in s.text):
        return True
    if n_tok > 1 and _determined(text, toks, s, gaz):
        return True          # "The village", "An IED": an English phrase, not "The Village" or "Edd"
    if n_tok == 1 and (key in NAME_HEADS or key in DIRECTION_WORDS) and a.next_gap == " " and _is_cap(a.next_tok):
        return True          # "Tal" of "Tal Shanan", "North" of "North Sinai", names the gazetteer lacks
    if toks[s.first_tok][2].lower() in NEIGHBOURHOOD_WORDS:
        return True          # "Colonia Las Aves": a part of the town the sentence names, not a namesake abroad
    if n_tok == 1 and key in gaz.english and all(q < 0.97 for _, q in s.cands):
        return True          # "Militia" is no spelling of Malatya
    curated = any(pid in gaz.places and q >= 0.97 for pid, q in s.cands)
    if n_tok == 1 and not curated and (key in gaz.english or _starts_longer_name(a) or _ends_compound(a, s, gaz)
                                       or _ends_unknown_name(a, s, gaz)):
        # a lone English word ("in Congress") or the first word of a longer name no gazetteer knows
        # ("Pir Laka area"): a world town of that name is a guess; units that qualify it may vouch for it
        s.needs_qualifier = True
    return _is_acronym(text, s, n_tok, curated)


def _ends_compound(a: _Around, s: Span, gaz: Gazetteer) -> bool:
    """The last part of a hyphenated name ("Mayo-Sava"): a world town so named is a guess unless a unit
    vouches for it (not after an article, "ez-Zor", nor a city's own name, "the Tripoli-Beirut road")."""
    return a.prev_gap == "-" and _is_cap(a.prev_tok) and a.prev_tok.lower() not in ARTICLES \
        and not any(q >= 0.97 and gaz.place(pid).kind in ("city", "capital") for pid, q in s.cands)


def _starts_longer_name(a: _Around) -> bool:
    """Whether a capitalised word follows that continues the name ("Rakhine State" is the unit instead)."""
    nxt = a.next_tok.lower()
    return _is_cap(a.next_tok) and a.next_gap == " " and nxt not in NAME_CONTINUATIONS \
        and nxt not in COUNTRY_WORDS and nxt not in ADMIN_WORDS


def _ends_unknown_name(a: _Around, s: Span, gaz: Gazetteer) -> bool:
    """The last word of a longer name the gazetteer does not know ("the Kebede Meda market", "Kilo West"): a
    capitalised word no gazetteer holds stands before it, inside the sentence (not a unit, a country
    or a city's own name: "Greater Cairo")."""
    prev = a.prev_tok.lower()
    if not (_is_cap(a.prev_tok) and a.prev_gap == " " and a.before.strip() != a.prev_tok):
        return False
    if prev in ARTICLES or prev in NAME_CONTINUATIONS or prev in COUNTRY_WORDS or prev in ADMIN_WORDS \
            or prev in DIRECTION_WORDS or prev in CUE_WORDS:
        return False
    if any(q >= 0.97 and gaz.place(pid).kind in ("city", "capital") for pid, q in s.cands):
        return False
    # (a name only villages of 500-1,000 people bear is no known name: "Balet Weyne")
    return all(gaz.minor(pid) for pid, _ in gaz.match(a.prev_tok, fuzzy=False, loose=False))


def _is_acronym(text: str, s: Span, n_tok: int, curated: bool) -> bool:
    """SDF, IRGC, LoC: initials, not a place, unless a cue says otherwise; an institution's initials
    in capitals ("in MACA prison") never a town abroad, whatever the cue."""
    acronym = s.text.isupper() or (n_tok == 1 and any(c.isupper() for c in s.text[1:]))
    if acronym and len(s.text) <= 4 and s.text.isupper() and not curated and not _title_case_line(text, s.start):
        return True
    return acronym and len(s.text) <= 4 and not s.strong_cue


def _determined(text: str, toks: list[tuple[int, int, str]], s: Span, gaz: Gazetteer) -> bool:
    """Whether a span starts with an English determiner followed by a space."""
    first = toks[s.first_tok]
    lead = first[2].lower()
    if lead not in DETERMINERS or text[first[1]:toks[s.first_tok + 1][0]] != " ":
        return False
    if lead not in ARTICLE_DETERMINERS:
        return True
    nxt = toks[s.first_tok + 1][2]
    return (nxt.isupper() and len(nxt) <= 5) or fold(nxt) in gaz.english


def _is_person(text: str, toks: list[tuple[int, int, str]], s: Span, gaz: Gazetteer, a: _Around,
               listed: bool = False) -> bool:
    """A person's name (a nisba, a given name, a name after a title or kunya), or part of a longer name."""
    n_tok = s.last_tok - s.first_tok + 1
    lead = toks[s.first_tok][2].lower()
    # a nisba after a name is a person's (Abu Bakr al-Baghdadi, Hashd al-Shaabi)
    if (lead in ARTICLES and a.prev_tok and _is_cap(a.prev_tok) and a.prev_gap == " "
            and a.prev_tok.lower() not in CUE_WORDS):
        return True
    if n_tok == 1 and a.prev_tok.lower() in gaz.person_names and a.prev_gap == " ":
        return True          # Qassem Soleimani
    if lead in PERSON_PREFIXES and not s.cued and NISBA_AFTER.match(text[s.end:s.end + 6]):
        return True          # Sheikh Ibrahim al-Hafl, Abu Hamza al-Muhajir
    # a name preceded by a title or kunya, or named as someone: a person
    if a.prev_tok.lower() in PERSON_PREFIXES and _joinable(text, s.start - len(a.prev_gap), s.start):
        return True
    if NAMING_CUES.search(a.before):
        return True
    surname_next = _surname_next(a)
    given = _is_given_name(s.text, gaz)
    if ROLE_CUES.search(a.before) and (given or surname_next):
        return True
    if given and (not s.strong_cue or surname_next or POSSESSIVE_AFTER.match(text[s.end:s.end + 3])):
        return True
    # part of a longer capitalised name that is not a place (a unit, a person, a group)
    if n_tok == 1 and surname_next and not s.cued:
        return True
    # "Mazloum Abdi", "Farhad Shami": a name after a capitalised word that is no English word,
    # direction ("Central Beirut"), country or article is a surname
    prev = a.prev_tok.lower()
    return (not s.cued and not listed and a.prev_gap == " " and bool(a.prev_tok) and _is_cap(a.prev_tok)
            and not ARABIC.match(a.prev_tok) and fold(prev) not in gaz.english and prev not in CUE_WORDS
            and prev not in ARTICLES and prev not in COUNTRY_WORDS and prev not in NAME_CONTINUATIONS
            and prev not in DIRECTION_WORDS
            and not _starts_sentence(text, toks, s.first_tok - 1))


def _surname_next(a: _Around) -> bool:
    """Whether the word after the span reads as the rest of a person's name: capitalised, no country
    word and no kind of unit ("Rakhine State", "Nirkh District")."""
    nxt = a.next_tok
    return bool(nxt and _is_cap(nxt) and not ARABIC.match(nxt) and a.next_gap == " "
                and nxt.lower() not in COUNTRY_WORDS and nxt.lower() not in ADMIN_WORDS)


def _starts_sentence(text: str, toks: list[tuple[int, int, str]], i: int) -> bool:
    """Whether token i opens a sentence or a line (a capital there says nothing)."""
    before = text[toks[i - 1][1]:toks[i][0]] if i > 0 else "\n"
    return i == 0 or bool(re.search(r"[.!?:\n\"“(]", before))


def _title_case_line(text: str, pos: int) -> bool:
    """Whether the line around pos is written In Title Case (a headline or page chrome)."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    words = re.findall(r"[A-Za-z]{3,}", text[start:end if end >= 0 else len(text)])
    # (a short line dense with names, "Houthi forces shelled Hays (Al Hudaydah)", has lower-case words)
    lower = sum(w[0].islower() and len(w) >= 4 for w in words)
    return len(words) >= 3 and sum(w[0].isupper() for w in words) / len(words) >= 0.6 and lower < 2


def _is_given_name(surface: str, gaz: Gazetteer) -> bool:
    tokens = [t for t in latin_tokens(surface) if t not in ARTICLES]
    return len(tokens) == 1 and tokens[0] in gaz.person_names
