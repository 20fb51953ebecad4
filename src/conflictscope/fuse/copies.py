"""Syndication: the same article republished on several sites is one origin, not several sources.

A report is a copy of an earlier one when most of its word 5-grams ("shingles") occur in it: the
share of the shorter text's shingles found in the other (containment) reaches the setting
`copy_containment`, so site headers, footers and a changed headline around the same article do
not hide it. Candidates come from an index of a fixed sample of shingle hashes (one in four), so
the reports are not compared all against all.
"""
from __future__ import annotations

import re
import zlib
from collections import defaultdict
from typing import Sequence

from ..models import Report

WORD = re.compile(r"\w+")
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


def order_key(report: Report) -> tuple[str, str]:
    """Earliest published first (undated last), then lowest id: who published first is the original."""
    return (report.published or "9999", report.id)


def find_copies(reports: Sequence[Report], size: int = 5, threshold: float = 0.7) -> dict[str, str]:
    """Report id -> id of the earlier report it republishes (the original, never itself a copy)."""
    ordered = sorted(reports, key=order_key)
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
            if n >= MIN_SHARED and containment(mine, sets[other]) >= threshold:
                copy_of[r.id] = copy_of.get(other, other)
                break
        for h in mine:
            if h % SAMPLE == 0:
                index[h].append(r.id)
    return copy_of


__all__ = ["find_copies", "shingles", "containment", "order_key"]
