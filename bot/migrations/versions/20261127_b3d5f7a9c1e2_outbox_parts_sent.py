"""outbox parts sent: a push sent in parts remembers how far it got

Revision ID: b3d5f7a9c1e2
Revises: a6ae12b5f831
Create Date: 2026-11-27 01:00:00

A long push goes as several messages (Telegram's 4096 characters, WeChat's
customer-service size), then its photo or file. When a later part failed
for a reason worth retrying (a 5xx, a network error), the drainer sent the
whole row again and the person read its first parts twice. The row now
counts the parts delivered, and a retry resumes after them; rows on record
start at 0, as nothing of a pending row is known to have gone.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'b3d5f7a9c1e2'
down_revision: str | None = 'a6ae12b5f831'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('parts_sent', sa.Integer(), nullable=False, server_default='0'))


def downgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_column('parts_sent')
