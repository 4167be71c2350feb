"""A photo sent at the profile questions a complaint asks first goes with the complaint.

An elderly resident sends the photo of the broken light as soon as the bot
answers: at 您同意吗 or 怎么称呼您. It was dropped without a word and the
question asked again. A location or a photo for a flow that takes none is
told to be typed.
"""

from __future__ import annotations

from bot.core.messages import Attachment, Inbound
from sqlmodel import select

from bot.models import Case
from bot.services import cases
from tests.helpers import Chat


async def _photo(me: Chat, ref: str) -> None:
    await me.send(Inbound(channel=me.channel, user_id=me.user, attachment=Attachment("photo", ref, 1000, "image/jpeg")))


async def test_photos_sent_at_the_consent_and_name_questions_go_with_the_complaint(app):
    me = Chat(app, "grandma")
    await me.say("楼道灯坏了")
    assert "您同意吗" in me.text, me.text
    await _photo(me, "light-1")
    assert "照片收到了（1 张）" in me.text and "您同意吗" in me.text, me.text
    await me.say("同意")
    await _photo(me, "light-2")
    assert "照片收到了（2 张）" in me.text and "怎么称呼您" in me.text, me.text
    await me.say("张桂兰")
    await me.say("13700002222")
    await me.say("北苑2号楼")
    assert "有现场照片吗" not in me.text and "您的诉求已提交" in me.text, me.text  # the two came already
    async with app.db.uow() as uow:
        case = (await uow.session.exec(select(Case))).one()
        refs = await cases.photo_refs(uow, case, reader="reporter")
    assert [ref for ref, _sender in refs] == ["light-1", "light-2"], refs


async def test_a_location_at_a_profile_question_is_told_to_be_typed(app):
    me = Chat(app, "moved")
    await me.say("我搬家了")
    await me.say("同意")
    await me.share_location(34.039, 113.85)
    assert "这一步请打字回答" in me.text and "楼栋" in me.text, me.text
