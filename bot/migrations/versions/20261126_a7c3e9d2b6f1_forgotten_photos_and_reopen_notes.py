"""data: photos erased by /forget get their own state; machine notes on reopen events are cleared

Revision ID: a7c3e9d2b6f1
Revises: 355f89ef87ba
Create Date: 2026-11-26 12:50:00

Until this revision /forget marked a person's photos "lost", the state of a
photo that failed to download; photos now have a "forgotten" state, and a
"lost" one may still be sent on by its platform reference. Rows forgotten
before must not be sent again. Reopen events stored "rating=N" or
"not_fixed" as their note; the note is now what the resident said, shown in
the case history, so the machine notes are cleared.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = 'a7c3e9d2b6f1'
down_revision: str | None = '355f89ef87ba'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(
        "UPDATE photos SET state = 'forgotten'"
        " WHERE state = 'lost' AND error = 'forgotten at the sender''s request'"
    )
    op.execute("UPDATE case_events SET note = NULL WHERE action = 'reopen' AND (note LIKE 'rating=%' OR note = 'not_fixed')")


def downgrade() -> None:
    op.execute("UPDATE photos SET state = 'lost' WHERE state = 'forgotten'")
