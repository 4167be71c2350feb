"""How replies look on Telegram: what is bold, checked at the Bot API peer."""

from __future__ import annotations

from datetime import timedelta


from bot.models import Role
from bot.services import roles
from tests.peers import telegram_updates as tu

RESIDENT = 7601
STAFF = 7602


async def test_a_residents_words_quoted_after_a_title_are_not_bold(tg):
    async with tg.runtime.app.db.uow() as uow:
        code = (await roles.create_invite(uow, Role.staff, ttl=timedelta(hours=1))).code
    await tg.post(tu.text_update(1, STAFF, f"绑定 {code}"))
    await tg.post(tu.text_update(2, RESIDENT, "转人工 我家的低保批了没有 <急> & *"))
    assert await tg.drain() == 1
    pushed = tg.peer.texts(STAFF)[-1]
    assert pushed.startswith("<b>【转人工 #1】</b>居民")
    assert pushed.endswith("我家的低保批了没有 &lt;急&gt; &amp; *")


async def test_a_question_after_a_title_is_not_bold_and_a_heading_line_is(tg):
    await tg.post(tu.text_update(3, RESIDENT, "低保要带什么材料"))
    materials = tg.peer.texts(RESIDENT)[-1]
    assert materials.startswith("<b>【最低生活保障申请】要带的材料</b>\n1. ")
    await tg.post(tu.callback_update(4, RESIDENT, "book:minimum-living-allowance", message_id=1))
    asked = tg.peer.message(RESIDENT, 1)
    assert asked["text"].startswith("【最低生活保障申请】可以到中心办理")
    [bold] = [entity for entity in asked["entities"] if entity["type"] == "bold"]
    assert (bold["offset"], bold["length"]) == (0, len("【最低生活保障申请】"))
