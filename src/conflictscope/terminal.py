"""What the command line prints: stored strings made safe for a terminal.

Reports come from anywhere, so any string stored from them (a title, a publisher, a file name)
may hold control characters: an escape sequence that retitles the terminal or clears it, a
newline that breaks a table row. `printable` writes every control character as a visible
escape (ESC as ``\\x1b``, a newline as ``\\n``); the CLI passes every stored value through it.
"""
from __future__ import annotations

import unicodedata
from typing import Any

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


__all__ = ["printable"]
