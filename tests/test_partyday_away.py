"""主题党日 answers typed away from the notice: after another question, or once its buttons lapsed.

Each was 答不上来 (logged as a question the knowledge base lacks), a booking
answer or the notice shown again, and nothing was recorded.
"""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from bot.models import Community, PartyDayReply, Role
from scheduler import jobs
from tests.helpers import Chat, bind, unanswered
from tests.scheduler.common import local
from tests.test_partyday import _set_by_chat


async def _answers(app) -> dict[int, tuple[str, str | None]]:  # noqa: ANN001
    async with app.db.uow() as uow:
        return {a.person_id: (a.status, a.reason) for a in (await uow.session.exec(select(PartyDayReply))).all()}


async def _notified(app, clock, *members: Chat) -> None:  # noqa: ANN001
    """April's pre-notice pushed on 4月8日 and read by each member."""
    clock.set(local(2026, 4, 8, 9, 0))
    assert await jobs.run_tick(app, "partyday") == 1
    for member in members:
        [notice] = await member.pushes()
        assert notice.startswith("【主题党日预告】"), notice


async def _say(clock, person: Chat, text: str) -> str:  # noqa: ANN001
    clock.advance(timedelta(minutes=2))  # a person's pace, not a flood
    await person.say(text)
    return person.text


async def test_a_member_answers_the_notice_after_asking_something_else(app, clock):
    """我那天要上班 after 低保要带什么材料 was 低保's opening hours; 收到，准时参加 答不上来; 我去不了 "no booking"."""
    clock.set(local(2026, 4, 1, 10))
    staff = await bind(app, "secretary", Role.staff)
    wang = await bind(app, "wang", Role.party_member)
    await _set_by_chat(staff)
    await _notified(app, clock, wang)

    await _say(clock, wang, "低保要带什么材料")
    assert "已为您请假（原因：我那天要上班）" in await _say(clock, wang, "我那天要上班")
    await _say(clock, wang, "低保要带什么材料")
    assert "已为您报名 4月的主题党日" in await _say(clock, wang, "收到，准时参加")
    await _say(clock, wang, "低保要带什么材料")
    assert "请说一下请假的原因" in await _say(clock, wang, "我去不了")
    assert "已为您请假（原因：孙子发烧要照顾）" in await _say(clock, wang, "孙子发烧要照顾")

    clock.advance(timedelta(hours=25))  # the pushed notice's buttons lapsed too
    await _say(clock, wang, "低保要带什么材料")
    assert "已为您报名 4月的主题党日" in await _say(clock, wang, "党日活动我参加")
    assert "请说一下请假的原因" in await _say(clock, wang, "这次党日我请假")
    assert "已为您请假（原因：去医院复查）" in await _say(clock, wang, "去医院复查")
    assert "已为您报名 4月的主题党日" in await _say(clock, wang, "报名党日")
    for asked in ("党日几点开始", "党日在哪"):
        said = await _say(clock, wang, asked)
        assert "4月10日（周五）09:00" in said and "党群服务中心二楼会议室" in said, (asked, said)
    assert list((await _answers(app)).values()) == [("join", None)]  # the last answer counts, recorded once
    assert await unanswered(app) == []


async def test_words_away_from_a_notice_are_not_taken_from_others_or_without_one(app, clock):
    """A resident's 我那天要上班 or 请假 is no Party-day leave; a member told of no Party day is told so, not 答不上来."""
    clock.set(local(2026, 4, 1, 10))
    staff = await bind(app, "secretary", Role.staff)
    wang = await bind(app, "wang", Role.party_member)
    resident = Chat(app, "neighbour")

    said = await _say(clock, resident, "请假")  # no Party day in sight: some other matter, read as any words
    assert "主题党日" not in said, said
    said = await _say(clock, resident, "我那天要上班")
    assert "请假" not in said and "主题党日" not in said, said

    said = await _say(clock, wang, "我那天要上班")  # a member, with no notice to answer
    assert "您说的是主题党日吗" in said and "答不上来" not in said, said

    await _set_by_chat(staff)
    said = await _say(clock, wang, "收到，准时参加")  # set, but no notice sent yet: no day to mean
    assert "您说的是主题党日吗" in said and "4月10日（周五）09:00" in said and "已为您" not in said, said
    said = await _say(clock, resident, "这次党日我请假")  # named: refused, as under the notice
    assert "只对本社区的党员开放" in said, said
    await _notified(app, clock, wang)
    said = await _say(clock, resident, "我那天要上班")
    assert "请假" not in said and "党员" not in said, said
    said = await _say(clock, wang, "报名 老年大学")
    assert "已为您报名" not in said, said
    assert await _answers(app) == {}
    assert "收到，准时参加" not in await unanswered(app)


