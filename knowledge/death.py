"""A death said the way people say it: 我家老头子走了, 俺娘没了, 老伴前天老了.

None of the funeral subsidy's words is in 我家老头子走了, and 家老头 is in an
example of the disability card (俺家老头中风了): the card was answered to a
widow. A person's 走了, 没了, 死了 (人死了, 俺爹死了) or (after a time word) 老了 is a death, and is
read as 去世, a word of the funeral subsidy's, before the services are ranked.
老人走丢了, 走了两步就喘, 钱没了, 人老了腿脚不好: not a death.
"""

from __future__ import annotations

import re

# Who died: a relative or an old person, said as residents say them.
_PERSON = (
    r"(老头子?|老头儿|老太太?|老婆子|老伴儿?|老爷子|老太爷|老人家?|老父亲|老母亲|父亲|母亲|爸爸?|妈妈?|爹|娘|俺爹|俺娘"
    r"|爷爷|奶奶|姥姥|姥爷|外公|外婆|公公|婆婆|丈夫|老公|媳妇|妻子|爱人|老婆|岳父|岳母|丈母娘|老丈人|大爷|大娘|叔|婶|舅|姑|姨"
    r"|哥|姐|弟|妹|儿子|闺女|女儿)"
)
_WHEN = r"(刚刚?|已经|昨天|昨晚|前天|今天|今早|夜里|半夜|上周|上个月|前几天|前些天|去年|前段时间|年前|年后)"
# 走了 not followed by how far or where (走了两步, 走了半天, 走了一趟, 走了到楼下), nor 走丢 / 走失
_GONE = r"(走了|没了|死了)(?![0-9一二三四五六七八九十两几半好很多步路趟回遍圈])"
DIED = re.compile(
    rf"{_PERSON}(子|儿)?(他|她)?(也)?{_WHEN}?(刚)?{_GONE}"
    rf"|(?<![死累热饿冷吓气烦困])人(已经|刚)?死了"  # 人死了社区给补贴吗 (not 累死人了)
    rf"|{_PERSON}(子|儿)?(他|她)?{_WHEN}(刚)?老了(?![0-9一二三四五六七八九十两几好很多点些])"
)


def spelled_out(text: str) -> str:
    """A normalised text with a person's death said plainly (去世), for ranking the services."""
    if "了" not in text:  # most messages stop here
        return text
    return DIED.sub(lambda found: found.group(0)[:-2] + "去世", text)  # each way of saying it ends in its two-character verb
