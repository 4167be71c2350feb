"""Platform access tokens shared by every process of the bot."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from bot.db.types import UTCDateTime


class AccessToken(SQLModel, table=True):
    """One row per platform credential (e.g. "wechat:<appid>").

    WeChat invalidates the previous token whenever a new one is fetched, so
    processes must share one token and refresh it one at a time.
    """

    __tablename__ = "access_tokens"

    name: str = Field(primary_key=True, max_length=100)
    token: str = Field(max_length=1000)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)
