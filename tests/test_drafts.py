"""Forms put aside: one put aside after another keeps the first, for 继续 once the newer one is done."""

from __future__ import annotations

from tests.grid.util import all_cases, resident
from tests.helpers import Chat


async def test_a_second_form_put_aside_keeps_the_first_for_later(app):
    """A complaint left half-filled for another complaint was gone once the second was put aside in turn."""
    li = await resident(app, "li")
    await li.say("反映问题")
    await li.press("cs:cat:sanitation")
    await li.say("楼道里堆满纸箱子没人管")
    assert "问题在哪里" in li.text, li.text
    await li.say("居住证怎么办")  # another matter first: the first complaint is put aside
    assert "“反映问题”已经为您保存" in li.text, li.text
    await li.say("反映问题")  # with none open: a second complaint, the first kept
    await li.press("cs:cat:parking")
    await li.say("门口老有车乱停")
    await li.say("继续")  # in the second form: it is put aside and taken up again, the first kept under it
    assert "问题在哪里" in li.text, li.text
    await li.press("cs:where:home")
    await li.press("cs:skip")
    assert "您的诉求已提交" in li.text, li.text

    await li.say("继续")  # the first complaint, where it was left
    assert "接着填写“反映问题”" in li.text and "问题在哪里" in li.text, li.text
    await li.press("cs:where:home")
    await li.press("cs:skip")
    assert "您的诉求已提交" in li.text, li.text
    assert sorted(case.description for case in await all_cases(app)) == ["楼道里堆满纸箱子没人管", "门口老有车乱停"]
    await li.say("继续")
    assert "没有没填完的内容" in li.text, li.text


async def test_dropping_the_newest_draft_says_the_older_one_still_waits(app):
    li = await resident(app, "li")
    await li.say("反映问题")
    await li.press("cs:cat:sanitation")
    await li.say("楼道里堆满纸箱子没人管")
    await li.say("微心愿")  # the complaint is put aside
    assert "已经为您保存" in li.text, li.text
    await li.say("想请人帮忙修一下家里的椅子")
    await li.say("反映问题")  # the wish is put aside, the complaint kept under it
    await li.say("取消")
    await li.press("draft:drop")
    assert "没填完的“微心愿”已删除" in li.text and "您之前还有一份没填完的“反映问题”" in li.text, li.text
    await li.say("继续")
    assert "接着填写“反映问题”" in li.text and "问题在哪里" in li.text, li.text


async def test_bu_yao_le_after_a_form_was_put_aside_drops_it(app):
    """不要了 after 已经为您保存 was 答不上来: the draft could only be dropped once taken up again."""
    li = await resident(app, "li")
    await li.say("反映问题")
    await li.press("cs:cat:sanitation")
    await li.say("楼道里堆满纸箱子没人管")
    await li.say("居住证怎么办")  # another matter: the complaint is put aside
    assert "已经为您保存" in li.text, li.text
    await li.say("不要了")
    assert "没填完的“反映问题”已删除" in li.text, li.text
    await li.say("继续")
    assert "没有没填完的内容" in li.text, li.text
    await li.say("不要了")  # nothing put aside: read as any message, no draft talk
    assert "已删除" not in li.text, li.text


async def test_a_form_taken_up_again_shows_its_question_not_the_lines_said_once_before_it(app):
    """继续 showed ✅ 您的资料已保存 again: the profile, saved on the way into the complaint, was said with its first question."""
    wang = Chat(app, "wang")
    await wang.say("反映问题")
    await wang.say("1")  # 同意
    await wang.say("王桂兰")
    await wang.say("13800138000")
    assert "您的资料已保存" in wang.text and "您要反映哪一类问题" in wang.text, wang.text
    await wang.say("低保怎么办")  # another matter: the complaint is put aside at its first question
    assert "已经为您保存" in wang.text, wang.text
    await wang.say("继续")
    assert "接着填写“反映问题”" in wang.text and "您要反映哪一类问题" in wang.text, wang.text
    assert "资料已保存" not in wang.text, wang.text
    await wang.say("1")  # the category's choices answer it still
    assert "具体情况" in wang.text, wang.text


async def test_the_form_kept_over_a_question_is_taken_up_with_words_that_point_back_at_it(app):
    """刚才那个继续 / 接着刚才的 / 继续刚才那个 after an aside were 答不上来: only 继续 took the form up."""
    for n, words in enumerate(("刚才那个继续", "接着刚才的", "继续刚才那个吧")):
        li = await resident(app, f"li{n}")  # one each: the flood gate counts a person's messages
        await li.say("反映问题")
        await li.press("cs:cat:sanitation")
        await li.say("楼道里堆满纸箱子没人管")
        await li.say("低保怎么办")  # an aside: answered, the complaint kept
        assert "已经为您保存" in li.text, li.text
        await li.say(words)
        assert "接着填写“反映问题”" in li.text and "问题在哪里" in li.text, (words, li.text)
        await li.press("cs:where:home")  # its choices answer it
        assert "照片" in li.text, li.text


async def test_words_about_the_question_asked_before_do_not_take_the_form_up(app):
    li = await resident(app, "li")
    await li.say("反映问题")
    await li.press("cs:cat:sanitation")
    await li.say("楼道里堆满纸箱子没人管")
    await li.say("低保怎么办")
    await li.say("刚才那个问题我还想问")  # about the answer, not the form
    assert "接着填写" not in li.text, li.text
    await li.say("继续")
    assert "接着填写“反映问题”" in li.text, li.text


