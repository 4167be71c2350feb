"""不知道, 嗯, 啊, 好的 at 有现场照片吗 add nothing to the case: told how to go on, never 已补充到诉求说明里.

不知道 and 啊 were added to the description (内容：楼道灯坏了好几天，不知道，啊);
是的 and 对 (yes, there is a photo) were too.
"""

from __future__ import annotations

import pytest

from bot.models import Case
from tests.grid.util import case_id, resident, up_to_the_photo


@pytest.mark.parametrize("said", ["不知道", "我也不清楚", "嗯", "啊", "好的", "哦哦"])
async def test_words_that_add_nothing_are_not_added_to_the_description(app, said):
    li = await resident(app, "li")
    await up_to_the_photo(li, "楼道灯坏了好几天")
    await li.say(said)
    assert "已补充" not in li.text, li.text
    assert "没有照片就回复“跳过”" in li.text and "跳过" in li.buttons, li.text
    await li.say("跳过")
    async with app.db.uow() as uow:
        case = await uow.session.get(Case, case_id(li.text))
    assert case.description == "楼道灯坏了好几天", case.description


@pytest.mark.parametrize("said", ["是的", "对"])
async def test_yes_there_is_one_is_told_how_to_send_it(app, said):
    li = await resident(app, "li")
    await up_to_the_photo(li, "楼道灯坏了好几天")
    await li.say(said)
    assert "已补充" not in li.text and "请把照片直接发过来" in li.text, li.text


async def test_no_still_files_it_without_a_photo(app):
    li = await resident(app, "li")
    await up_to_the_photo(li, "楼道灯坏了好几天")
    await li.say("没有")
    async with app.db.uow() as uow:
        case = await uow.session.get(Case, case_id(li.text))
    assert case.description == "楼道灯坏了好几天", case.description
