"""`resident-bot announce`: broadcast a notice to a community, a grid or a role; delivery reports."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "announce",
        help="群发通知（全社区、网格或身份），查看送达情况",
        description="Broadcast a notice through the outbox. Without --yes it only previews "
        "(audience and number of recipients). `announce report [ID]` shows delivery reports.",
    )
    parser.add_argument("text", nargs="?", help="the notice (or `report` to see delivery reports)")
    parser.add_argument("id", nargs="?", type=int, help="with `report`: one notice id")
    parser.add_argument("--community", help="community id (needed only when there are several)")
    parser.add_argument("--grid", help="only this grid's residents and role holders")
    parser.add_argument("--role", help="only holders of this role (party_member, volunteer, grid_manager …)")
    parser.add_argument("--publicity", action="store_true", help="a decision made public (一征三议两公开)")
    parser.add_argument("--urgent", action="store_true", help="send even during quiet hours")
    parser.add_argument("--yes", action="store_true", help="send after the preview (otherwise only preview)")
    parser.set_defaults(func=_announce)


def _announce(args: argparse.Namespace) -> int:
    from bot.cli import CliError
    from bot.cli.common import run_with_app
    from bot.services import announce, notices
    from bot.texts import Texts

    if not args.text:
        raise CliError("请给出通知内容，或 announce report 查看送达情况")

    async def body(app):  # noqa: ANN001, ANN202
        texts = Texts(app.settings.language)
        async with app.db.uow() as uow:
            if args.text == "report":
                found = [await notices.report(uow, args.id)] if args.id else await announce.reports(uow, None, limit=20)
                for r in found:
                    n = r.notice
                    print(f"#{n.id}\t{n.kind}\t{n.audience}\ttotal {r.total}\tsent {r.sent}\tfailed {r.failed}\t"
                          f"unreachable {r.unreachable}\twaiting {r.pending}")
                return
            audience = await notices.resolve_audience(uow, community_id=args.community, grid_id=args.grid, role=args.role)
            kind = "publicity" if args.publicity else "announcement"
            preview = await announce.preview(uow, None, audience, args.text, kind=kind)
            print(texts.get("announce.preview", audience=preview.label, count=preview.count))
            print(announce.render(texts, kind, preview.text).text)
            if not args.yes:
                print("（只是预览；加 --yes 才发送）")
                return
            notice, _ = await announce.send(uow, None, audience, preview.text, preview.token, kind=kind, urgent=args.urgent)
            print(texts.get("announce.sent", id=notice.id, count=notice.recipients))

    run_with_app(body)
    return 0
