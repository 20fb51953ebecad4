"""Learning from coded data (`learn`): a sentence event model beside the rules.

`sources` reads labelled sentences (ACLED exports, reference codings with their reports, reviewers'
decisions in a store); `train` fits and cross-validates the model; `model` keeps it as plain files
(JSON and NumPy arrays, no pickle) and scores sentences. The coder uses a model through
`extract.events.proposals`: it proposes events where the rules found none and flags rule events
whose type the model disputes.
"""
from .model import NONE, EventModel
from .sources import read_sources
from .train import Training, learn

__all__ = ["EventModel", "NONE", "read_sources", "learn", "Training"]
