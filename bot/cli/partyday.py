"""`resident-bot partyday`: set the month's theme Party day and see who comes."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("partyday", help="设置主题党日、查看报名情况", description="The theme Party day (主题党日).")
    actions = parser.add_subparsers(dest="partyday_command", metavar="ACTION", required=True)
    setting = actions.add_parser(
        "set",
        help="设置（或修改）一期主题党日",
        description="Set or change the Party day of the month its time falls in. Members already notified "
        "are sent the change; before the notices, those who signed up or asked leave.",
    )
    setting.add_argument("--community", help="community id (needed only when there are several)")
    setting.add_argument("--theme", required=True, help="the theme, e.g. 学习贯彻党的二十届四中全会精神")
    setting.add_argument("--time", required=True, help='date and time, e.g. "2026-04-10 09:00" or "4月10日 9:00"')
    setting.add_argument("--place", required=True, help="where, e.g. 党群服务中心二楼会议室")
    setting.add_argument("--content", help="what is done (optional)")
    setting.set_defaults(func=_set)
    show = actions.add_parser(
        "show", help="查看本期安排和报名名单", description="Show the Party day, the attendance list and the delivery of its notices."
    )
    show.add_argument("--community", help="community id (needed only when there are several)")
    show.add_argument("--month", help="YYYY-MM (default: the current or next one)")
    show.set_defaults(func=_show)


def _community(uow, community_id):  # noqa: ANN001, ANN202
    from bot.models import Role
    from bot.services import roles

    return roles.resolve_scope(uow, Role.staff, None, community_id)


def _set(args: argparse.Namespace) -> int:
    from bot.cli.common import run_with_app
    from bot.services import partyday
    from bot.texts import Texts

    async def body(app):  # noqa: ANN001, ANN202
        rules = partyday.Rules.from_settings(app.settings)
        texts = Texts(app.settings.language)
        async with app.db.uow() as uow:
            scope = await _community(uow, args.community)
            when = partyday.parse_when(args.time, rules, uow.clock.now())
            arrangement = partyday.check_arrangement(args.theme, when, args.place, args.content)
            saved, told = await partyday.set_party_day(uow, None, rules, scope.community_id, arrangement)
        print(texts.get("partyday.saved", month=int(saved.month[5:])))
        print(partyday.describe(texts, rules, saved).rsplit("\n", 1)[0])
        if told:
            print(partyday.told_line(texts, told))

    run_with_app(body)
    return 0


def _show(args: argparse.Namespace) -> int:
    from bot.cli.common import run_with_app
    from bot.services import notices, partyday
    from bot.texts import Texts

    async def body(app):  # noqa: ANN001, ANN202
        rules = partyday.Rules.from_settings(app.settings)
        texts = Texts(app.settings.language)
        async with app.db.uow() as uow:
            scope = await _community(uow, args.community)
            sheet = await partyday.attendance(uow, None, rules, scope.community_id, args.month)
            month = int(sheet.month[5:])
            if sheet.party_day is None:
                print(texts.get("partyday.attendance_unset", month=month, total=len(sheet.attendees)))
            else:
                print(partyday.describe(texts, rules, sheet.party_day).rsplit("\n", 1)[0])
                print(texts.get("partyday.attendance_title", month=month, theme=sheet.party_day.theme, total=len(sheet.attendees)))
            for attendee in sheet.attendees:
                state = {"join": "报名", "leave": f"请假：{attendee.reason}", None: "未回复"}[attendee.status]
                print(f"{attendee.person_id}\t{attendee.name}\t{state}")
            for kind in (partyday.STAFF_REMINDER, partyday.PRE_NOTICE, partyday.NOTICE):
                notice = await notices.already(uow, partyday.notice_key(scope.community_id, sheet.month, kind))
                if notice is not None:
                    r = await notices.report(uow, notice.id)  # type: ignore[arg-type]
                    print(
                        f"#{notice.id} {texts.get(f'announce.kinds.{notice.kind}')}: "
                        f"{r.total} / sent {r.sent} / failed {r.failed} / unreachable {r.unreachable} / waiting {r.pending}"
                    )

    run_with_app(body)
    return 0
