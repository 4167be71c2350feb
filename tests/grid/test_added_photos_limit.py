"""Photos added to a filed case (补充) count with the form's: nine per case, the tenth refused in words.

The form took nine photos and said so of the tenth; 补充 took any number,
so a case could collect dozens the grid manager had to page through.
"""

from __future__ import annotations

from bot.core.messages import Attachment, Inbound
from bot.models import Role
from tests.grid.test_form_photos import seen_by, send
from tests.grid.util import case_id, infos, pushed, resident
from tests.helpers import bind


async def _filed_with(app, photos: int):  # noqa: ANN001, ANN202
    """李's street-light complaint filed with `photos` photos (p0…) sent in the form, its task push read by grid 1's manager."""
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    li = await resident(app, "li")
    await li.say("反映问题")
    await li.press("cs:cat:facilities")
    await send(li, "p0")
    await li.say("路灯坏了好几天了")
    for n in range(1, photos):
        await send(li, f"p{n}")
    await li.press("cs:where:home")
    assert "您的诉求已提交" in li.text, li.text
    await pushed(manager)
    return manager, li, case_id(li.text)


async def test_photos_added_after_filing_stop_at_nine_for_the_whole_case(app):
    manager, li, number = await _filed_with(app, 7)
    for n in (7, 8):
        await li.press(f"cs:add:{number}")
        await send(li, f"p{n}")
        assert "已把补充信息转给办理人员" in li.text, li.text
    await li.press(f"cs:add:{number}")
    await send(li, "p9")
    assert "这张照片没有收下" in li.text and f"诉求 #{number} 已经附了 9 张照片" in li.text, li.text
    assert await seen_by(manager, number) == [f"p{n}" for n in range(9)]


async def test_words_sent_with_a_photo_past_the_limit_still_go_and_the_photo_is_said_to_be_refused(app):
    manager, li, number = await _filed_with(app, 9)
    await li.press(f"cs:add:{number}")
    await li.send(Inbound(channel=li.channel, user_id=li.user, text="车今天还停在那", attachment=Attachment("photo", "extra", 1000)))
    assert "已把补充信息转给办理人员" in li.text and "这张照片没有收下" in li.text, li.text
    assert "p9" not in await seen_by(manager, number) and "extra" not in await seen_by(manager, number)
    assert "车今天还停在那" in await infos(app, number)


async def test_a_photo_sent_after_filing_away_from_any_button_is_refused_past_nine_too(app):
    manager, li, number = await _filed_with(app, 9)
    await send(li, "late")  # a photo a minute after filing joins the case (see waiting_for)
    assert "这张照片没有收下" in li.text, li.text
    assert "late" not in await seen_by(manager, number)
