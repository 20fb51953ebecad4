"""Places: the gazetteer (`gazetteer`), how names are keyed (`names`) and how a report's place
mentions are found, disambiguated and graded (`mentions`)."""
from __future__ import annotations

from .gazetteer import Gazetteer
from .mentions import ORIGIN, find_place_mentions
from .names import fold, name_keys, phonetic, skeleton, vowel_class

__all__ = ["Gazetteer", "ORIGIN", "find_place_mentions", "fold", "name_keys", "phonetic", "skeleton", "vowel_class"]
