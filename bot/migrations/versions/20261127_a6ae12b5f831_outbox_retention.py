"""outbox retention: an index for the scan of settled pushes, and notice counts that outlive their rows

Revision ID: a6ae12b5f831
Revises: 5d2e7b9c4a18
Create Date: 2026-11-27 00:18:09

Sent pushes kept their payload (a grid manager's task quotes the
reporter's phone and door) for ever. Past RESIDENT_BOT_OUTBOX_RETENTION_DAYS
settled rows are now deleted (bot/services/outbox_retention.py); the index
on (status, not_before) lets that scan read only the old settled rows, not
the whole table. A notice's delivery report counted its rows, so the
notice keeps the counts of its deleted rows; those on record start at 0.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'a6ae12b5f831'
down_revision: str | None = '5d2e7b9c4a18'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COUNTS = ('expired_sent', 'expired_failed', 'expired_unreachable')


def upgrade() -> None:
    with op.batch_alter_table('notices', schema=None) as batch_op:
        for name in COUNTS:
            batch_op.add_column(sa.Column(name, sa.Integer(), nullable=False, server_default='0'))
    op.create_index('ix_outbox_settled', 'outbox', ['status', 'not_before'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_outbox_settled', table_name='outbox')
    with op.batch_alter_table('notices', schema=None) as batch_op:
        for name in reversed(COUNTS):
            batch_op.drop_column(name)
