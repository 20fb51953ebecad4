"""Property tests: the whole coding pipeline never raises, and every span it returns lies in the text."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conflictscope.ingest import read_text
from conflictscope.models import Problem
from conflictscope.pipeline import Resources, code_report

WORDS = ["clashes", "killed", "in", "the", "town", "of", "Albukamal", "on", "Tuesday", "regime", "forces",
         "Iranian", "militias", "airstrike", "protesters", "gathered", "47th", "Regiment", "arrested", "IED",
         "near", "Deir", "ez-Zor", ",", ".", "\n\n", "dozens", "three", "SDF", "ISIS", "(", ")", "البوكمال", "-"]


pytestmark = pytest.mark.slow   # hypothesis runs the whole pipeline on many generated reports


@pytest.fixture(scope="module")
def res(resources) -> Resources:
    return resources


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.lists(st.sampled_from(WORDS), min_size=1, max_size=60).map(" ".join),
                 st.text(min_size=1, max_size=300)),
       st.sampled_from([None, "2021-03-17"]))
def test_pipeline_never_raises_and_spans_lie_in_the_text(res, text, published):
    report = read_text(text, name="fuzz.txt", published=published)
    if isinstance(report, Problem):
        return
    coded = code_report(report, res)
    n = len(coded.report.text)
    for m in coded.mentions:
        assert 0 <= m.start < m.end <= n
    for e in coded.events:
        assert 0 <= e.evidence_start <= e.evidence_end <= n
        for ev in e.evidence:
            assert 0 <= ev.start <= ev.end <= n
        if published is None:
            # without a publication date, a year can only come from the text itself
            assert e.event_date is None or e.event_date[:4] in coded.report.text
