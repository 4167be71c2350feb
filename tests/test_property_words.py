"""Words about the 物业 that ask nothing are a complaint about it, never the employment guide.

物业太差了, 找物业没人理, 物业收钱不办事 were answered with 就业创业证
(物业, wù yè, sounds like 就业, jiù yè); 物业 alone too. A resident
venting about the property management wants it taken up, not a job.
"""

from __future__ import annotations

import pytest

from tests.grid.util import resident


@pytest.mark.parametrize(
    "said", ["物业太差了", "找物业没人理", "物业收了钱啥也不干", "这物业早该换了", "物业不给修", "物业一点用都没有", "给物业打电话没人接"]
)
async def test_finding_fault_with_the_property_management_starts_a_complaint(app, said):
    li = await resident(app, "li")
    await li.say(said)
    assert li.text.startswith("收到，我帮您登记成诉求"), li.text
    assert "就业" not in li.text


@pytest.mark.parametrize("said", ["物业", "物业公司", "物业怎么联系"])
async def test_the_property_management_named_alone_says_where_its_complaints_go(app, said):
    li = await resident(app, "li")
    await li.say(said)
    assert li.text.startswith("【小区物业】"), li.text
    assert "我要反映问题" in li.text
    assert "就业" not in li.text


async def test_a_job_at_a_property_company_is_still_the_employment_question(app):
    li = await resident(app, "li")
    await li.say("我想找个物业的工作")
    seen = "\n".join([li.text, *li.buttons])  # the guide, or a choice of guides: what the resident sees
    assert "就业" in seen, seen
    assert "诉求" not in seen
    assert "小区物业" not in seen
