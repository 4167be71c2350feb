"""主题党日 as members and staff played it in `resident-bot chat`: each test is a defect seen there."""

from __future__ import annotations

from sqlmodel import select

from bot.models import PartyDayReply, Role
from tests.helpers import Chat, bind
from tests.scheduler.common import local
from tests.test_partyday import _set_by_chat


async def _answers(app) -> dict[int, tuple[str, str | None]]:  # noqa: ANN001
    async with app.db.uow() as uow:
        return {a.person_id: (a.status, a.reason) for a in (await uow.session.exec(select(PartyDayReply))).all()}


async def test_words_after_sign_up_that_name_another_thing_do_not_sign_a_member_up(app, clock):
    """报名 老年大学 and 参加 太极拳班怎么报名 from a member answered 已为您报名 …主题党日, and the question was lost."""
    clock.set(local(2026, 4, 1, 10))
    staff = await bind(app, "secretary", Role.staff)
    wang = await bind(app, "wang", Role.party_member)
    await _set_by_chat(staff)
    for said in ("报名 老年大学", "参加 太极拳班怎么报名"):
        await wang.say(said)
        assert "已为您报名" not in wang.text, (said, wang.text)
    assert await _answers(app) == {}
    await wang.say("报名 这个月的党日")  # still the Party day
    assert "已为您报名 4月的主题党日" in wang.text, wang.text


async def test_leave_asked_by_someone_who_is_no_member_is_refused_before_the_reason(app, clock):
    """A resident's 请假 asked the reason; the next words (有啥活儿) were taken as it and then refused, and lost."""
    clock.set(local(2026, 4, 1, 10))
    staff = await bind(app, "secretary", Role.staff)
    await _set_by_chat(staff)
    resident = Chat(app, "neighbour")
    await resident.say("请假")
    assert "只对本社区的党员开放" in resident.text and "请假的原因" not in resident.text, resident.text
    await resident.say("低保要带什么材料")  # answered as ever, not taken as a reason
    assert "只对本社区的党员开放" not in resident.text and "低保" in resident.text, resident.text


async def test_under_the_notice_a_reason_alone_a_change_of_mind_and_its_time_and_place_are_understood(app, clock):
    """我那天要上班 and 改成参加 were 答不上来, 几点开始 the centre's opening hours, under the notice."""
    clock.set(local(2026, 4, 1, 10))
    staff = await bind(app, "secretary", Role.staff)
    wang = await bind(app, "wang", Role.party_member)
    await _set_by_chat(staff)
    await wang.say("这个月主题党日")
    await wang.say("我那天要上班")
    assert "已为您请假（原因：我那天要上班）" in wang.text, wang.text
    await wang.say("这个月主题党日")
    await wang.say("改成参加")
    assert "已为您报名 4月的主题党日" in wang.text, wang.text
    await wang.say("几点开始")
    assert "4月10日（周五）09:00" in wang.text and "党群服务中心二楼会议室" in wang.text, wang.text
    await wang.say("在哪开")
    assert "党群服务中心二楼会议室" in wang.text, wang.text
    await wang.say("我那天要上班")  # the notice still in view: leave again, the last answer counts
    await wang.say("还是参加吧")
    assert "已为您报名" in wang.text, wang.text
    assert list((await _answers(app)).values()) == [("join", None)]


async def test_staff_ask_who_signed_up_in_words_and_get_the_list(app, clock):
    """谁报名了 was 答不上来 and 党日报名情况 the notice with a button to press for the list."""
    clock.set(local(2026, 4, 1, 10))
    staff = await bind(app, "secretary", Role.staff)
    wang = await bind(app, "wang", Role.party_member)
    await _set_by_chat(staff)
    await wang.say("报名")
    for said in ("谁报名了", "党日报名情况"):
        await staff.say(said)
        assert "报名情况（党员 1 人）" in staff.text and "报名参加（1）" in staff.text, (said, staff.text)
    await wang.say("谁报名了")  # a member is no staff: no list of the others
    assert "报名情况（党员" not in wang.text, wang.text


async def test_under_the_pushed_notice_an_acknowledgement_with_a_yes_signs_up(app, clock):
    """收到，准时参加 typed under the notice was 答不上来; a bare 收到 is no answer."""
    clock.set(local(2026, 4, 1, 10))
    staff = await bind(app, "secretary", Role.staff)
    wang = await bind(app, "wang", Role.party_member)
    await _set_by_chat(staff)
    await wang.say("这个月主题党日")
    await wang.say("收到")
    assert await _answers(app) == {}
    await wang.say("这个月主题党日")
    await wang.say("收到，准时参加")
    assert "已为您报名 4月的主题党日" in wang.text, wang.text
