"""The `conflictscope` command: a thin layer over the library API."""
from __future__ import annotations

import json
import sys
from importlib import resources as importlib_resources
from typing import Any

import click

from . import __version__, codebook
from .cli_ingest import MAX_BYTES, run_ingest
from .errors import ConflictscopeError
from .export import acled_row, to_geojson, write_acled_csv, write_jsonl
from .geo import parse_point
from .models import Event
from .query import EventQuery, fuse_stored, select_events
from .cli_learn import eval_cmd, learn_cmd
from .cli_workbench import import_review_cmd, review_cmd, serve_cmd
from .cli_common import DB_HELP, FULL_PARSE_HELP, TIMEOUT_HELP
from .cli_common import fail as _fail
from .terminal import for_terminal, printable

MODEL_HELP = ("A learned model folder (`conflictscope learn`) that proposes events where the rules find none; "
              "default: the folder in the CONFLICTSCOPE_MODEL setting, else none; '' for none.")
PER_REPORT_HELP = ("Each report's own events, not fused across reports (by default an incident several reports "
                   "tell is one event).")
NO_PROPOSALS_HELP = "Leave out events a learned model proposed (flag model-proposed)."


def _store(db: str | None, *, read_only: bool = True):
    """The store at --db: read-only (no lock, no writes) unless the command writes."""
    from .store import Store

    return Store.open(db, read_only=read_only, on_wait=lambda message: click.echo(f"note: {message}", err=True))


def _resources(actors: tuple[str, ...] = (), places: tuple[str, ...] = (), model: str | None = None):
    from .pipeline import Resources

    return Resources.load(actor_files=actors, place_files=places, model=model)



@click.group()
@click.version_option(__version__, prog_name="conflictscope")
def main() -> None:
    """Code conflict reports into ACLED-style events, with the evidence for every value.

    \b
    Example:
      conflictscope ingest reports/ && conflictscope events
    """


# --- ingest -----------------------------------------------------------------------------------

