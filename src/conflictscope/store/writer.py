"""Saving coded reports: one transaction per report, machine output replaced, changes logged.

A re-coded report replaces its claims, evidence, mentions, presence and affiliation claims; an
event row is the combination of every report's claim on it (`combine_claims`). Human decisions
are never touched here.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, delete, insert, or_, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from conflictscope.errors import StoreError
from conflictscope.ingest.identity import content_hash, legacy_report_id
from conflictscope.models import Affiliation, CodedReport, Event, Mention, Presence, Problem, Report
from conflictscope.store import rows
from conflictscope.store.engine import Database, chunks, lock, now, reason, shown
from conflictscope.store.rows import change_row
from conflictscope.store.succession import carry_decisions, release_orphans
from conflictscope.store.schema import (
    affiliation_claims,
    changes,
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

_UPDATE_EVENT = update(events).where(events.c.id == bindparam("b_id"))
_UPDATE_CLAIM = update(event_claims).where(
    event_claims.c.event_id == bindparam("b_event_id"), event_claims.c.report_id == bindparam("b_report_id"))

Log = list[dict[str, Any]]   # change-log rows, written together at the end of a save


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
    decisions_moved: int = 0     # review decisions carried to the events that succeed theirs
    orphaned: tuple[Problem, ...] = ()   # events with decisions and no successor, one problem each


def combine_claims(claims: Sequence[Event]) -> Event:
    """The event row for an event claimed by several reports, oldest claim first.

    The first report's values stand; every report keeps its own claim (figures, wording,
    evidence) in `event_claims`. Cross-report fusion (low/best/high fatalities, contradiction
    flags) replaces this rule.
    """
    return claims[0]


class Writer(Database):
    """The store's writes: coded reports and problems."""

    _legacy_rows: bool | None = None   # whether rows stored before schema 0002 wait to be adopted

    def save_coded(self, coded: CodedReport) -> SaveResult:
        """Store a coded report and its events in one transaction; re-saving replaces its output.

        Saving the identical coding again writes nothing. A changed coding replaces the report's
        claims, evidence, mentions, presence and affiliation claims, and logs each event created,
        updated or deleted. Human decisions are never touched.
        """
        report = coded.report
        try:
            with self._write() as conn:
                return self._save(conn, coded, now())
        except (SQLAlchemyError, OverflowError) as exc:   # OverflowError: SQLite, int over 64 bits
            if isinstance(exc, OperationalError):
                fix = ("You can fix this by retrying once other writers are done ('database is "
                       "locked'), or by checking the database server and the free disk space")
            else:
                fix = ("A value in it does not fit the store (integers are 32-bit). You can fix this "
                       "by reporting the file to the conflictscope developers")
            raise StoreError(
                f"could not save report {report.id} ({report.source_file or report.path or 'no file'}) "
                f"to {shown(self.url)}: {reason(exc)}. Nothing of this report was stored. {fix}"
            ) from exc

    def is_current(self, report: Report) -> bool:
        """Whether the report is stored, coded, with the same text, publication date and publisher,
        by this coder version: coding it again with the shipped data would change nothing."""
        from conflictscope import CODER_VERSION

        query = select(reports.c.content_hash, reports.c.coder_version, reports.c.published, reports.c.publisher,
                       reports.c.coded, reports.c.identity).where(reports.c.id == report.id)
        with self._engine.connect() as conn:
            row = conn.execute(query).first()
        return (row is not None and row.coded and row.coder_version == CODER_VERSION
                and row.identity == report.identity   # a row stored before identities is adopted by saving it
                and row.content_hash == content_hash(report.text)
                and row.published == report.published and row.publisher == report.publisher)

    def stored_id(self, report: Report) -> str:
        """The id this report has in the store: the one its identity gives, or that of the row it adopts.

        A row stored before reports had an identity (schema 0002) is adopted when it has the id
        the report's URL or text gave it then, or the same path and file name; its id is kept so
        that its events and their decisions keep theirs.
        """
        if not report.identity:
            return report.id
        query = select(reports.c.id).where(or_(reports.c.id == report.id, reports.c.identity == report.identity))
        legacy = select(reports.c.id).where(reports.c.identity.is_(None), or_(
            reports.c.id == legacy_report_id(report.url, report.text),
            (reports.c.path == report.path) & (reports.c.source_file == report.source_file)))
        with self._engine.connect() as conn:
            found = conn.execute(query.order_by(reports.c.id != report.id).limit(1)).first()
            if found is None and self._legacy_rows is not False:
                found = conn.execute(legacy.order_by(reports.c.id).limit(1)).first()
                if found is None and self._legacy_rows is None:   # asked once: stores made after 0002 have none
                    self._legacy_rows = conn.execute(
                        select(reports.c.id).where(reports.c.identity.is_(None)).limit(1)).first() is not None
        return found.id if found is not None else report.id

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
                    conn.execute(insert(problems), {"report_id": None, **problem.to_dict(), "at": now()})
        except SQLAlchemyError as exc:
            raise StoreError(
                f"could not record a problem with {problem.report} in {shown(self.url)}: "
                f"{reason(exc)}. You can fix this by retrying once other writers are done"
            ) from exc

    def _save(self, conn: Connection, coded: CodedReport, at: str) -> SaveResult:
        report = coded.report
        rid = report.id
        payload = rows.plain(coded)
        digest = rows.coding_hash(payload)
        lock(conn, [f"report:{rid}"])
        old = conn.execute(select(reports.c.coding_hash).where(reports.c.id == rid)).first()
        unique_events, duplicates = _unique_by_id(coded.events)
        if old is not None and old.coding_hash == digest:
            return SaveResult(rid, new_report=False, events_unchanged=len(unique_events), skipped=True)
        event_dicts: dict[str, dict[str, Any]] = {}
        for e, as_dict in zip(coded.events, payload["events"], strict=True):
            event_dicts.setdefault(e.id, as_dict)
        log: Log = []

        coder_version = next((e.coder_version for e in unique_events if e.coder_version), "")
        self._write_report(conn, coded, digest, coder_version, at, log, is_new=old is None)
        self._write_mentions(conn, rid, coded.mentions)
        self._write_affiliations(conn, rid, coded.affiliations)
        unique_presence, dup_presence = _unique_by_id(coded.presence)
        self._write_presence(conn, rid, unique_presence, at, log)
        counts, gone, fresh = self._write_events(conn, rid, unique_events, event_dicts, at, log)
        carried = carry_decisions(conn, rid, report.source_file, gone, fresh, at, log)
        release_orphans(conn, [c["entity_id"] for c in log
                               if c["entity"] == "event" and c["detail"].get("restored")])
        self._write_problems(conn, rid, coded.problems, duplicates + dup_presence, at)
        conn.execute(insert(changes), log)
        return SaveResult(rid, new_report=old is None, **counts, decisions_moved=carried.moved,
                          orphaned=carried.orphaned)

    def _write_report(
        self, conn: Connection, coded: CodedReport, digest: str, coder_version: str, at: str,
        log: Log, *, is_new: bool,
    ) -> None:
        report = coded.report
        row = rows.report_row(report, coded.coded, digest, coder_version, at)
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
        log.append(change_row(at, "report", report.id, "created" if is_new else "updated",
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

    def _write_presence(self, conn: Connection, rid: str, items: list[Presence], at: str, log: Log) -> None:
        old = {
            r.id: rows.presence_row(rid, 0, rows.presence_from_row(r))
            for r in conn.execute(select(presence).where(presence.c.report_id == rid))
        }
        new = {p.id: {k: without_nul(v) for k, v in rows.presence_row(rid, 0, p).items()} for p in items}
        for pid in sorted(old.keys() | new.keys()):
            if pid not in new:
                log.append(change_row(at, "presence", pid, "deleted", {"report_id": rid}))
            elif pid not in old:
                log.append(change_row(at, "presence", pid, "created", {"report_id": rid}))
            elif old[pid] != new[pid]:
                log.append(change_row(at, "presence", pid, "updated",
                                      {"report_id": rid, "fields": _diff(old[pid], new[pid])}))
        conn.execute(delete(presence).where(presence.c.report_id == rid))
        if items:
            conn.execute(insert(presence), [rows.presence_row(rid, i, p) for i, p in enumerate(items)])

    def _write_events(
        self, conn: Connection, rid: str, items: list[Event], event_dicts: dict[str, dict[str, Any]],
        at: str, log: Log,
    ) -> tuple[dict[str, int], dict[str, Any], list[Event]]:
        """Write the report's claims and the event rows they make.

        Returns the counts, the stored rows of the events no report claims any more, and the
        events this coding claims that the report's last coding did not (their successors).
        """
        new_claims = {e.id: e for e in items}
        old_ids = {
            r.event_id
            for r in conn.execute(select(event_claims.c.event_id).where(event_claims.c.report_id == rid))
        }
        affected = sorted(old_ids | new_claims.keys())
        lock(conn, [f"event:{eid}" for eid in affected])
        claims_by_event, existing = _claims_and_rows(conn, affected)

        counts = Counter[str]()
        writes: dict[str, list[dict[str, Any]]] = {"insert": [], "update": [], "mark_deleted": []}
        changed_claims: list[str] = []
        gone: dict[str, Any] = {}
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
            claim = _claim_change(own_old, event_dicts.get(eid))
            if claim in ("added", "changed"):
                changed_claims.append(eid)
            action = self._write_event(eid, combined, existing.get(eid), claim, rid, at, log, writes)
            counts[action] += 1
            if action == "deleted":
                gone[eid] = existing[eid]
        if writes["insert"]:
            conn.execute(insert(events), writes["insert"])
        if writes["update"]:
            conn.execute(_UPDATE_EVENT, writes["update"])
        if writes["mark_deleted"]:
            conn.execute(_UPDATE_EVENT, writes["mark_deleted"])
        _write_claims(conn, rid, new_claims, event_dicts, old_ids, changed_claims, at)
        return {
            "events_created": counts["created"],
            "events_updated": counts["updated"],
            "events_unchanged": counts["unchanged"],
            "events_deleted": counts["deleted"],
        }, gone, [e for e in items if e.id not in old_ids]

    def _write_event(
        self, eid: str, claims: list[Event], old: Any, claim: str, rid: str, at: str,
        log: Log, writes: dict[str, list[dict[str, Any]]],
    ) -> str:
        """Plan the write of one event row from its claims, log it, and name the action."""
        if not claims:
            if old is None or old.deleted_at is not None:
                return "unchanged"
            writes["mark_deleted"].append({"b_id": eid, "deleted_at": at, "updated_at": at})
            log.append(change_row(at, "event", eid, "deleted", {"report_id": rid}))
            return "deleted"
        row = {k: without_nul(v) for k, v in rows.event_row(combine_claims(claims)).items()}
        if old is None:
            writes["insert"].append({**row, "first_seen": at, "updated_at": at, "deleted_at": None})
            log.append(change_row(at, "event", eid, "created", {"report_id": rid}))
            return "created"
        old_row = {k: getattr(old, k) for k in row}
        as_update = {**row, "b_id": eid, "updated_at": at, "deleted_at": None}
        del as_update["id"]
        if old.deleted_at is not None:
            writes["update"].append(as_update)
            log.append(change_row(at, "event", eid, "created", {"report_id": rid, "restored": True}))
            return "created"
        if claim == "same" and old_row == row:
            return "unchanged"
        fields = _diff(old_row, row)
        writes["update"].append(as_update)
        detail: dict[str, Any] = {"report_id": rid, "fields": fields, "claim": claim}
        log.append(change_row(at, "event", eid, "updated", detail))
        return "updated"

    def _write_problems(
        self, conn: Connection, rid: str, items: list[Problem], store_notes: list[str], at: str
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
                {"report_id": rid, **p.to_dict(), "at": at} for p in found
            ])


def _claims_and_rows(
    conn: Connection, affected: list[str]
) -> tuple[dict[str, list[tuple[str, dict[str, Any]]]], dict[str, Any]]:
    """Every report's claim on these events (claim order) and their current event rows."""
    claims_by_event: dict[str, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
    existing: dict[str, Any] = {}
    for chunk in chunks(affected):
        query = select(event_claims.c.event_id, event_claims.c.report_id, event_claims.c.coded)
        for r in conn.execute(query.where(event_claims.c.event_id.in_(chunk)).order_by(event_claims.c.id)):
            claims_by_event[r.event_id].append((r.report_id, r.coded))
        for r in conn.execute(select(events).where(events.c.id.in_(chunk))):
            existing[r.id] = r
    return claims_by_event, existing


def _claim_change(own_old: dict[str, Any] | None, own_new: dict[str, Any] | None) -> str:
    """What happened to this report's own claim on an event: withdrawn, added, changed or same."""
    if own_new is None:
        return "withdrawn"
    if own_old is None:
        return "added"
    return "changed" if own_old != own_new else "same"


def _write_claims(
    conn: Connection, rid: str, new_claims: dict[str, Event], event_dicts: dict[str, dict[str, Any]],
    old_ids: set[str], changed_claims: list[str], at: str,
) -> None:
    """Drop the report's withdrawn claims, write its added and changed ones with their evidence."""
    if old_ids - new_claims.keys():
        gone = sorted(old_ids - new_claims.keys())
        for chunk in chunks(gone):
            conn.execute(delete(evidence).where(evidence.c.report_id == rid, evidence.c.event_id.in_(chunk)))
            conn.execute(delete(event_claims).where(
                event_claims.c.report_id == rid, event_claims.c.event_id.in_(chunk)))
    for chunk in chunks(changed_claims):
        conn.execute(delete(evidence).where(evidence.c.report_id == rid, evidence.c.event_id.in_(chunk)))
    claim_rows_new, claim_rows_update, evidence_rows = [], [], []
    for eid in changed_claims:
        e = new_claims[eid]
        row = rows.claim_row(e, event_dicts[eid], rid, at)
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
