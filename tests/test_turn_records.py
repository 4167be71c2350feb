"""What a turn stores, read back through the ORM, on both databases.

The turn's bookkeeping goes straight to the driver (bot/db/direct.py); the
rest of the code reads it through SQLAlchemy. These tests hold the two to
the same rows, the same transaction and the same stored formats.
"""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from bot.core.messages import Reply
from bot.models import DialogState, Handover, InboundMessage, Person, Role
from tests.helpers import Chat, bind


def fails_first_time(answer: str, work=None):  # noqa: ANN001, ANN201 - (handler, calls)
    """A command handler that does `work`, then fails the first time it is called."""
    calls: list[str] = []

    async def handler(ctx):  # noqa: ANN001, ANN202
        calls.append(ctx.text)
        if work is not None:
            await work(ctx)
        if len(calls) == 1:
            raise RuntimeError("the database went away mid-turn")
        return Reply(answer)

    return handler, calls


async def test_a_turn_that_fails_stores_nothing_and_its_retry_is_handled_afresh(any_app):
    any_app.routes.commands["fragile"], calls = fails_first_time("done")
    me = Chat(any_app, "retry-after-failure")
    await me.say("/fragile", message_id="tg-77")
    assert "没有处理成功" in me.text
    async with any_app.db.uow() as uow:
        assert (await uow.session.exec(select(InboundMessage))).all() == []
        assert (await uow.session.exec(select(Person))).all() == []  # the person came with the failed turn

    await me.say("/fragile", message_id="tg-77")  # the platform retries the same message
    assert me.text == "done"
    assert len(calls) == 2
    await me.say("/fragile", message_id="tg-77")  # and once more: now it is a duplicate
    assert me.text == "done"
    assert len(calls) == 2


async def test_words_a_failed_turn_could_not_handle_reach_the_staff_once_and_are_not_lost(any_app):
    staff = await bind(any_app, "staff-1", Role.staff)
    any_app.routes.intents["service"], calls = fails_first_time("never reached")
    grandma = Chat(any_app, "grandma")
    await grandma.say("低保怎么申请呀，俺家老头子住院了", message_id="wx-5")

    assert len(calls) == 1
    assert "原话已转给社区工作人员" in grandma.text and "不用再发一次" in grandma.text
    [pushed] = await staff.pushes()
    assert "系统没能处理" in pushed and "低保怎么申请呀，俺家老头子住院了" in pushed
    async with any_app.db.uow() as uow:
        [handover] = (await uow.session.exec(select(Handover))).all()
        [record] = (await uow.session.exec(select(InboundMessage).where(InboundMessage.person_id == handover.person_id))).all()
    assert handover.question == "低保怎么申请呀，俺家老头子住院了"
    assert f"#{handover.id}" in grandma.text and record.channel_message_id == "wx-5"
    assert record.reply == [reply.to_dict() for reply in grandma.replies]

    answer = grandma.text
    await grandma.say("低保怎么申请呀，俺家老头子住院了", message_id="wx-5")  # the platform retries
    assert grandma.text == answer
    assert len(calls) == 1 and await staff.pushes() == []
    await staff.say(f"回复 {handover.id} 带上身份证和住院证明来中心一楼")
    [relayed] = await grandma.pushes()
    assert "带上身份证和住院证明" in relayed


async def test_with_no_staff_bound_failed_words_are_kept_for_them(app):
    app.routes.intents["service"], _calls = fails_first_time("never reached")
    grandma = Chat(app, "grandma")
    await grandma.say("低保怎么申请")
    assert "原话已记下" in grandma.text and "0374-5123456" in grandma.text
    async with app.db.uow() as uow:
        assert [h.question for h in (await uow.session.exec(select(Handover))).all()] == ["低保怎么申请"]


async def test_when_even_the_words_cannot_be_kept_the_resident_is_asked_to_send_again(app):
    app.routes.intents["service"], _calls = fails_first_time("never reached")
    async with app.db.uow() as uow:
        sql = await uow.direct()
        await sql.run("DROP TABLE handover_messages")
        await uow.commit()
    grandma = Chat(app, "grandma")
    await grandma.say("低保怎么申请", message_id="wx-9")
    assert "请稍后再发一次" in grandma.text
    async with app.db.uow() as uow:
        assert (await uow.session.exec(select(InboundMessage))).all() == []
        assert (await uow.session.exec(select(Handover))).all() == []


async def test_a_turn_is_read_back_by_the_orm_as_it_was_written(any_app, clock):
    me = Chat(any_app, "orm-reader")
    await me.say("你好", message_id="m-1")
    shown = me.buttons
    assert shown
    clock.advance(timedelta(seconds=30))
    await me.say("/help", message_id="m-2")

    async with any_app.db.uow() as uow:
        person = (await uow.session.exec(select(Person).where(Person.channel_user_id == "orm-reader"))).one()
        assert person.created_at == clock.now() - timedelta(seconds=30)
        records = (
            await uow.session.exec(
                # compared in SQL: on SQLite that is a text comparison, so the stored format must match the ORM's
                select(InboundMessage)
                .where(InboundMessage.received_at >= clock.now() - timedelta(seconds=30))
                .order_by(InboundMessage.received_at)
            )
        ).all()
        assert [r.channel_message_id for r in records] == ["m-1", "m-2"]
        assert records[0].received_at == clock.now() - timedelta(seconds=30)
        assert records[1].reply == [reply.to_dict() for reply in me.replies]
        later = (
            await uow.session.exec(select(InboundMessage).where(InboundMessage.received_at > clock.now() - timedelta(seconds=1)))
        ).all()
        assert [r.channel_message_id for r in later] == ["m-2"]
        state = await uow.session.get(DialogState, person.id)
        assert state is not None
        assert state.updated_at == clock.now()
        assert [label for label, _payload in state.buttons] == me.buttons