@main.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", default=None, help=DB_HELP)
@click.option("--source", default=None, help="Publisher to record when a report names none.")
@click.option("--published", default=None, help="Publication date (YYYY-MM-DD) when a report gives none.")
@click.option("--actors", "actor_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="A user actor registry file that extends or overrides the shipped one.")
@click.option("--places", "place_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="A user place supplement file (CSV) that extends the gazetteer.")
@click.option("--max-bytes", type=click.IntRange(min=1), default=MAX_BYTES, show_default=True,
              help="Refuse report files larger than this many bytes.")
@click.option("-q", "--quiet", is_flag=True, help="No progress output.")
@click.option("--timeout", type=click.FloatRange(min=0), default=None, help=TIMEOUT_HELP)
@click.option("--model", default=None, help=MODEL_HELP)
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Code reports on this many processes (default: the machine's cores); the results are "
                   "those of one.")
@click.option("--dask", "dask_scheduler", default=None, metavar="SCHEDULER",
              help="Code on a Dask cluster: 'local' for a LocalCluster of --workers processes, else the "
                   "scheduler's address (tcp://HOST:8786); needs the scale extra.")
@click.option("--recode", is_flag=True,
              help="Code every report again, also those stored before unchanged by this coder version.")
@click.option("--full-parse", is_flag=True, help=FULL_PARSE_HELP)
@click.option("--country", default=None, metavar="COUNTRY",
              help="The country the reports are about (its English name or two-letter ISO code), taken as "
                   "evidence where a report does not say which of several namesakes it means.")
def ingest_cmd(paths: tuple[str, ...], db: str | None, source: str | None, published: str | None,
               actor_files: tuple[str, ...], place_files: tuple[str, ...], max_bytes: int, quiet: bool,
               timeout: float | None, model: str | None, workers: int | None, dask_scheduler: str | None,
               recode: bool, full_parse: bool, country: str | None) -> None:
    """Read reports (files, folders, - for stdin), code them and store the events.

    \b
    Example:
      conflictscope ingest ../shared/seeds --db seeds.db --workers 2
    A report stored before with the same text and metadata, by this coder with the shipped data,
    is counted unchanged without coding it again (--recode codes everything).
    Exit code 1 when some reports could not be read or coded, or a folder holds no reports
    (each is listed with the reason; a report that runs past its time budget is one of them, named
    with the stage that ran out); 2 when the store cannot be opened.
    """
    try:
        sys.exit(run_ingest(paths, db, source, published, actor_files, place_files, quiet, max_bytes, timeout,
                            model, workers, recode, dask_scheduler, full_parse, country))
    except ConflictscopeError as exc:
        _fail(exc)


# --- events, show, export ---------------------------------------------------------------------

TABLE_COLUMNS = [("id", 19), ("event_date", 10), ("event_type", 26), ("sub_event_type", 30),
                 ("actor1", 28), ("actor2", 28), ("location", 18), ("fatalities", 4)]


def _table(events: list[Event]) -> str:
    lines = ["  ".join(name[:w].ljust(w) for name, w in TABLE_COLUMNS)]
    for e in events:
        d = e.to_dict()
        cells = []
        for name, w in TABLE_COLUMNS:
            v = d.get(name)
            v = "?" if v in (None, "") and name == "event_date" else printable(v)
            cells.append((v[: w - 1] + "…" if len(v) > w else v).ljust(w))
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def _emit(events: list[Event], fmt: str) -> None:
    out = for_terminal(sys.stdout)
    if fmt == "table":
        click.echo(_table(events))
        click.echo(f"{len(events)} events", err=True)
    elif fmt == "csv":
        written, skipped = write_acled_csv(events, out)
        if skipped:
            click.echo(f"{skipped} undated events left out of the CSV (see --format jsonl)", err=True)
    elif fmt == "jsonl":
        write_jsonl(events, out)
    elif fmt == "json":
        out.write(json.dumps([dict(acled_row(e), evidence_spans=[x.to_dict() for x in e.evidence])
                              for e in events], ensure_ascii=False, indent=1) + "\n")
    elif fmt == "geojson":
        out.write(json.dumps(to_geojson(events), ensure_ascii=False) + "\n")


@main.command("events")
@click.option("--db", default=None, help=DB_HELP)
@click.option("--since", default=None, help="Events on or after this date (YYYY-MM-DD).")
@click.option("--until", default=None, help="Events on or before this date (YYYY-MM-DD).")
@click.option("--type", "event_type", default=None,
              help=f"Event type, any case: {', '.join(codebook.load().type_names)}.")
@click.option("--actor", default=None, help="Actor name (substring).")
@click.option("--place", default=None, help="Location name (substring), or with --near the centre of a radius.")
@click.option("--near", "near_km", type=float, default=None, help="With --place: events within this many km of it.")
@click.option("--source", "source_file", default=None, help="Report file name.")
@click.option("--no-background", is_flag=True, help="Leave out background events.")
@click.option("--text", default=None, help="Words in the notes or the evidence (any case).")
@click.option("--no-model-proposals", is_flag=True, help=NO_PROPOSALS_HELP)
@click.option("--per-report", is_flag=True, help=PER_REPORT_HELP)
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "jsonl", "json", "geojson"]), default="table")
def events_cmd(db: str | None, since: str | None, until: str | None, event_type: str | None,
               actor: str | None, place: str | None, near_km: float | None, source_file: str | None,
               no_background: bool, no_model_proposals: bool, per_report: bool, fmt: str,
               text: str | None = None) -> None:
    """List coded events.

    \b
    Examples:
      conflictscope events --type Battles --format csv > battles.csv
      conflictscope events --place "Abu Kamal" --near 50
    """
    query = EventQuery(since=since, until=until, event_type=event_type, actor=actor, place=place,
                       radius_km=near_km, source=source_file, background=not no_background,
                       model_proposals=not no_model_proposals, text=text)
    try:
        # the centre is found before the store is opened, so a place not found creates no database
        centre = _place_centre(place) if near_km is not None else None
        with _store(db) as store:
            events = select_events(store, query, locate=lambda _name: centre)
            if not per_report:
                events = fuse_stored(store, events).events
        _emit(events, fmt)
    except ConflictscopeError as exc:
        _fail(exc)


