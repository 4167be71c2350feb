"""A grid manager's result photo sent at 请写一下处理结果, with its caption or before the words, is kept with the result."""

from __future__ import annotations

from sqlmodel import select

from bot.core.messages import Attachment, Inbound
from bot.models import CaseEvent, Role
from tests.grid.util import file_complaint, resident
from tests.helpers import Chat, bind


async def _photo(chat: Chat, ref: str, caption: str | None = None) -> None:
    await chat.send(Inbound(channel=chat.channel, user_id=chat.user, text=caption, attachment=Attachment("photo", ref, 2000)))


async def _resolution(app, number: int) -> tuple[str | None, str | None]:  # noqa: ANN001
    async with app.db.uow() as uow:
        events = (await uow.session.exec(select(CaseEvent).where(CaseEvent.case_id == number))).all()
    [resolved] = [e for e in events if e.to_state == "resolved"]
    return resolved.note, resolved.photo_ref


async def _up_to_the_result(app) -> tuple[Chat, Chat, int]:  # noqa: ANN001
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    li = await resident(app, "li")
    number = await file_complaint(li, category="facilities", text="楼道灯坏了好几天了")
    await manager.press(f"case:accept:{number}")
    await manager.press(f"case:resolve:{number}")
    assert "处理结果" in manager.text, manager.text
    return manager, li, number


async def test_a_photo_with_its_caption_is_the_result_and_its_photo(app):
    manager, li, number = await _up_to_the_result(app)
    await _photo(manager, "new-lamp", "灯换好了")
    assert "有处理后的照片吗" not in manager.text, manager.text
    assert await _resolution(app, number) == ("灯换好了", "new-lamp")
    told = await li.pushes()
    assert any("灯换好了" in text for text in told), told


async def test_a_photo_sent_before_the_words_waits_for_them(app):
    manager, _li, number = await _up_to_the_result(app)
    await _photo(manager, "new-lamp")
    assert "照片收到了" in manager.text and f"诉求 #{number}" in manager.text, manager.text
    await manager.say("已更换楼道灯泡")
    assert "有处理后的照片吗" not in manager.text, manager.text
    assert await _resolution(app, number) == ("已更换楼道灯泡", "new-lamp")
