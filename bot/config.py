"""Settings, read from `RESIDENT_BOT_*` environment variables or a `.env` file.

A wrong value must stop start-up with one line naming the variable, because
the person reading it is an operator at a terminal, not a Python developer.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, ValidationError, ValidationInfo, field_validator
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
    form_timeout_hours: int = Field(default=24, ge=1, le=24 * 30)  # a dialog holding the person's words
    invite_ttl_hours: int = Field(default=72, ge=1, le=24 * 90)
    knowledge_path: Path | None = None  # a file or folder replacing the shipped knowledge base
    opening_plan_file: Path | None = None  # default: the shipped bot/data/opening_plan.yaml (bookings)

    telegram_token: SecretStr | None = None
    telegram_webhook_secret: SecretStr | None = None
    telegram_api_url: str = "https://api.telegram.org"
    telegram_rate_per_second: float = Field(default=30.0, gt=0, le=1000)
    telegram_chat_rate_per_second: float = Field(default=1.0, gt=0, le=100)

    wechat_token: SecretStr | None = None
    wechat_appid: str | None = None
    wechat_secret: SecretStr | None = None
    wechat_aes_key: SecretStr | None = None  # EncodingAESKey: needed for compatible and safe mode
    wechat_api_url: str = "https://api.weixin.qq.com"
    wechat_template_id: str | None = None  # a template with a {{content.DATA}} field, for notices
    wechat_reply_seconds: float = Field(default=4.0, gt=0, le=4.8)  # answer passively within this
    wechat_menu_file: Path | None = None  # default: the shipped bot/data/wechat_menu.yaml
    wechat_rate_per_second: float = Field(default=50.0, gt=0, le=1000)

    outbox_batch_size: int = Field(default=100, ge=1, le=5000)
    outbox_idle_seconds: float = Field(default=1.0, gt=0, le=60)
    outbox_max_attempts: int = Field(default=8, ge=1, le=100)

    # Scheduler, Party day, quiet hours (bot/services/schedule.py parses the times).
    scheduler_enabled: bool = True  # `serve` runs the scheduler too (when elected)
    scheduler_tick_seconds: int = Field(default=60, ge=5, le=3600)
    scheduler_leader_retry_seconds: float = Field(default=30.0, gt=0, le=3600)
    quiet_hours: str = "21:30-08:00"  # non-urgent pushes wait until the end; "off" disables
    party_day_of_month: int = Field(default=10, ge=1, le=28)
    party_day_pre_notice_days: int = Field(default=2, ge=1, le=14)
    party_day_pre_notice_time: str = "09:00"
    party_day_notice_time: str = "08:00"
    digest_time: str = "08:30"

    # Grid workflows: complaints, micro-wishes, Open311 (bot/services/cases.py, wishes.py, bot/open311.py).
    case_rules_file: Path | None = None  # default: the shipped bot/data/case_rules.yaml
    # Photos residents sent are erased this many days after they were sent, once no open case or
    # wish needs them (0 keeps them until /forget).
    photo_retention_days: int = Field(default=365, ge=0, le=36500)
    # Records of handled messages, kept to answer a platform's retry with the same reply, go after this many days.
    handled_message_retention_days: int = Field(default=30, ge=2, le=3650)
    # Settled pushes (sent, given up on, person unreachable) are deleted this many days after they went out,
    # with the phone numbers and addresses they quote; a notice keeps its delivery counts. Pending ones stay.
    outbox_retention_days: int = Field(default=30, ge=7, le=3650)
    open311_api_keys: str = ""  # comma-separated keys accepted by POST /open311/v2/requests.json
    # What a resident adds to a case reaches its handlers once per burst (bot/services/cases/info_pushes.py):
    # a photo waits this long for the rest, and a push kept being added to goes at the latest this long after queued.
    photo_burst_seconds: float = Field(default=5.0, gt=0, le=600)
    photo_burst_max_seconds: float = Field(default=30.0, gt=0, le=3600)

    @field_validator("party_day_pre_notice_time", "party_day_notice_time", "digest_time")
    @classmethod
    def _clock_time(cls, value: str) -> str:
        from bot.services.schedule import parse_clock_time

        parse_clock_time(value)
        return value.strip()

    @field_validator("quiet_hours")
    @classmethod
    def _quiet_hours(cls, value: str) -> str:
        from bot.services.schedule import parse_quiet_hours

        parse_quiet_hours(value)
        return value.strip()

    @field_validator("photo_burst_max_seconds")
    @classmethod
    def _burst_max_not_below_window(cls, value: float, info: ValidationInfo) -> float:
        window = info.data.get("photo_burst_seconds")
        if window is not None and value < window:
            raise ValueError(f"不能小于 {ENV_PREFIX}PHOTO_BURST_SECONDS（{window:g} 秒）")
        return value

    @field_validator("telegram_webhook_secret")
    @classmethod
    def _telegram_secret_charset(cls, value: SecretStr | None) -> SecretStr | None:
        # Telegram accepts 1-256 characters A-Z, a-z, 0-9, _ and - for secret_token.
        import re

        if value is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", value.get_secret_value()):
            raise ValueError("只能用 1-256 个字母、数字、_ 或 -（Telegram 的要求）")
        return value

    @field_validator("wechat_aes_key")
    @classmethod
    def _aes_key_shape(cls, value: SecretStr | None) -> SecretStr | None:
        import base64
        import binascii

        if value is None:
            return None
        key = value.get_secret_value()
        try:
            ok = len(key) == 43 and len(base64.b64decode(key + "=")) == 32
        except (binascii.Error, ValueError):
            ok = False
        if not ok:
            raise ValueError("EncodingAESKey 应是公众号后台生成的 43 位字符")
        return value

    @field_validator("telegram_api_url", "wechat_api_url")
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
    def open311_keys(self) -> frozenset[str]:
        return frozenset(k.strip() for k in self.open311_api_keys.split(",") if k.strip())

    def pushes_reach(self, channel: str) -> bool:
        """Whether the bot can send a person of `channel` a message of its own (a push), not only replies.

        A WeChat account without AppID and AppSecret (a subscription account)
        can only answer: what promises a later message must not be said there.
        """
        return channel != "wechat" or (bool(self.wechat_appid) and self.wechat_secret is not None)

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

