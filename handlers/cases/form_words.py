"""What words typed in the complaint form mean: moving on, not knowing, never mind, the same case, another matter.

The form (handlers/cases/form_steps.py) asks; these say which typed words are
not its answer: the form's own way forward (跳过, 继续, 好了), a change of
mind (不办了), the similar-case offer answered in words (是一回事, 不一样), a
photo still coming (等一下我去拍). A message about another matter (低保怎么办,
我要预约办居住证) is read by handlers/asides.py, shared with the other forms.
"""

from __future__ import annotations

import re

from knowledge.normalize import normalize


# The form's own way forward, typed (跳过, 继续, 下一步, 好了, 没有了, 就这些 …): moving through it, never
# its answer. A complaint was filed as 跳过，继续: 跳过 at the category, 继续 at the photo, both kept as words.
_GOING_ON = r"跳过|略过|继续填写|继续填|继续|接着填写|接着填|接着来|下一步|下一个|往下|提交|就这些|就这样|就这么多|没有了|没了|没别的了|说完了|skip|next|continue"
MOVING_ON = re.compile(
    rf"(?:(?:{_GOING_ON}|好了|行了|可以了|完了|完事了|弄好了|填好了|确定|确认|ok)(?:吧|了|啊|呀|哈|哦|的)*)+"
)
# ... and those that say "on to the next question" (the photo question's 跳过), not only "done" (好了 may
# be said with the photo still to come).
GOES_ON = re.compile(rf"(?:(?:{_GOING_ON})(?:吧|了|啊|呀|哈|哦|的)*)+")
# At the category question, not knowing which is the same as passing it: 不知道, 说不好, 随便.
NO_CATEGORY = re.compile(r"(?:我|俺)?(?:也)?(?:不知道|不清楚|不晓得|不懂|说不好|说不清|不好说|随便|都行|都可以)(?:吧|啊|呀|哦|哪一?类|是哪一?类)*")

# 不用了, 不反映了, 没事了: the resident changed their mind at the first question
NEVER_MIND = re.compile(r"(?:我|俺)?(?:不用|不要|不弄|不办|不填|不反映|不投诉|不报|没事|不说)(?:了)?(?:吧|啊)?")

# The offer's answers in words: 是一回事 follows the one case offered, 不一样 / 要提交 files a new one
# (matched as said_form writes them: 一 is 1 and 两 is 2 there).
_SAME = r"(?:是|就是|对|对的)?(?:同一件事|同一个事|同一件|同一个|一回事|一件事|一个事|一样的?)(?:的|啊|吧|呀|哦)*(?:我?(?:关注|跟进)(?:一下|它)?)?(?:吧|啊)*"
_NOT_SAME = (
    r"(?:不一样|不同|两回事|两码事|不是一回事|不是一件事|不是一个事)(?:的|啊|吧|呀|哦)*(?:我?(?:还是|要|继续|重新)?提交)?(?:吧|啊)*"
    r"|(?:我|俺)?(?:还是|要|继续|重新)+提交(?:吧|啊)*"
)
SAME_SAID = re.compile(_SAME.replace("一", "1"))
NOT_SAME_SAID = re.compile(_NOT_SAME.replace("一", "1").replace("两", "2"))

# 等一下我去拍, 马上发, 稍等, 稍等我拍一下: the photo is on its way (稍等我拍一下 was added to the description).
# 有的，等我找找 and 让我孙子拍了发给你 say so too (both were added to the description).
PHOTO_LATER = re.compile(
    r"(?:等|稍等|待)(?:一?下|一会儿?|会儿?)|稍等|等我|马上(?:发|拍)|(?:去|现在)拍|(?:我|先)拍一?下|拍(?:了|好)?再发|回头发|这就(?:发|拍)"
    r"|(?:让|叫|请|找)[^，,。]{1,6}拍"
)
# 有, 有的, 有照片: yes to 有现场照片吗, the photo still to send (有 was added to the description).
# 是的, 对 alone answer 有现场照片吗 the same way (both were added to the description).
PHOTO_YES = re.compile(
    r"(?:嗯|对|是的?)?(?:有|有的|有啊|有呀|有照片|有图片?|有相片|拍了)(?:的|啊|呀|哦|嗯)*|(?:对|是)(?:的|啊|呀|哦|嗯)*"
)
# 怎么发照片, 照片发不上去: how to send it, asked (both were added to the description).
PHOTO_HOW = re.compile(
    r"(?:怎么|咋|如何|怎样)(?:样)?(?:发|传|上传|弄)(?:照片|图片|图|相片)?|(?:照片|图片|图|相片)(?:要|该)?(?:怎么|咋|如何|怎样)(?:发|传|上传|弄)"
    r"|(?:发|传)不(?:上去|出去|过去|了)|(?:照片|图片|图|相片)(?:发|传)不(?:了|上|出)"
)

