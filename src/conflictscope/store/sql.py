"""The store: coded reports in; events, reports, presence, decisions and changes out.

One schema through SQLAlchemy Core, SQLite by default and PostgreSQL by URL. Every report is
saved in one transaction, so a failure leaves nothing of it behind. Machine output is replaced
when a report is re-coded; human decisions are kept apart and applied on top when reading.
"""
from __future__ import annotations

import os
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from alembic.util import CommandError
from sqlalchemy import and_, bindparam, create_engine, delete, event, func, insert, or_, select, text, update
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from conflictscope.errors import StoreError
from conflictscope.models import (
    Affiliation,
    CodedReport,
    Event,
    Evidence,
    Mention,
    Presence,
    Problem,
    Report,
)
from conflictscope.store import migrate, rows
from conflictscope.store.schema import (
    affiliation_claims,
    changes,
    decisions,
    event_claims,
    events,
    evidence,
    mentions,
    presence,
    problems,
    report_sources,
    reports,
    without_nul,
)

DEFAULT_DB = "conflictscope.db"
_WRITE = "conflictscope_write"   # execution option: take SQLite's write lock at BEGIN
_CHUNK = 500                     # ids per IN (...) clause, well under every backend's limit
_SQLITE_BUSY_SECONDS = 30


@dataclass(frozen=True)
class SaveResult:
    """What saving one coded report changed."""

    report_id: str
    new_report: bool
    events_created: int = 0
    events_updated: int = 0
    events_unchanged: int = 0
    events_deleted: int = 0      # events no report claims any more after this re-coding
    skipped: bool = False        # the identical coding was already stored; nothing was written


_UPDATE_EVENT = update(events).where(events.c.id == bindparam("b_id"))
_UPDATE_CLAIM = update(event_claims).where(
    event_claims.c.event_id == bindparam("b_event_id"), event_claims.c.report_id == bindparam("b_report_id"))


def combine_claims(claims: Sequence[Event]) -> Event:
    """The event row for an event claimed by several reports, oldest claim first.

    The first report's values stand; every report keeps its own claim (figures, wording,
    evidence) in `event_claims`. Cross-report fusion (low/best/high fatalities, contradiction
    flags) replaces this rule.
    """
    return claims[0]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _chunks(items: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), _CHUNK):
        yield items[i:i + _CHUNK]


