"""Settings, read from `RESIDENT_BOT_*` environment variables or a `.env` file.

A wrong value must stop start-up with one line naming the variable, because
the person reading it is an operator at a terminal, not a Python developer.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

ENV_PREFIX = "RESIDENT_BOT_"
DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///./data/resident-bot.db"


class Settings(BaseSettings):
    """Every setting of the bot; each field is documented in the README."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX,
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
    )

    database_url: str = DEFAULT_DATABASE_URL
    auto_migrate: bool | None = None  # None: yes on SQLite, no on PostgreSQL
    sample_org: bool = True  # load the shipped sample community into an empty database
    language: Literal["zh", "en"] = "zh"
    timezone: str = "Asia/Shanghai"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"

    max_text_length: int = Field(default=2000, ge=50, le=20000)
    flood_limit_per_minute: int = Field(default=20, ge=1, le=1000)
    dialog_timeout_minutes: int = Field(default=30, ge=1, le=7 * 24 * 60)
    invite_ttl_hours: int = Field(default=72, ge=1, le=24 * 90)
    knowledge_path: Path | None = None  # a file or folder replacing the shipped knowledge base

    telegram_token: SecretStr | None = None
    telegram_webhook_secret: SecretStr | None = None
    telegram_api_url: str = "https://api.telegram.org"
    telegram_rate_per_second: float = Field(default=30.0, gt=0, le=1000)
    telegram_chat_rate_per_second: float = Field(default=1.0, gt=0, le=100)

    outbox_batch_size: int = Field(default=100, ge=1, le=5000)
    outbox_idle_seconds: float = Field(default=1.0, gt=0, le=60)
    outbox_max_attempts: int = Field(default=8, ge=1, le=100)

    @field_validator("telegram_webhook_secret")
    @classmethod
    def _telegram_secret_charset(cls, value: SecretStr | None) -> SecretStr | None:
        # Telegram accepts 1-256 characters A-Z, a-z, 0-9, _ and - for secret_token.
        import re

        if value is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", value.get_secret_value()):
            raise ValueError("只能用 1-256 个字母、数字、_ 或 -（Telegram 的要求）")
        return value

    @field_validator("telegram_api_url")
    @classmethod
    def _no_trailing_slash(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("需要以 http:// 或 https:// 开头")
        return value.rstrip("/")

    @field_validator("database_url")
    @classmethod
    def _known_driver(cls, value: str) -> str:
        return normalise_database_url(value)

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"未知时区 {value!r}（例如 Asia/Shanghai）") from None
        return value

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def migrate_on_start(self) -> bool:
        return self.is_sqlite if self.auto_migrate is None else self.auto_migrate


def normalise_database_url(value: str) -> str:
    """Accept the URLs operators usually paste and map them to the async drivers."""
    value = value.strip()
    for plain, asyncified in (
        ("postgres://", "postgresql+asyncpg://"),
        ("postgresql://", "postgresql+asyncpg://"),
        ("sqlite://", "sqlite+aiosqlite://"),
    ):
        if value.startswith(plain):
            return asyncified + value[len(plain) :]
    if value.startswith(("postgresql+asyncpg://", "sqlite+aiosqlite://")):
        return value
    raise ValueError("只支持 sqlite+aiosqlite:///路径 或 postgresql+asyncpg://用户@主机/库")


class SettingsError(Exception):
    """A setting is wrong; the message is one line naming the variable."""


def load_settings(**overrides: object) -> Settings:
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else "?"
        message = str(first["msg"]).removeprefix("Value error, ")
        raise SettingsError(f"配置错误 {ENV_PREFIX}{field.upper()}: {message}") from None


def sqlite_path(database_url: str) -> Path | None:
    """The file behind an SQLite URL, so its folder can be created on first run."""
    prefix = "sqlite+aiosqlite:///"
    if not database_url.startswith(prefix):
        return None
    path = database_url[len(prefix) :].split("?", 1)[0]
    if not path or path == ":memory:":
        return None
    return Path(path)

