"""Decode report bytes into text: UTF-8, UTF-16/32 with or without a byte-order mark, else cp1252.

`decode` never raises: bytes that are no text become a `Problem` naming the file and the fix;
a guess that may garble characters comes with a warning.
"""
from __future__ import annotations

import codecs

from conflictscope.models import Problem

STAGE = "ingest"
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_UTF16_NUL_SHARE = 0.1   # Latin script: every other byte of UTF-16 is NUL; other scripts: the spaces


def decode(data: bytes, path: str) -> tuple[str, list[Problem]] | Problem:
    """Decode report bytes: UTF-8 (BOM or not), UTF-16/32 with BOM, UTF-16 without, else cp1252."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), []
            except UnicodeDecodeError as err:
                return Problem(path, STAGE, f"{path}: starts with a {codec.upper()} byte-order mark but "
                                            f"is not valid {codec.upper()} (byte {err.start}). Re-save it "
                                            "as UTF-8.")
    if b"\x00" in data:
        return _utf16_without_bom(data, path) or Problem(
            path, STAGE, f"{path}: looks like a binary file (it contains NUL bytes), not a text report. "
                         "Convert it to text, HTML or JSON first.")
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    if _controls(data) > max(2, len(data) // 20):
        return Problem(path, STAGE, f"{path}: looks like a binary file (not decodable as text), not a "
                                    "text report. Convert it to text, HTML or JSON first.")
    try:
        text, codec = data.decode("cp1252"), "cp1252 (Windows-1252)"
    except UnicodeDecodeError:
        text, codec = data.decode("latin-1"), "latin-1 (ISO-8859-1)"
    warning = Problem(path, STAGE, f"{path}: is not valid UTF-8; read it as {codec}, which may garble "
                                   "some characters. Re-save the file as UTF-8 to be sure.",
                      severity="warning")
    return text, [warning]


def _controls(data: bytes) -> int:
    return sum(1 for b in data if b < 32 and b not in (9, 10, 12, 13))


def _utf16_without_bom(data: bytes, path: str) -> tuple[str, list[Problem]] | None:
    """UTF-16 text saved without a byte-order mark, told by where its NUL bytes fall; else None.

    Text in a Latin script puts a NUL in every high byte: at odd offsets in little-endian, at even
    offsets in big-endian, and almost never on the other side. Binary files put them anywhere.
    """
    if len(data) % 2:
        return None
    pairs = len(data) // 2
    odd, even = data[1::2].count(0), data[0::2].count(0)
    for nuls, others, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if nuls < _UTF16_NUL_SHARE * pairs or others > 0.01 * pairs:
            continue
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            return None
        if sum(1 for c in text if ord(c) < 32 and c not in "\t\n\f\r") > max(2, len(text) // 50):
            return None
        warning = Problem(path, STAGE, f"{path}: has no byte-order mark; read it as {codec.upper()}, "
                                       "which its NUL bytes suggest. Re-save the file as UTF-8 to be sure.",
                          severity="warning")
        return text, [warning]
    return None
