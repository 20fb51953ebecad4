"""conflictscope: ACLED-style event coding of conflict reports, with evidence for every value."""
__version__ = "0.1.0"
CODER_VERSION = f"conflictscope-{__version__}/extract.events.v1"
