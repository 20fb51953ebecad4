"""Place mentions: find the place names of a report, choose among namesakes, grade their precision.

`find_place_mentions` scans capitalised token runs and Arabic words for gazetteer names (no
statistical NER), drops words and personal names that happen to be village names, chooses among
same-named places by the report's country, the provinces it names and the distance to its other
places, and grades each mention with ACLED's geo_precision. The English around a name (cues,
qualifiers, person markers) is lexicon data (``data/lexicon/places.json``, section ``mentions``).
"""
from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass

from ... import lexicon
from ... import theatre as theatre_data
from ...geo import haversine_km
from ...models import Mention, Place
from .gazetteer import PROMINENT_KINDS, REGION_KINDS, Gazetteer
from .names import ARABIC, ARTICLES, fold, latin_tokens, name_keys, phonetic

ORIGIN = "resolve.places.v1"
LEX = lexicon.section("mentions", "places")
NAME_CONTINUATIONS = LEX.words("continuations")
PERSON_PREFIXES = LEX.words("person_prefixes")
CUE_WORDS = LEX.words("cue_words")
VILLAGE_KINDS = LEX.words("village_kinds")
JOINED_ARTICLES = LEX.words("joined_articles")
NAMING_CUES = LEX.rx("naming_cues")
ROLE_CUES = LEX.rx("role_cues")
PLACE_CUES = LEX.rx("place_cues")
STRONG_PLACE_CUES = LEX.rx("strong_place_cues")
KIND_CUE = LEX.rx("kind_cue")
LIST_SEPARATOR = LEX.rx("list_separator")
LIST_JOIN = LEX.rx("list_join")
NISBA_AFTER = LEX.rx("nisba_after")
POSSESSIVE_AFTER = LEX.rx("possessive_after")
_THEATRE = theatre_data.load()
# Words that name a country (or its people): a hint for disambiguation, never a place mention.
COUNTRY_WORDS = {w: cc for w, cc in _THEATRE.words(_THEATRE.focus.registry).items() if " " not in w}

_TOKEN = re.compile(r"[\u0621-\u064A\u0640\u064B-\u065F]+|[A-Za-z0-9\u00C0-\u024F\u1E00-\u1EFF]+"
                    r"(?:['’ʿʾ](?!s\b)[A-Za-z\u00C0-\u024F]+)*")
_PREC2_BEFORE = [("distance", LEX.rx("distance_from")), ("direction", LEX.rx("direction_of")),
                 ("outskirts", LEX.rx("outskirts")), ("countryside", LEX.rx("countryside")),
                 ("near", LEX.rx("near")), ("direction", LEX.rx("direction_adjective"))]
_PREC2_AFTER = [("countryside", LEX.rx("countryside_after"))]
_PREC3_AFTER = LEX.rx("desert_after")
_PREC3_BEFORE = LEX.rx("desert_before")
_PREC1_BEFORE = LEX.rx("in_place")
_SENT_BREAK = re.compile(r"[.!?;:\n\"“”()\[\]|]")


@dataclass
class _Span:
    start: int
    end: int
    text: str
    cands: list[tuple[str, float]]
    first_tok: int
    last_tok: int
    cued: bool = False
    strong_cue: bool = False
    sentence_initial: bool = False
    kind_cue: str = ""
    chosen: str | None = None
    score: float = 0.0
    how: str = "exact"


def _tokens(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]


def _is_cap(tok: str) -> bool:
    return tok[:1].isupper() or tok[:1].isdigit() or bool(ARABIC.match(tok))


def _joinable(text: str, a_end: int, b_start: int) -> bool:
    gap = text[a_end:b_start]
    return len(gap) <= 3 and all(c in " -–‑\u00a0" for c in gap) and "\n" not in gap


