"""Random sessions of residents, a grid manager, a volunteer, staff and a Party member: no message goes unanswered.

Each session mixes what people really send — their words (typos, numbers,
names, addresses, emergencies), the buttons they were shown, buttons forged
or out of date, photos, a location — while time moves on and pushes are
delivered. Whatever the order, every message must get an answer, and none
may end in the bot's own error (the 系统没能处理 path, logged at ERROR). The
seeds are fixed, so a failure is found again by its seed and turn.
"""

from __future__ import annotations

import logging
import random
from datetime import timedelta

import pytest

from bot.core.messages import Attachment, Inbound, Location
from bot.models import Role
from tests.helpers import Chat, bind

WORDS = (
    "1", "2", "3", "5", "9", "12", "0", "第二个", "回复3", "好的", "好", "嗯", "不要了", "继续", "返回", "算了", "取消",
    "确认", "同意", "不同意", "明天", "下午", "明天上午九点", "下周二", "3号楼2单元301", "文峰北苑", "1单元402",
    "文峰北苑5号楼门口", "就是二楼到三楼那块", "13800138000", "王建国", "我叫李秀兰 13912345678", "修好了",
    "修好了 换了灯泡", "认领", "放弃认领", "报名", "请假", "我那天要上班", "待办", "帮助", "菜单", "我的资料",
    "我的预约", "我的诉求", "我的心愿", "🙏", "", "   ", "谢谢", "不对", "是的", "我想许个心愿", "想要个收音机",
    "楼道灯坏了", "电梯坏了", "楼上往下扔垃圾", "我老伴摔了起不来", "孩子找不到了", "我想预约", "理发", "老年证",
    "高龄津贴怎么办", "我今年81了", "能上门办吗", "老年人能办哪些事", "网格员是谁", "我想入党", "转人工",
    "心愿墙", "已上门", "待回复", "审核心愿", "发送情况", "/start", "/menu", "/cancel", "/forget", "删除我的资料",
    "绑定 ABCDEFGH", "x" * 5000, "換個時間", "下一页", "上一页", "不约了", "确认预约", "陪了三个小时", "这个我弄不了",
    "有啥活儿", "谁报名了", "收到，准时参加", "几点开始", "我去不了", "help", "change my phone number",
    "what is my phone number", "my cases", "我的新号码是13912345678", "通知写错了", "回复 1 好的", "不用修了已经好了",
)
FORGED = (
    "bk:cx:999", "bk:mv:ZZZ", "bk:slot:20260303T0100", "bk:day:20990101", "svc:nope", "svc:repair:materials",
    "case:done:1", "case:take:999", "wish:claim:1", "wish:claim:abc", "human:5", "book:page:99",
    "book:elderly-allowance", "menu", "guide:home:home:0", "pd:join:1", "pd:leave:1", "x" * 64, "bk:hvyes:1",
    "bk:take:1", "bk:unwait:1", ":::", "bk:", "case:", "wish:", "me:address", "nm:keep", "ph:keep", "cw:wd:1", "cw:wd:x",
)
TURNS = 400


async def _people(app) -> list[Chat]:  # noqa: ANN001
    people = [Chat(app, "r1"), Chat(app, "r2", "wechat"), Chat(app, "r3", "telegram")]
    people.append(await bind(app, "gm", Role.grid_manager, grid_id="wenfeng-01"))
    for user, role in (("vol", Role.volunteer), ("staff", Role.staff), ("pm", Role.party_member)):
        people.append(await bind(app, user, role, community_id="wenfeng"))
    return people


async def _one_turn(person: Chat, rnd: random.Random, turn: int) -> str:
    """Send one random thing as `person`; returns what was sent, for the failure message."""
    shown = [button.payload for reply in person.replies for button in reply.flat_buttons]
    roll = rnd.random()
    if roll < 0.35 and shown:
        payload = rnd.choice(shown)
        await person.press(payload)
        return f"pressed {payload}"
    if roll < 0.42:
        payload = rnd.choice(FORGED)
        await person.press(payload)
        return f"forged {payload}"
    if roll < 0.46:
        photo = Attachment("photo", f"photo-{turn}", 1000, "image/jpeg")
        await person.send(Inbound(channel=person.channel, user_id=person.user, attachment=photo))
        return "a photo"
    if roll < 0.48:
        await person.send(Inbound(channel=person.channel, user_id=person.user, location=Location(34.039, 113.85)))
        return "a location"
    words = rnd.choice(WORDS)
    await person.say(words)
    return f"said {words[:30]!r}"


@pytest.mark.parametrize("seed", [1, 2, 3])
async def test_whatever_is_sent_in_whatever_order_gets_an_answer_and_no_error(app, clock, caplog, seed):
    caplog.set_level(logging.ERROR)
    rnd = random.Random(seed)
    people = await _people(app)
    sent: dict[str, list[str]] = {person.user: [] for person in people}
    for turn in range(TURNS):
        person = rnd.choice(people)
        sent[person.user].append(await _one_turn(person, rnd, turn))
        story = f"seed {seed}, turn {turn}, {person.user}: {sent[person.user][-6:]}"
        assert not [r for r in caplog.records if r.levelno >= logging.ERROR], story
        assert any(reply.text.strip() for reply in person.replies), story
        clock.advance(timedelta(seconds=rnd.choice([3, 8, 20])))  # as people type; flood control is not tested here
        if rnd.random() < 0.05:
            clock.advance(timedelta(minutes=rnd.choice([10, 60, 600, 3000])))  # dialogs and seats lapse
        if rnd.random() < 0.2:
            for someone in people:
                await someone.pushes()


@pytest.mark.parametrize("payload", ["wish:claim:", "case:take:", "hreply:", "bk:cx:"])
async def test_a_button_cut_off_before_its_number_says_nothing_was_found(app, payload):
    """A forged or cut-off button with no number said 没有编号为  的心愿, a blank where the number goes."""
    me = await bind(app, "vol", Role.volunteer, community_id="wenfeng")
    await me.press(payload)
    assert "编号为  的" not in me.text and "编号为 的" not in me.text and me.text.strip(), me.text
