"""What an elderly resident reads on WeChat, played through the webhook as WeChat sends it.

Each test is a moment from a played session (voice, numbered answers, menu
taps, a complaint with photos) that read wrongly on WeChat before its fix.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tests.channels.wechat_harness import wechat_bot
from tests.peers import wechat_messages as wm

OPENID = wm.make_openid("grandma-as-played")


@pytest.fixture
async def wx(sqlite_url, clock):
    async with wechat_bot(sqlite_url, clock) as harness:
        yield harness


async def say(wx, text: str) -> str:  # noqa: ANN001
    return (await wx.ask(wm.text(text, from_user=OPENID)))["Content"]


async def test_a_number_past_the_choices_is_asked_for_once_not_two_ways(wx):
    """请回复 1 到 2 之间的数字，或回复下面的编号: the numbers below are the numbers; it read as two things to do."""
    await say(wx, "预约办高龄补贴")  # 到中心办理 / 预约上门
    again = await say(wx, "3")
    assert "请回复 1 到 2 之间的数字：" in again
    assert "或回复下面的编号" not in again
    assert "【1】到中心办理" in again and again.count("（请回复数字选择）") == 1


async def test_help_names_the_words_to_send_not_telegram_commands(wx):
    """菜单 /menu, 取消 /cancel: slash commands are Telegram's; on WeChat the words are what one sends."""
    help_ = (await wx.ask(wm.click("help", from_user=OPENID)))["Content"]
    assert re.search(r"/[a-z]", help_) is None, help_
    assert "· 菜单：主菜单" in help_ and "· 取消：随时退出正在进行的操作" in help_
    assert "· 绑定 绑定码：" in help_  # how a binding code is sent: 绑定 ABC123


def _catalogue() -> list[tuple[str, str]]:
    import bot

    def texts(node, path: str):  # noqa: ANN001, ANN202
        if isinstance(node, dict):
            for key, value in node.items():
                yield from texts(value, f"{path}.{key}")
        elif isinstance(node, list):
            for value in node:
                yield from texts(value, path)
        elif isinstance(node, str):
            yield path, node

    folder = Path(bot.__file__).parent / "locales" / "zh"
    return [
        found
        for name in sorted(folder.glob("*.yaml"))
        if name.name != "telegram.yaml"  # Telegram's own texts never reach WeChat
        for found in texts(yaml.safe_load(name.read_text(encoding="utf-8")), name.stem)
    ]


def test_no_text_of_the_catalogue_names_a_button_or_a_command_on_wechat():
    """没有这个时段，请从按钮里选 and 这个按钮已经失效了 reached WeChat users, who see numbered lines."""
    from bot.channels.wechat.render import _as_replied

    catalogue = _catalogue()
    assert len(catalogue) > 100
    said = [(key, shown) for key, text in catalogue if re.search(r"按钮|(?<=[\u4e00-\u9fff]) /[a-z]", shown := _as_replied(text))]
    assert said == []


def test_two_ways_to_answer_are_not_the_same_way_said_twice():
    """回复“确认预约”或回复“确认”: one reply, two words for it."""
    from bot.channels.wechat.render import _as_replied
    from bot.texts import Texts

    shown = _as_replied(Texts("zh").get("booking.not_booked_yet"))
    assert "回复“确认预约”或“确认”" in shown and "或回复“确认”" not in shown


async def _to_the_photo_question(wx) -> None:  # noqa: ANN001
    for said in ("楼道灯坏了", "1", "张桂兰", "13912345678", "北苑3号楼2单元"):
        reply = await say(wx, said)
    assert "有现场照片吗" in reply


async def test_a_photo_sent_at_the_photo_question_is_said_to_go_with_the_case(wx):
    """The first photo files the case at once: the reply said 已提交 and never a word of the photo."""
    await _to_the_photo_question(wx)
    filed = (await wx.ask(wm.image(media_id="MEDIA_light_1", from_user=OPENID)))["Content"]
    assert "照片收到了" in filed and "✅ 您的诉求已提交" in filed
    assert filed.index("照片收到了") < filed.index("已提交")
    more = (await wx.ask(wm.image(media_id="MEDIA_light_2", from_user=OPENID)))["Content"]
    assert "现有 2 张照片" in more  # the next one picked with it joins the case, counted with the first


async def test_the_day_list_says_where_the_seats_left_are(wx):
    """括号里是剩余名额, over 3月2日（周一） 余72: the brackets hold the weekday, the seats follow 余."""
    days = await say(wx, "我要预约办居住证")
    assert "【1】3月2日（周一） 余" in days
    assert "括号里是剩余名额" not in days and "“余”后面的数是剩余名额" in days


async def test_a_single_booking_is_not_numbered_beside_the_numbered_choices(wx):
    """1. QUB4G5 老年人优待证办理… over 【1】改期 QUB4G5: the resident sent 1 for the booking and was moved."""
    for said in ("预约办老年优待证", "4", "2"):  # 3月5日, 09:00
        await say(wx, said)
    booked = await say(wx, "1")
    code = re.search(r"预约码：(\w+)", booked).group(1)
    mine = (await wx.ask(wm.click("bk:mine", from_user=OPENID)))["Content"]
    assert f"\n{code} 老年人优待证办理 3月5日" in mine and f"1. {code}" not in mine
    assert f"【1】改期 {code}" in mine and f"【2】取消 {code}" in mine
