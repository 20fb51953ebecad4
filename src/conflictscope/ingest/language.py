"""Language detection without models or network: script shares plus stopword ratios."""
from __future__ import annotations

import re

from conflictscope.lexicon import section

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

_LEX = section("language", "ingest")
# Short function-word lists; a language wins when enough of the words are its stopwords.
_STOPWORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words) for lang, words in _LEX.table("stopwords").items()
}
_PERSIAN_LETTERS = _LEX.words("persian_letters")


def _script_counts(text: str) -> dict[str, int]:
    """Count letters per script family."""
    counts = {"arabic": 0, "latin": 0, "cyrillic": 0, "hebrew": 0, "persian": 0, "other": 0}
    for ch in text:
        if not ch.isalpha():
            continue
        code = ord(ch)
        if 0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F or 0xFB50 <= code <= 0xFEFF:
            counts["arabic"] += 1
            if ch in _PERSIAN_LETTERS:
                counts["persian"] += 1
        elif code < 0x0250 or 0x1E00 <= code <= 0x1EFF:
            counts["latin"] += 1
        elif 0x0400 <= code <= 0x04FF:
            counts["cyrillic"] += 1
        elif 0x0590 <= code <= 0x05FF:
            counts["hebrew"] += 1
        else:
            counts["other"] += 1
    return counts


def arabic_share(text: str) -> float:
    """Share of the letters in `text` that are Arabic-script letters (0.0 when there are none)."""
    counts = _script_counts(text)
    letters = sum(v for k, v in counts.items() if k != "persian")
    return counts["arabic"] / letters if letters else 0.0


def detect_language(text: str) -> str:
    """Guess the ISO 639-1 code of `text`; "und" when there is too little to tell."""
    counts = _script_counts(text)
    letters = sum(v for k, v in counts.items() if k != "persian")
    if letters < 3:
        return "und"
    if counts["arabic"] / letters > 0.5:
        # Persian-only letters are common in Persian and rare in Arabic prose.
        return "fa" if counts["persian"] / counts["arabic"] > 0.02 else "ar"
    if counts["cyrillic"] / letters > 0.5:
        return "ru"
    if counts["hebrew"] / letters > 0.5:
        return "he"
    if counts["latin"] / letters <= 0.5:
        return "und"
    words = [w.lower() for w in _WORD.findall(text)]
    if not words:
        return "und"
    ratios = {
        lang: sum(1 for w in words if w in stops) / len(words) for lang, stops in _STOPWORDS.items()
    }
    best = max(ratios, key=lambda lang: ratios[lang])
    # Headlines and short notes have few stopwords; English is the default for Latin text
    # unless another language is clearly ahead.
    if best != "en" and ratios[best] > max(0.08, 1.5 * ratios["en"]):
        return best
    return "en"
