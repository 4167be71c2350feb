"""What the bot could not answer, and conversations handed over to a person (转人工)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from bot.db.types import UTCDateTime


class UnansweredQuestion(SQLModel, table=True):
    """A question the knowledge base did not answer, counted so staff improve it first where it matters."""

    __tablename__ = "unanswered_questions"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=200, unique=True)  # the normalised question
    text: str = Field(max_length=500)  # as first asked, phone numbers masked
    intent: str = Field(max_length=32)
    count: int = 1
    first_asked_at: datetime = Field(sa_type=UTCDateTime)
    last_asked_at: datetime = Field(sa_type=UTCDateTime)


class Handover(SQLModel, table=True):
    """A resident's question passed to the staff; replies are relayed through the bot."""

    __tablename__ = "handovers"

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="persons.id", index=True)
    community_id: str | None = Field(default=None, foreign_key="communities.id", max_length=64)
    question: str = Field(max_length=2000)
    status: str = Field(default="open", max_length=16, index=True)  # open, answered
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class HandoverMessage(SQLModel, table=True):
    """Every line of a handed-over exchange, kept to improve the knowledge base."""

    __tablename__ = "handover_messages"

    id: int | None = Field(default=None, primary_key=True)
    handover_id: int = Field(foreign_key="handovers.id", index=True)
    author_id: int = Field(foreign_key="persons.id")
    from_staff: bool
    text: str = Field(max_length=2000)
    created_at: datetime = Field(sa_type=UTCDateTime)
