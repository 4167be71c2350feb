"""centre directions: how to get to the community's service centre

Revision ID: c8f2a4d6e0b1
Revises: b3d5f7a9c1e2
Create Date: 2026-11-27 11:00:00

Elderly residents ask 坐几路公交能到, 有地方停车吗, 轮椅能进去吗 as often as
where the centre is; the community's record held only its address and
phone, so these were 答不上来. The record now keeps a line of directions
(buses, parking, the step-free way in), set by `resident-bot org import`;
communities on record have none until their file gives one.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = 'c8f2a4d6e0b1'
down_revision: str | None = 'b3d5f7a9c1e2'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('communities', schema=None) as batch_op:
        batch_op.add_column(sa.Column('directions', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('communities', schema=None) as batch_op:
        batch_op.drop_column('directions')
