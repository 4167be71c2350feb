"""Every published menu entry leads somewhere: WeChat menu keys and Telegram commands exist as routes."""

from __future__ import annotations

from bot.channels.telegram.commands import COMMANDS
from bot.channels.wechat.menu import read_menu
from handlers import route_table


def test_every_wechat_menu_key_is_a_button_the_bot_answers():
    routes = route_table()
    keys = [sub["key"] for top in read_menu()["button"] for sub in top.get("sub_button", []) if sub["type"] == "click"]
    assert keys and all(key.split(":", 1)[0] in routes.buttons for key in keys)


def test_every_telegram_command_is_routed():
    routes = route_table()
    assert all(name in routes.commands for name, _, _ in COMMANDS)
