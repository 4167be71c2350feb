"""The command menu Telegram shows next to the text field, in Chinese and English."""

from __future__ import annotations

from telegram import Bot, BotCommand

COMMANDS: list[tuple[str, str, str]] = [
    ("menu", "主菜单", "Main menu"),
    ("guide", "办事指南", "Service guide"),
    ("report", "反映问题（诉求）", "Report a problem"),
    ("cases", "我的诉求进度", "My reports"),
    ("wish", "许个微心愿", "Make a micro-wish"),
    ("wishes", "心愿墙（志愿者认领）", "Wishes to claim"),
    ("tasks", "我的待办（网格员）", "My tasks (staff)"),
    ("stats", "工作统计（工作人员）", "Statistics (staff)"),
    ("human", "找工作人员（转人工）", "Talk to staff"),
    ("me", "我的资料", "My details"),
    ("forget", "删除我的资料", "Erase my details"),
    ("bind", "绑定身份（绑定码）", "Bind a role with a code"),
    ("cancel", "取消当前操作", "Cancel"),
    ("help", "使用帮助", "Help"),
]


async def publish(bot: Bot) -> None:
    """Chinese for everyone, English for clients set to English."""
    await bot.set_my_commands([BotCommand(name, zh) for name, zh, _ in COMMANDS])
    await bot.set_my_commands([BotCommand(name, en) for name, _, en in COMMANDS], language_code="en")
