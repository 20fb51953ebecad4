"""Bad input never raises out of read_paths: each becomes a Problem naming the file and the fix."""
from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from conflictscope.ingest import read_paths
from conflictscope.models import Problem, Report

GOOD = "Gunmen attacked a checkpoint near Hit on Sunday, killing two policemen, officials said.\n"


def _one(path: Path, **kwargs) -> Report | Problem:
    results = list(read_paths([path], **kwargs))
    assert len(results) == 1
    return results[0]


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00", "binary"),
        ("controls.txt", bytes(range(1, 32)) * 4 + b"\xff\xfe\xfd", "binary"),
        ("empty.txt", b"", "empty"),
        ("blank.md", b"  \n\n\t \n", "empty"),
        ("broken.json", b'{"text": "abc",\n  "url": }', "line 2, column"),
        ("list.json", b'["just a string"]', "JSON object"),
        ("notext.json", b'{"url": "https://x.example/1"}', '"text"'),
        ("empty.html", b"<html><head><script>var a = 1;</script></head><body></body></html>", "HTML yields no text"),
        ("chrome.txt", b"Home | Syria | Iraq | Video\nLeave a Reply\n(c) 2024 Some Site", "boilerplate"),
        ("bad.xml", b"<rss><channel><item></channel></rss>", "malformed XML"),
        ("other.xml", b"<config><a>1</a></config>", "not an RSS or Atom feed"),
        ("bad-utf16.txt", codecs.BOM_UTF16_LE + b"\x00\xd8", "Re-save it as UTF-8"),
    ],
)
def test_bad_input_gives_a_problem(tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    result = _one(path)
    assert isinstance(result, Problem)
    assert result.stage == "ingest" and result.severity == "error"
    assert name in result.report
    assert reason in result.message


def test_bad_input_huge_file_is_refused(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text(GOOD * 200, encoding="utf-8")
    result = _one(path, max_bytes=1000)
    assert isinstance(result, Problem)
    assert str(path) == result.report and "over the limit of 1,000" in result.message


def test_bad_input_missing_path(tmp_path):
    result = _one(tmp_path / "nope.txt")
    assert isinstance(result, Problem) and "no such file" in result.message


def test_bad_input_latin1_is_read_with_a_warning(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Caf\u00e9 owner killed in Deir ez-Zor bombing, residents said.".encode("latin-1"))
    result = _one(path)
    assert isinstance(result, Report)
    assert "Café owner" in result.text
    [warning] = result.problems
    assert warning.severity == "warning" and "latin.txt" in warning.report
    assert "cp1252" in warning.message and "Re-save the file as UTF-8" in warning.message


@pytest.mark.parametrize("codec", ["utf-16", "utf-8-sig", "utf-16-be"])
def test_bad_input_byte_order_marks_are_decoded(tmp_path, codec):
    path = tmp_path / "bom.txt"
    data = GOOD.encode(codec)
    if codec == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    path.write_bytes(data)
    result = _one(path)
    assert isinstance(result, Report)
    assert result.text == GOOD.strip() and result.problems == []


def test_bad_input_jsonl_bad_line_is_one_problem(tmp_path):
    path = tmp_path / "items.jsonl"
    path.write_text(
        '{"text": "Rockets hit Ain al-Asad on Monday, officials said."}\n'
        "{not json\n\n"
        '{"text": "Gunmen killed a teacher in Daraa, activists said."}\n',
        encoding="utf-8",
    )
    results = list(read_paths([path]))
    assert [type(r).__name__ for r in results] == ["Report", "Problem", "Report"]
    assert results[1].report == f"{path}#2" and "line 2" in results[1].message
    assert [r.source_file for r in results if isinstance(r, Report)] == ["items.jsonl#1", "items.jsonl#4"]
    assert results[0].raw_format == "jsonl"


def test_bad_input_batch_goes_on(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "c.json").write_text('{"text": "Protesters gathered in Sweida, witnesses said."}', encoding="utf-8")
    results = list(read_paths([tmp_path]))
    assert [type(r).__name__ for r in results] == ["Report", "Problem", "Report"]
    assert results[1].report.endswith("b.txt")


def test_bad_input_unparseable_given_date_is_a_warning(tmp_path):
    path = tmp_path / "a.json"
    path.write_text('{"text": "Protesters gathered in Sweida, witnesses said.", "published": "soon"}',
                    encoding="utf-8")
    result = _one(path)
    assert isinstance(result, Report) and result.published is None
    assert "'soon' is not a date" in result.problems[0].message