def find_place_mentions(text: str, gazetteer: Gazetteer, *,
                        country_hint: str | None = None) -> list[Mention]:
    """Find and resolve the place names of a report.

    Args:
        text: the report text; mention offsets index it.
        gazetteer: built once by `Gazetteer.load()`.
        country_hint: ISO code or name of the country the report is about, if known.

    Returns:
        Place mentions in text order, each resolved to a place id with its ACLED geo_precision,
        anchor and the candidates considered in `detail` (JSON).
    """
    toks = _tokens(text)
    spans = _scan(text, toks, gazetteer)
    countries = _country_evidence(text, toks, country_hint)
    kept: list[_Span] = []
    for s in spans:
        if _keep_span(text, toks, s, gazetteer, kept[-1] if kept else None):
            kept.append(s)
    spans = kept
    _disambiguate(spans, gazetteer, countries)
    spans = [s for s in spans if s.chosen and _accept(s, spans, gazetteer)]
    _districts_of_cities(text, spans, gazetteer)
    mentions: list[Mention] = []
    for s in spans:
        m = _to_mention(text, s, gazetteer)
        prev = mentions[-1] if mentions else None
        if prev is not None and LIST_JOIN.fullmatch(text[prev.end:s.start]):
            pd, md = json.loads(prev.detail), json.loads(m.detail)
            if md["anchor"] == "bare" and pd["precision"] == 2:
                md["precision"], md["anchor"] = 2, pd["anchor"]
                m = Mention(**{**m.to_dict(), "detail": json.dumps(md, ensure_ascii=False)})
        mentions.append(m)
    return mentions


def _scan(text: str, toks: list[tuple[int, int, str]], gaz: Gazetteer) -> list[_Span]:
    spans: list[_Span] = []
    i, n = 0, len(toks)
    while i < n:
        found = _match_at(text, toks, i, gaz)
        if found is None:
            i += 1
            continue
        k, surface, cands = found
        # "Eastern Deir Ezzor": a name starting one token later that reaches further wins
        if k > i:
            later = _match_at(text, toks, i + 1, gaz)
            if later is not None and later[0] > k and later[2][0][1] >= cands[0][1]:
                i += 1
                continue
        spans.append(_Span(start=toks[i][0], end=toks[k][1], text=surface, cands=cands[:25],
                           first_tok=i, last_tok=k))
        i = k + 1
    return spans


def _starts_name(text: str, toks: list[tuple[int, int, str]], i: int) -> bool:
    tok = toks[i][2]
    low = tok.lower()
    if low in COUNTRY_WORDS:
        nxt = toks[i + 1][2].lower() if i + 1 < len(toks) else ""
        return nxt in NAME_CONTINUATIONS or (nxt in COUNTRY_WORDS
                                             and text[toks[i][1]:toks[i + 1][0]] == "-")
    if _is_cap(tok):
        return True
    # a lower-case article starts a name only when attached to one: al-Tanf, el-Zor, al Qaim
    if low in ARTICLES and i + 1 < len(toks) and _is_cap(toks[i + 1][2]):
        gap = text[toks[i][1]:toks[i + 1][0]]
        return gap == "-" or (low in JOINED_ARTICLES and _joinable(text, toks[i][1], toks[i + 1][0]))
    return False


def _match_at(text: str, toks: list[tuple[int, int, str]], i: int,
              gaz: Gazetteer) -> tuple[int, str, list[tuple[str, float]]] | None:
    """The longest gazetteer name starting at token i: (last token, surface, candidates)."""
    n = len(toks)
    if not _starts_name(text, toks, i):
        return None
    s0 = toks[i][0]
    low = toks[i][2].lower()
    j = i
    while j + 1 < n and j - i + 1 < gaz.max_tokens and _joinable(text, toks[j][1],
                                                                   toks[j + 1][0]):
        nxt = toks[j + 1][2].lower()
        if not (_is_cap(toks[j + 1][2]) or nxt in ARTICLES or nxt in NAME_CONTINUATIONS
                or nxt in COUNTRY_WORDS):
            break
        j += 1
    ends = []
    for k in range(j, i - 1, -1):
        last = toks[k][2].lower()
        if k > i and (last in ARTICLES or last == "of"):
            continue
        if k == i and low in ARTICLES:
            break
        surface = text[s0:toks[k][1]]
        if k == i and (fold(surface) in COUNTRY_WORDS):
            break
        ends.append((k, surface))
    guess = low in ARTICLES or bool(PLACE_CUES.search(_before(text, s0)))
    for loose in (False, True) if guess else (False,):
        for k, surface in ends:
            if loose and (not _is_cap(toks[k][2]) or len(surface) < 5):
                continue      # no skeleton guesses on "X area", "X border", short words
            cands = gaz.match(surface, fuzzy=False, loose=loose)
            if cands:
                return k, surface, cands
    return None


