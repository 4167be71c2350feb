"""Asked by who one is (老年人能办哪些事, 失业了社区能帮啥): the services for that group, each opening its guide.

我想问问老年人能办哪些事 got the help text, and 60岁以上有什么福利 one
allowance alone. A question naming a service besides (老年人助餐怎么申请)
is still answered as that service's.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from knowledge.loader import check, load
from knowledge.understanding import Intent, Understander
from tests.helpers import unanswered
from tests.knowledge import kb_fixture

LABELLED = Path(__file__).resolve().parents[1] / "data" / "understand_labelled.yaml"
SHOWN_WITH = ("找工作人员", "返回主菜单")  # under the list: a person for the rest, and the menu


def offered(buttons: list[str]) -> list[str]:
    return [label for label in buttons if label not in SHOWN_WITH]


@pytest.fixture(scope="module")
def understander() -> Understander:
    return Understander(load())


async def test_asking_what_the_old_can_do_lists_their_services_and_a_choice_opens_its_guide(app, chat):
    me = chat()
    await me.say("我想问问老年人能办哪些事")
    elderly = [s.name for s in app.knowledge if "elderly" in s.audiences]
    listed = offered(me.buttons)
    assert "适合老年人的服务" in me.text and "办事指南" not in me.text  # the list, not the help text
    assert sorted(listed) == sorted(elderly) and len(listed) >= 6
    assert {"老年人优待证办理", "高龄津贴申请", "老年助餐", "居家养老服务补贴申请"} <= set(listed)
    assert me.buttons[-2:] == list(SHOWN_WITH)  # a way to ask more
    chosen = listed[listed.index("高龄津贴申请")]
    await me.say(str(me.buttons.index(chosen) + 1))  # typed as its number, as in every list of services
    assert me.text.startswith(f"【{chosen}】") and "要带的材料" in me.buttons
    assert await unanswered(app) == []  # the list answered it


@pytest.mark.parametrize(
    ("question", "group", "first", "also"),
    [
        ("60岁以上有什么福利", "老年人", "高龄津贴申请", {"老年人优待证办理", "老年助餐"}),
        ("我是殘疾人能享受什麼", "残疾人", "困难残疾人生活补贴和重度残疾人护理补贴申请", {"残疾人证办理"}),
        ("退役军人有什么服务", "退役军人", "退役军人优待证申领", {"就业创业证申领及失业登记"}),
        ("孩子放假有啥活动", "孩子和学生", "儿童课后托管与作业辅导", {"文体活动室预约", "图书借阅"}),
        ("失业了社区能帮啥", "失业人员", "就业创业证申领及失业登记", {"灵活就业人员社会保险补贴申请", "最低生活保障申请"}),
        ("困难家庭能申请什么", "困难家庭", "低收入家庭认定", {"最低生活保障申请", "临时救助申请", "医疗救助申请"}),
        ("孕妇要办什么", "孕产妇和新生儿", "生育登记", {"城乡居民基本医疗保险参保登记", "家庭医生签约"}),
        ("新生儿要办什么", "孕产妇和新生儿", "城乡居民基本医疗保险参保登记", {"生育登记"}),
    ],
)
async def test_each_group_gets_its_services_best_first(chat, question, group, first, also):
    me = chat()
    await me.say(question)
    listed = offered(me.buttons)
    assert f"适合{group}的服务" in me.text, me.text
    assert listed[0] == first and also <= set(listed), listed
    await me.say("1")
    assert me.text.startswith(f"【{first}】")


async def test_after_the_list_a_part_asked_is_asked_of_one_of_them(chat):
    me = chat()
    await me.say("退役军人有什么服务")
    listed = offered(me.buttons)
    await me.say("在哪办")  # about one of those just listed
    assert "哪一项的“地点和时间”" in me.text and offered(me.buttons) == listed
    await me.say("1")
    assert me.text.startswith(f"【{listed[0]}】地点和时间")


async def test_a_question_naming_a_service_is_still_that_services(chat):
    me = chat()
    await me.say("老年人助餐怎么申请")
    assert me.text.startswith("【老年助餐】") and "适合" not in me.text
    await me.say("老伴走了以后一个人住有啥补贴")  # the help for one alone, as before
    assert offered(me.buttons) == ["居家养老服务补贴申请", "高龄津贴申请", "最低生活保障申请"]


async def test_a_group_asked_beside_a_service_gets_both(chat):
    me = chat()
    await me.say("低保怎么办。老年人有啥福利")  # the list was lost: only 老年人优待证 was answered
    assert "【最低生活保障申请】" in me.text and "适合老年人的服务" in me.text
    assert {"最低生活保障申请", "高龄津贴申请", "老年助餐"} <= set(me.buttons)


@pytest.mark.parametrize(
    ("question", "service_id"),
    [
        ("老年人助餐怎么申请", "elderly-meals"),
        ("老年证在哪办", "senior-card"),
        ("老年人体检有什么项目", "family-doctor"),  # 老年人体检 is one of its keywords
        ("我有残疾证了，每个月还能领啥补贴不", "disability-subsidies"),
        ("我八十多了。能领什么补贴？", "elderly-allowance"),  # 80: the old-age allowance, not the list
        ("外地人在这上班，想给孩子报名上学要办啥手续", "residence-permit"),  # its words are 居住证's
        ("媳妇怀孕了，社区要登记啥", "birth-registration"),
    ],
)
def test_naming_or_plainly_meaning_a_service_is_not_asking_by_group(understander, question, service_id):
    reading = understander.understand(question)
    assert reading.intent is Intent.service and reading.service_id == service_id, reading


def test_the_labelled_questions_by_group_are_read_as_their_groups(understander):
    """The labelled set's ``intent: audience`` items carry the groups they ask about (``audiences``)."""
    items = [i for i in yaml.safe_load(LABELLED.read_text(encoding="utf-8"))["questions"] if i["intent"] == "audience"]
    assert len(items) >= 15
    wrong = [
        f"{item['q']!r}: expected {item['audiences']}, got {reading.intent.value} {list(reading.audiences)}"
        for item in items
        if list((reading := understander.understand(item["q"])).audiences) != item["audiences"]
    ]
    assert not wrong, "\n".join(wrong)


def test_every_group_has_services_and_every_tag_is_a_group(understander):
    groups = understander.audiences
    assert all(groups.services[group.id] for group in groups.groups), groups.services


def test_an_unknown_group_on_a_service_is_named_by_kb_check(tmp_path: Path):
    entries = kb_fixture.services("approval")
    entries[0]["audiences"] = ["elderly", "oldies"]
    folder = kb_fixture.write(tmp_path / "services", approval=entries)
    problems = check(folder)
    assert len(problems) == 1, problems
    assert problems[0].entry == entries[0]["id"] and problems[0].field == "audiences[1]" and "oldies" in problems[0].message
