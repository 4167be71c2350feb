"""A photo sent after filing with words under it (a caption): the words go to the case with the photo.

waiting._added passed the photo alone: 就是这个灯, typed under the
photo a minute after filing, reached nobody, while the resident read only
that the photo was added.
"""

from __future__ import annotations

from bot.core.messages import Attachment, Inbound
from bot.services.cases.info_pushes import WINDOW
from tests.grid.test_photo_burst_push import seen_by
from tests.grid.util import asked_for_more, infos, pushed, resident, task_pushed
from tests.helpers import Chat


async def _photo(chat: Chat, ref: str, caption: str) -> None:
    await chat.send(Inbound(channel=chat.channel, user_id=chat.user, text=caption, attachment=Attachment("photo", ref, 1000)))


async def test_a_caption_on_a_photo_sent_just_after_filing_is_added_with_it(app, clock):
    manager, li, number = await task_pushed(app, category="facilities", text="楼道灯坏了好几天了")
    await _photo(li, "late", "就是这个灯，三楼的")
    assert f"照片已补充到诉求 #{number}" in li.text and "“就是这个灯，三楼的”也一起补充" in li.text, li.text
    assert await infos(app, number) == ["就是这个灯，三楼的"]
    clock.advance(WINDOW)  # the burst of what was added, told at once
    told = " ".join(p.text for p in await pushed(manager))
    assert "就是这个灯" in told, told


async def test_a_caption_answering_a_request_goes_with_its_photo(app):

    li = await resident(app, "li")
    manager, number = await asked_for_more(app, li)
    await pushed(li)
    await _photo(li, "floor", "是三楼和四楼之间的灯")
    assert f"照片已补充到诉求 #{number}" in li.text and "三楼和四楼之间" in li.text, li.text
    assert await infos(app, number) == ["是三楼和四楼之间的灯"]
    assert await seen_by(manager, number) == ["floor"]


async def test_a_photo_alone_is_added_as_before(app):
    manager, li, number = await task_pushed(app)
    await li.send(Inbound(channel=li.channel, user_id=li.user, attachment=Attachment("photo", "alone", 1000)))
    assert f"照片已补充到诉求 #{number}" in li.text and "一起补充" not in li.text, li.text
    assert await infos(app, number) == [""]
