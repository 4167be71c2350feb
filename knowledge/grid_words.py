"""Residents' words about their grid: which it is, a grievance about its manager, a case that needs no doing.

Each is read before a complaint or a service (see knowledge/understanding.py):
网格员不管事 filed as a complaint went to that very grid manager, 我们这片归谁管
got 便民维修, and 不用修了已经好了 got 答不上来. Read from the normalised text
(see knowledge/normalize.py), whole short messages only.
"""

from __future__ import annotations

import re

from knowledge.cue_kit import briefly, rx  # the cues' own helpers: a pattern of parts, read in short messages only


# Which grid one's home is in, and who its grid manager is: 网格员是谁, 我们这片归谁管, 我家是哪个网格.
MY_GRID = rx(
    r"(网格员|网格长|网格管理员|片长|楼长)(是谁|是哪个|是哪位|叫啥|叫什么|是啥人|电话|联系方式|怎么联系|在哪|找谁)",
    r"(我们?|俺们?|咱们?)?(这片|这一片|这块|这一块|这个楼|这栋楼|这楼|小区|家|楼)(是|归|由)(谁|哪个网格|哪个|哪)(管|负责)",
    r"(我|俺)?(家|们家|住的)?(是|属于|在|归)(哪个|哪一个|什么)网格",
    r"(谁|哪个)是(我们?|俺们?|咱们?)的?网格员",
    r"^(我们?|俺们?|咱们?)的?网格员$",
    r"^找(一下|下)?(我们?|俺们?|咱们?)?的?网格员$",
    # 我想给网格员打电话, 怎么联系网格员, 网格员的电话给我一下: how to reach them (the surname and the ways, not a phone)
    r"(给|跟|和|联系|找)(我们?|俺们?|咱们?)?的?(网格员|网格长|网格管理员)(打|通|要|的)?(个|一下|下)?(电话|联系方式|手机号?|号码)?$",
    r"(网格员|网格长|网格管理员)的?(电话|手机号?|号码|联系方式)",
)
MY_GRID_MAX_CHARS = 20

# A grievance about those who handle cases (网格员态度不好, 我要投诉网格员, 对网格员不满意): for the community's
# staff, never filed as a case, which would go to the very grid manager complained about.
ABOUT_STAFF = rx(
    r"(网格员|网格长|网格管理员|片长)(的)?(态度|服务|脾气)?(不好|太差|很差|真差|差劲|恶劣|不行|不负责|不作为|不管事|不管|推诿|推脱|骂人|太凶|很凶|吼我|收钱|要钱|吃拿卡要|敷衍)",
    r"(投诉|举报)(一下)?(我们|俺们|这个|那个)?(的)?(网格员|网格长|网格管理员|片长)",
    r"对(我们|俺们)?(的)?(网格员|网格长|网格管理员)(很|非常|特别|太)?不满",
)
# (网格员电话联系不上 stays a complaint: a push to the grid is the way to reach them that the phone was not.)
ABOUT_STAFF_MAX_CHARS = 30


# 不用修了已经好了, 自己修好了不用来了, 撤回诉求: the reporter's case needs no doing any more. Whole short
# messages only; 修好了吗 asks, and 修好了 from a grid manager resolves their task (read before this).
DROPS_CASE = re.compile(
    r"^(那个|我的|俺的|刚才的|上次的)?(诉求|投诉|报修|反映的事)(不要了|不用了|撤了|撤回|撤销|取消|算了)(吧|啊|了)*$"
    r"|^(撤回|撤销|取消)(我的|俺的|那个)?(诉求|投诉|报修)(吧|啊)*$"
    r"|^(已经|自己|邻居|家里人|物业)?(都)?(修|弄|整)?好了[，,。 ]*(不用|别|不要)(再)?(来|修|管|处理|来修)了?(吧|啊|哈|谢谢)*$"
    r"|^(不用|别|不要)(再)?(来|修|管|处理|来修|过来)了[，,。 ]*(已经|自己|都)?(修|弄|整)?好了(吧|啊|哈|谢谢)*$"
    r"|^(已经|自己)(修|弄|整)?好了[，,。 ]*(撤了|撤回|取消)(吧)?$"
)


def drops_case(norm: str) -> bool:
    """Whether a short message says the resident's reported problem needs no doing any more (不用修了已经好了)."""
    return len(norm) <= 20 and DROPS_CASE.search(norm) is not None


def about_grid_staff(text: str) -> bool:
    """Whether a message is a grievance about a grid manager (网格员态度不好): for the staff, not the grid."""
    return briefly(text, ABOUT_STAFF, ABOUT_STAFF_MAX_CHARS)


def asks_my_grid(text: str) -> bool:
    """Whether a short message asks which grid one's home is in, or who its grid manager is (网格员是谁)."""
    return briefly(text, MY_GRID, MY_GRID_MAX_CHARS)
