"""Alembic environment for the conflictscope store.

Online, `conflictscope.store.migrate.upgrade` passes an open connection in
`config.attributes["connection"]`; there is no alembic.ini and no logging configuration here.
Offline (`migrate.sql_script`), the SQL for a database URL is written out for a DBA to run.
"""
from __future__ import annotations

from alembic import context

from conflictscope.store.schema import metadata

# render_as_batch: SQLite cannot ALTER most things, so later revisions rebuild tables in batch.
options = {"target_metadata": metadata, "render_as_batch": True, "compare_type": True}

if context.is_offline_mode():
    context.configure(
        url=context.config.get_main_option("sqlalchemy.url"), literal_binds=True, **options
    )
else:
    connection = context.config.attributes.get("connection")
    if connection is None:
        raise RuntimeError(
            "the conflictscope migrations run through conflictscope.store.migrate.upgrade, "
            "which passes an open connection"
        )
    context.configure(connection=connection, **options)

with context.begin_transaction():
    context.run_migrations()
