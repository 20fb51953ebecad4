"""The store: SQLite by default, PostgreSQL by URL; one schema, migrated with alembic."""
from conflictscope.store.sql import Store
from conflictscope.store.writer import SaveResult, combine_claims

__all__ = ["SaveResult", "Store", "combine_claims"]