class Store:
    """A conflictscope database. Open with `Store.open(url)`; close, or use as a context manager."""

    def __init__(self, engine: Engine, url: str) -> None:
        self._engine = engine
        self.url = url

    # --- opening -------------------------------------------------------------------------------

    @classmethod
    def open(cls, url: str | None = None) -> Store:
        """Open (creating if needed) the store at `url` and migrate it to the newest schema.

        Args:
            url: None for `conflictscope.db` in the working directory, a file path for a SQLite
                file there, or a database URL (`sqlite:///...`, `postgresql+psycopg://...`).
        """
        database_url = _database_url(url)
        engine = _create_engine(database_url)
        store = cls(engine, database_url)
        try:
            store._migrate()
        except BaseException:
            engine.dispose()
            raise
        return store

    def _migrate(self) -> None:
        shown = _shown(self.url)
        current: str | None = None
        try:
            with self._write() as conn:
                current = migrate.current_revision(conn)
                if current != migrate.head_revision():
                    migrate.upgrade(conn)
        except CommandError as exc:
            raise StoreError(
                f"the database {shown} is at schema revision {current!r}, which this version of "
                f"conflictscope does not know (newest known: {migrate.head_revision()}): {exc}. "
                "You can fix this by upgrading conflictscope, or by passing --db with another database"
            ) from exc
        except SQLAlchemyError as exc:
            if self._engine.dialect.name == "sqlite":
                fix = ("checking that it is a conflictscope database you may write to, or by passing "
                       "--db with a new file path")
            else:
                fix = ("checking that the server is running and that the user, host, port and "
                       "database in the URL are right")
            raise StoreError(f"cannot open the database {shown}: {_reason(exc)}. You can fix this by {fix}") from exc

    def revision(self) -> str | None:
        """The schema revision the database is at."""
        with self._engine.connect() as conn:
            return migrate.current_revision(conn)

    def close(self) -> None:
        """Close every connection to the database."""
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def _write(self) -> _Transaction:
        """A transaction that holds the write lock from its start (SQLite BEGIN IMMEDIATE)."""
        conn = self._engine.connect().execution_options(**{_WRITE: True})
        return _Transaction(conn)

    # --- saving --------------------------------------------------------------------------------

    def has_report(self, report_id: str) -> bool:
        """Whether a report with this id is stored."""
        with self._engine.connect() as conn:
            return conn.execute(select(reports.c.id).where(reports.c.id == report_id)).first() is not None

    def save_coded(self, coded: CodedReport) -> SaveResult:
        """Store a coded report and its events in one transaction; re-saving replaces its output.

        Saving the identical coding again writes nothing. A changed coding replaces the report's
        claims, evidence, mentions, presence and affiliation claims, and logs each event created,
        updated or deleted. Human decisions are never touched.
        """
        report = coded.report
        try:
            with self._write() as conn:
                return self._save(conn, coded, _now())
        except (SQLAlchemyError, OverflowError) as exc:   # OverflowError: SQLite, int over 64 bits
            if isinstance(exc, OperationalError):
                fix = ("You can fix this by retrying once other writers are done ('database is "
                       "locked'), or by checking the database server and the free disk space")
            else:
                fix = ("A value in it does not fit the store (integers are 32-bit). You can fix this "
                       "by reporting the file to the conflictscope developers")
            raise StoreError(
                f"could not save report {report.id} ({report.source_file or report.path or 'no file'}) "
                f"to {_shown(self.url)}: {_reason(exc)}. Nothing of this report was stored. {fix}"
            ) from exc

    def _save(self, conn: Connection, coded: CodedReport, now: str) -> SaveResult:
        report = coded.report
        rid = report.id
        payload = rows.plain(coded)
        digest = rows.coding_hash(payload)
        _lock(conn, [f"report:{rid}"])
        old = conn.execute(select(reports.c.coding_hash).where(reports.c.id == rid)).first()
        unique_events, duplicates = _unique_by_id(coded.events)
        if old is not None and old.coding_hash == digest:
            return SaveResult(rid, new_report=False, events_unchanged=len(unique_events), skipped=True)
        event_dicts: dict[str, dict[str, Any]] = {}
        for e, as_dict in zip(coded.events, payload["events"], strict=True):
            event_dicts.setdefault(e.id, as_dict)
        log: list[dict[str, Any]] = []   # change-log rows, written together at the end

        coder_version = next((e.coder_version for e in unique_events if e.coder_version), "")
        self._write_report(conn, coded, digest, coder_version, now, log, is_new=old is None)
        self._write_mentions(conn, rid, coded.mentions)
        self._write_affiliations(conn, rid, coded.affiliations)
        unique_presence, dup_presence = _unique_by_id(coded.presence)
        self._write_presence(conn, rid, unique_presence, now, log)
        counts = self._write_events(conn, rid, unique_events, event_dicts, now, log)
        self._write_problems(conn, rid, coded.problems, duplicates + dup_presence, now)
        conn.execute(insert(changes), log)
        return SaveResult(rid, new_report=old is None, **counts)

    def _write_report(
        self, conn: Connection, coded: CodedReport, digest: str, coder_version: str, now: str,
        log: list[dict[str, Any]], *, is_new: bool,
    ) -> None:
        report = coded.report
        row = rows.report_row(report, coded.coded, digest, coder_version, now)
        if is_new:
            conn.execute(insert(reports), row)
        else:
            del row["ingested_at"]
            conn.execute(update(reports).where(reports.c.id == report.id).values(**row))
            conn.execute(delete(report_sources).where(report_sources.c.report_id == report.id))
        if report.sources:
            conn.execute(
                insert(report_sources),
                [rows.source_row(report.id, i, s) for i, s in enumerate(report.sources)],
            )
        log.append(_change(now, "report", report.id, "created" if is_new else "updated",
                           {"source_file": report.source_file, "coder_version": coder_version}))

    def _write_mentions(self, conn: Connection, rid: str, items: list[Mention]) -> None:
        conn.execute(delete(mentions).where(mentions.c.report_id == rid))
        if items:
            conn.execute(insert(mentions), [rows.mention_row(rid, i, m) for i, m in enumerate(items)])

    def _write_affiliations(self, conn: Connection, rid: str, items: list[tuple[str, Affiliation]]) -> None:
        conn.execute(delete(affiliation_claims).where(affiliation_claims.c.report_id == rid))
        if items:
            conn.execute(
                insert(affiliation_claims),
                [rows.affiliation_row(rid, i, actor, a) for i, (actor, a) in enumerate(items)],
            )

    def _write_presence(
        self, conn: Connection, rid: str, items: list[Presence], now: str, log: list[dict[str, Any]]
    ) -> None:
        old = {
            r.id: rows.presence_row(rid, 0, rows.presence_from_row(r))
            for r in conn.execute(select(presence).where(presence.c.report_id == rid))
        }
        new = {p.id: {k: without_nul(v) for k, v in rows.presence_row(rid, 0, p).items()} for p in items}
        for pid in sorted(old.keys() | new.keys()):
            if pid not in new:
                log.append(_change(now, "presence", pid, "deleted", {"report_id": rid}))
            elif pid not in old:
                log.append(_change(now, "presence", pid, "created", {"report_id": rid}))
            elif old[pid] != new[pid]:
                log.append(_change(now, "presence", pid, "updated",
                                   {"report_id": rid, "fields": _diff(old[pid], new[pid])}))
        conn.execute(delete(presence).where(presence.c.report_id == rid))
        if items:
            conn.execute(insert(presence), [rows.presence_row(rid, i, p) for i, p in enumerate(items)])

    def _write_events(
        self, conn: Connection, rid: str, items: list[Event], event_dicts: dict[str, dict[str, Any]],
        now: str, log: list[dict[str, Any]],
    ) -> dict[str, int]:
        new_claims = {e.id: e for e in items}
        old_ids = {
            r.event_id
            for r in conn.execute(select(event_claims.c.event_id).where(event_claims.c.report_id == rid))
        }
        affected = sorted(old_ids | new_claims.keys())
        _lock(conn, [f"event:{eid}" for eid in affected])
        claims_by_event: dict[str, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
        existing: dict[str, Any] = {}
        for chunk in _chunks(affected):
            query = select(event_claims.c.event_id, event_claims.c.report_id, event_claims.c.coded)
            for r in conn.execute(query.where(event_claims.c.event_id.in_(chunk)).order_by(event_claims.c.id)):
                claims_by_event[r.event_id].append((r.report_id, r.coded))
            for r in conn.execute(select(events).where(events.c.id.in_(chunk))):
                existing[r.id] = r

        counts = Counter[str]()
        writes: dict[str, list[dict[str, Any]]] = {"insert": [], "update": [], "mark_deleted": []}
        changed_claims: list[str] = []
        for eid in affected:
            own_old: dict[str, Any] | None = None
            combined: list[Event] = []
            for report_id, coded in claims_by_event.get(eid, []):
                if report_id != rid:
                    combined.append(Event.from_dict(coded))
                    continue
                own_old = coded
                if eid in new_claims:
                    combined.append(new_claims[eid])   # keeps its place in claim order
            if eid in new_claims and own_old is None:
                combined.append(new_claims[eid])
            own_new = event_dicts.get(eid)
            if own_new is None:
                claim = "withdrawn"
            elif own_old is None:
                claim = "added"
            else:
                claim = "changed" if own_old != own_new else "same"
            if claim in ("added", "changed"):
                changed_claims.append(eid)
            counts[self._write_event(eid, combined, existing.get(eid), claim, rid, now, log, writes)] += 1
        if writes["insert"]:
            conn.execute(insert(events), writes["insert"])
        if writes["update"]:
            conn.execute(_UPDATE_EVENT, writes["update"])
        if writes["mark_deleted"]:
            conn.execute(_UPDATE_EVENT, writes["mark_deleted"])

        if old_ids - new_claims.keys():
            gone = sorted(old_ids - new_claims.keys())
            for chunk in _chunks(gone):
                conn.execute(delete(evidence).where(evidence.c.report_id == rid, evidence.c.event_id.in_(chunk)))
                conn.execute(delete(event_claims).where(
                    event_claims.c.report_id == rid, event_claims.c.event_id.in_(chunk)))
        for chunk in _chunks(changed_claims):
            conn.execute(delete(evidence).where(evidence.c.report_id == rid, evidence.c.event_id.in_(chunk)))
        claim_rows_new, claim_rows_update, evidence_rows = [], [], []
        for eid in changed_claims:
            e = new_claims[eid]
            row = rows.claim_row(e, event_dicts[eid], rid, now)
            if eid in old_ids:
                del row["first_seen"], row["event_id"], row["report_id"]
                claim_rows_update.append({**row, "b_event_id": eid, "b_report_id": rid})
            else:
                claim_rows_new.append(row)
            evidence_rows.extend(rows.evidence_row(eid, rid, i, ev) for i, ev in enumerate(e.evidence))
        if claim_rows_new:
            conn.execute(insert(event_claims), claim_rows_new)
        if claim_rows_update:
            conn.execute(_UPDATE_CLAIM, claim_rows_update)
        if evidence_rows:
            conn.execute(insert(evidence), evidence_rows)
        return {
            "events_created": counts["created"],
            "events_updated": counts["updated"],
            "events_unchanged": counts["unchanged"],
            "events_deleted": counts["deleted"],
        }

    def _write_event(
        self, eid: str, claims: list[Event], old: Any, claim: str, rid: str, now: str,
        log: list[dict[str, Any]], writes: dict[str, list[dict[str, Any]]],
    ) -> str:
        """Plan the write of one event row from its claims, log it, and name the action."""
        if not claims:
            if old is None or old.deleted_at is not None:
                return "unchanged"
            writes["mark_deleted"].append({"b_id": eid, "deleted_at": now, "updated_at": now})
            log.append(_change(now, "event", eid, "deleted", {"report_id": rid}))
            return "deleted"
        row = {k: without_nul(v) for k, v in rows.event_row(combine_claims(claims)).items()}
        if old is None:
            writes["insert"].append({**row, "first_seen": now, "updated_at": now, "deleted_at": None})
            log.append(_change(now, "event", eid, "created", {"report_id": rid}))
            return "created"
        old_row = {k: getattr(old, k) for k in row}
        as_update = {**row, "b_id": eid, "updated_at": now, "deleted_at": None}
        del as_update["id"]
        if old.deleted_at is not None:
            writes["update"].append(as_update)
            log.append(_change(now, "event", eid, "created", {"report_id": rid, "restored": True}))
            return "created"
        if claim == "same" and old_row == row:
            return "unchanged"
        fields = _diff(old_row, row)
        writes["update"].append(as_update)
        detail: dict[str, Any] = {"report_id": rid, "fields": fields, "claim": claim}
        log.append(_change(now, "event", eid, "updated", detail))
        return "updated"

    def _write_problems(
        self, conn: Connection, rid: str, items: list[Problem], store_notes: list[str], now: str
    ) -> None:
        conn.execute(delete(problems).where(problems.c.report_id == rid))
        found = list(items) + [
            Problem(report=rid, stage="store", severity="warning", message=(
                f"the coder produced more than one record with id {dup}; the store kept the first. "
                "You can fix this by reporting the report to the coder's maintainers"))
            for dup in store_notes
        ]
        if found:
            conn.execute(insert(problems), [
                {"report_id": rid, **p.to_dict(), "at": now} for p in found
            ])

    def record_problem(self, problem: Problem) -> None:
        """Store a problem met outside a coded report (a file that could not be read, say).

        A problem already stored with the same report, stage, message and severity (the same bad
        file ingested again, or one `save_coded` stored with its report) is not stored twice.
        """
        same = select(problems.c.id).where(
            problems.c.report == problem.report, problems.c.stage == problem.stage,
            problems.c.message == problem.message, problems.c.severity == problem.severity,
        )
        try:
            with self._write() as conn:
                if conn.execute(same.limit(1)).first() is None:
                    conn.execute(insert(problems), {"report_id": None, **problem.to_dict(), "at": _now()})
        except SQLAlchemyError as exc:
            raise StoreError(
                f"could not record a problem with {problem.report} in {_shown(self.url)}: "
                f"{_reason(exc)}. You can fix this by retrying once other writers are done"
            ) from exc

    def problems(self, report: str | None = None) -> list[Problem]:
        """Problems recorded, oldest first; `report` keeps those of one file or report id."""
        query = select(problems).order_by(problems.c.id)
        if report is not None:
            query = query.where(or_(problems.c.report == report, problems.c.report_id == report))
        with self._engine.connect() as conn:
            return [Problem(report=r.report, stage=r.stage, message=r.message, severity=r.severity)
                    for r in conn.execute(query)]

    # --- events --------------------------------------------------------------------------------

    def events(
        self,
        *,
        since: str | None = None,
        until: str | None = None,
        event_type: str | None = None,
        actor: str | None = None,
        place: str | None = None,
        source_file: str | None = None,
        include_background: bool = True,
        include_rejected: bool = False,
        limit: int | None = None,
    ) -> list[Event]:
        """Events with evidence and human decisions applied, by date (undated last), then id.

        Args:
            since, until: ISO dates, inclusive; a prefix ("2024-03") covers the whole month.
            event_type: ACLED event type, any case.
            actor: part of a name in actor1, actor2 or the associated actors, any case.
            place: part of the location or an admin name, any case, or a place id.
            source_file: events claimed by a report from this file.
            include_rejected: also events a reviewer rejected or merged into another.
        """
        filters = _EventFilter(since, until, event_type, actor, place, include_background)
        sql_filters = filters.sql()
        query = select(events).where(events.c.deleted_at.is_(None))
        if source_file is not None:   # not editable, so never re-checked below
            claimed = select(event_claims.c.event_id).where(event_claims.c.source_file == source_file)
            query = query.where(or_(events.c.source_file == source_file, events.c.id.in_(claimed)))
        if sql_filters:
            # An edit may move an event into the filter, so edited events are re-checked below.
            edited = select(decisions.c.event_id).where(decisions.c.action == "edit")
            query = query.where(or_(and_(*sql_filters), events.c.id.in_(edited)))
        query = query.order_by(events.c.event_date.is_(None), events.c.event_date, events.c.id)
        found: list[Event] = []
        with self._engine.connect() as conn:
            # Rows come in partitions so memory stays flat however many events match.
            for chunk in conn.execution_options(yield_per=_CHUNK).execute(query).partitions():
                for e in self._assemble(conn, chunk):
                    if not include_rejected and e.status in rows.HIDDEN_STATUSES:
                        continue
                    if not filters.matches(e):
                        continue
                    found.append(e)
                    if limit is not None and len(found) >= limit:
                        return found
        return found

    def event(self, event_id: str, *, include_deleted: bool = False) -> Event | None:
        """One event with evidence and decisions applied, rejected ones included.

        An event no report claims any more is None, or with `include_deleted` comes back with
        status "deleted".
        """
        with self._engine.connect() as conn:
            row = conn.execute(select(events).where(events.c.id == event_id)).first()
            if row is None or (row.deleted_at is not None and not include_deleted):
                return None
            found = self._assemble(conn, [row])[0]
        if row.deleted_at is not None:
            found.status = "deleted"
        return found

    def _assemble(self, conn: Connection, event_rows: Sequence[Any]) -> list[Event]:
        """Events from their rows, with evidence (claim order) and decisions (oldest first)."""
        ids = [r.id for r in event_rows]
        by_event: dict[str, list[Evidence]] = defaultdict(list)
        ev_query = (
            select(evidence)
            .join(event_claims, and_(event_claims.c.event_id == evidence.c.event_id,
                                     event_claims.c.report_id == evidence.c.report_id))
            .where(evidence.c.event_id.in_(ids))
            .order_by(event_claims.c.id, evidence.c.position)
        )
        for r in conn.execute(ev_query):
            by_event[r.event_id].append(rows.evidence_from_row(r))
        decided: dict[str, list[Any]] = defaultdict(list)
        for r in conn.execute(select(decisions).where(decisions.c.event_id.in_(ids)).order_by(decisions.c.id)):
            decided[r.event_id].append(r)
        return [rows.apply_decisions(rows.event_from_row(r, by_event.get(r.id, [])), decided.get(r.id, []))
                for r in event_rows]

    def event_reports(self, event_id: str) -> list[dict[str, Any]]:
        """Each report's own claim about an event, first (primary) claim first."""
        query = (
            select(event_claims, reports.c.title, reports.c.url, reports.c.publisher, reports.c.published)
            .join(reports, reports.c.id == event_claims.c.report_id)
            .where(event_claims.c.event_id == event_id)
            .order_by(event_claims.c.id)
        )
        with self._engine.connect() as conn:
            found = []
            for i, r in enumerate(conn.execute(query)):
                found.append({
                    "report_id": r.report_id, "source_file": r.source_file, "title": r.title,
                    "url": r.url, "publisher": r.publisher, "published": r.published,
                    "fatalities": r.fatalities, "evidence_text": r.evidence_text,
                    "evidence_start": r.evidence_start, "evidence_end": r.evidence_end,
                    "coder_version": r.coder_version, "first_seen": r.first_seen,
                    "updated_at": r.updated_at, "primary": i == 0,
                })
            return found

    def actor_counts(self) -> list[tuple[str, int]]:
        """Events per actor (actor1, actor2 or associated), most first; reviewed values count."""
        counts: Counter[str] = Counter()
        for e in self.events():
            names = {e.actor1, e.actor2}
            for assoc in (e.assoc_actor_1, e.assoc_actor_2):
                names.update(n.strip() for n in assoc.split(";"))
            counts.update(n for n in names if n)
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))

    def place_counts(self) -> list[tuple[str, int]]:
        """Events per location name, most first; reviewed values count."""
        counts = Counter(e.location for e in self.events() if e.location)
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))

    # --- reports, presence, mentions -----------------------------------------------------------

    def report(self, report_id: str) -> Report | None:
        """One report with its text, sources, blocks and date hints."""
        with self._engine.connect() as conn:
            row = conn.execute(select(reports).where(reports.c.id == report_id)).first()
            if row is None:
                return None
            return rows.report_from_row(row, self._sources(conn, [report_id])[report_id])

    def reports(self) -> list[Report]:
        """Every report with its sources but without its text, in the order they were stored."""
        columns = [c for c in reports.c if c.name != "text"]
        with self._engine.connect() as conn:
            report_rows = list(conn.execute(select(*columns).order_by(reports.c.ingested_at, reports.c.id)))
            found = []
            for chunk in _chunks(report_rows):
                sources = self._sources(conn, [r.id for r in chunk])
                found.extend(rows.report_from_row(r, sources[r.id], with_text=False) for r in chunk)
            return found

    def _sources(self, conn: Connection, report_ids: list[str]) -> dict[str, list[Any]]:
        found: dict[str, list[Any]] = {rid: [] for rid in report_ids}
        query = (select(report_sources).where(report_sources.c.report_id.in_(report_ids))
                 .order_by(report_sources.c.report_id, report_sources.c.position))
        for r in conn.execute(query):
            found[r.report_id].append(rows.source_from_row(r))
        return found

    def report_count(self) -> int:
        """How many reports are stored."""
        with self._engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(reports)).scalar_one()

    def presence(self, *, actor: str | None = None) -> list[Presence]:
        """Presence statements, by actor then report; `actor` keeps one actor (exact name)."""
        query = select(presence).order_by(presence.c.actor, presence.c.report_id, presence.c.position)
        if actor is not None:
            query = query.where(presence.c.actor == actor)
        with self._engine.connect() as conn:
            return [rows.presence_from_row(r) for r in conn.execute(query)]

    def mentions(
        self, kind: str | None = None, unresolved_only: bool = False, *, report_id: str | None = None
    ) -> list[tuple[str, Mention]]:
        """(report id, mention) pairs in text order; `unresolved_only` keeps those not resolved."""
        query = select(mentions).order_by(mentions.c.report_id, mentions.c.position)
        if kind is not None:
            query = query.where(mentions.c.kind == kind)
        if unresolved_only:
            query = query.where(or_(mentions.c.resolved.is_(None), mentions.c.resolved == ""))
        if report_id is not None:
            query = query.where(mentions.c.report_id == report_id)
        with self._engine.connect() as conn:
            return [(r.report_id, rows.mention_from_row(r)) for r in conn.execute(query)]

    def affiliations(self, actor: str | None = None) -> list[tuple[str, str, Affiliation]]:
        """(report id, actor, affiliation) claims made by reports; `actor` matches either side."""
        query = select(affiliation_claims).order_by(affiliation_claims.c.report_id, affiliation_claims.c.position)
        if actor is not None:
            query = query.where(or_(affiliation_claims.c.actor == actor, affiliation_claims.c.other_actor == actor))
        with self._engine.connect() as conn:
            return [(r.report_id, *rows.affiliation_from_row(r)) for r in conn.execute(query)]

    # --- decisions and changes -----------------------------------------------------------------

    def add_decision(
        self, event_id: str, action: str, *, field: str | None = None, value: Any = None,
        note: str = "", who: str = "",
    ) -> int:
        """Record a reviewer's decision about an event and return its id.

        Args:
            action: accept | edit | reject | merge | split. `edit` needs `field` and `value`
                (converted to the field's type); `merge` takes the id of the event it merges
                into as `value`.
        """
        if action not in rows.DECISION_ACTIONS:
            raise StoreError(
                f"unknown decision {action!r} for event {event_id}. You can fix this by using one "
                f"of: {', '.join(rows.DECISION_ACTIONS)}"
            )
        if action == "edit":
            value = rows.coerce_edit(event_id, field, value)
        now = _now()
        try:
            with self._write() as conn:
                row = conn.execute(select(events.c.id, events.c.deleted_at).where(events.c.id == event_id)).first()
                if row is None or row.deleted_at is not None:
                    raise StoreError(
                        f"no event {event_id} in {_shown(self.url)}. You can fix this by choosing an "
                        "id from `conflictscope events`"
                    )
                decision_id = conn.execute(insert(decisions).values(
                    event_id=event_id, action=action, field=field, value=value, note=note, who=who, at=now,
                )).inserted_primary_key[0]
                conn.execute(insert(changes), _change(
                    now, "event", event_id, "deleted" if action in ("reject", "merge") else "updated",
                    {"decision_id": decision_id, "action": action, "field": field, "value": value, "who": who}))
                return int(decision_id)
        except SQLAlchemyError as exc:
            raise StoreError(
                f"could not record the {action} decision on event {event_id}: {_reason(exc)}. "
                "You can fix this by retrying once other writers are done"
            ) from exc

    def decisions(self, event_id: str | None = None) -> list[dict[str, Any]]:
        """Decisions, oldest first; `event_id` keeps those about one event."""
        query = select(decisions).order_by(decisions.c.id)
        if event_id is not None:
            query = query.where(decisions.c.event_id == event_id)
        with self._engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]

    def orphaned_decisions(self) -> list[dict[str, Any]]:
        """Decisions about events that no report produces any more (after re-coding)."""
        live = select(events.c.id).where(events.c.deleted_at.is_(None))
        query = select(decisions).where(decisions.c.event_id.not_in(live)).order_by(decisions.c.id)
        with self._engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]

    def changes(self, since: str | None = None, *, entity: str | None = None) -> list[dict[str, Any]]:
        """The change log, oldest first; `since` is an ISO date or time (inclusive).

        Entities are "report", "event" (machine output and decisions) and "presence"; actions are
        created, updated, deleted.
        """
        query = select(changes).order_by(changes.c.id)
        if since is not None:
            query = query.where(changes.c.at >= since)
        if entity is not None:
            query = query.where(changes.c.entity == entity)
        with self._engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]


