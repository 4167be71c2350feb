"""A Party member's few words about the month's Party day before, and under, its notice.

Played in the console: 这个月党日是哪天 (not published yet) and then 几点开始
was the centre's opening hours; 我那天要去医院，来不了 with the day set but
not yet announced was 您现在没有要回复的主题党日通知, without when it is or how
to answer; 我去不了，请假 under the notice stored 我去不了 as the reason the
Party organisation reads.
"""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from bot.models import PartyDayReply, Role
from tests.helpers import Chat, bind
from tests.scheduler.common import local
from tests.test_partyday import _set_by_chat


async def _answers(app) -> list[tuple[str, str | None]]:  # noqa: ANN001
    async with app.db.uow() as uow:
        return [(a.status, a.reason) for a in (await uow.session.exec(select(PartyDayReply))).all()]


async def _say(clock, person: Chat, text: str) -> str:  # noqa: ANN001
    clock.advance(timedelta(minutes=2))
    await person.say(text)
    return person.text


async def test_when_it_starts_before_it_is_published_is_the_party_day_not_the_centres_hours(app, clock):
    clock.set(local(2026, 4, 1, 10))
    li = await bind(app, "li", Role.party_member)
    assert "4月10日是本月主题党日" in await _say(clock, li, "这个月党日是哪天")
    said = await _say(clock, li, "几点开始")
    assert "4月10日是本月主题党日" in said and "还没有发布" in said and "社区几点上班" in said, said
    assert "今天开放" not in said, said
    said = await _say(clock, li, "我去不了，请假")
    assert "您说的是主题党日吗" in said and "还没有发布" in said, said


async def test_leave_typed_before_the_notice_shows_the_day_and_how_to_answer(app, clock):
    clock.set(local(2026, 4, 1, 10))
    staff = await bind(app, "secretary", Role.staff)
    li = await bind(app, "li", Role.party_member)
    await _set_by_chat(staff)
    await _say(clock, li, "低保要带什么材料")
    said = await _say(clock, li, "我那天要去医院，来不了")
    assert "4月10日（周五）09:00" in said and "请假 原因" in said and "请假" in li.buttons, said
    assert await _answers(app) == []  # not announced: nothing taken unasked
    said = await _say(clock, li, "我那天要去医院，来不了")  # under the arrangement shown: taken
    assert "已为您请假（原因：我那天要去医院）" in said, said


async def test_i_cannot_go_then_leave_is_asked_its_reason_not_stored_as_one(app, clock):
    clock.set(local(2026, 4, 1, 10))
    staff = await bind(app, "secretary", Role.staff)
    li = await bind(app, "li", Role.party_member)
    await _set_by_chat(staff)
    await _say(clock, li, "这个月党日")
    said = await _say(clock, li, "我去不了，请假")
    assert "请说一下请假的原因" in said, said
    assert "已为您请假（原因：去医院复查）" in await _say(clock, li, "去医院复查")
    assert await _answers(app) == [("leave", "去医院复查")]


async def test_a_resident_who_is_no_member_is_not_told_to_reply_报名(app, clock):
    """这个月党日在哪开 from a resident said 请回复“报名”, and 报名 then got 只对本社区的党员开放."""
    clock.set(local(2026, 4, 1, 10))
    staff = await bind(app, "secretary", Role.staff)
    li = await bind(app, "li", Role.party_member)
    await _set_by_chat(staff)
    neighbour = Chat(app, "neighbour")
    said = await _say(clock, neighbour, "这个月党日在哪开")
    assert "党群服务中心二楼会议室" in said and "报名" not in said and "请假" not in said, said
    said = await _say(clock, li, "这个月党日在哪开")
    assert "党群服务中心二楼会议室" in said and "回复“报名”" in said and "报名参加" in li.buttons, said
