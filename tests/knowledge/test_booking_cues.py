"""Booking cues: moving or cancelling a booking in the words residents use, and the spoken "book it"."""

from __future__ import annotations

import pytest

from knowledge.intents import manages_booking
from knowledge.loader import load
from knowledge.normalize import normalize
from knowledge.understanding import Intent, Understander


@pytest.fixture(scope="module")
def understander() -> Understander:
    return Understander(load())


@pytest.mark.parametrize(
    "text",
    ["改期", "我要改期", "能改个期吗", "改时间", "换个时间", "改一下预约", "改到下周一下午两点半", "改到后天上午十点",
     "能不能换成后天上午十点", "帮我挪到明天", "帮我改一下下周一下午两点半", "改一下明天上午"],
)
def test_moving_a_booking_is_about_the_booking_already_made(understander: Understander, text: str):
    """改期 (the bookings' own button word) and 改到 + a time were 答不上来 or a service (儿童课后托管)."""
    assert understander.understand(text).intent is Intent.booking, text
    assert manages_booking(normalize(text)), text


@pytest.mark.parametrize("text", ["约一下明天上午办居住证", "约下周二办居住证"])
def test_yue_yixia_books_the_service_named(understander: Understander, text: str):
    """约一下 / 约下 are 预约: the service's booking, not its overview; 节约下来, 大约下午, 改一下电话 are not."""
    read = understander.understand(text)
    assert read.intent is Intent.service and read.service_id == "residence-permit" and read.book, (text, read)
    for other in ("节约下来的钱怎么用", "大约下午几点开门", "党日活动改期了吗", "改一下电话"):
        assert understander.understand(other).intent is not Intent.booking, other


@pytest.mark.parametrize("text", ["约明天7点", "约下周三上午", "约后天", "约周五下午"])
def test_yue_and_the_day_wanted_is_a_booking(understander: Understander, text: str):
    """约明天7点 typed first was 答不上来 though 我要预约明天7点 was a booking."""
    assert understander.understand(text).intent is Intent.booking, text
    for other in ("大约明天到", "节约下周的电费", "约莫明天能好"):
        assert understander.understand(other).intent is not Intent.booking, other


@pytest.mark.parametrize(
    ("text", "service"),
    [("我想约明天下午三点办居住证", "residence-permit"), ("我想约明天下午三点办低保", "minimum-living-allowance"),
     ("约个后天上午十点办居住证", "residence-permit")],
)
def test_yue_and_a_day_before_the_service_books_that_service(understander: Understander, text: str, service: str):
    """我想约明天下午三点办居住证 was the service's overview (book=False) before 约 + a day was a cue (f79a101)."""
    read = understander.understand(text)
    assert read.intent is Intent.service and read.service_id == service and read.book, (text, read)


@pytest.mark.parametrize("text", ["周一的预约不去了", "这个预约不要了", "周五的不去了", "这个不去了"])
def test_not_going_to_a_booking_named_by_its_day_or_as_this_one_is_about_the_booking_already_made(
    understander: Understander, text: str
):
    """周一的预约不去了 was a new booking (预约), not one already made."""
    assert manages_booking(normalize(text)) and understander.understand(text).intent is Intent.booking, text


@pytest.mark.parametrize("text", ["老年证那个不去了", "老年证去不了了"])
def test_not_going_to_a_booking_named_by_its_service_is_about_the_booking_already_made(understander: Understander, text: str):
    """老年证那个不去了 was the 老年证 guide."""
    assert understander.understand(text).intent is Intent.booking, text


@pytest.mark.parametrize(("text", "intent"), [("不要了", Intent.unknown), ("那个不要了", Intent.unknown), ("我的心愿不要了", Intent.wish)])
def test_dropping_words_that_name_no_booking_are_not_one(understander: Understander, text: str, intent: Intent):
    assert understander.understand(text).intent is intent, text
