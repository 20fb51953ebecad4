"""Literal pre-filters for regular expressions: words a match must contain, checked before the search.

Python's `re` tries a pattern that starts with a word boundary and alternatives ignoring case at
every position of a text, which makes the trigger lexicon's patterns the coder's costliest reads.
`required_literals` reads a pattern's syntax tree for a few strings one of which every match
contains (lower case, ASCII); `may_match` rules a text out when it holds none of them, with an
`in` test instead of the search. The answer is never wrong: a pattern the reading cannot vouch
for (an optional part everywhere, a non-ASCII letter, a syntax this reading does not know) gets
no filter, and a text that is not ASCII is always searched, since case folding outside ASCII
can make a letter match another (the long s matches "s").
"""
from __future__ import annotations

import re
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

Literals = tuple[str, ...]
MAX_ALTERNATIVES = 64   # a filter of more strings than this costs more than it saves


def required_literals(pattern: re.Pattern[str]) -> Literals | None:
    """Lower-case ASCII strings one of which is in every match of `pattern`, or None when none is known."""
    try:
        return _of_sequence(list(sre_parse.parse(pattern.pattern, pattern.flags)))
    except (re.error, RecursionError, TypeError, ValueError):
        return None


def may_match(literals: Literals | None, text: str, lowered: str) -> bool:
    """Whether `text` (`lowered` being `text.lower()`) can hold a match of a pattern with these literals."""
    if literals is None or not text.isascii():
        return True
    for s in literals:   # a plain loop: this test runs for every pattern on every sentence
        if s in lowered:
            return True
    return False


def _of_sequence(items: list[tuple[Any, Any]]) -> Literals | None:
    """The literals of a sequence: the most selective of its parts' (runs of letters count as one part)."""
    options: list[Literals] = []
    run = ""
    for op, av in items + [(None, None)]:
        if op is sre.LITERAL and 0 < av < 128:
            run += chr(av).lower()
            continue
        if run:
            options.append((run,))
            run = ""
        if op is not None and (found := _of_item(op, av)) is not None:
            options.append(found)
    return max(options, key=_selectivity, default=None)


def _of_item(op: Any, av: Any) -> Literals | None:
    """The literals of one node of the syntax tree."""
    if op is sre.SUBPATTERN:
        return _of_sequence(list(av[-1]))
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and av[0] >= 1:
        return _of_sequence(list(av[2]))
    if op is sre.ATOMIC_GROUP:
        return _of_sequence(list(av))
    if op is sre.BRANCH:
        found: list[str] = []
        for branch in av[1]:
            inner = _of_sequence(list(branch))
            if inner is None:
                return None
            found.extend(inner)
        unique = tuple(dict.fromkeys(found))
        return unique if len(unique) <= MAX_ALTERNATIVES else None
    return None


def _selectivity(literals: Literals) -> tuple[int, int]:
    """Longer shortest string first, then fewer strings."""
    return (min(len(s) for s in literals), -len(literals))


__all__ = ["Literals", "required_literals", "may_match"]
