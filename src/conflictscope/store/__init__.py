"""The store: SQLite by default, PostgreSQL by URL; one schema, migrated with alembic."""
from conflictscope.store.sql import SaveResult, Store, combine_claims

__all__ = ["SaveResult", "Store", "combine_claims"]
