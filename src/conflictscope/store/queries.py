"""Reading the store: events (with evidence and decisions applied), reports, presence, mentions,
affiliation claims, problems, counts and the change log."""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import JSON, Text, and_, func, or_, select, type_coerce
from sqlalchemy.engine import Connection

from conflictscope.models import MODEL_PROPOSED, TEXT_NAMED, Affiliation, Event, Evidence, Mention, Presence, Problem, Report
from conflictscope.query import HIDDEN_STATUSES, EventQuery
from conflictscope.store import rows
from conflictscope.store.engine import CHUNK, Database, chunks
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
)


# The events table's columns as read: JSON lists come as their text, which `rows.event_from_row`
# decodes once per distinct text instead of once per row (most events share their flags).
_EVENT_COLUMNS = [type_coerce(c, Text).label(c.name) if isinstance(c.type, JSON) else c for c in events.c]


class Queries(Database):
    """The store's reads."""

    def has_report(self, report_id: str) -> bool:
        """Whether a report with this id is stored."""
        with self._engine.connect() as conn:
            return conn.execute(select(reports.c.id).where(reports.c.id == report_id)).first() is not None

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
        model_proposals: bool = True,
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
            model_proposals: False leaves out events a learned model proposed.
        """
        return self.find_events(EventQuery(
            since=since, until=until, event_type=event_type, actor=actor, place=place, source=source_file,
            background=include_background, status="all" if include_rejected else None,
            model_proposals=model_proposals,
        ), limit=limit)

    def find_events(self, query: EventQuery, *, limit: int | None = None) -> list[Event]:
        """The events that pass `query`, as `events` returns them.

        The store matches the actor as one name (part of it, any case) and the place as a name or
        id; an actor's affiliated units and a radius around a place need reference data, which
        `conflictscope.query.select_events` brings.
        """
        if query.radius_km is not None:
            raise ValueError(
                f"the store cannot select events within {query.radius_km:g} km of {query.place!r}: it "
                "knows no coordinates of place names. You can fix this by calling "
                "conflictscope.query.select_events with the query")
        sql_filters = _conditions(query)
        selected = select(*_EVENT_COLUMNS).where(events.c.deleted_at.is_(None))
        if query.source is not None:   # not editable, so never re-checked below
            claimed = select(event_claims.c.event_id).where(event_claims.c.source_file == query.source)
            selected = selected.where(or_(events.c.source_file == query.source, events.c.id.in_(claimed)))
        if sql_filters:
            # An edit may move an event into the filter, so edited events are re-checked below.
            edited = select(decisions.c.event_id).where(decisions.c.action == "edit")
            selected = selected.where(or_(and_(*sql_filters), events.c.id.in_(edited)))
        selected = selected.order_by(events.c.event_date.is_(None), events.c.event_date, events.c.id)
        found: list[Event] = []
        with self._engine.connect() as conn:
            # Rows come in partitions so memory stays flat however many events match.
            for chunk in conn.execution_options(yield_per=CHUNK).execute(selected).partitions():
                for e in self._assemble(conn, chunk):
                    if not _status_matches(query, e.status) or not _matches(query, e):
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
            row = conn.execute(select(*_EVENT_COLUMNS).where(events.c.id == event_id)).first()
            if row is None or (row.deleted_at is not None and not include_deleted):
                return None
            found = self._assemble(conn, [row])[0]
        if row.deleted_at is not None:
            found.status = "deleted"
        return found

    def _assemble(self, conn: Connection, event_rows: Sequence[Any]) -> list[Event]:
        """Events from their rows, with evidence (claim order) and decisions (oldest first).

        Values are read by position (`rows.event_from_row`): by name they cost several times more."""
        if not event_rows:
            return []
        fields = tuple(event_rows[0]._fields)
        id_at = fields.index("id")
        ids = [r[id_at] for r in event_rows]
        by_event: dict[str, list[Evidence]] = defaultdict(list)
        ev_query = (
            select(evidence)
            .join(event_claims, and_(event_claims.c.event_id == evidence.c.event_id,
                                     event_claims.c.report_id == evidence.c.report_id))
            .where(evidence.c.event_id.in_(ids))
            .order_by(event_claims.c.id, evidence.c.position)
        )
        result = conn.execute(ev_query)
        ev_fields = tuple(result.keys())
        event_at = ev_fields.index("event_id")
        for r in result:
            by_event[r[event_at]].append(rows.evidence_from_row(r, ev_fields))
        decided: dict[str, list[Any]] = defaultdict(list)
        for r in conn.execute(select(decisions).where(decisions.c.event_id.in_(ids)).order_by(decisions.c.id)):
            decided[r.event_id].append(r)
        return [rows.apply_decisions(rows.event_from_row(r, by_event.get(i, []), fields), decided.get(i, []))
                for i, r in zip(ids, event_rows)]

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

    def reports(self, *, with_text: bool = False, ids: Sequence[str] | None = None) -> list[Report]:
        """Every report (those of `ids` when given) with its sources, and its text when `with_text`,
        in the order they were stored."""
        columns = [c for c in reports.c if with_text or c.name != "text"]
        query = select(*columns).order_by(reports.c.ingested_at, reports.c.id)
        with self._engine.connect() as conn:
            if ids is None:
                report_rows = list(conn.execute(query))
            else:
                report_rows = sorted((r for chunk in chunks(sorted(set(ids)))
                                      for r in conn.execute(query.where(reports.c.id.in_(chunk)))),
                                     key=lambda r: (r.ingested_at, r.id))
            found = []
            for chunk in chunks(report_rows):
                sources = self._sources(conn, [r.id for r in chunk])
                found.extend(rows.report_from_row(r, sources[r.id], with_text=with_text) for r in chunk)
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
        """(report id, mention) pairs in text order; `unresolved_only` keeps those no actor file resolves."""
        query = select(mentions).order_by(mentions.c.report_id, mentions.c.position)
        if kind is not None:
            query = query.where(mentions.c.kind == kind)
        if unresolved_only:
            # (groups named as written are listed too: they are for a user to add to an actor file)
            query = query.where(or_(mentions.c.resolved.is_(None), mentions.c.resolved == "",
                                    mentions.c.origin.endswith(TEXT_NAMED)))
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

    def change_stamp(self) -> tuple[int, int]:
        """(newest id, number of changes) of the change log: it differs after any write, a change
        that became visible after later ones included, and costs one aggregate query."""
        with self._engine.connect() as conn:
            newest, count = conn.execute(select(func.max(changes.c.id), func.count(changes.c.id))).one()
        return int(newest or 0), int(count or 0)

    def change_mark(self) -> tuple[int, int, str]:
        """`change_stamp` and the time of the newest change, which also tells apart two stores with as
        many changes (one made again from scratch at the same path): one aggregate query."""
        with self._engine.connect() as conn:
            newest, count, at = conn.execute(
                select(func.max(changes.c.id), func.count(changes.c.id), func.max(changes.c.at))).one()
        return int(newest or 0), int(count or 0), str(at or "")


_ACTOR_COLUMNS = (events.c.actor1, events.c.actor2, events.c.assoc_actor_1, events.c.assoc_actor_2)
_PLACE_COLUMNS = (events.c.location, events.c.admin1, events.c.admin2, events.c.admin3)


def _conditions(query: EventQuery) -> list[Any]:
    """The filters of `query` that SQL applies and an edit can change, as SQL conditions."""
    found: list[Any] = []
    if query.since is not None:
        found.append(events.c.event_date >= query.since)
    if query.until is not None:
        found.append(events.c.event_date <= query.until + "~")
    if query.event_type is not None:
        found.append(func.lower(events.c.event_type) == query.event_type.lower())
    if query.actor is not None:
        needle = query.actor.lower()
        found.append(or_(*(func.lower(c).contains(needle, autoescape=True) for c in _ACTOR_COLUMNS)))
    if query.place is not None:
        needle = query.place.lower()
        found.append(or_(events.c.place_id == query.place,
                         *(func.lower(c).contains(needle, autoescape=True) for c in _PLACE_COLUMNS)))
    if query.text is not None:
        needle = query.text.lower()
        quoted = select(evidence.c.event_id).where(func.lower(evidence.c.text).contains(needle, autoescape=True))
        found.append(or_(func.lower(events.c.notes).contains(needle, autoescape=True),
                         func.lower(events.c.evidence_text).contains(needle, autoescape=True),
                         events.c.id.in_(quoted)))
    if not query.background:
        found.append(events.c.background.is_(False))
    return found


def _matches(query: EventQuery, e: Event) -> bool:
    """The same test as `_conditions` in Python, for events whose values a reviewer edited."""
    if query.since is not None and (e.event_date is None or e.event_date < query.since):
        return False
    if query.until is not None and (e.event_date is None or e.event_date > query.until + "~"):
        return False
    if query.event_type is not None and e.event_type.lower() != query.event_type.lower():
        return False
    if query.actor is not None:
        needle = query.actor.lower()
        if not any(needle in v.lower() for v in (e.actor1, e.actor2, e.assoc_actor_1, e.assoc_actor_2)):
            return False
    if query.place is not None:
        needle = query.place.lower()
        if e.place_id != query.place and not any(
                needle in v.lower() for v in (e.location, e.admin1, e.admin2, e.admin3)):
            return False
    if not query.model_proposals and MODEL_PROPOSED in e.flags:
        return False
    if query.text is not None:
        needle = query.text.lower()
        if not any(needle in v.lower() for v in (e.notes, e.evidence_text, *(ev.text for ev in e.evidence))):
            return False
    return query.background or not e.background


def _status_matches(query: EventQuery, status: str) -> bool:
    """Whether an event in this review state passes the query's status filter."""
    if status in HIDDEN_STATUSES and not query.include_hidden:
        return False
    return query.status in (None, "all") or status == query.status