def _country_evidence(text: str, toks: list[tuple[int, int, str]],
                      hint: str | None) -> Counter[str]:
    counts: Counter[str] = Counter()
    for _, _, tok in toks:
        cc = COUNTRY_WORDS.get(tok.lower())
        if cc:
            counts[cc] += 1
    if hint:
        cc = hint.upper() if _THEATRE.get(hint) else COUNTRY_WORDS.get(hint.lower())
        if cc:
            counts[cc] += 5
    return counts


def _before(text: str, pos: int, width: int = 60) -> str:
    chunk = text[max(0, pos - width):pos]
    m = None
    for m in _SENT_BREAK.finditer(chunk):
        pass
    return chunk[m.end():] if m else chunk


@dataclass(frozen=True)
class _Around:
    """The words around a candidate span: the text before it, the tokens beside it and their gaps."""

    before: str
    prev_tok: str
    prev_gap: str
    next_tok: str
    next_gap: str


def _around(text: str, toks: list[tuple[int, int, str]], s: _Span) -> _Around:
    prev_tok = toks[s.first_tok - 1][2] if s.first_tok > 0 else ""
    prev_gap = text[toks[s.first_tok - 1][1]:s.start] if s.first_tok > 0 else "\n"
    next_tok = toks[s.last_tok + 1][2] if s.last_tok + 1 < len(toks) else ""
    next_gap = text[s.end:toks[s.last_tok + 1][0]] if next_tok else "\n"
    return _Around(_before(text, s.start), prev_tok, prev_gap, next_tok, next_gap)


def _read_cues(s: _Span, before: str, prev: _Span | None, text: str) -> None:
    """Set the span's cues from the words before it (or from the list it belongs to)."""
    if prev is not None and LIST_SEPARATOR.fullmatch(text[prev.end:s.start]):
        # "the towns of Ankhal and Jasim": a listed name shares the cue of the first
        s.cued, s.strong_cue, s.kind_cue = prev.cued, prev.strong_cue, prev.kind_cue
    s.cued = s.cued or bool(PLACE_CUES.search(before))
    s.strong_cue = s.strong_cue or bool(STRONG_PLACE_CUES.search(before))
    m = KIND_CUE.search(before)
    if m:
        s.kind_cue = "village" if m.group(1).lower() in VILLAGE_KINDS else "city"
    s.sentence_initial = not before.strip() or bool(re.search(r"[.!?]\s*$", before))


def _keep_span(text: str, toks: list[tuple[int, int, str]], s: _Span, gaz: Gazetteer,
               prev: _Span | None = None) -> bool:
    """Reject words and personal names that happen to be village names."""
    a = _around(text, toks, s)
    _read_cues(s, a.before, prev, text)
    return not (_is_word(text, toks, s, gaz, a) or _is_person(text, toks, s, gaz, a))


def _is_word(text: str, toks: list[tuple[int, int, str]], s: _Span, gaz: Gazetteer, a: _Around) -> bool:
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
    return s.text.isupper() and len(s.text) <= 4 and not s.strong_cue   # acronyms: SDF, IRGC, ISIS


def _is_person(text: str, toks: list[tuple[int, int, str]], s: _Span, gaz: Gazetteer, a: _Around) -> bool:
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
    surname_next = bool(a.next_tok and _is_cap(a.next_tok) and not ARABIC.match(a.next_tok)
                        and a.next_gap == " " and a.next_tok.lower() not in COUNTRY_WORDS)
    given = _is_given_name(s.text, gaz)
    if ROLE_CUES.search(a.before) and (given or surname_next):
        return True
    if given and (not s.strong_cue or surname_next or POSSESSIVE_AFTER.match(text[s.end:s.end + 3])):
        return True
    # part of a longer capitalised name that is not a place (a unit, a person, a group)
    return n_tok == 1 and surname_next and not s.cued


