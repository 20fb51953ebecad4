"""Syndication: the same article republished on several sites is one origin, not several sources.

A report is a copy of an earlier one when most of its word 5-grams ("shingles") occur in it: the
share of the shorter text's shingles found in the other (containment) reaches the setting
`copy_containment`, so site headers, footers and a changed headline around the same article do
not hide it; it is published within `copy_days` of the original and gives the same figures
(templated bulletins that differ only in a toll or a week are no copies). On one day the shorter
text is taken for the original. Candidates come from an index of a fixed sample of shingle hashes (one in four), so
the reports are not compared all against all.
"""
from __future__ import annotations

import re
import zlib
from collections import defaultdict
from datetime import date
from typing import Sequence

from .. import lexicon
from ..models import Report

NUMBER_WORDS = sorted(lexicon.section("fusion", "fusion").words("number_words"), key=lambda w: (-len(w), w))
FIGURE = re.compile(r"\d+|\b(?:" + "|".join(re.escape(w) for w in NUMBER_WORDS) + r")\b")
WORD = re.compile(r"\w+")
DATES = re.compile(r"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b|\b\d{1,2}:\d{2}\b")
SAMPLE = 4            # index one shingle hash in SAMPLE
MIN_SHARED = 3        # sampled shingles two texts must share before they are compared


def shingles(text: str, size: int) -> frozenset[int]:
    """Hashes of the text's runs of `size` words (lower case)."""
    words = WORD.findall(text.lower())
    return frozenset(zlib.crc32(" ".join(words[i:i + size]).encode()) for i in range(max(0, len(words) - size + 1)))


def containment(a: frozenset[int], b: frozenset[int]) -> float:
    """The share of the smaller set found in the other."""
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return len(small & large) / len(small) if small else 0.0


def order_key(report: Report) -> tuple[str, int, str]:
    """Earliest published first (undated last); on one day the shorter text (a copy adds a site's
    chrome around the article), then the lowest id: who published first is the original."""
    return (report.published or "9999", len(report.text), report.id)


def figures(text: str) -> frozenset[str]:
    """The figures a text gives (digits and number words): a copy repeats its original's."""
    lowered = DATES.sub(" ", text.lower())   # a site's own date line is chrome, not a figure
    return frozenset(FIGURE.findall(lowered))


def _days_apart(a: Report, b: Report) -> int | None:
    try:
        return abs((date.fromisoformat((a.published or "")[:10]) - date.fromisoformat((b.published or "")[:10])).days)
    except ValueError:
        return None


def is_copy(copy: Report, original: Report, sets: dict[str, frozenset[int]], threshold: float, days: int) -> bool:
    """Most shingles shared, published within `days`, and the same figures in the shorter text."""
    if containment(sets[copy.id], sets[original.id]) < threshold:
        return False
    apart = _days_apart(copy, original)
    if apart is not None and apart > days:
        return False
    small, large = sorted((copy, original), key=lambda r: len(r.text))
    return figures(small.text) <= figures(large.text)


def find_copies(reports: Sequence[Report], size: int = 5, threshold: float = 0.7, days: int = 3) -> dict[str, str]:
    """Report id -> id of the earlier report it republishes (the original, never itself a copy)."""
    ordered = sorted(reports, key=order_key)
    by_id = {r.id: r for r in ordered}
    position = {r.id: i for i, r in enumerate(ordered)}
    sets = {r.id: shingles(r.text, size) for r in ordered}
    index: dict[int, list[str]] = defaultdict(list)
    copy_of: dict[str, str] = {}
    for r in ordered:
        mine = sets[r.id]
        shared: dict[str, int] = defaultdict(int)
        for h in mine:
            if h % SAMPLE == 0:
                for other in index[h]:
                    shared[other] += 1
        for other, n in sorted(shared.items(), key=lambda kv: position[kv[0]]):   # earliest first
            if n >= MIN_SHARED and is_copy(r, by_id[other], sets, threshold, days):
                copy_of[r.id] = copy_of.get(other, other)
                break
        for h in mine:
            if h % SAMPLE == 0:
                index[h].append(r.id)
    return copy_of


__all__ = ["find_copies", "shingles", "containment", "order_key"]
