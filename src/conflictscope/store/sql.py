"""The store: coded reports in; events, reports, presence, decisions and changes out.

One schema through SQLAlchemy Core, SQLite by default and PostgreSQL by URL. Every report is
saved in one transaction, so a failure leaves nothing of it behind. Machine output is replaced
when a report is re-coded; human decisions are kept apart and applied on top when reading.

`Store` is composed of one part per job, each in its own module:

    engine.Database   opening, URLs, migrations, write transactions
    writer.Writer     save_coded, record_problem
    queries.Queries   events, event, reports, counts, presence, mentions, affiliations, problems, changes
    review.Review     add_decision, decisions, orphaned_decisions (over Queries: an edit is checked
                      against the event as reviewed so far)
"""
from __future__ import annotations

from conflictscope.store.review import Review
from conflictscope.store.writer import Writer


class Store(Writer, Review):
    """A conflictscope database. Open with `Store.open(url)`; close, or use as a context manager."""
