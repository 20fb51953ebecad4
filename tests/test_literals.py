"""The literal pre-filter of regular expressions: it may let a text through, never rule out a match."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conflictscope.extract.events.lexicon import Lexicon
from conflictscope.extract.fatalities import FatalityReader
from conflictscope.literals import may_match, required_literals


@pytest.mark.parametrize("pattern, expected", [
    (r"\b(took|taken) (full )?control\b", ("control",)),
    (r"\bsuicide (bomb|attack)", ("suicide ",)),
    (r"\b(ambush|raid)ed\b", ("ambush", "raid")),
    (r"\bsho+t\b", ("sh",)),
    (r"KILLED", ("killed",)),
])
def test_literals_required_of_a_pattern(pattern: str, expected: tuple[str, ...]) -> None:
    assert required_literals(re.compile(pattern, re.I)) == expected


@pytest.mark.parametrize("pattern", [r"\d+", r"(abc)?", r"a|\d", r"[a-z]+", r"(?=killed)", r"\bé\b", r"x{0,3}"])
def test_literals_none_where_no_string_is_sure(pattern: str) -> None:
    assert required_literals(re.compile(pattern, re.I)) is None


@pytest.mark.parametrize("text, expected", [
    ("Gunmen KILLED two people", True),
    ("Two people were wounded", False),
    ("Two people were wounded in Mosul’s market", True),   # not ASCII: always searched
])
def test_literals_may_match(text: str, expected: bool) -> None:
    assert may_match(("killed",), text, text.lower()) is expected


def _lexicon_patterns() -> list[re.Pattern[str]]:
    lexicon = Lexicon.load()
    reader = FatalityReader(lexicon.number_words)
    return [t.pattern for t in lexicon.triggers] + [p for _, p in reader.patterns] + list(lexicon.cues.values())


PATTERNS = _lexicon_patterns()
WORDS = sorted({w for p in PATTERNS for w in re.findall(r"[a-z]{3,}", p.pattern)})[:400]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS + ["1", "12", "Two", "people", ".", ",", "ſ", "K"]), max_size=12),
       st.booleans())
def test_literals_never_rule_out_a_match(words: list[str], upper: bool) -> None:
    text = " ".join(words)
    text = text.upper() if upper else text
    for pattern in PATTERNS:
        if pattern.search(text):
            assert may_match(required_literals(pattern), text, text.lower()), (pattern.pattern[:80], text)
