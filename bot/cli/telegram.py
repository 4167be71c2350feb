"""`resident-bot telegram …`: register the webhook and the command menu with Telegram."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("telegram", help="Telegram：设置 webhook、命令菜单、查看状态", description="Telegram setup.")
    tg = parser.add_subparsers(dest="telegram_command", metavar="ACTION", required=True)
    hook = tg.add_parser(
        "set-webhook",
        help="向 Telegram 登记 webhook 地址（带密钥）并发布命令菜单",
        description="Register URL (https://your.host/telegram/webhook) with the secret token and the update "
        "types the bot handles, and publish the command menu in Chinese and English.",
    )
    hook.add_argument("url", help="the public HTTPS URL of /telegram/webhook")
    hook.add_argument("--drop-pending", action="store_true", help="discard updates Telegram is holding")
    hook.set_defaults(func=_set_webhook)
    delete = tg.add_parser("delete-webhook", help="删除 webhook（改用轮询时）", description="Remove the webhook.")
    delete.set_defaults(func=_delete_webhook)
    commands = tg.add_parser("set-commands", help="发布命令菜单（中文、英文）", description="Publish the command menu.")
    commands.set_defaults(func=_set_commands)
    info = tg.add_parser("info", help="显示机器人和 webhook 状态", description="Show getMe and getWebhookInfo.")
    info.set_defaults(func=_info)


def _with_bot(body) -> int:  # noqa: ANN001
    import asyncio

    from telegram.error import TelegramError

    from bot.channels.telegram.transport import make_bot
    from bot.cli import CliError
    from bot.cli.common import settings_or_exit

    settings = settings_or_exit()
    if settings.telegram_token is None:
        raise CliError("请先设置 RESIDENT_BOT_TELEGRAM_TOKEN（向 @BotFather 申请）")

    async def main() -> None:
        bot = make_bot(settings)
        try:
            await bot.initialize()
            await body(bot, settings)
        finally:
            await bot.shutdown()

    try:
        asyncio.run(main())
    except TelegramError as exc:
        raise CliError(f"Telegram 拒绝了请求：{exc}") from None
    return 0


def _set_webhook(args: argparse.Namespace) -> int:
    from bot.cli import CliError

    if not args.url.startswith("https://"):
        raise CliError("Telegram 只接受 https:// 地址")

    async def body(bot, settings) -> None:  # noqa: ANN001
        from bot.channels.telegram.commands import publish
        from bot.channels.telegram.inbound import ALLOWED_UPDATES

        if settings.telegram_webhook_secret is None:
            raise CliError("请先设置 RESIDENT_BOT_TELEGRAM_WEBHOOK_SECRET（1-256 个字母、数字、_ 或 -）")
        await bot.set_webhook(
            args.url,
            secret_token=settings.telegram_webhook_secret.get_secret_value(),
            allowed_updates=ALLOWED_UPDATES,
            drop_pending_updates=args.drop_pending,
        )
        await publish(bot)
        print(f"已登记 webhook：{args.url}（@{bot.username}），命令菜单已发布")

    return _with_bot(body)


def _delete_webhook(args: argparse.Namespace) -> int:
    async def body(bot, settings) -> None:  # noqa: ANN001
        await bot.delete_webhook()
        print("已删除 webhook")

    return _with_bot(body)


def _set_commands(args: argparse.Namespace) -> int:
    async def body(bot, settings) -> None:  # noqa: ANN001
        from bot.channels.telegram.commands import publish

        await publish(bot)
        print("命令菜单已发布（中文、英文）")

    return _with_bot(body)


def _info(args: argparse.Namespace) -> int:
    async def body(bot, settings) -> None:  # noqa: ANN001
        info = await bot.get_webhook_info()
        print(f"机器人：@{bot.username}（id {bot.id}）")
        print(f"webhook：{info.url or '（未设置，使用轮询）'}，待处理 {info.pending_update_count} 条")
        if info.last_error_message:
            print(f"最近错误：{info.last_error_message}")

    return _with_bot(body)
