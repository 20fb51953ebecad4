"""The code's shape: rooms of a size a reader can hold, and no country named in the algorithms.

Every module stays under 600 lines and every function under 80 lines and cyclomatic complexity 41
(radon's rank F); country names and ISO codes live only in the theatre data, never as string
literals in the package's Python.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from conflictscope import theatre

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "conflictscope"
MAX_MODULE_LINES = 600
MAX_FUNCTION_LINES = 80
MAX_COMPLEXITY = 40


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _hand_written() -> list[Path]:
    """Modules people write and edit: migration revisions are generated DDL and never edited."""
    return [p for p in _modules() if "migrations" not in p.parts]


def _docstrings(tree: ast.AST) -> set[int]:
    """ids of the Constant nodes that are docstrings."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                out.add(id(first.value))
    return out


def test_code_shape_modules_are_short() -> None:
    long = {str(p.relative_to(PACKAGE)): n for p in _modules()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES}
    assert not long, f"modules over {MAX_MODULE_LINES} lines: {long}"


def test_code_shape_functions_are_short() -> None:
    long = []
    for p in _hand_written():
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                n = node.end_lineno - node.lineno + 1
                if n > MAX_FUNCTION_LINES:
                    long.append(f"{p.relative_to(PACKAGE)}:{node.lineno} {node.name} ({n} lines)")
    assert not long, f"functions over {MAX_FUNCTION_LINES} lines: {long}"


def test_code_shape_no_function_of_complexity_rank_f() -> None:
    radon = pytest.importorskip("radon.complexity", reason="radon (the test extra) measures complexity")
    complex_ = []
    for p in _modules():
        for block in radon.cc_visit(p.read_text(encoding="utf-8")):
            if block.complexity > MAX_COMPLEXITY:
                complex_.append(f"{p.relative_to(PACKAGE)}:{block.lineno} {block.name} ({block.complexity})")
    assert not complex_, f"functions of complexity above {MAX_COMPLEXITY}: {complex_}"


def test_code_shape_no_country_named_in_python() -> None:
    data = theatre.load()
    codes = set(data.countries)
    names = sorted({c.name for c in data.countries.values()} | {n for c in data.countries.values() for n in c.demonyms
                                                                 if len(n) > 4}, key=len, reverse=True)
    named = re.compile(r"\b(" + "|".join(re.escape(n) for n in names) + r")\b")
    found = []
    for p in _modules():
        tree = ast.parse(p.read_text(encoding="utf-8"))
        docs = _docstrings(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
                value = node.value
                if value in codes or named.search(value):
                    found.append(f"{p.relative_to(PACKAGE)}:{node.lineno} {value[:60]!r}")
    assert not found, f"countries named in Python (move them to data/theatre/countries.json): {found}"
