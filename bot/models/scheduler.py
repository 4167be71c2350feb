"""APScheduler's job store table, declared here so that Alembic creates and keeps it.

The columns are exactly those of `apscheduler.jobstores.sqlalchemy.SQLAlchemyJobStore`
(which only creates the table when it is missing).
"""

from __future__ import annotations

from sqlalchemy import Column, Float, LargeBinary, Unicode
from sqlmodel import Field, SQLModel


class SchedulerJob(SQLModel, table=True):
    __tablename__ = "apscheduler_jobs"

    id: str = Field(sa_column=Column("id", Unicode(191), primary_key=True))
    next_run_time: float | None = Field(default=None, sa_column=Column("next_run_time", Float(25), index=True))
    job_state: bytes = Field(sa_column=Column("job_state", LargeBinary, nullable=False))