# --- helpers ------------------------------------------------------------------------------------

class _Transaction:
    """Context manager: a connection in a transaction, committed on success, closed always."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def __enter__(self) -> Connection:
        try:
            self._conn.begin()
        except BaseException:
            self._conn.close()
            raise
        return self._conn

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        try:
            if exc_type is None:
                self._conn.commit()
            else:
                self._conn.rollback()
        finally:
            self._conn.close()


@dataclass(frozen=True)
class _EventFilter:
    since: str | None
    until: str | None
    event_type: str | None
    actor: str | None
    place: str | None
    include_background: bool

    def sql(self) -> list[Any]:
        found: list[Any] = []
        if self.since is not None:
            found.append(events.c.event_date >= self.since)
        if self.until is not None:
            found.append(events.c.event_date <= self.until + "~")
        if self.event_type is not None:
            found.append(func.lower(events.c.event_type) == self.event_type.lower())
        if self.actor is not None:
            needle = self.actor.lower()
            found.append(or_(*(func.lower(c).contains(needle, autoescape=True) for c in (
                events.c.actor1, events.c.actor2, events.c.assoc_actor_1, events.c.assoc_actor_2))))
        if self.place is not None:
            needle = self.place.lower()
            found.append(or_(events.c.place_id == self.place, *(
                func.lower(c).contains(needle, autoescape=True) for c in (
                    events.c.location, events.c.admin1, events.c.admin2, events.c.admin3))))
        if not self.include_background:
            found.append(events.c.background.is_(False))
        return found

    def matches(self, e: Event) -> bool:
        """The same test in Python, for events whose values a reviewer edited."""
        if self.since is not None and (e.event_date is None or e.event_date < self.since):
            return False
        if self.until is not None and (e.event_date is None or e.event_date > self.until + "~"):
            return False
        if self.event_type is not None and e.event_type.lower() != self.event_type.lower():
            return False
        if self.actor is not None:
            needle = self.actor.lower()
            if not any(needle in v.lower() for v in (e.actor1, e.actor2, e.assoc_actor_1, e.assoc_actor_2)):
                return False
        if self.place is not None:
            needle = self.place.lower()
            if e.place_id != self.place and not any(
                    needle in v.lower() for v in (e.location, e.admin1, e.admin2, e.admin3)):
                return False
        return self.include_background or not e.background


def _lock(conn: Connection, keys: list[str]) -> None:
    """Hold these keys until the transaction ends, so writers of shared events take turns.

    SQLite needs nothing: a writer holds the whole database from BEGIN IMMEDIATE. PostgreSQL
    gets transaction-scoped advisory locks, taken in sorted order so that writers cannot deadlock.
    """
    if conn.dialect.name != "postgresql":
        return
    for key in sorted(keys):
        conn.execute(_PG_LOCK, {"key": key})


_PG_LOCK = text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))")


def _change(at: str, entity: str, entity_id: str, action: str, detail: dict[str, Any]) -> dict[str, Any]:
    """A row of the change log."""
    return {"at": at, "entity": entity, "entity_id": entity_id, "action": action, "detail": detail}


def _diff(old: dict[str, Any], new: dict[str, Any]) -> dict[str, list[Any]]:
    return {k: [old.get(k), v] for k, v in new.items() if old.get(k) != v}


def _unique_by_id(items: Iterable[Any]) -> tuple[list[Any], list[str]]:
    """Items with the first of each id kept, and the ids that came more than once."""
    seen: set[str] = set()
    kept, repeated = [], []
    for item in items:
        if item.id in seen:
            repeated.append(item.id)
            continue
        seen.add(item.id)
        kept.append(item)
    return kept, repeated


def _reason(exc: Exception) -> str:
    return str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]


def _shown(url: str) -> str:
    """A URL fit for messages: the password hidden, a SQLite file as its path."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return parsed.database or ":memory:"
    return parsed.render_as_string(hide_password=True)


