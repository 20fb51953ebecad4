"""Training sentences from ACLED export CSVs, reference codings with reports, and a store's reviews."""
from __future__ import annotations

import json

import pytest

from conflictscope.errors import ModelError
from conflictscope.learn import learn, read_sources
from conflictscope.learn.model import NONE
from conflictscope.learn.sources import bundled_none, sentences
from learn.conftest import write_training_csv


def test_csv_notes_become_labelled_sentences_without_size_remarks(training_csv):
    examples = read_sources([str(training_csv)])
    assert {e.label for e in examples} == {"Armed clash", "Attack", "Air/drone strike", "Peaceful protest"}
    assert all("[size" not in e.text and "size=" not in e.text for e in examples)
    assert all(e.origin == "acled-csv:notes.csv" for e in examples)


def test_rows_of_unknown_sub_event_types_are_skipped(tmp_path):
    rows = [{"event_id_cnty": "X1", "event_type": "", "sub_event_type": "Made-up type",
             "notes": "On 1 May 2024, something was told at length in this note."},
            {"event_id_cnty": "X2", "event_type": "", "sub_event_type": "Attack",
             "notes": "On 2 May 2024, gunmen shot a shepherd near the village well."}]
    examples = read_sources([str(write_training_csv(tmp_path / "t.csv", rows))])
    assert [(e.doc, e.label) for e in examples] == [("X2", "Attack")]


def test_a_csv_without_notes_is_refused_with_the_columns_it_has(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("id,text,label\n1,hello,Attack\n", encoding="utf-8")
    with pytest.raises(ModelError, match=r"no column notes, sub_event_type .*found: id, text, label"):
        read_sources([str(path)])


def test_unknown_source_kinds_and_missing_files_are_named(tmp_path):
    (tmp_path / "x.xlsx").write_bytes(b"PK")
    with pytest.raises(ModelError, match="unknown kind of training source"):
        read_sources([str(tmp_path / "x.xlsx")])
    with pytest.raises(ModelError, match="no such file"):
        read_sources([str(tmp_path / "absent.csv")])


def test_gold_sentences_outside_the_evidence_teach_no_event(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "r1.txt").write_text(
        "The governor opened a new school on Monday in the city centre. On Tuesday, gunmen attacked a police "
        "post near Hajin, killing two officers. Officials promised an inquiry into the matter.", encoding="utf-8")
    gold = {"schema": "conflict-gold/1", "documents": [{"doc": "r1.txt", "events": [{
        "id": "e1", "event_type": "Battles", "sub_event_type": "Armed clash",
        "evidence": "On Tuesday, gunmen attacked a police post near Hajin, killing two officers."}]}]}
    (tmp_path / "g.json").write_text(json.dumps(gold), encoding="utf-8")
    found = [(e.text[:20], e.label) for e in read_sources([str(tmp_path / "g.json")])]
    assert found == [("The governor opened ", NONE), ("On Tuesday, gunmen a", "Armed clash"),
                     ("Officials promised a", NONE)]


def test_gold_without_its_reports_folder_says_how_to_fix(tmp_path):
    (tmp_path / "g.json").write_text(json.dumps({"schema": "conflict-gold/1", "documents": []}))
    with pytest.raises(ModelError, match="--reports"):
        read_sources([str(tmp_path / "g.json")])


def test_bundled_no_event_sentences_exist_and_are_labelled_none():
    examples = list(bundled_none())
    assert len(examples) >= 20 and {e.label for e in examples} == {NONE}


def test_learning_from_too_little_is_refused():
    with pytest.raises(ModelError, match="too little to learn from"):
        learn(list(bundled_none())[:5])


def test_learn_records_what_it_was_trained_on_and_estimates_quality(training_csv):
    done = learn(read_sources([str(training_csv)]) + list(bundled_none()), folds=3, sources=[str(training_csv)])
    info = done.model.info
    assert info["sources"] == [str(training_csv)] and info["sentences"] == done.examples
    assert set(info["classes"]) == {"Armed clash", "Attack", "Air/drone strike", "Peaceful protest", NONE}
    assert done.estimate["folds"] == 3 and 0.0 <= done.estimate["sub_event_type_accuracy"] <= 1.0


def test_sentences_keep_their_offsets():
    text = "First one is here. Second one follows [size=12] now."
    spans = sentences(text)
    assert [t for _, _, t in spans] == ["First one is here.", "Second one follows now."]
    assert text[spans[1][0]:spans[1][0] + 6] == "Second"
