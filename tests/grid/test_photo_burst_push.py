"""Photos a resident adds to a case in a row reach the grid manager as one push naming how many, not one each."""

from __future__ import annotations

from datetime import timedelta

from bot.core.messages import Attachment, Inbound, Reply
from bot.models import Role
from bot.services import outbox
from bot.services.cases.info_pushes import WINDOW
from tests.grid.util import case_id, file_complaint, labels, pushed, resident, up_to_the_photo
from tests.helpers import Chat, bind


async def send_photo(chat: Chat, ref: str) -> None:
    await chat.send(Inbound(channel=chat.channel, user_id=chat.user, attachment=Attachment("photo", ref, 1000)))


async def seen_by(manager: Chat, number: int) -> list[str]:
    """The photos 看照片 shows the grid manager, by reference."""
    replies = await manager.press(f"case:photo:{number}")
    return [r.picture.ref for r in replies if r.picture]


async def told(manager: Chat, number: int) -> list[Reply]:
    """The pushes about case `number` delivered to the manager now."""
    return [reply for reply in await pushed(manager) if f"#{number}" in reply.text]



async def _filed(app):  # noqa: ANN001, ANN202
    """The grid manager of wenfeng-01, Li, and her case about the stairwell light, its new-case push already read."""
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    li = await resident(app, "li")
    number = await file_complaint(li, category="facilities", text="北苑1号楼楼道的灯坏了好几天了")
    await told(manager, number)
    return manager, li, number

async def test_three_photos_added_in_a_row_reach_the_manager_as_one_push_naming_three(any_app, clock):
    manager = await bind(any_app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    li = await resident(any_app, "li")
    number = await file_complaint(li, category="facilities", text="北苑1号楼楼道的灯坏了好几天了")
    assert len(await told(manager, number)) == 1  # the new case

    await li.press(f"cs:add:{number}")
    for ref in ("p1", "p2", "p3"):
        await send_photo(li, ref)
        assert f"已补充到诉求 #{number}" in li.text or "已把补充信息转给办理人员" in li.text, li.text
    assert await told(manager, number) == []  # a few seconds for the rest of the burst
    clock.advance(WINDOW)
    [push] = await told(manager, number)
    assert f"【诉求 #{number} 居民补充】📷 3 张照片" in push.text, push.text
    assert "📷 看照片" in labels(push)
    assert await seen_by(manager, number) == ["p1", "p2", "p3"]
    assert await pushed(manager) == []  # nothing more for the same three

    # One more photo after that push went: a push of its own, naming one.
    clock.advance(timedelta(minutes=1))
    await send_photo(li, "p4")
    clock.advance(WINDOW)
    [again] = await told(manager, number)
    assert f"【诉求 #{number} 居民补充】📷 1 张照片" in again.text, again.text


async def test_a_lone_photo_arrives_within_seconds_and_one_sent_while_a_push_is_being_sent_is_not_lost(any_app, clock):
    manager, li, number = await _filed(any_app)

    await li.press(f"cs:add:{number}")
    await send_photo(li, "lone")
    clock.advance(WINDOW)
    async with any_app.db.uow() as uow:  # a drainer has taken the push and is sending it
        [taking] = await outbox.claim(uow, "console", "drainer", address="wang")
    await send_photo(li, "late")  # not folded into a push already on its way
    async with any_app.db.uow() as uow:
        assert await outbox.mark_sent(uow, taking.id, "drainer")  # type: ignore[arg-type]
    assert "📷 1 张照片" in Reply.from_dict(taking.payload).text
    clock.advance(WINDOW)
    [late] = await told(manager, number)
    assert f"【诉求 #{number} 居民补充】📷 1 张照片" in late.text, late.text
    assert await seen_by(manager, number) == ["lone", "late"]


async def test_words_and_photos_added_together_are_one_push(any_app, clock):
    manager, li, number = await _filed(any_app)

    await li.press(f"cs:add:{number}")
    await send_photo(li, "p1")
    await send_photo(li, "p2")
    await li.say(f"补充信息 #{number} 三楼和四楼之间那盏")
    assert "已把补充信息转给办理人员" in li.text, li.text
    clock.advance(WINDOW)
    [push] = await told(manager, number)
    assert f"【诉求 #{number} 居民补充】三楼和四楼之间那盏\n📷 2 张照片" in push.text, push.text


async def test_photos_sent_right_after_filing_are_part_of_the_new_case_push(any_app, clock):
    """An album at the photo question: the first photo files the case, the rest join it before the grid is told."""
    manager = await bind(any_app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    li = await resident(any_app, "li")
    await up_to_the_photo(li)
    await send_photo(li, "a1")
    assert "您的诉求已提交" in li.text, li.text
    number = case_id(li.text)
    await send_photo(li, "a2")
    await send_photo(li, "a3")
    assert "现有 3 张照片" in li.text, li.text
    await li.say(f"补充信息 #{number} 车是白色的面包车")

    clock.advance(WINDOW)
    [push] = await told(manager, number)
    assert f"【新诉求 #{number}】" in push.text and "居民补充】" not in push.text, push.text
    assert "📷 附有照片" in push.text and push.text.count("居民随后补充") == 1, push.text
    assert push.text.endswith("➕ 居民随后补充：车是白色的面包车\n📷 2 张照片（点“📷 看照片”查看）"), push.text
    assert "📷 看照片" in labels(push) and f"case:accept:{number}" in [b.payload for b in push.flat_buttons]
    assert await seen_by(manager, number) == ["a1", "a2", "a3"]


async def test_a_photo_folded_in_after_the_resident_is_forgotten_does_not_bring_their_phone_back(any_app, clock):
    """Forgetting takes the phone out of the pending push; the next photo folded into it must not restore it."""
    from bot.services import people

    manager = await bind(any_app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    li = await resident(any_app, "li")
    await up_to_the_photo(li)
    await send_photo(li, "a1")
    number = case_id(li.text)
    await send_photo(li, "a2")
    async with any_app.db.uow() as uow:
        await people.forget(uow, await people.get_or_create(uow, "console", "li"))
        await uow.commit()
    await send_photo(li, "a3")
    assert "现有 3 张照片" in li.text, li.text

    clock.advance(WINDOW)
    [push] = await told(manager, number)
    assert "13812345678" not in push.text and "居民随后补充：📷 2 张照片" in push.text, push.text
