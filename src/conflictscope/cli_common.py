"""What every module of the `conflictscope` command shares: option help texts and the error exit."""
from __future__ import annotations

import sys

import click

from .terminal import printable

DB_HELP = "Store: a SQLite file path or a database URL (default: conflictscope.db in the working directory)."
FULL_PARSE_HELP = ("Parse every sentence (the full analysis) instead of only those that can carry an event or a "
                   "mention the coder reads (the fast path, whose events are the same; for comparison).")
TIMEOUT_HELP = ("Time budget per report in seconds; a report past it is recorded as a problem naming the stage "
                "and the batch goes on (default: 5 s + 2 s per 10,000 characters, at most 60 s; 0 for none).")


def fail(exc: Exception) -> None:
    """Print the error (escaped for the terminal) and exit with status 2."""
    click.echo(f"error: {printable(exc)}", err=True)
    sys.exit(2)


__all__ = ["DB_HELP", "TIMEOUT_HELP", "fail"]
