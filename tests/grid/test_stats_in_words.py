"""The month's figures asked in words: staff see /stats for the month said, a resident their own complaints.

这个月诉求多少件 was answered with a pension service, 本月统计 and 上个月的统计
with 答不上来; staff had to know 统计 2026-03.
"""

from __future__ import annotations

import pytest

from bot.models import Role
from tests.grid.util import file_complaint, resident
from tests.helpers import bind


@pytest.mark.parametrize(
    ("asked", "month", "cases"),
    [
        ("这个月诉求多少件", "2026-03", 1),
        ("本月统计", "2026-03", 1),
        ("3月份的统计", "2026-03", 1),
        ("上个月的统计", "2026-02", 0),
        ("统计 上个月", "2026-02", 0),
        ("十二月的统计", "2025-12", 0),  # a month still to come this year is last year's
    ],
)
async def test_staff_asking_for_a_months_figures_in_words_get_that_month(app, asked, month, cases):
    staff = await bind(app, "shequ", Role.staff)
    await file_complaint(await resident(app, "li"))
    await staff.say(asked)
    assert staff.text.startswith(f"{month} 工作统计"), staff.text
    assert f"【文峰社区合计】诉求 {cases} 件" in staff.text, staff.text


async def test_a_resident_asking_how_many_complaints_sees_their_own_not_the_figures(app):
    li = await resident(app, "li")
    number = await file_complaint(li)
    await li.say("这个月诉求多少件")
    assert li.text.startswith("您的诉求（1 件）") and f"#{number}" in li.text, li.text
    assert "工作统计" not in li.text and "文峰社区合计" not in li.text, li.text
