"""More words the understanding read as something else, and what the resident now sees.

老伴走了以后一个人住有啥补贴 got the funeral subsidy; 我腿脚不好能不能上门给办 was
the old-age allowance in `resident-bot understand` while the chat listed the
matters done at home; 电梯卡在三楼不动了 got 答不上来, with nobody told to
call 119 should someone be inside; 大约下午到 got the activity room (下午到
sounds like 舞蹈).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.services import support
from tests.grid.util import resident

ROOT = Path(__file__).resolve().parents[1]


# ------------------------------------------------------------ left alone after a death


async def test_a_widow_living_alone_asking_about_subsidies_is_offered_the_help_for_one_alone(app):
    li = await resident(app, "li")
    await li.say("老伴走了以后一个人住有啥补贴")
    assert li.text.startswith("您问的是下面哪一项"), li.text
    assert li.buttons[:3] == ["居家养老服务补贴申请", "高龄津贴申请", "最低生活保障申请"], li.buttons
    assert "殡葬" not in li.text + "".join(li.buttons)


@pytest.mark.parametrize("said", ["老伴走了就剩我一个，火化的钱能报吗", "俺爹昨天夜里走了，后事的钱社区给不给补", "我家老头儿刚走了"])
async def test_a_death_said_as_gone_asking_about_the_death_itself_is_still_the_funeral_subsidy(app, said):
    li = await resident(app, "li")
    await li.say(said)
    seen = "\n".join([li.text, *li.buttons])  # the guide, or a choice of guides
    assert "惠民殡葬" in seen, seen


async def test_living_alone_with_a_service_named_is_that_service(app):
    li = await resident(app, "li")
    await li.say("老伴走了一个人住，能办低保吗")
    assert li.text.startswith("【最低生活保障申请】"), li.text


# ------------------------------------------------------------ a home visit, nothing named


def _understood(*texts: str) -> list[dict]:
    """`resident-bot understand --json -` as an operator runs it: one reading per line."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("RESIDENT_BOT_")}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    env["PYTHONIOENCODING"] = "utf-8"
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli", "understand", "--json", "-"],
        cwd=ROOT, input="\n".join(texts) + "\n", capture_output=True, text=True, encoding="utf-8", env=env, timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines() if line.strip()]


def test_understand_reads_a_bare_home_visit_request_as_booking_one_like_the_chat():
    asked = ("我腿脚不好能不能上门给办", "腿脚不好去不了，能上门吗", "你们能到家里来办吗")
    readings = _understood(*asked, "残疾证可以上门办吗", "油烟机太脏了谁能上门清洗")
    assert [(r["intent"], r["service_id"]) for r in readings[:3]] == [("booking", None)] * 3, readings
    assert readings[3]["service_id"] == "disability-card"  # the matter named: still that matter
    assert readings[4]["service_id"] == "housekeeping"  # what is to be done at home: still that service


async def test_a_bare_home_visit_request_lists_the_matters_done_at_home_and_records_nothing(app):
    li = await resident(app, "li")
    await li.say("我腿脚不好能不能上门给办")
    assert "可以预约工作人员上门办理" in li.text and "残疾人证办理" in li.buttons, li.text
    await li.say("残疾证怎么办")
    await li.say("我腿脚不好能不能上门给办")  # with a service done at home in view: that one's visit is booked
    assert "【残疾人证办理】可以预约工作人员上门办理" in li.text and "请问是哪种情况" in li.text, li.text
    async with app.db.uow() as uow:
        assert not await support.unanswered(uow)


async def test_booking_a_home_visit_in_words_still_offers_the_services_to_book(app):
    li = await resident(app, "li")
    await li.say("预约上门")
    assert li.text.startswith("想预约办哪件事"), li.text


# ------------------------------------------------------------ a lift stopped


async def test_a_stuck_lift_says_119_and_96333_first_then_files_the_complaint(app):
    li = await resident(app, "li")
    await li.say("电梯卡在三楼不动了")
    first, *rest = li.text.splitlines()
    assert first.startswith("🚨") and "119" in first and "96333" in first, li.text
    assert "收到，我帮您登记成诉求" in "\n".join(rest), li.text


@pytest.mark.parametrize("said", ["电梯坏了好几天了", "电梯又坏了"])
async def test_a_broken_lift_with_nobody_inside_is_a_plain_complaint(app, said):
    li = await resident(app, "li")
    await li.say(said)
    assert li.text.startswith("收到，我帮您登记成诉求"), li.text
    assert "🚨" not in li.text


async def test_a_stuck_lift_with_someone_inside_is_the_emergency(app):
    li = await resident(app, "li")
    await li.say("电梯卡在三楼了里面有人")
    first = li.text.splitlines()[1]
    assert first.startswith("🚨") and "119" in first, li.text
    assert "诉求" not in li.text


# ------------------------------------------------------------ a time said


@pytest.mark.parametrize("said", ["大约下午到", "我下午到"])
async def test_saying_when_one_arrives_is_not_the_activity_room(app, said):
    li = await resident(app, "li")
    await li.say(said)
    assert "活动室" not in li.text + "".join(li.buttons), li.text


async def test_asking_to_book_the_activity_room_for_the_afternoon_is_still_that_booking(app):
    li = await resident(app, "li")
    await li.say("下午能约活动室吗")
    assert "【文体活动室预约】请选日期" in li.text and "下午" in li.text, li.text  # the booking, the afternoon kept
