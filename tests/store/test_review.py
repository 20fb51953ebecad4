"""Review decisions in the store: edits checked against the codebook and the report, undo."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from conflictscope.cli import main
from conflictscope.errors import InputError, ReviewError
from conflictscope.review_import import import_review_csv
from conflictscope.store import Store

from .conftest import make_coded, make_event


@pytest.fixture
def filled(store: Store) -> Store:
    store.save_coded(make_coded("rep-1", events=[make_event("ev-a", "rep-1", event_date="2024-03-10")]))
    return store


def test_review_edit_after_publication_is_refused_and_nothing_stored(filled: Store) -> None:
    # the report was published on 2024-03-17
    with pytest.raises(ReviewError, match=r"2024-03-18 is after the report was published \(2024-03-17\)") as caught:
        filled.add_decision("ev-a", "edit", field="event_date", value="2024-03-18")
    assert caught.value.field == "event_date"
    assert filled.decisions() == []
    assert filled.event("ev-a").event_date == "2024-03-10"


def test_review_derived_fields_follow_edits(filled: Store) -> None:
    filled.add_decision("ev-a", "edit", field="event_date", value="2023-12-30")
    filled.add_decision("ev-a", "edit", field="sub_event_type", value="Armed clash")
    filled.add_decision("ev-a", "edit", field="inter2", value="")
    event = filled.event("ev-a")
    assert (event.year, event.event_type, event.disorder_type, event.interaction) == (
        2023, "Battles", "Political violence", "30")
    assert [e.id for e in filled.events(event_type="Battles", since="2023", until="2023")] == ["ev-a"]


def test_review_edit_is_checked_against_the_event_as_reviewed(filled: Store) -> None:
    filled.add_decision("ev-a", "edit", field="sub_event_type", value="Armed clash")
    # the type now is Battles: Protests does not fit the reviewed sub-type
    with pytest.raises(ReviewError, match="'Armed clash' does not belong to 'Protests'"):
        filled.add_decision("ev-a", "edit", field="event_type", value="Protests")


def test_review_undo_takes_an_edit_back(filled: Store) -> None:
    first = filled.add_decision("ev-a", "edit", field="fatalities", value="7", who="ana")
    second = filled.add_decision("ev-a", "edit", field="fatalities", value="9", who="ana")
    filled.add_decision("ev-a", "undo", value=second, who="ana")
    assert (filled.event("ev-a").fatalities, filled.event("ev-a").status) == (7, "edited")
    filled.add_decision("ev-a", "undo", value=str(first), who="ana")
    event = filled.event("ev-a")
    assert (event.fatalities, event.status) == (2, "machine")
    assert [d["action"] for d in filled.decisions("ev-a")] == ["edit", "edit", "undo", "undo"]


def test_review_undo_brings_a_rejected_event_back(filled: Store) -> None:
    reject = filled.add_decision("ev-a", "reject", note="duplicate")
    assert filled.events() == []
    filled.add_decision("ev-a", "undo", value=reject)
    assert [e.id for e in filled.events()] == ["ev-a"]


@pytest.mark.parametrize(("value", "message"), [
    ("x", r"undo needs the number of the decision"),
    ("999", r"has no decision #999 to undo"),
])
def test_review_bad_undo_is_refused(filled: Store, value: str, message: str) -> None:
    with pytest.raises(ReviewError, match=message):
        filled.add_decision("ev-a", "undo", value=value)


def test_review_undo_twice_or_undo_an_undo_is_refused(filled: Store) -> None:
    edit = filled.add_decision("ev-a", "edit", field="fatalities", value="7")
    undo = filled.add_decision("ev-a", "undo", value=edit)
    with pytest.raises(ReviewError, match="already undone"):
        filled.add_decision("ev-a", "undo", value=edit)
    with pytest.raises(ReviewError, match="no decision"):
        filled.add_decision("ev-a", "undo", value=undo)


def test_review_note_longer_than_the_limit_is_refused(filled: Store) -> None:
    with pytest.raises(ReviewError, match="note is 2,001 characters long") as caught:
        filled.add_decision("ev-a", "accept", note="n" * 2001)
    assert caught.value.field == "note"


def test_review_csv_import_applies_the_same_rules(filled: Store) -> None:
    rows = io.StringIO(
        "event_id,action,field,value,note,who\n"
        "ev-a,edit,fatalities,4,hospital list,ana\n"
        "ev-a,edit,latitude,95,typo,ana\n"
        "ev-a,edit,event_date,2024-02-30,,\n"
        "ev-zzz,accept,,,,\n"
        "ev-a,edit,event_date,2024-03-09,dateline,\n"
        "ev-a,merge,,ev-a,,\n"
    )
    result = import_review_csv(filled, rows, name="review.csv", who="bo")
    assert len(result.recorded) == 2
    assert [(r.line, r.field) for r in result.refused] == [(3, "latitude"), (4, "event_date"), (5, ""), (7, "value")]
    assert "out of range" in result.refused[0].message and "no event ev-zzz" in result.refused[2].message
    event = filled.event("ev-a")
    assert (event.fatalities, event.latitude, event.event_date) == (4, 35.0207, "2024-03-09")
    assert [d["who"] for d in filled.decisions("ev-a")] == ["ana", "bo"]


def test_review_csv_import_needs_its_columns(filled: Store) -> None:
    with pytest.raises(InputError, match=r"review.csv: the review file has no action column.*event_id,action"):
        import_review_csv(filled, io.StringIO("event_id,verdict\nev-a,accept\n"), name="review.csv")


def test_review_cli_import_lists_refused_rows(filled: Store, tmp_path: Path) -> None:
    if not filled.url.startswith("sqlite"):
        pytest.skip("the CLI test needs one backend")
    path = tmp_path / "review.csv"
    path.write_text("event_id,action,field,value\nev-a,edit,geo_precision,9\nev-a,accept,,\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["import-review", str(path), "--db", filled.url, "--who", "ana"])
    assert result.exit_code == 1
    assert "review.csv:2: event ev-a: geo_precision: geo_precision 9 is not a codebook code" in result.output
    assert "1 decision(s) recorded, 1 refused" in result.output


@pytest.mark.parametrize(("text", "expected"), [
    ("ndf members", ["ev-a"]),            # the notes, any case
    ("GUNMEN ATTACKED", ["ev-a"]),        # the evidence sentence
    ("killing two", ["ev-a"]),            # an evidence span
    ("nothing like this", []),
    ("%", []),
])
def test_review_text_search_over_notes_and_evidence(filled: Store, text: str, expected: list[str]) -> None:
    from conflictscope.query import EventQuery

    assert [e.id for e in filled.find_events(EventQuery(text=text))] == expected


def test_review_text_search_sees_edited_notes(filled: Store) -> None:
    from conflictscope.query import EventQuery

    filled.add_decision("ev-a", "edit", field="notes", value="Checkpoint raid, figures from the hospital")
    assert [e.id for e in filled.find_events(EventQuery(text="hospital"))] == ["ev-a"]
    assert filled.find_events(EventQuery(text="ndf members")) == []


def test_review_change_stamp_moves_with_every_write(filled: Store) -> None:
    before = filled.change_stamp()
    assert before[0] > 0 and before[1] >= 1
    filled.add_decision("ev-a", "accept")
    after = filled.change_stamp()
    assert after[0] > before[0] and after[1] == before[1] + 1
