"""Hostile files get a message that names them and says what to do (issue 15, item 7)."""
from __future__ import annotations

import logging
from pathlib import Path

import pytest
from click.testing import CliRunner

from conflictscope import cache
from conflictscope.cli import MAX_BYTES, main
from conflictscope.ingest import read_paths
from conflictscope.ingest.read import DEFAULT_MAX_BYTES
from conflictscope.models import Problem, Report

GOOD = "Gunmen attacked a checkpoint near Hit on Sunday, killing two policemen, officials said.\n"


def _all(*paths: Path, **kwargs) -> list[Report | Problem]:
    return list(read_paths(list(paths), **kwargs))


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_read_utf16_without_bom_is_text_with_a_warning(tmp_path: Path, codec: str) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes((GOOD * 3).encode(codec))
    [report] = _all(path)
    assert isinstance(report, Report) and report.text.startswith("Gunmen attacked")
    assert any(codec.upper() in p.message and p.severity == "warning" for p in report.problems)


def test_read_utf16_without_bom_in_arabic_script(tmp_path: Path) -> None:
    path = tmp_path / "ar.txt"
    path.write_bytes("قتل مدنيان يوم الأحد بانفجار عبوة ناسفة على الطريق.\n".encode("utf-16-le"))
    [report] = _all(path)
    assert isinstance(report, Report) and report.text.startswith("قتل")


def test_read_nul_bytes_on_both_sides_stay_binary(tmp_path: Path) -> None:
    path = tmp_path / "blob.txt"
    path.write_bytes(bytes(range(256)) * 8)
    [problem] = _all(path)
    assert isinstance(problem, Problem) and "binary" in problem.message


def test_read_large_file_names_an_option_that_exists(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text(GOOD * 20, encoding="utf-8")
    size = path.stat().st_size
    [problem] = _all(path, max_bytes=100)
    assert isinstance(problem, Problem) and f"--max-bytes {size}" in problem.message
    [report] = _all(path, max_bytes=size)
    assert isinstance(report, Report)
    assert "--max-bytes" in CliRunner().invoke(main, ["ingest", "--help"]).output
    assert MAX_BYTES == DEFAULT_MAX_BYTES
    refused = CliRunner().invoke(main, ["ingest", "--max-bytes", "0", str(path)])
    assert refused.exit_code == 2 and "--max-bytes" in refused.output


@pytest.mark.parametrize(("name", "data"), [
    ("deep.json", "[" * 100_000 + "]" * 100_000),
    ("deep-field.json", '{"text": "' + GOOD.strip() + '", "extra": ' + "[" * 50_000 + "]" * 50_000 + "}"),
])
def test_read_deeply_nested_json_says_so(tmp_path: Path, name: str, data: str) -> None:
    path = tmp_path / name
    path.write_text(data, encoding="utf-8")
    [problem] = _all(path)
    assert isinstance(problem, Problem)
    assert str(path) in problem.message and "nested too deeply" in problem.message
    assert "internal error" not in problem.message


def test_read_deeply_nested_json_lines_keep_the_other_lines(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    good = '{"text": "%s"}' % GOOD.strip()
    path.write_text("\n".join([good, "[" * 100_000 + "]" * 100_000, good]) + "\n", encoding="utf-8")
    results = _all(path)
    assert [type(r) for r in results] == [Report, Problem, Report]
    assert "line 2 is nested too deeply" in results[1].message and str(path) in results[1].message


def test_read_symlink_loop_is_named(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "ok.txt").write_text(GOOD, encoding="utf-8")
    (folder / "a.txt").symlink_to(folder / "b.txt")
    (folder / "b.txt").symlink_to(folder / "a.txt")
    (folder / "gone.txt").symlink_to(folder / "missing.txt")
    results = _all(folder)
    problems = {Path(p.report).name: p.message for p in results if isinstance(p, Problem)}
    assert sum(isinstance(r, Report) for r in results) == 1
    assert set(problems) == {"a.txt", "b.txt", "gone.txt"}
    assert "symbolic link loop" in problems["a.txt"] and str(folder / "a.txt") in problems["a.txt"]
    assert "missing.txt, which does not exist" in problems["gone.txt"]
    [alone] = _all(folder / "a.txt")
    assert isinstance(alone, Problem) and "symbolic link loop" in alone.message


@pytest.mark.parametrize(("files", "said"), [([], "it holds no files"),
                                             (["notes.pdf", ".hidden.txt"], "its 2 file(s) have none")])
def test_read_folder_without_reports_says_so(tmp_path: Path, files: list[str], said: str) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    for name in files:
        (folder / name).write_text(GOOD, encoding="utf-8")
    [problem] = _all(folder)
    assert isinstance(problem, Problem) and problem.severity == "error"
    assert f"{folder}: no reports found ({said}" in problem.message and ".txt" in problem.message


def test_cache_unreadable_folder_falls_back_with_one_warning(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(cache, "_warned", set())
    (tmp_path / "conflictscope").mkdir()
    real_is_file = Path.is_file

    def denied(self: Path) -> bool:
        if tmp_path in self.parents:
            raise PermissionError(13, "Permission denied", str(self))
        return real_is_file(self)

    monkeypatch.setattr(Path, "is_file", denied)
    source = tmp_path / "data.txt"
    source.write_text("x", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="conflictscope.cache"):
        first = cache.cached("thing", "1", [source], lambda: {"built": 1})
        second = cache.cached("thing", "1", [source], lambda: {"built": 2})
    assert first == {"built": 1} and second == {"built": 2}
    warnings = [r.getMessage() for r in caplog.records if r.name == "conflictscope.cache"]
    assert len(warnings) == 1 and str(tmp_path / "conflictscope") in warnings[0]
    assert "XDG_CACHE_HOME" in warnings[0]


def test_read_one_endless_word_is_no_publisher(tmp_path: Path) -> None:
    # a first line of one 50,000-letter word is not the outlet's name (the sources table printed it whole)
    path = tmp_path / "endless.txt"
    path.write_text("B" * 50_000 + "\n\n" + GOOD, encoding="utf-8")
    [report] = _all(path)
    assert isinstance(report, Report)
    assert report.publisher is None or len(report.publisher) <= 80
