"""Normalised tokens of actor names and report text: what the alias index and the scan compare.

A token is casefolded, diacritics stripped, apostrophes and dots dropped, a possessive or plural
"s" folded and an Arabic article removed; its *fold* is a consonant skeleton that matches
transliteration variants ("Hizbullah", "Hezbollah").
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from conflictscope import lexicon

LEX = lexicon.section("names", "actors")
NO_PLURAL_ENDINGS = tuple(sorted(LEX.words("no_plural_endings")))
ARABIC = LEX.table("arabic")
ARABIC_LETTER_FOLDS = tuple(ARABIC["letter_folds"].items())
ARABIC_ARTICLE = ARABIC["article"]
ARABIC_LI_ARTICLE = ARABIC["li_article"]
ARABIC_PROCLITICS = frozenset(ARABIC["proclitics"])
SKELETON_VOWELS = frozenset(LEX.table("skeleton")["vowels"])
SKELETON_SAME_SOUND = tuple(LEX.table("skeleton")["same_sound"].items())

# A token: a dotted acronym ("U.S."), or a run of letters/digits (Arabic marks included) with
# inner apostrophes ("Kata'ib", "Hezbollah's") and an optional trailing one ("militias'").
APOS = "'’ʼ`´‘"
MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u0640"
TOKEN_RE = re.compile(
    rf"\b(?:[A-Za-z]\.)+[A-Za-z]\b\.?"
    rf"|(?:[^\W_]|[{MARKS}])+(?:[{APOS}](?:[^\W_]|[{MARKS}])+)*[{APOS}]?"
)


@dataclass(frozen=True)
class Token:
    """One token of a text: its span, as written, normalised and folded."""

    start: int
    end: int
    raw: str
    norm: str
    fold: str


def strip_marks(s: str) -> str:
    """`s` without combining marks (diacritics)."""
    decomposed = unicodedata.normalize("NFKD", s)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def norm_token(raw: str) -> str:
    """Normalise one token (the registry's spelling map is applied afterwards)."""
    t = strip_marks(raw).casefold().replace("\u0640", "")
    for a in APOS:
        if t.endswith(a + "s") and len(t) > 3:
            t = t[:-2]
        t = t.replace(a, "")
    t = t.replace(".", "")
    if t and "\u0600" <= t[0] <= "\u06ff":
        for letter, folded in ARABIC_LETTER_FOLDS:
            t = t.replace(letter, folded)
        if t.startswith(ARABIC_LI_ARTICLE) and len(t) > 4:      # li- + al- ("للفرقة")
            t = t[len(ARABIC_LI_ARTICLE):]
        elif t[:1] in ARABIC_PROCLITICS and t[1:].startswith(ARABIC_ARTICLE) and len(t) > 4:   # wa-/bi-/fa-/ka- + al-
            t = t[1:]
        if t.startswith(ARABIC_ARTICLE) and len(t) > 3:
            t = t[len(ARABIC_ARTICLE):]
        return t
    if len(t) >= 4 and t.endswith("s") and not t.endswith(NO_PLURAL_ENDINGS):
        t = t[:-1]
    return t


@lru_cache(maxsize=65536)
def fold(norm: str) -> str:
    """A consonant skeleton for transliteration variants (Hizbullah/Hezbollah, Fatimiyoun)."""
    if len(norm) < 5 or not norm.isascii() or not norm.isalpha():
        return norm
    out = [norm[0]]
    rest = norm[1:]
    for letter, same in SKELETON_SAME_SOUND:
        rest = rest.replace(letter, same)
    for c in rest:
        if c in SKELETON_VOWELS or c == out[-1]:
            continue
        out.append(c)
    return "".join(out)


def is_upper_token(raw: str) -> bool:
    """True for an acronym as written: "IRGC", "PMUs", "U.S.", "YBŞ"."""
    core = raw.replace(".", "")
    for a in APOS:
        core = core.split(a)[0]
    if core.endswith("s") and core[:-1].isupper():
        core = core[:-1]
    return len(core) >= 2 and core.isalpha() and core.isupper()


def is_mixed_case_token(raw: str) -> bool:
    """True for an acronym a group writes in mixed case ("MaT", "JeM", "TdA"): it is matched only as written,
    so a word in capitals ("MAT riot police") is not read as the group."""
    core = raw.replace(".", "")
    if core.endswith("s") and core[:-1].isupper():
        return False
    return len(core) <= 6 and core.isalpha() and any(c.isupper() for c in core[1:]) and any(c.islower() for c in core)


def tokenize(text: str, articles: frozenset[str], hyphen_articles: frozenset[str],
             spelling: Mapping[str, str]) -> list[Token]:
    """Normalised tokens of `text` with their offsets; articles (and hyphenated ones) are dropped."""
    out: list[Token] = []
    for m in TOKEN_RE.finditer(text):
        raw = m.group()
        norm = norm_token(raw)
        if norm in articles:
            continue
        if norm in hyphen_articles and text[m.end():m.end() + 1] in "-‐‑":
            continue
        norm = spelling.get(norm, norm)
        if " " in norm:   # a spelling that splits one token in two ("counterterrorism")
            for part in norm.split():
                out.append(Token(m.start(), m.end(), raw, part, fold(part)))
            continue
        out.append(Token(m.start(), m.end(), raw, norm, fold(norm)))
    return out