def _database_url(url: str | None) -> str:
    """The database URL for `--db`: a default file, a path, or a URL as given."""
    if url is None:
        return "sqlite:///" + str(_checked_sqlite_path(Path(DEFAULT_DB)))
    if url.startswith("postgres://"):   # the spelling many hosting services hand out
        url = "postgresql://" + url.removeprefix("postgres://")
    if "://" not in url:
        return "sqlite:///" + str(_checked_sqlite_path(Path(url)))
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(
            f"{url!r} is not a database URL: {exc}. You can fix this by passing a file path or a "
            "URL such as sqlite:///conflictscope.db or postgresql+psycopg://user@host/dbname"
        ) from exc
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        _checked_sqlite_path(Path(parsed.database))
    if parsed.drivername in ("postgresql", "postgres"):
        # the driver the `postgres` extra installs, rather than SQLAlchemy's default psycopg2
        return parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    return url


def _checked_sqlite_path(path: Path) -> Path:
    path = path.expanduser().resolve()
    folder = path.parent
    if path.is_dir():
        raise StoreError(
            f"cannot open the store at {path}: it is a folder, not a database file. You can fix "
            f"this by passing --db with a file path such as {path / DEFAULT_DB}"
        )
    if not folder.is_dir():
        raise StoreError(
            f"cannot open the store at {path}: the folder {folder} does not exist. You can fix "
            f"this by creating it (mkdir -p {folder}) or by passing --db with another path"
        )
    writable = os.access(path, os.W_OK) if path.exists() else os.access(folder, os.W_OK)
    if not writable:
        raise StoreError(
            f"cannot open the store at {path}: {'the file' if path.exists() else 'the folder ' + str(folder)} "
            "is not writable. You can fix this by changing its permissions or by passing --db with "
            "a path you may write to"
        )
    return path


def _create_engine(url: str) -> Engine:
    parsed = make_url(url)
    try:
        if parsed.get_backend_name() != "sqlite":
            return create_engine(parsed, pool_pre_ping=True)
        in_memory = parsed.database in (None, "", ":memory:")
        engine = create_engine(
            parsed,
            # the pool hands a connection to one thread at a time, so sharing across threads is safe
            connect_args={"timeout": _SQLITE_BUSY_SECONDS, "check_same_thread": False},
            **({"poolclass": StaticPool} if in_memory else {}),
        )
    except (NoSuchModuleError, ImportError) as exc:
        raise StoreError(
            f"the database driver for {_shown(url)} is not installed ({exc}). You can fix this by "
            "installing it: pip install 'conflictscope[postgres]' for PostgreSQL"
        ) from exc

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, _record: Any) -> None:
        # We issue BEGIN ourselves (below) so that writers can take the lock up front.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        if not in_memory:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(_WRITE) else "BEGIN")

    return engine
