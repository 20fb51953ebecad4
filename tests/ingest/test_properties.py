"""Property tests: read_text never raises, and every offset it returns indexes its text.

The runs over hundreds of generated reports are marked slow (`-m "not slow"` skips them).
"""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conflictscope.ingest import parse_date, read_text
from conflictscope.models import Problem, Report

_PIECES = st.sampled_from([
    "Home | Syria | Iraq | Video", "Skip to content", "Dark Mode", "Logo", "Related:", "> Car bomb",
    "- headline", "Check Also", "Leave a Reply", "Tuesday, 24 December 2024", "Published 3 June 2025",
    "By Levant Wire staff", "PALMYRA, Syria, Aug 18 (Levant Wire) - Gunmen attacked.", "date 2021-03-17 x",
    "[Image: smoke (Archive photo)]", "(c) 2025 Site", "Sweida 12°C", "معبر البوكمال (أرشيف)", "EMHR | 5 April 2024",
    "Gunmen attacked a checkpoint near Hit on Sunday, killing two policemen, officials said.", "", " ",
    "\ue000caption", "\r", "\t", "\x00", "\u2028", "# heading", "![alt](x.png)",
])
_TEXTS = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(_PIECES, st.text(max_size=40)), max_size=25).map("\n".join),
)


def _check(result: Report | Problem) -> None:
    if isinstance(result, Problem):
        assert result.stage == "ingest" and result.message
        return
    n = len(result.text)
    assert result.text.strip()
    for block in result.blocks:
        assert 0 <= block.start < block.end <= n
    for hint in result.date_hints:
        if hint.start is not None:
            assert 0 <= hint.start <= hint.end <= n
    for source in result.sources:
        if source.start is not None:
            assert 0 <= source.start <= source.end <= n
            assert result.text[source.start:source.end] == source.name


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXTS)
def test_properties_read_text_never_raises_and_offsets_fit(text):
    _check(read_text(text, name="fuzz.txt"))
    _check(read_text(text, name="fuzz.md", fmt="md"))


@pytest.mark.slow
@settings(max_examples=100, deadline=None)
@given(_TEXTS)
def test_properties_read_text_html_never_raises(text):
    _check(read_text(f"<html><body><p>{text}</p></body></html>", name="fuzz.html", fmt="html"))


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(_TEXTS)
def test_properties_ids_are_stable(text):
    first, again, other = read_text(text, name="a"), read_text(text, name="a"), read_text(text, name="b")
    if isinstance(first, Report):
        assert isinstance(again, Report) and first.id == again.id and first.text == again.text
        assert isinstance(other, Report) and other.id != first.id


@given(st.text(max_size=60))
def test_properties_parse_date_never_raises(text):
    value = parse_date(text)
    assert value is None or (len(value) == 10 and value[4] == "-" and value[7] == "-")
