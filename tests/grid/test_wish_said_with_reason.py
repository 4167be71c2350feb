"""A wish said in one message with its reason: the wish is what was wanted, the reason is not asked again."""

from __future__ import annotations

from sqlmodel import select

from bot.models import Role, Wish
from tests.grid.util import resident
from tests.helpers import bind


async def _stored(app) -> list[tuple[str, str]]:  # noqa: ANN001
    async with app.db.uow() as uow:
        return [(wish.what, wish.why) for wish in (await uow.session.exec(select(Wish).order_by(Wish.id))).all()]


async def test_the_reason_said_with_the_wish_is_its_reason_and_the_asking_words_are_left_out(app):
    staff = await bind(app, "shequ", Role.staff)
    grandpa = await resident(app, "zhang", name="张建国", phone="13900002222")
    await grandpa.say("我想许个愿 希望有人帮我把旧衣服捐了 我腿不好拿不动")
    assert "为什么需要它" not in grandpa.text
    assert "希望有人帮我把旧衣服捐了" in grandpa.text and "我腿不好拿不动" in grandpa.text
    assert "什么时候前" in grandpa.text
    await grandpa.press("wi:by:7")
    await grandpa.press("wi:skip")
    assert "微心愿已提交" in grandpa.text
    assert await _stored(app) == [("希望有人帮我把旧衣服捐了", "我腿不好拿不动")]
    [review] = [p for p in await staff.pushes() if "心愿" in p]
    assert "我想许个愿" not in review


async def test_a_reason_said_with_because_is_kept_and_back_asks_for_it_again(app):
    grandma = await resident(app, "wang")
    await grandma.say("我想许个愿：想要一台收音机，因为眼睛不好看不了电视")
    assert "想要一台收音机" in grandma.text and "因为眼睛不好看不了电视" in grandma.text
    await grandma.say("返回")
    assert "为什么需要它" in grandma.text
    await grandma.say("一个人在家闷得慌")
    await grandma.press("wi:by:14")
    await grandma.press("wi:skip")
    assert await _stored(app) == [("想要一台收音机", "一个人在家闷得慌")]


async def test_a_wish_said_without_a_reason_is_still_asked_why(app):
    grandma = await resident(app, "wang")
    await grandma.say("希望有人陪我去医院复查")
    assert "为什么需要它" in grandma.text
    assert "希望有人陪我去医院复查" in grandma.text


async def test_the_reason_said_before_the_profile_questions_is_shown_after_them(app):
    from tests.helpers import Chat

    newcomer = Chat(app, "li")
    await newcomer.say("我想许个愿 想要个助行器 我走不动路")
    assert "您同意吗" in newcomer.text
    await newcomer.say("1")
    await newcomer.say("李桂芳")
    await newcomer.say("13911112222")
    await newcomer.say("北苑2号楼1单元502")
    assert "想要个助行器" in newcomer.text and "我走不动路" in newcomer.text
    assert "什么时候前" in newcomer.text
