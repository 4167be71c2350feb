"""More words the understanding read as something else, and what the resident now sees.

大约下午到 got the activity room (下午到 sounds like 舞蹈).
"""

from __future__ import annotations

import pytest

from tests.grid.util import resident


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
