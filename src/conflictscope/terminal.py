"""What the command line prints: stored strings made safe for a terminal.

Reports come from anywhere, so any string stored from them (a title, a publisher, a file name)
may hold control characters: an escape sequence that retitles the terminal or clears it, a
newline that breaks a table row. `printable` writes every control character as a visible
escape (ESC as ``\\x1b``, a newline as ``\\n``); the CLI passes every stored value through it.
Data formats (CSV, JSON Lines) written to a terminal go through `for_terminal`, which escapes the
same characters but keeps the line breaks and tabs that are the format's own.
"""
from __future__ import annotations

import unicodedata
from typing import Any, TextIO

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escaped(char: str) -> str:
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _unsafe(char: str) -> bool:
    # Cc: C0/C1 controls and DEL; Cf: invisible format characters (bidi overrides among them);
    # Cs: lone surrogates, which a terminal's encoder cannot write; Zl/Zp: line and paragraph breaks
    return unicodedata.category(char) in ("Cc", "Cf", "Cs", "Zl", "Zp") and char not in "\u200d"


def printable(value: Any, *, keep_tabs: bool = False) -> str:
    """`value` as text a terminal shows literally: control characters escaped, nothing else changed.

    Args:
        value: any value; None becomes "".
        keep_tabs: leave tabs as they are (for values whose tabs are layout, not content).
    """
    text = "" if value is None else str(value)
    if text.isprintable():   # the common case costs one C-level scan
        return text
    return "".join(_escaped(c) if _unsafe(c) and not (keep_tabs and c == "\t") else c for c in text)


class _Escaping:
    """A text stream that writes control characters escaped, line breaks and tabs as they are."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write("".join(printable(line, keep_tabs=True) + end for line, end in _lines(text)))
        return len(text)

    def flush(self) -> None:
        self._stream.flush()


def _lines(text: str) -> list[tuple[str, str]]:
    """`text` split at its newlines and carriage returns, each piece with the break after it."""
    pieces, start = [], 0
    for i, char in enumerate(text):
        if char in "\r\n":
            pieces.append((text[start:i], char))
            start = i + 1
    pieces.append((text[start:], ""))
    return pieces


def for_terminal(stream: TextIO) -> TextIO:
    """`stream` as it is when it goes to a file or a pipe; with controls escaped when it is a terminal."""
    isatty = getattr(stream, "isatty", None)
    return _Escaping(stream) if isatty is not None and isatty() else stream  # type: ignore[return-value]


__all__ = ["for_terminal", "printable"]
