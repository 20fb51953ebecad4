"""Stored strings are printed with every control character escaped, and nothing else changed."""
from __future__ import annotations

import io
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conflictscope.terminal import for_terminal, printable


@pytest.mark.parametrize(("raw", "shown"), [
    ("\x1b]0;PWNED\x07\x1b[2J", "\\x1b]0;PWNED\\x07\\x1b[2J"),
    ("two\nlines\r", "two\\nlines\\r"),
    ("a\tb", "a\\tb"),
    ("\x9b2J", "\\x9b2J"),                       # the one-byte CSI of C1 terminals
    ("\u202egnp.exe", "\\u202egnp.exe"),         # right-to-left override
    ("line\u2028break", "line\\u2028break"),
    ("Zoë, Ḿ, 日本, 👍, Dayr az-Zawr", "Zoë, Ḿ, 日本, 👍, Dayr az-Zawr"),
    (None, ""),
    (12, "12"),
])
def test_printable_escapes_controls_only(raw: object, shown: str) -> None:
    assert printable(raw) == shown


def test_printable_can_keep_tabs() -> None:
    assert printable("a\tb\x1b", keep_tabs=True) == "a\tb\\x1b"


@given(st.text())
def test_printable_leaves_no_control_character(text: str) -> None:
    out = printable(text)
    assert not any(unicodedata.category(c) in ("Cc", "Cs", "Zl", "Zp") for c in out)
    assert len(out.splitlines()) <= 1
    if text.isprintable():
        assert out == text


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_for_terminal_escapes_data_formats_but_keeps_their_line_breaks() -> None:
    screen = _Tty()
    for_terminal(screen).write('id,notes\r\nev-1,"two\nlines \x1b[2J\x9b2J\ttab"\r\n')
    assert screen.getvalue() == 'id,notes\r\nev-1,"two\nlines \\x1b[2J\\x9b2J\ttab"\r\n'


def test_for_terminal_leaves_files_and_pipes_alone() -> None:
    pipe = io.StringIO()
    assert for_terminal(pipe) is pipe