async def test_report_pressed_inside_the_complaint_form_shows_where_it_stands(app):
    """反映问题 (typed or the menu's) in the middle of a complaint put it aside and began a second one."""
    li = await resident(app, "li")
    await li.say("反映问题")
    await li.press("cs:cat:sanitation")
    await li.say("楼道里堆满纸箱子没人管")
    assert "问题在哪里" in li.text, li.text
    for again in (lambda: li.say("反映问题"), lambda: li.press("report")):
        await again()
        assert "正在填写“反映问题”" in li.text and "重新填" in li.text and "问题在哪里" in li.text, li.text
        assert "已经为您保存" not in li.text and "哪一类问题" not in li.text, li.text
    await li.say("1")  # the form's own choice (在我家) still answers it
    assert "照片" in li.text, li.text
    await li.press("cs:skip")
    [case] = await all_cases(app)
    assert case.description == "楼道里堆满纸箱子没人管"
    await li.say("继续")
    assert "没有没填完的内容" in li.text, li.text


async def test_chong_xin_tian_inside_the_complaint_form_begins_it_again(app):
    li = await resident(app, "li")
    await li.say("反映问题")
    await li.press("cs:cat:sanitation")
    await li.say("楼道里堆满纸箱子没人管")
    await li.say("反映问题")
    await li.say("重新填")  # said so: the form is begun again, what was written dropped
    assert "您要反映哪一类问题" in li.text and "重新开始" in li.text, li.text
    await li.press("cs:cat:parking")
    await li.say("门口老有车乱停")
    await li.press("cs:where:home")
    await li.press("cs:skip")
    [case] = await all_cases(app)
    assert (case.category, case.description) == ("parking", "门口老有车乱停")
    await li.say("继续")  # nothing kept of the first
    assert "没有没填完的内容" in li.text, li.text


async def test_wish_words_or_the_menus_wish_inside_the_wish_form_show_where_it_stands(app):
    """微心愿 / 许个心愿 halfway through a wish put it aside (已经为您保存) and began a second one at 心愿是什么."""
    from sqlmodel import select

    from bot.models import Wish

    grandma = await resident(app, "grandma", name="王桂兰", phone="13698765432")
    await grandma.say("微心愿")
    await grandma.say("想要一台收音机")
    assert "为什么需要它" in grandma.text, grandma.text
    for again in (lambda: grandma.say("微心愿"), lambda: grandma.say("许个心愿"), lambda: grandma.press("wishnew")):
        await again()
        assert "正在填写“微心愿”" in grandma.text and "为什么需要它" in grandma.text, grandma.text
        assert "已经为您保存" not in grandma.text and "心愿是什么" not in grandma.text, grandma.text
    await grandma.say("眼睛不好，想听听戏")
    await grandma.press("wi:by:14")
    await grandma.press("wi:skip")
    assert "微心愿已提交" in grandma.text, grandma.text
    async with app.db.uow() as uow:
        [wish] = (await uow.session.exec(select(Wish))).all()
    assert (wish.what, wish.why) == ("想要一台收音机", "眼睛不好，想听听戏")
    await grandma.say("继续")
    assert "没有没填完的内容" in grandma.text, grandma.text


async def _complaint_put_aside(li) -> None:  # noqa: ANN001 - a Chat
    await li.say("反映问题")
    await li.press("cs:cat:sanitation")
    await li.say("楼道里堆满纸箱子没人管")
    await li.say("居住证怎么办")  # another matter: the complaint is put aside
    assert "“反映问题”已经为您保存" in li.text, li.text


async def test_report_with_a_complaint_put_aside_asks_which_one(app):
    """反映问题 with a complaint kept as a draft began a new one, the kept one left behind unsaid."""
    li = await resident(app, "li")
    await _complaint_put_aside(li)
    for again in (lambda: li.say("反映问题"), lambda: li.press("report")):
        await again()
        assert "没填完的“反映问题”" in li.text, li.text
        assert li.buttons[:2] == ["接着填刚才的（楼道里堆满纸箱子没人管）", "反映新问题"], li.buttons
        assert "哪一类问题" not in li.text, li.text
    await li.say("1")  # the one kept, where it stood
    assert "接着填写“反映问题”" in li.text and "问题在哪里" in li.text, li.text
    await li.press("cs:where:home")
    await li.press("cs:skip")
    [case] = await all_cases(app)
    assert case.description == "楼道里堆满纸箱子没人管"


async def test_a_new_complaint_chosen_or_typed_over_the_kept_one_keeps_it(app):
    li = await resident(app, "li")
    await _complaint_put_aside(li)
    await li.say("反映问题")
    await li.say("2")  # 反映新问题: begun, the kept one still there
    assert "您要反映哪一类问题" in li.text, li.text
    await li.press("cs:cat:parking")
    await li.say("门口老有车乱停")
    await li.press("cs:where:home")
    await li.press("cs:skip")
    await li.say("反映问题")
    await li.say("门口的路灯坏了好几天了")  # the new problem typed instead of a number: a new complaint of it
    assert "接着填写" not in li.text and "问题在哪里" in li.text, li.text
    await li.press("cs:where:home")
    await li.press("cs:skip")
    assert [case.description for case in await all_cases(app)] == ["门口老有车乱停", "门口的路灯坏了好几天了"]
    await li.say("继续")  # the first one waits still
    assert "接着填写“反映问题”" in li.text and "问题在哪里" in li.text, li.text
