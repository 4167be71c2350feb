"""Thanks, or a word on the work, said under the rating push: 谢谢你们 辛苦了, 灯亮了, 一般般, 太慢了.

Read alone, such words are a thank-you, answered 不客气 with 返回主菜单: the
rating's stars were no longer the choices shown, the 5 typed next was
"请回复 1 到 1 之间的数字", and the case waited for a rating nobody asked
for again. Under the push they are the resident pleased with the result:
thanked, and asked for the stars again, never guessed (as 满意 is). A
lukewarm or slow verdict (一般般, 太慢了) was 答不上来, the stars gone as well:
it is asked for the stars too.
"""

from __future__ import annotations

import re

from bot.core import validation
from bot.core.context import Context
from bot.core.messages import Reply
from bot.services import cases
from handlers.cases.basics import router
from handlers.cases.mine import rating_in_words
from knowledge import intents
from knowledge.normalize import normalize

# Praise of the work, short: 辛苦了, 点个赞, 效率真高, 太好了, 好样的 (thanks are intents.thanks).
_PRAISE = re.compile(r"辛苦|点赞|点个赞|赞一个|效率(?:真|很|挺|太)?高|(?:真|很|挺|太)快|速度(?:真|很|挺|太)?快|非常好|太好了|好样的|谢谢|多谢|感谢")
# Fixed, said of the thing itself: 灯亮了, 水通了, 可以用了.
_FIXED = re.compile(r"^(?:[\u4e00-\u9fff]{0,4}?(?:亮|通|好)了|没问题了|(?:可以|能)用了)(?:啊|呀|哈|吧)?$")
# Lukewarm or slow, without stars: 一般般, 凑合, 太慢了, 拖了好几天.
_LUKEWARM = re.compile(r"一般|凑合|马马虎虎|不咋|不怎么样|太慢|有点慢|慢了点|太晚|拖了|拖得|效率(?:太|有点)?低")
_PRAISE_MAX_CHARS = 20


@router.accepts_words("cs:rate:")
async def thanks_under_rating(ctx: Context) -> Reply | None:
    """The rating shown again with a thank-you, for the case whose stars were shown; None for other words."""
    if ctx.message.attachment is not None or not ctx.text:
        return None
    norm = normalize(ctx.text)
    if len(norm) > _PRAISE_MAX_CHARS:
        return None
    pleased = intents.thanks(norm) or _PRAISE.search(norm) is not None or _FIXED.match(norm) is not None
    if not pleased and _LUKEWARM.search(norm) is None:
        return None
    if rating_in_words(ctx.text) is not None:
        return None  # stars, 没解决 or 满意: rating_said answers them
    shown = {validation.button_parts(payload)[1][0] for _label, payload in ctx.shown if payload.startswith("cs:rate:")}
    waiting = [case for case in await cases.awaiting_rating(ctx.uow, ctx.person) if str(case.id) in shown]
    if len(waiting) != 1:
        return None
    key = "cases.thanks_ask_stars" if pleased else "cases.ask_stars_again"
    return Reply(ctx.t(key, id=waiting[0].id), cases.rating_buttons(waiting[0], ctx.texts))