async def test_a_member_of_two_communities_with_two_notices_is_asked_which(app, clock):
    """Two open Party days: 我那天要上班 asks which, and the leave is taken for the one chosen, with its reason."""
    clock.set(local(2026, 4, 1, 10))
    async with app.db.uow() as uow:
        uow.session.add(Community(id="chunhua", name="春华社区", street_id="xidajie"))
        await uow.commit()
    staff = await bind(app, "secretary", Role.staff, community_id="wenfeng")
    other_staff = await bind(app, "chunhua-secretary", Role.staff, community_id="chunhua")
    wang = await bind(app, "wang", Role.party_member, community_id="wenfeng")
    async with app.db.uow() as uow:
        from bot.services import roles

        code = (await roles.create_invite(uow, Role.party_member, ttl=timedelta(days=30), community_id="chunhua")).code
    assert "绑定成功" in await _say(clock, wang, f"绑定 {code}")
    await _set_by_chat(staff)
    await _set_by_chat(other_staff)
    clock.set(local(2026, 4, 8, 9, 0))
    assert await jobs.run_tick(app, "partyday") == 2
    assert len(await wang.pushes()) == 2

    await _say(clock, wang, "低保要带什么材料")
    said = await _say(clock, wang, "我那天要上班")
    assert "哪一期主题党日" in said and "春华社区 4月10日" in wang.buttons and "文峰社区 4月10日" in wang.buttons, (said, wang.buttons)
    assert await _answers(app) == {}
    said = await _say(clock, wang, str(wang.buttons.index("春华社区 4月10日") + 1))
    assert "已为您请假（原因：我那天要上班）" in said, said
    async with app.db.uow() as uow:
        [reply] = (await uow.session.exec(select(PartyDayReply))).all()
        from bot.models import PartyDay

        assert (await uow.session.get(PartyDay, reply.party_day_id)).community_id == "chunhua"


async def test_not_going_said_by_a_member_with_a_booking_is_about_the_booking(app, clock):
    """我去不了 from a member with both a booking and an open notice: the booking, as before; 请假 words: the Party day."""
    from tests.booking.helpers import book

    clock.set(local(2026, 4, 1, 10))
    staff = await bind(app, "secretary", Role.staff)
    wang = await bind(app, "wang", Role.party_member)
    await _set_by_chat(staff)
    await _notified(app, clock, wang)
    await wang.press("book:residence-permit")
    day = next(label for label in wang.buttons if "月" in label and "日" in label)
    code = await book(wang, day=day.split()[0], time="10:30")
    said = await _say(clock, wang, "我去不了")
    assert code in said and "请假" not in said, said
    said = await _say(clock, wang, "我那天要上班")  # a reason alone: the booking's day as much as the Party day's
    assert "已为您请假" not in said, said
    assert "已为您请假（原因：我那天要上班）" in await _say(clock, wang, "我那天要上班，党日请个假")


async def test_a_volunteer_giving_back_a_claim_is_not_taken_as_asking_leave(app, clock):
    """我去不了了，让别人来吧 from a volunteer who is a member too: their claim given back, not leave with reason 了，让别人来吧."""
    from tests.grid.test_wishes import approved_wish

    clock.set(local(2026, 4, 1, 10))
    staff, [volunteer], _grandma, number = await approved_wish(app)
    await bind(app, "v1", Role.party_member)
    await _set_by_chat(staff)
    await volunteer.press(f"wish:claim:{number}")
    clock.set(local(2026, 4, 8, 9, 0))
    assert await jobs.run_tick(app, "partyday") == 1
    assert any(push.startswith("【主题党日预告】") for push in await volunteer.pushes())
    await _say(clock, volunteer, "菜单")
    said = await _say(clock, volunteer, "我去不了了，让别人来吧")
    assert f"是要放弃认领心愿 #{number}" in said and "请假" not in said, said
    assert await _answers(app) == {}
    assert "已为您请假（原因：出差）" in await _say(clock, volunteer, "党日去不了了，出差")


async def test_when_it_starts_asked_bare_is_the_party_day_told_of_not_the_centres_hours(app, clock):
    """几点开始 after another question was the centre's opening hours for a member told of the Party day."""
    clock.set(local(2026, 4, 1, 10))
    staff = await bind(app, "secretary", Role.staff)
    wang = await bind(app, "wang", Role.party_member)
    resident = Chat(app, "neighbour")
    await _set_by_chat(staff)
    await _notified(app, clock, wang)

    clock.advance(timedelta(hours=25))  # the notice's buttons lapsed
    for asked in ("几点开始", "什么时候开会？"):
        await _say(clock, wang, "低保要带什么材料")
        said = await _say(clock, wang, asked)
        assert "4月10日（周五）09:00" in said and "党群服务中心二楼会议室" in said, (asked, said)
        assert "社区几点上班" in said, said  # the centre's hours one line away
    said = await _say(clock, wang, "社区几点上班")
    assert "4月10日" not in said, said

    said = await _say(clock, resident, "几点开始")  # told of no Party day: read as ever
    assert "4月10日" not in said, said
    assert await _answers(app) == {}