def _title_case_line(text: str, pos: int) -> bool:
    """Whether the line around pos is written In Title Case (a headline or page chrome)."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    words = re.findall(r"[A-Za-z]{3,}", text[start:end if end >= 0 else len(text)])
    return len(words) >= 3 and sum(w[0].isupper() for w in words) / len(words) >= 0.6


def _is_given_name(surface: str, gaz: Gazetteer) -> bool:
    tokens = [t for t in latin_tokens(surface) if t not in ARTICLES]
    return len(tokens) == 1 and tokens[0] in gaz.person_names


def _disambiguate(spans: list[_Span], gaz: Gazetteer, countries: Counter[str]) -> None:
    # provinces each span names: a governorate, or a city/capital when the name is not ambiguous
    names_admin1: list[set[str]] = []
    for s in spans:
        cands = [gaz.places[pid] for pid, _ in s.cands]
        a1s = {p.admin1 for p in cands if p.admin1}
        named = {p.admin1 for p in cands if p.kind == "governorate" and p.admin1}
        if len(a1s) == 1 and any(p.kind in ("capital", "city", "governorate") for p in cands):
            named |= a1s
        names_admin1.append(named)
    # districts and subdistricts named in the text: "Sabha (Basira, Deir-ez-Zor)"
    named_units = {phonetic(k) for o in spans for k in name_keys(o.text)}
    for s in spans:
        if len({gaz.places[pid].country_iso for pid, _ in s.cands}) == 1:
            countries[gaz.places[s.cands[0][0]].country_iso] += 1
    total = sum(countries.values()) or 1

    def score(s: _Span, pid: str, q: float, anchors: list[tuple[Place, float]]) -> float:
        p = gaz.places[pid]
        sc = 15.0 * q + gaz.prior(p)
        sc += 2.5 * countries.get(p.country_iso, 0) / total
        if p.admin1 and any(p.admin1 in named for o, named in zip(spans, names_admin1)
                            if o is not s):
            sc += 1.5
        own = {phonetic(k) for k in name_keys(s.text)}
        for unit, bonus in ((p.admin2, 0.8), (p.admin3, 1.5)):
            if unit and unit != p.name and {phonetic(k) for k in name_keys(unit)} & (
                    named_units - own):
                sc += bonus
        if s.kind_cue == "village":
            sc += 1.0 if p.kind in ("village", "neighbourhood") else -1.0 if p.kind in (
                "city", "capital") else 0.0
        elif s.kind_cue == "city":
            sc += 1.0 if p.kind in ("city", "capital", "town") else 0.0
        if anchors:
            best = 0.0
            for a, w in anchors:
                d = haversine_km(p.lat, p.lon, a.lat, a.lon)
                best = max(best, w * math.exp(-d / 50.0))
            sc += 3.5 * best
        return sc

    for s in spans:   # pass 1: no distance
        ranked = sorted(((score(s, pid, q, []), pid) for pid, q in s.cands), reverse=True)
        s.chosen, s.score = ranked[0][1], ranked[0][0]
    for _ in range(2):   # pass 2: distance to the report's other places
        for s in spans:
            anchors = [(gaz.places[o.chosen], 1.0 / len(o.cands) ** 0.5) for o in spans
                       if o is not s and o.chosen and fold(o.text) != fold(s.text)]
            ranked = sorted(((score(s, pid, q, anchors), pid) for pid, q in s.cands),
                            reverse=True)
            s.chosen, s.score = ranked[0][1], ranked[0][0]
    for s in spans:
        q = dict(s.cands)[s.chosen]
        s.how = "exact" if q >= 0.97 else "variant" if q >= 0.88 else "fuzzy"


_DISTRICT_AFTER = LEX.rx("district_after")


def _districts_of_cities(text: str, spans: list[_Span], gaz: Gazetteer) -> None:
    """"al-Maqwas neighbourhood of Sweida city": a district name resolves inside its city.

    When no candidate of the district lies within 10 km of the city named in the same sentence,
    the district is placed at the city (ACLED: a district of a city is coded to the city).
    """
    cities = [o for o in spans
              if gaz.places[o.chosen].kind in ("capital", "city", "town")]
    for s in spans:
        own = gaz.places[s.chosen]
        if not _DISTRICT_AFTER.match(text[s.end:s.end + 20]) or (
                own.kind in PROMINENT_KINDS and own.country_iso in gaz.villages):
            continue
        same_sentence = [o for o in cities if o is not s and not _SENT_BREAK.search(
            text[min(o.end, s.end):max(o.start, s.start)])]
        if not same_sentence:
            continue
        city = min(same_sentence, key=lambda o: abs(o.start - s.start))
        c = gaz.places[city.chosen]
        near = [pid for pid, _ in s.cands
                if haversine_km(gaz.places[pid].lat, gaz.places[pid].lon, c.lat, c.lon) <= 10]
        if near:
            s.chosen = near[0]
        elif haversine_km(gaz.places[s.chosen].lat, gaz.places[s.chosen].lon,
                          c.lat, c.lon) > 10:
            s.chosen, s.how = city.chosen, "district-of-city"


def _accept(s: _Span, spans: list[_Span], gaz: Gazetteer) -> bool:
    """Keep a weak match (an obscure village, no cue) only near the report's other places."""
    p = gaz.places[s.chosen]
    q = dict(s.cands)[s.chosen]
    if (p.country_iso not in gaz.villages and p.population < 100_000 and not s.strong_cue
            and p.source not in ("sup", "user")):
        # a small foreign place named without a cue: the Syrian or Iraqi namesake, if any
        home = [pid for pid, _ in s.cands if gaz.places[pid].country_iso in gaz.villages]
        if not home:
            return False
        s.chosen = home[0]
        p = gaz.places[s.chosen]
        q = dict(s.cands)[s.chosen]
    weak = (p.kind not in PROMINENT_KINDS and p.population < 5000
            and p.source not in ("sup", "user"))
    if q < 0.88 and not s.strong_cue:
        return any(o is not s and haversine_km(p.lat, p.lon, gaz.places[o.chosen].lat,
                                               gaz.places[o.chosen].lon) < 40
                   for o in spans if o.chosen and dict(o.cands)[o.chosen] >= 0.88)
    if not weak or s.cued:
        return not (s.sentence_initial and weak and not s.cued and len(s.cands) > 3)
    others = [o for o in spans if o is not s and o.chosen and fold(o.text) != fold(s.text)]
    return any(haversine_km(p.lat, p.lon, gaz.places[o.chosen].lat,
                            gaz.places[o.chosen].lon) < 40 for o in others)