async def test_a_person_without_a_dialog_or_choices_gets_no_dialog_row(any_app):
    from bot.core.messages import Inbound

    # an oversize text is refused without buttons and keeps none
    await any_app.handle(Inbound(channel="console", user_id="quiet", text="长" * 10_000))
    async with any_app.db.uow() as uow:
        person = (await uow.session.exec(select(Person).where(Person.channel_user_id == "quiet"))).one()
        assert await uow.session.get(DialogState, person.id) is None


async def test_unanswered_questions_are_counted_and_read_back_by_the_orm(any_app, clock):
    from bot.models import UnansweredQuestion

    me = Chat(any_app, "curious")
    first_asked = clock.now()
    await me.say("明天会下雨吗 13812345678")
    clock.advance(timedelta(minutes=5))
    await me.say("明天会下雨吗 13812345678")
    async with any_app.db.uow() as uow:
        [question] = (await uow.session.exec(select(UnansweredQuestion))).all()
    assert question.count == 2
    assert question.first_asked_at == first_asked
    assert question.last_asked_at == clock.now()
    assert "13812345678" not in question.text  # phone numbers are masked before they are stored


async def test_a_name_and_a_door_said_in_passing_stay_out_of_the_log_of_unanswered_questions(app):
    """Staff read the log to improve the answers: the question, not who asked it or where they live."""
    from bot.models import UnansweredQuestion

    me = Chat(app, "wang")
    await me.say("我叫王秀英，住北苑3号楼2单元502，明天会下雨吗")
    await me.say("俺叫张建国，住502室，后天会下雪吗")
    await me.say("我是张秀兰，我家在3号楼201，大后天会刮风吗")
    await me.say("我是新来的，下礼拜会降温吗")  # not a name: 新 is no surname, the words stay
    async with app.db.uow() as uow:
        logged = (await uow.session.exec(select(UnansweredQuestion))).all()
    assert len(logged) == 4, [q.text for q in logged]
    for question in logged:
        for said in ("秀英", "建国", "502", "张秀兰", "201"):
            assert said not in question.text and said not in question.key, (question.text, question.key)
    assert any("明天会下雨吗" in q.text and "北苑3号楼" in q.text for q in logged)  # the question itself stays
    assert any(q.text == "我是新来的，下礼拜会降温吗" for q in logged)


async def test_stored_json_keeps_chinese_as_itself_on_both_write_paths(any_app):
    me = Chat(any_app, "compact")
    await me.say("你好")  # the reply is stored by direct SQL
    async with any_app.db.uow() as uow:
        from bot.models import OutboxMessage
        from bot.services import outbox

        person = (await uow.session.exec(select(Person).where(Person.channel_user_id == "compact"))).one()
        outbox.push(uow, person, Reply("您的预约已确认"), kind="reply")  # written through the ORM
        await uow.commit()
    async with any_app.db.uow() as uow:
        sql = await uow.direct()
        # as text: PostgreSQL's driver would otherwise hand back the decoded value
        [reply] = await sql.one("SELECT CAST(reply AS TEXT) FROM inbound_messages")  # type: ignore[misc]
        [payload] = await sql.one(f"SELECT CAST(payload AS TEXT) FROM {OutboxMessage.__tablename__}")  # type: ignore[misc]
    assert "有什么可以帮您" in reply and "您的预约已确认" in payload  # not \\uXXXX escapes: half the bytes


async def test_a_turn_that_counts_a_question_and_then_fails_is_answered_on_retry(any_app):
    from bot.models import UnansweredQuestion
    from bot.services import support

    async def count(ctx):  # noqa: ANN001, ANN202
        await support.record_unanswered(ctx.uow, ctx.text, "a question", "none")

    any_app.routes.commands["ask"], _ = fails_first_time("answered", count)
    me = Chat(any_app, "unlucky")
    await me.say("/ask", message_id="wx-9")
    assert "没有处理成功" in me.text
    await me.say("/ask", message_id="wx-9")  # the platform retries: handled afresh, not taken for a duplicate
    assert me.text == "answered"
    async with any_app.db.uow() as uow:
        [question] = (await uow.session.exec(select(UnansweredQuestion))).all()
    assert question.count == 1  # the failed turn's count went with it


async def test_a_turn_failing_after_a_service_committed_still_gets_an_answer(app):
    from bot.services import support

    async def commits_first(ctx):  # noqa: ANN001, ANN202 - a service commits (the turn's record with it), then a bug
        await support.open_handover(ctx.uow, ctx.person, "帮我问问低保")

    app.routes.intents["service"], _calls = fails_first_time("never reached", commits_first)
    grandma = Chat(app, "grandma")
    replies = await grandma.say("低保怎么申请", message_id="wx-12")
    assert replies and "请稍后再发一次" in grandma.text, replies  # was no answer at all
