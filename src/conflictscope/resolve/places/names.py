"""Place-name keys: how a name may be written, so that variant spellings meet in the index.

- the *base* key: ASCII-folded, lower case, punctuation and articles (al-, el-, ash- ...) removed;
- the *phonetic* key: transliteration variants merged (ou/u, ee/i, kh/k, dh/th, doubled letters,
  -eh/-ah/-a endings), so Sokhneh = Sukhnah and Bagouz = Baghuz;
- the *skeleton*: the phonetic key's consonants, so Shiheil = Shuhayl and Kiheel = Kahil.

The transliteration conventions are lexicon data (``data/lexicon/places.json``, section ``names``).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ... import lexicon

LEX = lexicon.section("names", "places")
ARTICLES = LEX.words("articles")
DIRECTION_WORDS = LEX.words("direction_words")
TRANSLATED_ADJECTIVES = {k: tuple(v) for k, v in LEX.table("translated_adjectives").items()}
JOINED_ARTICLES = tuple(sorted(LEX.words("joined_article_prefixes")))
TRIBAL_PREFIXES = dict(LEX.table("tribal_prefixes"))
CONSONANT_VARIANTS = list(LEX.table("consonant_variants").items())
VOWEL_VARIANTS = list(LEX.table("vowel_variants").items())
ENDING_H = LEX.rx("ending_h")
INNER_ENDING_H = LEX.rx("inner_ending_h")
IYA_ENDING = LEX.rx("iya_ending")
UW_GLIDE = LEX.rx("uw_glide")
FINAL_VOWEL = LEX.rx("final_vowel")
AR_ARTICLE = "ال"

_FOLD = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "ð": "d", "þ": "th", "æ": "ae",
                       "œ": "oe", "ß": "ss", "ʿ": "", "ʾ": "", "‘": "", "’": "", "'": "",
                       "`": "", "´": "", "ʻ": "", "ʼ": ""})
_AR_DIACRITICS = re.compile(r"[\u064B-\u065F\u0670\u0640]")
_AR_MAP = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و",
                         "ئ": "ي"})
ARABIC = re.compile(r"[\u0600-\u06FF]")
_DOUBLED = re.compile(r"(.)\1+")


@lru_cache(maxsize=65536)   # the words of a report are folded again by each step that reads them
def fold(text: str) -> str:
    """ASCII-fold Latin text: strip diacritics and apostrophes, lower case."""
    text = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(c for c in text if not unicodedata.combining(c)).lower().translate(_FOLD)


def arabic_keys(name: str) -> set[str]:
    """Keys of a name in Arabic script: letters normalised, with and without the article."""
    text = _AR_DIACRITICS.sub("", unicodedata.normalize("NFKC", name)).translate(_AR_MAP)
    words = re.findall(r"[\u0621-\u064A]+", text)
    if not words:
        return set()
    joined = "".join(words)
    keys = {joined}
    stripped = [w[2:] if w.startswith(AR_ARTICLE) and len(w) > 3 else w for w in words]
    keys.add("".join(stripped))
    return keys


def latin_tokens(name: str) -> list[str]:
    """The folded Latin words of a name."""
    return re.findall(r"[a-z0-9]+", fold(name))


@lru_cache(maxsize=65536)   # every match reads the keys of its candidates' names again
def name_keys(name: str) -> frozenset[str]:
    """Base keys of a name: the spellings it may be written in, articles handled both ways."""
    if ARABIC.search(name):
        return frozenset(arabic_keys(name))
    tokens = latin_tokens(name)
    if not tokens:
        return frozenset()
    keys = {"".join(tokens)}
    # drop articles anywhere (Deir el-Zor = Deir-ez-Zor), keep at least one token
    core = [t for t in tokens if t not in ARTICLES] or tokens[-1:]
    keys.add("".join(core))
    # leading article written joined (Albukamal, Alhol): strip it when what remains is a name
    for key in list(keys):
        for art in JOINED_ARTICLES:
            if key.startswith(art) and len(key) - len(art) >= 4 and key[len(art)] not in "aeiou":
                keys.add(key[len(art):])
    # Al Bu / Albu / Abu / Bu are one prefix in tribal and town names (Albu Kamal = Abu Kamal)
    for key in list(keys):
        for pre, repl in TRIBAL_PREFIXES.items():
            if key.startswith(pre) and len(key) - len(pre) >= 3:
                keys.add(repl + key[len(pre):])
    return frozenset(k for k in keys if k)


@lru_cache(maxsize=65536)
def phonetic(key: str) -> str:
    """Merge transliteration variants of a base key (Sokhneh/Sukhnah, Mayadeen/Mayadin)."""
    if not key or not key.isascii() or not key.isalnum():
        return key
    k = key
    for a, b in CONSONANT_VARIANTS:
        k = k.replace(a, b)
    k = ENDING_H.sub(r"\1", k)                 # -eh / -ah endings
    k = _DOUBLED.sub(r"\1", k)                 # doubled letters
    k = IYA_ENDING.sub("ia", k) if len(k) > 4 else k   # -iyeh/-iya
    k = UW_GLIDE.sub("w", k)                   # Suwaiya = Sweiyeh
    for a, b in VOWEL_VARIANTS:
        k = k.replace(a, b)
    k = FINAL_VOWEL.sub("a", k) if len(k) > 3 else k   # final vowel
    return _DOUBLED.sub(r"\1", k)


def vowel_class(pkey: str) -> str:
    """A phonetic key with every vowel run written "a" (Shuhil/Shihil -> shahal)."""
    return re.sub(r"[aeiou]+", "a", pkey) if pkey.isascii() else pkey


def skeleton(pkey: str) -> str:
    """Consonant skeleton of a phonetic key (Shihil/Shuhil -> shhl)."""
    if not pkey.isascii():
        return pkey
    head, tail = pkey[:1], pkey[1:]
    return _DOUBLED.sub(r"\1", head + re.sub(r"[aeiouyw]", "", tail))


def untranslated(name: str) -> list[str]:
    """OCHA's English adjective of a village name put back as reporting writes it: "Old Maadan" ->
    "Maadan Atiq", "Maadan Qadim"; "Eastern Kwaires" -> "Kwaires Sharqi" (none for other names)."""
    words = name.split()
    if len(words) < 2:
        return []
    out = [" ".join(words[1:] + [w]) for w in TRANSLATED_ADJECTIVES.get(fold(words[0]), ())]
    return out + [" ".join(words[:-1] + [w]) for w in TRANSLATED_ADJECTIVES.get(fold(words[-1]), ())]


def inner_ending_keys(name: str) -> frozenset[str]:
    """More keys of a gazetteer name, as reporting writes its inner words: an article joined to a word
    after the first written apart ("Dweir Elzaytun" read as Dweir al-Zaytun), and each word's -eh/-ah
    ending inside the name as its vowel alone (Ghariyeh Gharbiya read as Ghariya Gharbiya)."""
    tokens = [t for t in latin_tokens(name) if t not in ARTICLES]
    if len(tokens) < 2:
        return frozenset()
    apart = tokens[:1] + [_without_joined_article(t) for t in tokens[1:]]
    keys = {"".join(apart)}
    keys |= {"".join(INNER_ENDING_H.sub("a", t) for t in words[:-1]) + words[-1] for words in (tokens, apart)}
    return frozenset(keys) - name_keys(name)


def _without_joined_article(word: str) -> str:
    """"elzaytun" -> "zaytun", "elatareb" -> "atareb": an article joined to a word inside a name, where
    three letters follow (four after a vowel)."""
    for art in JOINED_ARTICLES:
        rest = word[len(art):]
        if word.startswith(art) and len(rest) >= (4 if rest[:1] in "aeiou" else 3):
            return rest
    return word
