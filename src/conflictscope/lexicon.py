"""Language and domain knowledge as named, validated entries of the lexicon data.

Every regular expression and word list that encodes English or the domain lives in a JSON file
under ``data/lexicon/`` (format in its README), not in the algorithms: the algorithms ask for an
entry by name. A file holds sections (one per module that reads it); a section maps entry names
to one of:

- ``{"pattern": "..."}`` (or a list of strings, joined): a regular expression; ``"flags": "i"``
  for IGNORECASE (also ``m``, ``s``, ``x``). ``{@name}`` inside a pattern includes another entry
  of the same section (a pattern as a group, a word list as an alternation of its words);
- ``{"words": [...]}``: a word list (a frozenset, compared as written);
- ``{"table": {...}}``: a mapping (number words, month names).

Each entry may carry a ``"doc"`` saying what it is for. Files are checked when loaded: unknown
keys, patterns that do not compile, references to missing entries and duplicate names raise
`ReferenceDataError` naming the file and the entry. Asking for an entry that does not exist
raises the same error, naming the section.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

from .errors import ReferenceDataError

DATA_DIR = Path(__file__).resolve().parent / "data" / "lexicon"
_FLAGS = {"i": re.I, "m": re.M, "s": re.S, "x": re.X}
_ENTRY_KEYS = {"pattern", "words", "table", "flags", "doc"}
_REF = re.compile(r"\{@([a-z0-9_]+)\}")


@dataclass(frozen=True)
class Section:
    """The named entries of one lexicon section: patterns, word lists and tables."""

    name: str
    source: str
    patterns: Mapping[str, re.Pattern[str]]
    word_lists: Mapping[str, frozenset[str]]
    tables: Mapping[str, Mapping[str, Any]]

    def rx(self, name: str) -> re.Pattern[str]:
        """The compiled pattern `name`."""
        try:
            return self.patterns[name]
        except KeyError:
            raise self._missing(name, "pattern") from None

    def words(self, name: str) -> frozenset[str]:
        """The word list `name`."""
        try:
            return self.word_lists[name]
        except KeyError:
            raise self._missing(name, "word list") from None

    def table(self, name: str) -> Mapping[str, Any]:
        """The table `name`."""
        try:
            return self.tables[name]
        except KeyError:
            raise self._missing(name, "table") from None

    def _missing(self, name: str, kind: str) -> ReferenceDataError:
        return ReferenceDataError(
            f"lexicon section '{self.name}' ({self.source}) has no {kind} named '{name}'. "
            f"You can fix this by restoring the shipped file or adding the entry.")


def _compile_section(path: Path, section: str, raw: Any) -> Section:
    where = f"{path.name}, section '{section}'"
    if not isinstance(raw, dict):
        raise ReferenceDataError(f"{where}: expected an object of named entries")
    patterns: dict[str, re.Pattern[str]] = {}
    words: dict[str, frozenset[str]] = {}
    tables: dict[str, Mapping[str, Any]] = {}
    sources: dict[str, str] = {}

    def bad(name: str, problem: str) -> ReferenceDataError:
        return ReferenceDataError(f"{where}, entry '{name}': {problem}. Fix the file or restore the shipped one.")

    for name, entry in raw.items():
        if not isinstance(entry, dict):
            raise bad(name, "expected an object with 'pattern', 'words' or 'table'")
        unknown = set(entry) - _ENTRY_KEYS
        if unknown:
            raise bad(name, f"unknown keys {sorted(unknown)}")
        kinds = [k for k in ("pattern", "words", "table") if k in entry]
        if len(kinds) != 1:
            raise bad(name, "needs exactly one of 'pattern', 'words' or 'table'")
        if "words" in entry:
            if not isinstance(entry["words"], list) or not all(isinstance(w, str) for w in entry["words"]):
                raise bad(name, "'words' must be a list of strings")
            words[name] = frozenset(entry["words"])
        elif "table" in entry:
            if not isinstance(entry["table"], dict):
                raise bad(name, "'table' must be an object")
            tables[name] = dict(entry["table"])
        else:
            pat = entry["pattern"]
            if isinstance(pat, list) and all(isinstance(p, str) for p in pat):
                pat = "".join(pat)
            if not isinstance(pat, str):
                raise bad(name, "'pattern' must be a string or a list of strings")
            sources[name] = pat

    def expand(name: str, seen: tuple[str, ...]) -> str:
        if name in seen:
            raise bad(name, f"includes itself through {' -> '.join(seen)}")

        def sub(m: re.Match[str]) -> str:
            ref = m.group(1)
            if ref in sources:
                return "(?:" + expand(ref, seen + (name,)) + ")"
            if ref in words:
                return "(?:" + "|".join(re.escape(w) for w in sorted(words[ref], key=lambda w: (-len(w), w))) + ")"
            raise bad(name, f"includes '{{@{ref}}}', which is no pattern or word list of this section")
        return _REF.sub(sub, sources[name])

    for name in sources:
        flags = 0
        for f in raw[name].get("flags", ""):
            if f not in _FLAGS:
                raise bad(name, f"unknown flag {f!r} (use i, m, s or x)")
            flags |= _FLAGS[f]
        try:
            patterns[name] = re.compile(expand(name, ()), flags)
        except re.error as exc:
            raise bad(name, f"the pattern does not compile: {exc}") from None
    return Section(section, str(path), patterns, words, tables)


@lru_cache(maxsize=None)
def _load_file(path: Path) -> dict[str, Section]:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ReferenceDataError(f"lexicon file {path} cannot be read: {exc}. Restore the shipped file.") from exc
    if not isinstance(raw, dict) or not isinstance(raw.get("sections"), dict):
        raise ReferenceDataError(f"lexicon file {path} has no 'sections' object. Restore the shipped file.")
    return {name: _compile_section(path, name, body) for name, body in raw["sections"].items()}


def section(name: str, file: str | None = None) -> Section:
    """The lexicon section `name`, from ``data/lexicon/<file or name>.json``; loaded and checked once."""
    path = DATA_DIR / f"{file or name}.json"
    sections = _load_file(path)
    if name not in sections:
        raise ReferenceDataError(f"lexicon file {path} has no section '{name}'. Restore the shipped file.")
    return sections[name]


__all__ = ["Section", "section", "DATA_DIR"]
