"""What residents say next, right after the answer about one service, as they would at the window.

高龄津贴 ⏎ 我今年81了 is asking whether they qualify (it got 答不上来);
高龄津贴 ⏎ 能上门办吗 is asking for that one at home (it got the list of
every service done at home, 高龄津贴 somewhere on its pages).
"""

from __future__ import annotations

import pytest

from tests.helpers import Chat


@pytest.mark.parametrize("said", ["我今年81了", "俺都八十多了", "我妈今年九十了", "我81岁"])
async def test_an_age_said_after_the_answer_gets_who_may_apply(app, said):
    me = Chat(app, "age")
    await me.say("高龄津贴怎么申请")
    await me.say(said)
    assert "【高龄津贴申请】谁可以办" in me.text and "年满80周岁" in me.text, me.text


async def test_an_age_said_with_no_answer_in_view_is_not_taken_for_a_service(app):
    me = Chat(app, "age_alone")
    await me.say("我今年81了")
    assert "谁可以办" not in me.text, me.text


async def test_asking_for_a_home_visit_after_a_service_done_at_home_books_that_one_at_home(app):
    me = Chat(app, "at_home")
    await me.say("高龄津贴怎么申请")
    await me.say("能上门办吗")
    assert "【高龄津贴申请】可以预约工作人员上门办理" in me.text and "上门服务优先照顾行动不便的居民" in me.text, me.text
    assert "老年人" in me.buttons
    assert "请选择事项" not in me.text
    await me.say("老年人")
    await me.say("同意")  # consent to keep the details a visit needs: the visit's booking goes on
    assert "怎么称呼您" in me.text, me.text


async def test_asking_for_a_home_visit_after_a_service_done_only_in_person_says_so_above_the_list(app):
    me = Chat(app, "in_person")
    await me.say("居住证怎么办")
    await me.say("能上门办吗")
    assert "【居住证申领】要本人到窗口办，不能上门" in me.text and "请选择事项" in me.text, me.text
