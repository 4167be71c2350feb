"""held photos: a photo sent with no form open, kept a while for the complaint begun next

Revision ID: 5d2e7b9c4a18
Revises: c4e8a1f05b93
Create Date: 2026-11-26 19:20:00

A photo sent before the complaint was answered 没有需要图片的事项 and
dropped; the resident then said what it showed. It is now held for the
complaint the resident begins next.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import bot.db.types

revision: str = '5d2e7b9c4a18'
down_revision: str | None = 'c4e8a1f05b93'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'held_photos',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('ref', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column('size', sa.Integer(), nullable=True),
        sa.Column('created_at', bot.db.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['person_id'], ['persons.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('held_photos', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_held_photos_person_id'), ['person_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('held_photos', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_held_photos_person_id'))
    op.drop_table('held_photos')
