"""`resident-bot wechat create-menu` against the WeChat API peer."""

from __future__ import annotations

import os
from pathlib import Path

from tests.channels.wechat_harness import APPID, SECRET, TOKEN
from tests.helpers import run_cli
from tests.peers.wechat import WeChatPeer

ROOT = Path(__file__).resolve().parents[2]


async def test_create_menu_publishes_the_configured_menu(tmp_path: Path):
    async with WeChatPeer(appid=APPID, secret=SECRET) as peer:
        env = {k: v for k, v in os.environ.items() if not k.startswith("RESIDENT_BOT_")}
        env.update(
            PYTHONPATH=str(ROOT),
            RESIDENT_BOT_DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}",
            RESIDENT_BOT_WECHAT_TOKEN=TOKEN,
            RESIDENT_BOT_WECHAT_APPID=APPID,
            RESIDENT_BOT_WECHAT_SECRET=SECRET,
            RESIDENT_BOT_WECHAT_API_URL=peer.url,
        )
        code, out, err = await run_cli("wechat", "create-menu", env=env, cwd=tmp_path)
        assert code == 0, err
        assert [b["name"] for b in peer.menu["button"]] == ["办事指南", "预约服务", "诉求心愿"]
        assert all(len(b["sub_button"]) <= 5 for b in peer.menu["button"])

        too_many = tmp_path / "menu.yaml"
        too_many.write_text(
            "button:\n" + "".join(f"  - {{type: click, name: 菜单{i}, key: k{i}}}\n" for i in range(4)), encoding="utf-8"
        )
        code, out, err = await run_cli("wechat", "create-menu", str(too_many), env=env, cwd=tmp_path)
        assert code == 1 and "1 到 3" in err
