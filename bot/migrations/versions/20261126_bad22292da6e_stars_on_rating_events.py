"""case events: the stars a resident gave, on the event of the rating

Revision ID: bad22292da6e
Revises: a7c3e9d2b6f1
Create Date: 2026-11-26 13:30:00

A case keeps only its latest rating (`cases.rating`): a case rated 2 stars
(reopened) and then 5 showed no trace of the 2. Each rating's event
(reopen, confirm) now records its stars. A confirm is always a case's last
rating, so the stars of those already on record are the case's rating; the
stars of earlier reopens are not known any more and stay empty (the
history shows them as before: 居民不满意，重新办理).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'bad22292da6e'
down_revision: str | None = 'a7c3e9d2b6f1'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('case_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('stars', sa.Integer(), nullable=True))
    op.execute(
        "UPDATE case_events SET stars = (SELECT cases.rating FROM cases WHERE cases.id = case_events.case_id)"
        " WHERE action = 'confirm'"
    )


def downgrade() -> None:
    with op.batch_alter_table('case_events', schema=None) as batch_op:
        batch_op.drop_column('stars')
