"""The fast path with a learned model: the model reads every sentence before the pre-filter."""
from __future__ import annotations

import dataclasses

import pytest

from conflictscope.learn.model import EventModel
from conflictscope.models import Report
from conflictscope.pipeline import Resources, code_report

pytestmark = pytest.mark.slow   # loads the coder's resources and trains a small model

# the second line names no place, date, dead or trigger word: only the model can keep it
REPORT = ("On 6 March 2024, a car bomb exploded near Thiban.\n"
          "Clan gunmen and tribal fighters traded volleys for hours.\n\n"
          "On 7 March 2024, farmers walked through the market of Al-Asharah holding banners about diesel.\n")


@pytest.fixture(scope="module")
def with_model(small_model):
    return dataclasses.replace(Resources.load(model=""), model=EventModel.load(small_model))


def test_fastpath_with_a_model_codes_as_the_full_parse(with_model):
    report = Report(id="r", text=REPORT, source_file="r.txt", published="2024-03-08")
    cutting = dataclasses.replace(with_model.prefilter, whole_share=2.0)   # cut however much is kept
    fast = code_report(report, dataclasses.replace(with_model, prefilter=cutting), 0)
    full = code_report(report, dataclasses.replace(with_model, prefilter=None), 0)
    assert fast.events and [e.to_dict() for e in fast.events] == [e.to_dict() for e in full.events]


def test_fastpath_keeps_the_line_only_the_model_flags(with_model):
    line = "Clan gunmen and tribal fighters traded volleys for hours."
    spans = [[(0, len(line))]]
    assert with_model.prefilter.keeps(line, spans, [], []) == [False]
    assert with_model.prefilter.keeps(line, spans, [], [], model=with_model.model) == [True]
