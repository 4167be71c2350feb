"""卫生站周日开门吗 is about the health station: never answered with the centre's own hours.

Any 开门 question went to the centre's answer, so a resident asking when
the health station or the police station's household window is open was
told the centre's hours, and went to a closed door.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge import elsewhere

CENTRE_TITLE = "党群服务中心】"
CENTRE_HOURS = "08:30-12:00"  # the centre's weekday mornings, as its answer writes them


async def test_the_health_stations_own_hours_are_given(chat):
    me = chat()
    await me.say("卫生站周日开门吗")
    assert me.text.startswith("【社区卫生服务站】"), me.text
    assert "每天 8:00-11:30、14:30-17:00" in me.text and "一楼西侧" in me.text, me.text
    assert CENTRE_TITLE not in me.text and CENTRE_HOURS not in me.text, me.text


async def test_an_office_whose_hours_are_not_known_is_said_so_with_what_is_known(chat):
    me = chat()
    await me.say("派出所周六上班吗")
    assert "我这里没有派出所（户籍窗口）的办公时间和电话" in me.text, me.text
    assert "户籍所在地的派出所户籍窗口" in me.text and "找工作人员" in me.buttons, (me.text, me.buttons)
    assert CENTRE_TITLE not in me.text and CENTRE_HOURS not in me.text, me.text


async def test_a_phone_not_known_is_said_when_asked_for(chat):
    me = chat()
    await me.say("卫生站电话多少")
    assert "我这里没有社区卫生服务站的电话" in me.text, me.text
    assert "0374-5123456" not in me.text, me.text  # the centre's number


async def test_the_property_managements_phone_asked_is_not_a_service(chat):
    """物业电话多少 was answered with 就业创业证 (物业 sounds like 就业)."""
    me = chat()
    await me.say("物业电话多少")
    assert me.text.startswith("【小区物业】"), me.text
    assert "我这里没有小区物业的办公时间和电话" in me.text and "贴在单元门口" in me.text, me.text
    assert "就业创业证" not in me.text, me.text


@pytest.mark.parametrize("asked", ["卫生站在哪", "社区医院怎么走", "卫生室地址"])
async def test_where_the_health_station_is_is_answered(chat, asked):
    """卫生站在哪 was not understood at all."""
    me = chat()
    await me.say(asked)
    assert me.text.startswith("【社区卫生服务站】"), me.text
    assert "党群服务中心一楼西侧" in me.text and "8:00-11:30" in me.text, me.text


async def test_an_office_asked_right_after_a_service_answer_is_the_offices(chat):
    """After the 就业创业证 answer, 卫生站在哪 showed where 就业创业证 is done."""
    me = chat()
    await me.say("失业登记怎么办")
    await me.say("卫生站在哪")
    assert me.text.startswith("【社区卫生服务站】"), me.text


def test_an_office_with_the_id_of_a_matter_is_refused_by_the_check(tmp_path: Path):
    """The understanding names either by its id: one id must not mean both."""
    shipped = elsewhere.DEFAULT_PATH.read_text(encoding="utf-8")
    broken = tmp_path / "elsewhere.yaml"
    broken.write_text(shipped.replace("id: police-station", "id: id-card", 1), encoding="utf-8")
    [problem] = elsewhere.check(broken)
    assert "id-card" in problem, problem


@pytest.mark.parametrize("asked", ["银行几点开门", "邮局周六上班吗"])
async def test_a_place_the_bot_knows_nothing_of_is_not_given_the_centres_hours(chat, asked):
    me = chat()
    await me.say(asked)
    assert "我这里没有它的办公时间和电话" in me.text, me.text
    assert CENTRE_TITLE not in me.text and CENTRE_HOURS not in me.text, me.text


@pytest.mark.parametrize("asked", ["服务中心周六开门吗", "明天几点开门", "现在开着门没", "你们几点上班", "社区电话多少"])
async def test_the_centres_own_questions_still_get_the_centres_answer(chat, asked):
    me = chat()
    await me.say(asked)
    assert me.text.startswith("【文峰社区" + CENTRE_TITLE), me.text


async def test_another_offices_hours_beside_a_service_question_are_that_offices(chat):
    me = chat()
    await me.say("卫生站周日开门吗？低保要带什么")
    assert "【社区卫生服务站】" in me.text and "【最低生活保障申请】" in me.text, me.text
    assert CENTRE_TITLE not in me.text, me.text


def test_a_name_given_to_two_offices_is_refused_by_the_check(tmp_path: Path):
    shipped = elsewhere.DEFAULT_PATH.read_text(encoding="utf-8")
    broken = tmp_path / "elsewhere.yaml"
    broken.write_text(shipped.replace("words: [派出所, ", "words: [卫生站, 派出所, ", 1), encoding="utf-8")
    [problem] = elsewhere.check(broken)
    assert "卫生站" in problem and "health-station" in problem, problem
