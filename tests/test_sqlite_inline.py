"""SQLite calls run on the event loop's thread, yet a lock held elsewhere never stalls the loop."""

from __future__ import annotations

import asyncio
import sqlite3

from bot.config import sqlite_path
from tests.helpers import Chat


async def test_a_message_waits_for_another_process_write_lock_while_the_loop_runs_on(app, sqlite_url):
    other = sqlite3.connect(sqlite_path(sqlite_url), isolation_level=None)  # e.g. the worker process
    other.execute("BEGIN IMMEDIATE")
    loop = asyncio.get_running_loop()
    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.01)
            ticks += 1

    running = asyncio.create_task(ticker())
    loop.call_later(0.5, other.commit)  # runs only if the loop is not blocked behind the lock
    try:
        me = Chat(app, "patient")
        await me.say("你好")
    finally:
        running.cancel()
        other.close()
    assert "有什么可以帮您" in me.text
    assert ticks >= 10  # other work went on while the message waited for the lock


async def test_a_bulk_insert_run_on_a_thread_is_stored_whole(app):
    """An executemany over many rows (a broadcast's enqueueing) goes to a thread, in the same transaction."""
    from sqlalchemy import text

    async with app.db.uow() as uow:
        connection = await uow.session.connection()
        await connection.execute(text("CREATE TABLE bulk_probe (n INTEGER)"))
        await connection.execute(text("INSERT INTO bulk_probe (n) VALUES (:n)"), [{"n": n} for n in range(50_000)])
        await uow.commit()
        connection = await uow.session.connection()
        count = (await connection.execute(text("SELECT count(*) FROM bulk_probe"))).scalar_one()
    assert count == 50_000
