"""Create the first schema: reports, events and their claims, evidence, mentions, presence,
affiliation claims, decisions, the change log and problems.

Revision ID: 0001
Revises: 
Create Date: 2026-11-26 05:43:07.011646
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('changes',
    sa.Column('id', BIG_ID, autoincrement=True, nullable=False),
    sa.Column('at', sa.String(), nullable=False),
    sa.Column('entity', sa.String(), nullable=False),
    sa.Column('entity_id', sa.String(), nullable=False),
    sa.Column('action', sa.String(), nullable=False),
    sa.Column('detail', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_changes'))
    )
    with op.batch_alter_table('changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_changes_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_changes_entity_entity_id'), ['entity', 'entity_id'], unique=False)

    op.create_table('decisions',
    sa.Column('id', BIG_ID, autoincrement=True, nullable=False),
    sa.Column('event_id', sa.String(), nullable=False),
    sa.Column('action', sa.String(), nullable=False),
    sa.Column('field', sa.String(), nullable=True),
    sa.Column('value', sa.JSON(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('who', sa.String(), nullable=False),
    sa.Column('at', sa.String(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_decisions'))
    )
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_decisions_event_id'), ['event_id'], unique=False)

    op.create_table('events',
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('report_id', sa.String(), nullable=False),
    sa.Column('source_file', sa.String(), nullable=False),
    sa.Column('event_type', sa.String(), nullable=False),
    sa.Column('sub_event_type', sa.String(), nullable=False),
    sa.Column('disorder_type', sa.String(), nullable=False),
    sa.Column('event_date', sa.String(), nullable=True),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('time_precision', sa.Integer(), nullable=True),
    sa.Column('actor1', sa.String(), nullable=False),
    sa.Column('assoc_actor_1', sa.String(), nullable=False),
    sa.Column('inter1', sa.Integer(), nullable=True),
    sa.Column('actor2', sa.String(), nullable=False),
    sa.Column('assoc_actor_2', sa.String(), nullable=False),
    sa.Column('inter2', sa.Integer(), nullable=True),
    sa.Column('interaction', sa.String(), nullable=False),
    sa.Column('civilian_targeting', sa.String(), nullable=False),
    sa.Column('iso', sa.Integer(), nullable=True),
    sa.Column('region', sa.String(), nullable=False),
    sa.Column('country', sa.String(), nullable=False),
    sa.Column('admin1', sa.String(), nullable=False),
    sa.Column('admin2', sa.String(), nullable=False),
    sa.Column('admin3', sa.String(), nullable=False),
    sa.Column('location', sa.String(), nullable=False),
    sa.Column('latitude', sa.Float(), nullable=True),
    sa.Column('longitude', sa.Float(), nullable=True),
    sa.Column('geo_precision', sa.Integer(), nullable=True),
    sa.Column('place_id', sa.String(), nullable=True),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('source_scale', sa.String(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('fatalities', sa.Integer(), nullable=False),
    sa.Column('tags', sa.Text(), nullable=False),
    sa.Column('background', sa.Boolean(), nullable=False),
    sa.Column('caption', sa.Boolean(), nullable=False),
    sa.Column('confidence', sa.Float(), nullable=False),
    sa.Column('evidence_text', sa.Text(), nullable=False),
    sa.Column('evidence_start', sa.Integer(), nullable=False),
    sa.Column('evidence_end', sa.Integer(), nullable=False),
    sa.Column('flags', sa.JSON(), nullable=False),
    sa.Column('explanation', sa.JSON(), nullable=False),
    sa.Column('coder_version', sa.String(), nullable=False),
    sa.Column('status', sa.String(), nullable=False),
    sa.Column('first_seen', sa.String(), nullable=False),
    sa.Column('updated_at', sa.String(), nullable=False),
    sa.Column('deleted_at', sa.String(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_events'))
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_events_actor1'), ['actor1'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_actor2'), ['actor2'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_event_date'), ['event_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_event_type'), ['event_type'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_location'), ['location'], unique=False)

    op.create_table('problems',
    sa.Column('id', BIG_ID, autoincrement=True, nullable=False),
    sa.Column('report_id', sa.String(), nullable=True),
    sa.Column('report', sa.String(), nullable=False),
    sa.Column('stage', sa.String(), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('severity', sa.String(), nullable=False),
    sa.Column('at', sa.String(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_problems'))
    )
    with op.batch_alter_table('problems', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_problems_report_id'), ['report_id'], unique=False)

    op.create_table('reports',
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('source_file', sa.String(), nullable=False),
    sa.Column('path', sa.String(), nullable=False),
    sa.Column('url', sa.String(), nullable=True),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('publisher', sa.String(), nullable=True),
    sa.Column('byline', sa.String(), nullable=True),
    sa.Column('published', sa.String(), nullable=True),
    sa.Column('published_origin', sa.String(), nullable=True),
    sa.Column('language', sa.String(), nullable=False),
    sa.Column('raw_format', sa.String(), nullable=False),
    sa.Column('coded', sa.Boolean(), nullable=False),
    sa.Column('date_hints', sa.JSON(), nullable=False),
    sa.Column('blocks', sa.JSON(), nullable=False),
    sa.Column('report_problems', sa.JSON(), nullable=False),
    sa.Column('coding_hash', sa.String(), nullable=False),
    sa.Column('coder_version', sa.String(), nullable=False),
    sa.Column('ingested_at', sa.String(), nullable=False),
    sa.Column('updated_at', sa.String(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reports'))
    )
    op.create_table('affiliation_claims',
    sa.Column('id', BIG_ID, autoincrement=True, nullable=False),
    sa.Column('report_id', sa.String(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('actor', sa.String(), nullable=False),
    sa.Column('other_actor', sa.String(), nullable=False),
    sa.Column('relation', sa.String(), nullable=False),
    sa.Column('since', sa.String(), nullable=True),
    sa.Column('until', sa.String(), nullable=True),
    sa.Column('source', sa.String(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('span_start', sa.Integer(), nullable=True),
    sa.Column('span_end', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], name=op.f('fk_affiliation_claims_report_id_reports'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_affiliation_claims'))
    )
    with op.batch_alter_table('affiliation_claims', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_affiliation_claims_actor'), ['actor'], unique=False)
        batch_op.create_index(batch_op.f('ix_affiliation_claims_report_id'), ['report_id'], unique=False)

    op.create_table('event_claims',
    sa.Column('id', BIG_ID, autoincrement=True, nullable=False),
    sa.Column('event_id', sa.String(), nullable=False),
    sa.Column('report_id', sa.String(), nullable=False),
    sa.Column('fatalities', sa.Integer(), nullable=False),
    sa.Column('evidence_text', sa.Text(), nullable=False),
    sa.Column('evidence_start', sa.Integer(), nullable=False),
    sa.Column('evidence_end', sa.Integer(), nullable=False),
    sa.Column('source_file', sa.String(), nullable=False),
    sa.Column('coder_version', sa.String(), nullable=False),
    sa.Column('coded', sa.JSON(), nullable=False),
    sa.Column('first_seen', sa.String(), nullable=False),
    sa.Column('updated_at', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_event_claims_event_id_events')),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], name=op.f('fk_event_claims_report_id_reports'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_claims')),
    sa.UniqueConstraint('event_id', 'report_id', name=op.f('uq_event_claims_event_id_report_id'))
    )
    with op.batch_alter_table('event_claims', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_claims_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_claims_report_id'), ['report_id'], unique=False)

    op.create_table('evidence',
    sa.Column('id', BIG_ID, autoincrement=True, nullable=False),
    sa.Column('event_id', sa.String(), nullable=False),
    sa.Column('report_id', sa.String(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('field', sa.String(), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('span_start', sa.Integer(), nullable=False),
    sa.Column('span_end', sa.Integer(), nullable=False),
    sa.Column('origin', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_evidence_event_id_events')),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], name=op.f('fk_evidence_report_id_reports'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evidence'))
    )
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evidence_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_evidence_report_id'), ['report_id'], unique=False)

    op.create_table('mentions',
    sa.Column('id', BIG_ID, autoincrement=True, nullable=False),
    sa.Column('report_id', sa.String(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('span_start', sa.Integer(), nullable=False),
    sa.Column('span_end', sa.Integer(), nullable=False),
    sa.Column('resolved', sa.String(), nullable=True),
    sa.Column('origin', sa.String(), nullable=False),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('detail', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], name=op.f('fk_mentions_report_id_reports'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mentions'))
    )
    with op.batch_alter_table('mentions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mentions_kind_resolved'), ['kind', 'resolved'], unique=False)
        batch_op.create_index(batch_op.f('ix_mentions_report_id'), ['report_id'], unique=False)

    op.create_table('presence',
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('report_id', sa.String(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('actor', sa.String(), nullable=False),
    sa.Column('location', sa.String(), nullable=False),
    sa.Column('place_id', sa.String(), nullable=True),
    sa.Column('latitude', sa.Float(), nullable=True),
    sa.Column('longitude', sa.Float(), nullable=True),
    sa.Column('period_start', sa.String(), nullable=True),
    sa.Column('period_end', sa.String(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('span_start', sa.Integer(), nullable=False),
    sa.Column('span_end', sa.Integer(), nullable=False),
    sa.Column('origin', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], name=op.f('fk_presence_report_id_reports'), ondelete='CASCADE'),
    sa.UniqueConstraint('id', 'report_id', name=op.f('uq_presence_id_report_id'))
    )
    with op.batch_alter_table('presence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_presence_actor'), ['actor'], unique=False)
        batch_op.create_index(batch_op.f('ix_presence_report_id'), ['report_id'], unique=False)

    op.create_table('report_sources',
    sa.Column('id', BIG_ID, autoincrement=True, nullable=False),
    sa.Column('report_id', sa.String(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('role', sa.String(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('span_start', sa.Integer(), nullable=True),
    sa.Column('span_end', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], name=op.f('fk_report_sources_report_id_reports'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_sources'))
    )
    with op.batch_alter_table('report_sources', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_sources_report_id'), ['report_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('report_sources', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_report_sources_report_id'))

    op.drop_table('report_sources')
    with op.batch_alter_table('presence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_presence_report_id'))
        batch_op.drop_index(batch_op.f('ix_presence_actor'))

    op.drop_table('presence')
    with op.batch_alter_table('mentions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mentions_report_id'))
        batch_op.drop_index(batch_op.f('ix_mentions_kind_resolved'))

    op.drop_table('mentions')
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_evidence_report_id'))
        batch_op.drop_index(batch_op.f('ix_evidence_event_id'))

    op.drop_table('evidence')
    with op.batch_alter_table('event_claims', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_claims_report_id'))
        batch_op.drop_index(batch_op.f('ix_event_claims_event_id'))

    op.drop_table('event_claims')
    with op.batch_alter_table('affiliation_claims', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_affiliation_claims_report_id'))
        batch_op.drop_index(batch_op.f('ix_affiliation_claims_actor'))

    op.drop_table('affiliation_claims')
    op.drop_table('reports')
    with op.batch_alter_table('problems', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_problems_report_id'))

    op.drop_table('problems')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_events_location'))
        batch_op.drop_index(batch_op.f('ix_events_event_type'))
        batch_op.drop_index(batch_op.f('ix_events_event_date'))
        batch_op.drop_index(batch_op.f('ix_events_actor2'))
        batch_op.drop_index(batch_op.f('ix_events_actor1'))

    op.drop_table('events')
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_decisions_event_id'))

    op.drop_table('decisions')
    with op.batch_alter_table('changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_changes_entity_entity_id'))
        batch_op.drop_index(batch_op.f('ix_changes_at'))

    op.drop_table('changes')
