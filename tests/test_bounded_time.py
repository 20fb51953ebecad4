"""Bounded time per report: linear patterns, chunked parsing with exact offsets, the time budget."""
from __future__ import annotations

import time
from importlib import resources as importlib_resources
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from conflictscope import parsing, pipeline
from conflictscope.attribute import attribute_sources
from conflictscope.budget import Deadline, default_timeout
from conflictscope.cli import main
from conflictscope.errors import ReportTimeout
from conflictscope.extract.events.scene import DATELINE
from conflictscope.lexicon import section
from conflictscope.models import Report
from conflictscope.store import Store

TITLE_WORDS = ["Northern", "Command", "Forces", "Moved", "Toward", "The", "River", "Valley", "Council", "Office"]


def capitalised(size: int) -> str:
    return " ".join(TITLE_WORDS[i % len(TITLE_WORDS)] for i in range(size // 6))[:size]


def _seconds(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


@pytest.mark.parametrize("text", ["A" * 200_000, capitalised(40_000), "al-A" * 30_000],
                         ids=["long word", "capitalised prose", "joined names"])
def test_attribution_reads_long_capital_runs_quickly(text):
    # the citation pattern tried every letter of a run and read the run to its end each time
    report = Report(id="x", text=text + ". The Desert Observatory reported clashes.")
    took = _seconds(lambda: attribute_sources(report))
    assert took < 1.0, f"{took:.2f} s"
    assert [s.name for s in attribute_sources(report).sources] == ["Desert Observatory"]


def test_caveat_pattern_reads_a_long_unfinished_line_once():
    caveat = section("attribution").rx("caveat")
    text = "fighters could not be reached " * 5_000 + "and more words " * 10_000
    assert _seconds(lambda: list(caveat.finditer(text))) < 0.5
    found = caveat.findall("Clashes went on. The monitor could not independently verify the toll. Next.")
    assert len(found) == 1


def test_dateline_pattern_gives_up_quickly_on_a_long_line():
    assert _seconds(lambda: DATELINE.match("A" * 200_000 + " -  x", 0)) < 0.2
    assert DATELINE.match("PALMYRA, Syria, Aug 18 (Wire) - Fighting resumed", 0)


@pytest.mark.parametrize("chars, seconds", [(0, 5.0), (10_000, 7.0), (200_000, 45.0), (1_000_000, 60.0)])
def test_default_timeout_grows_with_the_text_up_to_a_minute(chars, seconds):
    assert default_timeout(chars) == pytest.approx(seconds)


def test_deadline_raises_naming_the_stage_once_past():
    deadline = Deadline(0.01)
    deadline.check("parse")   # within the budget: nothing
    time.sleep(0.02)
    with pytest.raises(ReportTimeout, match="'places'") as err:
        deadline.check("places")
    assert err.value.stage == "places"
    Deadline(0).check("events")   # 0: no budget at all


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab .\n", max_size=400), st.integers(min_value=8, max_value=60))
def test_text_chunks_join_back_into_the_text(text, size):
    pieces = list(parsing.text_chunks(text, size))
    assert "".join(p for _, p in pieces) == text
    assert all(text[start:start + len(p)] == p for start, p in pieces)
    assert all(p for _, p in pieces[:-1])


PARAGRAPHS = ("Residents of the town said the market reopened on Sunday after repairs.\n\n"
              "On Tuesday, unidentified gunmen opened fire on an army checkpoint in Homs, killing three soldiers.\n\n"
              "Local officials said schools would reopen next week.")


def test_event_in_a_later_chunk_keeps_its_offsets(resources, monkeypatch):
    report = Report(id="chunks", text=PARAGRAPHS, published="2024-03-07")
    whole = pipeline.code_report(report, resources)
    monkeypatch.setattr(parsing, "CHUNK_CHARS", 120)
    assert len(list(parsing.text_chunks(PARAGRAPHS, 120))) == 3
    chunked = pipeline.code_report(report, resources)
    assert [e.to_dict() for e in chunked.events] == [e.to_dict() for e in whole.events]
    [event] = chunked.events
    assert event.evidence_start == PARAGRAPHS.index("On Tuesday")   # in the second piece
    for ev in event.evidence:
        assert PARAGRAPHS[ev.start:ev.end] == ev.text
    assert {ev.text for ev in event.evidence} >= {"Homs", "killing three soldiers"}


def test_a_report_past_its_budget_names_the_stage(resources):
    with pytest.raises(ReportTimeout) as err:
        pipeline.code_report(Report(id="x", text=PARAGRAPHS), resources, timeout=1e-9)
    assert err.value.stage == "attribute"   # the first stage: the budget is checked after each


@pytest.mark.parametrize("workers", [1, 2])   # 2: the budget holds in worker processes too
def test_ingest_records_a_report_past_its_budget_and_codes_the_next(resources, monkeypatch, tmp_path, workers):
    def stall(state, res):
        if state.report.source_file == "stalls.txt":
            time.sleep(0.3)
        return state
    stall.__name__ = "stall"
    monkeypatch.setattr(pipeline, "STAGES", (stall,) + pipeline.STAGES)
    items = [Report(id="a", text="Long text " * 10, source_file="stalls.txt"),
             Report(id="b", text=PARAGRAPHS, source_file="normal.txt", published="2024-03-07")]
    with Store.open(f"sqlite:///{tmp_path / 'x.db'}") as store:
        summary = pipeline.ingest(items, store, resources, timeout=0.2, workers=workers)
        stored = store.problems()
        events = store.events()
    assert [(p.report, p.stage, p.severity) for p in summary.problems] == [("stalls.txt", "code.stall", "error")]
    assert "stalls.txt" in summary.problems[0].message and "--timeout" in summary.problems[0].message
    assert [(p.report, p.stage) for p in stored] == [("stalls.txt", "code.stall")]
    assert summary.reports_new == 1 and len(events) == 1


def test_ingest_and_eval_offer_a_timeout_option():
    for command in ("ingest", "eval"):
        assert "--timeout" in CliRunner().invoke(main, [command, "--help"]).output


@pytest.mark.slow
def test_hostile_folder_is_coded_or_refused_within_its_budgets(tmp_path):
    folder = tmp_path / "hostile"
    folder.mkdir()
    (folder / "long_word.txt").write_text("A" * 200_000)
    (folder / "capitalised.txt").write_text(capitalised(40_000))
    places = ["Aleppo", "Homs", "Hama", "Idlib", "Raqqa", "Mosul", "Kirkuk", "Tikrit", "Ramadi", "Palmyra"]
    (folder / "many_places.txt").write_text("".join(f"Shelling hit {places[i % 10]} and {places[(i + 3) % 10]}.\n"
                                                    for i in range(1_300)))
    sample = importlib_resources.files("conflictscope") / "data" / "samples" / "01_wire_ambush.txt"
    (folder / "normal.txt").write_text(sample.read_text(encoding="utf-8"))
    db = tmp_path / "x.db"
    t0 = time.perf_counter()
    result = CliRunner().invoke(main, ["ingest", str(folder), "--db", str(db), "-q"])
    took = time.perf_counter() - t0
    budgets = sum(default_timeout(len(p.read_text())) for p in folder.iterdir())
    assert took < budgets + 60, f"{took:.0f} s"   # loading the models and reading come on top
    assert "reports read: 4" in result.output, result.output
    with Store.open(str(db)) as store:
        coded = {Path(r.source_file).name for r in store.reports()}
        problems = {Path(p.report).name: p for p in store.problems()}
        normal_events = [e for e in store.events() if e.source_file == "normal.txt"]
    assert normal_events
    for name in ("long_word.txt", "capitalised.txt", "many_places.txt"):
        assert name in coded or (name in problems and problems[name].stage.startswith("code")), name