def _precision(text: str, s: _Span, place: Place) -> tuple[int, str]:
    before = _before(text, s.start, 80)
    after = text[s.end:s.end + 40]
    if _PREC3_AFTER.match(after) or _PREC3_BEFORE.search(before):
        return 3, "desert"
    if place.kind in REGION_KINDS:
        return 3, "region"
    for anchor, rx in _PREC2_BEFORE:
        if rx.search(before):
            return 2, anchor
    for anchor, rx in _PREC2_AFTER:
        if rx.match(after):
            return 2, anchor
    if _PREC1_BEFORE.search(before):
        return 1, "in"
    return 1, "bare"


def _to_mention(text: str, s: _Span, gaz: Gazetteer) -> Mention:
    place = gaz.places[s.chosen]
    precision, anchor = _precision(text, s, place)
    if s.how == "district-of-city":
        precision, anchor = 1, "district"
    q = dict(s.cands).get(s.chosen, 0.8)
    candidates = list(dict.fromkeys([pid for pid, _ in s.cands] + [s.chosen]))
    detail = {"precision": precision, "anchor": anchor, "candidates": candidates,
              "name": place.name, "lat": place.lat, "lon": place.lon,
              "country": place.country_iso, "admin1": place.admin1, "kind": place.kind,
              "match": s.how}
    score = q * (1.0 if len(s.cands) == 1 else 0.9)
    return Mention(kind="place", text=s.text, start=s.start, end=s.end, resolved=s.chosen,
                   origin=f"{ORIGIN}:{s.how}", score=round(min(1.0, score), 3),
                   detail=json.dumps(detail, ensure_ascii=False))