# 刚才那个继续, 接着刚才的, 回到刚才那个: going on with the form, as said after a question put in between —
# never its answer (刚才那个继续 was added to the description at the photo question).
_EARLIER = r"(?:刚才|刚刚|之前|前面|上面)(?:那个|那件|那件事|的事情?|的|那)?"
GOING_BACK_TO_IT = re.compile(
    rf"(?:我们?|咱们?)?(?:{_EARLIER}(?:事情?)?(?:继续|接着)(?:填写?|来|说|办|弄)?"
    rf"|(?:继续|接着|回到)(?:填写?|说|办|弄)?{_EARLIER}(?:事情?)?(?:填写?|继续)?)(?:吧|了|啊|呀|哈|哦|的)*"
)

# "我要反映问题", "想投诉一下", "我有个问题要反映": wanting to report, with nothing said yet about what
_ONLY_ASKS_TO_REPORT = re.compile(
    r"(我|俺|我们)?(想|要|想要|得|有)?(个|一个|点|些)?(问题|事|事情|情况)?(要|想)?"
    r"(反映|投诉|举报|报事|报修|提|说)(一下|下)?(个|一个|点)?(问题|事|事情|情况|诉求)?(吧|啊|呀)?"
)


def only_asks_to_report(text: str) -> bool:
    """我要反映问题: a new complaint begun, not yet what happened (never the answer to another question)."""
    return _ONLY_ASKS_TO_REPORT.fullmatch(normalize(text)) is not None

# 刚才发了照片了, 照片发了, 图片已经发过了: about the photo, never what happened nor where (a case said so to
# the neighbours offered it as similar).
_PIC = r"(?:照片|图片|相片|图|照)"
_BEFORE = r"(?:我|俺)?(?:刚才|刚刚|刚|已经|之前|前面|上面|早就|都)*"
_END = r"(?:了|啦|的)?(?:啊|呀|哦|哈|嘛)*"
PHOTO_SENT = re.compile(
    rf"{_BEFORE}(?:发|传)(?:了|过)(?:[一两二三四五六七八九几1-9]张)?{_PIC}{_END}|{_BEFORE}(?:发|传){_PIC}了{_END}"
    rf"|{_PIC}{_BEFORE}(?:发|传)(?:了|过|完了|好了){_END}|{_PIC}(?:在|就在)(?:上面|前面){_END}"
)

# 没有照片, 不用拍照, 拍不了照, 照片没有: the photo's answer, typed early at the place question (it was kept as the
# place, 地点：没有照片, and the case went unrouted). 照, 相, 图 or 拍 must be said: 没有 alone is no photo word.
_NO_PIC = r"(?:没有|没|无|不用|不要|不需要|不发|不拍|没拍|没法拍|拍不了|发不了|不会发|不会拍|不会弄)"
NO_PHOTO_SAID = re.compile(
    rf"(?:算了)?(?:我|俺)?(?:这|手头|手机里|现在)?(?:{_NO_PIC}了?(?:拍)?{_PIC}|拍不了{_PIC}?|{_PIC}(?:也|就)?{_NO_PIC}){_END}"
)
# 不知道, 不清楚在哪, 没有: words that say no place at the place question (the case was filed 地点：不知道).
NO_PLACE_SAID = re.compile(
    r"(?:我|俺)?(?:也)?(?:不知道|不清楚|不晓得|说不好|说不清|记不清|忘了|没有|没)(?:在)?(?:哪|哪里|哪儿|什么地方|啥地方)?(?:吧|啊|呀|哦|呢|了)*"
)

# 你们什么时候来修, 几点能来修: when this problem will be seen to, asked before it is filed (was added to the
# description, or answered with the 便民维修 leaflet's hours).
WHEN_HANDLED = re.compile(
    r"(?:什么时候|啥时候|几时|多久|几点|哪天|多长时间)(?:能|会|才|可以|给)?(?:派人|有人)?(?:来|过来)?(?:人)?(?:修|处理|解决|弄|管|办|看)"
)

# 不知道, 嗯, 啊, 好的, 不清楚 at 有现场照片吗: nothing about the problem (不知道 and 啊 were added to the
# description, 已补充到诉求说明里). 没有 is the question's no, and files the case without a photo.
NOTHING_AT_PHOTO = re.compile(
    r"(?:我|俺)?(?:也)?(?:不知道|不清楚|不晓得|不懂|说不好|说不清|不好说|不太清楚|不确定)(?:吧|啊|呀|哦|呢|了)*"
    r"|(?:嗯|恩|啊|呃|额|哦|噢|喔|唔|哈|诶|欸|哎|唉|好|好的|行|行吧|知道了|晓得了|明白了|收到|ok|okay)+(?:吧|啊|呀|哦|呢|了|的)*"
)
