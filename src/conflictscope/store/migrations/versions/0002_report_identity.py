"""Reports gain their identity (URL or address, `ingest.identity`) and a content hash.

Rows stored before have no identity (NULL): the next ingest of their file adopts them, by the
id their text or URL gave them or by their path and file name, so nothing is coded twice. The
content hash is computed here from each stored text.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-05 20:40:00
"""
from __future__ import annotations

import hashlib

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def _content_hash(text: str) -> str:
    # the same digest as conflictscope.ingest.identity.content_hash, frozen with this revision
    return hashlib.sha1(" ".join(text.split()).lower().encode("utf-8", "surrogatepass")).hexdigest()


def upgrade() -> None:
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.add_column(sa.Column('identity', sa.String(), nullable=True))
        batch_op.add_column(sa.Column('content_hash', sa.String(), nullable=True))
        batch_op.create_index(batch_op.f('ix_reports_identity'), ['identity'], unique=False)
    if op.get_context().as_sql:   # an offline script cannot read the texts; the next save fills it
        return
    conn = op.get_bind()
    reports = sa.table('reports', sa.column('id', sa.String()), sa.column('text', sa.Text()),
                       sa.column('content_hash', sa.String()))
    rows = conn.execute(sa.select(reports.c.id, reports.c.text)).all()
    if rows:
        conn.execute(sa.update(reports).where(reports.c.id == sa.bindparam('b_id')),
                     [{'b_id': r.id, 'content_hash': _content_hash(r.text)} for r in rows])


def downgrade() -> None:
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reports_identity'))
        batch_op.drop_column('content_hash')
        batch_op.drop_column('identity')
