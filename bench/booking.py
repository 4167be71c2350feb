"""Benchmark of booking under contention, on SQLite and PostgreSQL.

    .venv/bin/python bench/booking.py [--attempts N] [--slots S] [--seats C] [--concurrency K] [--no-postgres]

Many residents (one attempt each) race for a few slots of C seats through
the booking service (`bot.services.booking.book`, one unit of work per
attempt, as the dispatcher runs it), K attempts in flight at a time. Prints
attempts per second, bookings per second, how many were told "full", and
the over-bookings found afterwards (bookings beyond a slot's capacity, and
slots whose counter disagrees with the bookings): both must be 0.

PostgreSQL: RESIDENT_BOT_TEST_POSTGRES_URL (default
postgresql+asyncpg://postgres@127.0.0.1:5432/test); a scratch database is
created and dropped there. SQLite: a scratch file in a temporary folder.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

START = datetime(2026, 3, 2, 1, 30, tzinfo=UTC)  # Monday 09:30 in Xuchang
PG_URL = os.environ.get("RESIDENT_BOT_TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test")


async def run(url: str, plan_file: Path, attempts: int, slots: int, concurrency: int) -> dict[str, float]:
    from sqlalchemy import func
    from sqlmodel import select

    from bot.app import build_app
    from bot.clock import FrozenClock
    from bot.config import Settings
    from bot.db import migrate
    from bot.models import Booking, BookingSlot
    from bot.services import booking, opening, people

    await migrate.upgrade_async(url)
    settings = Settings(database_url=url, auto_migrate=False, opening_plan_file=plan_file, _env_file=None)  # type: ignore[call-arg]
    app = await build_app(settings, clock=FrozenClock(START))
    try:
        rules = booking.Rules.of(app)
        day_slots = [s for s in opening.slots_on(rules.plan, datetime(2026, 3, 3).date(), settings.timezone)][:slots]
        async with app.db.uow() as uow:
            persons = [await people.get_or_create(uow, "bench", f"u{i}") for i in range(attempts)]
            await uow.commit()
        gate = asyncio.Semaphore(concurrency)
        outcome = {"booked": 0, "full": 0, "other": 0}

        async def attempt(i: int) -> None:
            request = booking.Request(
                service_id="health-check", kind="centre", centre="health",
                start=day_slots[i % len(day_slots)].start, token=f"bench-{i}",
            )
            async with gate, app.db.uow() as uow:
                try:
                    result = await booking.book(uow, rules, persons[i], request)
                except Exception:  # noqa: BLE001 - counted, must stay 0
                    outcome["other"] += 1
                    return
            outcome["booked" if isinstance(result, booking.Booked) else "full"] += 1

        began = time.perf_counter()
        await asyncio.gather(*(attempt(i) for i in range(attempts)))
        elapsed = time.perf_counter() - began
        async with app.db.uow() as uow:
            per_slot = dict(
                (await uow.session.exec(select(Booking.slot_id, func.count()).group_by(Booking.slot_id))).all()  # type: ignore[call-overload]
            )
            rows = (await uow.session.exec(select(BookingSlot))).all()
        over = sum(max(0, per_slot.get(r.id, 0) - r.capacity) for r in rows)
        drift = sum(1 for r in rows if per_slot.get(r.id, 0) != r.taken)
        return {
            "seconds": elapsed,
            "attempts_per_s": attempts / elapsed,
            "bookings_per_s": outcome["booked"] / elapsed,
            "booked": outcome["booked"],
            "full": outcome["full"],
            "errors": outcome["other"],
            "capacity": sum(r.capacity for r in rows),
            "overbooked": over,
            "counter_drift": drift,
        }
    finally:
        await app.close()


async def _pg_admin(sql: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(PG_URL.replace("postgresql+asyncpg://", "postgresql://"), timeout=5)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--attempts", type=int, default=2000)
    parser.add_argument("--slots", type=int, default=10)
    parser.add_argument("--seats", type=int, default=10)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()

    import yaml

    from bot.services.opening import shipped_plan_path

    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, {platform.platform()}; Python {platform.python_version()}")
    print(f"{args.attempts} attempts for {args.slots} slots x {args.seats} seats, {args.concurrency} in flight\n")
    with tempfile.TemporaryDirectory() as folder:
        plan = yaml.safe_load(shipped_plan_path().read_text(encoding="utf-8"))
        plan.update(seats_per_slot=args.seats, max_open_bookings=50)
        plan_file = Path(folder) / "plan.yaml"
        plan_file.write_text(yaml.safe_dump(plan, allow_unicode=True), encoding="utf-8")
        targets = [("SQLite", f"sqlite+aiosqlite:///{folder}/bench.db", None)]
        if not args.no_postgres:
            name = f"rb_bench_{uuid.uuid4().hex[:8]}"
            try:
                asyncio.run(_pg_admin(f'CREATE DATABASE "{name}"'))
                targets.append(("PostgreSQL", PG_URL.rsplit("/", 1)[0] + "/" + name, name))
            except Exception as exc:  # noqa: BLE001
                print(f"PostgreSQL skipped: {exc}")
        print("| database   | attempts/s | bookings/s | booked | told full | errors | over-booked | counter drift |")
        print("|------------|-----------:|-----------:|-------:|----------:|-------:|------------:|--------------:|")
        for label, url, pg_name in targets:
            try:
                r = asyncio.run(run(url, plan_file, args.attempts, args.slots, args.concurrency))
            finally:
                if pg_name:
                    asyncio.run(_pg_admin(f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)'))
            print(
                f"| {label:<10} | {r['attempts_per_s']:>10.0f} | {r['bookings_per_s']:>10.0f} | {r['booked']:>6} "
                f"| {r['full']:>9} | {r['errors']:>6} | {r['overbooked']:>11} | {r['counter_drift']:>13} |"
            )


if __name__ == "__main__":
    main()
