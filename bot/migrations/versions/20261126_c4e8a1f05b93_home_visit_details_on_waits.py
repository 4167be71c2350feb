"""booking waits: the address and reason of a home visit waited for

Revision ID: c4e8a1f05b93
Revises: bad22292da6e
Create Date: 2026-11-26 18:40:00

A home visit booked from the waiting list when a seat freed had no address
and no reason, and its grid's managers were not told: the waiting list kept
only the service. A wait now keeps what the resident gave when joining.
Waits already on record stay empty; taking one of them falls back to the
resident's own address when it lies in the slot's grid.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = 'c4e8a1f05b93'
down_revision: str | None = 'bad22292da6e'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('booking_waits', schema=None) as batch_op:
        batch_op.add_column(sa.Column('address', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True))
        batch_op.add_column(sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('booking_waits', schema=None) as batch_op:
        batch_op.drop_column('reason')
        batch_op.drop_column('address')
