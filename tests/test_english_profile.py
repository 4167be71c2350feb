"""Changing one's own details in English asks only for what is changed, as 改手机号 and 改一下地址 do in Chinese.

"change my phone number" asked for the name, the phone and the whole address
again; "my new number is 139…" was not understood at all. The number said
with it is kept at once, with the usual 'Your details are saved' and the details shown.
"""

from __future__ import annotations

import pytest
from sqlmodel import select

from bot.models import Person
from bot.services import people, support
from tests.test_english_residents import EnglishClient, tom


async def _person(app, user: str) -> Person:  # noqa: ANN001
    async with app.db.uow() as uow:
        return (await uow.session.exec(select(Person).where(Person.channel_user_id == user))).one()


@pytest.mark.parametrize(
    "said",
    ["change my phone number", "update my phone", "I want to change my mobile number", "my phone number has changed", "I changed my number"],
)
async def test_changing_the_phone_in_english_asks_only_for_the_phone(app, said):
    me = await tom(app)
    await me.say(said)
    assert "mobile number" in me.text and "your name" not in me.text.lower(), me.text
    await me.say("139 0000 6666")
    assert "Your details are saved" in me.text and "13900006666" in me.text, me.text
    person = await _person(app, "tom")
    assert (person.name, person.phone, person.building, person.room) == ("Tom Baker", "13900006666", "北苑1号楼", "301")


@pytest.mark.parametrize(
    "said",
    [
        "my new number is 13900006666",
        "change my phone number to 139 0000 6666",
        "I have a new phone number: 13900006666",
        "new phone number 13900006666",
    ],
)
async def test_a_new_number_said_in_english_is_kept_at_once(app, said):
    me = await tom(app)
    await me.say(said)
    assert "Your details are saved" in me.text and "13900006666" in me.text, me.text
    assert "mobile number" not in me.text, me.text  # not asked for again
    person = await _person(app, "tom")
    assert (person.name, person.phone, person.building) == ("Tom Baker", "13900006666", "北苑1号楼")


@pytest.mark.parametrize("said", ["change my address", "update my address", "I've moved"])
async def test_changing_the_address_in_english_asks_only_for_the_address(app, said):
    me = await tom(app)
    await me.say(said)
    assert "Which building" in me.text and "mobile number" not in me.text and "your name" not in me.text.lower(), me.text
    await me.say("北苑2号楼3单元402")
    assert "Your details are saved" in me.text, me.text
    person = await _person(app, "tom")
    assert (person.name, person.phone, person.building, person.room) == ("Tom Baker", "13812345678", "北苑2号楼", "402")


async def test_changing_all_details_in_english_still_asks_for_all_of_them(app):
    me = await tom(app)
    await me.say("update my details")
    assert "your name" in me.text.lower(), me.text


async def test_a_new_number_from_someone_without_details_asks_consent_first_and_keeps_it(app):
    async with app.db.uow() as uow:
        await people.get_or_create(uow, "telegram", "ann", language="en")
        await uow.commit()
    ann = EnglishClient(app, "ann", "telegram")
    await ann.say("my new number is 13900006666")
    assert "Do you agree" in ann.text and "13900006666" not in ann.text, ann.text
    assert (await _person(app, "ann")).phone is None  # nothing kept before the yes
    await ann.press("pf:agree")
    assert "Your details are saved" in ann.text and "your name" not in ann.text.lower(), ann.text
    assert (await _person(app, "ann")).phone == "13900006666"


@pytest.mark.parametrize("said", ["my number is 13900006666", "My phone number is 139 0000 6666", "phone: 13900006666"])
async def test_a_number_given_as_mine_in_english_is_offered_to_be_kept_as_in_chinese(app, said):
    """我的电话是139… asks 要把…登记为您的联系电话吗; "my number is 139…" got 'I cannot answer that'."""
    me = await tom(app)
    await me.say(said)
    assert "Shall I keep 13900006666 as your contact phone?" in me.text, me.text
    assert (await _person(app, "tom")).phone == "13812345678"  # nothing changed before the yes
    await me.press("ph:keep")
    assert "Your details are saved" in me.text, me.text
    assert (await _person(app, "tom")).phone == "13900006666"


@pytest.mark.parametrize("asked", ["what is my phone number", "what's my address?", "what details do you have about me"])
async def test_asking_what_is_kept_in_english_shows_the_details_and_changes_nothing(app, asked):
    """"what is my phone number" got 'I cannot answer that' and went into the log of unanswered questions."""
    me = await tom(app)
    await me.say(asked)
    assert "What we store about you" in me.text and "13812345678" in me.text and "Tom Baker" in me.text, me.text
    async with app.db.uow() as uow:
        assert not await support.unanswered(uow)
