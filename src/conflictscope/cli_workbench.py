"""The review commands of `conflictscope`: the web workbench and review decisions from a file.

Kept apart from `cli` so each module stays short; `cli.main` registers them.
"""
from __future__ import annotations

import sys

import click

from .errors import ConflictscopeError
from .cli_common import DB_HELP
from .cli_common import fail as _fail
from .terminal import printable




@click.command("serve")
@click.option("--db", default=None, help=DB_HELP)
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; the default lets only this computer connect. Any other needs the "
                   "access token printed at start.")
@click.option("--port", default=8765, show_default=True, type=int, help="Port to listen on.")
@click.option("--allow-host", "allow_hosts", multiple=True,
              help="Another name people use to reach the workbench (sent as Host); repeatable.")
@click.option("--token", default=None, help="Access token to require (default: a new one, when --host is "
                                               "not this computer).")
@click.option("--reviewer", default="", help="Your name, recorded with every review decision (else each "
                                               "browser asks once).")
def serve_cmd(db: str | None, host: str, port: int, allow_hosts: tuple[str, ...] = (),
              token: str | None = None, reviewer: str = "") -> None:
    """Open the analyst's workbench (map, timeline, events, actors, review) in a local web app.

    It answers only to 127.0.0.1, localhost, ::1, the --host address and --allow-host names (so a
    page elsewhere cannot reach it by DNS rebinding).

    \b
    Example:
      conflictscope serve --db conflictscope-demo.db   # then open http://127.0.0.1:8765
    """
    import uvicorn

    from .web import create_app
    from .web.security import is_loopback

    try:
        app = create_app(db, host=host, allow_hosts=allow_hosts, access_token=token, reviewer=reviewer)
    except ConflictscopeError as exc:
        _fail(exc)
        return
    shown = f"[{host}]" if ":" in host else host
    address = f"http://{shown}:{port}/"
    if not is_loopback(host):
        click.echo(f"warning: listening on {host}: other computers can read and review the events with the "
                   "access token", err=True)
        address += f"?token={app.state.access_token}"
    click.echo(f"conflictscope workbench on {address} (Ctrl+C to stop)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


@click.command("import-review")
@click.argument("file", type=click.File("r", encoding="utf-8-sig"))
@click.option("--db", default=None, help=DB_HELP)
@click.option("--who", default="", help="Reviewer to record for rows that name none.")
def import_review_cmd(file: click.utils.LazyFile, db: str | None, who: str) -> None:
    """Record review decisions from a CSV file, checked by the same rules as the web workbench.

    Columns: event_id, action (accept, edit, reject, merge, split, undo) and, as the action
    needs them, field, value, note, who. Refused rows are listed with their line and reason; the
    others are recorded, and the exit code is 1 when any row was refused.

    \b
    Example:
      conflictscope import-review decisions.csv --db conflictscope.db --who ana
    """
    from .review_import import import_review_csv
    from .store import Store

    try:
        with Store.open(db, on_wait=lambda message: click.echo(f"note: {message}", err=True)) as store:
            result = import_review_csv(store, file, name=file.name, who=who)
    except ConflictscopeError as exc:
        _fail(exc)
        return
    for r in result.refused:
        click.echo(printable(f"{file.name}:{r.line}: event {r.event_id}: {r.field + ': ' if r.field else ''}"
                             f"{r.message}"), err=True)
    click.echo(f"{len(result.recorded)} decision(s) recorded, {len(result.refused)} refused")
    sys.exit(1 if result.refused else 0)


@click.command("review")
@click.argument("event_id")
@click.argument("action", type=click.Choice(["accept", "reject", "merge", "split", "edit", "undo"]))
@click.argument("value", required=False)
@click.option("--field", default=None, help="With edit: the field to change.")
@click.option("--db", default=None, help=DB_HELP)
@click.option("--who", default="", help="The reviewer's name, recorded with the decision.")
@click.option("--note", default="", help="Why (kept with the decision).")
def review_cmd(event_id: str, action: str, value: str | None, field: str | None, db: str | None, who: str,
               note: str) -> None:
    """Record one review decision, checked like the workbench's.

    \b
    Examples:
      conflictscope review ev-3f2a9c0d1e2b4a5c split --who ana     # keep a report's event out of an incident
      conflictscope review ev-3f2a9c0d1e2b4a5c merge ev-77aa01c2d3e4f5a6   # one incident
      conflictscope review ev-3f2a9c0d1e2b4a5c edit 4 --field fatalities
      conflictscope review ev-3f2a9c0d1e2b4a5c undo 12            # take back decision 12
    """
    from .store import Store

    if action in ("merge", "edit", "undo") and value is None:
        _fail(click.UsageError(f"{action} needs a VALUE (merge: the event to merge into; edit: the new value; "
                               "undo: the decision's number)"))
    try:
        with Store.open(db, read_only=False) as store:
            number = store.add_decision(event_id, action, field=field,
                                        value=int(value) if action == "undo" and value.isdigit() else value,
                                        note=note, who=who)
    except ConflictscopeError as exc:
        _fail(exc)
        return
    click.echo(f"decision {number}: {action} on {event_id}")
