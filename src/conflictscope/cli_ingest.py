"""What `conflictscope ingest` runs: read, code on worker processes, store, report the summary."""
from __future__ import annotations

import os
import sys
from typing import Iterable

import click

from .progress import Progress
from .terminal import printable

MAX_BYTES = 5_000_000   # ingest.read.DEFAULT_MAX_BYTES, without importing the readers for --help


def default_workers() -> int:
    """The cores this process may run on (its CPU affinity where the system tells it)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def run_ingest(paths: Iterable[str], db: str | None, source: str | None, published: str | None,
               actors: tuple[str, ...], places: tuple[str, ...], quiet: bool, max_bytes: int = MAX_BYTES,
               timeout: float | None = None, model: str | None = None, workers: int | None = None,
               recode: bool = False, dask: str | None = None, full_parse: bool = False,
               country: str | None = None) -> int:
    """Ingest `paths` into the store at `db` and print the summary; the exit code (1: some failed)."""
    from .ingest import count_report_files, read_paths
    from .pipeline import Resources, ingest
    from .store import Store

    paths = list(paths)
    res = Resources.load(actor_files=actors, place_files=places, model=model, full_parse=full_parse,
                         country=country)
    items = read_paths(paths, source=source, published=published, max_bytes=max_bytes)
    progress = Progress(count_report_files(paths), None if quiet else sys.stderr)
    try:
        with Store.open(db, read_only=False, on_wait=lambda message: click.echo(f"note: {message}", err=True)) as store:
            summary = ingest(items, store, res, progress=progress, timeout=timeout,
                             workers=workers if workers is not None else default_workers(), recode=recode,
                             dask=dask)
    finally:
        progress.close()
    for p in summary.problems:
        click.echo(printable(f"{p.severity}: {p.report} [{p.stage}]: {p.message}"), err=True)
    click.echo(f"reports read: {summary.reports_read} (new {summary.reports_new}, updated "
               f"{summary.reports_updated}, unchanged {summary.reports_unchanged}, not coded "
               f"{summary.reports_not_coded}); events coded: {summary.events_coded} (new "
               f"{summary.events_created}); problems: {len(summary.problems)} ({summary.failed} failed)")
    if summary.decisions_moved or summary.decisions_orphaned:
        click.echo(f"review decisions: {summary.decisions_moved} carried to re-coded events, "
                   f"{summary.decisions_orphaned} event(s) orphaned (see `conflictscope problems`)")
    return 1 if summary.failed else 0
