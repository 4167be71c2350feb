"""What every CLI command that touches the database shares."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

from bot.config import Settings, SettingsError, load_settings

T = TypeVar("T")


def settings_or_exit() -> Settings:
    from bot.cli import CliError

    try:
        return load_settings()
    except SettingsError as exc:
        raise CliError(str(exc)) from None


def run_with_app(body: Callable[..., Awaitable[T]], *, quiet: bool = True) -> T:
    """Build the App (migrating the embedded database), run `body(app)`, close it."""
    from bot import logs
    from bot.app import StartupError, build_app
    from bot.cli import CliError
    from bot.services.errors import DomainError
    from bot.texts import Texts

    settings = settings_or_exit()
    logs.setup("WARNING" if quiet else settings.log_level)

    async def main() -> T:
        try:
            app = await build_app(settings)
        except StartupError as exc:
            raise CliError(str(exc)) from None
        try:
            return await body(app)
        except DomainError as err:
            raise CliError(Texts(settings.language).get(err.key, **err.params)) from None
        finally:
            await app.close()

    return asyncio.run(main())
