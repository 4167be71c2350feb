"""Questions a grandmother and a young mother typed, whose answers named the wrong service.

孩子明年九月要上小学了，入学报名需要准备哪些材料？ got the materials of the
after-school care (儿童课后托管); 我想做个体检 offered 灵活就业人员社会保险补贴
first (个体 in 做个体检 read as 个体户).
"""

from __future__ import annotations

import pytest

from tests.grid.util import resident


@pytest.mark.parametrize(
    "said",
    ["孩子明年九月要上小学了，入学报名需要准备哪些材料？", "入学报名", "小孩上幼儿园要报名吗", "孩子入學要帶什麼"],
)
async def test_school_enrolment_is_the_schools_not_after_school_care(app, said):
    mum = await resident(app, "mum")
    await mum.say(said)
    assert "划片的学校" in mum.text and "托管" not in mum.text, mum.text


@pytest.mark.parametrize(
    ("said", "service"),
    [("外地人在这上班，想给孩子报名上学要办啥手续", "【居住证申领】"), ("四点半课堂咋报名", "【儿童课后托管与作业辅导】")],
)
async def test_the_centres_own_school_matters_stay_its_own(app, said, service):
    mum = await resident(app, "mum")
    await mum.say(said)
    assert service in mum.text and "划片的学校" not in mum.text, mum.text


@pytest.mark.parametrize("said", ["我想做个体检", "做個體檢", "俺想查查体"])
async def test_a_health_check_is_the_health_station_not_a_social_security_subsidy(app, said):
    wang = await resident(app, "wang")
    await wang.say(said)
    assert "【家庭医生签约】" in wang.text and "灵活就业" not in wang.text, wang.text


@pytest.mark.parametrize("asked", ["那可以网上办吗", "网上能办吗", "手机上能弄不", "微信上能交吗"])
async def test_whether_it_is_done_online_is_asked_of_the_service_just_answered(app, asked):
    """那可以网上办吗 after 新生儿医保怎么办 was 这句我还没看懂; 手机上能弄不 after 高龄津贴 was 生育登记 (its example)."""
    mum = await resident(app, "mum")
    await mum.say("新生儿医保怎么办")
    assert "【城乡居民基本医疗保险参保登记】" in mum.text, mum.text
    await mum.say(asked)
    assert "【城乡居民基本医疗保险参保登记】能不能网上办" in mum.text and "河南税务" in mum.text, mum.text
    assert "2号窗口" in mum.text, mum.text  # where to go when it cannot
    await mum.say("高龄津贴")
    await mum.say(asked)
    assert "【高龄津贴申请】能不能网上办" in mum.text and "豫事办" in mum.text, mum.text


async def test_a_service_named_with_online_is_that_ones(app):
    mum = await resident(app, "mum")
    await mum.say("高龄津贴")
    await mum.say("生育登记手机上能弄不")
    assert "【生育登记】能不能网上办" in mum.text, mum.text


@pytest.mark.parametrize(
    ("said", "answer"),
    [
        ("另外宝宝的出生证明丢了怎么办", "孩子出生的医院"),
        ("出生证明写错了", "孩子出生的医院"),
        ("社区有没有育儿补贴或者生育津贴可以领", "医疗保障部门"),
        ("生孩子能报销吗", "医疗保障部门"),
        ("社区有没有育儿补贴", "【育儿补贴（3周岁以下婴幼儿）】"),  # 答不上来 before
        ("育儿补贴怎么领", "户籍所在地的乡镇（街道）"),
    ],
)
async def test_a_new_mothers_matters_handled_elsewhere_say_where(app, said, answer):
    """出生证明丢了 offered 独生子女父母光荣证 and 生育登记; 生育津贴 offered 高龄津贴 first."""
    mum = await resident(app, "mum")
    await mum.say(said)
    assert answer in mum.text and "高龄津贴" not in mum.text and "光荣证" not in mum.text, mum.text