def _place_centre(name: str | None) -> tuple[float, float]:
    """The coordinates of a "lat,lon" pair or of a place name (gazetteer), for --near."""
    from .resolve.places import Gazetteer

    if not name:
        raise ConflictscopeError("--near needs --place NAME (or --place LAT,LON) as its centre.")
    point = parse_point(name)
    if point is not None:
        return point
    found = Gazetteer.load().lookup(name)
    if not found:
        raise ConflictscopeError(f"no place matches '{name}'. Try `conflictscope places show {name}` or give LAT,LON.")
    return found[0].lat, found[0].lon


def _highlight(text: str, start: int, end: int, width: int = 160) -> str:
    lo = max(0, start - width // 2)
    hi = min(len(text), end + width // 2)
    def flat(part: str) -> str:
        return printable(part.replace("\n", " "))

    return (("…" if lo else "") + flat(text[lo:start]) + click.style("[[" + flat(text[start:end]) + "]]", bold=True)
            + flat(text[end:hi]) + ("…" if hi < len(text) else ""))


@main.command("show")
@click.argument("event_id")
@click.option("--db", default=None, help=DB_HELP)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def show_cmd(event_id: str, db: str | None, fmt: str) -> None:
    """Show one event: every field, its evidence in the report text, and the coder's reasoning.

    \b
    Example:
      conflictscope show ev-3f2a9c0d1e2b4a5c
    """
    try:
        with _store(db) as store:
            event, fate = _find_event(store, event_id)
            report = store.report(event.report_id)
            claims = store.event_reports(event.id)
            incident = _incident(store, event)
    except ConflictscopeError as exc:
        _fail(exc)
        return
    if fmt == "json":
        for_terminal(sys.stdout).write(json.dumps({"event": event.to_dict(), "reports": claims, **(
            {"asked": event_id, "fate": fate} if fate else {}), **({"incident": incident} if incident else {})},
            ensure_ascii=False, indent=1, default=str) + "\n")
        return
    if fate:
        click.echo(printable(f"event {event_id} is gone: re-coding report {fate.get('report_id')} on {fate.get('at')} "
                             f"made {event.id} its successor; its review decisions moved there."))
    click.echo(click.style(printable(f"{event.id}  {event.event_type} / {event.sub_event_type}"), bold=True))
    d = event.to_dict()
    for name in ["event_date", "time_precision", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2",
                 "inter2", "interaction", "civilian_targeting", "location", "admin1", "admin2", "country",
                 "latitude", "longitude", "geo_precision", "fatalities", "source", "background", "confidence",
                 "status", "coder_version", "source_file"]:
        click.echo(f"  {name:<18} {printable(d.get(name))}")
    if event.flags:
        click.echo(f"  {'flags':<18} {printable(', '.join(event.flags))}")
    click.echo(click.style("evidence", bold=True))
    text = report.text if report else ""
    for ev in event.evidence:
        where = _highlight(text, ev.start, ev.end) if text else printable(ev.text)
        click.echo(printable(f"  {ev.field:<14} {ev.value!s:<32} [{ev.start}:{ev.end}] by {ev.origin}"))
        click.echo(f"      {where}")
    click.echo(click.style("sentence(s)", bold=True))
    click.echo(f"  [{event.evidence_start}:{event.evidence_end}] {printable(event.evidence_text)}")
    click.echo(click.style("reasoning", bold=True))
    for line in event.explanation:
        click.echo(f"  - {printable(line)}")
    if claims:
        click.echo(click.style("reports", bold=True))
        for c in claims:
            click.echo(printable(f"  {c.get('report_id')} {c.get('source_file', '')} fatalities={c.get('fatalities')}"))
    if incident:
        e = incident["event"]
        click.echo(click.style(f"the incident: {len(incident['claims'])} reports, {e['corroboration']} independent "
                               f"origin(s), fatalities {e['fatalities']} ({e['fatalities_low']}-{e['fatalities_high']})",
                               bold=True))
        for c in incident["claims"]:
            copy = f" (copy of {c['copy_of']})" if c["copy_of"] else ""
            click.echo(printable(f"  {c['source_file']}{copy}: {c['event_date']} {c['location']} {c['actor1']} "
                                 f"fatalities={c['fatalities']} [{c['fused_from'][0]}]"))
            click.echo(printable(f"      \"{c['evidence_text'][:200]}\""))


def _incident(store, event: Event) -> dict[str, Any] | None:
    """The fused incident an event belongs to, when several reports tell it: the event and each claim."""
    fusion = fuse_stored(store, store.events(event_type=event.event_type))   # fusion never joins two types
    fused = next((f for f in fusion.events if event.id in f.fused_from), None)
    if fused is None or len(fused.fused_from) < 2:
        return None
    return {"event": fused.to_dict(), "claims": [c.to_dict() for c in fusion.claims if c.id == fused.id]}


def _find_event(store, event_id: str) -> tuple[Event, dict[str, Any] | None]:
    """The event `show` shows (by id or unique prefix; a re-coded event's successor) and its fate."""
    event = store.event(event_id)
    if event is None:
        matches = [e for e in store.events(include_rejected=True) if e.id.startswith(event_id)]
        event = matches[0] if len(matches) == 1 else None
    if event is not None:
        return event, None
    fate = store.event_fate(event_id)
    if fate is not None and fate["action"] == "succeeded" and (found := store.event(fate["successor"])):
        return found, fate
    if fate is not None and fate["action"] == "orphaned":
        chain = f" was succeeded by {' then '.join(fate['via'])}, which" if fate.get("via") else ""
        raise ConflictscopeError(
            f"event {event_id}{chain} is gone and has no successor: {fate.get('reason')} "
            f"({fate.get('at')}). Its review "
            "decisions are orphaned and listed by `conflictscope problems`; list today's events with "
            "`conflictscope events`.")
    raise ConflictscopeError(f"no event with id '{event_id}'. List ids with `conflictscope events`.")


@main.command("export")
@click.option("--db", default=None, help=DB_HELP)
@click.option("--format", "fmt", type=click.Choice(["acled-csv", "jsonl", "geojson"]), default="acled-csv")
@click.option("-o", "--output", default="-", help="Output file (default: standard output).")
@click.option("--no-background", is_flag=True, help="Leave out background events.")
@click.option("--no-model-proposals", is_flag=True, help=NO_PROPOSALS_HELP)
@click.option("--fused", is_flag=True, help="With --format jsonl: one row per fused event, not one per report's claim.")
@click.option("--per-report", is_flag=True, help=PER_REPORT_HELP)
def export_cmd(db: str | None, fmt: str, output: str, no_background: bool, no_model_proposals: bool,
               fused: bool, per_report: bool) -> None:
    """Export events: ACLED's columns plus source_file, report_id, evidence, offsets, confidence, coder version.

    \b
    Example:
      conflictscope export --format acled-csv -o events.csv
    Undated events are left out of the ACLED CSV (it says how many); jsonl keeps them, flagged.
    An incident several reports tell is one event (source_files lists them, corroboration counts
    independent origins); jsonl gives one row per event and report, under the event's id, unless --fused.
    """
    try:
        with _store(db) as store:
            events = store.events(include_background=not no_background, model_proposals=not no_model_proposals)
            if not per_report:
                fusion = fuse_stored(store, events)
                events = fusion.claims if fmt == "jsonl" and not fused else fusion.events
    except ConflictscopeError as exc:
        _fail(exc)
        return
    out = for_terminal(sys.stdout) if output == "-" else open(output, "w", encoding="utf-8", newline="")
    try:
        if fmt == "acled-csv":
            written, skipped = write_acled_csv(events, out)
            click.echo(f"{written} events written; {skipped} undated events left out (ACLED has no undated events)", err=True)
        elif fmt == "jsonl":
            n = write_jsonl(events, out)
            click.echo(f"{n} events written", err=True)
        else:
            collection = to_geojson(events)
            out.write(json.dumps(collection, ensure_ascii=False) + "\n")
            click.echo(f"{len(collection['features'])} events written; {len(events) - len(collection['features'])} "
                       "events without coordinates left out", err=True)
    finally:
        if output != "-":
            out.close()


# --- demo -------------------------------------------------------------------------------------

@main.command("demo")
@click.option("--db", default="conflictscope-demo.db", show_default=True, help=DB_HELP)
@click.option("--serve", "then_serve", is_flag=True, help="Then open the web UI on http://127.0.0.1:8765.")
def demo_cmd(db: str, then_serve: bool) -> None:
    """Ingest the sample reports bundled with conflictscope and print the event table.

    \b
    Example:
      conflictscope demo && conflictscope show <ID> --db conflictscope-demo.db
    """
    samples = importlib_resources.files("conflictscope") / "data" / "samples"
    with importlib_resources.as_file(samples) as folder:
        code = run_ingest([str(folder)], db, None, None, (), (), True)
    try:
        with _store(db) as store:
            events = store.events()
    except ConflictscopeError as exc:
        _fail(exc)
        return
    click.echo(_table(events))
    click.echo(f"\n{len(events)} events from the bundled samples in {db}. "
               f"Try: conflictscope show {events[0].id if events else 'EVENT_ID'} --db {db}")
    if then_serve:
        serve_cmd.callback(db, "127.0.0.1", 8765)
    sys.exit(code)


# --- reference listings -----------------------------------------------------------------------

@main.command("actors")
@click.argument("action", required=False, type=click.Choice(["show"]))
@click.argument("name", required=False)
@click.option("--db", default=None, help=DB_HELP)
@click.option("--unresolved", is_flag=True, help="List organisation-like mentions that matched no actor.")
def actors_cmd(action: str | None, name: str | None, db: str | None, unresolved: bool) -> None:
    """List actors with event counts, or `actors show NAME` for one actor.

    \b
    Example:
      conflictscope actors show IRGC
    """
    from .resolve.actors import ActorRegistry, resolve_actor

    try:
        with _store(db) as store:
            if unresolved:
                _print_unresolved(store)
                return
            counts = dict(store.actor_counts())
            claims = store.affiliations() if action == "show" else []
        if action == "show":
            registry = ActorRegistry.load()
            actor = resolve_actor(name or "", registry) or registry.get(name or "")
            if actor is None:
                _fail(ConflictscopeError(f"no actor matches '{name}'. List them with `conflictscope actors`."))
                return
            click.echo(click.style(printable(actor.name), bold=True) + f"  (inter {actor.inter}, {actor.country or '-'})")
            click.echo(printable(f"  {actor.description}"))
            click.echo(printable(f"  aliases: {', '.join(actor.aliases)}"))
            if actor.parent:
                click.echo(printable(f"  parent: {actor.parent}"))
            for a in actor.affiliations:
                click.echo(printable(f"  {a.relation}: {a.actor} ({a.since or '?'} – {a.until or ''}) [registry]"))
            for report_id, who, a in claims:
                if actor.name in (who, a.actor):
                    click.echo(printable(f"  {who} {a.relation} {a.actor}  [report {report_id}: \"{a.text[:80]}\"]"))
            units = registry.descendants(actor.name)
            if units:
                click.echo(printable(f"  units and affiliates: {', '.join(units[:20])}"))
            click.echo(f"  events: {counts.get(actor.name, 0)}")
            return
        for actor_name, n in sorted(counts.items(), key=lambda kv: -kv[1]):
            click.echo(f"{n:>5}  {printable(actor_name)}")
    except ConflictscopeError as exc:
        _fail(exc)


def _print_unresolved(store) -> None:
    """Organisation-like names no actor matched, most frequent first, with an example sentence."""
    groups: dict[str, list[tuple[str, int, int]]] = {}
    for report_id, m in store.mentions(kind="actor", unresolved_only=True):
        groups.setdefault(m.text, []).append((report_id, m.start, m.end))
    for name, hits in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        report_id, start, end = hits[0]
        report = store.report(report_id)
        example = ""
        if report is not None:
            lo = max(report.text.rfind(".", 0, start) + 1, start - 120)
            hi = report.text.find(".", end)
            example = report.text[lo:hi + 1 if hi != -1 else end + 120].strip().replace("\n", " ")
        click.echo(f"{len(hits):>5}  {printable(name)}")
        click.echo(f"       e.g. {printable(example[:160])}")
    if not groups:
        click.echo("no unresolved organisation-like mentions")


@main.command("places")
@click.argument("action", required=False, type=click.Choice(["show"]))
@click.argument("name", required=False)
@click.option("--db", default=None, help=DB_HELP)
def places_cmd(action: str | None, name: str | None, db: str | None) -> None:
    """List places with event counts, or `places show NAME` for the gazetteer's candidates.

    \b
    Example:
      conflictscope places show "Albu Kamal"
    """
    from .resolve.places import Gazetteer

    try:
        if action == "show":
            gaz = Gazetteer.load()
            for p in gaz.lookup(name or ""):
                click.echo(printable(f"{p.id:<22} {p.name:<28} {p.lat:.4f},{p.lon:.4f}  {p.admin1 or ''} / "
                                     f"{p.admin2 or ''}  {p.country_iso} {p.kind}"))
                if p.alt_names:
                    click.echo(printable(f"{'':<22} also: {', '.join(p.alt_names[:12])}"))
            return
        with _store(db) as store:
            for place, n in store.place_counts():
                click.echo(f"{n:>5}  {printable(place)}")
    except ConflictscopeError as exc:
        _fail(exc)


@main.command("presence")
@click.option("--db", default=None, help=DB_HELP)
def presence_cmd(db: str | None) -> None:
    """List presence statements: actor, place, period and source sentence.

    \b
    Example:
      conflictscope presence
    """
    try:
        with _store(db) as store:
            for p in store.presence():
                click.echo(printable(f"{p.actor:<40} {p.location:<24} {p.period_start or '?':<10}  {p.text[:80]}"))
    except ConflictscopeError as exc:
        _fail(exc)


@main.command("sources")
@click.option("--db", default=None, help=DB_HELP)
def sources_cmd(db: str | None) -> None:
    """List reports with their publisher, publication date (and where it came from) and language.

    \b
    Example:
      conflictscope sources
    """
    try:
        with _store(db) as store:
            for r in store.reports():
                click.echo(f"{printable(r.id)}  {printable(r.source_file):<32} {printable(r.publisher or '-'):<32} "
                           f"{printable(r.published or '?'):<10} ({printable(r.published_origin or 'no trusted date')})"
                           f"  {printable(r.language)}")
    except ConflictscopeError as exc:
        _fail(exc)


@main.command("problems")
@click.option("--db", default=None, help=DB_HELP)
def problems_cmd(db: str | None) -> None:
    """List the problems recorded while ingesting (file, stage, message).

    \b
    Example:
      conflictscope problems
    """
    try:
        with _store(db) as store:
            for p in store.problems():
                click.echo(printable(f"{p.severity}: {p.report} [{p.stage}]: {p.message}"))
    except ConflictscopeError as exc:
        _fail(exc)


main.add_command(serve_cmd)
main.add_command(import_review_cmd)
main.add_command(review_cmd)


main.add_command(learn_cmd)
main.add_command(eval_cmd)

if __name__ == "__main__":
    main()
