"""`resident-bot worker`: the scheduler (when elected) and the outbox drainers, without a web server."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "worker",
        help="运行定时任务（主题党日等）和推送发送，不开 Web 服务",
        description="Run the scheduler (if this process is elected: a PostgreSQL advisory lock picks one "
        "process; with SQLite the process is the leader) and the outbox drainers of every configured "
        "channel, without the web server. Stops cleanly on Ctrl-C or SIGTERM.",
    )
    parser.add_argument("--no-scheduler", action="store_true", help="only drain the outbox; never run the scheduler")
    parser.add_argument(
        "--once",
        action="store_true",
        help="run every scheduler tick once at the current time, print what they wrote, and exit (no draining)",
    )
    parser.set_defaults(func=_worker)


def _worker(args: argparse.Namespace) -> int:
    import asyncio
    import logging
    import signal

    from bot import logs
    from bot.app import StartupError, build_app
    from bot.cli import CliError
    from bot.cli.common import settings_or_exit
    from bot.runtime import Runtime, add_every_sender

    settings = settings_or_exit()
    secrets = tuple(
        s.get_secret_value()
        for s in (settings.telegram_token, settings.telegram_webhook_secret, getattr(settings, "wechat_secret", None))
        if s is not None
    )
    logs.setup(settings.log_level, secrets)
    log = logging.getLogger("bot.worker")

    async def main() -> None:
        try:
            app = await build_app(settings)
        except StartupError as exc:
            raise CliError(str(exc)) from None
        runtime = Runtime(app)
        try:
            if args.once:
                from scheduler import jobs

                for name, written in (await jobs.run_all(app)).items():
                    print(f"{name}\t{written}")
                return
            channels = await add_every_sender(runtime)
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGINT, signal.SIGTERM):
                loop.add_signal_handler(sig, runtime.stop.set)
            runtime.start_background(scheduler=False if args.no_scheduler else None)
            log.info(
                "worker running: drainers for %s; scheduler %s",
                ", ".join(channels) or "no channel",
                "off" if runtime.scheduler is None else "campaigning",
            )
            await runtime.stop.wait()
            log.info("worker stopping")
        finally:
            await runtime.stop_background()
            await runtime.close()
            await app.close()

    asyncio.run(main())
    return 0
