"""A month's figures asked in words (这个月诉求多少件, 本月统计): staff get /stats, a resident their own complaints."""

from __future__ import annotations

from knowledge.cue_kit import TAIL, rx

# The month's figures asked in words: 这个月诉求多少件, 本月统计, 上个月的统计, 3月份投诉有几件. Staff are
# shown /stats; a resident their own complaints (handlers/staff.py). The whole message only.
MONTH_WORDS = r"(上上个?月|上个?月|这个?月|本月|[0-9]{4}年[0-9一二三四五六七八九十]{1,3}月|[0-9一二三四五六七八九十]{1,3}月)份?"
_CASES = r"(诉求|投诉|案件|工单|事件)"
MONTH_FIGURES = rx(
    rf"^{MONTH_WORDS}的?({_CASES}|工作|网格)?的?(统计|数据|情况)(数据|一下|下)?{TAIL}",
    rf"^{MONTH_WORDS}的?{_CASES}(一共|总共)?(有|收到|接了)?(多少|几)件?(了|呀|啊)?{TAIL}",
    rf"^{MONTH_WORDS}(一共|总共)?(有|收到|接了)?(多少|几)件?{_CASES}{TAIL}",
)


def asks_month_figures(text: str) -> bool:
    """Whether a short message asks for a month's figures (这个月诉求多少件, 上个月的统计)."""
    return MONTH_FIGURES.search(text) is not None
