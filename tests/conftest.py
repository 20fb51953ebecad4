"""Shared fixtures: reference material from ../shared (tests skip with a reason when absent)."""
from __future__ import annotations

from pathlib import Path

import pytest

from support import SHARED, shared_path  # noqa: F401  (re-exported for tests)


@pytest.fixture(scope="session")
def resources():
    """The coder's resources (spaCy, registry, gazetteer, lexicon), loaded once for the whole run."""
    from conflictscope.pipeline import Resources

    return Resources.load()


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return shared_path("seeds")


@pytest.fixture(scope="session")
def seeds_gold() -> Path:
    return shared_path("gold", "seeds.gold.json")


@pytest.fixture(scope="session")
def devset_dir() -> Path:
    return shared_path("devset", "reports")


@pytest.fixture(scope="session")
def devset_gold() -> Path:
    return shared_path("devset", "devset.gold.json")
