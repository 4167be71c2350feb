"""Matters of the Party committee, the district's senior university and the social security office.

我想入党 and 党费怎么交 got 答不上来 in the Party and public service centre
itself; 有没有老年大学 offered 老年人优待证 and 老年助餐 to choose from; 退休金涨了吗
offered 独生子女父母光荣证; 我想给我妈找个养老院 offered 养老保险 and 特困供养.
"""

from __future__ import annotations

import pytest

from tests.grid.util import resident


@pytest.mark.parametrize(
    ("said", "answer"),
    [
        ("我想入党", "社区党委"),
        ("党费怎么交", "社区党委"),
        ("党员组织关系怎么转", "社区党委"),
        ("有没有老年大学", "老年大学"),
        ("我想学智能手机", "智能手机"),
        ("退休金涨了吗", "12333"),
        ("养老金什么时候涨", "12333"),
        ("我想给我妈找个养老院", "区民政局"),
        ("敬老院在哪", "区民政局"),
    ],
)
async def test_a_matter_handled_elsewhere_says_where(app, said, answer):
    li = await resident(app, "li")
    await li.say(said)
    assert answer in li.text and "答不上来" not in li.text and "独生子女" not in li.text, li.text


@pytest.mark.parametrize(
    ("said", "service"), [("养老保险资格认证怎么弄", "养老保险待遇领取资格认证"), ("主题党日报名", "主题党日")]
)
async def test_the_centres_own_matters_stay_its_own(app, said, service):
    li = await resident(app, "li")
    await li.say(said)
    assert service in li.text and "社区党委（党群服务中心" not in li.text, li.text


@pytest.mark.parametrize("said", ["空调坏了", "开锁"])
async def test_repairs_at_home_said_by_what_broke_are_the_repair_service(app, said):
    li = await resident(app, "li")
    await li.say(said)
    assert "【便民维修】" in li.text, li.text


async def test_a_wish_to_be_taught_the_phone_stays_a_wish(app):
    li = await resident(app, "li")
    await li.say("希望有好心人教教我用手机跟闺女视频")
    assert "老年大学" not in li.text and "心愿" in li.text, li.text


@pytest.mark.parametrize(("said", "service"), [("我家钥匙找不到了", "【便民维修】"), ("低保年审", "【最低生活保障申请】")])
async def test_words_that_named_the_wrong_service_name_the_right_one(app, said, service):
    """我家钥匙找不到了 got 快递代收 (找件); 低保年审 offered 养老保险资格认证 first."""
    li = await resident(app, "li")
    await li.say(said)
    assert service in li.text and "快递代收" not in li.text, li.text


async def test_a_beating_to_report_and_a_hospital_appointment_say_where_to_go(app):
    """被人打了想告他 and 医院挂号 got 答不上来: the police station (and 12348), the hospital's own booking."""
    from tests.helpers import Chat

    me = Chat(app, "asker")
    await me.say("被人打了想告他")
    assert "派出所报案" in me.text and "12348" in me.text, me.text
    await me.say("去人民医院怎么挂号")
    assert "预约挂号" in me.text and "114" in me.text, me.text
    await me.say("孩子在学校被打了")  # not a matter for the police station
    assert "派出所报案" not in me.text, me.text
