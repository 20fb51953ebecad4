"""The actor lexicon: every entry of data/lexicon/actors.json loads and is used by its module."""
from __future__ import annotations

import importlib
import inspect
import json
import re
from typing import Any

import pytest

from conflictscope import lexicon

PATH = lexicon.DATA_DIR / "actors.json"
MODULES = ("names", "registry", "mentions", "affiliations", "unresolved")


def _sections() -> dict[str, dict[str, Any]]:
    return json.loads(PATH.read_text(encoding="utf-8"))["sections"]


def test_actor_lexicon_has_one_section_per_module() -> None:
    assert sorted(_sections()) == sorted(MODULES)


@pytest.mark.parametrize("section", MODULES)
def test_actor_lexicon_entries_load_with_a_doc(section: str) -> None:
    loaded = lexicon.section(section, "actors")
    for name, entry in _sections()[section].items():
        assert entry.get("doc"), f"{section}.{name} has no doc"
        if "pattern" in entry:
            assert isinstance(loaded.rx(name), re.Pattern)
        elif "words" in entry:
            assert loaded.words(name) == frozenset(entry["words"]) and entry["words"]
        else:
            assert loaded.table(name) == entry["table"]


@pytest.mark.parametrize("section", MODULES)
def test_actor_modules_load_and_use_their_entries(section: str) -> None:
    """Importing the module asks for the entries it needs; each entry is asked for or included."""
    module = importlib.import_module(f"conflictscope.resolve.actors.{section}")
    assert module.LEX is lexicon.section(section, "actors")
    source = inspect.getsource(module)
    entries = _sections()[section]
    included = {ref for e in entries.values() if "pattern" in e
                for ref in re.findall(r"\{@(\w+)\}", "".join(e["pattern"]) if isinstance(e["pattern"], list) else e["pattern"])}
    unused = [name for name in entries if f'"{name}"' not in source and name not in included]
    assert unused == []
