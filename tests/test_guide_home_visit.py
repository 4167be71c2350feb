"""A service named together with asking for a home visit: 能上门办老年证吗, 残疾证可以上门办吗.

They got the service's general answer, the 上门 ignored, though 能上门办吗
right after that answer already got it: whether that matter is done at home,
and its home-visit booking if it is.
"""

from __future__ import annotations

import pytest

from tests.helpers import Chat, unanswered


@pytest.mark.parametrize("said", ["能上门办老年证吗", "我腿脚不好，能上门办老年证吗", "居住证能上门办吗"])
async def test_a_service_done_only_at_the_window_says_so_above_those_done_at_home(app, said):
    me = Chat(app, "window")
    await me.say(said)
    service = "老年人优待证办理" if "老年证" in said else "居住证申领"
    assert me.text.startswith(f"【{service}】要本人到窗口办，不能上门"), me.text
    assert "请选择事项" in me.text and "残疾人证办理" in me.buttons, me.text
    assert "📍 地点" not in me.text  # not its general answer
    assert not await unanswered(app)


@pytest.mark.parametrize("said", ["残疾证可以上门办吗", "残疾证能不能到家里来办", "残疾证上门能办不"])
async def test_a_service_done_at_home_opens_its_home_visit_booking(app, said):
    me = Chat(app, "at_home")
    await me.say(said)
    assert me.text.startswith("【残疾人证办理】可以预约工作人员上门办理"), me.text
    assert "上门服务优先照顾行动不便的居民" in me.text and "老年人" in me.buttons, me.text
    await me.say("残疾人")
    await me.say("同意")  # consent to keep the details a visit needs: the visit's booking goes on
    assert "怎么称呼您" in me.text, me.text


async def test_plain_questions_and_the_services_own_home_work_keep_their_answers(app):
    me = Chat(app, "plain")
    await me.say("老年证怎么办")
    assert me.text.startswith("【老年人优待证办理】") and "📍 地点" in me.text, me.text
    await me.say("家庭医生能上门给瘫在床上的老伴看看不")  # the service's own visit: its answer says how
    assert me.text.startswith("【家庭医生签约】") and "📍 地点" in me.text, me.text
    await me.say("老年助餐能送餐上门吗")  # done at home, not booked here: its answer, not 不能上门
    assert me.text.startswith("【老年助餐】") and "不能上门" not in me.text, me.text
    await me.say("残疾证能上门办吗要带什么")  # a part asked besides: that part
    assert me.text.startswith("【残疾人证办理】要带的材料"), me.text


@pytest.mark.parametrize(
    ("said", "visit"),
    [("残疾证怎么办理 我妈腿脚不好能上门吗", "【残疾人证办理】可以预约工作人员上门办理"), ("老年证怎么办，能上门办吗", "【老年人优待证办理】要本人到窗口办，不能上门")],
)
async def test_how_it_is_done_asked_besides_gets_the_answer_before_the_visit(app, said, visit):
    me = Chat(app, "how")
    await me.say(said)
    assert len(me.replies) == 2 and "📍 地点" in me.replies[0].text and not me.replies[0].buttons, me.text
    assert me.replies[1].text.startswith(visit), me.text
