"""The lexicon files of the date core, ingest, attribution and fatalities: every entry loads, and a
malformed entry is reported with its file and name."""
from __future__ import annotations

import json

import pytest

from conflictscope import lexicon
from conflictscope.errors import ReferenceDataError

FILES = ["dates", "ingest", "attribution", "fatalities"]


@pytest.mark.parametrize("name", FILES)
def test_lexicon_data_every_entry_compiles_and_is_documented(name):
    path = lexicon.DATA_DIR / f"{name}.json"
    raw = json.loads(path.read_text(encoding="utf-8"))["sections"]
    sections = lexicon._load_file(path)
    assert set(sections) == set(raw)
    for section_name, entries in raw.items():
        section = sections[section_name]
        for entry, body in entries.items():
            read = section.rx if "pattern" in body else section.words if "words" in body else section.table
            assert read(entry) is not None and body.get("doc"), (section_name, entry)


@pytest.mark.parametrize(("entry", "problem"), [
    ({"pattern": "(unclosed"}, "does not compile"),
    ({"pattern": "a{@missing}"}, "'{@missing}'"),
    ({"words": "not a list"}, "must be a list"),
    ({"pattern": "a", "table": {}}, "exactly one"),
    ({"pattern": "a", "flags": "q"}, "unknown flag"),
])
def test_lexicon_data_malformed_entry_names_file_and_entry(tmp_path, entry, problem):
    path = tmp_path / "broken.json"
    path.write_text(json.dumps({"sections": {"dates": {"good": {"pattern": "x"}, "bad_entry": entry}}}))
    with pytest.raises(ReferenceDataError) as err:
        lexicon._load_file(path)
    message = str(err.value)
    assert "broken.json" in message and "'bad_entry'" in message and problem in message
